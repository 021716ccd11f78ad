//! Signing a lead in. The lead's passphrase and this laptop's secret (from the keyring) open
//! the lead's key slot in `vault.json`; the database key it gives opens the records. Nothing
//! opens them before this, so the sign-in screen is drawn from `vault.json` alone, and the
//! attempts are counted outside the database (`attempts`), before each check.

use chrono::{DateTime, Utc};

use super::Installation;
use super::attempts::{self, Unaudited, describe_wait};
use crate::audit::{Action, Actor, Entry};
use crate::auth::lockout;
use crate::clock::stamp;
use crate::leads::{self, Lead};
use crate::store::Store;
use crate::vault::{self, DbKey, Directory, KeyStore, Signer, SlotContents, VaultFile};
use crate::{Error, ErrorCode, Result, write};

/// The records, opened for a lead.
pub struct Unlocked {
    pub store: Store,
    /// Kept by the session to wrap the slots of leads added while it lasts; wiped on drop.
    pub key: DbKey,
    pub lead: Lead,
    /// As it is after the sign-in (a slot made, stale ones dropped).
    pub vault: VaultFile,
}

/// The leads who can sign in on this laptop, by name, for the sign-in screen.
pub fn sign_in_list(vault: &VaultFile, directory: &Directory) -> Vec<Lead> {
    let mut leads: Vec<Lead> = directory
        .leads
        .iter()
        .filter(|l| vault.can_sign_in(l.lead_id))
        .map(|l| Lead { id: l.lead_id, name: l.name.clone(), role: l.role.clone(), active: true })
        .collect();
    leads.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.id.cmp(&b.id)));
    leads
}

/// A wrong passphrase: what the lead is told, with the wait it has earned.
pub fn refused(wait: i64) -> Error {
    let message = match wait {
        0 => "The passphrase is not right. Check it and try again.".to_owned(),
        wait => format!(
            "The passphrase is not right. Because of repeated wrong passphrases, wait {} before trying again.",
            describe_wait(wait)
        ),
    };
    Error::new(ErrorCode::SignInRefused, message)
}

impl Installation {
    /// Opens the records for `lead_id` if `typed` is their passphrase, and audits the sign-in
    /// (with the wrong passphrases typed since the records were last open).
    pub async fn sign_in(
        &self,
        vault: &VaultFile,
        keys: &dyn KeyStore,
        lead_id: i64,
        typed: &str,
        now: DateTime<Utc>,
    ) -> Result<Unlocked> {
        let (SlotContents { data_key: key, signing_seed }, unaudited) = self
            .try_passphrase(vault, keys, lead_id, typed, now, None, Action::SignInFailed)
            .await?
            .map_err(refused)?;
        let store = self.open_records(vault, &key).await?;
        if let Some(seed) = &signing_seed {
            store.sign_as(Signer::new(lead_id, seed));
        }
        let signed_in = async {
            let (lead, vault) = self.after_sign_in(&store, &key, vault, keys, lead_id, typed, unaudited, now).await?;
            let vault =
                self.after_shared_sign_in(&store, &key, vault, keys, lead_id, typed, signing_seed.as_ref()).await?;
            Ok((lead, vault))
        };
        match signed_in.await {
            Ok((lead, vault)) => Ok(Unlocked { store, key, lead, vault }),
            Err(e) => {
                store.close().await;
                Err(e)
            }
        }
    }

    /// The lead who locked the app proves their passphrase again; the records stay open.
    pub async fn unlock(
        &self,
        store: &Store,
        vault: &VaultFile,
        keys: &dyn KeyStore,
        lead_id: i64,
        typed: &str,
        now: DateTime<Utc>,
    ) -> Result<Lead> {
        let (_, unaudited) = self
            .try_passphrase(vault, keys, lead_id, typed, now, Some(store), Action::SignInFailed)
            .await?
            .map_err(refused)?;
        let lead = active_lead(store, lead_id).await?;
        audit_sign_in(store, lead_id, unaudited, now).await?;
        Ok(lead)
    }

