//! Cases: search, the case page, and every action on a case, its people, plans and chronology.

use chrono::NaiveDate;
use cp_core::case_page::CasePage;
use cp_core::cases::rules::{CaseDetails, Closure, LevelChange};
use cp_core::cases::{CaseSummary, NewCase};
use cp_core::chronology::rules::NewEntry;
use cp_core::people::PersonMatch;
use cp_core::people::rules::{NewPerson, NewRelationship, Role};
use cp_core::plans::rules::NewPlan;
use cp_core::search::CaseSearch;
use cp_core::search::rules::CaseQuery;
use cp_core::session::Session;
use tauri::State;

type Result<T> = std::result::Result<T, cp_core::Error>;

#[tauri::command]
pub async fn open_case(session: State<'_, Session>, case: NewCase) -> Result<CaseSummary> {
    session.open_case(&case).await
}

#[tauri::command]
pub async fn search_cases(session: State<'_, Session>, query: CaseQuery) -> Result<CaseSearch> {
    session.search_cases(&query).await
}

#[tauri::command]
pub async fn case_page(session: State<'_, Session>, case_id: i64) -> Result<CasePage> {
    session.case(case_id).await
}

#[tauri::command]
pub async fn update_case_details(session: State<'_, Session>, case_id: i64, details: CaseDetails) -> Result<()> {
    session.update_case_details(case_id, &details).await
}

#[tauri::command]
pub async fn change_level(session: State<'_, Session>, case_id: i64, change: LevelChange) -> Result<CaseSummary> {
    session.change_level(case_id, &change).await
}

#[tauri::command]
pub async fn close_case(session: State<'_, Session>, case_id: i64, closure: Closure) -> Result<CaseSummary> {
    session.close_case(case_id, &closure).await
}

#[tauri::command]
pub async fn reopen_case(session: State<'_, Session>, case_id: i64, reason: String) -> Result<CaseSummary> {
    session.reopen_case(case_id, &reason).await
}

#[tauri::command]
pub async fn add_person(session: State<'_, Session>, case_id: i64, person: NewPerson) -> Result<i64> {
    session.add_person(case_id, &person).await
}

#[tauri::command]
pub async fn find_people(session: State<'_, Session>, case_id: i64, typed: String) -> Result<Vec<PersonMatch>> {
    session.find_people(case_id, &typed).await
}

#[tauri::command]
pub async fn link_person(session: State<'_, Session>, case_id: i64, person_id: i64, role: Role) -> Result<()> {
    session.link_person(case_id, person_id, role).await
}

#[tauri::command]
pub async fn add_relationship(session: State<'_, Session>, case_id: i64, relationship: NewRelationship) -> Result<()> {
    session.add_relationship(case_id, &relationship).await
}

#[tauri::command]
pub async fn start_plan(
    session: State<'_, Session>,
    case_id: i64,
    plan: NewPlan,
    level_change: Option<LevelChange>,
) -> Result<i64> {
    session.start_plan(case_id, &plan, level_change.as_ref()).await
}

#[tauri::command]
pub async fn end_plan(session: State<'_, Session>, plan_id: i64, end_on: NaiveDate) -> Result<()> {
    session.end_plan(plan_id, end_on).await
}

#[tauri::command]
pub async fn add_entry(session: State<'_, Session>, case_id: i64, entry: NewEntry) -> Result<i64> {
    session.add_entry(case_id, &entry).await
}

#[tauri::command]
pub async fn amend_entry(session: State<'_, Session>, entry_id: i64, entry: NewEntry, reason: String) -> Result<()> {
    session.amend_entry(entry_id, &entry, &reason).await
}

#[tauri::command]
pub async fn save_draft(session: State<'_, Session>, key: String, body: String) -> Result<()> {
    session.save_draft(&key, &body).await
}

#[tauri::command]
pub async fn draft(session: State<'_, Session>, key: String) -> Result<Option<String>> {
    session.draft(&key).await
}

#[tauri::command]
pub async fn discard_draft(session: State<'_, Session>, key: String) -> Result<()> {
    session.discard_draft(&key).await
}

#[tauri::command]
pub async fn record_concern(
    session: State<'_, Session>,
    case_id: i64,
    concern: cp_core::concerns::rules::NewConcern,
) -> Result<i64> {
    session.record_concern(case_id, &concern).await
}

