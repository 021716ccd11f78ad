//! What a lead does to the leads, each through the one write path. The passphrase itself is
//! the installation's business (the lead's key slot in `vault.json`); the slot is written
//! inside the same write, so a lead is never added, nor a passphrase changed, in one place
//! and not the other.

use chrono::{DateTime, Utc};

use super::{IN_KEY_SLOT, Lead, sql};
use crate::audit::Action;
use crate::audit::Actor;
use crate::leads::rules::{NewLead, validate_new_lead};
use crate::store::Store;
use crate::write;
use crate::{Error, Result};

/// The organisation and its first leads, each with the public half of their signing key, in
/// a set-up's write (on this laptop, or on the organisation's server): the new leads' ids.
pub(crate) async fn first_rows(
    w: &mut write::Write,
    organisation: &str,
    leads: &[(&NewLead, String)],
) -> Result<Vec<i64>> {
    let at = w.at().to_owned();
    sql::insert_organisation(&mut w.sql(), organisation, &at).await?;
    w.audit_entry(crate::audit::Entry::new(at.clone(), w.actor(), Action::SetUp)).await?;
    let mut ids = Vec::with_capacity(leads.len());
    for (lead, signing_key) in leads {
        let id = sql::insert_lead(&mut w.sql(), &lead.name, &lead.role, IN_KEY_SLOT, &at).await?;
        sql::insert_signing_key(&mut w.sql(), id, signing_key).await?;
        w.audit(Action::LeadAdded, "lead", id).await?;
        ids.push(id);
    }
    Ok(ids)
}

/// Adds a lead with the public half of their signing key; `keep_slot` runs inside the write
/// with the new lead's id, and an error from it leaves nothing added.
pub async fn add_lead(
    store: &Store,
    by: i64,
    lead: &NewLead,
    signing_key: &str,
    now: DateTime<Utc>,
    keep_slot: impl AsyncFnOnce(&mut write::Write, i64, &NewLead) -> Result<()>,
) -> Result<i64> {
    let lead = validate_new_lead(lead)?;
    write::run(store, Actor::Lead(by), now, async |w| {
        let at = w.at().to_owned();
        let id = sql::insert_lead(&mut w.sql(), &lead.name, &lead.role, IN_KEY_SLOT, &at).await?;
        sql::insert_signing_key(&mut w.sql(), id, signing_key).await?;
        w.audit(Action::LeadAdded, "lead", id).await?;
        keep_slot(w, id, &lead).await?;
        Ok(id)
    })
    .await
}

/// Leads are never deleted; a deactivated lead can no longer sign in. The last active lead,
/// and the lead signed in, cannot be deactivated. Returns whether anything changed.
pub async fn deactivate_lead(store: &Store, by: i64, lead_id: i64, now: DateTime<Utc>) -> Result<bool> {
    if lead_id == by {
        return Err(Error::invalid("You cannot deactivate yourself. Ask the other lead to do it."));
    }
    let target: Lead = sql::find_lead(store, lead_id).await?;
    if !target.active {
        return Ok(false);
    }
    write::run(store, Actor::Lead(by), now, async |w| {
        let at = w.at().to_owned();
        sql::deactivate_lead(&mut w.sql(), lead_id, &at).await?;
        if sql::count_active_leads(&mut w.sql()).await? == 0 {
            return Err(Error::invalid("At least one lead must stay active."));
        }
        w.audit(Action::LeadDeactivated, "lead", lead_id).await
    })
    .await?;
    Ok(true)
}

/// The lead's new passphrase is in place: `keep_slot` writes their new slot inside the write
/// that audits it, and any hash kept from before key slots goes.
pub async fn record_passphrase_change(
    store: &Store,
    lead_id: i64,
    now: DateTime<Utc>,
    keep_slot: impl AsyncFnOnce(&mut write::Write) -> Result<()>,
) -> Result<()> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        sql::set_passphrase_hash(&mut w.sql(), lead_id, IN_KEY_SLOT).await?;
        w.audit(Action::PassphraseChanged, "lead", lead_id).await?;
        keep_slot(w).await
    })
    .await
}
