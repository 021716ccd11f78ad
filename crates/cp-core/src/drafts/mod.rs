//! Form drafts: what a lead has typed and not yet saved, kept in the encrypted database so it
//! survives the app locking (or closing) mid-sentence. A draft is not a record: it is replaced
//! as the lead types and deleted when the form is saved or discarded, so it is not audited;
//! it still goes through the write path, which takes the write lock the same way as every
//! other write. `sql` is the area's only SQL.

mod sql;

use chrono::{DateTime, Utc};

use crate::audit::Actor;
use crate::store::Store;
use crate::write;
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
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let at = w.at().to_owned();
        sql::put(&mut w.sql(), lead_id, key, body, &at).await
    })
    .await
}

pub async fn load(store: &Store, lead_id: i64, key: &str) -> Result<Option<String>> {
    check_key(key)?;
    sql::get(store, lead_id, key).await
}

pub async fn discard(store: &Store, lead_id: i64, key: &str, now: DateTime<Utc>) -> Result<()> {
    check_key(key)?;
    write::run(store, Actor::Lead(lead_id), now, async |w| sql::delete(&mut w.sql(), lead_id, key).await).await
}
