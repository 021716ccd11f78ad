//! What a lead does with a child's plan, through the one write path (a plan with the level
//! change it brings in the same write), and reading a case's plans.

use chrono::{DateTime, NaiveDate, Utc};

use super::rules::{ChildFacts, NewPlan, PlanKind, check_plan, check_plan_end};
use super::{Plan, sql};
use crate::audit::{Action, Actor};
use crate::cases::rules::LevelChange;
use crate::store::Store;
use crate::write::{self, ChangeKind, Write};
use crate::{Error, ErrorCode, Result};

fn kind_label(kind: PlanKind) -> &'static str {
    match kind {
        PlanKind::ChildInNeed => "Child in Need plan",
        PlanKind::ChildProtectionPlan => "Child Protection Plan",
    }
}

pub async fn start_plan(store: &Store, lead_id: i64, case_id: i64, plan: &NewPlan, now: DateTime<Utc>) -> Result<i64> {
    start_plan_with_level(store, lead_id, case_id, plan, None, now).await
}

/// Starts a plan and, when the lead asks, changes the case's level in the same transaction
/// (a Child Protection Plan with the case left at "concern" makes the level filter, sort and
/// counts wrong): both or neither are written.
pub async fn start_plan_with_level(
    store: &Store,
    lead_id: i64,
    case_id: i64,
    plan: &NewPlan,
    level: Option<&LevelChange>,
    now: DateTime<Utc>,
) -> Result<i64> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let id = start_plan_in(w, case_id, plan).await?;
        if let Some(change) = level {
            crate::cases::change_level_in(w, case_id, change).await?;
        }
        Ok(id)
    })
    .await
}

/// `start_plan` as one step of a larger write (a transfer-in).
pub(crate) async fn start_plan_in(w: &mut Write, case_id: i64, plan: &NewPlan) -> Result<i64> {
    w.case(case_id).await?;
    let is_child_in_case = crate::people::sql::children_of(&mut w.sql(), case_id).await?.contains(&plan.person_id);
    let running = sql::running_for(&mut w.sql(), plan.person_id).await?;
    let today = crate::domain::calendar::uk_today(w.now());
    let p = check_plan(plan, ChildFacts { is_child_in_case, has_running_plan: running > 0 }, today)?;
    let (lead_id, at) = (w.lead()?, w.at().to_owned());
    let id = sql::insert(&mut w.sql(), case_id, &p, lead_id, &at).await?;
    let summary = format!("{} started on {}", kind_label(p.kind), p.start_on.format("%d/%m/%Y"));
    w.changed(case_id, ChangeKind::PlanStarted, &summary).await?;
    w.audit(Action::PlanStarted, "plan", id).await?;
    Ok(id)
}

/// A plan as a file received from another setting records it, kept as it was (its rules were
/// the other setting's to apply). A running plan is left out when the child already has one
/// running here: the received one stays in the file as it arrived. Returns the plan's id.
pub(crate) async fn receive_in(
    w: &mut Write,
    case_id: i64,
    plan: &NewPlan,
    end_on: Option<NaiveDate>,
) -> Result<Option<i64>> {
    w.case(case_id).await?;
    if end_on.is_none() && sql::running_for(&mut w.sql(), plan.person_id).await? > 0 {
        return Ok(None);
    }
    let (lead_id, at) = (w.lead()?, w.at().to_owned());
    let id = sql::insert(&mut w.sql(), case_id, plan, lead_id, &at).await?;
    if let Some(end_on) = end_on {
        sql::end(&mut w.sql(), id, end_on, lead_id, &at).await?;
    }
    let summary =
        format!("{} from {} received with a transferred file", kind_label(plan.kind), plan.start_on.format("%d/%m/%Y"));
    w.changed(case_id, ChangeKind::PlanStarted, &summary).await?;
    w.audit(Action::PlanStarted, "plan", id).await?;
    Ok(Some(id))
}

pub async fn end_plan(store: &Store, lead_id: i64, plan_id: i64, end_on: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let found = sql::case_and_dates(&mut w.sql(), plan_id).await?;
        let (case_id, start_on, ended) =
            found.ok_or_else(|| Error::new(ErrorCode::NotFound, "That plan does not exist."))?;
        w.case(case_id).await?;
        check_plan_end(start_on, ended.is_some(), end_on, now.date_naive())?;
        let at = w.at().to_owned();
        sql::end(&mut w.sql(), plan_id, end_on, lead_id, &at).await?;
        let summary = format!("Plan ended on {}", end_on.format("%d/%m/%Y"));
        w.changed(case_id, ChangeKind::PlanEnded, &summary).await?;
        w.audit(Action::PlanEnded, "plan", plan_id).await
    })
    .await
}

/// A case's plans, running ones first, then newest first.
pub async fn for_case(store: &Store, case_id: i64) -> Result<Vec<Plan>> {
    sql::for_case(store, case_id).await
}
