//! Transfer-ins: the child, their plan from the originating authority and the transfer's own
//! details are written to the case together, in one transaction.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::FromRow;
use ts_rs::TS;

use crate::audit::{Action, Actor};
use crate::domain::calendar::uk_today;
use crate::domain::plan::{NewPlan, PlanKind};
use crate::domain::transfer::{TransferIn, check_transfer};
use crate::people::rules::{NewPerson, Role};
use crate::store::text::as_text;
use crate::store::{Store, db_error};
use crate::write;
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct TransferRow {
    pub child: String,
    pub kind: String,
    pub originating_authority: String,
    pub social_worker: String,
    pub stay_from: Option<String>,
    pub stay_to: Option<String>,
    /// JSON list of `{agency, on}`.
    pub agencies_notified: String,
}

pub async fn record(store: &Store, lead_id: i64, case_id: i64, t: &TransferIn, now: DateTime<Utc>) -> Result<i64> {
    check_transfer(t, uk_today(now))?;
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let at = w.at().to_owned();
        let child = NewPerson {
            full_name: t.child_name.clone(),
            role: Role::Child,
            date_of_birth: Some(t.child_dob),
            expected_date: None,
            gender: String::new(),
            setting: String::new(),
        };
        let person_id = crate::people::add_person_in(w, case_id, &child).await?;
        let plan = NewPlan {
            person_id,
            kind: PlanKind::ChildProtectionPlan,
            categories: t.categories.clone(),
            start_on: t.plan_start,
            local_authority: t.originating_authority.clone(),
        };
        let plan_id = crate::plans::start_plan_in(w, case_id, &plan).await?;
        let agencies =
            serde_json::to_string(&t.agencies).map_err(|_| Error::internal("The agencies could not be stored."))?;
        let id = sqlx::query(
        "INSERT INTO transfer_ins (case_id, person_id, plan_id, kind, originating_authority, social_worker, stay_from,
                                   stay_to, agencies_notified, recorded_at, recorded_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(case_id)
    .bind(person_id)
    .bind(plan_id)
    .bind(as_text(t.kind)?)
    .bind(t.originating_authority.trim())
    .bind(t.social_worker.trim())
    .bind(t.stay_from.map(|d| d.to_string()))
    .bind(t.stay_to.map(|d| d.to_string()))
    .bind(agencies)
    .bind(&at)
    .bind(lead_id)
    .execute(&mut *w.sql())
    .await?
    .last_insert_rowid();
        w.audit(Action::TransferInRecorded, "case", case_id).await?;
        Ok(id)
    })
    .await
}

pub async fn for_case(store: &Store, case_id: i64) -> Result<Vec<TransferRow>> {
    sqlx::query_as(
        "SELECT p.full_name AS child, t.kind, t.originating_authority, t.social_worker, t.stay_from, t.stay_to,
                t.agencies_notified
         FROM transfer_ins t JOIN people p ON p.id = t.person_id WHERE t.case_id = ? ORDER BY t.id",
    )
    .bind(case_id)
    .fetch_all(store.pool())
    .await
    .map_err(db_error)
}
