//! Attachments (issue 24): letters, referral forms, emails, photos and minutes kept with a
//! case, a chronology entry, a concern, an enquiry or an allegation. Their bytes are inside the
//! encrypted database (on the organisation's server in shared mode), kept once under their
//! SHA-256 however often they are attached, so every backup carries them and nothing is
//! written beside the records in clear. An attachment is withdrawn with a reason, never
//! deleted. `rules` says what may be attached (pure), `sql` is the area's SQL, `actions` the
//! steps through the write path.

mod actions;
pub mod rules;
mod sql;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::Stamp;

pub use actions::{attach, attach_path, for_allegation, for_case, for_enquiry, limit_mb, open, set_limit_mb, withdraw};

/// What a file is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "on", rename_all = "snake_case", rename_all_fields = "camelCase")]
pub enum AttachTo {
    Case {
        #[ts(type = "number")]
        case_id: i64,
    },
    Entry {
        #[ts(type = "number")]
        entry_id: i64,
    },
    Concern {
        #[ts(type = "number")]
        concern_id: i64,
    },
    Enquiry {
        #[ts(type = "number")]
        enquiry_id: i64,
    },
    Allegation {
        #[ts(type = "number")]
        allegation_id: i64,
    },
}

/// An attachment as a record's page lists it: what it is and where it came from, never its
/// bytes (`open` reads those, audited).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number | null")]
    pub entry_id: Option<i64>,
    #[ts(type = "number | null")]
    pub concern_id: Option<i64>,
    pub file_name: String,
    pub kind: rules::FileKind,
    /// Shown inside the app (a PDF or an image); anything else is saved out on request.
    pub viewable: bool,
    #[ts(type = "number")]
    pub size: i64,
    pub sha256: String,
    pub title: String,
    #[ts(type = "string | null")]
    pub document_on: Option<NaiveDate>,
    pub came_from: String,
    /// The children of the case it concerns; empty for the whole family.
    #[ts(type = "Array<number>")]
    pub children: Vec<i64>,
    #[ts(type = "string")]
    pub added_at: Stamp,
    pub added_by: String,
    #[ts(type = "string | null")]
    pub withdrawn_at: Option<Stamp>,
    pub withdrawn_by: Option<String>,
    pub withdrawn_reason: String,
}
