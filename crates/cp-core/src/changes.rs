//! The "changes since you last looked" feed: every change a lead makes to a case is recorded
//! here, in the same transaction as the change, so the other lead is told about exactly what
//! was written. The weekly review issue builds the list and its acknowledgements on this.

use serde::Serialize;
use sqlx::{FromRow, SqliteConnection};
use ts_rs::TS;

use crate::Result;
use crate::store::db_error;

/// What kind of change; stored as the snake_case name. Add, never rename.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
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
        }
    }
}

/// One change as a lead will see it in the other lead's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub case_id: i64,
    pub reference: String,
    pub lead: Option<String>,
    pub kind: String,
    pub summary: String,
    pub at: String,
}

/// Records a change inside the caller's transaction, and marks the case as changed now.
/// `lead_id` is `None` for the installation's own acts (the archive sweep).
pub(crate) async fn record(
    conn: &mut SqliteConnection,
    case_id: i64,
    lead_id: Option<i64>,
    kind: ChangeKind,
    summary: &str,
    at: &str,
) -> Result<()> {
    sqlx::query("INSERT INTO case_changes (case_id, lead_id, kind, summary, at) VALUES (?, ?, ?, ?, ?)")
        .bind(case_id)
        .bind(lead_id)
        .bind(kind.as_str())
        .bind(summary)
        .bind(at)
        .execute(&mut *conn)
        .await
        .map_err(db_error)?;
    sqlx::query("UPDATE cases SET updated_at = ? WHERE id = ?")
        .bind(at)
        .bind(case_id)
        .execute(&mut *conn)
        .await
        .map_err(db_error)?;
    Ok(())
}

/// Changes to a case made by anyone but `lead_id` (the other lead, or the installation),
/// oldest first.
pub async fn by_others(store: &crate::store::Store, lead_id: i64, case_id: i64) -> Result<Vec<Change>> {
    sqlx::query_as(
        "SELECT ch.id, ch.case_id, c.reference, l.name AS lead, ch.kind, ch.summary, ch.at
         FROM case_changes ch JOIN cases c ON c.id = ch.case_id LEFT JOIN leads l ON l.id = ch.lead_id
         WHERE ch.case_id = ? AND (ch.lead_id IS NULL OR ch.lead_id <> ?) ORDER BY ch.id",
    )
    .bind(case_id)
    .bind(lead_id)
    .fetch_all(store.pool())
    .await
    .map_err(db_error)
}
