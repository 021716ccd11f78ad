//! `vault.json`: the one plaintext file in the data folder. It holds no secret a lead could
//! use without the recovery key: the installation id, the Argon2id salt and cost, and the
//! database key wrapped by the recovery key.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::recovery::{KdfParams, WrappedKey};
use crate::error::io_error;
use crate::{Error, ErrorCode, Result};

pub const VAULT_FILE: &str = "vault.json";
const FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VaultFile {
    pub format: u32,
    pub installation_id: String,
    pub created_at: String,
    pub recovery: RecoveryRecord,
    /// `DbKey::check_value` of the database key. Absent in folders set up before it existed,
    /// until they next open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_check: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecoveryRecord {
    pub salt: String,
    pub kdf: KdfParams,
    pub wrapped_key: WrappedKey,
}

pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join(VAULT_FILE)
}

/// `Ok(None)` when the folder has no vault yet.
pub fn read(data_dir: &Path) -> Result<Option<VaultFile>> {
    let bytes = match std::fs::read(path(data_dir)) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_error(&e, "read vault.json in the data folder")),
    };
    let vault: VaultFile = serde_json::from_slice(&bytes).map_err(|_| {
        Error::new(
            ErrorCode::KeyInvalid,
            "vault.json in the data folder is damaged. Restore it from a backup of the data folder.",
        )
    })?;
    if vault.format > FORMAT {
        return Err(Error::new(
            ErrorCode::SchemaTooNew,
            "This data folder was set up by a newer version of CP Tracker. Install the newer version to open it.",
        ));
    }
    Ok(Some(vault))
}

/// Written whole or not at all: a temporary file, flushed to disk, then renamed over.
pub fn write(data_dir: &Path, vault: &VaultFile) -> Result<()> {
    let json = serde_json::to_vec_pretty(vault).map_err(|_| Error::internal("vault.json could not be encoded."))?;
    let target = path(data_dir);
    let tmp = data_dir.join(format!("{VAULT_FILE}.tmp"));
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(&json)?;
        f.sync_all()?;
        std::fs::rename(&tmp, &target)?;
        sync_dir(data_dir)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io_error(&e, "write vault.json in the data folder")
    })
}

pub fn new_vault(
    installation_id: String,
    created_at: String,
    recovery: RecoveryRecord,
    key_check: String,
) -> VaultFile {
    VaultFile { format: FORMAT, installation_id, created_at, recovery, key_check: Some(key_check) }
}

impl VaultFile {
    pub fn salt(&self) -> Result<Vec<u8>> {
        hex::decode(&self.recovery.salt)
            .map_err(|_| Error::new(ErrorCode::KeyInvalid, "The recovery data in vault.json is damaged."))
    }
}

/// Makes a rename durable on filesystems that need the directory flushed too.
pub(crate) fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    std::fs::File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}
