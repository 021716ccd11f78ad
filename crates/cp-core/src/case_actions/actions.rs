//! What a lead does with an action, through the one write path: add one (on a case, from a
//! chronology entry's "action required" or a concern; on an enquiry; on an allegation), give it
//! to someone else or a new date, and end it done or not needed. Each step is an audit row,
//! and on a case a change the other leads hear of.

use chrono::{DateTime, NaiveDate, Utc};

use super::rules::{ActionEnd, ActionOn, ActionState, Assignment, CheckedAssignment, Due, NewAction, Owner};
use super::sql::On;
use super::{ActionRow, CaseAction, rules, sql};
use crate::audit::Action;
use crate::audit::Actor;
use crate::domain::calendar::uk_today;
use crate::store::Store;
use crate::write::{self, ChangeKind, Write};
use crate::{Error, ErrorCode, FieldError, Result};

/// The due date `due` names: on a case, on its own working-day calendar; otherwise on the
/// organisation's.
async fn due_on(w: &mut Write, case_id: Option<i64>, due: Due, today: NaiveDate) -> Result<NaiveDate> {
    Ok(match due {
        Due::On(on) => on,
        Due::WorkingDays(n) => {
            let calendar = match case_id {
                Some(case_id) => crate::timescales::case_calendar_in(&mut w.sql(), case_id).await?,
                None => crate::timescales::organisation_calendar_in(&mut w.sql()).await?,
            };
            calendar.add_working_days(today, n)
        }
    })
}

/// The owner checked against the records: a lead must be an active one, and never the lead an
/// allegation is about.
async fn check_owner(w: &mut Write, owner: &Owner, allegation_id: Option<i64>) -> Result<()> {
    if let Owner::Lead(id) = owner {
        if !sql::active_lead(&mut w.sql(), *id).await? {
            return Err(Error::fields(vec![FieldError::new("owner", "Choose a lead who is still active")]));
        }
        if let Some(allegation_id) = allegation_id
            && !sql::allegation_open_to(&mut w.sql(), allegation_id, *id).await?
        {
            return Err(Error::fields(vec![FieldError::new(
                "owner",
                "Choose another lead: this allegation is about them",
            )]));
        }
    }
    Ok(())
}

fn owner_words(owner: &Owner, due_on: NaiveDate) -> String {
    let who = match owner {
        Owner::Lead(_) => "a lead".to_owned(),
        Owner::Person { name, .. } => name.clone(),
    };
    format!("for {who}, due {}", due_on.format("%d/%m/%Y"))
}

/// Adds an action to a case (not an archived one).
pub async fn add(store: &Store, lead_id: i64, case_id: i64, action: &NewAction, now: DateTime<Utc>) -> Result<i64> {
    add_on(store, lead_id, ActionOn::Case { case_id }, action, now).await
}

/// Adds an action to a case, an enquiry or an allegation.
pub async fn add_on(store: &Store, lead_id: i64, on: ActionOn, action: &NewAction, now: DateTime<Utc>) -> Result<i64> {
    let today = uk_today(now);
    // Checked before the write too, so a form's mistakes never wait for the write lock.
    rules::check_action(action, today)?;
    write::run(store, Actor::Lead(lead_id), now, async |w| add_on_in(w, lead_id, on, action, today).await).await
}

/// `add` inside a larger write (demo and benchmark data).
pub async fn add_in(w: &mut Write, lead_id: i64, case_id: i64, action: &NewAction, today: NaiveDate) -> Result<i64> {
    add_on_in(w, lead_id, ActionOn::Case { case_id }, action, today).await
}

