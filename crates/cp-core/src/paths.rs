//! Where an installation keeps its data. The app and the admin CLI must agree on this, so it
//! lives here rather than in Tauri's path resolver.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::error::io_error;
use crate::{Error, ErrorCode, Result};

/// Same as `identifier` in tauri.conf.json, so the folder matches what Tauri would choose.
pub const APP_IDENTIFIER: &str = "uk.cptracker.desktop";

/// Tests and portable installs point the app at their own folder with this variable.
pub const DATA_DIR_ENV: &str = "CP_TRACKER_DATA_DIR";

/// The file `cp-tracker-admin demo-data` leaves in the data folder it fills, so every screen
/// of that folder says DEMO DATA, before sign-in too (the records are still encrypted then).
pub const DEMO_MARKER: &str = "DEMO-DATA.txt";

/// Whether the folder holds demo data.
pub fn is_demo(data_dir: &Path) -> bool {
    data_dir.join(DEMO_MARKER).is_file()
}

/// The data folder: `CP_TRACKER_DATA_DIR` when set and not empty, else the OS app-data folder.
pub fn data_dir() -> Result<PathBuf> {
    resolve_data_dir(std::env::var_os(DATA_DIR_ENV), dirs::data_dir())
}

fn resolve_data_dir(overridden: Option<OsString>, os_data_dir: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(dir) = overridden.filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    os_data_dir.map(|base| base.join(APP_IDENTIFIER)).ok_or_else(|| {
        Error::new(
            ErrorCode::DataFolder,
            format!(
                "CP Tracker cannot find this computer's application data folder. \
                 Set {DATA_DIR_ENV} to the folder CP Tracker should use."
            ),
        )
    })
}

/// The data folder is readable by its owner only.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| io_error(&e, "create the data folder"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| io_error(&e, "protect the data folder"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn override_wins() {
        let dir = resolve_data_dir(Some("/tmp/cp".into()), Some("/home/x/.local/share".into()));
        assert_eq!(dir.unwrap(), PathBuf::from("/tmp/cp"));
    }

    #[test]
    fn empty_override_is_ignored() {
        let dir = resolve_data_dir(Some("".into()), Some("/home/x/.local/share".into()));
        assert_eq!(dir.unwrap(), PathBuf::from("/home/x/.local/share").join(APP_IDENTIFIER));
    }

    #[test]
    fn no_folder_at_all_is_a_clear_error() {
        let err = resolve_data_dir(None, None).unwrap_err();
        assert_eq!(err.code, ErrorCode::DataFolder);
        assert!(err.message.contains(DATA_DIR_ENV));
    }
}
