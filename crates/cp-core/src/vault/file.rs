//! `vault.json`: the one plaintext file in the data folder, read before any record is open. It
//! holds no secret anyone can use without the recovery key, or a lead's passphrase together
//! with this laptop's keyring: the installation id, the organisation's name and its leads'
//! names for the sign-in screen, the database key wrapped once by the recovery key and once
//! per lead (`slot.rs`), and the laptop secret wrapped by the database key.
//!
//! Format 1 (before key slots) kept the database key itself in the keyring; such a folder is
//! moved to format 2 when it opens (`installation::upgrade`).

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::recovery::{KdfParams, WrappedKey};
use super::slot::Slot;
use crate::error::io_error;
use crate::{Error, ErrorCode, Result};

pub const VAULT_FILE: &str = "vault.json";
/// Format 1 kept the database key in the keyring; format 2 keeps the laptop secret there.
pub const FORMAT_KEY_IN_KEYRING: u32 = 1;
const FORMAT: u32 = 2;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VaultFile {
    pub format: u32,
    pub installation_id: String,
    pub created_at: String,
    /// The database key wrapped by the recovery key. `None` on a laptop joined to its
    /// organisation's server (shared mode): what a recovery key would bring back there is the
    /// laptop's enrolment, which whoever runs the database gives again (`shared add-device`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovery: Option<RecoveryRecord>,
    /// `DbKey::check_value` of what the keyring holds for this installation (the laptop
    /// secret; in format 1, the database key), so a wrong one is told apart from a damaged
    /// database. Absent in folders set up before it existed, until they next open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_check: Option<String>,
    /// The organisation's and its leads' names for the sign-in screen, before the records
    /// open, sealed under the laptop secret (`directory.rs`; format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub directory: Option<WrappedKey>,
    /// The laptop secret wrapped by the database key (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub laptop_secret: Option<WrappedKey>,
    /// One per active lead (format 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub slots: Vec<Slot>,
    /// Leads of a format 1 folder who have not signed in since it moved to format 2: they sign
    /// in once with the database key still in the keyring, which makes their slot.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub awaiting_slot: Vec<i64>,
    /// Shared mode: where the organisation's records are, instead of a file in this folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared: Option<SharedLink>,
    /// A folder restored from a backup of the organisation's server (`backup::from_server`):
    /// the leads who have not signed in here yet, each one's server slot with the database key
    /// sealed to them, sealed under the laptop secret, as a joined laptop's `SharedLink::pending`
    /// holds its password. Their first sign-in makes an ordinary slot.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pending: Vec<PendingSlot>,
}

/// A laptop joined to its organisation's PostgreSQL (`shared::join`): the server and this
/// laptop's own role there. Its password is what the leads' slots release in place of a
/// database key (the hex of those 32 bytes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SharedLink {
    pub host: String,
    pub port: u16,
    pub database: String,
    pub role: String,
    /// The organisation's CA certificate (PEM); `None` trusts the system's roots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_pem: Option<String>,
    /// Leads who have not signed in on this laptop yet: each one's server slot and this
    /// laptop's password sealed to them, together sealed under the laptop secret
    /// (`vault::server_slot`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pending: Vec<PendingSlot>,
    /// This laptop's sign-in desk's role (`shared::desk`), whose password is in the keyring;
    /// absent for a laptop enrolled before desks existed (it counts attempts on itself only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desk_role: Option<String>,
    /// This laptop's password sealed to the organisation's recovery key, which `shared init`
    /// made (absent if the database had none when the laptop joined).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovery: Option<SharedRecovery>,
}

/// The organisation's recovery key's public part, as the server keeps it (`vault_secrets`), and
/// on a joined laptop with the laptop's password sealed to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SharedRecovery {
    pub salt: String,
    pub kdf: KdfParams,
    pub box_public: String,
    /// The laptop's password, sealed (hex); empty as the server keeps it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sealed: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingSlot {
    pub lead_id: i64,
    /// The salt of the server slot inside, to tell when the lead has chosen a new passphrase.
    pub server_salt: String,
    pub sealed: WrappedKey,
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

