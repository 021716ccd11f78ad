//! A backup of the organisation's server (shared mode), made from any of its laptops, and its
//! restore into an empty data folder as a laptop's own records.
//!
//! The file has a backup's usual shape (`mod.rs`): its database part is a SQLCipher file with
//! a laptop's schema, holding every record the server holds, read in one snapshot, so it
//! restores into either mode. What opens it is the organisation's recovery key: the part's key
//! is random, sealed to the public part of that key, which the server keeps (so every laptop
//! can make a backup and none can open one). The leads' server slots travel with it, sealed
//! under the part's key, so each lead signs in on the restored records with the passphrase
//! they had.

use std::io::BufReader;
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteArguments;

use super::{BackupSummary, place_part, sibling, write_backup_file};
use crate::audit::{self, Action, Actor, Entry};
use crate::clock::stamp;
use crate::installation::Installation;
use crate::shared::devices::quoted;
use crate::shared::tables::{Kind, copy_order, server_columns};
use crate::shared::{lead_slots, recovery};
use crate::store::{OpenMode, Store, db_error, server_error};
use crate::vault::{DbKey, KeyStore, RecoveryKey, ServerSlot, SharedRecovery, WrappedKey, server_slot};
use crate::{Error, ErrorCode, Result};

/// The header's field that marks a backup of the server.
pub(super) const MARK: &str = "server";

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ServerHeader {
    server: Sealed,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    audit_head: Option<audit::anchor::Head>,
}

/// The part's key sealed to the organisation's recovery key (with the salt and cost that
/// derive the rest from it), and the leads' server slots sealed under the part's key.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Sealed {
    recovery: SharedRecovery,
    lead_slots: WrappedKey,
}

/// Writes a backup of the server's records to `out`, auditing it first on the server so the
/// backup holds its own row.
pub(super) async fn backup(store: &Store, out: &Path, actor: Actor, now: DateTime<Utc>) -> Result<BackupSummary> {
    let public = recovery::public(store).await?.ok_or_else(|| {
        Error::new(
            ErrorCode::Invalid,
            "Your organisation's database has no recovery key, so a backup of it could never be opened: none was \
             made. It was prepared before recovery keys; ask whoever runs it to keep backups of the server itself.",
        )
    })?;
    let key = DbKey::generate()?;
    let slots = lead_slots::of_active_leads(store).await?;
    audit::record(store, Entry::new(stamp(now), actor, Action::BackupMade)).await?;

    let part = sibling(out, "db-part");
    let _ = std::fs::remove_file(&part);
    let result = async {
        let file = Store::open(&part, &key, OpenMode::Create).await?;
        let copied = copy_from_server(store, &file).await;
        let head = audit::anchor::current(&file).await;
        file.close_as_one_file().await?;
        copied?;
        let header = ServerHeader {
            server: Sealed {
                recovery: SharedRecovery { sealed: server_slot::seal_to(&public.box_public, &key)?, ..public },
                lead_slots: server_slot::seal_slots(&key, &slots)?,
            },
            audit_head: head?,
        };
        write_backup_file(out, &serde_json::json!(header), async |into| {
            std::fs::File::open(&part)
                .and_then(|mut part| std::io::copy(&mut part, into))
                .map(drop)
                .map_err(|e| crate::error::io_error(&e, "write the backup file"))
        })
        .await
    }
    .await;
    let _ = std::fs::remove_file(&part);
    result
}

