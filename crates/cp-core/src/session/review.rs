//! The weekly review, the dashboard, the change feed and the timescale settings, for the
//! signed-in lead.

use crate::changes::{self, CaseChanges, Change};
use crate::dashboard::{self, Dashboard};
use crate::domain::label::Label;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

use crate::domain::calendar::{ExtraHoliday, Holidays, Nation, Week, uk_today};
use crate::review::rules::Outcome;
use crate::review::{self, Checklist, ItemDetails, LateNote, Recorded, WeekStatus};
use crate::timescales::rules::{Period, RuleId, TimescaleSettings};
use crate::{Result, timescales};

use super::Session;

/// The organisation's timescale settings and bank holidays, for the settings screen.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct TimescaleSetup {
    pub settings: TimescaleSettings,
    pub extra_holidays: Vec<ExtraHoliday>,
    /// The bundled table's first and last years.
    pub bundled_from: i32,
    pub bundled_to: i32,
    /// Bank holidays running out within a year, for the nations in use.
    pub calendar_warnings: Vec<String>,
    /// Each nation's default periods, so the screen shows the organisation's nation's.
    pub defaults: Vec<(Nation, BTreeMap<RuleId, Period>)>,
}

impl Session {
    pub async fn dashboard(&self) -> Result<Dashboard> {
        let (ref store, me) = self.signed_in().await?;
        dashboard::dashboard(store, me.id, self.clock.now()).await
    }

    /// The signed-in lead's reminder of their actions due today or overdue: a count in words,
    /// never content (an OS notification shows it); `None` when none are due.
    pub async fn action_reminder(&self) -> Result<Option<String>> {
        let (ref store, me) = self.signed_in().await?;
        crate::case_actions::reminder(store, me.id, uk_today(self.clock.now())).await
    }

    /// The session's clock (the app's, or the test clock that moves).
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// A lead's checklist for a week (this week when `week` is `None`; the signed-in lead's
    /// when `lead_id` is `None`). Another lead's checklist is for reading.
    pub async fn checklist(&self, week: Option<&str>, lead_id: Option<i64>) -> Result<Checklist> {
        let (ref store, me) = self.signed_in().await?;
        let now = self.clock.now();
        let this_week = Week::containing(uk_today(now)).to_string();
        review::checklist(store, me.id, lead_id.unwrap_or(me.id), week.unwrap_or(&this_week), now).await
    }

    /// Every change on one item of a lead's checklist since that lead last reviewed the case:
    /// the item shows the newest (`review::CHANGES_SHOWN`).
    pub async fn checklist_changes(&self, week: &str, lead_id: i64, case_id: i64) -> Result<Vec<Change>> {
        let (ref store, _) = self.signed_in().await?;
        review::unreviewed_changes(store, lead_id, week, case_id).await
    }

    /// The details of items of a lead's checklist beyond the first `review::DETAILED`, as the
    /// lead reaches them.
    pub async fn checklist_details(&self, week: &str, lead_id: i64, case_ids: &[i64]) -> Result<Vec<ItemDetails>> {
        let (ref store, _) = self.signed_in().await?;
        review::details(store, lead_id, week, case_ids, self.clock.now()).await
    }

    pub async fn record_review(&self, week: &str, case_id: i64, outcome: Outcome, note: &str) -> Result<Recorded> {
        let (ref store, me) = self.signed_in().await?;
        review::record(store, me.id, week, case_id, outcome, note, self.clock.now()).await
    }

    pub async fn sign_off_week(&self, week: &str) -> Result<()> {
        let (ref store, me) = self.signed_in().await?;
        review::sign_off(store, me.id, week, self.clock.now()).await
    }

    pub async fn add_late_note(&self, week: &str, case_id: i64, note: &str) -> Result<LateNote> {
        let (ref store, me) = self.signed_in().await?;
        review::late_note(store, me.id, week, case_id, note, self.clock.now()).await
    }

    pub async fn review_history(&self) -> Result<Vec<WeekStatus>> {
        let (ref store, _) = self.signed_in().await?;
        review::history(store, self.clock.now()).await
    }

    pub async fn unacknowledged_changes(&self) -> Result<Vec<CaseChanges>> {
        let (ref store, me) = self.signed_in().await?;
        changes::unacknowledged(store, me.id).await
    }

    pub async fn acknowledge_changes(&self, case_id: i64, up_to: i64) -> Result<u32> {
        let (ref store, me) = self.signed_in().await?;
        changes::acknowledge(store, me.id, case_id, up_to, self.clock.now()).await
    }

    pub async fn timescale_setup(&self) -> Result<TimescaleSetup> {
        let (ref store, _) = self.signed_in().await?;
        let (bundled_from, bundled_to) = Holidays::bundled_years();
        Ok(TimescaleSetup {
            settings: timescales::settings(store).await?,
            extra_holidays: timescales::extra_holidays(store).await?,
            bundled_from,
            bundled_to,
            calendar_warnings: timescales::calendar_warnings(store, self.clock.now()).await?,
            defaults: Nation::ALL.iter().copied().map(|n| (n, crate::timescales::rules::defaults(n))).collect(),
        })
    }

    pub async fn set_timescales(&self, settings: &TimescaleSettings) -> Result<()> {
        let (ref store, me) = self.signed_in().await?;
        timescales::save_settings(store, me.id, settings, self.clock.now()).await
    }

    pub async fn add_bank_holiday(&self, holiday: &ExtraHoliday) -> Result<()> {
        let (ref store, me) = self.signed_in().await?;
        timescales::add_holiday(store, me.id, holiday, self.clock.now()).await
    }
}
