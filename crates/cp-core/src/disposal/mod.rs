//! Removing a case's records, the one way past the append-only guards: when its file went to
//! a child's new setting and the organisation keeps no copy (issue 23), and at the end of its
//! retention (issue 25). `rules` says why a case's records may go, `sql` the area's only SQL
//! (on PostgreSQL the laptops may not delete, so one function on the server does it), and
//! `actions` ties them to the write path: one write removes the records, keeps the case's
//! emptied row and the removal log's entry, and seals each removed record as removed so
//! `verify` tells a removal from a record cut out of the file. `allegations` does the same
//! for allegations against staff at the end of theirs.

mod actions;
mod allegation_sql;
mod allegations;
pub mod retention;
mod review;
pub mod rules;
mod sql;

use serde::Serialize;
use sqlx::FromRow;
use ts_rs::TS;

use crate::clock::Stamp;

pub use actions::{removal_of, removals};
pub(crate) use actions::{removal_of_in, remove_case_in};
pub use allegations::{AllegationRetention, allegation_review, decide_allegation};
pub use review::{
    DecisionMade, Retention, RetentionYears, awaiting_decision, decide, retention_for, review, set_years, years,
};

/// One entry of the removal log: no personal content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct RecordRemoval {
    #[ts(type = "number")]
    pub id: i64,
    /// What kind of record went: "case" or "allegation".
    pub kind: String,
    pub reference: String,
    pub rule: rules::RemovalRule,
    /// How many sealed records (chronology entries and their revisions, level and status
    /// history, concerns and their escalations) went with it.
    #[ts(type = "number")]
    pub records: i64,
    pub asked_by: String,
    pub confirmed_by: Option<String>,
    #[ts(type = "string")]
    pub removed_at: Stamp,
}
