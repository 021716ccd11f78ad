//! Cases: opening one, changing its level with evidence, closing, reopening, and the archive
//! sweep. Each action checks the domain rule, then writes its rows and audit entry in one
//! transaction, so nothing is ever half-written.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::FromRow;
use ts_rs::TS;

use crate::audit::{self, Action, Actor, Entry};
use crate::changes::ChangeKind;
use crate::clock::stamp;
use crate::domain::case::{self, CaseDetails, Closure, Level, LevelChange, Status, should_archive};
use crate::domain::postcode;
use crate::domain::reference::CaseRef;
use crate::store::Store;
use crate::store::text::{as_text, from_text};
use crate::write::{self, CaseState, Write};
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
    /// For a family identified at a safeguarding meeting: did they complete a Children's
    /// Centre registration form, and when. `None` when not asked.
    #[serde(default)]
    pub cc_registration: Option<bool>,
    #[serde(default)]
    #[ts(type = "string | null")]
    pub cc_registration_on: Option<NaiveDate>,
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

/// Longer than any real address line; a paste accident is caught.
const MAX_ADDRESS_CHARS: usize = 200;

/// Opens a case: live, at level "concern", with the next reference of its opening year.
pub async fn open_case(store: &Store, lead_id: i64, new: &NewCase, now: DateTime<Utc>) -> Result<CaseSummary> {
    let (id, _) = write::run(store, Actor::Lead(lead_id), now, async |w| open_case_in(w, new).await).await?;
    summary(store, id).await
}

/// `open_case` inside the caller's write transaction; returns the new case's id and reference.
pub(crate) async fn open_case_in(w: &mut Write, new: &NewCase) -> Result<(i64, CaseRef)> {
    let (lead_id, now) = (w.lead()?, w.now());
    let mut errors = Vec::new();
    if new.address_line1.trim().is_empty() {
        errors.push(FieldError::new("addressLine1", "Enter the first line of the address"));
    }
    for (field, value) in
        [("addressLine1", &new.address_line1), ("addressLine2", &new.address_line2), ("town", &new.town)]
    {
        if value.trim().chars().count() > MAX_ADDRESS_CHARS {
            errors.push(FieldError::new(field, format!("This must be {MAX_ADDRESS_CHARS} characters or fewer")));
        }
    }
    let postcode =
        postcode::normalise(&new.postcode).map_err(|e| errors.push(FieldError::new("postcode", e.message))).ok();
    if new.opened_on > now.date_naive() {
        errors.push(FieldError::new("openedOn", "The date the case was opened must be today or in the past"));
    }
    let registration = CaseDetails {
        allocated_lead_id: Some(lead_id),
        local_authority: new.local_authority.clone(),
        social_worker_name: String::new(),
        social_worker_team: String::new(),
        social_worker_phone: String::new(),
        social_worker_email: String::new(),
        cc_registration: new.cc_registration,
        cc_registration_on: new.cc_registration_on,
        nation: Default::default(),
    };
    let registration = case::check_details(&registration, now.date_naive()).map_err(|e| errors.extend(e.fields)).ok();
    let (Some(postcode), Some(registration)) = (postcode, registration) else { return Err(Error::fields(errors)) };
    if !errors.is_empty() {
        return Err(Error::fields(errors));
    }

    let at = w.at().to_owned();
    // Inside BEGIN IMMEDIATE: no other writer can take the same number meanwhile.
    let year = new.opened_on.year();
    let highest: Option<i64> = sqlx::query_scalar("SELECT MAX(ref_number) FROM cases WHERE ref_year = ?")
        .bind(year)
        .fetch_one(&mut *w.sql())
        .await?;
    let reference = CaseRef::next(year, highest.and_then(|n| u32::try_from(n).ok()));
    // A new case follows the organisation's nation's procedures and bank holidays.
    let nation = crate::timescales::organisation_nation_in(w.sql()).await?;
    let id = sqlx::query(
        "INSERT INTO cases (ref_year, ref_number, reference, status, level, address_line1, address_line2, town,
                            postcode, source, allocated_lead_id, local_authority, opened_on, created_at, created_by,
                            cc_registration, cc_registration_on, updated_at, nation)
         VALUES (?, ?, ?, 'live', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
    .bind(registration.cc_registration)
    .bind(registration.cc_registration_on.map(|d| d.to_string()))
    .bind(&at)
    .bind(as_text(nation)?)
    .execute(&mut *w.sql())
    .await?
    .last_insert_rowid();
    w.changed(id, ChangeKind::CaseOpened, &format!("Case {reference} opened")).await?;
    w.audit(Action::CaseOpened, "case", id).await?;
    Ok((id, reference))
}

/// One level change as the case page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct LevelHistoryItem {
    #[ts(type = "number")]
    pub id: i64,
    pub from_level: Option<String>,
    pub to_level: String,
    pub evidence: String,
    pub effective_on: String,
    pub decided_by: String,
    pub recorded_at: String,
    /// The chronology entries the change rests on.
    #[sqlx(skip)]
    #[ts(type = "number[]")]
    pub entries: Vec<i64>,
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
    pub details: CaseDetails,
    /// The allocated lead's name.
    pub lead: Option<String>,
    pub people: Vec<crate::people::PersonInCase>,
    pub relationships: Vec<crate::people::Relationship>,
    pub plans: Vec<crate::plans::Plan>,
    pub chronology: Vec<crate::chronology::ChronologyEntry>,
    pub concerns: Vec<crate::concerns::Concern>,
    pub transfers: Vec<crate::transfers::TransferRow>,
    /// What is due on a live case, most urgent first.
    pub timescales: Vec<crate::domain::timescales::DueItem>,
    /// When a closed case will be archived.
    #[ts(type = "string | null")]
    pub archives_on: Option<NaiveDate>,
    pub levels: Vec<LevelHistoryItem>,
    pub statuses: Vec<StatusHistoryItem>,
}

