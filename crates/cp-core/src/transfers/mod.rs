//! Transfer-ins: the child, their plan from the originating authority and the transfer's own
//! details are written to the case together, in one write. `rules` checks what a lead typed
//! (pure), `sql` is the area's only SQL, `actions` ties them to the write path.

mod actions;
pub mod rules;
mod sql;

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::FromRow;
use ts_rs::TS;

pub use actions::{for_case, record};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct TransferRow {
    pub child: String,
    pub kind: rules::StayKind,
    pub originating_authority: String,
    pub social_worker: String,
    #[ts(type = "string | null")]
    pub stay_from: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub stay_to: Option<NaiveDate>,
    /// JSON list of `{agency, on}`.
    pub agencies_notified: String,
}
