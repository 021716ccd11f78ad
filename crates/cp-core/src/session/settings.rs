//! What a signed-in, unlocked lead manages: leads, their own passphrase, the idle lock and
//! backups.

use crate::audit::{self, Action, Actor, Entry};
use crate::auth::passphrase;
use crate::clock::stamp;
use crate::domain::setup::{NewLead, validate_idle_minutes, validate_new_lead};
use crate::store::{leads, leads::Lead};
use crate::vault::RecoveryKey;
use crate::{Error, ErrorCode, FieldError, Result};

use super::{AppView, IDLE_SETTING, Phase, Session, not_signed_in};

impl Session {
    pub async fn set_idle_minutes(&self, minutes: u32) -> Result<AppView> {
        let minutes = validate_idle_minutes(minutes)?;
        let (ref store, me) = self.signed_in().await?;
        let mut tx = store.begin_write().await?;
        leads::set_setting(&mut tx, IDLE_SETTING, &minutes.to_string()).await?;
        audit::append(
            &mut tx,
            Entry::new(stamp(self.clock.now()), Actor::Lead(me.id), Action::SettingsChanged)
                .record("setting", IDLE_SETTING),
        )
        .await?;
        tx.commit().await?;
        let phase = self.phase.lock().await;
        self.render(&phase).await
    }

    /// Writes an encrypted backup to `path`, chosen by the lead in the save dialog.
    pub async fn backup(&self, path: &std::path::Path) -> Result<crate::backup::BackupSummary> {
        let (ref store, me) = self.signed_in().await?;
        let vault = match &*self.phase.lock().await {
            Phase::Open { vault, .. } => vault.clone(),
            _ => return Err(not_signed_in()),
        };
        crate::backup::backup(store, &vault, path, Actor::Lead(me.id), self.clock.now()).await
    }

    /// Restores a backup into this (empty) data folder; the lead then signs in.
    pub async fn restore(&self, path: &std::path::Path, recovery_key: &str) -> Result<AppView> {
        let mut phase = self.phase.lock().await;
        if !matches!(*phase, Phase::NotSetUp { .. }) {
            return Err(Error::new(
                ErrorCode::AlreadySetUp,
                "This laptop already holds CP Tracker records, so a backup cannot be restored over them.",
            ));
        }
        let on_field = super::beside("recoveryKey", &[ErrorCode::RecoveryKeyWrong]);
        let key = RecoveryKey::parse(recovery_key).map_err(&on_field)?;
        let store = crate::backup::restore(path, &key, &self.installation, self.keys.as_ref(), self.clock.now())
            .await
            .map_err(&on_field)?;
        let vault = crate::vault::file::read(&self.installation.data_dir)?
            .ok_or_else(|| Error::internal("Restore did not leave vault.json behind."))?;
        *phase = Phase::Open { store, vault, user: None };
        self.render(&phase).await
    }

    /// Every lead, active or not, for settings.
    pub async fn leads(&self) -> Result<Vec<Lead>> {
        let (ref store, _) = self.signed_in().await?;
        leads::list_leads(store).await
    }

    pub async fn add_lead(&self, lead: &NewLead) -> Result<Vec<Lead>> {
        let lead = validate_new_lead(lead)?;
        let (ref store, me) = self.signed_in().await?;
        let pass = lead.passphrase.clone();
        let hash = tokio::task::spawn_blocking(move || passphrase::hash(&pass))
            .await
            .map_err(|_| Error::internal("Protecting the passphrase failed."))??;
        let at = stamp(self.clock.now());
        let mut tx = store.begin_write().await?;
        let id = leads::insert_lead(&mut tx, &lead.name, &lead.role, &hash, &at).await?;
        audit::append(&mut tx, Entry::new(at, Actor::Lead(me.id), Action::LeadAdded).record("lead", id)).await?;
        tx.commit().await?;
        leads::list_leads(store).await
    }

    /// Leads are never deleted; a deactivated lead can no longer sign in. The last active
    /// lead, and the lead signed in, cannot be deactivated.
    pub async fn deactivate_lead(&self, lead_id: i64) -> Result<Vec<Lead>> {
        let (ref store, me) = self.signed_in().await?;
        if lead_id == me.id {
            return Err(Error::invalid("You cannot deactivate yourself. Ask the other lead to do it."));
        }
        let target = leads::find_lead(store, lead_id).await?;
        if !target.active {
            return leads::list_leads(store).await;
        }
        let at = stamp(self.clock.now());
        let mut tx = store.begin_write().await?;
        leads::deactivate_lead(&mut tx, lead_id, &at).await?;
        if leads::count_active_leads(&mut tx).await? == 0 {
            return Err(Error::invalid("At least one lead must stay active."));
        }
        audit::append(&mut tx, Entry::new(at, Actor::Lead(me.id), Action::LeadDeactivated).record("lead", lead_id))
            .await?;
        tx.commit().await?;
        leads::list_leads(store).await
    }

    /// The signed-in lead changes their own passphrase, proving the current one first.
    pub async fn change_passphrase(&self, current: &str, new: &str) -> Result<()> {
        if let Some(e) = passphrase::check("newPassphrase", new) {
            return Err(Error::fields(vec![e]));
        }
        let (ref store, me) = self.signed_in().await?;
        let stored = leads::passphrase_hash(store, me.id).await?.unwrap_or_default();
        let (cur, new_owned) = (current.to_owned(), new.to_owned());
        let hash = tokio::task::spawn_blocking(move || {
            if passphrase::verify(&cur, &stored) { passphrase::hash(&new_owned).map(Some) } else { Ok(None) }
        })
        .await
        .map_err(|_| Error::internal("Checking the passphrase failed."))??;
        let Some(hash) = hash else {
            return Err(Error::fields(vec![FieldError::new(
                "currentPassphrase",
                "Your current passphrase is not right",
            )]));
        };
        let at = stamp(self.clock.now());
        let mut tx = store.begin_write().await?;
        leads::set_passphrase_hash(&mut tx, me.id, &hash).await?;
        audit::append(&mut tx, Entry::new(at, Actor::Lead(me.id), Action::PassphraseChanged).record("lead", me.id))
            .await?;
        Ok(tx.commit().await?)
    }
}
