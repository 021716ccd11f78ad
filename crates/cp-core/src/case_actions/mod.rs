//! Actions on a case (issue 22): what is to be done, by whom, by when, and how it ended,
//! followed to the end and never deleted. `rules` checks what a lead typed (pure), `sql` is the
//! area's only SQL, `actions` ties them to the write path.

mod actions;
pub mod rules;
mod sql;

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::FromRow;
use ts_rs::TS;

use crate::clock::Stamp;

pub use actions::{
    add, add_in, add_on, end, end_in, for_case, for_target, mine, mine_first, open_first_by_case, overdue_first,
    reassign, reminder,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct CaseAction {
    #[ts(type = "number")]
    pub id: i64,
    /// The case it is on; or else the enquiry or the allegation.
    #[ts(type = "number | null")]
    pub case_id: Option<i64>,
    /// The chronology entry it follows, if any.
    #[ts(type = "number | null")]
    pub entry_id: Option<i64>,
    /// The concern it follows, if any.
    #[ts(type = "number | null")]
    pub concern_id: Option<i64>,
    #[ts(type = "number | null")]
    pub enquiry_id: Option<i64>,
    #[ts(type = "number | null")]
    pub allegation_id: Option<i64>,
    pub what: String,
    /// Set when a lead of the organisation does it.
    #[ts(type = "number | null")]
    pub owner_lead_id: Option<i64>,
    /// The lead's name, or the person's outside the app.
    pub owner: String,
    pub owner_contact: String,
    #[ts(type = "string")]
    pub due_on: NaiveDate,
    pub state: rules::ActionState,
    /// What was done, or why it was not needed.
    pub outcome: String,
    #[ts(type = "string | null")]
    pub closed_at: Option<Stamp>,
    pub closed_by: Option<String>,
    #[ts(type = "string")]
    pub created_at: Stamp,
    pub created_by: String,
}

/// An open action with what it is on, for the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct ActionRow {
    /// The case's reference, the allegation's, or "Enquiry N".
    pub reference: String,
    #[sqlx(flatten)]
    #[serde(flatten)]
    #[ts(flatten)]
    pub action: CaseAction,
}
