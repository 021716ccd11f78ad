//! Reading a week's checklist and the weeks' history. Which cases are on a week is the rule's
//! (`rules::presence`); the SQL only narrows the cases to those that may be.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::rules::{self, presence};
use super::sql::{self, CaseRow, WeekDates};
use super::{
    ACTIONS_SHOWN, CHANGES_SHOWN, Checklist, ChecklistItem, DETAILED, DETAILS_AT_MOST, HISTORY_WEEKS, ItemDetails,
    WeekStatus,
};
use crate::changes::Change;
use crate::clock::stamp;
use crate::domain::calendar::{Week, uk_midnight, uk_today};
use crate::store::Store;
use crate::store::db::Conn;
use crate::{Error, ErrorCode, Result};

impl WeekDates {
    fn presence(&self, week: Week) -> Option<rules::Presence> {
        let opened = self.opened_on;
        let status = self.status;
        let closed = self.closed_on;
        presence(opened, status, closed, week)
    }
}

/// The cases on `week`'s checklist, in reference order, with why they are there.
async fn week_cases(store: &Store, week: Week) -> Result<Vec<(CaseRow, rules::Presence)>> {
    let rows = sql::may_be_on(store, week).await?;
    Ok(rows.into_iter().filter_map(|row| row.dates.presence(week).map(|p| (row, p))).collect())
}

/// Whether one case is on `week`'s checklist, without reading the others.
pub(super) async fn on_checklist(db: &mut Conn<'_>, case_id: i64, week: Week) -> Result<bool> {
    Ok(sql::may_be_on_one(db, case_id, week).await?.is_some_and(|d| d.presence(week).is_some()))
}

/// The changes a week's checklist shows are those made before its Sunday ends (UK time).
fn changes_before(week: Week) -> String {
    stamp(uk_midnight(week.next().monday()))
}

pub(super) fn parse_week(week: &str) -> Result<Week> {
    Week::parse(week).ok_or_else(|| Error::invalid("That is not a week CP Tracker knows (like 2026-W48)."))
}

/// `lead_id`'s checklist for `week`, as `viewer` sees it: every item, the first `DETAILED`
/// with their details.
pub async fn checklist(store: &Store, viewer: i64, lead_id: i64, week: &str, now: DateTime<Utc>) -> Result<Checklist> {
    let week = parse_week(week)?;
    // Each read on a connection of its own, so the list waits for the slowest, not their sum.
    let (lead, cases, outcomes, late, mut flags, signed_off_at) = tokio::try_join!(
        crate::leads::find_lead(store, lead_id),
        week_cases(store, week),
        sql::outcomes(store, lead_id, week),
        sql::late_notes(store, lead_id, week),
        crate::flags::in_force_by_case(store),
        async { sql::signed_off_at(&mut store.db(), lead_id, week).await },
    )?;
    let ids: Vec<i64> = cases.iter().map(|(row, _)| row.id).collect();
    let (mut names, mut details) = tokio::try_join!(
        crate::people::case_names(store, &ids),
        details_of(store, lead_id, week, &ids[..ids.len().min(DETAILED)], now),
    )?;
    let mut items = Vec::new();
    for (row, p) in cases {
        let (outcome, note, recorded_at) = match outcomes.get(&row.id) {
            Some((o, n, r)) => (Some(*o), n.clone(), Some(*r)),
            None => (None, String::new(), None),
        };
        items.push(ChecklistItem {
            case_id: row.id,
            reference: row.reference,
            address: row.address,
            level: row.level,
            status: row.dates.status,
            name: names.remove(&row.id).unwrap_or_default(),
            opened_in_week: p.opened_in_week,
            closed_in_week: p.closed_in_week,
            outcome,
            note,
            recorded_at,
            flags: flags.remove(&row.id).unwrap_or_default(),
            details: details.remove(&row.id),
            late_notes: late.iter().filter(|n| n.case_id == row.id).cloned().collect(),
        });
    }
    let done = items.iter().filter(|i| i.outcome.is_some()).count() as u32;
    Ok(Checklist {
        week: week.to_string(),
        monday: week.monday(),
        sunday: week.sunday(),
        lead_id,
        lead: lead.name,
        mine: viewer == lead_id,
        signed_off_at,
        done,
        items,
        previous_week: week.previous().to_string(),
        next_week: Some(week.next()).filter(|n| n.monday() <= uk_today(now)).map(|n| n.to_string()),
        this_week: Week::containing(uk_today(now)).to_string(),
    })
}

