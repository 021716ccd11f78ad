//! Case actions for the signed-in, unlocked lead: each one is a call into the store modules
//! with the lead's id and the clock's "now".

use chrono::NaiveDate;

use crate::case_page::{self, CasePage};
use crate::cases::rules::{CaseDetails, Closure, LevelChange};
use crate::cases::{self, CaseSummary, NewCase};
use crate::chronology::rules::NewEntry;
use crate::people::PersonMatch;
use crate::people::rules::{NewPerson, NewRelationship, Role};
use crate::plans::rules::NewPlan;
use crate::search::CaseSearch;
use crate::search::rules::CaseQuery;
use crate::{Result, chronology, drafts, file_transfers, people, plans, search};

use super::Session;

/// Runs `$body` with `store` and `me` bound to the open store and the signed-in lead.
macro_rules! as_lead {
    ($self:ident, |$store:ident, $me:ident| $body:expr) => {{
        let (ref $store, $me) = $self.signed_in().await?;
        let _ = &$me;
        $body.await
    }};
}

impl Session {
    pub async fn open_case(&self, new: &NewCase) -> Result<CaseSummary> {
        as_lead!(self, |store, me| cases::open_case(store, me.id, new, self.clock.now()))
    }

    pub async fn search_cases(&self, query: &CaseQuery) -> Result<CaseSearch> {
        as_lead!(self, |store, me| search::search(store, query))
    }

    pub async fn case(&self, id: i64) -> Result<CasePage> {
        as_lead!(self, |store, me| case_page::page(store, me.id, id, self.clock.now()))
    }

    pub async fn update_case_details(&self, id: i64, details: &CaseDetails) -> Result<()> {
        as_lead!(self, |store, me| cases::update_details(store, me.id, id, details, self.clock.now()))
    }

    pub async fn add_person(&self, case_id: i64, person: &NewPerson) -> Result<i64> {
        as_lead!(self, |store, me| people::add_person(store, me.id, case_id, person, self.clock.now()))
    }

    pub async fn find_people(&self, case_id: i64, typed: &str) -> Result<Vec<PersonMatch>> {
        as_lead!(self, |store, me| people::find(store, case_id, typed))
    }

    pub async fn link_person(&self, case_id: i64, person_id: i64, role: Role) -> Result<()> {
        as_lead!(self, |store, me| people::link_person(store, me.id, case_id, person_id, role, self.clock.now()))
    }

    pub async fn add_relationship(&self, case_id: i64, r: &NewRelationship) -> Result<()> {
        as_lead!(self, |store, me| people::add_relationship(store, me.id, case_id, r, self.clock.now()))
    }

    pub async fn start_plan(&self, case_id: i64, plan: &NewPlan, level: Option<&LevelChange>) -> Result<i64> {
        as_lead!(self, |store, me| plans::start_plan_with_level(store, me.id, case_id, plan, level, self.clock.now()))
    }

    pub async fn end_plan(&self, plan_id: i64, end_on: NaiveDate) -> Result<()> {
        as_lead!(self, |store, me| plans::end_plan(store, me.id, plan_id, end_on, self.clock.now()))
    }

    pub async fn add_entry(&self, case_id: i64, entry: &NewEntry) -> Result<i64> {
        as_lead!(self, |store, me| chronology::add_entry(store, me.id, case_id, entry, self.clock.now()))
    }

    pub async fn amend_entry(&self, entry_id: i64, entry: &NewEntry, reason: &str) -> Result<()> {
        as_lead!(self, |store, me| chronology::amend_entry(store, me.id, entry_id, entry, reason, self.clock.now()))
    }

    pub async fn change_level(&self, id: i64, change: &LevelChange) -> Result<CaseSummary> {
        as_lead!(self, |store, me| cases::change_level(store, me.id, id, change, self.clock.now()))
    }

    /// Closes the case (and removes its records when its file has gone and no copy is kept).
    pub async fn close_case(&self, id: i64, closure: &Closure) -> Result<CaseSummary> {
        as_lead!(self, |store, me| file_transfers::close_case(store, me.id, id, closure, self.clock.now()))
    }

    pub async fn reopen_case(&self, id: i64, reason: &str) -> Result<CaseSummary> {
        as_lead!(self, |store, me| cases::reopen_case(store, me.id, id, reason, self.clock.now()))
    }

    pub async fn save_draft(&self, key: &str, body: &str) -> Result<()> {
        as_lead!(self, |store, me| drafts::save(store, me.id, key, body, self.clock.now()))
    }

    pub async fn draft(&self, key: &str) -> Result<Option<String>> {
        as_lead!(self, |store, me| drafts::load(store, me.id, key))
    }

    pub async fn discard_draft(&self, key: &str) -> Result<()> {
        as_lead!(self, |store, me| drafts::discard(store, me.id, key, self.clock.now()))
    }

    /// The archive rule, run at each sign-in and daily while the app runs: only while a lead
    /// is signed in (locked or not), as nothing changes the records before a lead signs in.
    pub async fn archive_sweep(&self) -> Result<Vec<String>> {
        let store = match &*self.phase.lock().await {
            super::Phase::Open { store, .. } => store.clone(),
            _ => return Err(super::not_signed_in()),
        };
        cases::archive_sweep(&store, self.clock.now()).await
    }
}

