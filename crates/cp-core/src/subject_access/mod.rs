//! Subject access requests (issue 25; UK GDPR article 15): a parent's or young person's
//! request for their records, with its one-month clock (and two more when extended), the
//! words withheld from the copy they are given, each with its reason, and the released copy
//! kept whole with the case. `rules` is the clock and the redacting, `sql` the area's SQL,
//! `actions` the steps through the write path; the copy itself is drawn by
//! `reports::subject_access`, which reads the case page.

mod actions;
pub mod rules;
mod sql;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::clock::Stamp;

pub use actions::{
    add_redaction, confirm_identity, extend, for_case, record_request, released_copy, remove_redaction, suggestions,
};
pub(crate) use actions::{record_release, redactions_of};

/// A request as the case page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SubjectAccess {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub case_id: i64,
    pub requester_name: String,
    pub requester: rules::Requester,
    /// The child whose records are asked for; none for the whole family's file.
    #[ts(type = "number | null")]
    pub person_id: Option<i64>,
    /// That child's name.
    pub about: Option<String>,
    #[ts(type = "string")]
    pub received_on: NaiveDate,
    #[ts(type = "string | null")]
    pub identity_checked_on: Option<NaiveDate>,
    pub identity_how: String,
    /// Why it needs longer, once extended.
    pub extension_reason: String,
    #[ts(type = "string")]
    pub due_on: NaiveDate,
    #[ts(type = "string")]
    pub recorded_at: Stamp,
    pub recorded_by: String,
    pub redactions: Vec<RedactionMade>,
    #[ts(type = "string | null")]
    pub released_at: Option<Stamp>,
    pub released_by: Option<String>,
    /// SHA-256 of the released copy, as kept.
    pub digest: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RedactionMade {
    #[ts(type = "number")]
    pub id: i64,
    pub text: String,
    pub reason: rules::Reason,
    pub added_by: String,
}
