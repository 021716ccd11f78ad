//! The leads' key slots follow the leads: a lead added gets one, a lead deactivated loses
//! theirs, a new passphrase rewraps the lead's own. Each change is made by a signed-in lead,
//! whose session holds the database key to wrap. `vault.json` is written inside the database
//! write that audits the change, so an error in either leaves both as they were; a slot left
//! for a lead the database does not hold as active (a commit that failed after the vault was
//! written, a deactivation whose vault write failed) opens nothing, as sign-in checks the lead
//! is active, and is removed at the next sign-in (`reconcile_slots`).

use chrono::{DateTime, Utc};

use super::Installation;
use crate::audit::Action;
use crate::auth::passphrase;
use crate::leads;
use crate::leads::rules::{NewLead, validate_new_lead};
use crate::store::Store;
use crate::vault::{self, DbKey, Directory, KeyStore, Listed, Signer, SlotKey, VaultFile};
use crate::{Error, ErrorCode, FieldError, Result};

/// Argon2 takes tens of milliseconds of CPU: off the async threads.
pub(super) async fn slot_key(passphrase: &str, laptop: &DbKey) -> Result<SlotKey> {
    let (passphrase, laptop) = (zeroize::Zeroizing::new(passphrase.to_owned()), laptop.clone());
    tokio::task::spawn_blocking(move || SlotKey::fresh(&passphrase, &laptop))
        .await
        .map_err(|_| Error::internal("Protecting the passphrase failed."))?
}

/// The directory sealed in `vault`, opened with the laptop secret already read.
fn open_directory(vault: &VaultFile, laptop: &DbKey) -> Result<Directory> {
    match &vault.directory {
        Some(sealed) => Directory::open(laptop, sealed),
        None => Ok(Directory::default()),
    }
}

/// `vault` with `directory` sealed into it.
pub(super) fn with_directory(vault: VaultFile, directory: &Directory, laptop: &DbKey) -> Result<VaultFile> {
    Ok(VaultFile { directory: Some(directory.seal(laptop)?), ..vault })
}

impl Installation {
    /// Who can sign in on this laptop, from `vault.json`, for the sign-in screen.
    pub fn directory(&self, vault: &VaultFile, keys: &dyn KeyStore) -> Result<Directory> {
        open_directory(vault, &self.laptop_secret(vault, keys)?)
    }

    /// This laptop's secret, which every slot needs besides the passphrase.
    pub(super) fn laptop_secret(&self, vault: &VaultFile, keys: &dyn KeyStore) -> Result<DbKey> {
        if vault.key_in_keyring() {
            return Err(Error::internal("This data folder has not moved to key slots yet."));
        }
        self.keyring_secret(vault, keys)?.ok_or_else(|| {
            Error::new(
                ErrorCode::KeyMissing,
                "This laptop's password store no longer holds CP Tracker's key. Close CP Tracker and open it \
                 again to recover access with your recovery key.",
            )
        })
    }

    /// Adds a lead with their slot. Returns the vault as it now is.
    #[allow(clippy::too_many_arguments)]
    pub async fn add_lead(
        &self,
        store: &Store,
        vault: &VaultFile,
        key: &DbKey,
        keys: &dyn KeyStore,
        by: i64,
        lead: &NewLead,
        now: DateTime<Utc>,
    ) -> Result<VaultFile> {
        let lead = validate_new_lead(lead)?;
        let laptop = self.laptop_secret(vault, keys)?;
        let directory = open_directory(vault, &laptop)?;
        let slot_key = slot_key(&lead.passphrase, &laptop).await?;
        // Theirs alone: wrapped into their slot, never held by the lead who adds them.
        let (signer, seed) = Signer::generate(0)?;
        let server_key = match vault.shared {
            Some(_) => Some(crate::shared::organisation::server_slot_key(&lead.passphrase).await?),
            None => None,
        };
        let mut updated = None;
        leads::add_lead(store, by, &lead, &signer.public_hex(), now, async |w, id, lead| {
            let listed = Listed { lead_id: id, name: lead.name.clone(), role: lead.role.clone() };
            let mut slot = slot_key.wrap(id, key, &seed)?;
            if let Some(server_key) = &server_key {
                // Their way in from the organisation's other laptops.
                let server = server_key.wrap(id, &seed)?;
                let at = w.at().to_owned();
                crate::shared::lead_slots::put(&mut w.sql(), &server, &at).await?;
                slot.server_salt = Some(server.salt);
            }
            let with = with_directory(vault.with_slot(slot), &directory.with(listed), &laptop)?;
            vault::file::write(&self.data_dir, &with)?;
            updated = Some(with);
            Ok(())
        })
        .await?;
        updated.ok_or_else(|| Error::internal("The new lead's key slot was not kept."))
    }

