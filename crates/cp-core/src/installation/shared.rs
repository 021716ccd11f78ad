//! A laptop in shared mode: its data folder holds `vault.json` alone, and the records are on
//! the organisation's PostgreSQL. Everything else about the folder is as in local mode: the
//! laptop secret in the keyring, the leads' names sealed under it, a key slot per lead that
//! only their passphrase and this laptop open. What a slot releases here is this laptop's own
//! database password (32 random bytes, sent as hex) in place of a database key, so a program
//! on the laptop reaches the records only with a lead's passphrase.
//!
//! Joining (`join`) takes the one-time code whoever runs the database printed: it signs in
//! with the code's password, replaces it with the laptop's own (so the code works once), and
//! keeps for each lead their server slot with the new password sealed to them
//! (`vault::server_slot`), until their first sign-in here makes an ordinary slot.

use chrono::{DateTime, Utc};
use zeroize::Zeroizing;

use super::join_input::JoinInput;
use super::{Installation, new_installation_id, slots};
use crate::audit::{Action, Actor};
use crate::clock::stamp;
use crate::leads;
use crate::paths::create_private_dir;
use crate::shared::desk::{self, Desk};
use crate::shared::devices::{quoted, verifier};
use crate::shared::{ServerAddress, connect, lead_slots};
use crate::store::Store;
use crate::store::db::query_composed;
use crate::vault::{
    self, DbKey, Directory, KeyStore, Listed, RecoveryKey, SharedLink, SharedRecovery, VaultFile, server_slot,
};
use crate::{Error, ErrorCode, Result, write};

/// Connections a laptop keeps open to the server: the screens read a few things at once.
const POOL_SIZE: u32 = 4;

impl SharedLink {
    fn address(&self, password: &DbKey) -> ServerAddress {
        ServerAddress {
            host: self.host.clone(),
            port: self.port,
            database: self.database.clone(),
            role: self.role.clone(),
            password: password_text(password),
            ca_pem: self.ca_pem.as_ref().map(|pem| pem.as_bytes().to_vec()),
        }
    }
}

fn password_text(password: &DbKey) -> Zeroizing<String> {
    Zeroizing::new(hex::encode(password.as_bytes()))
}

impl Installation {
    /// Enrols this laptop with the code whoever runs the database gave for it. Only into an
    /// empty data folder; if any step fails, the folder and the keyring are left as they were
    /// and the code still works (unless the server took the new password and the answer was
    /// lost: then a new code is needed, as the message says).
    pub async fn join(&self, input: &JoinInput, keys: &dyn KeyStore, now: DateTime<Utc>) -> Result<VaultFile> {
        let (address, code) = input.checked()?;
        if vault::file::read(&self.data_dir)?.is_some() || self.db_path().exists() {
            return Err(Error::new(
                ErrorCode::AlreadySetUp,
                "CP Tracker is already set up in this data folder. A laptop joins its organisation's database only \
                 from an empty one.",
            ));
        }
        let pool = connect(&address, 2).await.map_err(|e| match e.code {
            ErrorCode::ServerCredentials => Error::new(
                ErrorCode::ServerCredentials,
                "Your organisation's database did not accept this enrolment code. A code works once: check it, or \
                 ask whoever runs the database for a new one.",
            ),
            _ => e,
        })?;
        let store = Store::open_shared(pool, None).await?;
        let installation_id = new_installation_id()?;
        let desk = take_desk(&address, &code, &installation_id, keys).await;
        let result = match desk {
            Ok(desk_role) => self.join_with(&store, &address, &installation_id, desk_role, keys, now).await,
            Err(e) => Err(e),
        };
        store.close().await;
        if result.is_err() {
            let _ = std::fs::remove_file(vault::file::path(&self.data_dir));
            let _ = keys.delete(&vault::keyring::laptop_account(&installation_id));
            let _ = keys.delete(&vault::keyring::desk_account(&installation_id));
        }
        result
    }

