//! One installation = one data folder: `vault.json` plus the encrypted database. Set-up,
//! opening at start-up (which reads `vault.json` and checks the keyring, and opens no
//! record), signing a lead in (`unlock.rs`: only a lead's passphrase and this laptop's secret
//! together release the database key), the leads' key slots (`slots.rs`), and recovery with
//! the recovery key.
//!
//! Nothing here ever creates a database over an existing one: a missing key leads to
//! recovery, an unreadable file to a message, and the file is left untouched.

pub mod attempts;
mod join_input;
mod restored;
mod rotate;
mod shared;
mod slots;
mod sql;
mod staging;
mod unlock;
mod upgrade;

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use crate::audit::{Action, Actor, Entry};
use crate::clock::stamp;
use crate::leads;
use crate::leads::rules::{SetupInput, validate_setup};
use crate::paths::create_private_dir;
use crate::store::{self, OpenMode, Store};
use crate::vault::file::RecoveryRecord;
use crate::vault::{
    self, DbKey, Directory, KdfParams, KeyStore, Listed, RecoveryKey, RecoverySecrets, Signer, VaultFile,
};
use crate::write;

use crate::{Error, ErrorCode, Result};
pub use join_input::JoinInput;
pub(crate) use rotate::backup_record;
pub(crate) use sql::store_recovery_record;
pub use unlock::{Unlocked, refused, sign_in_list};

/// What start-up found in the data folder.
#[derive(Debug)]
pub enum Opened {
    /// No `vault.json` and no database: the set-up wizard runs.
    NotSetUp,
    /// The data is there but this computer's password store has no key for it.
    NeedsRecovery(VaultFile),
    /// The data is there and this laptop holds its secret: a lead signs in (`sign_in`) to
    /// open the records.
    Ready(VaultFile),
}

pub struct Installation {
    pub data_dir: PathBuf,
}

