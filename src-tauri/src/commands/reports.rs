//! Printed reports, saved where the lead chose in the native save dialog, then opened in the
//! system's PDF viewer to print if the lead asks.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Mutex;

use cp_core::reports::ReportRequest;
use cp_core::session::Session;
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

type Result<T> = std::result::Result<T, cp_core::Error>;

/// The reports saved in this run. Only these can be opened: the window cannot ask the app to
/// open any other file.
#[derive(Default)]
pub struct SavedReports(Mutex<HashSet<PathBuf>>);

impl SavedReports {
    /// A report this run saved (a paper pack with its package), which may now be opened.
    pub fn remember(&self, path: PathBuf) {
        if let Ok(mut set) = self.0.lock() {
            set.insert(path);
        }
    }
}

#[tauri::command]
pub async fn save_report(
    session: State<'_, Session>,
    saved: State<'_, SavedReports>,
    chosen: State<'_, super::destinations::Chosen>,
    request: ReportRequest,
    path: PathBuf,
) -> Result<()> {
    chosen.take(&path)?;
    session.save_report(&request, &path).await?;
    if let Ok(mut set) = saved.0.lock() {
        set.insert(path);
    }
    Ok(())
}

#[tauri::command]
pub async fn save_recovery_sheet(
    session: State<'_, Session>,
    saved: State<'_, SavedReports>,
    chosen: State<'_, super::destinations::Chosen>,
    organisation: String,
    path: PathBuf,
) -> Result<()> {
    chosen.take(&path)?;
    session.save_recovery_sheet(&organisation, &path).await?;
    if let Ok(mut set) = saved.0.lock() {
        set.insert(path);
    }
    Ok(())
}

#[tauri::command]
pub async fn open_report(app: AppHandle, saved: State<'_, SavedReports>, path: PathBuf) -> Result<()> {
    let known = saved.0.lock().map(|set| set.contains(&path)).unwrap_or(false);
    if !known {
        return Err(cp_core::Error::invalid("Only a report saved just now can be opened from here."));
    }
    app.opener().open_path(path.to_string_lossy(), None::<&str>).map_err(|_| {
        cp_core::Error::invalid("This computer has no program to open PDF files. Open the saved file from its folder.")
    })
}