#[tauri::command]
pub async fn escalate_concern(
    session: State<'_, Session>,
    concern_id: i64,
    escalation: cp_core::concerns::rules::NewEscalation,
) -> Result<()> {
    session.escalate_concern(concern_id, &escalation).await
}

#[tauri::command]
pub async fn add_action_on(
    session: State<'_, Session>,
    on: cp_core::case_actions::rules::ActionOn,
    action: cp_core::case_actions::rules::NewAction,
) -> Result<i64> {
    session.add_action_on(on, &action).await
}

#[tauri::command]
pub async fn actions_on(
    session: State<'_, Session>,
    on: cp_core::case_actions::rules::ActionOn,
) -> Result<Vec<cp_core::case_actions::CaseAction>> {
    session.actions_on(on).await
}

#[tauri::command]
pub async fn reassign_action(
    session: State<'_, Session>,
    action_id: i64,
    assignment: cp_core::case_actions::rules::Assignment,
) -> Result<()> {
    session.reassign_action(action_id, &assignment).await
}

#[tauri::command]
pub async fn end_action(
    session: State<'_, Session>,
    action_id: i64,
    end: cp_core::case_actions::rules::ActionEnd,
) -> Result<()> {
    session.end_action(action_id, &end).await
}

#[tauri::command]
pub async fn record_referral(
    session: State<'_, Session>,
    case_id: i64,
    referral: cp_core::referrals::rules::NewReferral,
) -> Result<i64> {
    session.record_referral(case_id, &referral).await
}

#[tauri::command]
pub async fn referral_step(
    session: State<'_, Session>,
    referral_id: i64,
    step: cp_core::referrals::rules::ReferralStep,
) -> Result<()> {
    session.referral_step(referral_id, &step).await
}

#[tauri::command]
pub async fn referral_chase_days(session: State<'_, Session>) -> Result<u32> {
    session.referral_chase_days().await
}

#[tauri::command]
pub async fn set_referral_chase_days(session: State<'_, Session>, days: u32) -> Result<u32> {
    session.set_referral_chase_days(days).await
}

#[tauri::command]
pub async fn raise_escalation(
    session: State<'_, Session>,
    case_id: i64,
    escalation: cp_core::escalations::rules::NewCaseEscalation,
) -> Result<i64> {
    session.raise_escalation(case_id, &escalation).await
}

#[tauri::command]
pub async fn escalation_next_step(
    session: State<'_, Session>,
    escalation_id: i64,
    step: cp_core::escalations::rules::EscalationNextStep,
) -> Result<()> {
    session.escalation_next_step(escalation_id, &step).await
}

#[tauri::command]
pub async fn resolve_escalation(
    session: State<'_, Session>,
    escalation_id: i64,
    resolution: cp_core::escalations::rules::EscalationResolution,
) -> Result<()> {
    session.resolve_escalation(escalation_id, &resolution).await
}

#[tauri::command]
pub async fn entry_tags(session: State<'_, Session>) -> Result<Vec<String>> {
    session.entry_tags().await
}

#[tauri::command]
pub async fn set_entry_tags(session: State<'_, Session>, tags: Vec<String>) -> Result<Vec<String>> {
    session.set_entry_tags(&tags).await
}

#[tauri::command]
pub async fn escalation_procedure(
    session: State<'_, Session>,
) -> Result<Vec<cp_core::escalations::rules::ProcedureStep>> {
    session.escalation_procedure().await
}

#[tauri::command]
pub async fn set_escalation_procedure(
    session: State<'_, Session>,
    steps: Vec<cp_core::escalations::rules::ProcedureStep>,
) -> Result<Vec<cp_core::escalations::rules::ProcedureStep>> {
    session.set_escalation_procedure(&steps).await
}

#[tauri::command]
pub async fn add_flag(session: State<'_, Session>, case_id: i64, flag: cp_core::flags::rules::NewFlag) -> Result<i64> {
    session.add_flag(case_id, &flag).await
}

#[tauri::command]
pub async fn end_flag(session: State<'_, Session>, flag_id: i64, end: cp_core::flags::rules::FlagEnd) -> Result<()> {
    session.end_flag(flag_id, &end).await
}

#[tauri::command]
pub async fn record_transfer_in(
    session: State<'_, Session>,
    case_id: i64,
    transfer: cp_core::transfers::rules::TransferIn,
) -> Result<i64> {
    session.record_transfer_in(case_id, &transfer).await
}
