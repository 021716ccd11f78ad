//! Subject access requests: each step, the words withheld, and the copy released.

use std::path::PathBuf;

use chrono::NaiveDate;
use cp_core::session::Session;
use cp_core::subject_access::rules::{NewRequest, Redaction};
use tauri::State;

use super::reports::SavedReports;

type Result<T> = std::result::Result<T, cp_core::Error>;

#[tauri::command]
pub async fn record_subject_access(session: State<'_, Session>, case_id: i64, request: NewRequest) -> Result<i64> {
    session.record_subject_access(case_id, &request).await
}

#[tauri::command]
pub async fn confirm_sar_identity(
    session: State<'_, Session>,
    sar_id: i64,
    on: Option<NaiveDate>,
    how: String,
) -> Result<()> {
    let on = on.ok_or_else(|| {
        cp_core::Error::fields(vec![cp_core::FieldError::new(
            "sarIdentityOn",
            "Enter the date their identity was checked, for example 27 3 2026",
        )])
    })?;
    session.confirm_sar_identity(sar_id, on, &how).await
}

#[tauri::command]
pub async fn extend_subject_access(session: State<'_, Session>, sar_id: i64, reason: String) -> Result<()> {
    session.extend_subject_access(sar_id, &reason).await
}

#[tauri::command]
pub async fn add_redaction(session: State<'_, Session>, sar_id: i64, redaction: Redaction) -> Result<i64> {
    session.add_redaction(sar_id, &redaction).await
}

#[tauri::command]
pub async fn remove_redaction(session: State<'_, Session>, redaction_id: i64) -> Result<()> {
    session.remove_redaction(redaction_id).await
}

#[tauri::command]
pub async fn redaction_suggestions(session: State<'_, Session>, sar_id: i64) -> Result<Vec<String>> {
    session.redaction_suggestions(sar_id).await
}

#[tauri::command]
pub async fn release_subject_access(
    session: State<'_, Session>,
    saved: State<'_, SavedReports>,
    chosen: State<'_, super::destinations::Chosen>,
    sar_id: i64,
    path: PathBuf,
) -> Result<()> {
    chosen.take(&path)?;
    session.release_subject_access(sar_id, &path).await?;
    saved.remember(path);
    Ok(())
}
