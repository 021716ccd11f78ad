//! Key slots: the database key wrapped once for each active lead, under a key that only that
//! lead's passphrase and this laptop's secret release together. The key is Argon2id over the
//! passphrase with the laptop secret (kept in the OS keyring) as Argon2's secret input, RFC
//! 9106's "secret value K": the two-secret derivation of 1Password, with one slot per person
//! as in LUKS. A copied data folder without the keyring gives nothing to guess a passphrase
//! against (the secret is 256 bits); a program that reads the keyring still needs a
//! passphrase, and each guess costs an Argon2id run and counts towards the sign-in delay.
//!
//! A slot is bound to its lead (associated data), so moving one lead's slot onto another's
//! name in `vault.json` does not sign anyone in as someone else. It is not bound to the
//! installation id: a restored copy gets a new id and keeps its leads' slots.

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::key::{DbKey, fill_random};
use super::recovery::KdfParams;
use super::seal::{self, Unwrap, WrappedKey};
use crate::{Error, ErrorCode, Result};

/// One lead's way in: the database key, and the lead's signing key (`signing.rs`), wrapped
/// for them. (Their name is in the sealed `Directory`, not here: `vault.json` names nobody.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Slot {
    pub lead_id: i64,
    pub salt: String,
    pub kdf: KdfParams,
    pub wrapped_key: WrappedKey,
    /// Absent only in slots made before signing; the next sign-in adds it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signing_key: Option<WrappedKey>,
    /// Shared mode: the salt of the lead's server slot when this one was made. Another salt on
    /// the server means they chose a new passphrase on another laptop, and this slot (which
    /// the old one opens) is replaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_salt: Option<String>,
}

/// What a slot gives the lead whose passphrase opened it.
pub struct SlotContents {
    pub data_key: DbKey,
    pub signing_seed: Option<DbKey>,
}

/// The cost of a slot's Argon2id: OWASP's minimum for Argon2id (19 MiB, 2 passes), what the
/// passphrase hashes it replaces cost, so signing in is no slower. The laptop secret, not the
/// cost, is what stops guessing from a copied folder.
pub fn slot_kdf() -> KdfParams {
    KdfParams { memory_kib: 19 * 1024, iterations: 2, lanes: 1 }
}

/// A slot's wrapping key, derived from a passphrase and the laptop secret. Slow by design: call
/// off the async threads.
pub struct SlotKey {
    key: Zeroizing<[u8; 32]>,
    salt: [u8; 16],
    kdf: KdfParams,
}

impl SlotKey {
    /// For a new slot: a fresh salt at today's cost.
    pub fn fresh(passphrase: &str, laptop: &DbKey) -> Result<Self> {
        let mut salt = [0u8; 16];
        fill_random(&mut salt)?;
        let kdf = slot_kdf();
        let key = derive(passphrase, laptop, &salt, &kdf)?;
        Ok(Self { key, salt, kdf })
    }

    /// Wraps the database key and the lead's signing seed for `lead_id`. Cheap: the slow part
    /// was `fresh`.
    pub fn wrap(&self, lead_id: i64, data_key: &DbKey, signing_seed: &DbKey) -> Result<Slot> {
        Ok(Slot {
            lead_id,
            salt: hex::encode(self.salt),
            kdf: self.kdf.clone(),
            wrapped_key: seal::wrap(&self.key, data_key, &aad(lead_id))?,
            signing_key: Some(seal::wrap(&self.key, signing_seed, &signing_aad(lead_id))?),
            server_salt: None,
        })
    }
}

impl Slot {
    /// What the slot holds, or `None` when `passphrase` is not this lead's (on this laptop).
    /// Slow by design: call off the async threads.
    pub fn open(&self, passphrase: &str, laptop: &DbKey) -> Result<Option<SlotContents>> {
        let salt = hex::decode(&self.salt).map_err(|_| damaged())?;
        let key = derive(passphrase, laptop, &salt, &self.kdf)?;
        let data_key = match seal::unwrap(&key, &self.wrapped_key, &aad(self.lead_id)) {
            Ok(data_key) => data_key,
            Err(Unwrap::WrongKey) => return Ok(None),
            Err(Unwrap::Damaged) => return Err(damaged()),
        };
        let signing_seed = match &self.signing_key {
            Some(wrapped) => Some(seal::unwrap(&key, wrapped, &signing_aad(self.lead_id)).map_err(|_| damaged())?),
            None => None,
        };
        Ok(Some(SlotContents { data_key, signing_seed }))
    }
}

