//! The weekly review's SQL: which cases may be on a week, each lead's outcomes, sign-offs and
//! late notes, and the changes a lead has not reviewed yet.

use chrono::NaiveDate;
use std::collections::HashMap;

use sqlx::FromRow;

use super::LateNote;
use super::rules::Outcome;
use crate::Result;
use crate::changes::Change;
use crate::clock::Stamp;
use crate::domain::calendar::Week;
use crate::domain::case::{Level, Status};
use crate::store::Store;
use crate::store::db::{Conn, query, query_composed};

/// What decides whether a case is on a week's checklist.
#[derive(FromRow)]
pub(super) struct WeekDates {
    pub opened_on: NaiveDate,
    pub status: Status,
    pub closed_on: Option<NaiveDate>,
}

/// Cases with the same dates, counted.
#[derive(FromRow)]
pub(super) struct DatesCount {
    #[sqlx(flatten)]
    pub dates: WeekDates,
    pub cases: i64,
}

#[derive(FromRow)]
pub(super) struct CaseRow {
    pub id: i64,
    pub reference: String,
    pub address: String,
    pub level: Level,
    #[sqlx(flatten)]
    pub dates: WeekDates,
}

/// The cases that may be on the checklists of the weeks from $2's Monday to $1's Sunday:
/// opened by the end of the last week and live, or closed on or after the first Monday.
const MAY_BE_ON_WEEKS: &str = "c.opened_on <= $1 AND (c.status = 'live' OR c.closed_on >= $2)";

/// The cases that may be on `week`'s checklist, in reference order.
pub(super) async fn may_be_on(store: &Store, week: Week) -> Result<Vec<CaseRow>> {
    query_composed(format!(
        "SELECT c.id, c.reference, c.address_line1 || ', ' || c.postcode AS address, c.level, c.status, c.opened_on,
                c.closed_on
         FROM cases c WHERE {MAY_BE_ON_WEEKS}
         -- '+' keeps SQLite from reading every case in reference order to skip a small sort.
         ORDER BY +c.ref_year, +c.ref_number"
    ))
    .bind(week.sunday())
    .bind(week.monday())
    .fetch_all(&mut store.db())
    .await
}

/// One case's dates, when it may be on `week`'s checklist, without reading the others.
pub(super) async fn may_be_on_one(db: &mut Conn<'_>, case_id: i64, week: Week) -> Result<Option<WeekDates>> {
    query_composed(format!(
        "SELECT c.opened_on, c.status, c.closed_on FROM cases c WHERE c.id = $3 AND {MAY_BE_ON_WEEKS}"
    ))
    .bind(week.sunday())
    .bind(week.monday())
    .bind(case_id)
    .fetch_optional(db)
    .await
}

/// The cases' dates from `oldest`'s Monday to `newest`'s Sunday, grouped: only whether a case
/// is on each week counts, so openings before the oldest week are all alike.
pub(super) async fn dates_counted(store: &Store, oldest: Week, newest: Week) -> Result<Vec<DatesCount>> {
    query_composed(format!(
        "SELECT CASE WHEN c.opened_on > $2 THEN c.opened_on ELSE $2 END AS opened_on, c.status, c.closed_on,
                count(*) AS cases
         FROM cases c WHERE {MAY_BE_ON_WEEKS} GROUP BY 1, 2, 3"
    ))
    .bind(newest.sunday())
    .bind(oldest.monday())
    .fetch_all(&mut store.db())
    .await
}

pub(super) async fn signed_off_at(db: &mut Conn<'_>, lead_id: i64, week: Week) -> Result<Option<Stamp>> {
    query("SELECT signed_at FROM review_signoffs WHERE lead_id = $1 AND week = $2")
        .bind(lead_id)
        .bind(week.to_string())
        .scalar(db)
        .await
}

/// The lead's outcomes for the week, by case: (outcome, note, recorded at).
pub(super) async fn outcomes(
    store: &Store,
    lead_id: i64,
    week: Week,
) -> Result<HashMap<i64, (Outcome, String, Stamp)>> {
    let rows: Vec<(i64, Outcome, String, Stamp)> =
        query("SELECT case_id, outcome, note, recorded_at FROM review_items WHERE lead_id = $1 AND week = $2")
            .bind(lead_id)
            .bind(week.to_string())
            .fetch_all(&mut store.db())
            .await?;
    Ok(rows.into_iter().map(|(c, o, n, r)| (c, (o, n, r))).collect())
}

