//! Weekly review checklists: each lead's list of the week's cases with outcomes, the sign-off
//! that reports the week to the other lead, late notes after it, and the weeks' history.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sqlx::FromRow;
use ts_rs::TS;

use crate::audit::{Action, Actor};
use crate::cases::rules::Status;
use crate::changes::Change;
use crate::clock::stamp;
use crate::domain::calendar::{Week, uk_midnight, uk_today};
use crate::domain::review::{self, Outcome, presence};
use crate::domain::timescales::DueItem;
use crate::store::text::{as_text, from_text};
use crate::store::{Store, db_error};
use crate::write;
use crate::{Error, ErrorCode, Result};

/// How many past weeks the history shows (and keeps flagging as overdue when unsigned).
pub const HISTORY_WEEKS: u32 = 12;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistItem {
    #[ts(type = "number")]
    pub case_id: i64,
    pub reference: String,
    pub address: String,
    pub level: String,
    pub status: String,
    pub children: String,
    pub opened_in_week: Option<String>,
    pub closed_in_week: Option<String>,
    pub outcome: Option<Outcome>,
    pub note: String,
    pub recorded_at: Option<String>,
    /// What others changed on the case since this lead last reviewed it.
    pub changes: Vec<Change>,
    pub due: Vec<DueItem>,
    pub late_notes: Vec<LateNote>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct LateNote {
    #[serde(skip)]
    #[ts(skip)]
    pub case_id: i64,
    pub note: String,
    pub recorded_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Checklist {
    pub week: String,
    pub monday: String,
    pub sunday: String,
    #[ts(type = "number")]
    pub lead_id: i64,
    pub lead: String,
    /// The checklist of the lead viewing it (editable until signed off) or another's.
    pub mine: bool,
    pub signed_off_at: Option<String>,
    pub done: u32,
    pub items: Vec<ChecklistItem>,
    /// The weeks either side, for moving through the history; no next week once it would be
    /// a week that has not started.
    pub previous_week: String,
    pub next_week: Option<String>,
    pub this_week: String,
}

/// What decides whether a case is on a week's checklist.
#[derive(FromRow)]
struct WeekDates {
    opened_on: String,
    status: String,
    closed_on: Option<String>,
}

impl WeekDates {
    fn presence(&self, week: Week) -> Option<review::Presence> {
        let opened = self.opened_on.parse::<NaiveDate>().ok()?;
        let status = from_text::<Status>(&self.status).ok()?;
        let closed = self.closed_on.as_deref().and_then(|c| c.parse().ok());
        presence(opened, status, closed, week)
    }
}

#[derive(FromRow)]
struct DatesCount {
    #[sqlx(flatten)]
    dates: WeekDates,
    cases: i64,
}

#[derive(FromRow)]
struct CaseRow {
    id: i64,
    reference: String,
    address: String,
    level: String,
    children: String,
    #[sqlx(flatten)]
    dates: WeekDates,
}

/// The cases that may be on the checklists of the weeks from ?2's Monday to ?1's Sunday:
/// opened by the end of the last week and live, or closed on or after the first Monday.
const MAY_BE_ON_WEEKS: &str = "c.opened_on <= ?1 AND (c.status = 'live' OR c.closed_on >= ?2)";

/// The cases on `week`'s checklist, in reference order, with why they are there.
async fn week_cases(store: &Store, week: Week) -> Result<Vec<(CaseRow, review::Presence)>> {
    let rows: Vec<CaseRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT c.id, c.reference, c.address_line1 || ', ' || c.postcode AS address, c.level, c.status, c.opened_on,
                c.closed_on,
                COALESCE((SELECT group_concat(p.full_name, ', ') FROM case_people cp JOIN people p ON p.id = cp.person_id
                          WHERE cp.case_id = c.id AND cp.role IN ('child', 'unborn_child')), '') AS children
         FROM cases c WHERE {MAY_BE_ON_WEEKS}
         -- '+' keeps SQLite from reading every case in reference order to skip a small sort.
         ORDER BY +c.ref_year, +c.ref_number"
    )))
    .bind(week.sunday().to_string())
    .bind(week.monday().to_string())
    .fetch_all(store.pool())
    .await?;
    Ok(rows.into_iter().filter_map(|row| row.dates.presence(week).map(|p| (row, p))).collect())
}

