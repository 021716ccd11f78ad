//! A case's chronology: adding entries, amending them by new revisions, and reading them back
//! newest first with every earlier revision still readable. `rules` checks an entry (pure),
//! `sql` is the area's only SQL, `actions` ties them to the write path.

mod actions;
pub mod rules;
pub(crate) mod sql;

use crate::clock::Stamp;
use chrono::NaiveDate;
use serde::Serialize;
use sqlx::FromRow;
use ts_rs::TS;

pub use actions::{add_entry, amend_entry, for_case, set_tags, tags};
pub(crate) use actions::{add_entry_in, receive_entry_in};

/// One revision of an entry, as the case page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Revision {
    #[ts(type = "number")]
    pub entry_id: i64,
    #[serde(skip)]
    #[ts(skip)]
    pub revision_id: i64,
    #[ts(type = "number")]
    pub revision: i64,
    #[ts(type = "string")]
    pub event_on: NaiveDate,
    pub event_time: Option<String>,
    pub kind: rules::EntryKind,
    pub info_source: String,
    pub summary: String,
    pub detail: String,
    pub action_required: String,
    pub amend_reason: String,
    #[ts(type = "string")]
    pub recorded_at: Stamp,
    pub recorded_by: String,
    #[sqlx(skip)]
    #[ts(type = "number[]")]
    pub children: Vec<i64>,
    #[sqlx(skip)]
    pub significant: bool,
    #[sqlx(skip)]
    pub tags: Vec<String>,
}

/// An entry: its current revision, and the earlier ones newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChronologyEntry {
    pub current: Revision,
    pub earlier: Vec<Revision>,
    /// When and by whom the entry was first recorded.
    #[ts(type = "string")]
    pub created_at: Stamp,
    pub created_by: String,
}

/// One revision of an entry received in another setting's file, as it was there.
#[derive(Debug, Clone)]
pub struct ReceivedRevision {
    pub revision: i64,
    /// What it said; its children are people of the receiving case.
    pub entry: rules::NewEntry,
    pub amend_reason: String,
    /// When and by whom it was recorded at the setting it came from.
    pub recorded_at: String,
    pub recorded_by: String,
}
