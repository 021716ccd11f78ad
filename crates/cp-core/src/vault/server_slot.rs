//! Shared mode: a lead's way in from any laptop of the organisation, kept on the server.
//!
//! A laptop enrolled after a lead set their passphrase has never seen it, yet that lead must be
//! able to sign in there, and the laptop's own database password must still be released only
//! by a passphrase. So each lead has, on the server, their signing seed wrapped under Argon2id
//! of their passphrase alone (the laptop secret cannot take part: every laptop has its own),
//! and a public key for a sealed box (libsodium's `crypto_box_seal`, X25519 with
//! XSalsa20-Poly1305) derived from that seed. An enrolling laptop seals its password to each
//! lead's public key and keeps a copy of each lead's server slot, both sealed again under its
//! laptop secret (`shared::join`), so a copied data folder without the keyring gives nothing to
//! guess against. The lead's first sign-in there opens the copy, unseals the password, and
//! makes an ordinary key slot (`slot.rs`) for next time.
//!
//! What an organisation's server holds (the wrapped seeds) could be guessed against by whoever
//! reads the server's tables; they already hold every record, whose protection at rest is the
//! server's (README).

use crypto_box::aead::OsRng;
use crypto_box::{PublicKey, SecretKey};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::file::PendingSlot;
use super::key::{DbKey, fill_random};
use super::recovery::KdfParams;
use super::seal::{self, Unwrap, WrappedKey, derived_key};
use super::slot::SlotContents;
use crate::{Error, ErrorCode, Result};

/// One lead's row of `lead_keys` on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServerSlot {
    pub lead_id: i64,
    pub salt: String,
    pub kdf: KdfParams,
    pub wrapped_seed: WrappedKey,
    /// The sealed box key laptops seal their password to (hex).
    pub box_public: String,
}

/// A server slot's wrapping key, from a passphrase alone. Slow by design (Argon2id at the
/// recovery key's cost, as nothing but the passphrase protects a server slot): made before the
/// write that keeps the slot, so no laptop's write waits behind it.
pub struct ServerSlotKey {
    key: Zeroizing<[u8; 32]>,
    salt: [u8; 16],
    kdf: KdfParams,
}

impl ServerSlotKey {
    /// For a new slot: a fresh salt at today's cost. Call off the async threads.
    pub fn fresh(passphrase: &str) -> Result<Self> {
        let mut salt = [0u8; 16];
        fill_random(&mut salt)?;
        let kdf = KdfParams::default();
        let key = derive(passphrase, &salt, &kdf)?;
        Ok(Self { key, salt, kdf })
    }

    /// The lead's seed wrapped for `lead_id`. Cheap: the slow part was `fresh`.
    pub fn wrap(&self, lead_id: i64, seed: &DbKey) -> Result<ServerSlot> {
        Ok(ServerSlot {
            lead_id,
            salt: hex::encode(self.salt),
            kdf: self.kdf.clone(),
            wrapped_seed: seal::wrap(&self.key, seed, &aad(lead_id))?,
            box_public: box_public_hex(seed),
        })
    }
}

impl ServerSlot {
    /// The lead's seed, or `None` when `passphrase` is not theirs. Slow by design.
    pub fn open(&self, passphrase: &str) -> Result<Option<DbKey>> {
        let salt = hex::decode(&self.salt).map_err(|_| damaged())?;
        let key = derive(passphrase, &salt, &self.kdf)?;
        match seal::unwrap(&key, &self.wrapped_seed, &aad(self.lead_id)) {
            Ok(seed) => Ok(Some(seed)),
            Err(Unwrap::WrongKey) => Ok(None),
            Err(Unwrap::Damaged) => Err(damaged()),
        }
    }
}

fn box_secret(seed: &DbKey) -> SecretKey {
    SecretKey::from_bytes(*derived_key(seed, b"cp-tracker/lead-sealed-box/v1"))
}

