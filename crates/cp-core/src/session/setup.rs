//! Before the records open: set-up with its recovery key, and recovery with it.

use super::recovery_key::{check_groups, sheet};
use super::{AppView, Phase, RecoverySheet, Session, User, already_set_up, beside};
use crate::installation::{JoinInput, Opened, Unlocked};
use crate::leads::rules::{SetupInput, validate_setup};
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
        store.close().await;
        // The lead typed first on the form is the first created; they are at the keyboard and
        // sign in with the passphrase they have just typed, as every sign-in does.
        let vault = crate::vault::file::read(&self.installation.data_dir)?
            .ok_or_else(|| Error::internal("Set-up did not leave vault.json behind."))?;
        let first = vault.slots.iter().map(|s| s.lead_id).min();
        let first_passphrase = input.leads.first().map(|l| l.passphrase.as_str()).unwrap_or_default();
        *phase = match first {
            Some(lead_id) => {
                let Unlocked { store, key, lead, vault } =
                    self.installation.sign_in(&vault, self.keys.as_ref(), lead_id, first_passphrase, now).await?;
                Phase::Open { store, vault, key, user: User { lead, locked: false, last_activity: now } }
            }
            None => self.signed_out(vault),
        };
        self.render(&phase).await
    }

    /// "Connect to my organisation's database": enrols this laptop with its one-time code
    /// (`Installation::join`); its leads then sign in with their own passphrases.
    pub async fn join(&self, input: &JoinInput) -> Result<AppView> {
        let mut phase = self.phase.lock().await;
        let Phase::NotSetUp { .. } = &*phase else { return Err(already_set_up()) };
        // Each refusal beside the field the lead can put right.
        let code = beside("code", &[ErrorCode::ServerCredentials, ErrorCode::DeviceRevoked]);
        let server = beside("server", &[ErrorCode::ServerUnreachable, ErrorCode::ServerNoTls]);
        let certificate = beside("caCertificate", &[ErrorCode::ServerCertificate]);
        self.installation
            .join(input, self.keys.as_ref(), self.clock.now())
            .await
            .map_err(|e| certificate(server(code(e))))?;
        *phase = self.reopen().await;
        self.render(&phase).await
    }

    /// Recovers with the recovery key; the leads then sign in with their passphrases.
    pub async fn recover(&self, typed: &str) -> Result<AppView> {
        let mut phase = self.phase.lock().await;
        let Phase::NeedsRecovery(vault) = &*phase else {
            return Err(Error::invalid("CP Tracker does not need its recovery key now."));
        };
        let on_field = beside("recoveryKey", &[ErrorCode::RecoveryKeyWrong, ErrorCode::SignInDelayed]);
        let key = RecoveryKey::parse(typed).map_err(&on_field)?;
        let store =
            self.installation.recover(vault, &key, self.keys.as_ref(), self.clock.now()).await.map_err(&on_field)?;
        store.close().await;
        *phase = self.reopen().await;
        self.render(&phase).await
    }

    /// What start-up would find now.
    pub(super) async fn reopen(&self) -> Phase {
        match self.installation.open(self.keys.as_ref()).await {
            Ok(Opened::NotSetUp) => Phase::NotSetUp { pending: None },
            Ok(Opened::NeedsRecovery(vault)) => Phase::NeedsRecovery(vault),
            Ok(Opened::Ready(vault)) => self.signed_out(vault),
            Err(err) => Phase::Problem(err),
        }
    }
}
