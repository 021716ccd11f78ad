//! Cases: opening one, changing its level with evidence, closing, reopening, and the archive
//! sweep. Each action checks the domain rule, then writes its rows and audit entry in one
//! transaction, so nothing is ever half-written.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::FromRow;
use ts_rs::TS;

use crate::audit::{self, Action, Actor, Entry};
use crate::clock::stamp;
use crate::domain::case::{self, Closure, Level, LevelChange, Status, should_archive};
use crate::domain::postcode;
use crate::domain::reference::CaseRef;
use crate::store::{Store, db_error};
use crate::{Error, ErrorCode, FieldError, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    StaffReport,
    SafeguardingMeeting,
    UnderFivesList,
    OtherAgency,
    Enquiry,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewCase {
    pub address_line1: String,
    pub address_line2: String,
    pub town: String,
    pub postcode: String,
    pub source: Source,
    pub local_authority: String,
    #[ts(type = "string")]
    pub opened_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct CaseSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub reference: String,
    pub status: String,
    pub level: String,
    pub address_line1: String,
    pub postcode: String,
    pub opened_on: String,
    pub closed_on: Option<String>,
}

/// An enum's stored form: its serde name, as the UI also sees it.
pub(crate) fn as_text<T: Serialize>(value: T) -> Result<String> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Ok(s),
        _ => Err(Error::internal("A value could not be stored.")),
    }
}

fn from_text<T: for<'de> Deserialize<'de>>(s: &str) -> Result<T> {
    serde_json::from_value(serde_json::Value::String(s.to_owned()))
        .map_err(|_| Error::internal("A stored value is not one this version knows."))
}

/// Opens a case: live, at level "concern", with the next reference of its opening year.
pub async fn open_case(store: &Store, lead_id: i64, new: &NewCase, now: DateTime<Utc>) -> Result<CaseSummary> {
    let mut errors = Vec::new();
    if new.address_line1.trim().is_empty() {
        errors.push(FieldError::new("addressLine1", "Enter the first line of the address"));
    }
    let postcode =
        postcode::normalise(&new.postcode).map_err(|e| errors.push(FieldError::new("postcode", e.message))).ok();
    if new.opened_on > now.date_naive() {
        errors.push(FieldError::new("openedOn", "The date the case was opened must be today or in the past"));
    }
    let Some(postcode) = postcode.filter(|_| errors.is_empty()) else { return Err(Error::fields(errors)) };

    let at = stamp(now);
    let mut tx = store.begin_write().await?;
    // Inside BEGIN IMMEDIATE: no other writer can take the same number meanwhile.
    let year = new.opened_on.year();
    let highest: Option<i64> = sqlx::query_scalar("SELECT MAX(ref_number) FROM cases WHERE ref_year = ?")
        .bind(year)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_error)?;
    let reference = CaseRef::next(year, highest.and_then(|n| u32::try_from(n).ok()));
    let id = sqlx::query(
        "INSERT INTO cases (ref_year, ref_number, reference, status, level, address_line1, address_line2, town,
                            postcode, source, allocated_lead_id, local_authority, opened_on, created_at, created_by)
         VALUES (?, ?, ?, 'live', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(year)
    .bind(i64::from(reference.number))
    .bind(reference.to_string())
    .bind(as_text(Level::Concern)?)
    .bind(new.address_line1.trim())
    .bind(new.address_line2.trim())
    .bind(new.town.trim())
    .bind(&postcode)
    .bind(as_text(new.source)?)
    .bind(lead_id)
    .bind(new.local_authority.trim())
    .bind(new.opened_on.to_string())
    .bind(&at)
    .bind(lead_id)
    .execute(&mut *tx)
    .await
    .map_err(db_error)?
    .last_insert_rowid();
    audit::append(&mut tx, Entry::new(at, Actor::Lead(lead_id), Action::CaseOpened).record("case", id)).await?;
    tx.commit().await.map_err(db_error)?;
    summary(store, id).await
}

pub async fn list(store: &Store, include_archived: bool) -> Result<Vec<CaseSummary>> {
    let sql = if include_archived {
        "SELECT id, reference, status, level, address_line1, postcode, opened_on, closed_on FROM cases
         ORDER BY ref_year DESC, ref_number DESC"
    } else {
        "SELECT id, reference, status, level, address_line1, postcode, opened_on, closed_on FROM cases
         WHERE status <> 'archived' ORDER BY ref_year DESC, ref_number DESC"
    };
    sqlx::query_as(sql).fetch_all(store.pool()).await.map_err(db_error)
}

