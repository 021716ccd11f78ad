//! What a lead does to the leads and the shared settings, each through the one write path.
//! Passphrases are hashed before the write begins: Argon2 takes a noticeable fraction of a
//! second, and the write lock is held by nobody meanwhile.

use chrono::{DateTime, Utc};

use super::{Lead, sql};
use crate::audit::{Action, Actor};
use crate::auth::passphrase;
use crate::leads::rules::{NewLead, validate_new_lead};
use crate::store::Store;
use crate::write;
use crate::{Error, FieldError, Result};

/// Argon2 off the async threads.
async fn hash(pass: &str) -> Result<String> {
    let pass = pass.to_owned();
    tokio::task::spawn_blocking(move || passphrase::hash(&pass))
        .await
        .map_err(|_| Error::internal("Protecting the passphrase failed."))?
}

pub async fn add_lead(store: &Store, by: i64, lead: &NewLead, now: DateTime<Utc>) -> Result<i64> {
    let lead = validate_new_lead(lead)?;
    let hash = hash(&lead.passphrase).await?;
    write::run(store, Actor::Lead(by), now, async |w| {
        let at = w.at().to_owned();
        let id = sql::insert_lead(w.sql(), &lead.name, &lead.role, &hash, &at).await?;
        w.audit(Action::LeadAdded, "lead", id).await?;
        Ok(id)
    })
    .await
}

/// Leads are never deleted; a deactivated lead can no longer sign in. The last active lead,
/// and the lead signed in, cannot be deactivated.
pub async fn deactivate_lead(store: &Store, by: i64, lead_id: i64, now: DateTime<Utc>) -> Result<()> {
    if lead_id == by {
        return Err(Error::invalid("You cannot deactivate yourself. Ask the other lead to do it."));
    }
    let target: Lead = sql::find_lead(store, lead_id).await?;
    if !target.active {
        return Ok(());
    }
    write::run(store, Actor::Lead(by), now, async |w| {
        let at = w.at().to_owned();
        sql::deactivate_lead(w.sql(), lead_id, &at).await?;
        if sql::count_active_leads(w.sql()).await? == 0 {
            return Err(Error::invalid("At least one lead must stay active."));
        }
        w.audit(Action::LeadDeactivated, "lead", lead_id).await
    })
    .await
}

/// The lead changes their own passphrase, proving the current one first.
pub async fn change_passphrase(
    store: &Store,
    lead_id: i64,
    current: &str,
    new: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    if let Some(e) = passphrase::check("newPassphrase", new) {
        return Err(Error::fields(vec![e]));
    }
    // Throttled and audited like a sign-in: whoever is at the unlocked laptop may not be the lead.
    if let Some(wait) = super::sign_in::check_current(store, lead_id, current, now).await? {
        let message = if wait > 0 {
            format!(
                "Your current passphrase is not right. Because of repeated wrong passphrases, wait {} before trying again",
                super::sign_in::describe_wait(wait)
            )
        } else {
            "Your current passphrase is not right".to_owned()
        };
        return Err(Error::fields(vec![FieldError::new("currentPassphrase", message)]));
    }
    let hash = hash(new).await?;
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        sql::set_passphrase_hash(w.sql(), lead_id, &hash).await?;
        w.audit(Action::PassphraseChanged, "lead", lead_id).await
    })
    .await
}
