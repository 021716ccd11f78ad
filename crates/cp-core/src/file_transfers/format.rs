//! The records a transfer package holds, in the shape `docs/transfer-format.md` documents.
//! These are the format's own types, not the case page's: the screens may change, a package
//! made today must still be read by a later CP Tracker (and by another product). Ids are the
//! sender's and only link records inside one package. Add a field with a default, never
//! rename one; anything else is a new version.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::rules::Section;
use crate::case_actions::rules::ActionState;
use crate::chronology::rules::EntryKind;
use crate::concerns::rules::{EscalationLevel, Nature};
use crate::domain::case::Level;
use crate::people::rules::Role;
use crate::plans::rules::{Category, PlanKind};

pub const FORMAT: &str = "cp-tracker-transfer";
pub const VERSION: u32 = 1;

/// The package's first line: who sent it to whom, about which children, and each record's
/// kind and SHA-256 in the order the records follow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    /// 32 hex digits, random: the same package is never received twice.
    pub id: String,
    /// When the package was made (RFC 3339, UTC).
    pub made_at: String,
    pub from: Sender,
    pub to: Receiver,
    pub move_confirmed_on: NaiveDate,
    /// The sending setting's case reference.
    pub case_reference: String,
    /// The children whose file this is.
    pub children: Vec<String>,
    pub sections: Vec<Section>,
    pub records: Vec<Listed>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Sender {
    pub organisation: String,
    /// The lead who made the package.
    pub lead: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Receiver {
    pub setting: String,
    pub dsl: String,
    pub contact: String,
}

/// One record as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Listed {
    pub kind: String,
    /// SHA-256 of the record's line (its UTF-8 bytes, without the line break), lower-case hex.
    pub sha256: String,
}

/// One line after the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "record", rename_all = "snake_case")]
pub enum Record {
    Case(CaseRecord),
    Person(PersonRecord),
    Plan(PlanRecord),
    Entry(EntryRecord),
    Level(LevelRecord),
    Concern(ConcernRecord),
    Action(ActionRecord),
    Flag(FlagRecord),
}

impl Record {
    /// The record's kind, as its line's `record` field and the manifest name it.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Case(_) => "case",
            Self::Person(_) => "person",
            Self::Plan(_) => "plan",
            Self::Entry(_) => "entry",
            Self::Level(_) => "level",
            Self::Concern(_) => "concern",
            Self::Action(_) => "action",
            Self::Flag(_) => "flag",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseRecord {
    pub reference: String,
    pub address_line1: String,
    #[serde(default)]
    pub address_line2: String,
    #[serde(default)]
    pub town: String,
    pub postcode: String,
    pub level: Level,
    pub opened_on: NaiveDate,
    #[serde(default)]
    pub local_authority: String,
    #[serde(default)]
    pub social_worker: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonRecord {
    pub id: i64,
    pub full_name: String,
    pub role: Role,
    #[serde(default)]
    pub date_of_birth: Option<NaiveDate>,
    #[serde(default)]
    pub expected_date: Option<NaiveDate>,
    #[serde(default)]
    pub gender: String,
    #[serde(default)]
    pub setting: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanRecord {
    /// The child's person id.
    pub person: i64,
    pub kind: PlanKind,
    #[serde(default)]
    pub categories: Vec<Category>,
    pub start_on: NaiveDate,
    #[serde(default)]
    pub end_on: Option<NaiveDate>,
    pub local_authority: String,
}

/// A chronology entry with every revision, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EntryRecord {
    pub revisions: Vec<RevisionRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RevisionRecord {
    pub revision: i64,
    pub event_on: NaiveDate,
    /// `HH:MM`, when known.
    #[serde(default)]
    pub event_time: Option<String>,
    pub kind: EntryKind,
    #[serde(default)]
    pub info_source: String,
    pub summary: String,
    #[serde(default)]
    pub detail: String,
    #[serde(default)]
    pub action_required: String,
    #[serde(default)]
    pub amend_reason: String,
    /// When and by whom it was recorded at the sending setting.
    pub recorded_at: String,
    pub recorded_by: String,
    /// Person ids of the children it concerns.
    #[serde(default)]
    pub children: Vec<i64>,
    #[serde(default)]
    pub significant: bool,
    #[serde(default)]
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LevelRecord {
    #[serde(default)]
    pub from: Option<Level>,
    pub to: Level,
    pub evidence: String,
    pub effective_on: NaiveDate,
    pub decided_by: String,
    pub recorded_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConcernRecord {
    pub info_from: String,
    pub nature: Nature,
    #[serde(default)]
    pub incident_on: Option<NaiveDate>,
    #[serde(default)]
    pub worker: String,
    pub strategy_needed: bool,
    pub decided_by: String,
    pub reasons: String,
    pub recorded_at: String,
    pub recorded_by: String,
    #[serde(default)]
    pub escalations: Vec<ConcernEscalationRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConcernEscalationRecord {
    pub level: EscalationLevel,
    pub disagreement: String,
    pub outcome: String,
    pub recorded_at: String,
    pub recorded_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionRecord {
    pub what: String,
    pub owner: String,
    #[serde(default)]
    pub owner_contact: String,
    pub due_on: NaiveDate,
    pub state: ActionState,
    #[serde(default)]
    pub outcome: String,
    pub created_at: String,
    pub created_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FlagRecord {
    pub flag: String,
    pub added_at: String,
    pub added_by: String,
    #[serde(default)]
    pub ended_at: Option<String>,
    #[serde(default)]
    pub end_reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::label::Label;

    /// The format's description names every kind of record and every section, so another
    /// product reading it reads all of a package.
    #[test]
    fn the_written_format_names_every_record_and_section() {
        let doc = include_str!("../../../../docs/transfer-format.md");
        for kind in ["case", "person", "plan", "entry", "level", "concern", "action", "flag"] {
            assert!(doc.contains(&format!("### `{kind}`")), "docs/transfer-format.md lacks the {kind} record");
        }
        for s in Section::ALL {
            let stored = serde_json::to_value(s).unwrap();
            assert!(doc.contains(&format!("`{}`", stored.as_str().unwrap())), "the doc lacks section {stored}");
        }
        assert!(doc.contains(&format!("`\"{FORMAT}\"`")) && doc.contains(&format!("`{VERSION}`")));
    }
}