    async fn join_with(
        &self,
        store: &Store,
        address: &ServerAddress,
        installation_id: &str,
        desk_role: Option<String>,
        keys: &dyn KeyStore,
        now: DateTime<Utc>,
    ) -> Result<VaultFile> {
        // The laptop's name stays on the server: `vault.json` names nobody.
        let device: Option<i64> =
            sqlx::query_scalar("SELECT id FROM devices WHERE role_name = current_user::text AND revoked_at IS NULL")
                .fetch_optional(store.server_pool().ok_or_else(|| Error::internal("Not a shared store."))?)
                .await
                .map_err(crate::store::server_error)?;
        let Some(device_id) = device else {
            return Err(Error::new(
                ErrorCode::DeviceRevoked,
                "This enrolment code's laptop has been withdrawn. Ask whoever runs the database for a new code.",
            ));
        };
        let (laptop, password) = (DbKey::generate()?, DbKey::generate()?);
        let link = SharedLink {
            host: address.host.clone(),
            port: address.port,
            database: address.database.clone(),
            role: address.role.clone(),
            ca_pem: address.ca_pem.as_ref().map(|pem| String::from_utf8_lossy(pem).into_owned()),
            pending: Vec::new(),
            desk_role,
            recovery: match crate::shared::recovery::public(store).await? {
                Some(public) => {
                    Some(SharedRecovery { sealed: server_slot::seal_to(&public.box_public, &password)?, ..public })
                }
                None => None,
            },
        };
        let vault = vault::file::joined_vault(
            installation_id.to_owned(),
            stamp(now),
            laptop.check_value(installation_id),
            vault::slot::wrap_laptop_secret(&password, &laptop)?,
            link,
        );
        let vault = self.refreshed(store, vault, &laptop, &password).await?;
        if vault.shared.as_ref().is_none_or(|l| l.pending.is_empty()) {
            return Err(Error::new(
                ErrorCode::NotSetUp,
                "No lead can sign in to your organisation's database yet. Whoever runs it adds the first lead with \
                 `cp-tracker-admin shared init`.",
            ));
        }
        create_private_dir(&self.data_dir)?;
        let new_password = verifier(&password_text(&password));
        // The new password, the audit row, the keyring and vault.json: all of them or none.
        // ALTER ROLE is transactional, so until the commit the code's password still works.
        write::run(store, Actor::System, now, async |w| {
            query_composed(format!("ALTER ROLE {} PASSWORD '{new_password}'", quoted(&address.role)))
                .execute(&mut w.sql())
                .await?;
            w.audit(Action::DeviceJoined, "device", device_id).await?;
            keys.save(&vault::keyring::laptop_account(installation_id), &laptop)?;
            vault::file::write(&self.data_dir, &vault)
        })
        .await
        .map_err(|e| match e.code {
            ErrorCode::SaveUnconfirmed => Error::new(
                ErrorCode::SaveUnconfirmed,
                "The connection to your organisation's database was lost as this laptop joined, so it is not known \
                 whether the enrolment code was used. Ask whoever runs the database for a new code.",
            ),
            _ => e,
        })?;
        Ok(vault)
    }

    /// `vault` brought up to date with the server: the leads' names, and for each active lead
    /// with a server slot a way in here. A lead with none gets a pending one; a lead who chose
    /// a new passphrase on another laptop (their server slot has another salt) gets a pending
    /// one from the new slot in place of what the old passphrase opened. (Leads no longer
    /// active lose theirs in `reconcile_slots`.)
    async fn refreshed(&self, store: &Store, vault: VaultFile, laptop: &DbKey, password: &DbKey) -> Result<VaultFile> {
        let Some(mut link) = vault.shared.clone() else { return Ok(vault) };
        let mut slots = vault.slots.clone();
        for server in lead_slots::of_active_leads(store).await? {
            let id = server.lead_id;
            let local_stale = vault.slot(id).is_some_and(|s| s.server_salt.as_ref().is_some_and(|x| *x != server.salt));
            let pending_stale = vault.pending(id).is_some_and(|p| p.server_salt != server.salt);
            if local_stale || pending_stale || !vault.can_sign_in(id) {
                slots.retain(|s| s.lead_id != id);
                link.pending.retain(|p| p.lead_id != id);
                link.pending.push(server_slot::pending(&server, password, laptop)?);
            }
        }
        let active: Vec<leads::Lead> = leads::list_leads(store).await?.into_iter().filter(|l| l.active).collect();
        let listed: Vec<Listed> =
            active.iter().map(|l| Listed { lead_id: l.id, name: l.name.clone(), role: l.role.clone() }).collect();
        let directory = Directory { organisation: leads::organisation_name(store).await?, leads: listed };
        slots::with_directory(VaultFile { shared: Some(link), slots, ..vault }, &directory, laptop)
    }

