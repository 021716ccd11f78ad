//! The store: the records, through sqlx, on one of two engines: a SQLCipher file per
//! installation (the default), or the organisation's PostgreSQL in shared mode. Here: opening
//! either, the file's settings, and what every area's SQL shares (the write transaction, the
//! error mapping, the stored form of enums, one SQL text for both engines in `db`). Each
//! area's own SQL lives in its folder's `sql.rs`.

mod closing;
pub mod db;
mod errors;
pub mod notify;
mod server_schema;

pub use server_schema::check as check_server_schema;
pub mod text;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use sqlx::postgres::PgPool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Postgres, Sqlite, Transaction};

pub use errors::{db_error, server_error};

use db::{Conn, Engine};

use crate::vault::{DbKey, Signer};
use crate::{Error, ErrorCode, Result};

pub const DB_FILE: &str = "cp-tracker.db";

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// The organisation's schema on PostgreSQL: dated files in `migrations/postgres/`, beside the
/// SQLite ones, with the same tables, columns and append-only guards (a test holds the two to
/// each other).
pub static POSTGRES_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

pub fn db_path(data_dir: &Path) -> PathBuf {
    data_dir.join(DB_FILE)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// The file must exist; it is never created or replaced.
    Existing,
    /// The file must not exist yet.
    Create,
}

#[derive(Clone, Debug)]
enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

#[derive(Clone, Debug)]
pub struct Store {
    pool: Pool,
    /// The database file's path (in shared mode, where it would be): its folder holds the
    /// audit trail's anchor (`audit::anchor`), this laptop's record of the trail's head. None
    /// for the admin's command line on the server, which keeps no laptop's anchor.
    path: Option<PathBuf>,
    /// The signing keys of the leads these records are open for (the signed-in lead; set-up,
    /// which made them, holds every lead's): the audit rows they write carry their signature.
    signers: Arc<RwLock<HashMap<i64, Arc<Signer>>>>,
    /// A file's pool is closed when its last clone is dropped, before the process may exit.
    _close_on_drop: Option<Arc<closing::CloseOnDrop>>,
}

impl Store {
    /// Opens (or creates) the encrypted database, refuses one whose schema is newer than
    /// this build knows, then applies this build's migrations.
    pub async fn open(path: &Path, key: &DbKey, mode: OpenMode) -> Result<Self> {
        match (mode, path.exists()) {
            (OpenMode::Existing, false) => {
                return Err(Error::new(ErrorCode::NotSetUp, "The data folder has no CP Tracker database."));
            }
            (OpenMode::Create, true) => {
                return Err(Error::new(
                    ErrorCode::AlreadySetUp,
                    "The data folder already holds a CP Tracker database.",
                ));
            }
            _ => {}
        }
        // An existing installation's file emptied to 0 bytes: refused before connecting, since
        // opening it (the key, WAL mode) would write to it.
        if mode == OpenMode::Existing && std::fs::metadata(path).is_ok_and(|m| m.len() == 0) {
            return Err(emptied());
        }
        let pool = connect(path, key, mode == OpenMode::Create).await?;
        match prepare(&pool, mode).await {
            Ok(()) => Ok(Self::file(pool, path)),
            Err(e) => {
                // Closed, not dropped: a connection left closing on its worker thread while
                // the process exits (the CLI, after printing the refusal) can crash it.
                pool.close().await;
                Err(e)
            }
        }
    }

    /// The organisation's records on its PostgreSQL, through `pool` (made by
    /// `shared::connect`, so only over verified TLS). Laptops' roles may not change the schema,
    /// so none is applied here: one newer than this build is refused, and one older is for
    /// whoever runs the database to bring up to date. `path` is where this laptop's database
    /// file would be, for the audit trail's anchor beside it (None on the server's admin).
    pub async fn open_shared(pool: PgPool, path: Option<&Path>) -> Result<Self> {
        match server_schema::check(&pool).await {
            Ok(()) => Ok(Self {
                pool: Pool::Postgres(pool),
                path: path.map(Path::to_owned),
                signers: Arc::default(),
                _close_on_drop: None,
            }),
            Err(e) => {
                pool.close().await;
                Err(e)
            }
        }
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Where the statements of a read run: whichever of the pool's connections is free.
    pub fn db(&self) -> Conn<'_> {
        match &self.pool {
            Pool::Sqlite(p) => Conn::SqlitePool(p),
            Pool::Postgres(p) => Conn::PostgresPool(p),
        }
    }

    pub fn engine(&self) -> Engine {
        match self.pool {
            Pool::Sqlite(_) => Engine::Sqlite,
            Pool::Postgres(_) => Engine::Postgres,
        }
    }

    /// The SQLCipher file's pool, for what only a file has (its backup copy, `VACUUM`, its
    /// integrity check); `None` in shared mode, where the server keeps those.
    pub fn file_pool(&self) -> Option<&SqlitePool> {
        match &self.pool {
            Pool::Sqlite(p) => Some(p),
            Pool::Postgres(_) => None,
        }
    }

