//! The cases area's SQL: the `cases` row, its level changes (and the entries they rest on)
//! and its status events.

use super::rules::{CaseDetails, Level, Status};
use super::{CaseSummary, LevelHistoryItem, Source, StatusHistoryItem};
use crate::Result;
use crate::clock::Stamp;
use crate::domain::calendar::Nation;
use crate::store::Store;
use crate::store::db::{Conn, query};
use crate::store::text::as_text;
use chrono::NaiveDate;

/// The highest reference number issued in `year`, archived cases included. Read inside the
/// write that takes the next one: BEGIN IMMEDIATE keeps another writer from taking it too.
/// The last entry of the (year, number) index, not `MAX`: PostgreSQL, knowing nothing yet of a
/// new database's cases, planned `MAX` as a read of every case of the year, once per case an
/// Under 5s list opened (15 of the 50 seconds 5,000 new families took).
pub(super) async fn highest_number(conn: &mut Conn<'_>, year: i32) -> Result<Option<u32>> {
    let highest: Option<i64> =
        query("SELECT ref_number FROM cases WHERE ref_year = $1 ORDER BY ref_number DESC LIMIT 1")
            .bind(i64::from(year))
            .scalar(conn)
            .await?;
    Ok(highest.and_then(|n| u32::try_from(n).ok()))
}

/// A new case's row, as `open_case` checked it.
pub(super) struct NewCaseRow<'a> {
    pub year: i32,
    pub number: u32,
    pub reference: &'a str,
    pub address_line1: &'a str,
    pub address_line2: &'a str,
    pub town: &'a str,
    pub postcode: &'a str,
    pub source: Source,
    pub lead_id: i64,
    pub local_authority: &'a str,
    pub opened_on: NaiveDate,
    pub cc_registration: Option<bool>,
    pub cc_registration_on: Option<NaiveDate>,
    pub nation: Nation,
    pub at: &'a str,
}

/// A new live case at level "concern"; returns its id.
pub(super) async fn insert(conn: &mut Conn<'_>, c: &NewCaseRow<'_>) -> Result<i64> {
    query(
        "INSERT INTO cases (ref_year, ref_number, reference, status, level, address_line1, address_line2, town,
                            postcode, source, allocated_lead_id, local_authority, opened_on, created_at, created_by,
                            cc_registration, cc_registration_on, updated_at, nation)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
         RETURNING id",
    )
    .bind(i64::from(c.year))
    .bind(i64::from(c.number))
    .bind(c.reference)
    .bind(as_text(Status::Live)?)
    .bind(as_text(Level::Concern)?)
    .bind(c.address_line1)
    .bind(c.address_line2)
    .bind(c.town)
    .bind(c.postcode)
    .bind(as_text(c.source)?)
    .bind(c.lead_id)
    .bind(c.local_authority)
    .bind(c.opened_on)
    .bind(c.at)
    .bind(c.lead_id)
    .bind(c.cc_registration)
    .bind(c.cc_registration_on)
    .bind(c.at)
    .bind(as_text(c.nation)?)
    .one(conn)
    .await
}

