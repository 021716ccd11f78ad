//! A new recovery key: the database key wrapped again under it, and a new backup key derived
//! from it, so backups made from now on open only with the new key (older backups keep
//! opening with the key they were made under, as a backup file carries its own header).
//!
//! Two places change: the database (the backup key, with the recovery record it belongs to)
//! and `vault.json`. The database commits first and is the authority: a backup's header is
//! the database's record, so a backup and its key always agree; if the app stops before
//! `vault.json` is written, the next start copies the record over (`reconcile`), and until
//! then the old key still opens this laptop's records. The caller shows the new key and has
//! the lead type part of it back before this runs, so no key is made that nobody saw.

use chrono::{DateTime, Utc};

use super::{Installation, recovery_record, sql};
use crate::audit::{Action, Actor};
use crate::store::Store;
use crate::vault::{self, DbKey, RecoveryKey, VaultFile};
use crate::{Result, write};

impl Installation {
    /// Replaces the recovery key with `new`. Returns the vault as it now is.
    pub async fn rotate_recovery_key(
        &self,
        store: &Store,
        vault: &VaultFile,
        key: &DbKey,
        new: &RecoveryKey,
        lead_id: i64,
        now: DateTime<Utc>,
    ) -> Result<VaultFile> {
        vault.recovery()?;
        let (record, secrets) = recovery_record(new, key, &vault.installation_id).await?;
        let backup_key = secrets.backup_key()?;
        write::run(store, Actor::Lead(lead_id), now, async |w| {
            sql::store_backup_key(&mut w.sql(), &backup_key).await?;
            sql::store_recovery_record(&mut w.sql(), &record).await?;
            w.audit(Action::RecoveryKeyChanged, "installation", &vault.installation_id).await
        })
        .await?;
        let rotated = VaultFile { recovery: Some(record), ..vault.clone() };
        vault::file::write(&self.data_dir, &rotated)?;
        Ok(rotated)
    }

    /// After a rotation stopped between its two writes: `vault.json` takes the database's
    /// recovery record. Returns the vault as it now is.
    pub(super) async fn reconcile(&self, store: &Store, vault: VaultFile) -> Result<VaultFile> {
        match sql::recovery_record(store).await? {
            Some(record) if vault.shared.is_none() && Some(&record) != vault.recovery.as_ref() => {
                let reconciled = VaultFile { recovery: Some(record), ..vault };
                vault::file::write(&self.data_dir, &reconciled)?;
                tracing::info!("vault.json took the recovery record of a recovery key change that stopped part-way");
                Ok(reconciled)
            }
            _ => Ok(vault),
        }
    }
}

/// The recovery record a backup's header must carry: the one its backup key belongs to.
pub async fn backup_record(store: &Store, vault: &VaultFile) -> Result<VaultFile> {
    Ok(match sql::recovery_record(store).await? {
        Some(record) => VaultFile { recovery: Some(record), ..vault.clone() },
        None => vault.clone(),
    })
}