/// The public half of the lead's sealed box key.
pub fn box_public_hex(seed: &DbKey) -> String {
    hex::encode(box_secret(seed).public_key().as_bytes())
}

/// `secret` sealed so that only the lead whose box key is `box_public` opens it.
pub fn seal_to(box_public: &str, secret: &DbKey) -> Result<String> {
    let bytes: [u8; 32] = hex::decode(box_public).ok().and_then(|b| b.try_into().ok()).ok_or_else(damaged)?;
    let sealed = PublicKey::from_bytes(bytes)
        .seal(&mut OsRng, secret.as_bytes())
        .map_err(|_| Error::internal("A key could not be sealed for a lead."))?;
    Ok(hex::encode(sealed))
}

/// What `seal_to` sealed for the lead whose seed is `seed`.
pub fn unseal(seed: &DbKey, sealed: &str) -> Result<DbKey> {
    let bytes = hex::decode(sealed).map_err(|_| damaged())?;
    let plain = Zeroizing::new(box_secret(seed).unseal(&bytes).map_err(|_| damaged())?);
    DbKey::from_slice(&plain).map_err(|_| damaged())
}

/// What a joined laptop keeps for a lead until their first sign-in there: their server slot
/// and the laptop's password sealed to them.
#[derive(Serialize, Deserialize)]
struct Pending {
    slot: ServerSlot,
    password: String,
}

/// The lead's pending way in on this laptop, sealed under its laptop secret.
pub fn pending(slot: &ServerSlot, password: &DbKey, laptop: &DbKey) -> Result<PendingSlot> {
    let pending = Pending { slot: slot.clone(), password: seal_to(&slot.box_public, password)? };
    let json =
        Zeroizing::new(serde_json::to_vec(&pending).map_err(|_| Error::internal("A lead's key could not be kept."))?);
    Ok(PendingSlot {
        lead_id: slot.lead_id,
        server_salt: slot.salt.clone(),
        sealed: seal::seal(&pending_key(laptop), &json, &pending_aad(slot.lead_id))?,
    })
}

/// The laptop's password and the lead's seed, or `None` when `passphrase` is not the lead's.
/// Slow by design: call off the async threads.
pub fn open_pending(pending: &PendingSlot, laptop: &DbKey, passphrase: &str) -> Result<Option<SlotContents>> {
    let json = match seal::open(&pending_key(laptop), &pending.sealed, &pending_aad(pending.lead_id)) {
        Ok(json) => json,
        // Not this laptop's secret: no way in here, as for a slot.
        Err(Unwrap::WrongKey) => return Ok(None),
        Err(Unwrap::Damaged) => return Err(damaged()),
    };
    let Pending { slot, password } = serde_json::from_slice(&json).map_err(|_| damaged())?;
    if slot.lead_id != pending.lead_id {
        return Err(damaged());
    }
    let Some(seed) = slot.open(passphrase)? else { return Ok(None) };
    let data_key = unseal(&seed, &password)?;
    Ok(Some(SlotContents { data_key, signing_seed: Some(seed) }))
}

fn pending_key(laptop: &DbKey) -> Zeroizing<[u8; 32]> {
    derived_key(laptop, b"cp-tracker/pending-slot/v1")
}

fn pending_aad(lead_id: i64) -> Vec<u8> {
    format!("cp-tracker pending slot 1 lead {lead_id}").into_bytes()
}

/// The leads' server slots sealed under `key` (a backup's part key: `backup::from_server`),
/// so a backup of the server carries every lead's way in, opened only with it.
pub fn seal_slots(key: &DbKey, slots: &[ServerSlot]) -> Result<WrappedKey> {
    let json =
        Zeroizing::new(serde_json::to_vec(slots).map_err(|_| Error::internal("The leads' keys could not be kept."))?);
    seal::seal(&sealed_slots_key(key), &json, SEALED_SLOTS_AAD)
}

