//! A key in the keyring that cannot open the records, like a missing one, leads to the
//! recovery key (before, a wrong-length key or another installation's key was a dead end:
//! an error at every start with nothing to do). A damaged database is still told apart.

mod common;

use common::{MemoryKeys, now, set_up};
use cp_core::ErrorCode;
use cp_core::installation::{Installation, Opened};
use cp_core::vault::{DbKey, KeyStore, RecoveryKey};

async fn needs_recovery_then_recovers(dir: &std::path::Path, keys: &MemoryKeys, recovery: &RecoveryKey) {
    let install = Installation::new(dir);
    let Ok(Opened::NeedsRecovery(vault)) = install.open(keys).await else { panic!("the recovery key is asked for") };
    let store = install.recover(&vault, recovery, keys, now()).await.unwrap();
    assert_eq!(cp_core::leads::organisation_name(&store).await.unwrap(), "Org");
    store.close().await;
    let Ok(Opened::Ready { store, .. }) = install.open(keys).await else { panic!("the right key is back") };
    store.close().await;
}

#[tokio::test]
async fn a_key_of_the_wrong_length_leads_to_recovery() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (store, recovery) = set_up(dir.path(), &keys, "Org").await;
    store.close().await;
    let id = cp_core::vault::file::read(dir.path()).unwrap().unwrap().installation_id;
    keys.0.lock().unwrap().insert(id, vec![7; 20]);
    needs_recovery_then_recovers(dir.path(), &keys, &recovery).await;
}

#[tokio::test]
async fn another_key_leads_to_recovery_and_a_damaged_file_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (store, recovery) = set_up(dir.path(), &keys, "Org").await;
    store.close().await;
    let vault = cp_core::vault::file::read(dir.path()).unwrap().unwrap();
    let right = keys.load(&vault.installation_id).unwrap().unwrap();
    keys.save(&vault.installation_id, &DbKey::generate().unwrap()).unwrap();
    needs_recovery_then_recovers(dir.path(), &keys, &recovery).await;

    // The right key and a damaged file: the file is the problem, and it says so.
    assert_eq!(keys.load(&vault.installation_id).unwrap().unwrap().as_bytes(), right.as_bytes());
    let db = cp_core::store::db_path(dir.path());
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[100..200].fill(0x5a);
    std::fs::write(&db, &bytes).unwrap();
    let err = Installation::new(dir.path()).open(&keys).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::DatabaseUnreadable, "{err}");
}

#[tokio::test]
async fn a_folder_set_up_before_key_checks_gets_one_when_it_opens() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (store, _) = set_up(dir.path(), &keys, "Org").await;
    store.close().await;
    let mut vault = cp_core::vault::file::read(dir.path()).unwrap().unwrap();
    let check = vault.key_check.take().expect("set-up writes the check");
    cp_core::vault::file::write(dir.path(), &vault).unwrap();
    assert!(!std::fs::read_to_string(dir.path().join("vault.json")).unwrap().contains("keyCheck"));

    let Ok(Opened::Ready { store, vault }) = Installation::new(dir.path()).open(&keys).await else { panic!() };
    store.close().await;
    assert_eq!(vault.key_check.as_deref(), Some(check.as_str()));
    assert_eq!(cp_core::vault::file::read(dir.path()).unwrap().unwrap().key_check, Some(check));
}
