//! A data folder made from a backup of the organisation's server (`backup::from_server`): the
//! records become this laptop's own, as if set up here, with the organisation's recovery key
//! as this folder's recovery key and each lead's way in from their server slot (their
//! passphrase, as they had it), until their first sign-in here makes an ordinary slot.

use chrono::{DateTime, Utc};

use super::{Installation, new_installation_id, recovery_record, slots, sql};
use crate::audit::{Action, Actor, Entry};
use crate::clock::stamp;
use crate::leads;
use crate::store::Store;
use crate::vault::{self, DbKey, Directory, KeyStore, Listed, RecoveryKey, ServerSlot, server_slot};
use crate::{Result, write};

impl Installation {
    /// `store` (the restored file, under `data_key`) made this folder's records: a new
    /// installation id, laptop secret and recovery record, and a pending way in for each
    /// active lead with a server slot. Written last: the keyring, then `vault.json`.
    pub(crate) async fn take_restored_server_records(
        &self,
        store: &Store,
        data_key: &DbKey,
        recovery: &RecoveryKey,
        server_slots: &[ServerSlot],
        keys: &dyn KeyStore,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let installation_id = new_installation_id()?;
        let laptop = DbKey::generate()?;
        let (record, secrets) = recovery_record(recovery, data_key, &installation_id).await?;
        let backup_key = secrets.backup_key()?;
        let active: Vec<leads::Lead> = leads::list_leads(store).await?.into_iter().filter(|l| l.active).collect();
        let mut vault = vault::file::new_vault(
            installation_id.clone(),
            stamp(now),
            record.clone(),
            laptop.check_value(&installation_id),
            vault::slot::wrap_laptop_secret(data_key, &laptop)?,
        );
        for slot in server_slots.iter().filter(|s| active.iter().any(|l| l.id == s.lead_id)) {
            vault.pending.push(server_slot::pending(slot, data_key, &laptop)?);
        }
        let listed = active.iter().map(|l| Listed { lead_id: l.id, name: l.name.clone(), role: l.role.clone() });
        let directory = Directory { organisation: leads::organisation_name(store).await?, leads: listed.collect() };
        let vault = slots::with_directory(vault, &directory, &laptop)?;
        write::run(store, Actor::System, now, async |w| {
            sql::store_backup_key(&mut w.sql(), &backup_key).await?;
            sql::store_recovery_record(&mut w.sql(), &record).await?;
            w.audit_entry(Entry::new(w.at().to_owned(), Actor::System, Action::Restored)).await
        })
        .await?;
        keys.save(&vault::keyring::laptop_account(&installation_id), &laptop)?;
        vault::file::write(&self.data_dir, &vault)
    }
}
