//! Keys: the database key, where it lives (the OS keyring), and how the recovery key brings
//! it back (`vault.json`).

pub mod file;
pub mod key;
pub mod keyring;
pub mod recovery;

pub use file::VaultFile;
pub use key::DbKey;
pub use keyring::{KeyStore, OsKeyring};
pub use recovery::{KdfParams, RecoveryKey, RecoverySecrets};
