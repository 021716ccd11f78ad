//! Concerns on open cases: each is a chronology entry too (so it shows in the timeline and,
//! when a strategy discussion is decided, starts that clock) with its decision and reasons
//! kept beside it; escalations follow it. `rules` checks what a lead typed (pure), `sql` is
//! the area's only SQL, `actions` ties them to the write path.

mod actions;
pub mod rules;
mod sql;

use crate::clock::Stamp;
use chrono::NaiveDate;
use serde::Serialize;
use sqlx::FromRow;
use ts_rs::TS;

pub use actions::{escalate, for_case, record};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Escalation {
    #[serde(skip)]
    #[ts(skip)]
    pub concern_id: i64,
    pub level: rules::EscalationLevel,
    pub disagreement: String,
    pub outcome: String,
    #[ts(type = "string")]
    pub recorded_at: Stamp,
    pub recorded_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Concern {
    #[ts(type = "number")]
    pub id: i64,
    pub info_from: String,
    pub nature: rules::Nature,
    #[ts(type = "string | null")]
    pub incident_on: Option<NaiveDate>,
    pub worker_name: String,
    pub worker_role: String,
    pub worker_contact: String,
    pub strategy_needed: bool,
    pub decided_by: String,
    pub reasons: String,
    #[ts(type = "string")]
    pub recorded_at: Stamp,
    pub recorded_by: String,
    #[sqlx(skip)]
    pub escalations: Vec<Escalation>,
}