#[derive(FromRow)]
struct DetailsRow {
    address_line2: String,
    town: String,
    source: String,
    allocated_lead_id: Option<i64>,
    lead: Option<String>,
    local_authority: String,
    social_worker_name: String,
    social_worker_team: String,
    social_worker_phone: String,
    social_worker_email: String,
    cc_registration: Option<bool>,
    cc_registration_on: Option<String>,
    nation: String,
}

/// A case page's data. Viewing a case is audited.
pub async fn page(store: &Store, lead_id: i64, id: i64, now: DateTime<Utc>) -> Result<CasePage> {
    let page = page_data(store, id, now).await?;
    audit::record(store, Entry::new(stamp(now), Actor::Lead(lead_id), Action::CaseViewed).record("case", id)).await?;
    Ok(page)
}

/// The case page's data without the view being audited (reports audit their own act).
pub(crate) async fn page_data(store: &Store, id: i64, now: DateTime<Utc>) -> Result<CasePage> {
    let summary = summary(store, id).await?;
    let row: DetailsRow = sqlx::query_as(
        "SELECT c.address_line2, c.town, c.source, c.allocated_lead_id, l.name AS lead, c.local_authority,
                c.social_worker_name, c.social_worker_team, c.social_worker_phone, c.social_worker_email,
                c.cc_registration, c.cc_registration_on, c.nation
         FROM cases c LEFT JOIN leads l ON l.id = c.allocated_lead_id WHERE c.id = ?",
    )
    .bind(id)
    .fetch_one(store.pool())
    .await?;
    let mut levels: Vec<LevelHistoryItem> = sqlx::query_as(
        "SELECT l.id, l.from_level, l.to_level, l.evidence, l.effective_on, d.name AS decided_by, l.recorded_at
         FROM level_changes l JOIN leads d ON d.id = l.decided_by WHERE l.case_id = ? ORDER BY l.id DESC",
    )
    .bind(id)
    .fetch_all(store.pool())
    .await?;
    let statuses = sqlx::query_as(
        "SELECT s.to_status, s.reason, s.reason_detail, s.note, s.effective_on, l.name AS lead
         FROM status_events s LEFT JOIN leads l ON l.id = s.lead_id WHERE s.case_id = ? ORDER BY s.id DESC",
    )
    .bind(id)
    .fetch_all(store.pool())
    .await?;
    let links: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT le.level_change_id, le.entry_id FROM level_change_entries le
         JOIN level_changes l ON l.id = le.level_change_id WHERE l.case_id = ? ORDER BY le.entry_id",
    )
    .bind(id)
    .fetch_all(store.pool())
    .await?;
    for level in &mut levels {
        level.entries = links.iter().filter(|(l, _)| *l == level.id).map(|(_, e)| *e).collect();
    }
    let people = crate::people::in_case(store, id).await?;
    let relationships = crate::people::relationships(store, id).await?;
    let plans = crate::plans::for_case(store, id).await?;
    let chronology = crate::chronology::for_case(store, id).await?;
    let concerns = crate::concerns::for_case(store, id).await?;
    let transfers = crate::transfers::for_case(store, id).await?;
    let timescales = crate::timescales::due_by_case(store, Some(id), now).await?.remove(&id).unwrap_or_default();
    let archives_on = match summary.closed_on.as_deref().map(str::parse::<NaiveDate>) {
        Some(Ok(closed)) if summary.status == "closed" => {
            Some(case::archive_due(closed, crate::timescales::archive_months(store).await?))
        }
        _ => None,
    };
    let details = CaseDetails {
        allocated_lead_id: row.allocated_lead_id,
        local_authority: row.local_authority,
        social_worker_name: row.social_worker_name,
        social_worker_team: row.social_worker_team,
        social_worker_phone: row.social_worker_phone,
        social_worker_email: row.social_worker_email,
        cc_registration: row.cc_registration,
        cc_registration_on: row.cc_registration_on.and_then(|d| d.parse().ok()),
        nation: from_text(&row.nation)?,
    };
    Ok(CasePage {
        summary,
        address_line2: row.address_line2,
        town: row.town,
        source: row.source,
        details,
        lead: row.lead,
        people,
        relationships,
        plans,
        chronology,
        concerns,
        transfers,
        timescales,
        archives_on,
        levels,
        statuses,
    })
}

