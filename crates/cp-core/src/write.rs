//! The one write path. Every action that changes the records runs inside a `Write`: one
//! transaction that takes SQLite's write lock at once, refuses a change to an archived case,
//! records each change to a case for the other lead, and appends the audit row, all
//! committed together or not at all. `commit` refuses a write that changed a case without
//! telling the other lead, or that left no audit row, so neither can be forgotten.
//!
//! Areas write their own rows through `sql()`; the three things every action owes (the
//! writable check, the change record, the audit row) are written here, so this module sits
//! below the areas and imports none of them.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::audit::{self, Action, Actor, Entry};
use crate::clock::stamp;
use crate::domain::case::{Level, Status};
use crate::store::db::{Builder, Conn, query};
use crate::store::{Store, Tx};
use crate::{Error, ErrorCode, Result};

/// What kind of change; stored as the snake_case name. Add, never rename.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum ChangeKind {
    CaseOpened,
    DetailsChanged,
    LevelChanged,
    CaseClosed,
    CaseReopened,
    CaseArchived,
    PersonAdded,
    PersonLinked,
    RelationshipAdded,
    PlanStarted,
    PlanEnded,
    EntryAdded,
    EntryAmended,
    ConcernEscalated,
    ActionAdded,
    ActionReassigned,
    ActionClosed,
    FlagAdded,
    FlagEnded,
    ReferralRecorded,
    ReferralStep,
    EscalationRaised,
    EscalationStep,
    EscalationResolved,
    FileSent,
    FileReceiptRecorded,
    FileChased,
    FileReceived,
    /// The case's records removed (the removal log says why); only its reference stays.
    RecordsRemoved,
    /// A decision in the disposal review: kept for longer, a legal hold, destruction asked.
    RetentionDecided,
    /// A subject access request: recorded, identity checked, extended, text withheld, released.
    SubjectAccessStep,
    /// A file attached to the case (or one of its entries or concerns), or withdrawn.
    AttachmentAdded,
    AttachmentWithdrawn,
    /// A mark on one of the case's body maps, added or withdrawn.
    BodyMarkAdded,
    BodyMarkWithdrawn,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CaseOpened => "case_opened",
            Self::DetailsChanged => "details_changed",
            Self::LevelChanged => "level_changed",
            Self::CaseClosed => "case_closed",
            Self::CaseReopened => "case_reopened",
            Self::CaseArchived => "case_archived",
            Self::PersonAdded => "person_added",
            Self::PersonLinked => "person_linked",
            Self::RelationshipAdded => "relationship_added",
            Self::PlanStarted => "plan_started",
            Self::PlanEnded => "plan_ended",
            Self::EntryAdded => "entry_added",
            Self::EntryAmended => "entry_amended",
            Self::ConcernEscalated => "concern_escalated",
            Self::ActionAdded => "action_added",
            Self::ActionReassigned => "action_reassigned",
            Self::ActionClosed => "action_closed",
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
            Self::FileReceived => "file_received",
            Self::RecordsRemoved => "records_removed",
            Self::RetentionDecided => "retention_decided",
            Self::SubjectAccessStep => "subject_access_step",
            Self::AttachmentAdded => "attachment_added",
            Self::AttachmentWithdrawn => "attachment_withdrawn",
            Self::BodyMarkAdded => "body_mark_added",
            Self::BodyMarkWithdrawn => "body_mark_withdrawn",
        }
    }
}

/// A case as an action finds it, once it is known to be writable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseState {
    pub status: Status,
    pub level: Level,
    pub opened_on: NaiveDate,
}

pub struct Write {
    tx: Tx,
    store: Store,
    /// The audit rows of this write, appended at commit, the last one carrying the seals of
    /// the append-only records the write added (`audit::seal`).
    entries: Vec<Entry>,
    /// Each sealed table's highest id when the write began.
    marks: Vec<i64>,
    actor: Actor,
    now: DateTime<Utc>,
    at: String,
    audited: bool,
    /// Whether a case was taken for change or a change recorded: such a write must be audited.
    touched_cases: bool,
    /// Cases this write may change (they passed `case`) and has not yet recorded a change to.
    unrecorded: Vec<i64>,
    /// Records were destroyed: once committed, nothing of them may stay in the write-ahead log.
    scrub: bool,
    /// Each changed case and when it last changed in this write, written to the case at commit
    /// (`cases.updated_at`, which only the case list's order reads): once per case, not once
    /// per step (an Under 5s list's 5,000 new cases had 20,000 steps).
    updated: HashMap<i64, String>,
}