/// What `seal_slots` sealed, or `None` if `key` is not what sealed it or it is damaged.
pub fn open_sealed_slots(key: &DbKey, sealed: &WrappedKey) -> Option<Vec<ServerSlot>> {
    let json = seal::open(&sealed_slots_key(key), sealed, SEALED_SLOTS_AAD).ok()?;
    serde_json::from_slice(&json).ok()
}

fn sealed_slots_key(key: &DbKey) -> Zeroizing<[u8; 32]> {
    derived_key(key, b"cp-tracker/backup-lead-slots/v1")
}

const SEALED_SLOTS_AAD: &[u8] = b"cp-tracker backup lead slots 1";

fn derive(passphrase: &str, salt: &[u8], kdf: &KdfParams) -> Result<Zeroizing<[u8; 32]>> {
    use argon2::{Algorithm, Argon2, Params, Version};
    kdf.check()?;
    let params = Params::new(kdf.memory_kib, kdf.iterations, kdf.lanes, Some(32)).map_err(|_| damaged())?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, out.as_mut())
        .map_err(|_| Error::internal("The passphrase could not be processed."))?;
    Ok(out)
}

fn aad(lead_id: i64) -> Vec<u8> {
    format!("cp-tracker server slot 1 lead {lead_id}").into_bytes()
}

fn damaged() -> Error {
    Error::new(
        ErrorCode::KeyInvalid,
        "A lead's key kept for this laptop is damaged. Ask whoever runs your organisation's database for a new \
         enrolment code, and join this laptop again.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_slot_gives_the_seed_to_its_passphrase_only() {
        let seed = DbKey::generate().unwrap();
        let slot = ServerSlotKey::fresh("joanna's passphrase").unwrap().wrap(7, &seed).unwrap();
        assert_eq!(slot.open("joanna's passphrase").unwrap().unwrap().as_bytes(), seed.as_bytes());
        assert!(slot.open("joanna's passphrasE").unwrap().is_none());
        let moved = ServerSlot { lead_id: 8, ..slot };
        assert!(moved.open("joanna's passphrase").unwrap().is_none(), "bound to its lead");
    }

    #[test]
    fn what_is_sealed_to_a_lead_opens_with_their_seed_alone() {
        let (seed, other, password) =
            (DbKey::generate().unwrap(), DbKey::generate().unwrap(), DbKey::generate().unwrap());
        let sealed = seal_to(&box_public_hex(&seed), &password).unwrap();
        assert_eq!(unseal(&seed, &sealed).unwrap().as_bytes(), password.as_bytes());
        assert_eq!(unseal(&other, &sealed).unwrap_err().code, ErrorCode::KeyInvalid);
        assert_ne!(sealed, seal_to(&box_public_hex(&seed), &password).unwrap(), "each seal is new");
    }

    #[test]
    fn a_pending_slot_needs_the_laptop_secret_and_the_passphrase() {
        let (seed, password, laptop) =
            (DbKey::generate().unwrap(), DbKey::generate().unwrap(), DbKey::generate().unwrap());
        let slot = ServerSlotKey::fresh("elaine's passphrase").unwrap().wrap(3, &seed).unwrap();
        let kept = pending(&slot, &password, &laptop).unwrap();
        let opened = open_pending(&kept, &laptop, "elaine's passphrase").unwrap().unwrap();
        assert_eq!(opened.data_key.as_bytes(), password.as_bytes());
        assert_eq!(opened.signing_seed.unwrap().as_bytes(), seed.as_bytes());
        assert!(open_pending(&kept, &laptop, "wrong").unwrap().is_none());
        assert!(open_pending(&kept, &DbKey::generate().unwrap(), "elaine's passphrase").unwrap().is_none());
        let moved = PendingSlot { lead_id: 4, ..kept };
        assert!(open_pending(&moved, &laptop, "elaine's passphrase").unwrap().is_none());
    }
}
