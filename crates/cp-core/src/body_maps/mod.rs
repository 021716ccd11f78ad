//! Body maps (issue 24): marks a lead saw on a child, placed on an outline of the body (front,
//! back, or the head and face), kept as data with the chronology entry that records them, so
//! the case page, the evidence report and the conference pack draw them from the same record.
//! A mark is withdrawn with a reason, never changed or deleted. `rules` checks what a lead
//! recorded (pure), `sql` is the area's SQL, `actions` the steps through the write path.

mod actions;
pub mod outline;
pub mod rules;
mod sql;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::clock::Stamp;

pub use actions::{add_mark, for_case, withdraw_mark};

/// A mark as the case page shows it and the reports draw it.
#[derive(Debug, Clone, PartialEq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct BodyMark {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub entry_id: i64,
    #[ts(type = "number")]
    pub person_id: i64,
    /// Numbered within its entry, as the outline shows it.
    #[ts(type = "number")]
    pub number: i64,
    pub view: rules::View,
    pub shape: rules::Shape,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub description: String,
    pub size: String,
    pub colour: String,
    pub seen_by: String,
    #[ts(type = "string")]
    pub seen_on: NaiveDate,
    pub child_said: String,
    #[ts(type = "string")]
    pub added_at: Stamp,
    pub added_by: String,
    #[ts(type = "string | null")]
    pub withdrawn_at: Option<Stamp>,
    pub withdrawn_by: Option<String>,
    pub withdrawn_reason: String,
}