pub(super) async fn summary(conn: &mut Conn<'_>, id: i64) -> Result<Option<CaseSummary>> {
    query("SELECT id, reference, status, level, address_line1, postcode, opened_on, closed_on FROM cases WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// The case's details as the case page shows them, with the allocated lead's name.
#[derive(sqlx::FromRow)]
pub(crate) struct DetailsRow {
    pub address_line2: String,
    pub town: String,
    pub source: Source,
    pub allocated_lead_id: Option<i64>,
    pub lead: Option<String>,
    pub local_authority: String,
    pub social_worker_name: String,
    pub social_worker_team: String,
    pub social_worker_phone: String,
    pub social_worker_email: String,
    pub cc_registration: Option<bool>,
    pub cc_registration_on: Option<NaiveDate>,
    pub nation: Nation,
    pub details_version: i64,
}

pub(super) async fn details(store: &Store, id: i64) -> Result<DetailsRow> {
    query(
        "SELECT c.address_line2, c.town, c.source, c.allocated_lead_id, l.name AS lead, c.local_authority,
                c.social_worker_name, c.social_worker_team, c.social_worker_phone, c.social_worker_email,
                c.cc_registration, c.cc_registration_on, c.nation, c.details_version
         FROM cases c LEFT JOIN leads l ON l.id = c.allocated_lead_id WHERE c.id = $1",
    )
    .bind(id)
    .fetch_one(&mut store.db())
    .await
}

/// Saves the details when they are still at the version `d` began from (and moves it on);
/// whether they were.
pub(super) async fn update_details(conn: &mut Conn<'_>, case_id: i64, d: &CaseDetails) -> Result<bool> {
    let saved = query(
        "UPDATE cases SET allocated_lead_id = $1, local_authority = $2, social_worker_name = $3, social_worker_team = $4,
                          social_worker_phone = $5, social_worker_email = $6, cc_registration = $7,
                          cc_registration_on = $8, nation = $9, details_version = details_version + 1
         WHERE id = $10 AND details_version = $11",
    )
    .bind(d.allocated_lead_id)
    .bind(&d.local_authority)
    .bind(&d.social_worker_name)
    .bind(&d.social_worker_team)
    .bind(&d.social_worker_phone)
    .bind(&d.social_worker_email)
    .bind(d.cc_registration)
    .bind(d.cc_registration_on)
    .bind(as_text(d.nation)?)
    .bind(case_id)
    .bind(d.version)
    .execute(conn)
    .await?;
    Ok(saved == 1)
}

/// Who last changed the case's details, and when (a lead's name, or none for the
/// installation's own acts).
pub(super) async fn details_last_changed(conn: &mut Conn<'_>, case_id: i64) -> Result<Option<(Option<String>, Stamp)>> {
    query(
        "SELECT l.name, ch.at FROM case_changes ch LEFT JOIN leads l ON l.id = ch.lead_id
         WHERE ch.case_id = $1 AND ch.kind = 'details_changed' ORDER BY ch.id DESC LIMIT 1",
    )
    .bind(case_id)
    .fetch_optional(conn)
    .await
}

/// Sets the lead social worker's name when the case has none; whether it did.
pub(super) async fn set_social_worker_if_none(conn: &mut Conn<'_>, case_id: i64, name: &str) -> Result<bool> {
    let set = query(
        "UPDATE cases SET social_worker_name = $1, details_version = details_version + 1
         WHERE id = $2 AND trim(social_worker_name) = ''",
    )
    .bind(name)
    .bind(case_id)
    .execute(conn)
    .await?;
    Ok(set > 0)
}

/// A level change row; returns its id. The case's own level is set apart (`set_level`).
#[allow(clippy::too_many_arguments)] // one row's columns; a struct would only rename them
pub(super) async fn insert_level_change(
    conn: &mut Conn<'_>,
    case_id: i64,
    from: Level,
    to: Level,
    evidence: &str,
    effective: NaiveDate,
    lead_id: i64,
    at: &str,
) -> Result<i64> {
    query(
        "INSERT INTO level_changes (case_id, from_level, to_level, evidence, effective_on, decided_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(case_id)
    .bind(as_text(from)?)
    .bind(as_text(to)?)
    .bind(evidence)
    .bind(effective)
    .bind(lead_id)
    .bind(at)
    .one(conn)
    .await
}

/// A chronology entry the level change rests on.
pub(super) async fn link_entry(conn: &mut Conn<'_>, level_change_id: i64, entry_id: i64) -> Result<()> {
    query("INSERT INTO level_change_entries (level_change_id, entry_id) VALUES ($1, $2)")
        .bind(level_change_id)
        .bind(entry_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub(super) async fn set_level(conn: &mut Conn<'_>, case_id: i64, level: Level) -> Result<()> {
    query("UPDATE cases SET level = $1 WHERE id = $2").bind(as_text(level)?).bind(case_id).execute(conn).await?;
    Ok(())
}

/// One status event (closed, reopened, archived) with its reason and note.
pub(super) struct StatusEvent<'a> {
    pub to: Status,
    pub reason: Option<String>,
    pub reason_detail: &'a str,
    pub note: &'a str,
    pub effective: NaiveDate,
    pub lead_id: Option<i64>,
}

/// Records a status event and sets the case's status (and its closing or archiving date) to
/// match, together.
pub(super) async fn change_status(conn: &mut Conn<'_>, case_id: i64, e: &StatusEvent<'_>, at: &str) -> Result<()> {
    query("INSERT INTO status_events (case_id, to_status, reason, reason_detail, note, effective_on, lead_id, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(case_id)
    .bind(as_text(e.to)?)
    .bind(&e.reason)
    .bind(e.reason_detail)
    .bind(e.note)
    .bind(e.effective)
    .bind(e.lead_id)
    .bind(at)
    .execute(conn)
    .await?;
    let set = match e.to {
        Status::Live => "UPDATE cases SET status = $1, closed_on = NULL WHERE id = $2",
        Status::Closed => "UPDATE cases SET status = $1, closed_on = $3 WHERE id = $2",
        Status::Archived => "UPDATE cases SET status = $1, archived_on = $3 WHERE id = $2",
    };
    let mut q = query(set).bind(as_text(e.to)?).bind(case_id);
    if e.to != Status::Live {
        q = q.bind(e.effective);
    }
    q.execute(conn).await?;
    Ok(())
}

/// Closed cases closed on or before `by` (by a `(status, closed_on)` index): the candidates
/// for the archive sweep, and for "archiving soon".
pub(super) async fn closed_by(conn: &mut Conn<'_>, by: NaiveDate) -> Result<Vec<(i64, String, Option<NaiveDate>)>> {
    query(
        "SELECT id, reference, closed_on FROM cases c WHERE status = 'closed' AND closed_on <= $1
           AND NOT EXISTS (SELECT 1 FROM record_removals r WHERE r.case_id = c.id)",
    )
    .bind(by)
    .fetch_all(conn)
    .await
}

/// Every live case's reference, by id.
pub(super) async fn live_references(store: &Store) -> Result<Vec<(i64, String)>> {
    query("SELECT id, reference FROM cases WHERE status = 'live'").fetch_all(&mut store.db()).await
}

/// How many live cases at each level (as stored), lowest level first.
pub(super) async fn live_by_level(store: &Store) -> Result<Vec<(Level, i64)>> {
    query(
        "SELECT level, count(*) FROM cases WHERE status = 'live' GROUP BY level
         ORDER BY CASE level WHEN 'concern' THEN 0 WHEN 'early_help' THEN 1 WHEN 'child_in_need' THEN 2
                  WHEN 'section47_enquiry' THEN 3 WHEN 'child_protection_plan' THEN 4 ELSE 5 END",
    )
    .fetch_all(&mut store.db())
    .await
}

/// The case's level changes, newest first, each with the entries it rests on.
pub(super) async fn level_history(store: &Store, id: i64) -> Result<Vec<LevelHistoryItem>> {
    let mut levels: Vec<LevelHistoryItem> = query(
        "SELECT l.id, l.from_level, l.to_level, l.evidence, l.effective_on, d.name AS decided_by, l.recorded_at
         FROM level_changes l JOIN leads d ON d.id = l.decided_by WHERE l.case_id = $1 ORDER BY l.id DESC",
    )
    .bind(id)
    .fetch_all(&mut store.db())
    .await?;
    let links: Vec<(i64, i64)> = query(
        "SELECT le.level_change_id, le.entry_id FROM level_change_entries le
         JOIN level_changes l ON l.id = le.level_change_id WHERE l.case_id = $1 ORDER BY le.entry_id",
    )
    .bind(id)
    .fetch_all(&mut store.db())
    .await?;
    for level in &mut levels {
        level.entries = links.iter().filter(|(l, _)| *l == level.id).map(|(_, e)| *e).collect();
    }
    Ok(levels)
}

/// The case's status events, newest first.
pub(super) async fn status_history(store: &Store, id: i64) -> Result<Vec<StatusHistoryItem>> {
    query(
        "SELECT s.to_status, s.reason, s.reason_detail, s.note, s.effective_on, l.name AS lead
         FROM status_events s LEFT JOIN leads l ON l.id = s.lead_id WHERE s.case_id = $1 ORDER BY s.id DESC",
    )
    .bind(id)
    .fetch_all(&mut store.db())
    .await
}

/// The case with this reference (as stored: upper case).
pub(super) async fn id_by_reference(store: &Store, reference: &str) -> Result<Option<i64>> {
    query("SELECT id FROM cases WHERE reference = $1").bind(reference).scalar(&mut store.db()).await
}

/// Every case with its records, in reference order (oldest first).
pub(super) async fn ids_by_reference(conn: &mut Conn<'_>) -> Result<Vec<i64>> {
    query(
        "SELECT id FROM cases c WHERE NOT EXISTS (SELECT 1 FROM record_removals r WHERE r.case_id = c.id)
         ORDER BY ref_year, ref_number",
    )
    .scalars(conn)
    .await
}

/// Every case, in the order they were recorded.
pub(super) async fn ids_as_recorded(conn: &mut Conn<'_>) -> Result<Vec<i64>> {
    query("SELECT id FROM cases ORDER BY id").scalars(conn).await
}
