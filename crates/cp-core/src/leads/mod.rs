//! The organisation and its leads: set-up's input, adding a lead, deactivating one (never
//! deleting), a lead's own passphrase. `rules` checks what a lead typed, `sql` is the area's
//! only SQL (public for the tests and the admin CLI's checks), `actions` ties them to the
//! write path. Passphrases themselves are checked by the installation's key slots
//! (`installation::unlock`), before the records open.

mod actions;
pub mod rules;
pub mod sql;

use serde::Serialize;
use sqlx::FromRow;
use ts_rs::TS;

pub(crate) use actions::first_rows;
pub use actions::{add_lead, deactivate_lead, record_passphrase_change};
pub use sql::{find_lead, list_leads, organisation_name};

/// What the leads table keeps in place of a passphrase hash for a lead with a key slot: the
/// slot is the only check, and no hash in the database can be guessed against. (Folders from
/// before key slots keep a lead's Argon2 hash until that lead first signs in.)
pub const IN_KEY_SLOT: &str = "key-slot";

/// A lead as the UI sees them: never the passphrase hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Lead {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub role: String,
    pub active: bool,
}