impl Installation {
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        Self { data_dir: data_dir.into() }
    }

    pub fn db_path(&self) -> PathBuf {
        store::db_path(&self.data_dir)
    }

    pub async fn open(&self, keys: &dyn KeyStore) -> Result<Opened> {
        staging::finish_interrupted(&self.data_dir)?;
        let db_exists = self.db_path().exists();
        let Some(vault) = vault::file::read(&self.data_dir)? else {
            if db_exists {
                return Err(Error::new(
                    ErrorCode::KeyInvalid,
                    "The data folder has CP Tracker's database but not its vault.json, so the database cannot be \
                     unlocked. Restore vault.json from a backup of the data folder. The database has been left as it is.",
                ));
            }
            return Ok(Opened::NotSetUp);
        };
        if !db_exists && vault.shared.is_none() {
            return Err(Error::new(
                ErrorCode::NotSetUp,
                "The data folder has vault.json but no database. Restore cp-tracker.db from a backup, or restore a \
                 CP Tracker backup file.",
            ));
        }
        if vault.key_in_keyring() {
            return self.upgrade(vault, keys).await;
        }
        match self.keyring_secret(&vault, keys)? {
            Some(secret) => Ok(Opened::Ready(self.with_key_check(vault, &secret))),
            None => Ok(Opened::NeedsRecovery(vault)),
        }
    }

    /// What the keyring holds for this installation (the laptop secret; in a format 1 folder
    /// the database key), or `None` when it holds nothing, or something that is not this
    /// installation's: the recovery key puts either right.
    pub(crate) fn keyring_secret(&self, vault: &VaultFile, keys: &dyn KeyStore) -> Result<Option<DbKey>> {
        let account = if vault.key_in_keyring() {
            vault::keyring::legacy_account(&vault.installation_id)
        } else {
            vault::keyring::laptop_account(&vault.installation_id)
        };
        let secret = match keys.load(&account) {
            Ok(Some(secret)) => secret,
            Ok(None) => return Ok(None),
            Err(e) if e.code == ErrorCode::KeyInvalid => {
                tracing::warn!("the keyring's secret for this installation has the wrong length");
                return Ok(None);
            }
            Err(e) => return Err(e),
        };
        match &vault.key_check {
            Some(check) if *check != secret.check_value(&vault.installation_id) => {
                tracing::warn!("the keyring's secret is not this installation's");
                Ok(None)
            }
            _ => Ok(Some(secret)),
        }
    }

    /// A vault from before key checks gets one once its key has opened the records. If it
    /// cannot be written, the folder still opens; the next start tries again.
    fn with_key_check(&self, vault: VaultFile, key: &DbKey) -> VaultFile {
        if vault.key_check.is_some() {
            return vault;
        }
        let checked = VaultFile { key_check: Some(key.check_value(&vault.installation_id)), ..vault.clone() };
        match vault::file::write(&self.data_dir, &checked) {
            Ok(()) => checked,
            Err(_) => vault,
        }
    }

    /// Creates the installation. The recovery key is made (and shown) by the caller first.
    /// If any step fails, what was created is removed again, so set-up can simply be retried;
    /// if the process is killed, the next `open` finishes or removes it (`staging`).
    pub async fn set_up(
        &self,
        input: &SetupInput,
        recovery: &RecoveryKey,
        keys: &dyn KeyStore,
        now: DateTime<Utc>,
    ) -> Result<Store> {
        let input = validate_setup(input)?;
        if vault::file::read(&self.data_dir)?.is_some() || self.db_path().exists() {
            return Err(Error::new(ErrorCode::AlreadySetUp, "CP Tracker is already set up in this data folder."));
        }
        create_private_dir(&self.data_dir)?;
        staging::remove(&self.data_dir);

        let result = self.create(&input, recovery, keys, now).await;
        if result.is_err() {
            self.remove_partial_setup();
        }
        result
    }

    async fn create(
        &self,
        input: &SetupInput,
        recovery: &RecoveryKey,
        keys: &dyn KeyStore,
        now: DateTime<Utc>,
    ) -> Result<Store> {
        let at = stamp(now);
        let installation_id = new_installation_id()?;
        let key = DbKey::generate()?;
        let laptop = DbKey::generate()?;
        let (record, recovery) = recovery_record(recovery, &key, &installation_id).await?;
        let check = laptop.check_value(&installation_id);
        let laptop_secret = vault::slot::wrap_laptop_secret(&key, &laptop)?;
        let mut vault = vault::file::new_vault(installation_id.clone(), at.clone(), record, check, laptop_secret);
        let mut directory = Directory { organisation: input.organisation.clone(), leads: Vec::new() };

        // Each lead's slot key before the write transaction: Argon2 takes a while. Each lead's
        // signing key is made here too, and set-up (the one moment every lead's passphrase is
        // at hand) signs with all of them until its store closes.
        let mut slot_keys = Vec::with_capacity(input.leads.len());
        for lead in &input.leads {
            slot_keys.push((lead, slots::slot_key(&lead.passphrase, &laptop).await?, DbKey::generate()?));
        }

        let staging = staging::dir(&self.data_dir);
        create_private_dir(&staging)?;
        let store = Store::open(&store::db_path(&staging), &key, OpenMode::Create).await?;
        let backup_key = recovery.backup_key()?;
        let public: Vec<(&leads::rules::NewLead, String)> =
            slot_keys.iter().map(|(lead, _, seed)| (*lead, vault::signing::public_hex_of(seed))).collect();
        let ids = write::run(&store, Actor::System, now, async |w| {
            sql::store_backup_key(&mut w.sql(), &backup_key).await?;
            leads::first_rows(w, &input.organisation, &public).await
        })
        .await?;
        let mut signers = Vec::with_capacity(ids.len());
        for (id, (lead, slot_key, seed)) in ids.into_iter().zip(slot_keys) {
            vault = vault.with_slot(slot_key.wrap(id, &key, &seed)?);
            directory = directory.with(Listed { lead_id: id, name: lead.name.clone(), role: lead.role.clone() });
            signers.push((id, seed));
        }
        let vault = slots::with_directory(vault, &directory, &laptop)?;
        store.close_as_one_file().await?;
        vault::file::write(&staging, &vault)?;
        // The secret is in the keyring before the records are in place, so records that are
        // in place always open on this laptop.
        keys.save(&vault::keyring::laptop_account(&installation_id), &laptop)?;
        staging::commit(&self.data_dir)?;
        let store = Store::open(&self.db_path(), &key, OpenMode::Existing).await?;
        for (lead_id, seed) in signers {
            store.sign_as(Signer::new(lead_id, &seed));
        }
        Ok(store)
    }

    /// Removes what a failed set-up or restore wrote; used only on a folder that was empty.
    pub(crate) fn remove_partial_setup(&self) {
        for name in [
            store::DB_FILE,
            "cp-tracker.db-wal",
            "cp-tracker.db-shm",
            vault::file::VAULT_FILE,
            crate::audit::anchor::ANCHOR_FILE,
        ] {
            let _ = std::fs::remove_file(self.data_dir.join(name));
        }
        staging::remove(&self.data_dir);
    }

    /// Unwraps the database key with the recovery key, proves it opens the database, and puts
    /// the laptop secret (which it unwraps) back into this computer's password store, so every
    /// lead's passphrase works again. Wrong keys are counted and slowed down (`attempts`) and,
    /// once a right one opens the records, audited. A format 1 folder gets its database key
    /// back in the keyring, and moves to format 2 when it next opens.
    pub async fn recover(
        &self,
        vault: &VaultFile,
        recovery: &RecoveryKey,
        keys: &dyn KeyStore,
        now: DateTime<Utc>,
    ) -> Result<Store> {
        if vault.shared.is_some() {
            return self.recover_shared(vault, recovery, keys, now).await;
        }
        let record = vault.recovery()?;
        let refused = attempts::take_recovery(&self.data_dir, now)?;
        let secrets = recovery_secrets(recovery, &vault.salt()?, &record.kdf).await?;
        let key = secrets.unwrap(&record.wrapped_key, &vault.installation_id)?;
        let (account, secret) = match &vault.laptop_secret {
            Some(wrapped) => (
                vault::keyring::laptop_account(&vault.installation_id),
                vault::slot::unwrap_laptop_secret(&key, wrapped)?,
            ),
            None => (vault::keyring::legacy_account(&vault.installation_id), key.clone()),
        };
        let store = Store::open(&self.db_path(), &key, OpenMode::Existing).await?;
        let backup_key = secrets.backup_key()?;
        let written = write::run(&store, Actor::System, now, async |w| {
            sql::store_backup_key(&mut w.sql(), &backup_key).await?;
            // The backup key and the record it belongs to stay together (`rotate.rs`).
            sql::store_recovery_record(&mut w.sql(), record).await?;
            if refused > 0 {
                let at = w.at().to_owned();
                // How many, not what was typed.
                w.audit_entry(Entry::new(at, Actor::System, Action::RecoveryKeyRefused).record("attempts", refused))
                    .await?;
            }
            w.audit_entry(Entry::new(w.at().to_owned(), Actor::System, Action::Recovered)).await
        })
        .await;
        if let Err(e) = written {
            store.close().await;
            return Err(e);
        }
        attempts::clear_recovery(&self.data_dir);
        keys.save(&account, &secret)?;
        self.with_key_check(vault.clone(), &secret);
        Ok(store)
    }
}

