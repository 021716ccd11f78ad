//! Allegations against staff or volunteers: their own list and references, the LADO
//! discussion, further meetings, the outcome, and removal of a false or malicious one (which
//! leaves only its audit trace). Kept apart from family cases. `rules` checks each step
//! (pure), `sql` is the area's only SQL, `actions` ties them to the write path.

mod actions;
pub mod rules;
mod sql;

use serde::Serialize;
use sqlx::FromRow;
use ts_rs::TS;

pub use actions::{add_meeting, create, get, list, record_lado, record_outcome, remove};
pub use rules::LadoDiscussion;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Meeting {
    #[serde(skip)]
    #[ts(skip)]
    pub allegation_id: i64,
    pub held_on: String,
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
    pub person_dob: Option<String>,
    /// Comma-separated harm tests.
    pub harm_tests: String,
    pub reported_by: String,
    pub reported_to: String,
    pub reported_on: String,
    pub written_record: String,
    pub lado_on: Option<String>,
    pub lado_advice: Option<String>,
    pub meets_criteria: Option<bool>,
    pub final_outcome: Option<rules::FinalOutcome>,
    pub outcome_on: Option<String>,
    pub retention_until: String,
    #[sqlx(skip)]
    pub meetings: Vec<Meeting>,
}
