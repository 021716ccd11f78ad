//! A backup restored into the organisation's server: an empty database just prepared with
//! `shared init` (without --demo or --lead) receives every record of a backup, whether a
//! laptop or the server made it, as `shared::import_local` moves a laptop's records, with the
//! audit trail intact and checked there (`cp-tracker-admin shared restore`).
//!
//! The leads keep their passphrases. A backup of the server carries their server slots; a
//! laptop's carries their key slots, which open only with each lead's passphrase (and the
//! laptop secret, which the recovery key unwraps), so whoever restores it asks each lead.
//!
//! The backup's database part is written, still encrypted, into a private temporary folder for
//! the copy, and removed after it.

use std::io::BufReader;
use std::path::Path;

use chrono::{DateTime, Utc};
use zeroize::Zeroizing;

use super::{Header, Made, PartKey, from_server, open_part, read_header};
use crate::audit::{self, Action};
use crate::installation::recovery_secrets;
use crate::leads::{self, Lead};
use crate::shared::import_local::{Imported, copy_into_server, server_slots};
use crate::store::Store;
use crate::vault::{self, DbKey, RecoveryKey, ServerSlot, VaultFile};
use crate::{Error, ErrorCode, Result};

/// A backup opened with its recovery key, ready to go into a server.
pub struct OpenedBackup {
    store: Store,
    ways_in: WaysIn,
    // Removed (with the part inside) when this is dropped, after the store has closed.
    _dir: tempfile::TempDir,
}

enum WaysIn {
    Server(Vec<ServerSlot>),
    Laptop { vault: Box<VaultFile>, laptop: DbKey },
}

impl OpenedBackup {
    /// Opens `file` with the recovery key it was made under. Nothing is written anywhere but
    /// the private temporary folder.
    pub async fn open(file: &Path, recovery: &RecoveryKey) -> Result<Self> {
        let (made, mut reader) = read_header(file)?;
        let dir = tempfile::Builder::new()
            .prefix("cp-tracker-restore")
            .tempdir()
            .map_err(|e| crate::error::io_error(&e, "make a private folder for the restore"))?;
        let db = dir.path().join(crate::store::DB_FILE);
        let (store, ways_in, head) = match made {
            Made::FromServer(header) => {
                let (key, slots) = from_server::open_sealed(&header, recovery).await?;
                let store = open_part(&mut reader, dir.path(), &db, &key).await?;
                (store, WaysIn::Server(slots), from_server::head(&header).cloned())
            }
            Made::OnLaptop(header, part_key) => {
                let Header { vault, audit_head } = *header;
                let (store, laptop) = open_laptops(&mut reader, dir.path(), &db, &vault, part_key, recovery).await?;
                (store, WaysIn::Laptop { vault: Box::new(vault), laptop }, audit_head)
            }
        };
        let opened = Self { store, ways_in, _dir: dir };
        // The trail as the backup's header says it was: shorter or otherwise is refused here.
        if let Some(head) = &head {
            audit::anchor::advance(&opened.store, head).await;
        }
        if let Err(e) = audit::ensure_intact(&opened.store).await {
            opened.store.close().await;
            return Err(e);
        }
        Ok(opened)
    }

    /// The leads whose passphrases moving these records to a server needs: every active lead
    /// of a laptop's backup; none for a backup of the server, which carries their ways in.
    pub async fn leads_to_ask(&self) -> Result<Vec<Lead>> {
        match &self.ways_in {
            WaysIn::Server(_) => Ok(Vec::new()),
            WaysIn::Laptop { .. } => {
                Ok(leads::list_leads(&self.store).await?.into_iter().filter(|l| l.active).collect())
            }
        }
    }

    /// Every record into `to`, an empty prepared database, each lead with a server slot (from
    /// `passphrases` for a laptop's backup: each lead's id and passphrase). All or nothing.
    pub async fn into_server(
        self,
        to: &Store,
        passphrases: &[(i64, Zeroizing<String>)],
        now: DateTime<Utc>,
    ) -> Result<Imported> {
        let result = async {
            let slots = match &self.ways_in {
                WaysIn::Server(slots) => slots.clone(),
                WaysIn::Laptop { vault, laptop } => {
                    let mut leads = Vec::with_capacity(passphrases.len());
                    for (id, typed) in passphrases {
                        leads.push((*id, typed.clone(), seed_of(vault, laptop, *id, typed).await?));
                    }
                    server_slots(&leads).await?
                }
            };
            copy_into_server(&self.store, to, &slots, Action::Restored, now).await
        }
        .await;
        self.store.close().await;
        result
    }
}

/// A laptop's backup's part, opened with the key its recovery key gives (the database key, or
/// in format 1 the backup key), and the laptop secret its leads' slots need, which the
/// database key unwraps.
async fn open_laptops(
    reader: &mut BufReader<std::fs::File>,
    dir: &Path,
    db: &Path,
    vault: &VaultFile,
    part_key: PartKey,
    recovery: &RecoveryKey,
) -> Result<(Store, DbKey)> {
    let record = vault.recovery()?;
    let secrets = recovery_secrets(recovery, &vault.salt()?, &record.kdf).await?;
    let data_key = secrets.unwrap(&record.wrapped_key, &vault.installation_id)?;
    let wrapped = vault.laptop_secret.as_ref().ok_or_else(|| {
        Error::invalid(
            "This backup was made before leads had key slots, so their passphrases cannot be checked from it. \
             Restore it on a laptop, sign in there once, and make a new backup.",
        )
    })?;
    let laptop = vault::slot::unwrap_laptop_secret(&data_key, wrapped)?;
    let key = match part_key {
        PartKey::DatabaseKey => data_key,
        PartKey::BackupKey => secrets.backup_key()?,
    };
    Ok((open_part(reader, dir, db, &key).await?, laptop))
}

/// The lead's signing seed from their slot in a laptop's backup, if `typed` is their passphrase.
async fn seed_of(vault: &VaultFile, laptop: &DbKey, lead_id: i64, typed: &Zeroizing<String>) -> Result<DbKey> {
    let refused = || {
        Error::new(
            ErrorCode::SignInRefused,
            format!(
                "The passphrase given for lead {lead_id} does not open their key in this backup. Nothing was changed."
            ),
        )
    };
    let slot = vault.slot(lead_id).cloned().ok_or_else(refused)?;
    let (typed, laptop) = (typed.clone(), laptop.clone());
    let opened = tokio::task::spawn_blocking(move || slot.open(&typed, &laptop))
        .await
        .map_err(|_| Error::internal("Checking the passphrase failed."))??;
    opened.and_then(|c| c.signing_seed).ok_or_else(refused)
}
