//! The organisation and its first leads on the organisation's server: the same rows, audit
//! trail and signing keys set-up makes on a laptop (`leads::first_rows`), written once by
//! whoever prepares the database.

use chrono::{DateTime, Utc};

use crate::audit::Actor;
use crate::leads::rules::{SetupInput, validate_setup};
use crate::store::Store;
use crate::vault::{DbKey, ServerSlot, Signer, signing};
use crate::{Error, Result, leads, write};

/// Argon2id at the recovery key's cost: off the async threads.
pub(crate) async fn server_slot(lead_id: i64, passphrase: &str, seed: &DbKey) -> Result<ServerSlot> {
    let (passphrase, seed) = (zeroize::Zeroizing::new(passphrase.to_owned()), seed.clone());
    tokio::task::spawn_blocking(move || ServerSlot::make(lead_id, &passphrase, &seed))
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
    let ids = write::run(store, Actor::AdminCli, now, async |w| {
        let ids = leads::first_rows(w, &input.organisation, &public).await?;
        // Each lead's way in from any laptop the organisation enrols.
        for ((id, seed), lead) in ids.iter().zip(&seeds).zip(&input.leads) {
            let slot = server_slot(*id, &lead.passphrase, seed).await?;
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
