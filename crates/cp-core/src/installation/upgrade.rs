//! Folders from before key slots (`vault.json` format 1) kept the database key itself in the
//! keyring, so anything that could read the keyring could read the records. Such a folder
//! moves to key slots when it opens: a laptop secret is made and kept in the keyring, wrapped
//! by the database key in `vault.json`, and every active lead is listed as awaiting a slot.
//! No slot can be made without its lead's passphrase, so the database key stays in the
//! keyring until each of them has signed in once (checked against their Argon2 hash from
//! before, which their slot then replaces), and goes with the last.

use super::{Installation, Opened, slots::slot_key};
use crate::auth::passphrase;
use crate::leads::{self, Lead};
use crate::store::{OpenMode, Store};
use crate::vault::file::FORMAT_KEY_IN_KEYRING;
use crate::vault::keyring::{laptop_account, legacy_account};
use crate::vault::{self, DbKey, Directory, KeyStore, Listed, Signer, VaultFile};
use crate::{Error, ErrorCode, Result, write};

impl Installation {
    pub(super) async fn upgrade(&self, vault: VaultFile, keys: &dyn KeyStore) -> Result<Opened> {
        let Some(key) = self.keyring_secret(&vault, keys)? else { return Ok(Opened::NeedsRecovery(vault)) };
        let store = Store::open(&self.db_path(), &key, OpenMode::Existing).await?;
        let read =
            async { Ok::<_, Error>((leads::organisation_name(&store).await?, leads::list_leads(&store).await?)) };
        let read = read.await;
        store.close().await;
        let (organisation, all) = read?;
        let laptop = DbKey::generate()?;
        let active: Vec<Lead> = all.into_iter().filter(|l| l.active).collect();
        let directory = Directory {
            organisation,
            leads: active
                .iter()
                .map(|l| Listed { lead_id: l.id, name: l.name.clone(), role: l.role.clone() })
                .collect(),
        };
        let upgraded = VaultFile {
            format: FORMAT_KEY_IN_KEYRING + 1,
            key_check: Some(laptop.check_value(&vault.installation_id)),
            directory: Some(directory.seal(&laptop)?),
            laptop_secret: Some(vault::slot::wrap_laptop_secret(&key, &laptop)?),
            slots: Vec::new(),
            awaiting_slot: active.iter().map(|l| l.id).collect(),
            ..vault
        };
        // The secret is in the keyring before vault.json names it; if the app stops between
        // the two, the folder is still format 1 and moves again at the next start.
        keys.save(&laptop_account(&upgraded.installation_id), &laptop)?;
        vault::file::write(&self.data_dir, &upgraded)?;
        tracing::info!("the data folder moved to key slots; each lead's slot is made at their next sign-in");
        Ok(Opened::Ready(upgraded))
    }

    /// A lead awaiting a slot: their passphrase checked against their hash from before, with
    /// the database key still in the keyring.
    pub(super) async fn release_awaiting(
        &self,
        vault: &VaultFile,
        keys: &dyn KeyStore,
        lead_id: i64,
        typed: &str,
    ) -> Result<Option<DbKey>> {
        let key = keys.load(&legacy_account(&vault.installation_id))?.ok_or_else(|| {
            Error::new(
                ErrorCode::KeyMissing,
                "This laptop's password store no longer holds the key you need to sign in for the first time since \
                 CP Tracker was updated. Ask another lead to add you again, or recover with the recovery key.",
            )
        })?;
        let store = Store::open(&self.db_path(), &key, OpenMode::Existing).await?;
        let hash = leads::sql::passphrase_hash(&store, lead_id).await;
        store.close().await;
        let Some(hash) = hash? else { return Ok(None) };
        let typed = zeroize::Zeroizing::new(typed.to_owned());
        let right = tokio::task::spawn_blocking(move || passphrase::verify(&typed, &hash))
            .await
            .map_err(|_| Error::internal("Checking the passphrase failed."))?;
        Ok(right.then_some(key))
    }

    /// Makes the slot of a lead who was awaiting one (or whose slot has no signing key yet),
    /// from the passphrase they have just proved, with a new signing key kept in the records
    /// from now on; their old hash goes, and with the last lead awaiting a slot the database
    /// key leaves the keyring. Returns the vault as it now is.
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn give_slot(
        &self,
        store: &Store,
        key: &DbKey,
        vault: VaultFile,
        keys: &dyn KeyStore,
        lead: &Lead,
        typed: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<VaultFile> {
        let awaiting = vault.awaiting_slot.contains(&lead.id);
        if !awaiting && vault.slot(lead.id).is_none_or(|s| s.signing_key.is_some()) {
            return Ok(vault);
        }
        let slot_key = slot_key(typed, &self.laptop_secret(&vault, keys)?).await?;
        let (signer, seed) = Signer::generate(lead.id)?;
        let with = vault.with_slot(slot_key.wrap(lead.id, key, &seed)?);
        write::run(store, crate::audit::Actor::Lead(lead.id), now, async |w| {
            leads::sql::set_passphrase_hash(&mut w.sql(), lead.id, leads::IN_KEY_SLOT).await?;
            if leads::sql::signing_key(&mut w.sql(), lead.id).await?.is_none() {
                leads::sql::insert_signing_key(&mut w.sql(), lead.id, &signer.public_hex()).await?;
            } else {
                // Kept once: a slot that lost its key cannot be given another, and the lead's
                // rows from now on will show as not signed by their key (`audit::verify`).
                tracing::warn!("a lead's slot had no signing key, but the records already hold one for them");
            }
            vault::file::write(&self.data_dir, &with)
        })
        .await?;
        store.sign_as(signer);
        if awaiting && with.awaiting_slot.is_empty() {
            keys.delete(&legacy_account(&with.installation_id))?;
            tracing::info!("every lead has a key slot; the database key has left the keyring");
        }
        Ok(with)
    }
}
