//! The recovery key: shown once at set-up, it alone restores access on a new laptop or after
//! the keyring entry is lost.
//!
//! 48 characters from a 31-symbol alphabet without look-alikes (no 0/O, 1/I/L), shown as
//! 8 groups of 6: about 238 bits. Argon2id stretches it (with a per-installation salt) into a
//! master secret; HKDF-SHA256 splits that into one key that wraps the database key
//! (XChaCha20-Poly1305, stored in `vault.json`) and one that encrypts backups.

use std::fmt;

use argon2::{Algorithm, Argon2, Params, Version};
use hkdf::Hkdf;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::key::{DbKey, fill_random};
pub use super::seal::WrappedKey;
use super::seal::{self, Unwrap};
use crate::{Error, ErrorCode, Result};

pub const ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
pub const GROUPS: usize = 8;
pub const GROUP_LEN: usize = 6;
const LEN: usize = GROUPS * GROUP_LEN;

/// `len` symbols of `ALPHABET`, each equally likely: a secret a person reads and types (the
/// recovery key, a transfer package's passphrase). Wiped on drop.
pub(crate) fn random_symbols(len: usize) -> Result<Zeroizing<String>> {
    let mut out = Zeroizing::new(String::with_capacity(len));
    let mut byte = [0u8; 1];
    while out.len() < len {
        fill_random(&mut byte)?;
        // Rejection sampling keeps every symbol equally likely (248 = 8 × 31).
        if byte[0] < 248 {
            out.push(char::from(ALPHABET[usize::from(byte[0] % 31)]));
        }
    }
    Ok(out)
}

/// What a person typed of such a secret, upper-cased, with spaces and dashes left out; `None`
/// when it holds anything outside `ALPHABET`.
pub(crate) fn typed_symbols(typed: &str) -> Option<Zeroizing<String>> {
    let mut out = Zeroizing::new(String::with_capacity(typed.len()));
    for c in typed.chars() {
        if c == '-' || c.is_whitespace() {
            continue;
        }
        let c = c.to_ascii_uppercase();
        if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) {
            return None;
        }
        out.push(c);
    }
    Some(out)
}

/// The secret itself, normalised to 48 upper-case symbols. Wiped on drop (copies too).
#[derive(Clone)]
pub struct RecoveryKey(Zeroizing<String>);

impl RecoveryKey {
    pub fn generate() -> Result<Self> {
        Ok(Self(random_symbols(LEN)?))
    }

    /// Accepts what a lead types: any case, spaces or dashes between groups.
    pub fn parse(typed: &str) -> Result<Self> {
        let out = typed_symbols(typed).ok_or_else(|| {
            Error::new(
                ErrorCode::RecoveryKeyWrong,
                "A recovery key uses only the letters and digits printed on your recovery sheet. Check what you typed.",
            )
        })?;
        if out.len() != LEN {
            return Err(Error::new(
                ErrorCode::RecoveryKeyWrong,
                format!("A recovery key has {GROUPS} groups of {GROUP_LEN} characters. Check what you typed."),
            ));
        }
        Ok(Self(out))
    }

    /// The form shown and printed: `ABC234-...`, 8 groups of 6.
    pub fn grouped(&self) -> Zeroizing<String> {
        let groups: Vec<&str> = (0..GROUPS).map(|i| &self.0[i * GROUP_LEN..(i + 1) * GROUP_LEN]).collect();
        Zeroizing::new(groups.join("-"))
    }

    /// Group `n` (1-based), for the "type back groups 3 and 7" confirmation.
    pub fn group(&self, n: usize) -> Option<&str> {
        (1..=GROUPS).contains(&n).then(|| &self.0[(n - 1) * GROUP_LEN..n * GROUP_LEN])
    }