    /// The organisation's server's pool, for what only a server has (listening for changes);
    /// `None` on a laptop's file.
    pub(crate) fn server_pool(&self) -> Option<&PgPool> {
        match &self.pool {
            Pool::Postgres(p) => Some(p),
            Pool::Sqlite(_) => None,
        }
    }

    /// A write transaction that holds the records' one write lock from its start, so
    /// read-then-write steps (the audit chain's previous hash, reference numbers) cannot
    /// interleave with another writer: SQLite's, taken at once (`BEGIN IMMEDIATE`), which also
    /// keeps out the admin CLI in another process; on PostgreSQL, a transaction-scoped
    /// advisory lock every laptop takes first, released at commit or rollback.
    pub async fn begin_write(&self) -> Result<Tx> {
        match &self.pool {
            Pool::Sqlite(p) => Ok(Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await.map_err(db_error)?)),
            Pool::Postgres(p) => {
                let mut tx = p.begin().await.map_err(server_error)?;
                sqlx::query("SELECT pg_advisory_xact_lock($1)")
                    .bind(WRITE_LOCK)
                    .execute(&mut *tx)
                    .await
                    .map_err(server_error)?;
                Ok(Tx::Postgres(tx))
            }
        }
    }

    pub async fn close(self) {
        match self.pool {
            Pool::Sqlite(p) => p.close().await,
            Pool::Postgres(p) => p.close().await,
        }
    }

    /// After records are destroyed: the write-ahead log copied into the database file and
    /// emptied, so the destroyed records' old pages are left nowhere (`secure_delete` has
    /// zeroed them in the file). A reader holding the log open makes this wait for the next
    /// checkpoint; that is logged, not an error, as the change itself is saved. The server
    /// keeps its own write-ahead log, which PostgreSQL recycles.
    pub async fn scrub(&self) {
        if let Pool::Sqlite(pool) = &self.pool {
            let done: std::result::Result<(i64, i64, i64), sqlx::Error> =
                sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)").fetch_one(pool).await;
            match done {
                Ok((0, _, _)) => {}
                Ok(_) => tracing::warn!(
                    "the write-ahead log could not be emptied after records were destroyed: a reader held it"
                ),
                Err(e) => {
                    tracing::warn!(error = %e, "the write-ahead log could not be emptied after records were destroyed")
                }
            }
        }
    }

    /// Closes a database opened with `OpenMode::Create`, whose rollback journal leaves
    /// everything in its main file once each transaction commits, so it can be moved as one
    /// file: set-up builds it aside and renames it into place.
    pub async fn close_as_one_file(self) -> Result<()> {
        // A journal left behind would mean a transaction never finished: refuse to move it.
        let journal = self.path.as_ref().map(|p| PathBuf::from(format!("{}-journal", p.display())));
        self.close().await;
        if journal.and_then(|j| std::fs::metadata(j).ok()).is_some_and(|m| m.len() > 0) {
            return Err(Error::internal("The new database could not be completed: set up again."));
        }
        Ok(())
    }

    /// Benchmarks only: opens an existing *unencrypted* copy of a database, with the same
    /// settings as the real one, to measure what SQLCipher costs. The app never calls it.
    #[doc(hidden)]
    pub async fn open_unencrypted_for_benchmarks(path: &Path) -> Result<Self> {
        if !path.exists() {
            return Err(Error::new(ErrorCode::NotSetUp, "There is no database there."));
        }
        let pool = SqlitePoolOptions::new().max_connections(4).connect_with(options(path, false)?).await?;
        Ok(Self::file(pool, path))
    }

    fn file(pool: SqlitePool, path: &Path) -> Self {
        Self {
            _close_on_drop: Some(Arc::new(closing::CloseOnDrop::new(pool.clone()))),
            pool: Pool::Sqlite(pool),
            path: Some(path.to_owned()),
            signers: Arc::default(),
        }
    }

    /// The audit rows `signer`'s lead writes through this store (and its clones) are signed
    /// from now on.
    pub fn sign_as(&self, signer: Signer) {
        self.signers.write().unwrap_or_else(|p| p.into_inner()).insert(signer.lead_id, Arc::new(signer));
    }

    pub fn signer(&self, lead_id: i64) -> Option<Arc<Signer>> {
        self.signers.read().unwrap_or_else(|p| p.into_inner()).get(&lead_id).cloned()
    }

    /// Who signs a row: the lead it names, or for a row of the installation's own (a sign-in's
    /// earlier failures, the archive rule), the lead the records are open for, as witness.
    pub(crate) fn signer_for_row(&self, lead_id: Option<i64>) -> Option<Arc<Signer>> {
        let signers = self.signers.read().unwrap_or_else(|p| p.into_inner());
        match lead_id {
            Some(id) => signers.get(&id).cloned(),
            None => signers.keys().min().and_then(|id| signers.get(id)).cloned(),
        }
    }
}

