//! The organisation and its leads: set-up's input, adding a lead, deactivating one (never
//! deleting), a lead's own passphrase, and signing in. `rules` checks what a lead typed, `sql`
//! is the area's only SQL (public for the tests and the admin CLI's checks), `actions` and
//! `sign_in` tie them to the write path.

mod actions;
pub mod rules;
mod sign_in;
pub mod sql;

use serde::Serialize;
use sqlx::FromRow;
use ts_rs::TS;

pub use actions::{add_lead, change_passphrase, deactivate_lead};
pub use sign_in::sign_in;
pub use sql::{find_lead, list_leads, organisation_name};

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
