//! The audit chain: every sign-in, change, view, report, export, backup and restore appends a
//! row whose hash covers the previous row's hash and the row itself, so altering or removing
//! any row shows up in `verify`.

pub mod anchor;
pub mod seal;

use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::{FromRow, SqliteConnection};
use ts_rs::TS;

use crate::store::Store;
use crate::{Error, ErrorCode, Result};

pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened. Stored as the snake_case name; add, never rename.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    SetUp,
    SignIn,
    SignInFailed,
    SignOut,
    Locked,
    LeadAdded,
    LeadDeactivated,
    PassphraseChanged,
    /// The current passphrase typed to change it was not right.
    PassphraseRefused,
    SettingsChanged,
    Recovered,
    BackupMade,
    Restored,
    CaseOpened,
    LevelChanged,
    CaseClosed,
    CaseReopened,
    CaseArchived,
    CaseViewed,
    PersonAdded,
    PersonLinked,
    RelationshipAdded,
    CaseDetailsChanged,
    PlanStarted,
    PlanEnded,
    EntryAdded,
    EntryAmended,
    ReviewRecorded,
    WeekSignedOff,
    LateNoteAdded,
    ChangesAcknowledged,
    ReportGenerated,
    EnquiryStarted,
    EnquiryRecorded,
    EnquiryInformed,
    EnquiryClosed,
    ConcernRecorded,
    ConcernEscalated,
    AllegationRecorded,
    AllegationUpdated,
    AllegationRemovalAsked,
    RecoveryKeyRefused,
    RecoveryKeyChanged,
    AllegationRemoved,
    /// An allegation shown to a lead (the list shows each one whole).
    AllegationViewed,
    TransferInRecorded,
    ExportMade,
    Under5sImported,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SetUp => "set_up",
            Self::SignIn => "sign_in",
            Self::SignInFailed => "sign_in_failed",
            Self::SignOut => "sign_out",
            Self::Locked => "locked",
            Self::LeadAdded => "lead_added",
            Self::LeadDeactivated => "lead_deactivated",
            Self::PassphraseChanged => "passphrase_changed",
            Self::PassphraseRefused => "passphrase_refused",
            Self::SettingsChanged => "settings_changed",
            Self::Recovered => "recovered",
            Self::BackupMade => "backup_made",
            Self::Restored => "restored",
            Self::CaseOpened => "case_opened",
            Self::LevelChanged => "level_changed",
            Self::CaseClosed => "case_closed",
            Self::CaseReopened => "case_reopened",
            Self::CaseArchived => "case_archived",
            Self::CaseViewed => "case_viewed",
            Self::PersonAdded => "person_added",
            Self::PersonLinked => "person_linked",
            Self::RelationshipAdded => "relationship_added",
            Self::CaseDetailsChanged => "case_details_changed",
            Self::PlanStarted => "plan_started",
            Self::PlanEnded => "plan_ended",
            Self::EntryAdded => "entry_added",
            Self::EntryAmended => "entry_amended",
            Self::ReviewRecorded => "review_recorded",
            Self::WeekSignedOff => "week_signed_off",
            Self::LateNoteAdded => "late_note_added",
            Self::ChangesAcknowledged => "changes_acknowledged",
            Self::ReportGenerated => "report_generated",
            Self::EnquiryStarted => "enquiry_started",
            Self::EnquiryRecorded => "enquiry_recorded",
            Self::EnquiryInformed => "enquiry_informed",
            Self::EnquiryClosed => "enquiry_closed",
            Self::ConcernRecorded => "concern_recorded",
            Self::ConcernEscalated => "concern_escalated",
            Self::AllegationRecorded => "allegation_recorded",
            Self::AllegationUpdated => "allegation_updated",
            Self::AllegationRemovalAsked => "allegation_removal_asked",
            Self::RecoveryKeyRefused => "recovery_key_refused",
            Self::RecoveryKeyChanged => "recovery_key_changed",
            Self::AllegationRemoved => "allegation_removed",
            Self::AllegationViewed => "allegation_viewed",
            Self::TransferInRecorded => "transfer_in_recorded",
            Self::ExportMade => "export_made",
            Self::Under5sImported => "under5s_imported",
        }
    }
}

/// Who acted: a lead, or the installation itself (set-up, recovery, the admin CLI).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Lead(i64),
    System,
    AdminCli,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub at: String,
    pub actor: Actor,
    pub action: Action,
    pub record_type: Option<&'static str>,
    pub record_id: Option<String>,
    /// The append-only records the write added, sealed by this row (`seal.rs`).
    pub sealed: Vec<seal::Seal>,
}

impl Entry {
    pub fn new(at: String, actor: Actor, action: Action) -> Self {
        Self { at, actor, action, record_type: None, record_id: None, sealed: Vec::new() }
    }

    pub fn record(mut self, record_type: &'static str, record_id: impl ToString) -> Self {
        self.record_type = Some(record_type);
        self.record_id = Some(record_id.to_string());
        self
    }
}