/// Whether one case is on `week`'s checklist, without reading the others.
async fn on_checklist(store: &Store, case_id: i64, week: Week) -> Result<bool> {
    let dates: Option<WeekDates> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT c.opened_on, c.status, c.closed_on FROM cases c WHERE c.id = ?3 AND {MAY_BE_ON_WEEKS}"
    )))
    .bind(week.sunday().to_string())
    .bind(week.monday().to_string())
    .bind(case_id)
    .fetch_optional(store.pool())
    .await?;
    Ok(dates.is_some_and(|d| d.presence(week).is_some()))
}

fn parse_week(week: &str) -> Result<Week> {
    Week::parse(week).ok_or_else(|| Error::invalid("That is not a week CP Tracker knows (like 2026-W48)."))
}

async fn signed_off_at(store: &Store, lead_id: i64, week: Week) -> Result<Option<String>> {
    sqlx::query_scalar("SELECT signed_at FROM review_signoffs WHERE lead_id = ? AND week = ?")
        .bind(lead_id)
        .bind(week.to_string())
        .fetch_optional(store.pool())
        .await
        .map_err(db_error)
}

/// `lead_id`'s checklist for `week`, as `viewer` sees it.
pub async fn checklist(store: &Store, viewer: i64, lead_id: i64, week: &str, now: DateTime<Utc>) -> Result<Checklist> {
    let week = parse_week(week)?;
    let lead = crate::leads::find_lead(store, lead_id).await?;
    let cases = week_cases(store, week).await?;
    let outcomes: HashMap<i64, (String, String, String)> = sqlx::query_as::<_, (i64, String, String, String)>(
        "SELECT case_id, outcome, note, recorded_at FROM review_items WHERE lead_id = ? AND week = ?",
    )
    .bind(lead_id)
    .bind(week.to_string())
    .fetch_all(store.pool())
    .await?
    .into_iter()
    .map(|(c, o, n, r)| (c, (o, n, r)))
    .collect();
    let changes: Vec<Change> = sqlx::query_as(
        "SELECT ch.id, ch.case_id, c.reference, l.name AS lead, ch.kind, ch.summary, ch.at
         -- From the week's cases to their changes (CROSS JOIN fixes that order): the changes of
         -- the archive are never read.
         FROM cases c CROSS JOIN case_changes ch ON ch.case_id = c.id LEFT JOIN leads l ON l.id = ch.lead_id
         WHERE (c.status = 'live' OR c.closed_on >= ?4)
           AND (ch.lead_id IS NULL OR ch.lead_id <> ?1) AND ch.at < ?3
           AND ch.at > COALESCE((SELECT MAX(r.recorded_at) FROM review_items r
                                 WHERE r.lead_id = ?1 AND r.case_id = ch.case_id AND r.week < ?2), '')
         ORDER BY ch.id",
    )
    .bind(lead_id)
    .bind(week.to_string())
    .bind(stamp(uk_midnight(week.next().monday())))
    // Only the changes of cases that can be on this week's list: the archive is not read.
    .bind(week.monday().to_string())
    .fetch_all(store.pool())
    .await?;
    let mut changes_by_case: HashMap<i64, Vec<Change>> = HashMap::new();
    for c in changes {
        changes_by_case.entry(c.case_id).or_default().push(c);
    }
    let late: Vec<LateNote> = sqlx::query_as(
        "SELECT case_id, note, recorded_at FROM review_late_notes WHERE lead_id = ? AND week = ? ORDER BY id",
    )
    .bind(lead_id)
    .bind(week.to_string())
    .fetch_all(store.pool())
    .await?;
    let mut due = crate::timescales::due_by_case(store, None, now).await?;
    let mut items = Vec::new();
    for (row, p) in cases {
        let (outcome, note, recorded_at) = match outcomes.get(&row.id) {
            Some((o, n, r)) => (Some(from_text::<Outcome>(o)?), n.clone(), Some(r.clone())),
            None => (None, String::new(), None),
        };
        items.push(ChecklistItem {
            case_id: row.id,
            reference: row.reference,
            address: row.address,
            level: row.level,
            status: row.dates.status,
            children: row.children,
            opened_in_week: p.opened_in_week.map(|d| d.to_string()),
            closed_in_week: p.closed_in_week.map(|d| d.to_string()),
            outcome,
            note,
            recorded_at,
            changes: changes_by_case.remove(&row.id).unwrap_or_default(),
            due: due.remove(&row.id).unwrap_or_default(),
            late_notes: late.iter().filter(|n| n.case_id == row.id).cloned().collect(),
        });
    }
    let done = items.iter().filter(|i| i.outcome.is_some()).count() as u32;
    Ok(Checklist {
        week: week.to_string(),
        monday: week.monday().to_string(),
        sunday: week.sunday().to_string(),
        lead_id,
        lead: lead.name,
        mine: viewer == lead_id,
        signed_off_at: signed_off_at(store, lead_id, week).await?,
        done,
        items,
        previous_week: week.previous().to_string(),
        next_week: Some(week.next()).filter(|n| n.monday() <= uk_today(now)).map(|n| n.to_string()),
        this_week: Week::containing(uk_today(now)).to_string(),
    })
}

