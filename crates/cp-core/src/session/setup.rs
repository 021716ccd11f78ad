//! Before the records open: set-up with its recovery key, and recovery with it.

use super::recovery_key::{check_groups, sheet};
use super::{AppView, Phase, RecoverySheet, Session, User, already_set_up, beside};
use crate::leads::{
    self,
    rules::{SetupInput, validate_setup},
};
use crate::vault::RecoveryKey;
use crate::{Error, ErrorCode, Result};

impl Session {
    /// Checks the set-up form before the recovery key is shown.
    pub fn check_setup(&self, input: &SetupInput) -> Result<()> {
        validate_setup(input).map(|_| ())
    }

    /// Makes the recovery key and holds it until set-up completes. Asking again gives the same key.
    pub async fn begin_setup(&self) -> Result<RecoverySheet> {
        let mut phase = self.phase.lock().await;
        let Phase::NotSetUp { pending } = &mut *phase else { return Err(already_set_up()) };
        let key = match pending {
            Some(key) => key,
            None => pending.insert(RecoveryKey::generate()?),
        };
        Ok(sheet(key))
    }

    /// Creates the installation once the lead has typed back the asked-for groups, then signs
    /// in the first lead (who has just typed their passphrase).
    pub async fn complete_setup(&self, input: &SetupInput, typed_groups: &[String]) -> Result<AppView> {
        let mut phase = self.phase.lock().await;
        let Phase::NotSetUp { pending } = &mut *phase else { return Err(already_set_up()) };
        let Some(key) = pending.as_ref() else {
            return Err(Error::invalid("Start set-up again: the recovery key has not been shown yet."));
        };
        check_groups(key, typed_groups)?;
        let now = self.clock.now();
        let store = self.installation.set_up(input, key, self.keys.as_ref(), now).await?;
        // The lead typed first on the form is the first created; they are at the keyboard.
        let first = leads::list_leads(&store).await?.into_iter().min_by_key(|l| l.id);
        let first_passphrase = input.leads.first().map(|l| l.passphrase.as_str()).unwrap_or_default();
        let user = match first {
            Some(lead) => {
                let lead = leads::sign_in(&store, lead.id, first_passphrase, now).await?;
                Some(User { lead, locked: false, last_activity: now })
            }
            None => None,
        };
        let vault = crate::vault::file::read(&self.installation.data_dir)?
            .ok_or_else(|| Error::internal("Set-up did not leave vault.json behind."))?;
        *phase = Phase::Open { store, vault, user };
        self.render(&phase).await
    }

    pub async fn recover(&self, typed: &str) -> Result<AppView> {
        let mut phase = self.phase.lock().await;
        let Phase::NeedsRecovery(vault) = &*phase else {
            return Err(Error::invalid("CP Tracker does not need its recovery key now."));
        };
        let on_field = beside("recoveryKey", &[ErrorCode::RecoveryKeyWrong, ErrorCode::SignInDelayed]);
        let key = RecoveryKey::parse(typed).map_err(&on_field)?;
        let store =
            self.installation.recover(vault, &key, self.keys.as_ref(), self.clock.now()).await.map_err(&on_field)?;
        let vault = vault.clone();
        *phase = Phase::Open { store, vault, user: None };
        self.render(&phase).await
    }
}