pub async fn summary(store: &Store, id: i64) -> Result<CaseSummary> {
    sqlx::query_as(
        "SELECT id, reference, status, level, address_line1, postcode, opened_on, closed_on FROM cases WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(store.pool())
    .await?
    .ok_or_else(|| Error::new(ErrorCode::NotFound, "That case does not exist."))
}

/// Updates the lead social worker, local authority, allocated lead and registration.
pub async fn update_details(
    store: &Store,
    lead_id: i64,
    case_id: i64,
    details: &CaseDetails,
    now: DateTime<Utc>,
) -> Result<()> {
    let d = case::check_details(details, now.date_naive())?;
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        w.case(case_id).await?;
        if let Some(allocated) = d.allocated_lead_id {
            let active: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM leads WHERE id = ? AND active = 1)")
                .bind(allocated)
                .fetch_one(&mut *w.sql())
                .await?;
            if !active {
                return Err(Error::fields(vec![FieldError::new("allocatedLeadId", "Choose an active lead")]));
            }
        }
        sqlx::query(
        "UPDATE cases SET allocated_lead_id = ?, local_authority = ?, social_worker_name = ?, social_worker_team = ?,
                          social_worker_phone = ?, social_worker_email = ?, cc_registration = ?,
                          cc_registration_on = ?, nation = ?
         WHERE id = ?",
    )
    .bind(d.allocated_lead_id)
    .bind(&d.local_authority)
    .bind(&d.social_worker_name)
    .bind(&d.social_worker_team)
    .bind(&d.social_worker_phone)
    .bind(&d.social_worker_email)
    .bind(d.cc_registration)
    .bind(d.cc_registration_on.map(|x| x.to_string()))
    .bind(as_text(d.nation)?)
    .bind(case_id)
    .execute(&mut *w.sql())
    .await?;
        w.changed(case_id, ChangeKind::DetailsChanged, "Case details updated").await?;
        w.audit(Action::CaseDetailsChanged, "case", case_id).await
    })
    .await
}

/// Records the social worker an imported list names as the case's lead social worker, when the
/// case has none yet; a case that has one keeps it (the import notes the difference).
pub(crate) async fn social_worker_from_list_in(w: &mut Write, case_id: i64, name: &str) -> Result<()> {
    let name = name.trim();
    if name.is_empty() {
        return Ok(());
    }
    let set = sqlx::query("UPDATE cases SET social_worker_name = ? WHERE id = ? AND trim(social_worker_name) = ''")
        .bind(name)
        .bind(case_id)
        .execute(&mut *w.sql())
        .await?
        .rows_affected();
    if set > 0 {
        w.changed(case_id, ChangeKind::DetailsChanged, "Lead social worker recorded from the Under 5s list").await?;
        w.audit(Action::CaseDetailsChanged, "case", case_id).await?;
    }
    Ok(())
}

pub async fn change_level(
    store: &Store,
    lead_id: i64,
    case_id: i64,
    change: &LevelChange,
    now: DateTime<Utc>,
) -> Result<CaseSummary> {
    write::run(store, Actor::Lead(lead_id), now, async |w| change_level_in(w, case_id, change).await).await?;
    summary(store, case_id).await
}

