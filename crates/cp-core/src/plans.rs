//! Children's plans: starting one (Child in Need or Child Protection Plan with categories) and
//! ending it. A plan is never deleted; ending it is the only change it accepts.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sqlx::FromRow;
use ts_rs::TS;

use crate::audit::{Action, Actor};
use crate::cases::rules::LevelChange;
use crate::domain::plan::{ChildFacts, NewPlan, PlanKind, check_plan, check_plan_end};
use crate::store::text::as_text;
use crate::store::{Store, db_error};
use crate::write::ChangeKind;
use crate::write::{self, Write};
use crate::{Error, ErrorCode, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub person_id: i64,
    pub child: String,
    pub kind: String,
    /// Category names in a fixed order, comma-separated; empty for Child in Need.
    pub categories: String,
    pub start_on: String,
    pub end_on: Option<String>,
    pub local_authority: String,
}

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
    let is_child_in_case = crate::people::sql::children_of(w.sql(), case_id).await?.contains(&plan.person_id);
    let running: i64 = sqlx::query_scalar("SELECT count(*) FROM plans WHERE person_id = ? AND end_on IS NULL")
        .bind(plan.person_id)
        .fetch_one(&mut *w.sql())
        .await?;
    let today = crate::domain::calendar::uk_today(w.now());
    let p = check_plan(plan, ChildFacts { is_child_in_case, has_running_plan: running > 0 }, today)?;
    let categories: Vec<&str> = p.categories.iter().map(|c| c.as_str()).collect();
    let (lead_id, at) = (w.lead()?, w.at().to_owned());
    let id = sqlx::query(
        "INSERT INTO plans (case_id, person_id, kind, categories, start_on, local_authority, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(case_id)
    .bind(p.person_id)
    .bind(as_text(p.kind)?)
    .bind(categories.join(","))
    .bind(p.start_on.to_string())
    .bind(&p.local_authority)
    .bind(&at)
    .bind(lead_id)
    .execute(&mut *w.sql())
    .await?
    .last_insert_rowid();
    let summary = format!("{} started on {}", kind_label(p.kind), p.start_on.format("%d/%m/%Y"));
    w.changed(case_id, ChangeKind::PlanStarted, &summary).await?;
    w.audit(Action::PlanStarted, "plan", id).await?;
    Ok(id)
}

pub async fn end_plan(store: &Store, lead_id: i64, plan_id: i64, end_on: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let found: Option<(i64, String, Option<String>)> =
            sqlx::query_as("SELECT case_id, start_on, end_on FROM plans WHERE id = ?")
                .bind(plan_id)
                .fetch_optional(&mut *w.sql())
                .await?;
        let (case_id, start_on, ended) =
            found.ok_or_else(|| Error::new(ErrorCode::NotFound, "That plan does not exist."))?;
        w.case(case_id).await?;
        let start_on = start_on.parse().map_err(|_| Error::internal("A stored date is damaged."))?;
        check_plan_end(start_on, ended.is_some(), end_on, now.date_naive())?;
        let at = w.at().to_owned();
        sqlx::query("UPDATE plans SET end_on = ?, ended_at = ?, ended_by = ? WHERE id = ?")
            .bind(end_on.to_string())
            .bind(&at)
            .bind(lead_id)
            .bind(plan_id)
            .execute(&mut *w.sql())
            .await?;
        let summary = format!("Plan ended on {}", end_on.format("%d/%m/%Y"));
        w.changed(case_id, ChangeKind::PlanEnded, &summary).await?;
        w.audit(Action::PlanEnded, "plan", plan_id).await
    })
    .await
}

/// A case's plans, running ones first, then newest first.
pub async fn for_case(store: &Store, case_id: i64) -> Result<Vec<Plan>> {
    sqlx::query_as(
        "SELECT pl.id, pl.person_id, p.full_name AS child, pl.kind, pl.categories, pl.start_on, pl.end_on,
                pl.local_authority
         FROM plans pl JOIN people p ON p.id = pl.person_id
         WHERE pl.case_id = ? ORDER BY pl.end_on IS NOT NULL, pl.start_on DESC, pl.id DESC",
    )
    .bind(case_id)
    .fetch_all(store.pool())
    .await
    .map_err(db_error)
}