    /// Whether `typed` opens the lead's slot: `Ok(Ok(key))` if so, `Ok(Err(wait))` if not
    /// (the seconds the next attempt must wait). The attempt is counted before the check, and
    /// a wrong one is audited as `failure` at once when the records are `open`, else at the
    /// next sign-in.
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn try_passphrase(
        &self,
        vault: &VaultFile,
        keys: &dyn KeyStore,
        lead_id: i64,
        typed: &str,
        now: DateTime<Utc>,
        open: Option<&Store>,
        failure: Action,
    ) -> Result<std::result::Result<(SlotContents, Unaudited), i64>> {
        attempts::take_sign_in(&self.data_dir, lead_id, now)?;
        // Shared mode: counted across the organisation's laptops too.
        let desk = match self.desk_take(vault, keys, lead_id, now).await {
            Ok(desk) => desk,
            Err(e) => {
                attempts::forget_sign_in(&self.data_dir, lead_id)?;
                return Err(e);
            }
        };
        let released = self.release(vault, keys, lead_id, typed).await;
        let server_wait = match desk {
            Some((desk, failed)) => {
                let wait = match &released {
                    Ok(Some(_)) => {
                        if let Err(e) = desk.right(lead_id).await {
                            // Not settled at the desk: the attempt stays counted there as a failure.
                            tracing::warn!(error = %e.message, "an attempt was not settled at the sign-in desk");
                        }
                        0
                    }
                    // This failure's wait, as the desk now counts it (this attempt, now).
                    Ok(None) => lockout::wait_seconds(failed + 1, Some(now), now),
                    Err(_) => 0,
                };
                desk.close().await;
                wait
            }
            None => 0,
        };
        let released = match released {
            Ok(released) => released,
            Err(e) => {
                // Not the lead's mistake (a locked keyring, a damaged slot): not held against them.
                attempts::forget_sign_in(&self.data_dir, lead_id)?;
                return Err(e);
            }
        };
        if let Some(contents) = released {
            let (_, unaudited) = attempts::settle_sign_in(&self.data_dir, lead_id, true, false, now)?;
            return Ok(Ok((contents, unaudited)));
        }
        let (wait, _) = attempts::settle_sign_in(&self.data_dir, lead_id, false, open.is_none(), now)?;
        let wait = wait.max(server_wait);
        if let Some(store) = open {
            // A wrong passphrase is the installation's record, not the lead's: nobody proved who typed it.
            write::run(store, Actor::System, now, async |w| w.audit(failure, "lead", lead_id).await).await?;
        }
        Ok(Err(wait))
    }

    /// What the lead's slot holds, or `None` for a wrong passphrase (or a lead with no way in
    /// on this laptop).
    async fn release(
        &self,
        vault: &VaultFile,
        keys: &dyn KeyStore,
        lead_id: i64,
        typed: &str,
    ) -> Result<Option<SlotContents>> {
        if vault.awaiting_slot.contains(&lead_id) {
            let key = self.release_awaiting(vault, keys, lead_id, typed).await?;
            return Ok(key.map(|data_key| SlotContents { data_key, signing_seed: None }));
        }
        let typed = zeroize::Zeroizing::new(typed.to_owned());
        if let Some(slot) = vault.slot(lead_id).cloned() {
            let laptop = self.laptop_secret(vault, keys)?;
            return tokio::task::spawn_blocking(move || slot.open(&typed, &laptop))
                .await
                .map_err(|_| Error::internal("Checking the passphrase failed."))?;
        }
        // A joined laptop, before the lead's first sign-in on it.
        let Some(pending) = vault.pending(lead_id).cloned() else { return Ok(None) };
        let laptop = self.laptop_secret(vault, keys)?;
        tokio::task::spawn_blocking(move || vault::server_slot::open_pending(&pending, &laptop, &typed))
            .await
            .map_err(|_| Error::internal("Checking the passphrase failed."))?
    }

    #[allow(clippy::too_many_arguments)]
    async fn after_sign_in(
        &self,
        store: &Store,
        key: &DbKey,
        vault: &VaultFile,
        keys: &dyn KeyStore,
        lead_id: i64,
        typed: &str,
        unaudited: Unaudited,
        now: DateTime<Utc>,
    ) -> Result<(Lead, VaultFile)> {
        let lead = active_lead(store, lead_id).await?;
        audit_sign_in(store, lead_id, unaudited, now).await?;
        let vault = self.reconcile(store, vault.clone()).await?;
        let vault = self.reconcile_slots(store, vault, keys).await?;
        let vault = self.give_slot(store, key, vault, keys, &lead, typed, now).await?;
        Ok((lead, vault))
    }
}

/// A slot left for a lead who is no longer active opens nothing.
async fn active_lead(store: &Store, lead_id: i64) -> Result<Lead> {
    match leads::find_lead(store, lead_id).await {
        Ok(lead) if lead.active => Ok(lead),
        Ok(_) | Err(Error { code: ErrorCode::NotFound, .. }) => Err(refused(0)),
        Err(e) => Err(e),
    }
}

/// The sign-in, after the wrong passphrases typed while the records were closed (who and
/// when; what was typed is never kept).
async fn audit_sign_in(store: &Store, lead_id: i64, unaudited: Unaudited, now: DateTime<Utc>) -> Result<()> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        for refused in &unaudited.refused {
            let entry =
                Entry::new(stamp(refused.at), Actor::System, Action::SignInFailed).record("lead", refused.lead_id);
            w.audit_entry(entry).await?;
        }
        if unaudited.dropped > 0 {
            let entry = Entry::new(w.at().to_owned(), Actor::System, Action::SignInFailed)
                .record("attempts", unaudited.dropped);
            w.audit_entry(entry).await?;
        }
        w.audit_entry(Entry::new(w.at().to_owned(), Actor::Lead(lead_id), Action::SignIn)).await
    })
    .await
}
