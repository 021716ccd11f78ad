//! Importing the "Under 5s known to Social Care" list (seed 000 ix): a preview that writes
//! nothing, then the import itself in one write (every accepted row or none), audited with the
//! file's SHA-256. Importing the same file again writes nothing new: its children are then
//! recorded.
//!
//! The rules are pure: reading the file (`csv_table`: encodings, separators, awkward files),
//! its `columns`, each of its `rows`, and `matching` rows with what is recorded. `plan` works
//! out what a file would do, `preview` shows it, `import` writes it; `sql` is the area's only
//! SQL.

pub mod columns;
pub mod csv_table;
mod import;
pub mod matching;
mod plan;
mod preview;
pub mod rows;
mod sql;
#[cfg(test)]
mod tests;

use serde::Serialize;
use ts_rs::TS;

pub use columns::Field;
pub use import::import;
pub use plan::read_file;
pub use preview::preview;

/// The lead's last column choices, by column name: the next list from the same local
/// authority is mapped without asking again.
const MAPPING_SETTING: &str = "under5s_import_mapping";
const LIST_NAME: &str = "Under 5s known to Social Care list";

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportColumn {
    pub header: String,
    pub field: Option<Field>,
    /// The first non-empty value under it, to help the lead choose.
    pub sample: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RowOutcome {
    NewCase,
    JoinsNewCase,
    AlreadyRecorded,
    /// The same child as an earlier row, as the lead chose.
    SameAsRow,
    AddsToCase,
    FamilyCaseNotLive,
    Rejected,
}

crate::labels!(RowOutcome {
    NewCase => "Opens a new case",
    JoinsNewCase => "Joins the new case of its family",
    AddsToCase => "Added to the family's live case",
    AlreadyRecorded => "Already recorded: nothing written",
    SameAsRow => "The same child as an earlier row: nothing written",
    FamilyCaseNotLive => "Family's case is closed or archived: nothing written",
    Rejected => "Rejected",
});

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PreviewRow {
    pub row: u32,
    pub child: String,
    pub date_of_birth: Option<String>,
    pub address_line1: String,
    pub postcode: String,
    pub outcome: RowOutcome,
    /// The case matched, for a row that matches one.
    pub case_reference: Option<String>,
    /// The row whose new case this row joins (or, for `same_as_row`, whose child this is).
    pub family_row: Option<u32>,
    pub reasons: Vec<String>,
    /// A record this row may belong to, for the lead to decide.
    pub possible: Option<PossibleMatch>,
    /// The list names a social worker other than the one the matched case has.
    pub social_worker_differs: Option<SocialWorkerDiffers>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PossibleKind {
    /// The same name and date of birth at another address.
    SameChild,
    /// The same surname and postcode at another address.
    SameFamily,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PossibleMatch {
    pub kind: PossibleKind,
    /// The recorded case, or the earlier row, it may be.
    pub case_reference: Option<String>,
    pub row: Option<u32>,
    /// That record's address, to compare with the row's.
    pub address_line1: String,
    pub postcode: String,
    /// The lead said it is the same; otherwise the row is kept apart and marked for checking.
    pub same: bool,
    /// What the import writes down for the lead to check when kept apart.
    pub to_check: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SocialWorkerDiffers {
    pub on_list: String,
    pub on_case: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportCounts {
    pub new_cases: u32,
    /// Children the import writes: in new cases and added to live ones.
    pub children_added: u32,
    pub already_recorded: u32,
    pub family_case_not_live: u32,
    pub rejected: u32,
    /// Rows that may be a recorded child or family (or an earlier row's), for the lead to decide.
    pub possible_matches: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    /// Hex SHA-256 of the file: the import checks it is still the file previewed.
    pub sha256: String,
    pub columns: Vec<ImportColumn>,
    /// What stops the import with this mapping (a required column not chosen); empty if none.
    pub problems: Vec<String>,
    pub rows: Vec<PreviewRow>,
    pub counts: ImportCounts,
    /// When a file with the same SHA-256 was last imported.
    pub imported_before: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportResult {
    pub sha256: String,
    pub counts: ImportCounts,
    pub cases_opened: Vec<String>,
}