/// A format 2 vault with no slots yet; set-up adds them once its leads have ids.
pub fn new_vault(
    installation_id: String,
    created_at: String,
    recovery: RecoveryRecord,
    key_check: String,
    laptop_secret: WrappedKey,
) -> VaultFile {
    VaultFile {
        format: FORMAT,
        installation_id,
        created_at,
        recovery: Some(recovery),
        key_check: Some(key_check),
        directory: None,
        laptop_secret: Some(laptop_secret),
        slots: Vec::new(),
        awaiting_slot: Vec::new(),
        pending: Vec::new(),
        shared: None,
    }
}

/// A laptop joined to its organisation's server: no recovery record (see `recovery`) and no
/// slots until its leads sign in (`link.pending` holds their ways in).
pub fn joined_vault(
    installation_id: String,
    created_at: String,
    key_check: String,
    laptop_secret: WrappedKey,
    link: SharedLink,
) -> VaultFile {
    VaultFile {
        format: FORMAT,
        installation_id,
        created_at,
        recovery: None,
        key_check: Some(key_check),
        directory: None,
        laptop_secret: Some(laptop_secret),
        slots: Vec::new(),
        awaiting_slot: Vec::new(),
        pending: Vec::new(),
        shared: Some(link),
    }
}

impl VaultFile {
    /// Whether the keyring holds the database key itself (format 1) rather than a laptop secret.
    pub fn key_in_keyring(&self) -> bool {
        self.laptop_secret.is_none()
    }

    pub fn slot(&self, lead_id: i64) -> Option<&Slot> {
        self.slots.iter().find(|s| s.lead_id == lead_id)
    }

    /// This vault with `slot` in place of the lead's old one (if any).
    pub fn with_slot(&self, slot: Slot) -> VaultFile {
        let mut out = self.clone();
        out.awaiting_slot.retain(|id| *id != slot.lead_id);
        out.pending.retain(|p| p.lead_id != slot.lead_id);
        if let Some(shared) = &mut out.shared {
            shared.pending.retain(|p| p.lead_id != slot.lead_id);
        }
        match out.slots.iter_mut().find(|s| s.lead_id == slot.lead_id) {
            Some(old) => *old = slot,
            None => out.slots.push(slot),
        }
        out
    }

    /// Whether `lead_id` can sign in on this laptop (a slot, or awaiting one).
    pub fn can_sign_in(&self, lead_id: i64) -> bool {
        self.slot(lead_id).is_some() || self.awaiting_slot.contains(&lead_id) || self.pending(lead_id).is_some()
    }

    /// The lead's way in on a joined (or restored) laptop before their first sign-in here.
    pub fn pending(&self, lead_id: i64) -> Option<&PendingSlot> {
        let shared = self.shared.as_ref().map(|l| l.pending.as_slice()).unwrap_or_default();
        self.pending.iter().chain(shared).find(|p| p.lead_id == lead_id)
    }

    /// This vault without the lead's slot: they can no longer sign in on this laptop.
    pub fn without_lead(&self, lead_id: i64) -> VaultFile {
        let mut out = self.clone();
        out.slots.retain(|s| s.lead_id != lead_id);
        out.awaiting_slot.retain(|id| *id != lead_id);
        out.pending.retain(|p| p.lead_id != lead_id);
        if let Some(shared) = &mut out.shared {
            shared.pending.retain(|p| p.lead_id != lead_id);
        }
        out
    }

    /// The recovery record, which only a folder holding its own records has.
    pub fn recovery(&self) -> Result<&RecoveryRecord> {
        self.recovery.as_ref().ok_or_else(|| {
            Error::new(
                ErrorCode::Invalid,
                "This laptop keeps no records of its own: they are on your organisation's database, and a recovery \
                 key does not open them here. If no lead can sign in on this laptop, ask whoever runs the database \
                 for a new enrolment code and join this laptop again.",
            )
        })
    }

    pub fn salt(&self) -> Result<Vec<u8>> {
        hex::decode(&self.recovery()?.salt)
            .map_err(|_| Error::new(ErrorCode::KeyInvalid, "The recovery data in vault.json is damaged."))
    }
}

/// Makes a rename durable on filesystems that need the directory flushed too. Windows cannot
/// open a folder to flush it, and needs not: NTFS journals the rename itself.
pub(crate) fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    std::fs::File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}
