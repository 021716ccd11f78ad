//! Wrapping one secret under another: XChaCha20-Poly1305 with a random 24-byte nonce, and
//! associated data that binds the wrapped secret to where it belongs (an installation, a lead),
//! so a wrapped key moved to another place fails to open.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::key::{DbKey, KEY_LEN, fill_random};
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrappedKey {
    pub nonce: String,
    pub ciphertext: String,
}

/// Why a wrapped key did not open.
#[derive(Debug, PartialEq, Eq)]
pub enum Unwrap {
    /// The wrapping key (or the associated data) is not the one it was wrapped with.
    WrongKey,
    /// The stored value is not a wrapped key at all.
    Damaged,
}

/// A 32-byte key for one purpose (`info`) derived from `secret` (HKDF-SHA256).
pub(crate) fn derived_key(secret: &DbKey, info: &[u8]) -> Zeroizing<[u8; 32]> {
    let mut out = Zeroizing::new([0u8; 32]);
    // 32 bytes is far below HKDF-SHA256's limit, so expand cannot fail.
    let _ = hkdf::Hkdf::<sha2::Sha256>::new(None, secret.as_bytes()).expand(info, out.as_mut());
    out
}

pub(crate) fn wrap(wrapping: &[u8; 32], key: &DbKey, aad: &[u8]) -> Result<WrappedKey> {
    seal(wrapping, key.as_bytes(), aad)
}

pub(crate) fn unwrap(wrapping: &[u8; 32], wrapped: &WrappedKey, aad: &[u8]) -> std::result::Result<DbKey, Unwrap> {
    let plain = open(wrapping, wrapped, aad)?;
    if plain.len() != KEY_LEN {
        return Err(Unwrap::Damaged);
    }
    DbKey::from_slice(&plain).map_err(|_| Unwrap::Damaged)
}

/// Any bytes, sealed the same way (the leads' names in `vault.json`).
pub(crate) fn seal(wrapping: &[u8; 32], msg: &[u8], aad: &[u8]) -> Result<WrappedKey> {
    let mut nonce = [0u8; 24];
    fill_random(&mut nonce)?;
    let ciphertext = XChaCha20Poly1305::new(wrapping.into())
        .encrypt(XNonce::from_slice(&nonce), Payload { msg, aad })
        .map_err(|_| Error::internal("A key could not be wrapped."))?;
    Ok(WrappedKey { nonce: hex::encode(nonce), ciphertext: hex::encode(ciphertext) })
}

pub(crate) fn open(
    wrapping: &[u8; 32],
    wrapped: &WrappedKey,
    aad: &[u8],
) -> std::result::Result<Zeroizing<Vec<u8>>, Unwrap> {
    let nonce = hex::decode(&wrapped.nonce).map_err(|_| Unwrap::Damaged)?;
    let ciphertext = hex::decode(&wrapped.ciphertext).map_err(|_| Unwrap::Damaged)?;
    if nonce.len() != 24 {
        return Err(Unwrap::Damaged);
    }
    XChaCha20Poly1305::new(wrapping.into())
        .decrypt(XNonce::from_slice(&nonce), Payload { msg: &ciphertext, aad })
        .map(Zeroizing::new)
        .map_err(|_| Unwrap::WrongKey)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrapped_key_opens_only_with_its_key_and_its_place() {
        let key = DbKey::generate().unwrap();
        let wrapped = wrap(&[1; 32], &key, b"here").unwrap();
        assert_eq!(unwrap(&[1; 32], &wrapped, b"here").unwrap().as_bytes(), key.as_bytes());
        assert_eq!(unwrap(&[2; 32], &wrapped, b"here").unwrap_err(), Unwrap::WrongKey);
        assert_eq!(unwrap(&[1; 32], &wrapped, b"there").unwrap_err(), Unwrap::WrongKey);
        let bad = WrappedKey { nonce: "zz".into(), ..wrapped };
        assert_eq!(unwrap(&[1; 32], &bad, b"here").unwrap_err(), Unwrap::Damaged);
    }
}