/// `change_level` inside the caller's write transaction.
pub(crate) async fn change_level_in(w: &mut Write, case_id: i64, change: &LevelChange) -> Result<()> {
    let (lead_id, at) = (w.lead()?, w.at().to_owned());
    let CaseState { status, level: from, .. } = w.case_for_rule(case_id).await?;
    case::check_level_change(status, from, change, w.now().date_naive())?;
    let mut entries = change.entries.clone();
    entries.sort_unstable();
    entries.dedup();
    for entry in &entries {
        let in_case: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM chronology_entries WHERE id = ? AND case_id = ?)")
                .bind(entry)
                .bind(case_id)
                .fetch_one(&mut *w.sql())
                .await?;
        if !in_case {
            return Err(Error::fields(vec![FieldError::new("entries", "Choose entries from this case's chronology")]));
        }
    }
    let level_change_id = sqlx::query(
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
    .execute(&mut *w.sql())
    .await?
    .last_insert_rowid();
    for entry in &entries {
        sqlx::query("INSERT INTO level_change_entries (level_change_id, entry_id) VALUES (?, ?)")
            .bind(level_change_id)
            .bind(entry)
            .execute(&mut *w.sql())
            .await?;
    }
    sqlx::query("UPDATE cases SET level = ? WHERE id = ?")
        .bind(as_text(change.to)?)
        .bind(case_id)
        .execute(&mut *w.sql())
        .await?;
    let what = format!("Level changed from {} to {}", from.label(), change.to.label());
    w.changed(case_id, ChangeKind::LevelChanged, &what).await?;
    w.audit(Action::LevelChanged, "case", case_id).await
}

pub async fn close_case(
    store: &Store,
    lead_id: i64,
    case_id: i64,
    closure: &Closure,
    now: DateTime<Utc>,
) -> Result<CaseSummary> {
    write::run(store, Actor::Lead(lead_id), now, async |w| close_case_in(w, case_id, closure).await).await?;
    summary(store, case_id).await
}

/// `close_case` inside the caller's write transaction.
pub(crate) async fn close_case_in(w: &mut Write, case_id: i64, closure: &Closure) -> Result<()> {
    let (lead_id, at) = (w.lead()?, w.at().to_owned());
    let CaseState { status, opened_on, .. } = w.case_for_rule(case_id).await?;
    case::check_closure(status, closure, opened_on, w.now().date_naive())?;
    insert_status_event(
        w.sql(),
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
        .execute(&mut *w.sql())
        .await?;
    let what = format!("Case closed: {}", closure.reason.label());
    w.changed(case_id, ChangeKind::CaseClosed, &what).await?;
    w.audit(Action::CaseClosed, "case", case_id).await
}

pub async fn reopen_case(
    store: &Store,
    lead_id: i64,
    case_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<CaseSummary> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let at = w.at().to_owned();
        let CaseState { status, .. } = w.case_for_rule(case_id).await?;
        case::check_reopen(status, reason)?;
        let today = now.date_naive();
        insert_status_event(w.sql(), case_id, Status::Live, None, "", reason.trim(), today, Some(lead_id), &at).await?;
        sqlx::query("UPDATE cases SET status = 'live', closed_on = NULL WHERE id = ?")
            .bind(case_id)
            .execute(&mut *w.sql())
            .await?;
        w.changed(case_id, ChangeKind::CaseReopened, "Case reopened").await?;
        w.audit(Action::CaseReopened, "case", case_id).await
    })
    .await?;
    summary(store, case_id).await
}

/// Archives every closed case whose 12 months have passed on `now`'s date. Run at start-up
/// and daily; returns the references archived.
pub async fn archive_sweep(store: &Store, now: DateTime<Utc>) -> Result<Vec<String>> {
    let today = crate::domain::calendar::uk_today(now);
    let months = crate::timescales::archive_months(store).await?;
    write::run(store, Actor::System, now, async |w| {
        let at = w.at().to_owned();
        // Only the closures old enough to be due, by index; the rule still decides each one.
        let closed: Vec<(i64, String, Option<String>)> =
            sqlx::query_as("SELECT id, reference, closed_on FROM cases WHERE status = 'closed' AND closed_on <= ?")
                .bind(case::latest_closure_archived_by(today, months).to_string())
                .fetch_all(&mut *w.sql())
                .await?;
        let mut archived = Vec::new();
        for (id, reference, closed_on) in closed {
            let closed_on = closed_on.and_then(|d| d.parse::<NaiveDate>().ok());
            if !should_archive(Status::Closed, closed_on, today, months) {
                continue;
            }
            w.case_for_rule(id).await?;
            insert_status_event(w.sql(), id, Status::Archived, None, "", "", today, None, &at).await?;
            sqlx::query("UPDATE cases SET status = 'archived', archived_on = ? WHERE id = ?")
                .bind(today.to_string())
                .bind(id)
                .execute(&mut *w.sql())
                .await?;
            w.changed(id, ChangeKind::CaseArchived, "Case archived, 12 months after closure").await?;
            w.audit(Action::CaseArchived, "case", id).await?;
            archived.push(reference);
        }
        Ok(archived)
    })
    .await
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
    .await?;
    Ok(())
}
