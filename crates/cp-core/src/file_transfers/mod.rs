//! A child protection file moving on with the child (issue 23; KCSIE Annex C): the log of
//! files sent, with the five-working-day clock, the receipt and the chases; and files received
//! from another setting as a transfer package. `rules` is the clock and what a lead typed,
//! `format` the package's records, `package` the encrypted file itself (age, with a one-time
//! passphrase), `sql` the area's only SQL, `actions` ties them to the write path and
//! `receive` turns a package into a case. Making a package from a case is `send_file`, above
//! the case page it reads.

mod actions;
pub mod format;
pub mod package;
mod receive;
pub mod rules;
mod sql;

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::FromRow;
use ts_rs::TS;

use crate::clock::Stamp;

pub(crate) use actions::{SentFile, record_sent_in};
pub use actions::{
    awaiting_receipt, close_case, days, due_for, for_case, keeps_copy, received_between, record_chase, record_receipt,
    sent_between, set_days, set_keeps_copy,
};
pub use receive::{PackagePreview, PreviewChild, Received, preview, receive, received_for_case, received_records};

/// One file sent, as the case page and the dashboard show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct OutgoingTransfer {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub case_id: i64,
    pub reference: String,
    /// The case's name from its children, for lists across cases.
    #[sqlx(skip)]
    pub name: String,
    /// The one child whose file went; none when the whole case's went.
    pub child: Option<String>,
    pub setting: String,
    pub dsl: String,
    pub contact: String,
    #[ts(type = "string")]
    pub move_confirmed_on: NaiveDate,
    #[ts(type = "string")]
    pub due_on: NaiveDate,
    #[ts(type = "string")]
    pub sent_on: NaiveDate,
    pub sent_how: rules::SentHow,
    #[serde(skip)]
    #[ts(skip)]
    pub sections_json: String,
    #[sqlx(skip)]
    pub sections: Vec<rules::Section>,
    /// SHA-256 of the package's manifest, as the receipt slip quotes it.
    pub digest: String,
    #[ts(type = "number")]
    pub records: i64,
    #[ts(type = "string")]
    pub made_at: Stamp,
    pub made_by: String,
    #[ts(type = "string | null")]
    pub receipt_on: Option<NaiveDate>,
    pub receipt_by: String,
    #[sqlx(skip)]
    pub chases: Vec<ChaseRow>,
    /// When to chase the new setting, while no receipt is recorded.
    #[sqlx(skip)]
    #[ts(type = "string | null")]
    pub chase_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct ChaseRow {
    #[serde(skip)]
    #[ts(skip)]
    pub transfer_id: i64,
    #[ts(type = "string")]
    pub chased_on: NaiveDate,
    pub note: String,
    #[ts(type = "string")]
    pub recorded_at: Stamp,
    pub recorded_by: String,
}

/// A file this case was received with, from another setting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct ReceivedFile {
    #[ts(type = "number")]
    pub id: i64,
    pub from_organisation: String,
    pub from_lead: String,
    pub their_reference: String,
    #[ts(type = "string")]
    pub move_confirmed_on: NaiveDate,
    pub made_at: String,
    pub digest: String,
    #[ts(type = "string")]
    pub received_at: Stamp,
    pub received_by: String,
    /// What came with the file that is the other setting's record rather than this case's:
    /// its level history, concerns, actions and ended warnings, as they were there.
    #[sqlx(skip)]
    pub parts: Vec<ReceivedPart>,
}

/// One record a received file holds, as the case page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReceivedPart {
    /// "Level change", "Concern", "Action", "Warning (ended)".
    pub kind: String,
    #[ts(type = "string | null")]
    pub on: Option<NaiveDate>,
    pub title: String,
    pub detail: String,
    /// Who recorded it or decided it there.
    pub by: String,
}
