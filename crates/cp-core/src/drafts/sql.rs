//! The drafts' SQL: one body per lead and form, replaced as the lead types.

use sqlx::SqliteConnection;

use crate::Result;
use crate::store::Store;

pub(super) async fn put(conn: &mut SqliteConnection, lead_id: i64, key: &str, body: &str, at: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO drafts (lead_id, key, body, saved_at) VALUES (?, ?, ?, ?)
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
    Ok(sqlx::query_scalar("SELECT body FROM drafts WHERE lead_id = ? AND key = ?")
        .bind(lead_id)
        .bind(key)
        .fetch_optional(store.pool())
        .await?)
}

pub(super) async fn delete(conn: &mut SqliteConnection, lead_id: i64, key: &str) -> Result<()> {
    sqlx::query("DELETE FROM drafts WHERE lead_id = ? AND key = ?").bind(lead_id).bind(key).execute(conn).await?;
    Ok(())
}
