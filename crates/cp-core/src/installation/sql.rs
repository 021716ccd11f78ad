//! The secrets kept inside the encrypted database: the backup key, kept at set-up and after
//! recovery (when the recovery key is at hand), because the recovery key is shown only once.

use crate::store::Store;
use crate::store::db::{Conn, query};
use crate::vault::DbKey;
use crate::vault::file::RecoveryRecord;
use crate::{Error, ErrorCode, Result};

const BACKUP_KEY: &str = "backup_key";
/// The recovery record (vault.json's) that the backup key belongs to, once the recovery key
/// has been changed: the authority if vault.json was not rewritten (`rotate.rs`).
const RECOVERY_RECORD: &str = "recovery_record";

pub(crate) async fn store_recovery_record(conn: &mut Conn<'_>, record: &RecoveryRecord) -> Result<()> {
    let json = serde_json::to_string(record).map_err(|_| Error::internal("The recovery record could not be kept."))?;
    query("INSERT INTO vault_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
    )
    .bind(RECOVERY_RECORD)
    .bind(json)
    .execute(conn)
    .await?;
    Ok(())
}

pub(crate) async fn recovery_record(store: &Store) -> Result<Option<RecoveryRecord>> {
    let json: Option<String> =
        query("SELECT value FROM vault_secrets WHERE name = $1").bind(RECOVERY_RECORD).scalar(&mut store.db()).await?;
    json.map(|j| {
        serde_json::from_str(&j)
            .map_err(|_| Error::new(ErrorCode::KeyInvalid, "The recovery record kept in the database is damaged."))
    })
    .transpose()
}

/// Kept at set-up and after recovery, when the recovery key is at hand. Backups from format 2
/// on no longer use it (they copy the file under the database key); it is still kept so that an
/// older build, should a laptop go back to one, can make its own backups of the same folder.
pub(crate) async fn store_backup_key(conn: &mut Conn<'_>, key: &DbKey) -> Result<()> {
    query("INSERT INTO vault_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
    )
    .bind(BACKUP_KEY)
    .bind(hex::encode(key.as_bytes()))
    .execute(conn)
    .await?;
    Ok(())
}
