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
        let array: [u8; KEY_LEN] = bytes.try_into().map_err(|_| {
            Error::new(
                crate::ErrorCode::KeyInvalid,
                "The stored database key has the wrong length. Use your recovery key to restore access.",
            )
        })?;
        Ok(Self(Zeroizing::new(array)))
    }

    pub fn as_bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    /// The value for `PRAGMA key`: a raw key, so SQLCipher skips its own PBKDF2 (about 1 ms a
    /// connection instead of over 100 ms). The double quotes are part of the value.
    pub(crate) fn pragma_value(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("\"x'{}'\"", hex::encode(self.0.as_ref())))
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
