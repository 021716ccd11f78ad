//! Start-up, set-up, recovery, sign-in and the lock.

use std::path::PathBuf;

use cp_core::backup::BackupSummary;
use cp_core::installation::JoinInput;
use cp_core::leads::Lead;
use cp_core::leads::rules::{NewLead, SetupInput};
use cp_core::session::{AppView, RecoverySheet, Session};
use tauri::State;

type Result<T> = std::result::Result<T, cp_core::Error>;

#[tauri::command]
pub async fn app_view(session: State<'_, Session>) -> Result<AppView> {
    Ok(session.view().await)
}

#[tauri::command]
pub fn check_setup(session: State<'_, Session>, input: SetupInput) -> Result<()> {
    session.check_setup(&input)
}

#[tauri::command]
pub async fn begin_setup(session: State<'_, Session>) -> Result<RecoverySheet> {
    session.begin_setup().await
}

#[tauri::command]
pub async fn complete_setup(
    session: State<'_, Session>,
    input: SetupInput,
    typed_groups: Vec<String>,
) -> Result<AppView> {
    session.complete_setup(&input, &typed_groups).await
}

#[tauri::command]
pub async fn join_organisation(session: State<'_, Session>, input: JoinInput) -> Result<AppView> {
    session.join(&input).await
}

#[tauri::command]
pub async fn recover(session: State<'_, Session>, recovery_key: String) -> Result<AppView> {
    session.recover(&recovery_key).await
}

#[tauri::command]
pub async fn sign_in(
    app: tauri::AppHandle,
    session: State<'_, Session>,
    lead_id: i64,
    passphrase: String,
) -> Result<AppView> {
    let view = session.sign_in(lead_id, &passphrase).await?;
    // The reminder as the app opens, beside the first screen rather than before it.
    tauri::async_runtime::spawn(async move { crate::reminders::remind(&app).await });
    Ok(view)
}

#[tauri::command]
pub async fn unlock(session: State<'_, Session>, passphrase: String) -> Result<AppView> {
    session.unlock(&passphrase).await
}

#[tauri::command]
pub async fn sign_out(session: State<'_, Session>) -> Result<AppView> {
    session.sign_out().await
}

#[tauri::command]
pub async fn lock(session: State<'_, Session>) -> Result<AppView> {
    session.lock().await
}

#[tauri::command]
pub async fn touch(session: State<'_, Session>) -> Result<AppView> {
    session.touch().await
}

#[tauri::command]
pub async fn set_idle_minutes(session: State<'_, Session>, minutes: u32) -> Result<AppView> {
    session.set_idle_minutes(minutes).await
}

#[tauri::command]
pub async fn leads(session: State<'_, Session>) -> Result<Vec<Lead>> {
    session.leads().await
}

#[tauri::command]
pub async fn add_lead(session: State<'_, Session>, lead: NewLead) -> Result<Vec<Lead>> {
    session.add_lead(&lead).await
}

#[tauri::command]
pub async fn deactivate_lead(session: State<'_, Session>, lead_id: i64) -> Result<Vec<Lead>> {
    session.deactivate_lead(lead_id).await
}

#[tauri::command]
pub async fn change_passphrase(session: State<'_, Session>, current: String, new: String) -> Result<()> {
    session.change_passphrase(&current, &new).await
}

#[tauri::command]
pub async fn begin_recovery_key_change(session: State<'_, Session>) -> Result<RecoverySheet> {
    session.begin_recovery_key_change().await
}

#[tauri::command]
pub async fn complete_recovery_key_change(session: State<'_, Session>, typed_groups: Vec<String>) -> Result<()> {
    session.complete_recovery_key_change(&typed_groups).await
}

#[tauri::command]
pub async fn make_backup(
    session: State<'_, Session>,
    chosen: State<'_, super::destinations::Chosen>,
    path: PathBuf,
) -> Result<BackupSummary> {
    chosen.take(&path)?;
    session.backup(&path).await
}

#[tauri::command]
pub async fn restore_backup(session: State<'_, Session>, path: PathBuf, recovery_key: String) -> Result<AppView> {
    session.restore(&path, &recovery_key).await
}