/// What others changed on the cases that can be on `week`, before `before`, since this lead
/// last reviewed each case in an earlier week.
pub(super) async fn unreviewed_changes(store: &Store, lead_id: i64, week: Week, before: &str) -> Result<Vec<Change>> {
    query(
        "SELECT ch.id, ch.case_id, c.reference, l.name AS lead, ch.kind, ch.summary, ch.at
         -- From the week's cases to their changes (SQLite's CROSS JOIN fixes that order; the
         -- join's condition is in WHERE, as PostgreSQL's CROSS JOIN takes none): the changes
         -- of the archive are never read.
         FROM cases c CROSS JOIN case_changes ch LEFT JOIN leads l ON l.id = ch.lead_id
         WHERE ch.case_id = c.id AND (c.status = 'live' OR c.closed_on >= $4)
           AND (ch.lead_id IS NULL OR ch.lead_id <> $1) AND ch.at < $3
           AND ch.at > COALESCE((SELECT MAX(r.recorded_at) FROM review_items r
                                 WHERE r.lead_id = $1 AND r.case_id = ch.case_id AND r.week < $2), '')
         ORDER BY ch.id",
    )
    .bind(lead_id)
    .bind(week.to_string())
    .bind(before)
    // Only the changes of cases that can be on this week's list: the archive is not read.
    .bind(week.monday())
    .fetch_all(&mut store.db())
    .await
}

pub(super) async fn late_notes(store: &Store, lead_id: i64, week: Week) -> Result<Vec<LateNote>> {
    query("SELECT case_id, note, recorded_at FROM review_late_notes WHERE lead_id = $1 AND week = $2 ORDER BY id")
        .bind(lead_id)
        .bind(week.to_string())
        .fetch_all(&mut store.db())
        .await
}

/// Sets the lead's outcome for the case this week, replacing an earlier one.
pub(super) async fn put_outcome(
    conn: &mut Conn<'_>,
    (lead_id, week, case_id): (i64, Week, i64),
    outcome: Outcome,
    note: &str,
    at: &str,
) -> Result<()> {
    query(
        "INSERT INTO review_items (lead_id, week, case_id, outcome, note, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (lead_id, week, case_id) DO UPDATE SET outcome = excluded.outcome, note = excluded.note,
                                                          recorded_at = excluded.recorded_at",
    )
    .bind(lead_id)
    .bind(week.to_string())
    .bind(case_id)
    .bind(outcome)
    .bind(note)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

pub(super) async fn sign_off(conn: &mut Conn<'_>, lead_id: i64, week: Week, at: &str) -> Result<()> {
    query("INSERT INTO review_signoffs (lead_id, week, signed_at) VALUES ($1, $2, $3)")
        .bind(lead_id)
        .bind(week.to_string())
        .bind(at)
        .execute(conn)
        .await?;
    Ok(())
}

pub(super) async fn add_late_note(
    conn: &mut Conn<'_>,
    (lead_id, week, case_id): (i64, Week, i64),
    note: &str,
    at: &str,
) -> Result<()> {
    query("INSERT INTO review_late_notes (lead_id, week, case_id, note, recorded_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(lead_id)
        .bind(week.to_string())
        .bind(case_id)
        .bind(note)
        .bind(at)
        .execute(conn)
        .await?;
    Ok(())
}

/// Every lead's count of outcomes for every week, by (lead, week).
pub(super) async fn outcome_counts(store: &Store) -> Result<HashMap<(i64, String), u32>> {
    let rows: Vec<(i64, String, i64)> =
        query("SELECT lead_id, week, count(*) FROM review_items GROUP BY lead_id, week")
            .fetch_all(&mut store.db())
            .await?;
    Ok(rows.into_iter().map(|(l, w, n)| ((l, w), u32::try_from(n).unwrap_or(0))).collect())
}

/// Every sign-off, by (lead, week).
pub(super) async fn sign_offs(store: &Store) -> Result<HashMap<(i64, String), Stamp>> {
    let rows: Vec<(i64, String, Stamp)> =
        query("SELECT lead_id, week, signed_at FROM review_signoffs").fetch_all(&mut store.db()).await?;
    Ok(rows.into_iter().map(|(l, w, s)| ((l, w), s)).collect())
}
