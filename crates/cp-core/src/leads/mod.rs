//! The leads of the organisation: adding one, deactivating one (never deleting), a lead's own
//! passphrase, and the settings they share. `sql` is the area's only SQL; `actions` ties it
//! to the write path.

mod actions;
pub mod sql;

use serde::Serialize;
use sqlx::FromRow;
use ts_rs::TS;

pub use actions::{add_lead, change_passphrase, deactivate_lead, set_setting};

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
