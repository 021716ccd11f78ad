//! Allegations against staff or volunteers: their own list and references, the LADO
//! discussion, further meetings, the outcome, and removal of a false or malicious one (which
//! leaves only its audit trace). Kept apart from family cases. `rules` checks each step
//! (pure), `sql` is the area's only SQL, `actions` ties them to the write path.

mod actions;
pub mod rules;
mod sql;

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::FromRow;
use ts_rs::TS;

pub use actions::{add_meeting, create, get, list, list_for, record_lado, record_outcome, remove};
pub use rules::LadoDiscussion;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Meeting {
    #[serde(skip)]
    #[ts(skip)]
    pub allegation_id: i64,
    #[ts(type = "string")]
    pub held_on: NaiveDate,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Allegation {
    #[ts(type = "number")]
    pub id: i64,
    pub reference: String,
    pub person_name: String,
    pub person_role: String,
    pub setting: String,
    #[ts(type = "string | null")]
    pub person_dob: Option<NaiveDate>,
    #[ts(as = "Vec<rules::HarmTest>")]
    pub harm_tests: crate::store::text::List<rules::HarmTest>,
    pub reported_by: String,
    pub reported_to: String,
    #[ts(type = "string")]
    pub reported_on: NaiveDate,
    pub written_record: String,
    #[ts(type = "string | null")]
    pub lado_on: Option<NaiveDate>,
    pub lado_advice: Option<String>,
    pub meets_criteria: Option<bool>,
    pub final_outcome: Option<rules::FinalOutcome>,
    #[ts(type = "string | null")]
    pub outcome_on: Option<NaiveDate>,
    #[ts(type = "string")]
    pub retention_until: NaiveDate,
    #[sqlx(skip)]
    pub meetings: Vec<Meeting>,
    /// The lead it is about, if one of them (never the lead who is shown it).
    #[ts(type = "number | null")]
    pub about_lead_id: Option<i64>,
    /// The lead who asked for its removal, waiting for another lead to confirm.
    pub removal_asked_by: Option<String>,
    #[ts(type = "number | null")]
    pub removal_asked_by_id: Option<i64>,
}

/// What asking to remove an allegation did: the first lead asks, a second one removes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Removal {
    Asked,
    Removed,
}
