//! Keys: the database key, the laptop secret in the OS keyring, the leads' key slots that
//! release the database key to a passphrase and the laptop secret together, and the recovery
//! key that brings both back (`vault.json`).

pub mod directory;
pub mod file;
pub mod key;
pub mod keyring;
pub mod recovery;
mod seal;
pub mod server_slot;
pub mod signing;
pub mod slot;

pub use directory::{Directory, Listed};
pub use file::{PendingSlot, SharedLink, SharedRecovery, VaultFile};
pub use key::DbKey;
pub use keyring::{KeyStore, OsKeyring};
pub use recovery::{KdfParams, RecoveryKey, RecoverySecrets};
pub use seal::WrappedKey;
pub use server_slot::{ServerSlot, ServerSlotKey};
pub use signing::Signer;
pub use slot::{Slot, SlotContents, SlotKey};
