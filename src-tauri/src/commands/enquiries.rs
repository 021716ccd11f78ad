//! Enquiries: the enquirer first, then the search and what was shared, then telling the lead
//! social worker.

use chrono::NaiveDate;
use cp_core::enquiries::rules::{Enquirer, EnquiryAnswer};
use cp_core::enquiries::{EnquiryFilter, EnquiryRow, PlanAddress};
use cp_core::search::CaseSearch;
use cp_core::session::Session;
use tauri::State;

type Result<T> = std::result::Result<T, cp_core::Error>;

#[tauri::command]
pub async fn start_enquiry(session: State<'_, Session>, enquirer: Enquirer) -> Result<i64> {
    session.start_enquiry(&enquirer).await
}

#[tauri::command]
pub async fn enquiry_search(session: State<'_, Session>, enquiry_id: i64, text: String) -> Result<CaseSearch> {
    session.enquiry_search(enquiry_id, &text).await
}

#[tauri::command]
pub async fn complete_enquiry(
    session: State<'_, Session>,
    enquiry_id: i64,
    answer: EnquiryAnswer,
) -> Result<EnquiryRow> {
    session.complete_enquiry(enquiry_id, &answer).await
}

#[tauri::command]
pub async fn enquiry_informed(session: State<'_, Session>, enquiry_id: i64, on: NaiveDate) -> Result<()> {
    session.enquiry_informed(enquiry_id, on).await
}

#[tauri::command]
pub async fn enquiry_check_address(
    session: State<'_, Session>,
    enquiry_id: i64,
    line1: String,
    postcode: String,
) -> Result<Option<PlanAddress>> {
    session.enquiry_check_address(enquiry_id, &line1, &postcode).await
}

#[tauri::command]
pub async fn close_enquiry(session: State<'_, Session>, enquiry_id: i64) -> Result<()> {
    session.close_enquiry(enquiry_id).await
}

#[tauri::command]
pub async fn list_enquiries(session: State<'_, Session>, filter: EnquiryFilter) -> Result<Vec<EnquiryRow>> {
    session.list_enquiries(&filter).await
}
