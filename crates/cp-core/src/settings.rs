//! The settings every lead shares (the idle lock, the timescales, the bank holidays, the
//! Under 5s list's columns), kept as one text per key. Each area owns its keys and what their
//! text means; this module only stores them, and audits each change by its key.

use chrono::{DateTime, Utc};

use crate::Result;
use crate::audit::{Action, Actor};
use crate::store::Store;
use crate::store::db::{Conn, query};
use crate::write::{self, Write};

pub async fn get(store: &Store, key: &str) -> Result<Option<String>> {
    query("SELECT value FROM settings WHERE key = $1").bind(key).scalar(&mut store.db()).await
}

/// A setting read inside a write, so what is saved next is based on it.
pub async fn get_in(conn: &mut Conn<'_>, key: &str) -> Result<Option<String>> {
    query("SELECT value FROM settings WHERE key = $1").bind(key).scalar(conn).await
}

pub async fn set_in(conn: &mut Conn<'_>, key: &str, value: &str) -> Result<()> {
    query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(key)
        .bind(value)
        .execute(conn)
        .await?;
    Ok(())
}

/// A setting changed by a lead, in its own audited write. `value` is already checked by the
/// setting's own rule.
pub async fn set(store: &Store, by: i64, key: &str, value: &str, now: DateTime<Utc>) -> Result<()> {
    write::run(store, Actor::Lead(by), now, async |w| set_audited(w, key, value).await).await
}

/// A setting changed as one step of a larger write, with its audit row.
pub async fn set_audited(w: &mut Write, key: &str, value: &str) -> Result<()> {
    set_in(&mut w.sql(), key, value).await?;
    w.audit(Action::SettingsChanged, "setting", key.to_owned()).await
}