    /// As a lead signs out of a joined laptop: the leads' names and ways in follow the server,
    /// so a lead added on another laptop meanwhile can sign in here next, without waiting for
    /// a lead's next sign-in here. Only a signed-in laptop can do this: its password, which a
    /// new lead's way in seals, is released by a passphrase alone. Written only when something
    /// changed.
    pub(crate) async fn follow_server(
        &self,
        store: &Store,
        vault: &VaultFile,
        password: &DbKey,
        keys: &dyn KeyStore,
    ) -> Result<VaultFile> {
        if vault.shared.is_none() {
            return Ok(vault.clone());
        }
        let laptop = self.laptop_secret(vault, keys)?;
        let updated = self.refreshed(store, vault.clone(), &laptop, password).await?;
        if updated != *vault {
            vault::file::write(&self.data_dir, &updated)?;
        }
        Ok(updated)
    }

    /// The records a lead's slot opened: the file in this folder, or the organisation's server.
    pub(super) async fn open_records(&self, vault: &VaultFile, key: &DbKey) -> Result<Store> {
        match &vault.shared {
            None => Store::open(&self.db_path(), key, crate::store::OpenMode::Existing).await,
            Some(link) => {
                let pool = connect(&link.address(key), POOL_SIZE).await?;
                Store::open_shared(pool, Some(&self.db_path())).await
            }
        }
    }

    /// After a sign-in on a joined laptop (or a folder restored from a backup of the server):
    /// the lead's pending way in becomes an ordinary slot
    /// (their passphrase and this laptop), and the leads' names and ways in follow the server.
    /// Written only when something changed.
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn after_shared_sign_in(
        &self,
        store: &Store,
        key: &DbKey,
        vault: VaultFile,
        keys: &dyn KeyStore,
        lead_id: i64,
        typed: &str,
        seed: Option<&DbKey>,
    ) -> Result<VaultFile> {
        // A folder restored from a server's backup has pending ways in too, and no server.
        if vault.shared.is_none() && vault.pending(lead_id).is_none() {
            return Ok(vault);
        }
        let laptop = self.laptop_secret(&vault, keys)?;
        let mut updated = vault.clone();
        if let (Some(pending), Some(seed)) = (vault.pending(lead_id), seed) {
            let slot_key = slots::slot_key(typed, &laptop).await?;
            let server_salt = vault.shared.as_ref().map(|_| pending.server_salt.clone());
            let slot = vault::Slot { server_salt, ..slot_key.wrap(lead_id, key, seed)? };
            updated = updated.with_slot(slot);
        }
        let updated = self.refreshed(store, updated, &laptop, key).await?;
        if updated != vault {
            vault::file::write(&self.data_dir, &updated)?;
        }
        if updated.slot(lead_id).is_none() {
            // What they typed opened the way in their old passphrase made; it is gone now.
            return Err(Error::new(
                ErrorCode::SignInRefused,
                "Your passphrase was changed on another laptop. Sign in with your new passphrase.",
            ));
        }
        Ok(updated)
    }
}

/// This laptop's sign-in desk: its password, from the code, replaced with the laptop's own
/// (kept in the keyring). The desk's role name, or `None` where the server gave the device no
/// desk (enrolled by an older `cp-tracker-admin`, or the code's desk already taken by a join
/// that failed after it): the laptop then counts attempts on itself only, as the log says.
async fn take_desk(
    address: &ServerAddress,
    code: &crate::shared::EnrolmentCode,
    installation_id: &str,
    keys: &dyn KeyStore,
) -> Result<Option<String>> {
    let role = crate::shared::devices::desk_role(&address.database, code.device_id);
    let at_desk = ServerAddress { role: role.clone(), password: desk::first_password(code), ..address.clone() };
    let desk = match Desk::open(&at_desk).await {
        Ok(desk) => desk,
        Err(e) if e.code == ErrorCode::ServerCredentials => {
            tracing::warn!("the laptop joins without a sign-in desk: its attempts are counted on it alone");
            return Ok(None);
        }
        Err(e) => return Err(e),
    };
    let password = DbKey::generate()?;
    let taken = desk.take_password(&role, &password).await;
    desk.close().await;
    taken?;
    keys.save(&vault::keyring::desk_account(installation_id), &password)?;
    Ok(Some(role))
}

