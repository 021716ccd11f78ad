//! Recording a transfer-in through the one write path, and reading a case's transfers.

use chrono::{DateTime, Utc};

use super::rules::{TransferIn, check_transfer};
use super::{TransferRow, sql};
use crate::audit::{Action, Actor};
use crate::domain::calendar::uk_today;
use crate::people::rules::{NewPerson, Role};
use crate::plans::rules::{NewPlan, PlanKind};
use crate::store::Store;
use crate::write;
use crate::{Error, Result};

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
        let id = sql::insert(&mut w.sql(), case_id, person_id, plan_id, t, &agencies, lead_id, &at).await?;
        w.audit(Action::TransferInRecorded, "case", case_id).await?;
        Ok(id)
    })
    .await
}

pub async fn for_case(store: &Store, case_id: i64) -> Result<Vec<TransferRow>> {
    sql::for_case(store, case_id).await
}