/// One level change as the case page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct LevelHistoryItem {
    pub from_level: Option<String>,
    pub to_level: String,
    pub evidence: String,
    pub effective_on: String,
    pub decided_by: String,
    pub recorded_at: String,
}

/// One status change (closed, reopened, archived) with its reason and note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct StatusHistoryItem {
    pub to_status: String,
    pub reason: Option<String>,
    pub reason_detail: String,
    pub note: String,
    pub effective_on: String,
    pub lead: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CasePage {
    pub summary: CaseSummary,
    pub address_line2: String,
    pub town: String,
    pub source: String,
    pub local_authority: String,
    pub people: Vec<crate::people::PersonInCase>,
    pub levels: Vec<LevelHistoryItem>,
    pub statuses: Vec<StatusHistoryItem>,
}

/// A case page's data. Viewing a case is audited.
pub async fn page(store: &Store, lead_id: i64, id: i64, now: DateTime<Utc>) -> Result<CasePage> {
    let summary = summary(store, id).await?;
    let (address_line2, town, source, local_authority): (String, String, String, String) =
        sqlx::query_as("SELECT address_line2, town, source, local_authority FROM cases WHERE id = ?")
            .bind(id)
            .fetch_one(store.pool())
            .await
            .map_err(db_error)?;
    let levels = sqlx::query_as(
        "SELECT l.from_level, l.to_level, l.evidence, l.effective_on, d.name AS decided_by, l.recorded_at
         FROM level_changes l JOIN leads d ON d.id = l.decided_by WHERE l.case_id = ? ORDER BY l.id DESC",
    )
    .bind(id)
    .fetch_all(store.pool())
    .await
    .map_err(db_error)?;
    let statuses = sqlx::query_as(
        "SELECT s.to_status, s.reason, s.reason_detail, s.note, s.effective_on, l.name AS lead
         FROM status_events s LEFT JOIN leads l ON l.id = s.lead_id WHERE s.case_id = ? ORDER BY s.id DESC",
    )
    .bind(id)
    .fetch_all(store.pool())
    .await
    .map_err(db_error)?;
    let people = crate::people::in_case(store, id).await?;
    audit::record(store, Entry::new(stamp(now), Actor::Lead(lead_id), Action::CaseViewed).record("case", id)).await?;
    Ok(CasePage { summary, address_line2, town, source, local_authority, people, levels, statuses })
}