    fn master(&self, salt: &[u8], params: &KdfParams) -> Result<Zeroizing<[u8; 32]>> {
        params.check()?;
        let argon = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(params.memory_kib, params.iterations, params.lanes, Some(32))
                .map_err(|_| Error::internal("The recovery settings in vault.json are not valid."))?,
        );
        let mut out = Zeroizing::new([0u8; 32]);
        argon
            .hash_password_into(self.0.as_bytes(), salt, out.as_mut())
            .map_err(|_| Error::internal("The recovery key could not be processed."))?;
        Ok(out)
    }
}

impl fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryKey(..)")
    }
}

/// Argon2id cost, stored beside the salt so it can be raised later without breaking old files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    pub memory_kib: u32,
    pub iterations: u32,
    pub lanes: u32,
}

impl Default for KdfParams {
    /// OWASP's first Argon2id choice (64 MiB, 3 passes); a recovery costs well under a second.
    fn default() -> Self {
        Self { memory_kib: 64 * 1024, iterations: 3, lanes: 1 }
    }
}

/// The most a file may ask the recovery key's Argon2id to cost: 16 times the memory and 5 times
/// the passes of the default, room to raise them later. A backup header or `vault.json` asking
/// for more was not written by CP Tracker: 4 GiB of memory aborted the process.
const MAX_MEMORY_KIB: u32 = 1024 * 1024;
const MAX_ITERATIONS: u32 = 16;
const MAX_LANES: u32 = 8;

impl KdfParams {
    /// Refuses a cost no CP Tracker file asks for, before any memory is taken for it.
    pub fn check(&self) -> Result<()> {
        let within = (8..=MAX_MEMORY_KIB).contains(&self.memory_kib)
            && (1..=MAX_ITERATIONS).contains(&self.iterations)
            && (1..=MAX_LANES).contains(&self.lanes);
        if within {
            Ok(())
        } else {
            Err(Error::new(
                ErrorCode::Invalid,
                "This file asks for recovery settings CP Tracker never uses: it was not made by CP Tracker, or it \
                 is damaged. Nothing was changed.",
            ))
        }
    }
}

/// Keys derived from a recovery key for one installation.
pub struct RecoverySecrets {
    wrap: Zeroizing<[u8; 32]>,
    backup: Zeroizing<[u8; 32]>,
}

impl RecoverySecrets {
    pub fn derive(key: &RecoveryKey, salt: &[u8], params: &KdfParams) -> Result<Self> {
        let master = key.master(salt, params)?;
        let hk = Hkdf::<Sha256>::new(Some(salt), master.as_ref());
        let mut wrap = Zeroizing::new([0u8; 32]);
        let mut backup = Zeroizing::new([0u8; 32]);
        hk.expand(b"cp-tracker/wrap-database-key/v1", wrap.as_mut())
            .and_then(|()| hk.expand(b"cp-tracker/backup-key/v1", backup.as_mut()))
            .map_err(|_| Error::internal("Key derivation failed."))?;
        Ok(Self { wrap, backup })
    }

    /// Shared mode: the seed of the organisation's sealed-box key, to which each laptop seals
    /// its own database password as it joins (`vault::server_slot`), so the recovery key
    /// releases a laptop's password as a lead's passphrase does.
    pub fn box_seed(&self) -> Result<DbKey> {
        let mut out = Zeroizing::new([0u8; 32]);
        Hkdf::<Sha256>::new(None, self.wrap.as_ref())
            .expand(b"cp-tracker/organisation-sealed-box/v1", out.as_mut())
            .map_err(|_| Error::internal("Key derivation failed."))?;
        DbKey::from_slice(out.as_ref())
    }

    /// The key backups are encrypted with (a raw SQLCipher key).
    pub fn backup_key(&self) -> Result<DbKey> {
        DbKey::from_slice(self.backup.as_ref())
    }

    /// Encrypts the database key; `context` (the installation id) is bound in as associated data.
    pub fn wrap(&self, key: &DbKey, context: &str) -> Result<WrappedKey> {
        seal::wrap(&self.wrap, key, context.as_bytes())
    }

