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

/// The data folder: `CP_TRACKER_DATA_DIR` when set and not empty, else the OS folder for an
/// app's own data on this computer: `~/.local/share` on Linux, `~/Library/Application Support`
/// on macOS, and on Windows `%LOCALAPPDATA%`, not the roaming `%APPDATA%`, which school and
/// council domains copy to their servers at every sign-out: the records (hundreds of MB) would
/// travel, and their key, which Credential Manager keeps on this computer, would not.
pub fn data_dir() -> Result<PathBuf> {
    resolve_data_dir(std::env::var_os(DATA_DIR_ENV), dirs::data_local_dir())
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

/// The name one running app holds for its data folder, so a second launch on the same folder
/// hands over to the first (which comes to the front) rather than opening the records twice,
/// while an installation kept in another folder (`CP_TRACKER_DATA_DIR`) runs beside it. A
/// D-Bus name's elements: letters, digits and `_`, none starting with a digit. Windows and
/// macOS key the single instance on the app alone (the plugin takes no name there).
pub fn instance_name(data_dir: &Path) -> String {
    use sha2::{Digest, Sha256};
    let folder = Sha256::digest(data_dir.as_os_str().as_encoded_bytes());
    format!("{APP_IDENTIFIER}.f{}", &hex::encode(folder)[..16])
}

/// The data folder is readable by its owner only. On Linux and macOS its mode says so. On
/// Windows the folder inherits the access list of the profile it is made in (the user,
/// SYSTEM and Administrators: `%LOCALAPPDATA%` is the user's own), which is the same reach;
/// a folder named in `CP_TRACKER_DATA_DIR` elsewhere keeps the access its parent gives, as the
/// README says, so an administrator choosing one chooses who can read the encrypted file.
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
    fn each_folder_has_its_own_instance_name() {
        let one = instance_name(Path::new("/home/lead/.local/share/uk.cptracker.desktop"));
        let other = instance_name(Path::new("/srv/cp-tracker-second"));
        assert_ne!(one, other);
        assert_eq!(one, instance_name(Path::new("/home/lead/.local/share/uk.cptracker.desktop")));
        for element in one.split('.') {
            assert!(element.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'), "{one}");
            assert!(!element.starts_with(|c: char| c.is_ascii_digit()), "{one}");
        }
    }

    #[test]
    fn no_folder_at_all_is_a_clear_error() {
        let err = resolve_data_dir(None, None).unwrap_err();
        assert_eq!(err.code, ErrorCode::DataFolder);
        assert!(err.message.contains(DATA_DIR_ENV));
    }
}