/// One case's outcome as recorded: what the checklist shows for it from now on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Recorded {
    pub outcome: Outcome,
    pub note: String,
    pub recorded_at: String,
}

/// Records (or changes, until the week is signed off) one case's outcome for the lead.
pub async fn record(
    store: &Store,
    lead_id: i64,
    week: &str,
    case_id: i64,
    outcome: Outcome,
    note: &str,
    now: DateTime<Utc>,
) -> Result<Recorded> {
    let week = parse_week(week)?;
    review::check_week_started(week, uk_today(now))?;
    let note = review::check_outcome(outcome, note)?;
    if signed_off_at(store, lead_id, week).await?.is_some() {
        return Err(Error::invalid("You have signed off this week: add a late note instead."));
    }
    if !on_checklist(store, case_id, week).await? {
        return Err(Error::new(ErrorCode::NotFound, "That case is not on this week's checklist."));
    }
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let at = w.at().to_owned();
        sqlx::query(
            "INSERT INTO review_items (lead_id, week, case_id, outcome, note, recorded_at) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (lead_id, week, case_id) DO UPDATE SET outcome = excluded.outcome, note = excluded.note,
                                                              recorded_at = excluded.recorded_at",
        )
        .bind(lead_id)
        .bind(week.to_string())
        .bind(case_id)
        .bind(as_text(outcome)?)
        .bind(&note)
        .bind(&at)
        .execute(&mut *w.sql())
        .await?;
        w.audit(Action::ReviewRecorded, "case", case_id).await?;
        Ok(Recorded { outcome, note, recorded_at: at })
    })
    .await
}

/// Signs off the lead's week once every case has an outcome: the other lead sees it.
pub async fn sign_off(store: &Store, lead_id: i64, week: &str, now: DateTime<Utc>) -> Result<()> {
    let list = checklist(store, lead_id, lead_id, week, now).await?;
    let parsed = parse_week(week)?;
    review::check_week_started(parsed, uk_today(now))?;
    review::check_sign_off(list.items.len(), list.done as usize, list.signed_off_at.is_some())?;
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let at = w.at().to_owned();
        sqlx::query("INSERT INTO review_signoffs (lead_id, week, signed_at) VALUES (?, ?, ?)")
            .bind(lead_id)
            .bind(parsed.to_string())
            .bind(&at)
            .execute(&mut *w.sql())
            .await?;
        w.audit(Action::WeekSignedOff, "review_week", parsed.to_string()).await?;
        Ok(())
    })
    .await
}