    /// Fails with `RecoveryKeyWrong` when this recovery key did not wrap it.
    pub fn unwrap(&self, wrapped: &WrappedKey, context: &str) -> Result<DbKey> {
        seal::unwrap(&self.wrap, wrapped, context.as_bytes()).map_err(|e| match e {
            Unwrap::WrongKey => Error::new(
                ErrorCode::RecoveryKeyWrong,
                "That recovery key does not open this installation's records. Check it and try again.",
            ),
            Unwrap::Damaged => Error::new(ErrorCode::KeyInvalid, "The recovery data in vault.json is damaged."),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cheap() -> KdfParams {
        KdfParams { memory_kib: 256, iterations: 1, lanes: 1 }
    }

    #[test]
    fn generated_keys_are_grouped_and_parse_back() {
        let key = RecoveryKey::generate().unwrap();
        let grouped = key.grouped();
        assert_eq!(grouped.len(), 48 + 7);
        assert!(grouped.split('-').all(|g| g.len() == 6 && g.bytes().all(|b| ALPHABET.contains(&b))));
        let typed = grouped.to_lowercase().replace('-', " ");
        assert_eq!(*RecoveryKey::parse(&typed).unwrap().grouped(), *grouped);
        assert_eq!(key.group(3).unwrap(), grouped.split('-').nth(2).unwrap());
        assert!(key.group(0).is_none() && key.group(9).is_none());
    }

    #[test]
    fn look_alikes_and_short_keys_are_refused() {
        assert_eq!(RecoveryKey::parse(&"O".repeat(48)).unwrap_err().code, ErrorCode::RecoveryKeyWrong);
        assert_eq!(RecoveryKey::parse("ABC234").unwrap_err().code, ErrorCode::RecoveryKeyWrong);
    }

    #[test]
    fn wrap_round_trips_and_wrong_key_or_context_is_refused() {
        let salt = [7u8; 16];
        let recovery = RecoveryKey::generate().unwrap();
        let secrets = RecoverySecrets::derive(&recovery, &salt, &cheap()).unwrap();
        let db_key = DbKey::generate().unwrap();
        let wrapped = secrets.wrap(&db_key, "install-1").unwrap();
        assert_eq!(secrets.unwrap(&wrapped, "install-1").unwrap().as_bytes(), db_key.as_bytes());

        assert_eq!(secrets.unwrap(&wrapped, "install-2").unwrap_err().code, ErrorCode::RecoveryKeyWrong);
        let other = RecoverySecrets::derive(&RecoveryKey::generate().unwrap(), &salt, &cheap()).unwrap();
        assert_eq!(other.unwrap(&wrapped, "install-1").unwrap_err().code, ErrorCode::RecoveryKeyWrong);
    }

    /// A crafted backup header or vault.json asked for 4 GiB and aborted the process.
    #[test]
    fn a_cost_no_cp_tracker_file_asks_for_is_refused_before_it_is_paid() {
        let key = RecoveryKey::generate().unwrap();
        for params in [
            KdfParams { memory_kib: u32::MAX, iterations: 3, lanes: 1 },
            KdfParams { memory_kib: 4 * 1024 * 1024, iterations: 3, lanes: 1 },
            KdfParams { memory_kib: 65_536, iterations: u32::MAX, lanes: 1 },
            KdfParams { memory_kib: 65_536, iterations: 3, lanes: 0 },
        ] {
            let err = RecoverySecrets::derive(&key, &[1; 16], &params).err().expect("refused");
            assert_eq!(err.code, ErrorCode::Invalid, "{params:?}");
        }
        assert!(KdfParams::default().check().is_ok());
    }

    #[test]
    fn backup_key_differs_from_wrapping_key() {
        let secrets = RecoverySecrets::derive(&RecoveryKey::generate().unwrap(), &[1; 16], &cheap()).unwrap();
        assert_ne!(secrets.backup_key().unwrap().as_bytes(), &secrets.wrap[..]);
    }
}