#[derive(Debug, Clone, FromRow)]
struct Row {
    id: i64,
    at: String,
    lead_id: Option<i64>,
    actor: String,
    action: String,
    record_type: Option<String>,
    record_id: Option<String>,
    prev_hash: String,
    hash: String,
    /// JSON `[[table, id, digest], …]`, or NULL.
    sealed: Option<String>,
}

fn row_hash(row: &Row) -> String {
    // A JSON array is an unambiguous encoding: no field can bleed into the next.
    let canonical = serde_json::json!([
        row.id,
        row.at,
        row.lead_id,
        row.actor,
        row.action,
        row.record_type,
        row.record_id,
        row.prev_hash
    ]);
    // Rows that seal records hash their seals too; the others hash as rows always have.
    let canonical = match &row.sealed {
        Some(sealed) => match canonical {
            serde_json::Value::Array(mut fields) => {
                fields.push(serde_json::Value::String(sealed.clone()));
                serde_json::Value::Array(fields)
            }
            other => other,
        },
        None => canonical,
    };
    hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
}

/// Appends within the caller's write transaction, so the audit row commits with the change
/// it records, or not at all.
pub async fn append(conn: &mut SqliteConnection, entry: Entry) -> Result<anchor::Head> {
    let last: Option<(i64, String)> =
        sqlx::query_as("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetch_optional(&mut *conn).await?;
    let (id, prev_hash) = match last {
        Some((id, hash)) => (id + 1, hash),
        None => (1, GENESIS.to_owned()),
    };
    let (lead_id, actor) = match entry.actor {
        Actor::Lead(id) => (Some(id), "lead"),
        Actor::System => (None, "system"),
        Actor::AdminCli => (None, "admin_cli"),
    };
    let mut row = Row {
        id,
        at: entry.at,
        lead_id,
        actor: actor.to_owned(),
        action: entry.action.as_str().to_owned(),
        record_type: entry.record_type.map(str::to_owned),
        record_id: entry.record_id,
        prev_hash,
        hash: String::new(),
        sealed: if entry.sealed.is_empty() {
            None
        } else {
            Some(serde_json::to_string(&entry.sealed).map_err(|_| Error::internal("A seal could not be written."))?)
        },
    };
    row.hash = row_hash(&row);
    sqlx::query(
        "INSERT INTO audit_log (id, at, lead_id, actor, action, record_type, record_id, prev_hash, hash, sealed)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(row.id)
    .bind(&row.at)
    .bind(row.lead_id)
    .bind(&row.actor)
    .bind(&row.action)
    .bind(&row.record_type)
    .bind(&row.record_id)
    .bind(&row.prev_hash)
    .bind(&row.hash)
    .bind(&row.sealed)
    .execute(&mut *conn)
    .await?;
    Ok(anchor::Head { rows: row.id, hash: row.hash })
}

/// Appends one entry in a transaction of its own (for events that change nothing else).
pub async fn record(store: &Store, entry: Entry) -> Result<()> {
    let mut tx = store.begin_write().await?;
    let head = append(&mut tx, entry).await?;
    tx.commit().await?;
    anchor::advance(store, &head).await;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChainReport {
    pub rows: i64,
    /// The id of the first row that does not fit the chain, if any.
    #[ts(type = "number | null")]
    pub first_bad_row: Option<i64>,
    /// Guards (triggers) that keep records append-only and are no longer in the schema.
    pub missing_guards: Vec<String>,
    /// Rows the anchor beside the database counted that the chain no longer has: cut from its
    /// end, or commits the database lost.
    pub missing_rows: i64,
    /// Sealed records that no longer match their seal ("chronology_revisions 12"), or are gone.
    pub altered_records: Vec<String>,
}

impl ChainReport {
    pub fn intact(&self) -> bool {
        self.first_bad_row.is_none()
            && self.missing_guards.is_empty()
            && self.missing_rows == 0
            && self.altered_records.is_empty()
    }
}

/// The triggers that refuse changes to append-only records, as the migrations create them.
/// A test holds this list to the schema, so a new guard cannot be left out of `verify`.
pub const GUARDS: &[&str] = &[
    "allegation_meetings_removal",
    "allegations_removal",
    "allegations_steps_once",
    "audit_log_no_delete",
    "audit_log_no_update",
    "case_changes_no_change",
    "cases_no_delete",
    "change_acks_no_delete",
    "chronology_entries_no_change",
    "chronology_entries_no_delete",
    "chronology_revisions_no_change",
    "chronology_revisions_no_delete",
    "concern_escalations_append_only",
    "concerns_append_only",
    "concerns_no_delete",
    "enquiries_close_once",
    "enquiries_complete_once",
    "enquiries_inform_once",
    "enquiries_no_delete",
    "leads_no_delete",
    "level_changes_append_only",
    "people_no_delete",
    "plans_no_delete",
    "plans_only_end",
    "review_items_no_delete",
    "review_items_signed_off_insert",
    "review_items_signed_off_update",
    "review_late_notes_no_change",
    "review_signoffs_no_change",
    "review_signoffs_no_delete",
    "status_events_append_only",
    "transfer_ins_no_delete",
];

/// When `action` was last recorded about `record_id`, if ever (an Under 5s file imported
/// before, by its SHA-256).
pub async fn last_at(conn: &mut SqliteConnection, action: Action, record_id: &str) -> Result<Option<String>> {
    Ok(sqlx::query_scalar("SELECT MAX(at) FROM audit_log WHERE action = ? AND record_id = ?")
        .bind(action.as_str())
        .bind(record_id)
        .fetch_one(conn)
        .await?)
}

/// Walks the whole chain. A changed row fails its own hash; a removed row breaks the next
/// row's link; a removed tail is caught only against a count kept elsewhere (backups). It also
/// checks that every guard that keeps records append-only is still in the schema: someone who
/// drops one can change history the chain does not cover.
pub async fn verify(store: &Store) -> Result<ChainReport> {
    let present: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetch_all(store.pool()).await?;
    let missing_guards: Vec<String> =
        GUARDS.iter().filter(|g| !present.iter().any(|p| p == *g)).map(|g| (*g).to_owned()).collect();
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, at, lead_id, actor, action, record_type, record_id, prev_hash, hash, sealed FROM audit_log ORDER BY id",
    )
    .fetch_all(store.pool())
    .await?;
    let mut prev = GENESIS.to_owned();
    let altered_records = altered(store, &rows).await?;
    let report = |first_bad_row, missing_rows| ChainReport {
        rows: rows.len() as i64,
        first_bad_row,
        missing_guards: missing_guards.clone(),
        missing_rows,
        altered_records: altered_records.clone(),
    };
    // Ids run 1, 2, 3…: a gap is a removed row.
    for (expected_id, row) in (1..).zip(&rows) {
        if row.id != expected_id || row.prev_hash != prev || row_hash(row) != row.hash {
            return Ok(report(Some(row.id), 0));
        }
        prev.clone_from(&row.hash);
    }
    // The head kept outside the database: rows beyond the chain's end were lost, and a row
    // at the head with another hash means the chain was recomputed from there back.
    if let Some(head) = anchor::read(store) {
        let Some(at_head) = usize::try_from(head.rows - 1).ok().and_then(|i| rows.get(i)) else {
            return Ok(report(None, head.rows - rows.len() as i64));
        };
        if at_head.hash != head.hash {
            return Ok(report(Some(at_head.id), 0));
        }
    }
    Ok(report(None, 0))
}

/// Every sealed record, recomputed: one query per sealed table, whatever the number of rows.
async fn altered(store: &Store, rows: &[Row]) -> Result<Vec<String>> {
    let mut conn = store.pool().acquire().await?;
    let mut now: std::collections::HashMap<String, std::collections::HashMap<i64, String>> = Default::default();
    let mut out = Vec::new();
    for row in rows {
        let Some(sealed) = &row.sealed else { continue };
        // A seal that cannot be read is itself a change: the row's own hash names it too.
        let seals: Vec<seal::Seal> = serde_json::from_str(sealed).unwrap_or_default();
        for (table, id, digest) in seals {
            if !now.contains_key(&table) {
                let digests = seal::current(&mut conn, &table).await?;
                now.insert(table.clone(), digests);
            }
            if now.get(&table).and_then(|t| t.get(&id)) != Some(&digest) {
                out.push(format!("{table} {id}"));
            }
        }
    }
    Ok(out)
}

/// `verify`, as an error when the chain is broken.
pub async fn ensure_intact(store: &Store) -> Result<ChainReport> {
    let report = verify(store).await?;
    if let Some(id) = report.first_bad_row {
        return Err(Error::new(
            ErrorCode::AuditBroken,
            format!("The audit log has been altered: row {id} does not match the chain."),
        ));
    }
    if let Some(first) = report.altered_records.first() {
        return Err(Error::new(
            ErrorCode::AuditBroken,
            format!(
                "{} records were changed after they were saved ({first} first), outside CP Tracker. Keep this copy \
                 and restore the last backup.",
                report.altered_records.len()
            ),
        ));
    }
    if report.missing_rows > 0 {
        return Err(Error::new(
            ErrorCode::AuditBroken,
            format!(
                "The audit log has {} fewer rows than this laptop last saved: it was cut short, or the database \
                 lost its last changes. Keep this copy and restore the last backup.",
                report.missing_rows
            ),
        ));
    }
    if let Some(guard) = report.missing_guards.first() {
        return Err(Error::new(
            ErrorCode::AuditBroken,
            format!(
                "The records' protection against changes has been removed ({} guards missing, first '{guard}'): \
                 someone has changed the database outside CP Tracker. Keep this copy and restore the last backup.",
                report.missing_guards.len()
            ),
        ));
    }
    Ok(report)
}
