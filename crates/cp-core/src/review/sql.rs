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

/// The cases `c` that may be on the checklists of the weeks from the Monday in parameter
/// `monday` to the Sunday in parameter `sunday`: opened by the end of the last week and live,
/// or closed on or after the first Monday.
fn may_be_on_weeks(sunday: u8, monday: u8) -> String {
    format!("c.opened_on <= ${sunday} AND (c.status = 'live' OR c.closed_on >= ${monday})")
}

/// The cases that may be on `week`'s checklist, in reference order.
pub(super) async fn may_be_on(store: &Store, week: Week) -> Result<Vec<CaseRow>> {
    query_composed(format!(
        "SELECT c.id, c.reference, c.address_line1 || ', ' || c.postcode AS address, c.level, c.status, c.opened_on,
                c.closed_on
         FROM cases c WHERE {}
         -- '+' keeps SQLite from reading every case in reference order to skip a small sort.
         ORDER BY +c.ref_year, +c.ref_number",
        may_be_on_weeks(1, 2)
    ))
    .bind(week.sunday())
    .bind(week.monday())
    .fetch_all(&mut store.db())
    .await
}

/// One case's dates, when it may be on `week`'s checklist, without reading the others.
pub(super) async fn may_be_on_one(db: &mut Conn<'_>, case_id: i64, week: Week) -> Result<Option<WeekDates>> {
    query_composed(format!(
        "SELECT c.opened_on, c.status, c.closed_on FROM cases c WHERE c.id = $3 AND {}",
        may_be_on_weeks(1, 2)
    ))
    .bind(week.sunday())
    .bind(week.monday())
    .bind(case_id)
    .fetch_optional(db)
    .await
}

/// Those of `case_ids` (not empty) that may be on `week`'s checklist, with their dates,
/// without reading the others.
pub(super) async fn may_be_on_among(store: &Store, week: Week, case_ids: &[i64]) -> Result<Vec<(i64, WeekDates)>> {
    let mut q = query_composed(format!(
        "SELECT c.id, c.opened_on, c.status, c.closed_on FROM cases c WHERE {} AND c.id IN ({})",
        may_be_on_weeks(1, 2),
        placeholders(3, case_ids.len())
    ))
    .bind(week.sunday())
    .bind(week.monday());
    for id in case_ids {
        q = q.bind(*id);
    }
    let rows: Vec<DatesOf> = q.fetch_all(&mut store.db()).await?;
    Ok(rows.into_iter().map(|r| (r.id, r.dates)).collect())
}

/// `count` numbered placeholders from `$first`, for a list of ids bound after the values
/// before it.
fn placeholders(first: usize, count: usize) -> String {
    (first..first + count).map(|n| format!("${n}")).collect::<Vec<_>>().join(", ")
}

#[derive(FromRow)]
struct DatesOf {
    id: i64,
    #[sqlx(flatten)]
    dates: WeekDates,
}

