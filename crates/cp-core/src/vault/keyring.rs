//! The database key's home: the OS credential store (Secret Service on Linux, Keychain on
//! macOS, Credential Manager on Windows) through the `keyring` crate.

use zeroize::Zeroizing;

use super::key::DbKey;
use crate::{Error, ErrorCode, Result, paths::APP_IDENTIFIER};

/// Where the database key is kept. The app uses `OsKeyring`; unit tests of error paths may
/// use `keyring_core`'s mock store behind the same type.
/// One credential per installation, named by the installation id in `vault.json`, so two
/// data folders on one laptop (or many in tests) never share a key.
pub trait KeyStore: Send + Sync {
    /// `Ok(None)` when the store works but holds no key for this installation.
    fn load(&self, installation_id: &str) -> Result<Option<DbKey>>;
    fn save(&self, installation_id: &str, key: &DbKey) -> Result<()>;
}

/// The operating system's credential store.
pub struct OsKeyring;

fn entry(installation_id: &str) -> Result<keyring::Entry> {
    keyring::Entry::new(APP_IDENTIFIER, &format!("database-key-{installation_id}")).map_err(map_error)
}

impl KeyStore for OsKeyring {
    fn load(&self, installation_id: &str) -> Result<Option<DbKey>> {
        match entry(installation_id)?.get_secret() {
            Ok(secret) => {
                let secret = Zeroizing::new(secret);
                DbKey::from_slice(&secret).map(Some)
            }
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(err) => Err(map_error(err)),
        }
    }

    fn save(&self, installation_id: &str, key: &DbKey) -> Result<()> {
        entry(installation_id)?.set_secret(key.as_bytes()).map_err(map_error)
    }
}

impl OsKeyring {
    /// Removes this installation's key (tests of recovery; a future "forget this laptop").
    pub fn delete(&self, installation_id: &str) -> Result<()> {
        match entry(installation_id)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(err) => Err(map_error(err)),
        }
    }
}

/// The keyring's own messages can name the platform's internals; a lead gets a sentence
/// about what to do instead.
fn map_error(err: keyring::Error) -> Error {
    let lead_sees = lead_sees(&err);
    Error::caused(lead_sees.code, lead_sees.message, &err)
}

fn lead_sees(err: &keyring::Error) -> Error {
    match err {
        keyring::Error::NoStorageAccess(_) => Error::new(
            ErrorCode::KeyringLocked,
            "This computer's password store is locked, so CP Tracker cannot read its key. \
             Unlock it (on Linux, the \"Login\" keyring in Passwords and Keys; signing out of \
             the computer and back in usually unlocks it), then try again.",
        ),
        keyring::Error::NoEntry => Error::new(
            ErrorCode::KeyMissing,
            "This computer's password store has no key for CP Tracker's data. Use your recovery key to restore access.",
        ),
        keyring::Error::BadEncoding(_) | keyring::Error::BadDataFormat(..) => Error::new(
            ErrorCode::KeyInvalid,
            "The key in this computer's password store is damaged. Use your recovery key to restore access.",
        ),
        _ => Error::new(
            ErrorCode::KeyringUnavailable,
            "CP Tracker cannot reach this computer's password store, where it keeps the key to your records. \
             On Linux, make sure a Secret Service such as GNOME Keyring or KWallet is installed and running \
             in your desktop session, then start CP Tracker again.",
        ),
    }
}
