//! The drafts' SQL: one body per lead and form, replaced as the lead types.

use crate::Result;
use crate::store::Store;
use crate::store::db::{Conn, query};

pub(super) async fn put(conn: &mut Conn<'_>, lead_id: i64, key: &str, body: &str, at: &str) -> Result<()> {
    query(
        "INSERT INTO drafts (lead_id, key, body, saved_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (lead_id, key) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at",
    )
    .bind(lead_id)
    .bind(key)
    .bind(body)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

pub(super) async fn get(store: &Store, lead_id: i64, key: &str) -> Result<Option<String>> {
    query("SELECT body FROM drafts WHERE lead_id = $1 AND key = $2")
        .bind(lead_id)
        .bind(key)
        .scalar(&mut store.db())
        .await
}

pub(super) async fn delete(conn: &mut Conn<'_>, lead_id: i64, key: &str) -> Result<()> {
    query("DELETE FROM drafts WHERE lead_id = $1 AND key = $2").bind(lead_id).bind(key).execute(conn).await?;
    Ok(())
}
