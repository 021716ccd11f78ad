//! Backups: one file, restorable on a new laptop with the recovery key alone.
//!
//! Layout: a first line `CP-TRACKER-BACKUP 2`, a second line holding the header, then a
//! SQLCipher database with a laptop's schema. A laptop's backup: the header is the
//! installation's `vault.json` (salt, cost, installation id, the database key wrapped by the
//! recovery key: nothing secret), and the database part is the laptop's database file itself,
//! copied byte for byte, still encrypted under the database key, which the recovery key
//! unwraps from the header. No page is decrypted on the way, so the backup costs about what a
//! plain copy of the file costs. Format 1 (until December 2026) re-encrypted every page under
//! the backup key, derived from the recovery key, with `sqlcipher_export` (fourteen times a
//! plain copy); its backups restore as they always did. A backup of the organisation's server,
//! made from any of its laptops (`from_server`): the header says so, and the part's key is
//! sealed to the organisation's recovery key.
//!
//! Either restores into either mode: into an empty data folder (`restore`, the app's and the
//! CLI's), or into an empty prepared database on the organisation's server (`into_server`).

mod from_server;
pub mod into_server;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::AssertSqlSafe;
use ts_rs::TS;

use crate::audit::{self, Action, Actor, Entry};
use crate::clock::stamp;
use crate::error::io_error;
use crate::installation::{Installation, backup_record, recovery_secrets};
use crate::store::{OpenMode, Store, db_error};
use crate::vault::{self, KeyStore, RecoveryKey, VaultFile};
use crate::{Error, ErrorCode, Result};

/// The first line, with the format that follows it.
const MAGIC: &str = "CP-TRACKER-BACKUP";
const FORMAT: u32 = 2;

/// The header's line is padded with spaces (which its reader trims) so that the part after it
/// starts on a multiple of this. Linux copies a file into another at such an offset as fast as
/// a plain copy; just after a header of a kilobyte or two, a quarter slower (300 MB: 196 ms at
/// offset 0 or 64 KiB, 247 ms at 4 KiB; ext4, issue 27).
pub const PART_ALIGN: usize = 64 * 1024;

/// What a laptop's backup's database part is encrypted under, which its format says.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PartKey {
    /// Format 1: the backup key, derived from the recovery key; restoring gives the file back
    /// its database key.
    BackupKey,
    /// Format 2 on: the database's own key (the part is a copy of the file).
    DatabaseKey,
}

/// How many times a backup folds in the write-ahead log and takes the write lock before
/// saying the records were busy: a lead's save between the two makes it try again.
const COPY_ATTEMPTS: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupSummary {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// A laptop's backup's second line: the vault (its recovery record opens the backup) and the
/// audit trail's head when the backup was made, so a restore can tell the trail arrived whole.
/// Backups from before the head have none; the restore then checks the chain alone.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Header {
    #[serde(flatten)]
    vault: VaultFile,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    audit_head: Option<audit::anchor::Head>,
}

/// What a backup's second line says it is.
enum Made {
    OnLaptop(Box<Header>, PartKey),
    FromServer(from_server::ServerHeader),
}

/// The format a backup's first line names: None for a file that is not a backup.
fn format_of(first_line: &str) -> Option<u32> {
    first_line.trim_end().strip_prefix(MAGIC)?.strip_prefix(' ')?.parse().ok().filter(|f| *f >= 1)
}

/// A backup file read up to its database part: what made it, and the reader at the part.
fn read_header(file: &Path) -> Result<(Made, BufReader<std::fs::File>)> {
    let not_backup = || Error::invalid("That file is not a CP Tracker backup.");
    let mut reader = BufReader::new(std::fs::File::open(file).map_err(|e| io_error(&e, "open the backup file"))?);
    let mut line = String::new();
    reader.read_line(&mut line).map_err(|_| not_backup())?;
    let part_key = match format_of(&line) {
        Some(1) => PartKey::BackupKey,
        Some(FORMAT) => PartKey::DatabaseKey,
        Some(_) => {
            return Err(Error::invalid(
                "This backup was made by a newer version of CP Tracker. Install the newest version, then restore it.",
            ));
        }
        None => return Err(not_backup()),
    };
    line.clear();
    reader.read_line(&mut line).map_err(|_| not_backup())?;
    let json: serde_json::Value = serde_json::from_str(line.trim_end()).map_err(|_| not_backup())?;
    let made = if json.get(from_server::MARK).is_some() {
        Made::FromServer(serde_json::from_value(json).map_err(|_| not_backup())?)
    } else {
        Made::OnLaptop(Box::new(serde_json::from_value(json).map_err(|_| not_backup())?), part_key)
    };
    Ok((made, reader))
}

