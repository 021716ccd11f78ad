//! Referrals followed to their outcome, and decisions not to refer (issue 22, seed 003).
//! `rules` (pure), `sql` (the area's only SQL), `actions` (the write path).

mod actions;
pub mod rules;
mod sql;

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::FromRow;
use ts_rs::TS;

use crate::clock::Stamp;

pub use actions::{
    CHASE_SETTING, awaiting, chase_days, chase_due, for_case, record, record_in, set_chase_days, step, step_in,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Referral {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub case_id: i64,
    pub agency: rules::Agency,
    /// False: a decision not to refer, with its reasons.
    pub referred: bool,
    pub by_phone: bool,
    #[ts(type = "string")]
    pub made_on: NaiveDate,
    pub made_to: String,
    pub reasons: String,
    #[ts(type = "string | null")]
    pub confirmed_on: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub acknowledged_on: Option<NaiveDate>,
    pub decision: String,
    #[ts(type = "string | null")]
    pub decided_on: Option<NaiveDate>,
    #[ts(type = "string")]
    pub recorded_at: Stamp,
    pub recorded_by: String,
    /// The case's nation, whose calendar the chase counts on.
    #[serde(skip)]
    #[ts(skip)]
    pub nation: String,
    /// When the decision is to be chased, while none has been received.
    #[sqlx(skip)]
    #[ts(type = "string | null")]
    pub chase_on: Option<NaiveDate>,
}

/// A referral awaiting its decision, with its case's reference, for the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct ReferralRow {
    pub reference: String,
    #[sqlx(flatten)]
    #[serde(flatten)]
    #[ts(flatten)]
    pub referral: Referral,
}
