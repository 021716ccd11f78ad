//! A new recovery key for the signed-in lead: shown first, then made the installation's once
//! the lead has typed part of it back (as at set-up), so no key is made that nobody wrote down.

use crate::vault::RecoveryKey;
use crate::{Error, Result};

use super::{CONFIRM_GROUPS, Phase, RecoverySheet, Session};
use crate::FieldError;

impl Session {
    /// Makes a new recovery key and holds it (asking again shows the same one) until the lead
    /// confirms it. Nothing changes yet: the current key still opens everything.
    pub async fn begin_recovery_key_change(&self) -> Result<RecoverySheet> {
        self.signed_in().await?;
        let mut pending = self.new_recovery_key.lock().unwrap_or_else(|p| p.into_inner());
        let key = match pending.as_ref() {
            Some(key) => key.clone(),
            None => pending.insert(RecoveryKey::generate()?).clone(),
        };
        Ok(sheet(&key))
    }

    /// Makes the shown key the installation's (`Installation::rotate_recovery_key`) once the
    /// typed groups match; audited as the lead.
    pub async fn complete_recovery_key_change(&self, typed_groups: &[String]) -> Result<()> {
        let key = self
            .new_recovery_key
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .ok_or_else(|| Error::invalid("Start again: no new recovery key has been shown."))?;
        check_groups(&key, typed_groups)?;
        let mut phase = self.phase.lock().await;
        self.lock_if_idle(&mut phase).await;
        let Phase::Open { store, vault, key: db_key, user } = &mut *phase else { return Err(super::not_signed_in()) };
        if user.locked {
            return Err(super::not_signed_in());
        }
        let rotated =
            self.installation.rotate_recovery_key(store, vault, db_key, &key, user.lead.id, self.clock.now()).await?;
        *vault = rotated;
        *self.new_recovery_key.lock().unwrap_or_else(|p| p.into_inner()) = None;
        Ok(())
    }

    /// The key being shown, for its printed sheet.
    pub(super) fn shown_recovery_key(&self) -> Option<RecoveryKey> {
        self.new_recovery_key.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

/// The groups of the recovery key the lead was asked to type back, each checked by its field.
pub(super) fn check_groups(key: &RecoveryKey, typed_groups: &[String]) -> Result<()> {
    let mut errors = Vec::new();
    for (i, n) in CONFIRM_GROUPS.iter().enumerate() {
        let typed = typed_groups.get(i).map(|g| g.trim().to_ascii_uppercase()).unwrap_or_default();
        if typed.is_empty() {
            errors.push(FieldError::new(format!("group{n}"), format!("Enter group {n} of your recovery key")));
        } else if Some(typed.as_str()) != key.group(*n) {
            errors.push(FieldError::new(format!("group{n}"), format!("Group {n} does not match your recovery key")));
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(Error::fields(errors)) }
}

pub(super) fn sheet(key: &RecoveryKey) -> RecoverySheet {
    let grouped = key.grouped();
    RecoverySheet { groups: grouped.split('-').map(str::to_owned).collect(), confirm_groups: CONFIRM_GROUPS }
}
