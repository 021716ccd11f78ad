//! Many actions in one write transaction, for loading demo data and benchmark data: one
//! transaction per action, each with its own fsync, would take hours for 10,000 cases. Each
//! action still goes through the same checks, change feed and audit as in the app.

use chrono::{DateTime, Utc};
use sqlx::{Sqlite, Transaction};

use crate::cases::NewCase;
use crate::domain::case::{Closure, LevelChange};
use crate::domain::chronology::NewEntry;
use crate::domain::person::NewPerson;
use crate::domain::plan::NewPlan;
use crate::store::{Store, db_error};
use crate::{Result, cases, chronology, people, plans};

pub struct Batch {
    tx: Transaction<'static, Sqlite>,
}

impl Batch {
    pub async fn begin(store: &Store) -> Result<Self> {
        Ok(Self { tx: store.begin_write().await? })
    }

    /// Writes everything done in the batch; dropped without this, nothing is written.
    pub async fn commit(self) -> Result<()> {
        Ok(self.tx.commit().await?)
    }

    pub async fn open_case(&mut self, lead_id: i64, new: &NewCase, now: DateTime<Utc>) -> Result<i64> {
        Ok(cases::open_case_in(&mut self.tx, lead_id, new, now).await?.0)
    }

    pub async fn add_person(&mut self, lead_id: i64, case_id: i64, p: &NewPerson, now: DateTime<Utc>) -> Result<i64> {
        people::add_person_in(&mut self.tx, lead_id, case_id, p, now).await
    }

    pub async fn add_entry(&mut self, lead_id: i64, case_id: i64, e: &NewEntry, now: DateTime<Utc>) -> Result<i64> {
        chronology::add_entry_in(&mut self.tx, lead_id, case_id, e, now).await
    }

    pub async fn change_level(
        &mut self,
        lead_id: i64,
        case_id: i64,
        change: &LevelChange,
        now: DateTime<Utc>,
    ) -> Result<()> {
        cases::change_level_in(&mut self.tx, lead_id, case_id, change, now).await
    }

    pub async fn start_plan(&mut self, lead_id: i64, case_id: i64, plan: &NewPlan, now: DateTime<Utc>) -> Result<i64> {
        plans::start_plan_in(&mut self.tx, lead_id, case_id, plan, now).await
    }

    /// Every case, oldest first.
    pub async fn case_ids(&mut self) -> Result<Vec<i64>> {
        sqlx::query_scalar("SELECT id FROM cases ORDER BY id").fetch_all(&mut *self.tx).await.map_err(db_error)
    }

    /// `lead_id` acknowledges every change the other lead made to the case so far.
    pub async fn acknowledge_changes(&mut self, lead_id: i64, case_id: i64, now: DateTime<Utc>) -> Result<u32> {
        crate::changes::acknowledge_in(&mut self.tx, lead_id, case_id, i64::MAX, now).await
    }

    pub async fn close_case(&mut self, lead_id: i64, case_id: i64, c: &Closure, now: DateTime<Utc>) -> Result<()> {
        cases::close_case_in(&mut self.tx, lead_id, case_id, c, now).await
    }
}
