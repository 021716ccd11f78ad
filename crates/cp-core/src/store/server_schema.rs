//! The schema a laptop finds on the organisation's server. Laptops' roles cannot change the
//! schema (least privilege), so a laptop only checks it: one newer than this build is refused
//! as the file's is, and one older waits for whoever runs the database
//! (`cp-tracker-admin shared upgrade`), so two laptops never apply migrations at once.

use sqlx::PgPool;

use super::POSTGRES_MIGRATOR;
use crate::{Error, ErrorCode, Result};

pub async fn check(pool: &PgPool) -> Result<()> {
    let prepared: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM information_schema.tables
                        WHERE table_schema = 'public' AND table_name = '_sqlx_migrations')",
    )
    .fetch_one(pool)
    .await?;
    if !prepared {
        return Err(Error::new(
            ErrorCode::NotSetUp,
            "Your organisation's database has not been prepared for CP Tracker. Whoever runs it prepares it with \
             `cp-tracker-admin shared init`.",
        ));
    }
    let applied: Vec<i64> =
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success").fetch_all(pool).await?;
    let known: Vec<i64> = POSTGRES_MIGRATOR.iter().map(|m| m.version).collect();
    if applied.iter().any(|v| !known.contains(v)) {
        return Err(Error::new(
            ErrorCode::SchemaTooNew,
            "Your organisation's records were saved by a newer version of CP Tracker. Install that version (or \
             newer) on this laptop to open them; nothing has been changed.",
        ));
    }
    if known.iter().any(|v| !applied.contains(v)) {
        return Err(Error::new(
            ErrorCode::SchemaTooOld,
            "Your organisation's database needs updating for this version of CP Tracker. Ask whoever runs it to run \
             `cp-tracker-admin shared upgrade`; nothing has been changed.",
        ));
    }
    Ok(())
}
