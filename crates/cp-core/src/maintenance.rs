//! What the admin command line reports about a data folder: schema version, cases by status,
//! the last backup, and SQLite's own integrity check.

use crate::Result;
use crate::store::{Store, db_error};

pub struct Status {
    pub schema_version: i64,
    pub live: i64,
    pub closed: i64,
    pub archived: i64,
    pub last_backup: Option<String>,
}

pub async fn status(store: &Store) -> Result<Status> {
    let schema_version: i64 =
        sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations").fetch_one(store.pool()).await?;
    let (live, closed, archived): (i64, i64, i64) = sqlx::query_as(
        "SELECT COALESCE(SUM(status = 'live'), 0), COALESCE(SUM(status = 'closed'), 0),
                COALESCE(SUM(status = 'archived'), 0) FROM cases",
    )
    .fetch_one(store.pool())
    .await?;
    let last_backup: Option<String> = sqlx::query_scalar("SELECT MAX(at) FROM audit_log WHERE action = 'backup_made'")
        .fetch_one(store.pool())
        .await?;
    Ok(Status { schema_version, live, closed, archived, last_backup })
}

/// SQLite's `integrity_check`: "ok", or the first problems it found.
pub async fn integrity_check(store: &Store) -> Result<String> {
    sqlx::query_scalar("PRAGMA integrity_check").fetch_one(store.pool()).await.map_err(db_error)
}
