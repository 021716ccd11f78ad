//! What the admin command line reports about a data folder: schema version, cases by status,
//! the last backup, and SQLite's own integrity check.

use crate::Result;
use crate::store::Store;
use crate::store::db::query;

pub struct Status {
    pub schema_version: i64,
    pub live: i64,
    pub closed: i64,
    pub archived: i64,
    pub last_backup: Option<String>,
}

pub async fn status(store: &Store) -> Result<Status> {
    let schema_version: i64 =
        query("SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations").one(&mut store.db()).await?;
    let (live, closed, archived): (i64, i64, i64) = query(
        "SELECT count(CASE WHEN status = 'live' THEN 1 END), count(CASE WHEN status = 'closed' THEN 1 END),
                count(CASE WHEN status = 'archived' THEN 1 END) FROM cases",
    )
    .fetch_one(&mut store.db())
    .await?;
    let last_backup: Option<String> =
        query("SELECT MAX(at) FROM audit_log WHERE action = 'backup_made'").one(&mut store.db()).await?;
    Ok(Status { schema_version, live, closed, archived, last_backup })
}

/// SQLite's `integrity_check`: "ok", or the first problems it found; `None` in shared mode,
/// where the organisation's server looks after its own storage.
pub async fn integrity_check(store: &Store) -> Result<Option<String>> {
    let Some(pool) = store.file_pool() else { return Ok(None) };
    Ok(Some(sqlx::query_scalar("PRAGMA integrity_check").fetch_one(pool).await?))
}
