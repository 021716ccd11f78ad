//! Many actions in one write transaction, for loading demo data and benchmark data: one
//! transaction per action, each with its own fsync, would take hours for 10,000 cases. Each
//! action still goes through the same checks, change feed and audit as in the app.

use chrono::{DateTime, Utc};

use crate::audit::Actor;
use crate::cases::NewCase;
use crate::cases::rules::{Closure, LevelChange};
use crate::chronology::rules::NewEntry;
use crate::people::rules::NewPerson;
use crate::plans::rules::NewPlan;
use crate::store::Store;
use crate::write::Write;
use crate::{Result, cases, chronology, people, plans};

pub struct Batch {
    w: Write,
}

impl Batch {
    pub async fn begin(store: &Store) -> Result<Self> {
        Ok(Self { w: Write::begin(store, Actor::System, Utc::now()).await? })
    }

    /// Writes everything done in the batch; dropped without this, nothing is written.
    pub async fn commit(self) -> Result<()> {
        self.w.commit().await
    }

    fn step(&mut self, lead_id: i64, now: DateTime<Utc>) -> &mut Write {
        self.w.act_as(Actor::Lead(lead_id), now);
        &mut self.w
    }

    pub async fn open_case(&mut self, lead_id: i64, new: &NewCase, now: DateTime<Utc>) -> Result<i64> {
        Ok(cases::open_case_in(self.step(lead_id, now), new).await?.0)
    }

    pub async fn add_person(&mut self, lead_id: i64, case_id: i64, p: &NewPerson, now: DateTime<Utc>) -> Result<i64> {
        people::add_person_in(self.step(lead_id, now), case_id, p).await
    }

    pub async fn add_entry(&mut self, lead_id: i64, case_id: i64, e: &NewEntry, now: DateTime<Utc>) -> Result<i64> {
        chronology::add_entry_in(self.step(lead_id, now), case_id, e).await
    }

    pub async fn change_level(
        &mut self,
        lead_id: i64,
        case_id: i64,
        change: &LevelChange,
        now: DateTime<Utc>,
    ) -> Result<()> {
        cases::change_level_in(self.step(lead_id, now), case_id, change).await
    }

    pub async fn add_action(
        &mut self,
        lead_id: i64,
        case_id: i64,
        action: &crate::case_actions::rules::NewAction,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let today = crate::domain::calendar::uk_today(now);
        crate::case_actions::add_in(self.step(lead_id, now), lead_id, case_id, action, today).await
    }

    pub async fn end_action(
        &mut self,
        lead_id: i64,
        action_id: i64,
        end: &crate::case_actions::rules::ActionEnd,
        now: DateTime<Utc>,
    ) -> Result<()> {
        crate::case_actions::end_in(self.step(lead_id, now), lead_id, action_id, end).await
    }

    pub async fn record_referral(
        &mut self,
        lead_id: i64,
        case_id: i64,
        r: &crate::referrals::rules::NewReferral,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let today = crate::domain::calendar::uk_today(now);
        crate::referrals::record_in(self.step(lead_id, now), lead_id, case_id, r, today).await
    }

    pub async fn referral_step(
        &mut self,
        lead_id: i64,
        referral_id: i64,
        s: &crate::referrals::rules::ReferralStep,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let today = crate::domain::calendar::uk_today(now);
        crate::referrals::step_in(self.step(lead_id, now), referral_id, s, today).await
    }

    pub async fn raise_escalation(
        &mut self,
        lead_id: i64,
        case_id: i64,
        e: &crate::escalations::rules::NewCaseEscalation,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let today = crate::domain::calendar::uk_today(now);
        crate::escalations::raise_in(self.step(lead_id, now), lead_id, case_id, e, today).await
    }

    pub async fn escalation_next_step(
        &mut self,
        lead_id: i64,
        id: i64,
        s: &crate::escalations::rules::EscalationNextStep,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let today = crate::domain::calendar::uk_today(now);
        crate::escalations::next_step_in(self.step(lead_id, now), lead_id, id, s, today).await
    }

    pub async fn add_flag(
        &mut self,
        lead_id: i64,
        case_id: i64,
        flag: &crate::flags::rules::NewFlag,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        crate::flags::add_in(self.step(lead_id, now), lead_id, case_id, flag).await
    }

    pub async fn start_plan(&mut self, lead_id: i64, case_id: i64, plan: &NewPlan, now: DateTime<Utc>) -> Result<i64> {
        plans::start_plan_in(self.step(lead_id, now), case_id, plan).await
    }

    /// Every case, oldest first.
    pub async fn case_ids(&mut self) -> Result<Vec<i64>> {
        cases::ids_as_recorded_in(&mut self.w.sql()).await
    }

    /// `lead_id` acknowledges every change the other lead made to the case so far.
    pub async fn acknowledge_changes(&mut self, lead_id: i64, case_id: i64, now: DateTime<Utc>) -> Result<u32> {
        crate::changes::acknowledge_in(self.step(lead_id, now), case_id, i64::MAX).await
    }

    pub async fn close_case(&mut self, lead_id: i64, case_id: i64, c: &Closure, now: DateTime<Utc>) -> Result<()> {
        cases::close_case_in(self.step(lead_id, now), case_id, c).await
    }
}
