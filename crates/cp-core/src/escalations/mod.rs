//! Professional disagreement escalated step by step (issue 22, seed 004): each step of the
//! local procedure in Settings, the date its response is due, and the resolution; never
//! deleted. `rules` (pure), `sql` (the area's only SQL), `actions` (the write path).

mod actions;
pub mod rules;
mod sql;

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::FromRow;
use ts_rs::TS;

use crate::clock::Stamp;

pub use actions::{
    PROCEDURE_SETTING, for_case, next_step, next_step_in, open, procedure, raise, raise_in, resolve, set_procedure,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct EscalationStep {
    #[ts(type = "number")]
    pub escalation_id: i64,
    /// 1 for the procedure's first step.
    #[ts(type = "number")]
    pub step: i64,
    /// Whom the step went to, in the procedure's words when it was taken.
    pub level: String,
    #[ts(type = "string")]
    pub raised_on: NaiveDate,
    pub raised_with: String,
    /// When a response is due, before the next step.
    #[ts(type = "string")]
    pub response_due: NaiveDate,
    pub recorded_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct CaseEscalation {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub case_id: i64,
    #[ts(type = "number | null")]
    pub referral_id: Option<i64>,
    pub with_whom: String,
    pub disagreement: String,
    pub outcome: String,
    #[ts(type = "string | null")]
    pub resolved_on: Option<NaiveDate>,
    pub resolved_by: Option<String>,
    #[ts(type = "string")]
    pub recorded_at: Stamp,
    pub recorded_by: String,
    /// In order, the first step first.
    #[sqlx(skip)]
    pub steps: Vec<EscalationStep>,
    /// The procedure's next step while unresolved, if it has one.
    #[sqlx(skip)]
    pub next_level: Option<String>,
}

/// An unresolved escalation's latest step, with its case's reference, for the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct EscalationRow {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub case_id: i64,
    pub reference: String,
    pub with_whom: String,
    pub level: String,
    #[ts(type = "string")]
    pub response_due: NaiveDate,
}