impl Session {
    pub async fn record_concern(&self, case_id: i64, concern: &crate::concerns::rules::NewConcern) -> Result<i64> {
        as_lead!(self, |store, me| crate::concerns::record(store, me.id, case_id, concern, self.clock.now()))
    }

    pub async fn escalate_concern(&self, concern_id: i64, e: &crate::concerns::rules::NewEscalation) -> Result<()> {
        as_lead!(self, |store, me| crate::concerns::escalate(store, me.id, concern_id, e, self.clock.now()))
    }
}

/// Actions on a case (issue 22).
impl Session {
    pub async fn reassign_action(
        &self,
        action_id: i64,
        assignment: &crate::case_actions::rules::Assignment,
    ) -> Result<()> {
        as_lead!(self, |store, me| crate::case_actions::reassign(store, me.id, action_id, assignment, self.clock.now()))
    }

    pub async fn end_action(&self, action_id: i64, end: &crate::case_actions::rules::ActionEnd) -> Result<()> {
        as_lead!(self, |store, me| crate::case_actions::end(store, me.id, action_id, end, self.clock.now()))
    }
}

/// Referrals followed to their outcome (issue 22).
impl Session {
    pub async fn record_referral(&self, case_id: i64, r: &crate::referrals::rules::NewReferral) -> Result<i64> {
        as_lead!(self, |store, me| crate::referrals::record(store, me.id, case_id, r, self.clock.now()))
    }

    pub async fn referral_step(&self, referral_id: i64, s: &crate::referrals::rules::ReferralStep) -> Result<()> {
        as_lead!(self, |store, me| crate::referrals::step(store, me.id, referral_id, s, self.clock.now()))
    }

    pub async fn referral_chase_days(&self) -> Result<u32> {
        as_lead!(self, |store, _me| crate::referrals::chase_days(store))
    }

    pub async fn set_referral_chase_days(&self, days: u32) -> Result<u32> {
        as_lead!(self, |store, me| crate::referrals::set_chase_days(store, me.id, days, self.clock.now()))
    }
}

/// Actions on an enquiry or an allegation (a case's come with its page).
impl Session {
    pub async fn add_action_on(
        &self,
        on: crate::case_actions::rules::ActionOn,
        action: &crate::case_actions::rules::NewAction,
    ) -> Result<i64> {
        as_lead!(self, |store, me| crate::case_actions::add_on(store, me.id, on, action, self.clock.now()))
    }

    pub async fn actions_on(
        &self,
        on: crate::case_actions::rules::ActionOn,
    ) -> Result<Vec<crate::case_actions::CaseAction>> {
        as_lead!(self, |store, me| crate::case_actions::for_target(store, me.id, on))
    }
}

/// Professional disagreements escalated step by step (issue 22).
impl Session {
    pub async fn raise_escalation(
        &self,
        case_id: i64,
        e: &crate::escalations::rules::NewCaseEscalation,
    ) -> Result<i64> {
        as_lead!(self, |store, me| crate::escalations::raise(store, me.id, case_id, e, self.clock.now()))
    }

    pub async fn escalation_next_step(&self, id: i64, s: &crate::escalations::rules::EscalationNextStep) -> Result<()> {
        as_lead!(self, |store, me| crate::escalations::next_step(store, me.id, id, s, self.clock.now()))
    }

    pub async fn resolve_escalation(&self, id: i64, r: &crate::escalations::rules::EscalationResolution) -> Result<()> {
        as_lead!(self, |store, me| crate::escalations::resolve(store, me.id, id, r, self.clock.now()))
    }

    pub async fn entry_tags(&self) -> Result<Vec<String>> {
        as_lead!(self, |store, _me| crate::chronology::tags(store))
    }

    pub async fn set_entry_tags(&self, tags: &[String]) -> Result<Vec<String>> {
        as_lead!(self, |store, me| crate::chronology::set_tags(store, me.id, tags, self.clock.now()))
    }

    pub async fn escalation_procedure(&self) -> Result<Vec<crate::escalations::rules::ProcedureStep>> {
        as_lead!(self, |store, _me| crate::escalations::procedure(store))
    }

    pub async fn set_escalation_procedure(
        &self,
        steps: &[crate::escalations::rules::ProcedureStep],
    ) -> Result<Vec<crate::escalations::rules::ProcedureStep>> {
        as_lead!(self, |store, me| crate::escalations::set_procedure(store, me.id, steps, self.clock.now()))
    }
}

/// Warnings on a case (issue 22).
impl Session {
    pub async fn add_flag(&self, case_id: i64, flag: &crate::flags::rules::NewFlag) -> Result<i64> {
        as_lead!(self, |store, me| crate::flags::add(store, me.id, case_id, flag, self.clock.now()))
    }

    pub async fn end_flag(&self, flag_id: i64, end: &crate::flags::rules::FlagEnd) -> Result<()> {
        as_lead!(self, |store, me| crate::flags::end(store, me.id, flag_id, end, self.clock.now()))
    }
}

impl Session {
    pub async fn record_transfer_in(&self, case_id: i64, t: &crate::transfers::rules::TransferIn) -> Result<i64> {
        as_lead!(self, |store, me| crate::transfers::record(store, me.id, case_id, t, self.clock.now()))
    }
}