async fn add_on_in(w: &mut Write, lead_id: i64, on: ActionOn, action: &NewAction, today: NaiveDate) -> Result<i64> {
    let (what, CheckedAssignment { owner, due }) = rules::check_action(action, today)?;
    let at = w.at().to_owned();
    let row = On::new(on, action.entry_id, action.concern_id);
    match on {
        ActionOn::Case { case_id } => {
            w.case(case_id).await?;
            if let Some(entry_id) = action.entry_id
                && !sql::entry_on_case(&mut w.sql(), entry_id, case_id).await?
            {
                return Err(Error::new(ErrorCode::NotFound, "That chronology entry is not on this case."));
            }
            if let Some(concern_id) = action.concern_id
                && !sql::concern_on_case(&mut w.sql(), concern_id, case_id).await?
            {
                return Err(Error::new(ErrorCode::NotFound, "That concern is not on this case."));
            }
        }
        ActionOn::Enquiry { enquiry_id } => {
            if !sql::enquiry_exists(&mut w.sql(), enquiry_id).await? {
                return Err(Error::new(ErrorCode::NotFound, "That enquiry does not exist."));
            }
        }
        ActionOn::Allegation { allegation_id } => {
            if !sql::allegation_open_to(&mut w.sql(), allegation_id, lead_id).await? {
                return Err(Error::new(ErrorCode::NotFound, "That allegation does not exist."));
            }
        }
    }
    check_owner(w, &owner, row.allegation_id).await?;
    let due_on = due_on(w, row.case_id, due, today).await?;
    let id = sql::insert(&mut w.sql(), &row, &what, &owner, due_on, lead_id, &at).await?;
    if let Some(case_id) = row.case_id {
        let summary: String = format!("Action added: {what}").chars().take(200).collect();
        w.changed(case_id, ChangeKind::ActionAdded, &format!("{summary} ({})", owner_words(&owner, due_on))).await?;
    }
    w.audit(Action::ActionAdded, "case_action", id).await?;
    Ok(id)
}

/// The open action's case and allegation, read inside the write that changes it (refused if
/// its case is archived, or to the lead its allegation is about): only an open one takes a step.
async fn open_in(w: &mut Write, lead_id: i64, id: i64) -> Result<(Option<i64>, Option<i64>)> {
    let not_found = || Error::new(ErrorCode::NotFound, "That action does not exist.");
    match sql::target_and_state(&mut w.sql(), id).await? {
        None => Err(not_found()),
        Some((_, Some(allegation_id), _)) if !sql::allegation_open_to(&mut w.sql(), allegation_id, lead_id).await? => {
            Err(not_found())
        }
        Some((_, _, state)) if state != ActionState::Open => Err(Error::invalid(
            "That action has already ended (another lead may have just ended it). Its outcome is kept with it.",
        )),
        Some((case_id, allegation_id, _)) => {
            if let Some(case_id) = case_id {
                w.case(case_id).await?;
            }
            Ok((case_id, allegation_id))
        }
    }
}

/// Gives an open action to someone else, or a new date.
pub async fn reassign(store: &Store, lead_id: i64, id: i64, assignment: &Assignment, now: DateTime<Utc>) -> Result<()> {
    let today = uk_today(now);
    let CheckedAssignment { owner, due } = rules::check_reassignment(assignment, today)?;
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let (case_id, allegation_id) = open_in(w, lead_id, id).await?;
        check_owner(w, &owner, allegation_id).await?;
        let due_on = due_on(w, case_id, due, today).await?;
        sql::reassign(&mut w.sql(), id, &owner, due_on).await?;
        if let Some(case_id) = case_id {
            let words = format!("Action given {}", owner_words(&owner, due_on));
            w.changed(case_id, ChangeKind::ActionReassigned, &words).await?;
        }
        w.audit(Action::ActionReassigned, "case_action", id).await
    })
    .await
}

/// Ends an open action: done (with its outcome) or not needed (with the reason).
pub async fn end(store: &Store, lead_id: i64, id: i64, end: &ActionEnd, now: DateTime<Utc>) -> Result<()> {
    rules::check_end(end)?;
    write::run(store, Actor::Lead(lead_id), now, async |w| end_in(w, lead_id, id, end).await).await
}