    /// Deactivates a lead and removes their slot. Returns the vault as it now is.
    pub async fn deactivate_lead(
        &self,
        store: &Store,
        vault: &VaultFile,
        keys: &dyn KeyStore,
        by: i64,
        lead_id: i64,
        now: DateTime<Utc>,
    ) -> Result<VaultFile> {
        leads::deactivate_lead(store, by, lead_id, now).await?;
        self.keep_only(vault.clone(), keys, |id| id != lead_id)
    }

    /// The signed-in lead changes their own passphrase, proving the current one first (counted
    /// and audited like a sign-in: whoever is at the unlocked laptop may not be the lead).
    #[allow(clippy::too_many_arguments)]
    pub async fn change_passphrase(
        &self,
        store: &Store,
        vault: &VaultFile,
        key: &DbKey,
        keys: &dyn KeyStore,
        lead_id: i64,
        current: &str,
        new: &str,
        now: DateTime<Utc>,
    ) -> Result<VaultFile> {
        if let Some(e) = passphrase::check("newPassphrase", new) {
            return Err(Error::fields(vec![e]));
        }
        let tried = self.try_passphrase(vault, keys, lead_id, current, now, Some(store), Action::PassphraseRefused);
        let contents = match tried.await? {
            Ok((contents, _)) => contents,
            Err(wait) => {
                let message = if wait > 0 {
                    format!(
                        "Your current passphrase is not right. Because of repeated wrong passphrases, wait {} before trying again",
                        super::attempts::describe_wait(wait)
                    )
                } else {
                    "Your current passphrase is not right".to_owned()
                };
                return Err(Error::fields(vec![FieldError::new("currentPassphrase", message)]));
            }
        };
        let seed = match contents.signing_seed {
            Some(seed) => seed,
            None => store.signer(lead_id).ok_or_else(|| Error::internal("Your signing key is not at hand."))?.seed()?,
        };
        let slot_key = slot_key(new, &self.laptop_secret(vault, keys)?).await?;
        let mut slot = slot_key.wrap(lead_id, key, &seed)?;
        // Shared mode: the new passphrase is theirs on every laptop (the others replace the
        // slot the old one opens when the lead next signs in there).
        let server = match vault.shared {
            Some(_) => Some(crate::shared::organisation::server_slot_key(new).await?.wrap(lead_id, &seed)?),
            None => None,
        };
        slot.server_salt = server.as_ref().map(|s| s.salt.clone());
        let updated = vault.with_slot(slot);
        leads::record_passphrase_change(store, lead_id, now, async |w| {
            if let Some(server) = &server {
                let at = w.at().to_owned();
                crate::shared::lead_slots::put(&mut w.sql(), server, &at).await?;
            }
            vault::file::write(&self.data_dir, &updated)
        })
        .await?;
        Ok(updated)
    }

    /// The lead's signing seed from their slot on this laptop, proving `passphrase` as a
    /// sign-in does (counted, and a wrong one audited): moving the records to the
    /// organisation's server gives each lead a way in there, which needs both.
    pub async fn lead_seed(
        &self,
        store: &Store,
        vault: &VaultFile,
        keys: &dyn KeyStore,
        lead_id: i64,
        passphrase: &str,
        now: DateTime<Utc>,
    ) -> Result<DbKey> {
        let tried = self.try_passphrase(vault, keys, lead_id, passphrase, now, Some(store), Action::SignInFailed);
        match tried.await? {
            Ok((contents, _)) => contents.signing_seed.ok_or_else(|| {
                Error::invalid("This lead has not signed in since signing keys came in: they sign in once first.")
            }),
            Err(wait) => Err(super::refused(wait)),
        }
    }

    /// Drops the slots of leads who are no longer active (see the module's note).
    pub(super) async fn reconcile_slots(
        &self,
        store: &Store,
        vault: VaultFile,
        keys: &dyn KeyStore,
    ) -> Result<VaultFile> {
        let active: Vec<i64> = leads::list_leads(store).await?.into_iter().filter(|l| l.active).map(|l| l.id).collect();
        self.keep_only(vault, keys, |id| active.contains(&id))
    }

    /// `vault` with only the slots and names of the leads `keep` keeps, written if that
    /// changed anything. The names are written with the slots, so while no slot goes the
    /// keyring is not read (this runs at every sign-in).
    fn keep_only(&self, vault: VaultFile, keys: &dyn KeyStore, keep: impl Fn(i64) -> bool) -> Result<VaultFile> {
        let mut kept = vault.clone();
        kept.slots.retain(|s| keep(s.lead_id));
        kept.awaiting_slot.retain(|id| keep(*id));
        kept.pending.retain(|p| keep(p.lead_id));
        if let Some(link) = &mut kept.shared {
            link.pending.retain(|p| keep(p.lead_id));
        }
        if kept == vault {
            return Ok(vault);
        }
        let laptop = self.laptop_secret(&vault, keys)?;
        let mut directory = open_directory(&vault, &laptop)?;
        directory.leads.retain(|l| keep(l.lead_id));
        let kept = with_directory(kept, &directory, &laptop)?;
        vault::file::write(&self.data_dir, &kept)?;
        Ok(kept)
    }
}