/// The advisory lock every shared-mode write takes first ("CPTR").
const WRITE_LOCK: i64 = 0x4350_5452;

/// A write's transaction, on either engine; committed whole or rolled back when dropped.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Tx {
    pub fn conn(&mut self) -> Conn<'_> {
        match self {
            Tx::Sqlite(tx) => Conn::Sqlite(tx),
            Tx::Postgres(tx) => Conn::Postgres(tx),
        }
    }

    pub async fn commit(self) -> Result<()> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await.map_err(db_error),
            Tx::Postgres(tx) => tx.commit().await.map_err(server_error),
        }
    }
}

fn options(path: &Path, create: bool) -> Result<SqliteConnectOptions> {
    closing::count_connection_threads();
    Ok(SqliteConnectOptions::from_str("sqlite:")?
        .filename(path)
        .create_if_missing(create)
        // A new database (set-up builds it aside, then moves it into place) keeps a rollback
        // journal, so once closed it is one whole file: a WAL could still be in the middle of
        // being folded in by a connection closing on its worker thread. Its first open in
        // place turns it to WAL.
        .journal_mode(if create { SqliteJournalMode::Delete } else { SqliteJournalMode::Wal })
        // FULL: in WAL mode, NORMAL may lose the last commits on power loss. An acknowledged
        // safeguarding record must survive a pulled plug; a commit costs one extra fsync.
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10))
        // 32 MiB of decrypted pages per connection, filled only as pages are read: SQLCipher
        // decrypts on every cache miss. The weekly checklist of 1,000 live cases reads more
        // than 16 MiB; at 16 it took 150-300 ms, most of it decrypting the same pages again
        // (41% of its time in libcrypto), and 60 ms at 32 (scripts/bench, 2026-12-06).
        .pragma("cache_size", "-32768")
        // Deleted content is overwritten, not left readable in free pages.
        .pragma("secure_delete", "ON"))
}

async fn connect(path: &Path, key: &DbKey, create: bool) -> Result<SqlitePool> {
    let pragma_key = key.pragma_value();
    // sqlx always sends `key` first, before any other pragma touches the file. The pool keeps
    // a plain copy of this value for as long as it is open (it opens new connections with
    // it), and sqlx's API gives no way to wipe it: the one copy of the key CP Tracker cannot
    // zeroise.
    let options = options(path, create)?.pragma("key", pragma_key.as_str().to_owned());
    let pool = SqlitePoolOptions::new().max_connections(4).connect_with(options).await;
    // A refused key's connection is closing on its thread too.
    closing::wait_at_exit();
    pool.map_err(db_error)
}

/// Proves the key, refuses a schema newer than this build or a file that was emptied, then
/// applies this build's migrations.
async fn prepare(pool: &SqlitePool, mode: OpenMode) -> Result<()> {
    // The first real read proves the key: a wrong key or a damaged file fails here,
    // before anything is written.
    let known: i64 = sqlx::query_scalar("SELECT count(*) FROM sqlite_master").fetch_one(pool).await?;
    if known > 0 {
        refuse_newer_schema(pool).await?;
    } else if mode == OpenMode::Existing {
        // An existing installation's file with nothing in it was emptied (truncated to
        // 0 bytes, or replaced): building a fresh schema on it would hide the loss.
        return Err(emptied());
    }
    MIGRATOR.run(pool).await.map_err(|e| match e {
        sqlx::migrate::MigrateError::Execute(e) => db_error(e),
        _ => Error::new(
            ErrorCode::SchemaTooNew,
            "The database's schema does not match this version of CP Tracker. It has been left as it is.",
        ),
    })?;
    Ok(())
}

fn emptied() -> Error {
    Error::new(
        ErrorCode::DatabaseUnreadable,
        "CP Tracker's database file is empty: the records in it were lost or replaced. It has been left as it \
         is. Restore the latest backup, or ask whoever looks after this laptop.",
    )
}

async fn refuse_newer_schema(pool: &SqlitePool) -> Result<()> {
    let has_table: i64 =
        sqlx::query_scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'")
            .fetch_one(pool)
            .await?;
    if has_table == 0 {
        return Err(Error::new(
            ErrorCode::DatabaseUnreadable,
            "This file is not a CP Tracker database. It has been left as it is.",
        ));
    }
    let applied: Vec<i64> = sqlx::query_scalar("SELECT version FROM _sqlx_migrations").fetch_all(pool).await?;
    let known: Vec<i64> = MIGRATOR.iter().map(|m| m.version).collect();
    if applied.iter().any(|v| !known.contains(v)) {
        return Err(Error::new(
            ErrorCode::SchemaTooNew,
            "These records were saved by a newer version of CP Tracker. Install that version (or newer) to open them; \
             nothing has been changed.",
        ));
    }
    Ok(())
}

/// The newest schema version this build knows.
pub fn schema_version() -> i64 {
    MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
}
