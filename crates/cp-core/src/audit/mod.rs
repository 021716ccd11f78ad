//! The audit chain: every sign-in, change, view, report, export, backup and restore appends a
//! row whose hash covers the previous row's hash and the row itself, so altering or removing
//! any row shows up in `verify`.

pub mod anchor;
pub mod seal;
mod verify;

pub use verify::{ChainReport, GUARDS, ensure_intact, verify};

use sha2::{Digest, Sha256};
use sqlx::FromRow;

use crate::store::Store;
use crate::store::db::{Builder, Conn, query};
use crate::vault::Signer;
use crate::{Error, Result};

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
    /// Shared mode: a laptop enrolled, joined with its code, and withdrawn.
    DeviceAdded,
    DeviceJoined,
    DeviceRevoked,
    /// A laptop's records moved into the organisation's new shared database.
    ImportedFromLaptop,
    /// An action on a case: added, given to someone else or a new date, done, not needed.
    ActionAdded,
    ActionReassigned,
    ActionDone,
    ActionNotNeeded,
    /// A warning flag on a case, added or ended.
    FlagAdded,
    FlagEnded,
    /// A referral made (or a decision not to refer), and each of its steps.
    ReferralRecorded,
    ReferralStep,
    /// A professional disagreement escalated, each next step, and its resolution.
    EscalationRaised,
    EscalationStep,
    EscalationResolved,
    /// A child protection file sent to a child's new setting, its receipt and its chases.
    FileSent,
    FileReceiptRecorded,
    FileChased,
    /// A transfer package from another setting opened to see what it holds, and received.
    TransferPackageOpened,
    FileReceived,
    /// A case's records removed: its removal log entry says why and who; the row seals each
    /// removed record as removed.
    RecordsRemoved,
    /// A decision in the disposal review on a closed case's records.
    RetentionDecided,
    /// A subject access request's step, and its copy released.
    SubjectAccessStep,
    SubjectAccessReleased,
    /// A file attached to a record, withdrawn with a reason, viewed, or saved out.
    AttachmentAdded,
    AttachmentWithdrawn,
    AttachmentViewed,
    AttachmentSaved,
    /// A mark on a child's body map, added or withdrawn with a reason.
    BodyMarkAdded,
    BodyMarkWithdrawn,
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
            Self::DeviceAdded => "device_added",
            Self::DeviceJoined => "device_joined",
            Self::DeviceRevoked => "device_revoked",
            Self::ImportedFromLaptop => "imported_from_laptop",
            Self::ActionAdded => "action_added",
            Self::ActionReassigned => "action_reassigned",
            Self::ActionDone => "action_done",
            Self::ActionNotNeeded => "action_not_needed",
            Self::FlagAdded => "flag_added",
            Self::FlagEnded => "flag_ended",
            Self::ReferralRecorded => "referral_recorded",
            Self::ReferralStep => "referral_step",
            Self::EscalationRaised => "escalation_raised",
            Self::EscalationStep => "escalation_step",
            Self::EscalationResolved => "escalation_resolved",
            Self::FileSent => "file_sent",
            Self::FileReceiptRecorded => "file_receipt_recorded",
            Self::FileChased => "file_chased",
            Self::TransferPackageOpened => "transfer_package_opened",
            Self::FileReceived => "file_received",
            Self::RecordsRemoved => "records_removed",
            Self::RetentionDecided => "retention_decided",
            Self::SubjectAccessStep => "subject_access_step",
            Self::SubjectAccessReleased => "subject_access_released",
            Self::AttachmentAdded => "attachment_added",
            Self::AttachmentWithdrawn => "attachment_withdrawn",
            Self::AttachmentViewed => "attachment_viewed",
            Self::AttachmentSaved => "attachment_saved",
            Self::BodyMarkAdded => "body_mark_added",
            Self::BodyMarkWithdrawn => "body_mark_withdrawn",
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

    /// The lead the row names, if any.
    pub fn lead_id(&self) -> Option<i64> {
        match self.actor {
            Actor::Lead(id) => Some(id),
            Actor::System | Actor::AdminCli => None,
        }
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
    /// Outside the hash: the lead whose key signed it, and the signature of `hash`.
    #[sqlx(default)]
    signed_by: Option<i64>,
    #[sqlx(default)]
    signature: Option<String>,
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

/// The chain's last row: how many rows, and its hash.
pub(crate) async fn head(conn: &mut Conn<'_>) -> Result<Option<anchor::Head>> {
    let last: Option<(i64, String)> =
        query("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetch_optional(conn).await?;
    Ok(last.map(|(rows, hash)| anchor::Head { rows, hash }))
}

/// How many audit rows go in one statement: twelve values each, well under either engine's
/// limit on one statement's values (SQLite 32,766, PostgreSQL 65,535).
const ROWS_PER_INSERT: usize = 500;

/// Appends `entries`, in order, within the caller's write transaction, so the audit rows
/// commit with the changes they record, or not at all; each signed by its lead's key when it
/// is at hand (`signer_for`: `Store::signer_for_row`). The chain's head is read once and the
/// rows are written many to a statement: a write of thousands of steps (an Under 5s list of
/// 10,000 children) read the head and inserted once per row, 40,000 statements. The new head,
/// or `None` when there was nothing to append.
pub(crate) async fn append_all(
    conn: &mut Conn<'_>,
    entries: Vec<Entry>,
    signer_for: impl Fn(Option<i64>) -> Option<std::sync::Arc<Signer>>,
) -> Result<Option<anchor::Head>> {
    if entries.is_empty() {
        return Ok(None);
    }
    let (mut id, mut prev_hash) = match head(conn).await? {
        Some(last) => (last.rows, last.hash),
        None => (0, GENESIS.to_owned()),
    };
    let mut rows = Vec::with_capacity(entries.len());
    for entry in entries {
        id += 1;
        let signer = signer_for(entry.lead_id());
        let row = chained(id, prev_hash, entry, signer.as_deref())?;
        prev_hash = row.hash.clone();
        rows.push(row);
    }
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let mut insert = Builder::new(
            conn.engine(),
            "INSERT INTO audit_log (id, at, lead_id, actor, action, record_type, record_id, prev_hash, hash, sealed,
                                    signed_by, signature) VALUES ",
        );
        for (i, row) in rows.by_ref().take(ROWS_PER_INSERT).enumerate() {
            insert.push(if i == 0 { "(" } else { ", (" });
            insert.push_bind(row.id).push(", ").push_bind(row.at).push(", ").push_bind(row.lead_id);
            insert.push(", ").push_bind(row.actor).push(", ").push_bind(row.action);
            insert.push(", ").push_bind(row.record_type).push(", ").push_bind(row.record_id);
            insert.push(", ").push_bind(row.prev_hash).push(", ").push_bind(row.hash);
            insert.push(", ").push_bind(row.sealed).push(", ").push_bind(row.signed_by);
            insert.push(", ").push_bind(row.signature).push(")");
        }
        insert.build().execute(conn).await?;
    }
    // The last row's id and hash.
    Ok(Some(anchor::Head { rows: id, hash: prev_hash }))
}

