//! The laptop secret's home: the OS credential store (Secret Service on Linux, Keychain on
//! macOS, Credential Manager on Windows) through the `keyring` crate. Folders from before key
//! slots kept the database key itself there, under another name, until each lead has a slot.

use zeroize::Zeroizing;

use super::key::DbKey;
use crate::{Error, ErrorCode, Result, paths::APP_IDENTIFIER};

/// Where the laptop secret is kept. The app uses `OsKeyring`; tests whose subject is not the
/// keyring keep secrets in memory behind the same trait. Credentials are named by `account`
/// (`laptop_account`, `legacy_account`), which carries the installation id, so two data
/// folders on one laptop (or many in tests) never share one.
pub trait KeyStore: Send + Sync {
    /// `Ok(None)` when the store works but holds nothing under this name.
    fn load(&self, account: &str) -> Result<Option<DbKey>>;
    fn save(&self, account: &str, key: &DbKey) -> Result<()>;
    /// Nothing under this name afterwards; not an error if there was nothing.
    fn delete(&self, account: &str) -> Result<()>;
}

/// A joined laptop's sign-in desk's password (`shared::desk`): it opens no record.
pub fn desk_account(installation_id: &str) -> String {
    format!("sign-in-desk-{installation_id}")
}

/// The laptop secret of an installation (format 2 vaults).
pub fn laptop_account(installation_id: &str) -> String {
    format!("laptop-secret-{installation_id}")
}

/// The database key itself, as folders from before key slots kept it (format 1 vaults).
pub fn legacy_account(installation_id: &str) -> String {
    format!("database-key-{installation_id}")
}

/// The operating system's credential store.
pub struct OsKeyring;

fn entry(account: &str) -> Result<keyring::Entry> {
    keyring::Entry::new(APP_IDENTIFIER, account).map_err(map_error)
}

impl KeyStore for OsKeyring {
    fn load(&self, account: &str) -> Result<Option<DbKey>> {
        match entry(account)?.get_secret() {
            Ok(secret) => {
                let secret = Zeroizing::new(secret);
                DbKey::from_slice(&secret).map(Some)
            }
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(err) => Err(map_error(err)),
        }
    }

    fn save(&self, account: &str, key: &DbKey) -> Result<()> {
        entry(account)?.set_secret(key.as_bytes()).map_err(map_error)
    }

    fn delete(&self, account: &str) -> Result<()> {
        match entry(account)?.delete_credential() {
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
