//! Weekly review checklists (seed 000 ii–iii): each lead's list of the week's cases with
//! outcomes, the sign-off that reports the week to the other lead, late notes after it, and
//! the weeks' history. `rules` says which cases are on a week and what an outcome needs
//! (pure), `sql` is the area's only SQL, `checklist` reads a week, `actions` records it
//! through the write path.

mod actions;
mod checklist;
pub mod rules;
mod sql;

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::FromRow;
use ts_rs::TS;

pub use actions::{late_note, record, sign_off};
pub use checklist::{checklist, details, history, unreviewed_changes};

use crate::changes::Change;
use crate::clock::Stamp;
use crate::timescales::rules::DueItem;
use rules::Outcome;

/// How many of each case's changes since the lead's last review the checklist shows: the
/// newest, with how many there are in all (the rest on asking: `unreviewed_changes`).
pub const CHANGES_SHOWN: u32 = 3;

/// How many of each case's open actions the checklist shows: the soonest due, with how many
/// are open in all (the case's actions panel has the rest).
pub const ACTIONS_SHOWN: u32 = 3;

/// How many of a week's items come with their details; the list shows as many at a time,
/// and a thousand items' changes, timescales and actions cost more than the list itself.
pub const DETAILED: usize = 100;

/// The most items' details one `details` call reads: a few pages of the list.
pub const DETAILS_AT_MOST: usize = 500;

/// How many past weeks the history shows (and keeps flagging as overdue when unsigned).
pub const HISTORY_WEEKS: u32 = 12;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistItem {
    #[ts(type = "number")]
    pub case_id: i64,
    pub reference: String,
    pub address: String,
    pub level: crate::domain::case::Level,
    pub status: crate::domain::case::Status,
    /// The case's name from its children ("Łukasz and Siân Nowak"), empty when it has none.
    pub name: String,
    #[ts(type = "string | null")]
    pub opened_in_week: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub closed_in_week: Option<NaiveDate>,
    pub outcome: Option<Outcome>,
    pub note: String,
    #[ts(type = "string | null")]
    pub recorded_at: Option<Stamp>,
    /// The warnings in force on the case.
    pub flags: Vec<String>,
    /// What changed, what is due and the open actions: read with the list for the first
    /// `DETAILED` items, and for the rest as the lead reaches them (`details`); `None` until then.
    pub details: Option<ItemDetails>,
    pub late_notes: Vec<LateNote>,
}

/// What an item of the checklist shows beyond its case and outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItemDetails {
    #[ts(type = "number")]
    pub case_id: i64,
    /// The newest of what others changed on the case since this lead last reviewed it
    /// (`CHANGES_SHOWN` at most), oldest first.
    pub changes: Vec<Change>,
    /// How many changes there are since that review, of which `changes` are the newest.
    pub changes_total: u32,
    pub due: Vec<DueItem>,
    /// The case's soonest due open actions (`ACTIONS_SHOWN` at most), soonest first.
    pub actions: Vec<crate::case_actions::CaseAction>,
    /// How many actions are open on the case, of which `actions` are the soonest due.
    pub actions_total: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct LateNote {
    #[serde(skip)]
    #[ts(skip)]
    pub case_id: i64,
    pub note: String,
    #[ts(type = "string")]
    pub recorded_at: Stamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Checklist {
    pub week: String,
    #[ts(type = "string")]
    pub monday: NaiveDate,
    #[ts(type = "string")]
    pub sunday: NaiveDate,
    #[ts(type = "number")]
    pub lead_id: i64,
    pub lead: String,
    /// The checklist of the lead viewing it (editable until signed off) or another's.
    pub mine: bool,
    #[ts(type = "string | null")]
    pub signed_off_at: Option<Stamp>,
    pub done: u32,
    pub items: Vec<ChecklistItem>,
    /// The weeks either side, for moving through the history; no next week once it would be
    /// a week that has not started.
    pub previous_week: String,
    pub next_week: Option<String>,
    pub this_week: String,
}

/// One case's outcome as recorded: what the checklist shows for it from now on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Recorded {
    pub outcome: Outcome,
    pub note: String,
    #[ts(type = "string")]
    pub recorded_at: Stamp,
}

/// One lead's week in the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WeekStatus {
    pub week: String,
    #[ts(type = "string")]
    pub monday: NaiveDate,
    #[ts(type = "number")]
    pub lead_id: i64,
    pub lead: String,
    pub total: u32,
    pub done: u32,
    #[ts(type = "string | null")]
    pub signed_off_at: Option<Stamp>,
    /// A past week with cases to review that the lead has not signed off.
    pub overdue: bool,
}