/// Writes a backup to `out` (never over an existing file), recording it in the audit chain first
/// so the backup contains its own audit row.
pub async fn backup(
    store: &Store,
    vault: &VaultFile,
    out: &Path,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<BackupSummary> {
    // The save dialog has already asked the lead before replacing a file; an older backup may
    // be replaced (atomically, below), anything else never is.
    if out.exists() && !is_backup(out) {
        return Err(Error::invalid(
            "A file with that name already exists and is not a CP Tracker backup. Choose another name; nothing was overwritten.",
        ));
    }
    if store.server_pool().is_some() {
        return from_server::backup(store, out, actor, now).await;
    }
    // The header carries the recovery record, which wraps the database key the copy is
    // encrypted under, and the audit trail's head once the backup's own row is in it.
    let vault = backup_record(store, vault).await?;
    audit::record(store, Entry::new(stamp(now), actor, Action::BackupMade)).await?;
    let header = &Header { vault, audit_head: audit::anchor::current(store).await? };
    write_backup_file(out, header, async |into| copy_database(store, into).await).await
}

/// The laptop's database file copied into `into` byte for byte, with every commit before the
/// copy in it. The write-ahead log is first folded into the file (`TRUNCATE` leaves it empty),
/// then SQLite's write lock is held while the file is read, so no commit can arrive mid-copy;
/// a lead's save that slipped in between the two shows as a log no longer empty, and the fold
/// is done again. Readers carry on throughout; writers wait (up to the 10 s busy timeout) for
/// the copy, about a quarter of a second for 10,000 cases.
async fn copy_database(store: &Store, into: &mut std::fs::File) -> Result<()> {
    let (Some(pool), Some(file)) = (store.file_pool(), store.path()) else {
        return Err(Error::internal("Not a laptop's file."));
    };
    let mut wal = file.as_os_str().to_owned();
    wal.push("-wal");
    let wal = PathBuf::from(wal);
    for _ in 0..COPY_ATTEMPTS {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(pool).await.map_err(db_error)?;
        let lock = pool.begin_with("BEGIN IMMEDIATE").await.map_err(db_error)?;
        if std::fs::metadata(&wal).map_or(true, |m| m.len() == 0) {
            let copied = std::fs::File::open(file).and_then(|mut db| std::io::copy(&mut db, into));
            lock.rollback().await.map_err(db_error)?;
            return copied.map(drop).map_err(|e| io_error(&e, "write the backup file"));
        }
        lock.rollback().await.map_err(db_error)?;
    }
    Err(Error::new(
        ErrorCode::RecordsBusy,
        "Records were being saved the whole time the backup needed them to stay still, so no backup was made. Try again in a minute.",
    ))
}

/// Writes a backup file beside `out` (its first line, `header`, then what `part` writes),
/// flushes it to the disk, and only then puts it in place of `out`: a backup that fails
/// half-way leaves nothing, and never a damaged file under the name the lead chose.
async fn write_backup_file(
    out: &Path,
    header: &impl serde::Serialize,
    part: impl AsyncFnOnce(&mut std::fs::File) -> Result<()>,
) -> Result<BackupSummary> {
    let tmp = sibling(out, "partial");
    let failed = |e: std::io::Error| io_error(&e, "write the backup file");
    let written = async {
        let mut f = std::fs::File::create(&tmp).map_err(failed)?;
        let header = serde_json::to_string(header).map_err(|e| failed(std::io::Error::other(e)))?;
        let mut lines = format!("{MAGIC} {FORMAT}\n{header}");
        let pad = (PART_ALIGN - (lines.len() + 1) % PART_ALIGN) % PART_ALIGN;
        lines.extend(std::iter::repeat_n(' ', pad));
        lines.push('\n');
        // One write: the file is not buffered, and padding written through `write!` goes a
        // character at a time.
        f.write_all(lines.as_bytes()).map_err(failed)?;
        part(&mut f).await?;
        f.sync_all().map_err(failed)?;
        let bytes = f.metadata().map_err(failed)?.len();
        std::fs::rename(&tmp, out).map_err(failed)?;
        Ok(bytes)
    }
    .await;
    match written {
        Ok(bytes) => Ok(BackupSummary { path: out.display().to_string(), bytes }),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

fn is_backup(path: &Path) -> bool {
    let mut first = String::new();
    std::fs::File::open(path)
        .map(|f| BufReader::new(f.take(64)).read_line(&mut first).is_ok() && format_of(&first).is_some())
        .unwrap_or(false)
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(format!(".{suffix}"));
    path.with_file_name(name)
}

/// Restores a backup into an empty data folder: the recovery key opens it, the database gets
/// back its own key (which the recovery key and the leads' slots in the header wrap), this
/// laptop's keyring gets the laptop secret (unwrapped by that key), and the result is reopened
/// and its audit chain verified before anything is reported as done. The leads then sign in
/// with their passphrases.
pub async fn restore(
    file: &Path,
    recovery: &RecoveryKey,
    into: &Installation,
    keys: &dyn KeyStore,
    now: DateTime<Utc>,
) -> Result<Store> {
    if vault::file::read(&into.data_dir)?.is_some() || into.db_path().exists() {
        return Err(Error::new(
            ErrorCode::AlreadySetUp,
            "That data folder already holds CP Tracker records. Restore only into an empty folder; nothing was changed.",
        ));
    }
    let (made, mut reader) = read_header(file)?;
    let (Header { vault: old_vault, audit_head }, part_key) = match made {
        Made::OnLaptop(header, part_key) => (*header, part_key),
        Made::FromServer(header) => return from_server::restore(reader, header, recovery, into, keys, now).await,
    };

    let old_recovery = old_vault.recovery()?.clone();
    let secrets = recovery_secrets(recovery, &old_vault.salt()?, &old_recovery.kdf).await?;
    // Prove the recovery key before writing anything into the new folder. The records get
    // back the database key they had, which the leads' key slots in the header release.
    let data_key = secrets.unwrap(&old_recovery.wrapped_key, &old_vault.installation_id)?;
    let laptop = match &old_vault.laptop_secret {
        Some(wrapped) => Some(vault::slot::unwrap_laptop_secret(&data_key, wrapped)?),
        None => None,
    };

    let result = async {
        let (dir, db) = (&into.data_dir, &into.db_path());
        let store = match part_key {
            PartKey::DatabaseKey => open_part(&mut reader, dir, db, &data_key).await?,
            // Opened with the backup key, then given back the database key it had.
            PartKey::BackupKey => place_part(&mut reader, dir, db, &secrets.backup_key()?, &data_key).await?,
        };
        // The head the backup was made at becomes the restored folder's anchor: a trail that
        // arrived shorter, or other than it was, fails the check below.
        if let Some(head) = &audit_head {
            audit::anchor::advance(&store, head).await;
        }
        audit::ensure_intact(&store).await?;
        // A restored installation is a new one, with its own keyring entry: restoring on the
        // computer that made the backup must never replace the original records' entry.
        let installation_id = crate::installation::new_installation_id()?;
        let wrapped = secrets.wrap(&data_key, &installation_id)?;
        // The keyring holds the laptop secret (a backup from before key slots: the database key).
        let (account, in_keyring) = match &laptop {
            Some(laptop) => (vault::keyring::laptop_account(&installation_id), laptop.clone()),
            None => (vault::keyring::legacy_account(&installation_id), data_key.clone()),
        };
        let new_vault = VaultFile {
            key_check: Some(in_keyring.check_value(&installation_id)),
            installation_id,
            recovery: Some(vault::file::RecoveryRecord { wrapped_key: wrapped, ..old_recovery.clone() }),
            ..old_vault.clone()
        };
        // The database's recovery record follows the new vault (its key is wrapped for the new
        // installation), or the next start would put the old one back (`installation::rotate`).
        crate::write::run(&store, Actor::System, now, async |w| {
            crate::installation::store_recovery_record(&mut w.sql(), new_vault.recovery()?).await?;
            w.audit_entry(Entry::new(stamp(now), Actor::System, Action::Restored)).await
        })
        .await?;
        vault::file::write(&into.data_dir, &new_vault)?;
        keys.save(&account, &in_keyring)?;
        Ok(store)
    }
    .await;
    if result.is_err() {
        into.remove_partial_setup();
    }
    result
}

/// The backup's database part (the rest of `reader`) written to `db` in a folder readable by
/// its owner only, opened with `part_key` and given `data_key` in its place.
async fn place_part(
    reader: &mut BufReader<std::fs::File>,
    dir: &Path,
    db: &Path,
    part_key: &vault::DbKey,
    data_key: &vault::DbKey,
) -> Result<Store> {
    let restored = open_part(reader, dir, db, part_key).await?;
    let rekey = data_key.in_sql("PRAGMA rekey = ");
    let rekeyed = match restored.file_pool() {
        Some(pool) => {
            sqlx::query(AssertSqlSafe(rekey.as_str())).persistent(false).execute(pool).await.map_err(db_error)
        }
        None => Err(Error::internal("Not a laptop's file.")),
    };
    restored.close().await;
    rekeyed?;
    Store::open(db, data_key, OpenMode::Existing).await
}

/// The backup's database part written to `db` and opened with its own key.
async fn open_part(
    reader: &mut BufReader<std::fs::File>,
    dir: &Path,
    db: &Path,
    part_key: &vault::DbKey,
) -> Result<Store> {
    crate::paths::create_private_dir(dir)?;
    let mut copy = || -> std::io::Result<()> {
        let mut out = std::fs::File::create(db)?;
        std::io::copy(reader, &mut out)?;
        out.sync_all()
    };
    copy().map_err(|e| io_error(&e, "write the restored database"))?;
    Store::open(db, part_key, OpenMode::Existing).await
}