/// The row `entry` makes as the chain's row `id`, after the row whose hash is `prev_hash`.
fn chained(id: i64, prev_hash: String, entry: Entry, signer: Option<&Signer>) -> Result<Row> {
    let (lead_id, actor) = match entry.actor {
        Actor::Lead(id) => (Some(id), "lead"),
        Actor::System => (None, "system"),
        Actor::AdminCli => (None, "admin_cli"),
    };
    let mut row = Row {
        signed_by: None,
        signature: None,
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
    if let Some(signer) = signer {
        row.signature = Some(signer.sign(&row.hash));
        row.signed_by = Some(signer.lead_id);
    }
    Ok(row)
}

/// Whether the chain holds `head` as it was appended: a write whose commit was cut off by a
/// lost connection was saved exactly when its last audit row is there (its id and hash are
/// its own: the hash covers the chain before it).
pub(crate) async fn holds(store: &Store, head: &anchor::Head) -> Result<bool> {
    let hash: Option<String> =
        query("SELECT hash FROM audit_log WHERE id = $1").bind(head.rows).scalar(&mut store.db()).await?;
    Ok(hash.as_deref() == Some(head.hash.as_str()))
}

/// Appends one entry in a transaction of its own (for events that change nothing else).
pub async fn record(store: &Store, entry: Entry) -> Result<()> {
    let mut tx = store.begin_write().await?;
    let head = append_all(&mut tx.conn(), vec![entry], |lead| store.signer_for_row(lead)).await?;
    tx.commit().await?;
    if let Some(head) = &head {
        anchor::advance(store, head).await;
    }
    Ok(())
}

/// When `action` was last recorded about `record_id`, if ever (an Under 5s file imported
/// before, by its SHA-256).
pub async fn last_at(conn: &mut Conn<'_>, action: Action, record_id: &str) -> Result<Option<String>> {
    query("SELECT MAX(at) FROM audit_log WHERE action = $1 AND record_id = $2")
        .bind(action.as_str())
        .bind(record_id.to_owned())
        .one(conn)
        .await
}