impl Write {
    pub async fn begin(store: &Store, actor: Actor, now: DateTime<Utc>) -> Result<Self> {
        let mut tx = store.begin_write().await?;
        let marks = audit::seal::marks(&mut tx.conn()).await?;
        Ok(Self {
            tx,
            store: store.clone(),
            entries: Vec::new(),
            marks,
            actor,
            now,
            at: stamp(now),
            audited: false,
            touched_cases: false,
            unrecorded: Vec::new(),
            scrub: false,
            updated: HashMap::new(),
        })
    }

    /// The action's own SQL runs on this connection, inside the transaction.
    pub fn sql(&mut self) -> Conn<'_> {
        self.tx.conn()
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// The write's time, as stored.
    pub fn at(&self) -> &str {
        &self.at
    }

    pub fn actor(&self) -> Actor {
        self.actor
    }

    /// Loading many actions in one write (demo and benchmark data): the steps that follow act
    /// as `actor` at `now`.
    pub(crate) fn act_as(&mut self, actor: Actor, now: DateTime<Utc>) {
        self.actor = actor;
        self.now = now;
        self.at = stamp(now);
    }

    /// The lead acting, or `None` for the installation's own acts (the archive sweep).
    pub fn lead_id(&self) -> Option<i64> {
        match self.actor {
            Actor::Lead(id) => Some(id),
            Actor::System | Actor::AdminCli => None,
        }
    }

    /// The lead acting; an installation's own act has none.
    pub fn lead(&self) -> Result<i64> {
        self.lead_id().ok_or_else(|| Error::internal("A lead's action was started without a lead."))
    }

    /// The case about to be changed, refused when it is archived (archived cases are read-only
    /// everywhere). The write must then record a change to it before it commits.
    pub async fn case(&mut self, case_id: i64) -> Result<CaseState> {
        let state = self.case_state(case_id).await?;
        if state.status == Status::Archived {
            return Err(Error::invalid("This case is archived, so it cannot be changed."));
        }
        self.will_change(case_id);
        Ok(state)
    }

    /// The case about to be changed, whatever its status, for actions whose own rule says
    /// which statuses they accept, in their own words (closing, reopening, a level change).
    pub async fn case_for_rule(&mut self, case_id: i64) -> Result<CaseState> {
        let state = self.case_state(case_id).await?;
        self.will_change(case_id);
        Ok(state)
    }

    /// The case will be changed: a change to it must be recorded before the write commits.
    fn will_change(&mut self, case_id: i64) {
        self.touched_cases = true;
        if !self.unrecorded.contains(&case_id) {
            self.unrecorded.push(case_id);
        }
    }

    /// The case's state, read inside the write, without taking it for change.
    pub async fn case_state(&mut self, case_id: i64) -> Result<CaseState> {
        let row: Option<(Status, Level, NaiveDate)> = query("SELECT status, level, opened_on FROM cases WHERE id = $1")
            .bind(case_id)
            .fetch_optional(&mut self.tx.conn())
            .await?;
        let (status, level, opened_on) =
            row.ok_or_else(|| Error::new(ErrorCode::NotFound, "That case does not exist."))?;
        Ok(CaseState { status, level, opened_on })
    }

    /// Tells the other lead what changed on the case (their "changes since you last looked")
    /// and marks the case as changed now.
    pub async fn changed(&mut self, case_id: i64, kind: ChangeKind, summary: &str) -> Result<()> {
        let lead_id = self.lead_id();
        let mut conn = self.tx.conn();
        query("INSERT INTO case_changes (case_id, lead_id, kind, summary, at) VALUES ($1, $2, $3, $4, $5)")
            .bind(case_id)
            .bind(lead_id)
            .bind(kind)
            .bind(summary.to_owned())
            .bind(self.at.clone())
            .execute(&mut conn)
            .await?;
        self.updated.insert(case_id, self.at.clone());
        self.unrecorded.retain(|c| *c != case_id);
        self.touched_cases = true;
        Ok(())
    }

