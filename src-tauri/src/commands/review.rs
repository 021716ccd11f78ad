//! The dashboard, weekly review checklists, the change feed and timescale settings.

use cp_core::changes::{CaseChanges, Change};
use cp_core::dashboard::Dashboard;
use cp_core::domain::calendar::ExtraHoliday;
use cp_core::review::rules::Outcome;
use cp_core::review::{Checklist, ItemDetails, LateNote, Recorded, WeekStatus};
use cp_core::session::{Session, TimescaleSetup};
use cp_core::timescales::rules::TimescaleSettings;
use tauri::State;

type Result<T> = std::result::Result<T, cp_core::Error>;

#[tauri::command]
pub async fn dashboard(session: State<'_, Session>) -> Result<Dashboard> {
    session.dashboard().await
}

#[tauri::command]
pub async fn checklist(session: State<'_, Session>, week: Option<String>, lead_id: Option<i64>) -> Result<Checklist> {
    session.checklist(week.as_deref(), lead_id).await
}

#[tauri::command]
pub async fn checklist_changes(
    session: State<'_, Session>,
    week: String,
    lead_id: i64,
    case_id: i64,
) -> Result<Vec<Change>> {
    session.checklist_changes(&week, lead_id, case_id).await
}

#[tauri::command]
pub async fn checklist_details(
    session: State<'_, Session>,
    week: String,
    lead_id: i64,
    case_ids: Vec<i64>,
) -> Result<Vec<ItemDetails>> {
    session.checklist_details(&week, lead_id, &case_ids).await
}

#[tauri::command]
pub async fn record_review(
    session: State<'_, Session>,
    week: String,
    case_id: i64,
    outcome: Outcome,
    note: String,
) -> Result<Recorded> {
    session.record_review(&week, case_id, outcome, &note).await
}

#[tauri::command]
pub async fn sign_off_week(session: State<'_, Session>, week: String) -> Result<()> {
    session.sign_off_week(&week).await
}

#[tauri::command]
pub async fn add_late_note(session: State<'_, Session>, week: String, case_id: i64, note: String) -> Result<LateNote> {
    session.add_late_note(&week, case_id, &note).await
}

#[tauri::command]
pub async fn review_history(session: State<'_, Session>) -> Result<Vec<WeekStatus>> {
    session.review_history().await
}

#[tauri::command]
pub async fn unacknowledged_changes(session: State<'_, Session>) -> Result<Vec<CaseChanges>> {
    session.unacknowledged_changes().await
}

#[tauri::command]
pub async fn acknowledge_changes(session: State<'_, Session>, case_id: i64, up_to: i64) -> Result<u32> {
    session.acknowledge_changes(case_id, up_to).await
}

#[tauri::command]
pub async fn timescale_setup(session: State<'_, Session>) -> Result<TimescaleSetup> {
    session.timescale_setup().await
}

#[tauri::command]
pub async fn set_timescales(session: State<'_, Session>, settings: TimescaleSettings) -> Result<()> {
    session.set_timescales(&settings).await
}

#[tauri::command]
pub async fn add_bank_holiday(session: State<'_, Session>, holiday: ExtraHoliday) -> Result<()> {
    session.add_bank_holiday(&holiday).await
}