/// The details of those of `case_ids` that are on `lead_id`'s checklist for `week` (a case
/// that is not has none), in the order asked: the items the lead has reached past the first
/// `DETAILED`.
pub async fn details(
    store: &Store,
    lead_id: i64,
    week: &str,
    case_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<Vec<ItemDetails>> {
    let week = parse_week(week)?;
    if case_ids.len() > DETAILS_AT_MOST {
        return Err(Error::invalid("That is more cases than the checklist reads at once. Ask for fewer."));
    }
    if case_ids.is_empty() {
        return Ok(Vec::new());
    }
    let on: HashSet<i64> = sql::may_be_on_among(store, week, case_ids)
        .await?
        .into_iter()
        .filter_map(|(id, dates)| dates.presence(week).map(|_| id))
        .collect();
    let ids: Vec<i64> = case_ids.iter().copied().filter(|id| on.contains(id)).collect();
    let mut details = details_of(store, lead_id, week, &ids, now).await?;
    Ok(ids.iter().filter_map(|id| details.remove(id)).collect())
}

/// Each of `case_ids`' changes the lead has not reviewed, what is due and its open actions.
async fn details_of(
    store: &Store,
    lead_id: i64,
    week: Week,
    case_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<HashMap<i64, ItemDetails>> {
    let before = changes_before(week);
    let (changes, mut due, mut actions) = tokio::try_join!(
        sql::unreviewed_changes(store, lead_id, week, &before, CHANGES_SHOWN, case_ids),
        crate::timescales::due_by_case(store, Some(case_ids), now),
        crate::case_actions::open_first_by_case(store, case_ids, ACTIONS_SHOWN),
    )?;
    let mut changes_by_case: HashMap<i64, (Vec<_>, i64)> = HashMap::new();
    for shown in changes {
        let (list, total) = changes_by_case.entry(shown.change.case_id).or_default();
        list.push(shown.change);
        *total = shown.total;
    }
    Ok(case_ids
        .iter()
        .map(|&case_id| {
            let (changes, changes_total) = changes_by_case.remove(&case_id).unwrap_or_default();
            let (actions, actions_total) = actions.remove(&case_id).unwrap_or_default();
            let details = ItemDetails {
                case_id,
                changes,
                changes_total: u32::try_from(changes_total).unwrap_or(u32::MAX),
                due: due.remove(&case_id).unwrap_or_default(),
                actions,
                actions_total,
            };
            (case_id, details)
        })
        .collect())
}

/// Every change to a case on `lead_id`'s checklist for `week` that the lead has not reviewed,
/// oldest first: the whole of what the checklist's item shows the newest of.
pub async fn unreviewed_changes(store: &Store, lead_id: i64, week: &str, case_id: i64) -> Result<Vec<Change>> {
    let week = parse_week(week)?;
    if !on_checklist(&mut store.db(), case_id, week).await? {
        return Err(Error::new(ErrorCode::NotFound, "That case is not on this week's checklist."));
    }
    let before = changes_before(week);
    sql::unreviewed_changes_of(store, lead_id, week, &before, case_id).await
}

/// This week and the `HISTORY_WEEKS` before it, for every active lead, newest first.
pub async fn history(store: &Store, now: DateTime<Utc>) -> Result<Vec<WeekStatus>> {
    let leads: Vec<_> = crate::leads::list_leads(store).await?.into_iter().filter(|l| l.active).collect();
    let this_week = Week::containing(uk_today(now));
    let mut oldest = this_week;
    for _ in 0..HISTORY_WEEKS {
        oldest = oldest.previous();
    }
    // One read for all the weeks, each week then counted in memory.
    let groups = sql::dates_counted(store, oldest, this_week).await?;
    let done = sql::outcome_counts(store).await?;
    let signed = sql::sign_offs(store).await?;
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
                monday: week.monday(),
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
