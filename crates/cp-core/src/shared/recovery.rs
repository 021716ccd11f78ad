//! The organisation's recovery key (shared mode), made by `shared init` and shown once. Each
//! laptop seals its own database password to the key's public part as it joins
//! (`installation::shared`), so a laptop whose password store was lost or wiped is recovered
//! with it as a laptop of its own is: the recovery key releases the password, the password
//! the laptop secret, and every lead's passphrase works there again. The server keeps only the
//! public part, with the salt and cost that derive the rest from the key.

use crate::store::Store;
use crate::store::db::query;
use crate::vault::key::fill_random;
use crate::vault::{KdfParams, RecoveryKey, RecoverySecrets, SharedRecovery, server_slot};
use crate::{Error, ErrorCode, Result};

const NAME: &str = "organisation_recovery";

/// Makes the organisation's recovery key and keeps its public part on the server; the key is
/// for whoever runs the database to print and keep safe, never stored.
pub async fn make(store: &Store) -> Result<RecoveryKey> {
    let key = RecoveryKey::generate()?;
    let mut salt = [0u8; 16];
    fill_random(&mut salt)?;
    let kdf = KdfParams::default();
    let secrets = secrets(&key, &salt, &kdf).await?;
    let public = SharedRecovery {
        salt: hex::encode(salt),
        kdf,
        box_public: server_slot::box_public_hex(&secrets.box_seed()?),
        sealed: String::new(),
    };
    let json = serde_json::to_string(&public).map_err(|_| Error::internal("The recovery key could not be kept."))?;
    // Part of preparing the database, before any record or audit row: a laptop's records may
    // still be moved in (`import_local`), bringing their own trail from its first row.
    query("INSERT INTO vault_secrets (name, value) VALUES ($1, $2)")
        .bind(NAME)
        .bind(json)
        .execute(&mut store.db())
        .await?;
    Ok(key)
}

/// The public part, if `shared init` made one.
pub async fn public(store: &Store) -> Result<Option<SharedRecovery>> {
    let json: Option<String> =
        query("SELECT value FROM vault_secrets WHERE name = $1").bind(NAME).scalar(&mut store.db()).await?;
    json.map(|j| {
        serde_json::from_str(&j).map_err(|_| {
            Error::new(ErrorCode::KeyInvalid, "The organisation's recovery record on its database is damaged.")
        })
    })
    .transpose()
}

/// Argon2id at the recovery key's cost: off the async threads.
pub async fn secrets(key: &RecoveryKey, salt: &[u8], kdf: &KdfParams) -> Result<RecoverySecrets> {
    let (key, salt, kdf) = (key.clone(), salt.to_vec(), kdf.clone());
    tokio::task::spawn_blocking(move || RecoverySecrets::derive(&key, &salt, &kdf))
        .await
        .map_err(|_| Error::internal("Processing the recovery key failed."))?
}