impl Installation {
    /// Shared mode: this lead's attempt counted at the laptop's sign-in desk, across the
    /// organisation's laptops, or refused while the count makes them wait. The desk, to settle
    /// the attempt once checked, and the lead's failures there before this attempt; `None` in
    /// local mode or on a laptop without a desk.
    pub(super) async fn desk_take(
        &self,
        vault: &VaultFile,
        keys: &dyn KeyStore,
        lead_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<(Desk, i64)>> {
        let Some(link) = &vault.shared else { return Ok(None) };
        let Some(role) = &link.desk_role else { return Ok(None) };
        let Some(password) = keys.load(&vault::keyring::desk_account(&vault.installation_id))? else {
            tracing::warn!(
                "the sign-in desk's password is not in the keyring: attempts are counted on this laptop alone"
            );
            return Ok(None);
        };
        let address = ServerAddress { role: role.clone(), ..link.address(&password) };
        let desk = Desk::open(&address).await?;
        let counted = async {
            let (failed, last) = desk.count(lead_id).await?;
            let wait = crate::auth::lockout::wait_seconds(failed, last, now);
            if wait > 0 {
                return Err(Error::new(
                    ErrorCode::SignInDelayed,
                    format!(
                        "Too many wrong passphrases for you on your organisation's laptops. Wait {} before trying \
                         again.",
                        super::attempts::describe_wait(wait)
                    ),
                ));
            }
            desk.attempt(lead_id, now).await.map(|()| failed)
        }
        .await;
        match counted {
            Ok(failed) => Ok(Some((desk, failed))),
            Err(e) => {
                desk.close().await;
                Err(e)
            }
        }
    }
}

impl Installation {
    /// A joined laptop whose password store lost its secret: the organisation's recovery key
    /// releases the laptop's password (sealed to it at joining), which opens the records and
    /// gives back the laptop secret. Counted and audited as a laptop's own recovery is.
    pub(super) async fn recover_shared(
        &self,
        vault: &VaultFile,
        key: &RecoveryKey,
        keys: &dyn KeyStore,
        now: DateTime<Utc>,
    ) -> Result<Store> {
        let sealed = vault.shared.as_ref().and_then(|l| l.recovery.clone()).ok_or_else(|| {
            Error::new(
                ErrorCode::Invalid,
                "This laptop joined its organisation's database before it had a recovery key, so a recovery key \
                 cannot open it. Ask whoever runs the database for a new enrolment code and join this laptop again.",
            )
        })?;
        let refused = super::attempts::take_recovery(&self.data_dir, now)?;
        let salt =
            hex::decode(&sealed.salt).map_err(|_| Error::new(ErrorCode::KeyInvalid, "vault.json is damaged."))?;
        let secrets = crate::shared::recovery::secrets(key, &salt, &sealed.kdf).await?;
        let password = server_slot::unseal(&secrets.box_seed()?, &sealed.sealed).map_err(|_| {
            Error::new(
                ErrorCode::RecoveryKeyWrong,
                "That recovery key does not open this laptop's way into your organisation's records. Check it and try \
                 again.",
            )
        })?;
        let wrapped = vault.laptop_secret.as_ref().ok_or_else(|| Error::internal("A joined laptop has its secret."))?;
        let laptop = vault::slot::unwrap_laptop_secret(&password, wrapped)?;
        let store = self.open_records(vault, &password).await?;
        let written = write::run(&store, Actor::System, now, async |w| {
            if refused > 0 {
                let at = w.at().to_owned();
                w.audit_entry(
                    crate::audit::Entry::new(at, Actor::System, Action::RecoveryKeyRefused).record("attempts", refused),
                )
                .await?;
            }
            w.audit_entry(crate::audit::Entry::new(w.at().to_owned(), Actor::System, Action::Recovered)).await
        })
        .await;
        if let Err(e) = written {
            store.close().await;
            return Err(e);
        }
        super::attempts::clear_recovery(&self.data_dir);
        keys.save(&vault::keyring::laptop_account(&vault.installation_id), &laptop)?;
        Ok(store)
    }
}
