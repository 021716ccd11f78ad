//! What a signed-in, unlocked lead manages: leads, their own passphrase, the idle lock and
//! backups.

use crate::audit::Actor;
use crate::leads::rules::{NewLead, validate_idle_minutes};
use crate::leads::{self, Lead};
use crate::vault::RecoveryKey;
use crate::{Error, ErrorCode, Result};

use super::{AppView, IDLE_SETTING, Phase, Session, not_signed_in};

impl Session {
    pub async fn set_idle_minutes(&self, minutes: u32) -> Result<AppView> {
        let minutes = validate_idle_minutes(minutes)?;
        let (ref store, me) = self.signed_in().await?;
        crate::settings::set(store, me.id, IDLE_SETTING, &minutes.to_string(), self.clock.now()).await?;
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
        store.close().await;
        *phase = self.reopen().await;
        self.render(&phase).await
    }

    /// Every lead, active or not, for settings.
    pub async fn leads(&self) -> Result<Vec<Lead>> {
        let (ref store, _) = self.signed_in().await?;
        leads::list_leads(store).await
    }

    /// Adds a lead with their key slot. The session's lock is held meanwhile: `vault.json`
    /// changes, and two changes at once must not each write the vault they started from.
    pub async fn add_lead(&self, lead: &NewLead) -> Result<Vec<Lead>> {
        let mut phase = self.phase.lock().await;
        let (store, me) = self.as_lead(&mut phase).await?;
        let store = store.clone();
        let Phase::Open { vault, key, .. } = &mut *phase else { return Err(not_signed_in()) };
        *vault =
            self.installation.add_lead(&store, vault, key, self.keys.as_ref(), me.id, lead, self.clock.now()).await?;
        leads::list_leads(&store).await
    }

    pub async fn deactivate_lead(&self, lead_id: i64) -> Result<Vec<Lead>> {
        let mut phase = self.phase.lock().await;
        let (store, me) = self.as_lead(&mut phase).await?;
        let store = store.clone();
        let Phase::Open { vault, .. } = &mut *phase else { return Err(not_signed_in()) };
        *vault = self
            .installation
            .deactivate_lead(&store, vault, self.keys.as_ref(), me.id, lead_id, self.clock.now())
            .await?;
        leads::list_leads(&store).await
    }

    /// The signed-in lead changes their own passphrase, proving the current one first.
    pub async fn change_passphrase(&self, current: &str, new: &str) -> Result<()> {
        let mut phase = self.phase.lock().await;
        let (store, me) = self.as_lead(&mut phase).await?;
        let store = store.clone();
        let Phase::Open { vault, key, .. } = &mut *phase else { return Err(not_signed_in()) };
        *vault = self
            .installation
            .change_passphrase(&store, vault, key, self.keys.as_ref(), me.id, current, new, self.clock.now())
            .await?;
        Ok(())
    }
}