/// The cases' dates from `oldest`'s Monday to `newest`'s Sunday, grouped: only whether a case
/// is on each week counts, so openings before the oldest week are all alike.
pub(super) async fn dates_counted(store: &Store, oldest: Week, newest: Week) -> Result<Vec<DatesCount>> {
    query_composed(format!(
        "SELECT CASE WHEN c.opened_on > $2 THEN c.opened_on ELSE $2 END AS opened_on, c.status, c.closed_on,
                count(*) AS cases
         FROM cases c WHERE {} GROUP BY 1, 2, 3",
        may_be_on_weeks(1, 2)
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

/// A change on a checklist, with how many the lead has not reviewed on its case.
#[derive(FromRow)]
pub(super) struct ShownChange {
    #[sqlx(flatten)]
    pub change: Change,
    pub total: i64,
}

/// Whether `change` (a case_changes row) is one the lead ($1) has not reviewed: another's (or
/// the installation's), before $3, and after the lead last reviewed its case in an earlier
/// week (`seen`, the case's `SEEN`).
fn unreviewed(change: &str, seen: &str) -> String {
    format!(
        "({change}.lead_id IS NULL OR {change}.lead_id <> $1) AND {change}.at < $3 AND {change}.at > COALESCE({seen}, '')"
    )
}

/// The lead's last review of case `c.id` in a week before $2's: one step down an index.
const SEEN: &str =
    "(SELECT MAX(r.recorded_at) FROM review_items r WHERE r.case_id = c.id AND r.lead_id = $1 AND r.week < $2)";

/// The newest `shown` changes of each of `case_ids` that can be on `week`, each with how many
/// the lead has not reviewed on the case, oldest first. Each case's changes are counted from
/// an index; the oldest of the ones shown is found by stepping back from the case's newest
/// change, and only the changes shown are read: a case the lead has reviewed costs one step.
pub(super) async fn unreviewed_changes(
    store: &Store,
    lead_id: i64,
    week: Week,
    before: &str,
    shown: u32,
    case_ids: &[i64],
) -> Result<Vec<ShownChange>> {
    if case_ids.is_empty() {
        return Ok(Vec::new());
    }
    // The cases' ids are bound after the five values above.
    let ids = placeholders(6, case_ids.len());
    // The `n`th newest unreviewed change, for n = the case's total when it has fewer than
    // `shown`: one step back per change newer than it.
    let nth_newest = |n: u32| {
        format!(
            "(SELECT x.id FROM case_changes x WHERE x.case_id = wk.id AND {}
              ORDER BY x.id DESC LIMIT 1 OFFSET {})",
            unreviewed("x", "wk.seen"),
            n - 1
        )
    };
    let first_shown =
        (1..shown.max(1)).map(|n| format!("WHEN wk.total = {n} THEN {}", nth_newest(n))).collect::<Vec<_>>().join(" ");
    let mut q = query_composed(format!(
        "WITH wk0 AS MATERIALIZED (
             SELECT c.id, {SEEN} AS seen FROM cases c WHERE {on_weeks} AND c.id IN ({ids})),
         counted AS MATERIALIZED (
             SELECT wk.id, wk.seen, (SELECT count(*) FROM case_changes x WHERE x.case_id = wk.id AND {unreviewed_x}) AS total
             FROM wk0 wk),
         news AS MATERIALIZED (
             SELECT wk.id, wk.seen, wk.total,
                    CASE WHEN wk.total = 0 THEN NULL {first_shown} ELSE {last} END AS first_shown
             FROM counted wk)
         -- SQLite's CROSS JOIN keeps this order: each case's newest changes from its own index.
         SELECT ch.id, ch.case_id, c.reference, l.name AS lead, ch.kind, ch.summary, ch.at, news.total
         FROM news CROSS JOIN case_changes ch JOIN cases c ON c.id = ch.case_id LEFT JOIN leads l ON l.id = ch.lead_id
         WHERE ch.case_id = news.id AND news.total > 0 AND ch.id >= news.first_shown AND {unreviewed_ch}
         ORDER BY ch.id",
        on_weeks = may_be_on_weeks(5, 4),
        unreviewed_x = unreviewed("x", "wk.seen"),
        unreviewed_ch = unreviewed("ch", "news.seen"),
        last = nth_newest(shown.max(1)),
    ))
    .bind(lead_id)
    .bind(week.to_string())
    .bind(before)
    .bind(week.monday())
    .bind(week.sunday());
    for id in case_ids {
        q = q.bind(*id);
    }
    q.fetch_all(&mut store.db()).await
}

/// Every change to one case that the lead has not reviewed (as `unreviewed_changes` counts
/// them), oldest first: "show all" on one item of the checklist.
pub(super) async fn unreviewed_changes_of(
    store: &Store,
    lead_id: i64,
    week: Week,
    before: &str,
    case_id: i64,
) -> Result<Vec<Change>> {
    query_composed(format!(
        "WITH wk AS (SELECT c.id, {SEEN} AS seen FROM cases c WHERE c.id = $4)
         SELECT x.id, x.case_id, c.reference, l.name AS lead, x.kind, x.summary, x.at
         FROM wk CROSS JOIN case_changes x JOIN cases c ON c.id = x.case_id LEFT JOIN leads l ON l.id = x.lead_id
         WHERE x.case_id = wk.id AND {}
         ORDER BY x.id",
        unreviewed("x", "wk.seen")
    ))
    .bind(lead_id)
    .bind(week.to_string())
    .bind(before)
    .bind(case_id)
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