pub async fn summary(store: &Store, id: i64) -> Result<CaseSummary> {
    sqlx::query_as(
        "SELECT id, reference, status, level, address_line1, postcode, opened_on, closed_on FROM cases WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(store.pool())
    .await
    .map_err(db_error)?
    .ok_or_else(|| Error::new(ErrorCode::NotFound, "That case does not exist."))
}

/// A case's status, level and opening date, read inside the caller's transaction.
pub(crate) async fn state(conn: &mut sqlx::SqliteConnection, id: i64) -> Result<(Status, Level, NaiveDate)> {
    let row: Option<(String, String, String)> =
        sqlx::query_as("SELECT status, level, opened_on FROM cases WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await
            .map_err(db_error)?;
    let (status, level, opened) = row.ok_or_else(|| Error::new(ErrorCode::NotFound, "That case does not exist."))?;
    let opened = opened.parse().map_err(|_| Error::internal("A stored date is damaged."))?;
    Ok((from_text(&status)?, from_text(&level)?, opened))
}

pub async fn change_level(
    store: &Store,
    lead_id: i64,
    case_id: i64,
    change: &LevelChange,
    now: DateTime<Utc>,
) -> Result<CaseSummary> {
    let at = stamp(now);
    let mut tx = store.begin_write().await?;
    let (status, from, _) = state(&mut tx, case_id).await?;
    case::check_level_change(status, from, change, now.date_naive())?;
    sqlx::query(
        "INSERT INTO level_changes (case_id, from_level, to_level, evidence, effective_on, decided_by, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(case_id)
    .bind(as_text(from)?)
    .bind(as_text(change.to)?)
    .bind(change.evidence.trim())
    .bind(change.effective.to_string())
    .bind(lead_id)
    .bind(&at)
    .execute(&mut *tx)
    .await
    .map_err(db_error)?;
    sqlx::query("UPDATE cases SET level = ? WHERE id = ?")
        .bind(as_text(change.to)?)
        .bind(case_id)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    audit::append(&mut tx, Entry::new(at, Actor::Lead(lead_id), Action::LevelChanged).record("case", case_id)).await?;
    tx.commit().await.map_err(db_error)?;
    summary(store, case_id).await
}

pub async fn close_case(
    store: &Store,
    lead_id: i64,
    case_id: i64,
    closure: &Closure,
    now: DateTime<Utc>,
) -> Result<CaseSummary> {
    let at = stamp(now);
    let mut tx = store.begin_write().await?;
    let (status, _, opened) = state(&mut tx, case_id).await?;
    case::check_closure(status, closure, opened, now.date_naive())?;
    insert_status_event(
        &mut tx,
        case_id,
        Status::Closed,
        Some(as_text(closure.reason)?),
        closure.reason_detail.trim(),
        closure.closing_note.trim(),
        closure.closed_on,
        Some(lead_id),
        &at,
    )
    .await?;
    sqlx::query("UPDATE cases SET status = 'closed', closed_on = ? WHERE id = ?")
        .bind(closure.closed_on.to_string())
        .bind(case_id)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    audit::append(&mut tx, Entry::new(at, Actor::Lead(lead_id), Action::CaseClosed).record("case", case_id)).await?;
    tx.commit().await.map_err(db_error)?;
    summary(store, case_id).await
}

pub async fn reopen_case(
    store: &Store,
    lead_id: i64,
    case_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<CaseSummary> {
    let at = stamp(now);
    let mut tx = store.begin_write().await?;
    let (status, _, _) = state(&mut tx, case_id).await?;
    case::check_reopen(status, reason)?;
    insert_status_event(&mut tx, case_id, Status::Live, None, "", reason.trim(), now.date_naive(), Some(lead_id), &at)
        .await?;
    sqlx::query("UPDATE cases SET status = 'live', closed_on = NULL WHERE id = ?")
        .bind(case_id)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    audit::append(&mut tx, Entry::new(at, Actor::Lead(lead_id), Action::CaseReopened).record("case", case_id)).await?;
    tx.commit().await.map_err(db_error)?;
    summary(store, case_id).await
}

/// Archives every closed case whose 12 months have passed on `now`'s date. Run at start-up
/// and daily; returns the references archived.
pub async fn archive_sweep(store: &Store, now: DateTime<Utc>) -> Result<Vec<String>> {
    let today = now.date_naive();
    let at = stamp(now);
    let mut tx = store.begin_write().await?;
    let closed: Vec<(i64, String, Option<String>)> =
        sqlx::query_as("SELECT id, reference, closed_on FROM cases WHERE status = 'closed'")
            .fetch_all(&mut *tx)
            .await
            .map_err(db_error)?;
    let mut archived = Vec::new();
    for (id, reference, closed_on) in closed {
        let closed_on = closed_on.and_then(|d| d.parse::<NaiveDate>().ok());
        if !should_archive(Status::Closed, closed_on, today) {
            continue;
        }
        insert_status_event(&mut tx, id, Status::Archived, None, "", "", today, None, &at).await?;
        sqlx::query("UPDATE cases SET status = 'archived', archived_on = ? WHERE id = ?")
            .bind(today.to_string())
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(db_error)?;
        audit::append(&mut tx, Entry::new(at.clone(), Actor::System, Action::CaseArchived).record("case", id)).await?;
        archived.push(reference);
    }
    tx.commit().await.map_err(db_error)?;
    Ok(archived)
}

#[allow(clippy::too_many_arguments)] // one row's columns; a struct would only rename them
async fn insert_status_event(
    conn: &mut sqlx::SqliteConnection,
    case_id: i64,
    to: Status,
    reason: Option<String>,
    reason_detail: &str,
    note: &str,
    effective: NaiveDate,
    lead_id: Option<i64>,
    at: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO status_events (case_id, to_status, reason, reason_detail, note, effective_on, lead_id, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(case_id)
    .bind(as_text(to)?)
    .bind(reason)
    .bind(reason_detail)
    .bind(note)
    .bind(effective.to_string())
    .bind(lead_id)
    .bind(at)
    .execute(conn)
    .await
    .map_err(db_error)?;
    Ok(())
}