/// `end` inside a larger write (demo and benchmark data).
pub async fn end_in(w: &mut Write, lead_id: i64, id: i64, end: &ActionEnd) -> Result<()> {
    let (state, note) = rules::check_end(end)?;
    let at = w.at().to_owned();
    let (case_id, _) = open_in(w, lead_id, id).await?;
    sql::end(&mut w.sql(), id, state, &note, lead_id, &at).await?;
    let (words, action) = match state {
        ActionState::NotNeeded => ("Action not needed", Action::ActionNotNeeded),
        _ => ("Action done", Action::ActionDone),
    };
    if let Some(case_id) = case_id {
        w.changed(case_id, ChangeKind::ActionClosed, words).await?;
    }
    w.audit(action, "case_action", id).await
}

/// A case's actions: open ones first, soonest due first; then the ended ones.
pub async fn for_case(store: &Store, case_id: i64) -> Result<Vec<CaseAction>> {
    sql::for_target(store, ActionOn::Case { case_id }).await
}

/// The actions on a case, an enquiry or an allegation, as `for_case`, as `viewer` may see them:
/// an allegation's are not found by the lead it is about.
pub async fn for_target(store: &Store, viewer: i64, on: ActionOn) -> Result<Vec<CaseAction>> {
    if let ActionOn::Allegation { allegation_id } = on
        && !sql::allegation_open_to(&mut store.db(), allegation_id, viewer).await?
    {
        return Err(Error::new(ErrorCode::NotFound, "That allegation does not exist."));
    }
    sql::for_target(store, on).await
}

/// The open actions given to `lead_id`, soonest due first.
pub async fn mine(store: &Store, lead_id: i64) -> Result<Vec<ActionRow>> {
    sql::open_rows(store, Some(lead_id), None, Some(lead_id), None).await
}

/// The first `n` of `mine`, and how many there are in all (the dashboard lists the soonest).
pub async fn mine_first(store: &Store, lead_id: i64, n: i64) -> Result<(Vec<ActionRow>, i64)> {
    let (rows, all) = tokio::try_join!(
        sql::open_rows(store, Some(lead_id), None, Some(lead_id), Some(n)),
        sql::open_count(store, Some(lead_id), None, Some(lead_id)),
    )?;
    Ok((rows, all))
}

/// The reminder for `lead_id` on `today`: how many of their open actions are due today or
/// overdue, in words, and nothing else; `None` when there are none.
pub async fn reminder(store: &Store, lead_id: i64, today: NaiveDate) -> Result<Option<String>> {
    let due = sql::due_count(store, lead_id, today).await?;
    Ok(rules::reminder_words(u32::try_from(due).unwrap_or(u32::MAX)))
}

/// The first `n` open actions due before `today`, whoever's, as `viewer` may see them (not one
/// on an allegation about them), the longest overdue first; and how many there are in all.
pub async fn overdue_first(store: &Store, today: NaiveDate, viewer: i64, n: i64) -> Result<(Vec<ActionRow>, i64)> {
    let (rows, all) = tokio::try_join!(
        sql::open_rows(store, None, Some(today), Some(viewer), Some(n)),
        sql::open_count(store, None, Some(today), Some(viewer)),
    )?;
    Ok((rows, all))
}

/// The first `n` open actions of each of `case_ids`, soonest due first, and how many each has
/// open (the weekly checklist shows the first few of each case's).
pub async fn open_first_by_case(
    store: &Store,
    case_ids: &[i64],
    n: u32,
) -> Result<std::collections::HashMap<i64, (Vec<CaseAction>, u32)>> {
    let mut by_case: std::collections::HashMap<i64, (Vec<CaseAction>, u32)> = std::collections::HashMap::new();
    if case_ids.is_empty() {
        return Ok(by_case);
    }
    for (open_on_case, action) in sql::open_first_by_case(store, case_ids, i64::from(n)).await? {
        let Some(case_id) = action.case_id else { continue };
        let (list, total) = by_case.entry(case_id).or_default();
        list.push(action);
        *total = u32::try_from(open_on_case).unwrap_or(u32::MAX);
    }
    Ok(by_case)
}
