//! Attached files: a file the lead picked in the open dialog or dropped on the window (only
//! such a path is accepted, as for every file the app reads), its progress while it is read,
//! its bytes to draw in the window (never a temp file), saved out through the save dialog,
//! and withdrawn with a reason; and a body map's marks.

use std::path::PathBuf;

use cp_core::attachments::rules::{self, NewAttachment};
use cp_core::attachments::{AttachTo, Attachment};
use cp_core::session::Session;
use serde::Serialize;
use tauri::ipc::{Channel, Response};
use tauri::{AppHandle, State};

use super::destinations::Chosen;

type Result<T> = std::result::Result<T, cp_core::Error>;

/// How much of the file is read, for the window's progress bar.
#[derive(Clone, Copy, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    #[ts(type = "number")]
    read: u64,
    #[ts(type = "number")]
    size: u64,
}

/// Opens the open dialog for a file CP Tracker keeps; the file the lead picked, or none.
#[tauri::command]
pub async fn choose_attachment(app: AppHandle, chosen: State<'_, Chosen>) -> Result<Option<PathBuf>> {
    let extensions = rules::extensions();
    let picked =
        super::destinations::pick_file_of(&app, "Attach a file", "Files CP Tracker keeps", &extensions).await?;
    if let Some(path) = &picked {
        chosen.hold(path.clone());
    }
    Ok(picked)
}

#[tauri::command]
pub async fn attach_file(
    session: State<'_, Session>,
    chosen: State<'_, Chosen>,
    to: AttachTo,
    path: PathBuf,
    attachment: NewAttachment,
    progress: Channel<Progress>,
) -> Result<i64> {
    chosen.holds(&path)?;
    let tell = |read, size| {
        let _ = progress.send(Progress { read, size });
    };
    let id = session.attach_file(to, &path, &attachment, &tell).await?;
    let _ = chosen.take(&path);
    Ok(id)
}

#[tauri::command]
pub async fn attachments_on(session: State<'_, Session>, on: AttachTo) -> Result<Vec<Attachment>> {
    session.attachments(on).await
}

/// The file's bytes, as they are, for the window to draw from memory (an image, or a PDF
/// through its viewer); audited as viewed.
#[tauri::command]
pub async fn view_attachment(session: State<'_, Session>, id: i64) -> Result<Response> {
    let (_, bytes) = session.open_attachment(id, false).await?;
    Ok(Response::new(bytes))
}

/// Saves a copy where the lead chooses in the save dialog (suggesting the file's own name);
/// audited as saved. `None` if they cancelled.
#[tauri::command]
pub async fn save_attachment(
    app: AppHandle,
    session: State<'_, Session>,
    id: i64,
    name: String,
) -> Result<Option<PathBuf>> {
    let Some(path) = super::destinations::save_as(&app, "Save a copy of the file", &name).await? else {
        return Ok(None);
    };
    session.save_attachment_copy(id, &path).await?;
    Ok(Some(path))
}

#[tauri::command]
pub async fn withdraw_attachment(session: State<'_, Session>, id: i64, reason: String) -> Result<()> {
    session.withdraw_attachment(id, &reason).await
}

#[tauri::command]
pub async fn attachment_limit(session: State<'_, Session>) -> Result<u32> {
    session.attachment_limit_mb().await
}

#[tauri::command]
pub async fn set_attachment_limit(session: State<'_, Session>, mb: u32) -> Result<u32> {
    session.set_attachment_limit_mb(mb).await
}

#[tauri::command]
pub async fn add_body_mark(
    session: State<'_, Session>,
    entry_id: i64,
    mark: cp_core::body_maps::rules::NewMark,
) -> Result<i64> {
    session.add_body_mark(entry_id, &mark).await
}

#[tauri::command]
pub async fn withdraw_body_mark(session: State<'_, Session>, id: i64, reason: String) -> Result<()> {
    session.withdraw_body_mark(id, &reason).await
}
