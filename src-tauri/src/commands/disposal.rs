//! Records management: the disposal review, its decisions, the retention years and the
//! removal log.

use cp_core::disposal::retention::{NewDecision, RetentionRule};
use cp_core::disposal::{AllegationRetention, RecordRemoval, Retention, RetentionYears};
use cp_core::session::Session;
use tauri::State;

type Result<T> = std::result::Result<T, cp_core::Error>;

#[tauri::command]
pub async fn disposal_review(session: State<'_, Session>) -> Result<Vec<Retention>> {
    session.disposal_review().await
}

#[tauri::command]
pub async fn decide_retention(
    session: State<'_, Session>,
    case_id: i64,
    decision: NewDecision,
) -> Result<Option<RecordRemoval>> {
    session.decide_retention(case_id, &decision).await
}

#[tauri::command]
pub async fn allegation_disposal_review(session: State<'_, Session>) -> Result<Vec<AllegationRetention>> {
    session.allegation_disposal_review().await
}

#[tauri::command]
pub async fn decide_allegation_retention(
    session: State<'_, Session>,
    allegation_id: i64,
    decision: NewDecision,
) -> Result<Option<RecordRemoval>> {
    session.decide_allegation_retention(allegation_id, &decision).await
}

#[tauri::command]
pub async fn retention_years(session: State<'_, Session>) -> Result<Vec<RetentionYears>> {
    session.retention_years().await
}

#[tauri::command]
pub async fn set_retention_years(
    session: State<'_, Session>,
    rule: RetentionRule,
    years: u32,
) -> Result<Vec<RetentionYears>> {
    session.set_retention_years(rule, years).await
}

#[tauri::command]
pub async fn removal_log(session: State<'_, Session>) -> Result<Vec<RecordRemoval>> {
    session.removal_log().await
}
