//! The database key: 32 random bytes from the OS CSPRNG, used as a raw SQLCipher key.

use std::fmt;

use zeroize::Zeroizing;

use crate::{Error, Result};

pub const KEY_LEN: usize = 32;

/// Wiped from memory on drop; its `Debug` never prints the bytes.
#[derive(Clone)]
pub struct DbKey(Zeroizing<[u8; KEY_LEN]>);

impl DbKey {
    pub fn generate() -> Result<Self> {
        let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
        fill_random(bytes.as_mut())?;
        Ok(Self(bytes))
    }

    pub fn from_slice(bytes: &[u8]) -> Result<Self> {
        if bytes.len() != KEY_LEN {
            return Err(Error::new(
                crate::ErrorCode::KeyInvalid,
                "The stored database key has the wrong length. Use your recovery key to restore access.",
            ));
        }
        // Copied straight into its wiped home: a `try_into` array would leave a stack copy.
        let mut key = Zeroizing::new([0u8; KEY_LEN]);
        key.copy_from_slice(bytes);
        Ok(Self(key))
    }

    pub fn as_bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    /// The value for `PRAGMA key`: a raw key, so SQLCipher skips its own PBKDF2 (about 1 ms a
    /// connection instead of over 100 ms). The double quotes are part of the value.
    /// A value that tells whether a key is this installation's without revealing it (HKDF
    /// output; 16 bytes, hex). `vault.json` keeps it, so a wrong key in the keyring is told
    /// apart from a damaged database before SQLCipher is asked.
    pub fn check_value(&self, installation_id: &str) -> String {
        let hk = hkdf::Hkdf::<sha2::Sha256>::new(None, self.0.as_ref());
        let mut out = [0u8; 16];
        let info = [b"cp-tracker key check 1 ".as_slice(), installation_id.as_bytes()].concat();
        // 16 bytes is far below HKDF-SHA256's limit, so expand cannot fail.
        let _ = hk.expand(&info, &mut out);
        hex::encode(out)
    }

    pub(crate) fn pragma_value(&self) -> Zeroizing<String> {
        self.in_sql("")
    }

    /// `before` followed by the key as a SQL literal (`"x'…'"`), for `ATTACH … KEY` and
    /// `PRAGMA rekey`. Built in place at its final size, in wiped memory: a string that grows
    /// or a `hex::encode` in between leaves copies of the key on the heap.
    pub(crate) fn in_sql(&self, before: &str) -> Zeroizing<String> {
        let mut digits = Zeroizing::new([0u8; KEY_LEN * 2]);
        let mut out = Zeroizing::new(String::with_capacity(before.len() + KEY_LEN * 2 + 5));
        let (key, into): (&[u8], &mut [u8]) = (&self.0[..], &mut digits[..]);
        if hex::encode_to_slice(key, into).is_ok() {
            out.push_str(before);
            out.push_str("\"x'");
            out.extend(digits.iter().map(|d| char::from(*d)));
            out.push_str("'\"");
        }
        out
    }
}

impl fmt::Debug for DbKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DbKey(..)")
    }
}

pub(crate) fn fill_random(buf: &mut [u8]) -> Result<()> {
    getrandom::fill(buf).map_err(|_| {
        Error::internal("This computer's random number generator is not available, so no key can be made.")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_in_sql_is_built_without_growing() {
        let key = DbKey::from_slice(&[0xab; KEY_LEN]).unwrap();
        let sql = key.in_sql("PRAGMA rekey = ");
        assert_eq!(sql.as_str(), format!("PRAGMA rekey = \"x'{}'\"", "ab".repeat(KEY_LEN)));
        assert_eq!(sql.capacity(), sql.len(), "one allocation, never moved");
        assert!(DbKey::from_slice(&[1; KEY_LEN - 1]).is_err());
    }

    #[test]
    fn keys_are_random_and_never_printed() {
        let a = DbKey::generate().unwrap();
        let b = DbKey::generate().unwrap();
        assert_ne!(a.as_bytes(), b.as_bytes());
        assert_eq!(format!("{a:?}"), "DbKey(..)");
    }

    #[test]
    fn pragma_value_is_a_quoted_raw_hex_key() {
        let key = DbKey::from_slice(&[0xab; 32]).unwrap();
        let v = key.pragma_value();
        assert_eq!(v.len(), 64 + 5);
        assert!(v.starts_with("\"x'abab") && v.ends_with("'\""));
    }

    #[test]
    fn wrong_length_is_refused() {
        assert_eq!(DbKey::from_slice(&[1; 31]).unwrap_err().code, crate::ErrorCode::KeyInvalid);
    }
}
