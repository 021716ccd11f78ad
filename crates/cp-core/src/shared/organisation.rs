//! The organisation and its first leads on the organisation's server: the same rows, audit
//! trail and signing keys set-up makes on a laptop (`leads::first_rows`), written once by
//! whoever prepares the database.

use chrono::{DateTime, Utc};

use crate::audit::Actor;
use crate::leads::rules::{SetupInput, validate_setup};
use crate::store::Store;
use crate::vault::{DbKey, ServerSlotKey, Signer, signing};
use crate::{Error, Result, leads, write};

/// A server slot's key for `passphrase` (Argon2id at the recovery key's cost): off the async
/// threads, and before the write that keeps the slot.
pub(crate) async fn server_slot_key(passphrase: &str) -> Result<ServerSlotKey> {
    let passphrase = zeroize::Zeroizing::new(passphrase.to_owned());
    tokio::task::spawn_blocking(move || ServerSlotKey::fresh(&passphrase))
        .await
        .map_err(|_| Error::internal("Protecting the passphrase failed."))?
}

/// Writes the organisation and its leads into a prepared, empty database; each lead's id and
/// the seed of their signing key (which only their key slot may keep), in the order given.
/// The store signs as every one of them until it closes, as a laptop's set-up does.
pub async fn set_up(store: &Store, input: &SetupInput, now: DateTime<Utc>) -> Result<Vec<(i64, DbKey)>> {
    let input = validate_setup(input)?;
    let mut seeds = Vec::with_capacity(input.leads.len());
    for _ in &input.leads {
        seeds.push(DbKey::generate()?);
    }
    let public: Vec<_> =
        input.leads.iter().zip(&seeds).map(|(lead, seed)| (lead, signing::public_hex_of(seed))).collect();
    let mut slot_keys = Vec::with_capacity(input.leads.len());
    for lead in &input.leads {
        slot_keys.push(server_slot_key(&lead.passphrase).await?);
    }
    let ids = write::run(store, Actor::AdminCli, now, async |w| {
        let ids = leads::first_rows(w, &input.organisation, &public).await?;
        // Each lead's way in from any laptop the organisation enrols.
        for ((id, seed), slot_key) in ids.iter().zip(&seeds).zip(&slot_keys) {
            let slot = slot_key.wrap(*id, seed)?;
            let at = w.at().to_owned();
            super::lead_slots::put(&mut w.sql(), &slot, &at).await?;
        }
        Ok(ids)
    })
    .await?;
    let out: Vec<(i64, DbKey)> = ids.into_iter().zip(seeds).collect();
    for (id, seed) in &out {
        store.sign_as(Signer::new(*id, seed));
    }
    Ok(out)
}