fn derive(passphrase: &str, laptop: &DbKey, salt: &[u8], kdf: &KdfParams) -> Result<Zeroizing<[u8; 32]>> {
    use argon2::{Algorithm, Argon2, Params, Version};
    kdf.check()?;
    let params = Params::new(kdf.memory_kib, kdf.iterations, kdf.lanes, Some(32)).map_err(|_| damaged())?;
    let argon = Argon2::new_with_secret(laptop.as_bytes(), Algorithm::Argon2id, Version::V0x13, params)
        .map_err(|_| Error::internal("The passphrase could not be processed."))?;
    let mut out = Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(passphrase.as_bytes(), salt, out.as_mut())
        .map_err(|_| Error::internal("The passphrase could not be processed."))?;
    Ok(out)
}

fn aad(lead_id: i64) -> Vec<u8> {
    format!("cp-tracker key slot 1 lead {lead_id}").into_bytes()
}

fn signing_aad(lead_id: i64) -> Vec<u8> {
    format!("cp-tracker signing key 1 lead {lead_id}").into_bytes()
}

fn damaged() -> Error {
    Error::new(
        ErrorCode::KeyInvalid,
        "A lead's entry in vault.json is damaged. Restore vault.json from a backup of the data folder, or recover \
         with the recovery key and add the lead again.",
    )
}

/// The laptop secret wrapped under the database key, kept in `vault.json`, so whoever can open
/// the records (a lead, or the recovery key) can put the secret back in a new keyring and every
/// lead's slot works again.
pub fn wrap_laptop_secret(data_key: &DbKey, laptop: &DbKey) -> Result<WrappedKey> {
    seal::wrap(&laptop_wrapping_key(data_key), laptop, LAPTOP_AAD)
}

pub fn unwrap_laptop_secret(data_key: &DbKey, wrapped: &WrappedKey) -> Result<DbKey> {
    seal::unwrap(&laptop_wrapping_key(data_key), wrapped, LAPTOP_AAD).map_err(|_| {
        Error::new(
            ErrorCode::KeyInvalid,
            "The laptop key kept in vault.json is damaged. Restore vault.json from a backup of the data folder.",
        )
    })
}

const LAPTOP_AAD: &[u8] = b"cp-tracker laptop secret 1";

fn laptop_wrapping_key(data_key: &DbKey) -> Zeroizing<[u8; 32]> {
    seal::derived_key(data_key, b"cp-tracker/wrap-laptop-secret/v1")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cheap_key(passphrase: &str, laptop: &DbKey) -> SlotKey {
        let kdf = KdfParams { memory_kib: 256, iterations: 1, lanes: 1 };
        let salt = [3u8; 16];
        SlotKey { key: derive(passphrase, laptop, &salt, &kdf).unwrap(), salt, kdf }
    }

    #[test]
    fn a_slot_opens_only_with_its_passphrase_and_its_laptop() {
        let (laptop, data, seed) = (DbKey::generate().unwrap(), DbKey::generate().unwrap(), DbKey::generate().unwrap());
        let slot = cheap_key("joanna's passphrase", &laptop).wrap(1, &data, &seed).unwrap();
        let opened = slot.open("joanna's passphrase", &laptop).unwrap().unwrap();
        assert_eq!(opened.data_key.as_bytes(), data.as_bytes());
        assert_eq!(opened.signing_seed.unwrap().as_bytes(), seed.as_bytes());
        assert!(slot.open("joanna's passphrasE", &laptop).unwrap().is_none());
        assert!(slot.open("joanna's passphrase", &DbKey::generate().unwrap()).unwrap().is_none(), "another laptop");
    }

    #[test]
    fn a_slot_moved_to_another_lead_does_not_open() {
        let (laptop, data) = (DbKey::generate().unwrap(), DbKey::generate().unwrap());
        let slot = cheap_key("joanna's passphrase", &laptop).wrap(1, &data, &data).unwrap();
        let moved = Slot { lead_id: 2, ..slot };
        assert!(moved.open("joanna's passphrase", &laptop).unwrap().is_none());
    }

    #[test]
    fn the_laptop_secret_comes_back_with_the_database_key_only() {
        let (laptop, data) = (DbKey::generate().unwrap(), DbKey::generate().unwrap());
        let wrapped = wrap_laptop_secret(&data, &laptop).unwrap();
        assert_eq!(unwrap_laptop_secret(&data, &wrapped).unwrap().as_bytes(), laptop.as_bytes());
        assert!(unwrap_laptop_secret(&laptop, &wrapped).is_err());
    }
}
