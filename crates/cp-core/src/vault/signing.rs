//! A lead's signing key: Ed25519, its 32-byte seed kept only in the lead's key slot (wrapped
//! beside the database key), so only the lead's passphrase on this laptop releases it. The
//! audit rows a lead writes carry their signature of the row's hash (`audit::append_all`); the
//! public half is kept in the records (`lead_keys`).

use std::collections::HashMap;
use std::fmt;

use ed25519_dalek::{Signature, Signer as _, SigningKey, Verifier as _, VerifyingKey};

use super::key::DbKey;
use crate::Result;

/// A signed-in lead's key, held by the open records while the lead is signed in. The seed is
/// wiped on drop (`SigningKey` zeroises itself).
pub struct Signer {
    pub lead_id: i64,
    key: SigningKey,
}

/// The public half of the key `seed` makes, before the lead it is for has an id.
pub fn public_hex_of(seed: &DbKey) -> String {
    public_hex(SigningKey::from_bytes(seed.as_bytes()).verifying_key())
}

fn public_hex(key: VerifyingKey) -> String {
    hex::encode(key.to_bytes())
}

impl Signer {
    pub fn new(lead_id: i64, seed: &DbKey) -> Self {
        Self { lead_id, key: SigningKey::from_bytes(seed.as_bytes()) }
    }

    /// A new key for a new lead (or a lead's first slot).
    pub fn generate(lead_id: i64) -> Result<(Self, DbKey)> {
        let seed = DbKey::generate()?;
        Ok((Self::new(lead_id, &seed), seed))
    }

    /// The seed again, for wrapping into a rewrapped slot. Wiped on drop.
    pub fn seed(&self) -> Result<DbKey> {
        DbKey::from_slice(&zeroize::Zeroizing::new(self.key.to_bytes())[..])
    }

    pub fn public_hex(&self) -> String {
        public_hex(self.key.verifying_key())
    }

    /// The signature of a row's hash, in hex.
    pub fn sign(&self, row_hash: &str) -> String {
        hex::encode(self.key.sign(row_hash.as_bytes()).to_bytes())
    }
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Signer(lead {})", self.lead_id)
    }
}

/// The leads' public keys, each decoded once, for checking many rows. A key or signature
/// that does not decode verifies nothing.
#[derive(Default)]
pub struct Verifier(HashMap<i64, VerifyingKey>);

impl Verifier {
    /// From `(lead, public key in hex)`; a key that does not decode verifies nothing.
    pub fn new<'a>(keys: impl IntoIterator<Item = (i64, &'a str)>) -> Self {
        Self(keys.into_iter().filter_map(|(lead, public)| parse_public(public).map(|k| (lead, k))).collect())
    }

    pub fn holds(&self, signer: i64, row_hash: &str, signature: &str) -> bool {
        self.0.get(&signer).is_some_and(|key| holds(key, row_hash, signature))
    }
}

fn parse_public(public: &str) -> Option<VerifyingKey> {
    let bytes = hex::decode(public).ok().and_then(|b| <[u8; 32]>::try_from(b).ok())?;
    VerifyingKey::from_bytes(&bytes).ok()
}

fn holds(key: &VerifyingKey, row_hash: &str, signature: &str) -> bool {
    let Some(signature) = hex::decode(signature).ok().and_then(|b| <[u8; 64]>::try_from(b).ok()) else {
        return false;
    };
    key.verify(row_hash.as_bytes(), &Signature::from_bytes(&signature)).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_only_for_its_row_and_its_key() {
        let (joanna, seed) = Signer::generate(1).unwrap();
        let (elaine, _) = Signer::generate(2).unwrap();
        let signature = joanna.sign("abc");
        let (j, e) = (joanna.public_hex(), elaine.public_hex());
        let verifier = Verifier::new([(1, j.as_str()), (2, e.as_str()), (3, "not a key")]);
        assert!(verifier.holds(1, "abc", &signature));
        assert!(!verifier.holds(1, "abd", &signature), "another row");
        assert!(!verifier.holds(2, "abc", &signature), "another lead's key");
        assert!(!verifier.holds(1, "abc", "zz"));
        assert!(!verifier.holds(3, "abc", &signature) && !verifier.holds(4, "abc", &signature));
        assert_eq!(Signer::new(1, &seed).public_hex(), joanna.public_hex());
        assert_eq!(joanna.seed().unwrap().as_bytes(), seed.as_bytes());
    }
}
