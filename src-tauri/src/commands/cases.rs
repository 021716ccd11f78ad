//! Cases: open, list, view, level changes, closure and reopening.

use cp_core::cases::{CasePage, CaseSummary, NewCase};
use cp_core::domain::case::{Closure, LevelChange};
use cp_core::domain::person::NewPerson;
use cp_core::people::PersonInCase;
use cp_core::session::Session;
use tauri::State;

type Result<T> = std::result::Result<T, cp_core::Error>;

#[tauri::command]
pub async fn open_case(session: State<'_, Session>, case: NewCase) -> Result<CaseSummary> {
    session.open_case(&case).await
}

#[tauri::command]
pub async fn list_cases(session: State<'_, Session>, include_archived: bool) -> Result<Vec<CaseSummary>> {
    session.list_cases(include_archived).await
}

#[tauri::command]
pub async fn case_page(session: State<'_, Session>, case_id: i64) -> Result<CasePage> {
    session.case(case_id).await
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
pub async fn add_person(session: State<'_, Session>, case_id: i64, person: NewPerson) -> Result<PersonInCase> {
    session.add_person(case_id, &person).await
}