/// `key` wrapped under `recovery` with a fresh salt at today's cost, and the secrets it was
/// wrapped with (which also give the backup key).
pub(crate) async fn recovery_record(
    recovery: &RecoveryKey,
    key: &DbKey,
    installation_id: &str,
) -> Result<(RecoveryRecord, RecoverySecrets)> {
    let mut salt = [0u8; 16];
    vault::key::fill_random(&mut salt)?;
    let kdf = KdfParams::default();
    let secrets = recovery_secrets(recovery, &salt, &kdf).await?;
    let wrapped_key = secrets.wrap(key, installation_id)?;
    Ok((RecoveryRecord { salt: hex::encode(salt), kdf, wrapped_key }, secrets))
}

/// Argon2id at 64 MiB takes a noticeable fraction of a second: off the async threads.
pub async fn recovery_secrets(recovery: &RecoveryKey, salt: &[u8], kdf: &KdfParams) -> Result<RecoverySecrets> {
    let recovery = recovery.clone();
    let (salt, kdf) = (salt.to_vec(), kdf.clone());
    tokio::task::spawn_blocking(move || RecoverySecrets::derive(&recovery, &salt, &kdf))
        .await
        .map_err(|_| Error::internal("Processing the recovery key failed."))?
}

pub(crate) fn new_installation_id() -> Result<String> {
    let mut id = [0u8; 16];
    vault::key::fill_random(&mut id)?;
    Ok(hex::encode(id))
}
