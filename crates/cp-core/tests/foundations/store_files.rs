//! Real SQLCipher files on disk: bad keys and bad files give their clear error and are left
//! byte-for-byte as they were; nothing readable is left in any file.

use crate::common;

use common::{MemoryKeys, now, set_up, snapshot};
use cp_core::ErrorCode;
use cp_core::installation::{Installation, Opened};
use cp_core::store::{self, OpenMode, Store};
use cp_core::vault::DbKey;

/// The records are opened at sign-in (start-up reads only vault.json): a bad file shows there.
async fn sign_in_refused(dir: &std::path::Path, keys: &MemoryKeys) -> cp_core::Error {
    let install = Installation::new(dir);
    let Opened::Ready(vault) = install.open(keys).await.unwrap() else { panic!("not ready") };
    let (lead, passphrase) = common::JOANNA;
    match install.sign_in(&vault, keys, lead, passphrase, now()).await {
        Ok(_) => panic!("the records opened"),
        Err(e) => e,
    }
}

async fn made_db(dir: &std::path::Path) -> (std::path::PathBuf, MemoryKeys) {
    let keys = MemoryKeys::default();
    let (store, _) = set_up(dir, &keys, "Marker Org ZQXJ").await;
    store.close().await;
    (store::db_path(dir), keys)
}

#[tokio::test]
async fn sqlcipher_is_linked_and_the_header_is_not_plain_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let (db, keys) = made_db(dir.path()).await;
    let bytes = snapshot(&db);
    assert_ne!(&bytes[..16], b"SQLite format 3\0", "the file must be encrypted");
    let store = common::sign_in(dir.path(), &keys, common::JOANNA).await.store;
    let version: String =
        sqlx::query_scalar("PRAGMA cipher_version").fetch_one(store.file_pool().unwrap()).await.unwrap();
    assert!(version.starts_with('4'), "SQLCipher 4 expected, got {version}");
    // Built aside with a rollback journal, in WAL once in place (and from then on).
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(store.file_pool().unwrap()).await.unwrap();
    assert_eq!(mode, "wal");
    store.close().await;
}

#[tokio::test]
async fn wrong_key_is_refused_and_the_file_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = made_db(dir.path()).await;
    let before = snapshot(&db);
    let err = Store::open(&db, &DbKey::generate().unwrap(), OpenMode::Existing).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::DatabaseUnreadable, "{err}");
    assert!(err.message.contains("left exactly as it is"));
    assert_eq!(snapshot(&db), before);
}

#[tokio::test]
async fn truncated_file_is_refused_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let (db, keys) = made_db(dir.path()).await;
    let full = snapshot(&db);
    std::fs::write(&db, &full[..full.len() / 2 + 7]).unwrap();
    let before = snapshot(&db);
    let err = sign_in_refused(dir.path(), &keys).await;
    assert_eq!(err.code, ErrorCode::DatabaseUnreadable, "{err}");
    assert_eq!(snapshot(&db), before);
}

/// A file emptied to 0 bytes was opened as a new database, its schema built afresh, and
/// `verify` said the (empty) chain was intact: the loss was hidden.
#[tokio::test]
async fn an_emptied_file_is_refused_and_left_empty() {
    let dir = tempfile::tempdir().unwrap();
    let (db, keys) = made_db(dir.path()).await;
    for side in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(db.with_file_name(format!("cp-tracker.db{side}")));
    }
    std::fs::write(&db, b"").unwrap();
    let err = sign_in_refused(dir.path(), &keys).await;
    assert_eq!(err.code, ErrorCode::DatabaseUnreadable, "{err}");
    assert!(err.message.contains("empty"), "{err}");
    assert!(snapshot(&db).is_empty(), "left as it is");
}

#[tokio::test]
async fn random_bytes_are_refused_and_left_as_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let (db, keys) = made_db(dir.path()).await;
    let mut noise = vec![0u8; 64 * 1024];
    getrandom::fill(&mut noise).unwrap();
    std::fs::write(&db, &noise).unwrap();
    let err = sign_in_refused(dir.path(), &keys).await;
    assert_eq!(err.code, ErrorCode::DatabaseUnreadable, "{err}");
    assert_eq!(snapshot(&db), noise);
}

#[tokio::test]
async fn newer_schema_is_refused_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let (db, keys) = made_db(dir.path()).await;
    {
        let store = common::sign_in(dir.path(), &keys, common::JOANNA).await.store;
        // What a future CP Tracker would leave behind.
        sqlx::query(
            "INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time)
             VALUES (29991231000000, 'from the future', CURRENT_TIMESTAMP, 1, x'00', 0)",
        )
        .execute(store.file_pool().unwrap())
        .await
        .unwrap();
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(store.file_pool().unwrap()).await.unwrap();
        store.close().await;
    }
    let before = snapshot(&db);
    let err = sign_in_refused(dir.path(), &keys).await;
    assert_eq!(err.code, ErrorCode::SchemaTooNew, "{err}");
    assert!(err.message.contains("newer version"));
    assert_eq!(snapshot(&db), before);
}

#[tokio::test]
async fn set_up_never_overwrites_existing_data() {
    let dir = tempfile::tempdir().unwrap();
    let (db, keys) = made_db(dir.path()).await;
    let before = snapshot(&db);
    let recovery = cp_core::vault::RecoveryKey::generate().unwrap();
    let err =
        Installation::new(dir.path()).set_up(&common::setup_input("Other"), &recovery, &keys, now()).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::AlreadySetUp);
    assert_eq!(snapshot(&db), before);
}

#[tokio::test]
async fn no_marker_string_is_readable_in_any_file() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (store, _) = set_up(dir.path(), &keys, "Marker Org ZQXJ").await;
    // Keep the store open so the -wal and -shm files exist while they are scanned.
    let mut tx = store.begin_write().await.unwrap();
    cp_core::leads::sql::insert_lead(
        &mut tx.conn(),
        "Marker Lead KWVQ",
        "Marker Role PLMX",
        "h",
        "2026-11-23T00:00:00Z",
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let markers = ["Marker Org ZQXJ", "Marker Lead KWVQ", "Marker Role PLMX", "Joanna Holmes"];
    let mut scanned = 0;
    for entry in walk(dir.path()) {
        let bytes = std::fs::read(&entry).unwrap();
        scanned += 1;
        for m in markers {
            let found = bytes.windows(m.len()).any(|w| w == m.as_bytes());
            assert!(!found, "{m:?} is readable in {}", entry.display());
        }
    }
    assert!(scanned >= 3, "expected the db, -wal and vault.json at least, scanned {scanned}");
    store.close().await;
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}
