//! Form drafts: what a lead has typed and not yet saved, kept in the encrypted database so it
//! survives the app locking (or closing) mid-sentence. A draft is not a record: it is replaced
//! as the lead types and deleted when the form is saved or discarded.

use chrono::{DateTime, Utc};

use crate::clock::stamp;
use crate::store::{Store, db_error};
use crate::{Error, Result};

/// Longer than any form's fields together; a bigger body is a bug in the UI, not a draft.
pub const MAX_DRAFT_BYTES: usize = 256 * 1024;
const MAX_KEY_BYTES: usize = 100;

fn check_key(key: &str) -> Result<()> {
    if key.is_empty()
        || key.len() > MAX_KEY_BYTES
        || !key.chars().all(|c| c.is_ascii_alphanumeric() || ":-_".contains(c))
    {
        return Err(Error::invalid("That draft name is not one CP Tracker uses."));
    }
    Ok(())
}

pub async fn save(store: &Store, lead_id: i64, key: &str, body: &str, now: DateTime<Utc>) -> Result<()> {
    check_key(key)?;
    if body.len() > MAX_DRAFT_BYTES {
        return Err(Error::invalid("This form is too long to keep as a draft. Save it, or shorten it."));
    }
    sqlx::query(
        "INSERT INTO drafts (lead_id, key, body, saved_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (lead_id, key) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at",
    )
    .bind(lead_id)
    .bind(key)
    .bind(body)
    .bind(stamp(now))
    .execute(store.pool())
    .await?;
    Ok(())
}

pub async fn load(store: &Store, lead_id: i64, key: &str) -> Result<Option<String>> {
    check_key(key)?;
    sqlx::query_scalar("SELECT body FROM drafts WHERE lead_id = ? AND key = ?")
        .bind(lead_id)
        .bind(key)
        .fetch_optional(store.pool())
        .await
        .map_err(db_error)
}

pub async fn discard(store: &Store, lead_id: i64, key: &str) -> Result<()> {
    check_key(key)?;
    sqlx::query("DELETE FROM drafts WHERE lead_id = ? AND key = ?")
        .bind(lead_id)
        .bind(key)
        .execute(store.pool())
        .await?;
    Ok(())
}
