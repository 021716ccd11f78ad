//! A child protection file moving on: sent as a transfer package (and its paper pack) where
//! the lead chose, a package from another setting opened from the file the lead picked, and
//! the log's receipts, chases and clock.

use std::path::PathBuf;

use cp_core::file_transfers::rules::{Chase, NewTransfer, Receipt};
use cp_core::file_transfers::{PackagePreview, Received};
use cp_core::send_file::Sent;
use cp_core::session::Session;
use tauri::{AppHandle, State};

use super::destinations::Chosen;
use super::reports::SavedReports;

type Result<T> = std::result::Result<T, cp_core::Error>;

/// Makes the package where the lead chose in the save dialog, its paper pack beside it (which
/// can then be opened to print), and logs the transfer.
#[tauri::command]
pub async fn send_file(
    session: State<'_, Session>,
    chosen: State<'_, Chosen>,
    saved: State<'_, SavedReports>,
    case_id: i64,
    transfer: NewTransfer,
    path: PathBuf,
) -> Result<Sent> {
    chosen.take(&path)?;
    let sent = session.send_file(case_id, &transfer, &path).await?;
    if let Some(paper) = &sent.paper_pack {
        saved.remember(paper.into());
    }
    Ok(sent)
}

/// Opens the open dialog for a transfer package; the file the lead picked, or none.
#[tauri::command]
pub async fn choose_package(app: AppHandle, chosen: State<'_, Chosen>) -> Result<Option<PathBuf>> {
    let picked =
        super::destinations::pick_file(&app, "Open a transfer package", "CP Tracker transfer package", "cptransfer")
            .await?;
    if let Some(path) = &picked {
        chosen.hold(path.clone());
    }
    Ok(picked)
}

#[tauri::command]
pub async fn preview_package(
    session: State<'_, Session>,
    chosen: State<'_, Chosen>,
    path: PathBuf,
    passphrase: String,
) -> Result<PackagePreview> {
    chosen.holds(&path)?;
    session.preview_package(&path, &passphrase).await
}

#[tauri::command]
pub async fn receive_package(
    session: State<'_, Session>,
    chosen: State<'_, Chosen>,
    path: PathBuf,
    passphrase: String,
) -> Result<Received> {
    chosen.holds(&path)?;
    let received = session.receive_package(&path, &passphrase).await?;
    let _ = chosen.take(&path);
    Ok(received)
}

#[tauri::command]
pub async fn record_transfer_receipt(session: State<'_, Session>, transfer_id: i64, receipt: Receipt) -> Result<()> {
    session.record_transfer_receipt(transfer_id, &receipt).await
}

#[tauri::command]
pub async fn record_transfer_chase(session: State<'_, Session>, transfer_id: i64, chase: Chase) -> Result<()> {
    session.record_transfer_chase(transfer_id, &chase).await
}

#[tauri::command]
pub async fn transfer_days(session: State<'_, Session>) -> Result<u32> {
    session.transfer_days().await
}

#[tauri::command]
pub async fn set_transfer_days(session: State<'_, Session>, days: u32) -> Result<u32> {
    session.set_transfer_days(days).await
}

#[tauri::command]
pub async fn transfer_keeps_copy(session: State<'_, Session>) -> Result<bool> {
    session.transfer_keeps_copy().await
}

#[tauri::command]
pub async fn set_transfer_keeps_copy(session: State<'_, Session>, keep: bool) -> Result<bool> {
    session.set_transfer_keeps_copy(keep).await
}