/// Every record the server holds, from one snapshot, into `file`'s empty tables. The file's own
/// triggers are dropped for the copy and made again after it (the rows arrive as the server's
/// rules left them, derived rows included, as `import_local` copies the other way), and the
/// search indexes, which only a laptop has, are built from the copied text.
async fn copy_from_server(server: &Store, file: &Store) -> Result<()> {
    let pool = server.server_pool().ok_or_else(|| Error::internal("Not the server's records."))?;
    let sqlite = file.file_pool().ok_or_else(|| Error::internal("Not a laptop's file."))?;
    let tables = copy_order(pool).await?;
    let mut columns = Vec::with_capacity(tables.len());
    for table in &tables {
        columns.push(server_columns(pool, table).await?);
    }
    let mut snapshot = pool.begin().await.map_err(server_error)?;
    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        .execute(&mut *snapshot)
        .await
        .map_err(server_error)?;
    let mut out = sqlite.begin().await.map_err(db_error)?;
    let triggers: Vec<(String, String)> =
        sqlx::query_as("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
            .fetch_all(&mut *out)
            .await
            .map_err(db_error)?;
    for (name, _) in &triggers {
        sqlx::query(sqlx::AssertSqlSafe(format!("DROP TRIGGER {}", quoted(name))))
            .execute(&mut *out)
            .await
            .map_err(db_error)?;
    }
    for (table, columns) in tables.iter().zip(&columns) {
        // Integers of every width read as the one width a laptop keeps.
        let list = columns
            .iter()
            .map(|(n, kind)| match kind {
                Kind::Integer => format!("{}::bigint AS {}", quoted(n), quoted(n)),
                _ => quoted(n),
            })
            .collect::<Vec<_>>()
            .join(", ");
        let rows: Vec<PgRow> = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {list} FROM {}", quoted(table))))
            .fetch_all(&mut *snapshot)
            .await
            .map_err(server_error)?;
        insert_rows(&mut out, table, columns, &rows).await?;
    }
    // The triggers as the file's own migrations made them.
    for (_, sql) in &triggers {
        sqlx::query(sqlx::AssertSqlSafe(sql.clone())).execute(&mut *out).await.map_err(db_error)?;
    }
    sqlx::query("INSERT INTO case_search (case_search) VALUES ('rebuild')")
        .execute(&mut *out)
        .await
        .map_err(db_error)?;
    for fill in crate::search::FILL_STATUS_INDEXES {
        sqlx::query(fill).execute(&mut *out).await.map_err(db_error)?;
    }
    out.commit().await.map_err(db_error)?;
    snapshot.commit().await.map_err(server_error)?;
    Ok(())
}

/// SQLite takes 32,766 values in one statement.
const VALUES_PER_STATEMENT: usize = 30_000;

async fn insert_rows(
    out: &mut sqlx::SqliteConnection,
    table: &str,
    columns: &[(String, Kind)],
    rows: &[PgRow],
) -> Result<()> {
    use sqlx::Arguments;
    let list = columns.iter().map(|(n, _)| quoted(n)).collect::<Vec<_>>().join(", ");
    let per_statement = (VALUES_PER_STATEMENT / columns.len().max(1)).max(1);
    for chunk in rows.chunks(per_statement) {
        let row_marks = format!("({})", vec!["?"; columns.len()].join(", "));
        let sql = format!("INSERT INTO {} ({list}) VALUES {}", quoted(table), vec![row_marks; chunk.len()].join(", "));
        let mut args = SqliteArguments::default();
        for row in chunk {
            for (name, kind) in columns {
                let added: std::result::Result<(), sqlx::error::BoxDynError> = match kind {
                    Kind::Integer => {
                        row.try_get::<Option<i64>, _>(name.as_str()).map_err(Into::into).and_then(|v| args.add(v))
                    }
                    Kind::Real => {
                        row.try_get::<Option<f64>, _>(name.as_str()).map_err(Into::into).and_then(|v| args.add(v))
                    }
                    // A laptop keeps yes/no as 0 and 1.
                    Kind::Boolean => row
                        .try_get::<Option<bool>, _>(name.as_str())
                        .map_err(Into::into)
                        .and_then(|v| args.add(v.map(i64::from))),
                    Kind::Date => {
                        row.try_get::<Option<NaiveDate>, _>(name.as_str()).map_err(Into::into).and_then(|v| args.add(v))
                    }
                    Kind::Text => {
                        row.try_get::<Option<String>, _>(name.as_str()).map_err(Into::into).and_then(|v| args.add(v))
                    }
                    Kind::Bytes => {
                        row.try_get::<Option<Vec<u8>>, _>(name.as_str()).map_err(Into::into).and_then(|v| args.add(v))
                    }
                };
                added.map_err(|e| {
                    Error::caused(
                        ErrorCode::DatabaseUnreadable,
                        format!("The server's {table}.{name} could not be read."),
                        &*e,
                    )
                })?;
            }
        }
        sqlx::query_with(sqlx::AssertSqlSafe(sql), args).execute(&mut *out).await.map_err(db_error)?;
    }
    Ok(())
}

/// What only the recovery key opens: the part's key and the leads' server slots.
pub(super) async fn open_sealed(header: &ServerHeader, recovery_key: &RecoveryKey) -> Result<(DbKey, Vec<ServerSlot>)> {
    let sealed = &header.server;
    let damaged = || Error::new(ErrorCode::KeyInvalid, "That backup is damaged: its keys cannot be read.");
    let salt = hex::decode(&sealed.recovery.salt).map_err(|_| damaged())?;
    let secrets = recovery::secrets(recovery_key, &salt, &sealed.recovery.kdf).await?;
    let key = server_slot::unseal(&secrets.box_seed()?, &sealed.recovery.sealed).map_err(|_| {
        Error::new(
            ErrorCode::RecoveryKeyWrong,
            "That recovery key does not open this backup. It opens with your organisation's recovery key from when \
             the backup was made. Check it and try again.",
        )
    })?;
    let slots = server_slot::open_sealed_slots(&key, &sealed.lead_slots).ok_or_else(damaged)?;
    Ok((key, slots))
}

/// Restores a backup of the server into an empty data folder: the records become this
/// laptop's own, under a new database key that the same recovery key opens, and each lead's
/// server slot becomes a pending way in here (their passphrase, as they had it).
pub(super) async fn restore(
    mut reader: BufReader<std::fs::File>,
    header: ServerHeader,
    recovery_key: &RecoveryKey,
    into: &Installation,
    keys: &dyn KeyStore,
    now: DateTime<Utc>,
) -> Result<Store> {
    // The recovery key proved before anything is written into the new folder.
    let (part_key, slots) = open_sealed(&header, recovery_key).await?;
    let result = async {
        let data_key = DbKey::generate()?;
        let store = place_part(&mut reader, &into.data_dir, &into.db_path(), &part_key, &data_key).await?;
        let taken = async {
            if let Some(head) = &header.audit_head {
                audit::anchor::advance(&store, head).await;
            }
            audit::ensure_intact(&store).await?;
            into.take_restored_server_records(&store, &data_key, recovery_key, &slots, keys, now).await
        }
        .await;
        match taken {
            Ok(()) => Ok(store),
            Err(e) => {
                store.close().await;
                Err(e)
            }
        }
    }
    .await;
    if result.is_err() {
        into.remove_partial_setup();
    }
    result
}

/// The audit trail's head when the backup was made.
pub(super) fn head(header: &ServerHeader) -> Option<&audit::anchor::Head> {
    header.audit_head.as_ref()
}