/// A note added to a signed-off week: the week's outcomes stay as they were.
pub async fn late_note(
    store: &Store,
    lead_id: i64,
    week: &str,
    case_id: i64,
    note: &str,
    now: DateTime<Utc>,
) -> Result<LateNote> {
    let week = parse_week(week)?;
    if signed_off_at(store, lead_id, week).await?.is_none() {
        return Err(Error::invalid("This week is not signed off yet: change the outcome instead."));
    }
    let note = review::check_outcome(Outcome::FurtherAction, note)?;
    if !on_checklist(store, case_id, week).await? {
        return Err(Error::new(ErrorCode::NotFound, "That case is not on this week's checklist."));
    }
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let at = w.at().to_owned();
        sqlx::query("INSERT INTO review_late_notes (lead_id, week, case_id, note, recorded_at) VALUES (?, ?, ?, ?, ?)")
            .bind(lead_id)
            .bind(week.to_string())
            .bind(case_id)
            .bind(&note)
            .bind(&at)
            .execute(&mut *w.sql())
            .await?;
        w.audit(Action::LateNoteAdded, "case", case_id).await?;
        Ok(LateNote { case_id, note, recorded_at: at })
    })
    .await
}

/// One lead's week in the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WeekStatus {
    pub week: String,
    pub monday: String,
    #[ts(type = "number")]
    pub lead_id: i64,
    pub lead: String,
    pub total: u32,
    pub done: u32,
    pub signed_off_at: Option<String>,
    /// A past week with cases to review that the lead has not signed off.
    pub overdue: bool,
}

/// This week and the `HISTORY_WEEKS` before it, for every active lead, newest first.
pub async fn history(store: &Store, now: DateTime<Utc>) -> Result<Vec<WeekStatus>> {
    let leads: Vec<_> = crate::leads::list_leads(store).await?.into_iter().filter(|l| l.active).collect();
    let this_week = Week::containing(uk_today(now));
    let mut oldest = this_week;
    for _ in 0..HISTORY_WEEKS {
        oldest = oldest.previous();
    }
    // One read for all the weeks, each week then counted in memory. Only whether a case is
    // on each week counts here, so openings before the oldest week are all alike: cases with
    // the same dates are read as one group with its size.
    let groups: Vec<DatesCount> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT max(c.opened_on, ?2) AS opened_on, c.status, c.closed_on, count(*) AS cases
         FROM cases c WHERE {MAY_BE_ON_WEEKS} GROUP BY 1, 2, 3"
    )))
    .bind(this_week.sunday().to_string())
    .bind(oldest.monday().to_string())
    .fetch_all(store.pool())
    .await?;
    let done: HashMap<(i64, String), u32> = sqlx::query_as::<_, (i64, String, i64)>(
        "SELECT lead_id, week, count(*) FROM review_items GROUP BY lead_id, week",
    )
    .fetch_all(store.pool())
    .await?
    .into_iter()
    .map(|(l, w, n)| ((l, w), u32::try_from(n).unwrap_or(0)))
    .collect();
    let signed: HashMap<(i64, String), String> =
        sqlx::query_as::<_, (i64, String, String)>("SELECT lead_id, week, signed_at FROM review_signoffs")
            .fetch_all(store.pool())
            .await?
            .into_iter()
            .map(|(l, w, s)| ((l, w), s))
            .collect();
    let mut out = Vec::new();
    let mut week = this_week;
    for _ in 0..=HISTORY_WEEKS {
        let total: i64 = groups.iter().filter(|g| g.dates.presence(week).is_some()).map(|g| g.cases).sum();
        let total = u32::try_from(total).unwrap_or(u32::MAX);
        for lead in &leads {
            let (lead_id, name) = (&lead.id, &lead.name);
            let key = (*lead_id, week.to_string());
            let signed_off_at = signed.get(&key).cloned();
            out.push(WeekStatus {
                week: week.to_string(),
                monday: week.monday().to_string(),
                lead_id: *lead_id,
                lead: name.clone(),
                total,
                done: done.get(&key).copied().unwrap_or(0).min(total),
                overdue: week < this_week && total > 0 && signed_off_at.is_none(),
                signed_off_at,
            });
        }
        week = week.previous();
    }
    Ok(out)
}
