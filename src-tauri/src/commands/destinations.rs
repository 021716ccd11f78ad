//! Where a report, a recovery sheet or a backup is written: only a path the lead chose in a
//! save dialog that CP Tracker itself opened. The window asks for the dialog and gets back the
//! chosen path, which the save command then accepts once; a path the window makes up (a
//! script injected into it, say) is refused, so it can never direct a write anywhere else.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use cp_core::Error;
use serde::Deserialize;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

type Result<T> = std::result::Result<T, Error>;

#[derive(Default)]
pub struct Chosen(Mutex<HashSet<PathBuf>>);

impl Chosen {
    /// Accepts `path` once, if the lead chose it in the dialog.
    pub fn take(&self, path: &Path) -> Result<()> {
        let removed = self.0.lock().map(|mut set| set.remove(path)).unwrap_or(false);
        if removed {
            Ok(())
        } else {
            Err(Error::invalid("Choose where to save it in the save dialog, then try again."))
        }
    }

    /// Accepts `path` (a file picked to open) for as long as it is held, without using it up.
    pub fn holds(&self, path: &Path) -> Result<()> {
        if self.0.lock().map(|set| set.contains(path)).unwrap_or(false) {
            Ok(())
        } else {
            Err(Error::invalid("Choose the file in the open dialog, then try again."))
        }
    }

    pub fn hold(&self, path: PathBuf) {
        if let Ok(mut set) = self.0.lock() {
            set.insert(path);
        }
    }
}

/// The end-to-end tests' stand-in for the native dialogs, which no WebDriver can reach: with
/// `CP_TRACKER_TEST_DIALOG_DIR` set, a save dialog answers that folder and the suggested name,
/// an open dialog the newest file there with one of the extensions. Compiled only with the
/// `test-clock` feature; release builds always show the real dialogs.
#[cfg(feature = "test-clock")]
fn test_dialog(name: Option<&str>, extensions: &[&str]) -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("CP_TRACKER_TEST_DIALOG_DIR")?);
    if let Some(name) = name {
        return Some(dir.join(name));
    }
    std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| extensions.iter().any(|want| x == *want)))
        .max_by_key(|e| e.metadata().and_then(|m| m.modified()).ok())
        .map(|e| e.path())
}

#[cfg(not(feature = "test-clock"))]
fn test_dialog(_name: Option<&str>, _extensions: &[&str]) -> Option<PathBuf> {
    None
}

/// Opens the open dialog for one file of `extension`; the file picked, or none.
pub async fn pick_file(app: &AppHandle, title: &str, filter: &str, extension: &str) -> Result<Option<PathBuf>> {
    pick_file_of(app, title, filter, &[extension]).await
}

/// Opens the open dialog for one file with any of `extensions`; the file picked, or none.
pub async fn pick_file_of(app: &AppHandle, title: &str, filter: &str, extensions: &[&str]) -> Result<Option<PathBuf>> {
    if let Some(path) = test_dialog(None, extensions) {
        return Ok(Some(path));
    }
    let dialog = app.dialog().file().set_title(title).add_filter(filter, extensions);
    let picked = tokio::task::spawn_blocking(move || dialog.blocking_pick_file())
        .await
        .map_err(|_| Error::internal("The open dialog could not be shown."))?;
    Ok(picked.and_then(|p| p.into_path().ok()))
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Pdf,
    Backup,
    Transfer,
}

/// Opens the save dialog for a file named `name` (its extension offered as the filter); the
/// path the lead chose, or none. Used by the command that writes there at once, so the path
/// never passes through the window.
pub async fn save_as(app: &AppHandle, title: &str, name: &str) -> Result<Option<PathBuf>> {
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_owned()).unwrap_or_default();
    if let Some(path) = test_dialog(Some(name), &[extension.as_str()]) {
        return Ok(Some(path));
    }
    let mut dialog = app.dialog().file().set_title(title).set_file_name(name);
    if !extension.is_empty() {
        dialog = dialog.add_filter(extension.to_uppercase(), &[extension.as_str()]);
    }
    let picked = tokio::task::spawn_blocking(move || dialog.blocking_save_file())
        .await
        .map_err(|_| Error::internal("The save dialog could not be shown."))?;
    Ok(picked.and_then(|p| p.into_path().ok()))
}

/// Opens the save dialog; the path the lead chose, or none if they cancelled.
#[tauri::command]
pub async fn choose_destination(
    app: AppHandle,
    chosen: State<'_, Chosen>,
    kind: Kind,
    name: String,
) -> Result<Option<PathBuf>> {
    let (title, filter, extension) = match kind {
        Kind::Pdf => ("Save the report", "PDF document", "pdf"),
        Kind::Backup => ("Save the backup", "CP Tracker backup", "cptbak"),
        Kind::Transfer => ("Save the transfer package", "CP Tracker transfer package", "cptransfer"),
    };
    if let Some(path) = test_dialog(Some(&name), &[extension]) {
        chosen.hold(path.clone());
        return Ok(Some(path));
    }
    let dialog = app.dialog().file().set_title(title).set_file_name(name).add_filter(filter, &[extension]);
    // The dialog blocks until the lead answers: off the async threads.
    let picked = tokio::task::spawn_blocking(move || dialog.blocking_save_file())
        .await
        .map_err(|_| Error::internal("The save dialog could not be shown."))?;
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else { return Ok(None) };
    if let Ok(mut set) = chosen.0.lock() {
        set.insert(path.clone());
    }
    Ok(Some(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_chosen_path_is_accepted_and_only_once() {
        let chosen = Chosen::default();
        let path = PathBuf::from("/home/lead/Documents/register.pdf");
        let err = chosen.take(&path).unwrap_err();
        assert!(err.message.contains("save dialog"), "{err:?}");
        chosen.0.lock().unwrap().insert(path.clone());
        assert!(chosen.take(Path::new("/home/lead/.local/share/cp-tracker/cp-tracker.db")).is_err());
        chosen.take(&path).unwrap();
        assert!(chosen.take(&path).is_err(), "once");
    }
}