    /// The audit row for this action, naming the record it is about.
    pub async fn audit(&mut self, action: Action, record_type: &'static str, record_id: impl ToString) -> Result<()> {
        self.audit_entry(Entry::new(self.at.clone(), self.actor, action).record(record_type, record_id)).await
    }

    /// The audit row of an action about no one record (settings, sign-in).
    pub async fn audit_entry(&mut self, entry: Entry) -> Result<()> {
        self.entries.push(entry);
        self.audited = true;
        Ok(())
    }

    /// Records this write deletes must not outlive it anywhere in the data folder: once it
    /// commits, the database's write-ahead log is copied into the file (whose freed pages
    /// `secure_delete` has zeroed) and emptied.
    pub(crate) fn scrub_after_commit(&mut self) {
        self.scrub = true;
    }

    /// Marks each case this write changed as changed when it last was: one statement for up to
    /// `CASES_PER_UPDATE` cases changed at the same time.
    async fn write_updated(&mut self) -> Result<()> {
        const CASES_PER_UPDATE: usize = 1_000;
        let mut by_time: HashMap<String, Vec<i64>> = HashMap::new();
        for (case_id, at) in std::mem::take(&mut self.updated) {
            by_time.entry(at).or_default().push(case_id);
        }
        let engine = self.tx.conn().engine();
        for (at, cases) in by_time {
            for chunk in cases.chunks(CASES_PER_UPDATE) {
                let mut update = Builder::new(engine, "UPDATE cases SET updated_at = ");
                update.push_bind(at.clone()).push(" WHERE id IN (").push_binds(chunk).push(")");
                update.build().execute(&mut self.tx.conn()).await?;
            }
        }
        Ok(())
    }

    /// Writes everything, or (on any error before this) nothing.
    pub async fn commit(mut self) -> Result<()> {
        if self.touched_cases && !self.audited {
            return Err(Error::internal("A change was about to be saved without its audit row, so nothing was saved."));
        }
        if !self.unrecorded.is_empty() {
            return Err(Error::internal(
                "A change to a case was about to be saved without telling the other lead, so nothing was saved.",
            ));
        }
        self.write_updated().await?;
        let seals = audit::seal::since(&mut self.tx.conn(), &self.marks).await?;
        match self.entries.last_mut() {
            Some(last) => last.sealed.extend(seals),
            None if !seals.is_empty() => {
                return Err(Error::internal(
                    "A record was about to be saved without its audit row, so nothing was saved.",
                ));
            }
            None => {}
        }
        let entries = std::mem::take(&mut self.entries);
        let store = &self.store;
        let head = audit::append_all(&mut self.tx.conn(), entries, |lead| store.signer_for_row(lead)).await?;
        if let Some(head) = &head {
            crate::store::notify::changed(&mut self.tx.conn(), head.rows).await?;
        }
        if let Err(e) = self.tx.commit().await {
            match &head {
                Some(head) if e.code == ErrorCode::ServerUnreachable => confirm(&self.store, head, e).await?,
                _ => return Err(e),
            }
        }
        if let Some(head) = &head {
            audit::anchor::advance(&self.store, head).await;
        }
        if self.scrub {
            self.store.scrub().await;
        }
        Ok(())
    }
}

/// The server went away while a commit was on its way: the change was kept exactly when the
/// write's last audit row is there, read back once the server answers again. Until it does,
/// the lead is told plainly that it is not known, so they neither trust a change that was lost
/// nor enter again one that was kept.
async fn confirm(store: &Store, head: &audit::anchor::Head, lost: Error) -> Result<()> {
    match audit::holds(store, head).await {
        Ok(true) => Ok(()),
        Ok(false) => Err(lost),
        Err(_) => Err(Error::new(
            ErrorCode::SaveUnconfirmed,
            "CP Tracker lost the connection to your organisation's database while saving your change, and cannot \
             yet check whether it was kept. Once the connection is back, look at the case before entering the \
             change again.",
        )),
    }
}

/// Runs one action in its own `Write` and commits it.
pub async fn run<T>(
    store: &Store,
    actor: Actor,
    now: DateTime<Utc>,
    action: impl AsyncFnOnce(&mut Write) -> Result<T>,
) -> Result<T> {
    let mut write = Write::begin(store, actor, now).await?;
    let out = action(&mut write).await?;
    write.commit().await?;
    Ok(out)
}
