//! The flags' SQL.

use super::Flag;
use crate::Result;
use crate::store::Store;
use crate::store::db::{Conn, query};

pub(super) async fn insert(conn: &mut Conn<'_>, case_id: i64, flag: &str, lead_id: i64, at: &str) -> Result<i64> {
    query("INSERT INTO case_flags (case_id, flag, added_at, added_by) VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(case_id)
        .bind(flag)
        .bind(at)
        .bind(lead_id)
        .one(conn)
        .await
}

/// The flag's case and whether it has ended, read inside the write that ends it.
pub(super) async fn case_and_ended(conn: &mut Conn<'_>, id: i64) -> Result<Option<(i64, bool)>> {
    query("SELECT case_id, ended_at IS NOT NULL FROM case_flags WHERE id = $1").bind(id).fetch_optional(conn).await
}

pub(super) async fn end(conn: &mut Conn<'_>, id: i64, reason: &str, lead_id: i64, at: &str) -> Result<()> {
    query("UPDATE case_flags SET ended_at = $1, ended_by = $2, end_reason = $3 WHERE id = $4 AND ended_at IS NULL")
        .bind(at)
        .bind(lead_id)
        .bind(reason)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// A case's flags: those in force first, oldest first; then the ended ones, newest first.
pub(super) async fn for_case(store: &Store, case_id: i64) -> Result<Vec<Flag>> {
    query(
        "SELECT f.id, f.case_id, f.flag, f.added_at, a.name AS added_by, f.ended_at, e.name AS ended_by, f.end_reason
         FROM case_flags f JOIN leads a ON a.id = f.added_by LEFT JOIN leads e ON e.id = f.ended_by
         WHERE f.case_id = $1
         ORDER BY CASE WHEN f.ended_at IS NULL THEN 0 ELSE 1 END, CASE WHEN f.ended_at IS NULL THEN f.id ELSE -f.id END",
    )
    .bind(case_id)
    .fetch_all(&mut store.db())
    .await
}

/// Every flag in force: (case, words), by case then age.
pub(super) async fn in_force(store: &Store) -> Result<Vec<(i64, String)>> {
    query("SELECT case_id, flag FROM case_flags WHERE ended_at IS NULL ORDER BY case_id, id")
        .fetch_all(&mut store.db())
        .await
}

/// The flags in force on the cases `ids` (a page of the case list): (case, words).
pub(super) async fn in_force_on(store: &Store, ids: &[i64]) -> Result<Vec<(i64, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = crate::store::db::Builder::new(
        store.engine(),
        "SELECT case_id, flag FROM case_flags WHERE ended_at IS NULL AND case_id IN (",
    );
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            q.push(", ");
        }
        q.push_bind(*id);
    }
    q.push(") ORDER BY case_id, id");
    q.build().fetch_all(&mut store.db()).await
}
