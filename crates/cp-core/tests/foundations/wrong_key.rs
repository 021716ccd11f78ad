//! A key in the keyring that cannot open the records, like a missing one, leads to the
//! recovery key (before, a wrong-length key or another installation's key was a dead end:
//! an error at every start with nothing to do). A damaged database is still told apart.

use crate::common;

use common::{MemoryKeys, now, set_up};
use cp_core::ErrorCode;
use cp_core::installation::{Installation, Opened};
use cp_core::vault::keyring::laptop_account;
use cp_core::vault::{DbKey, KeyStore, RecoveryKey};

async fn needs_recovery_then_recovers(dir: &std::path::Path, keys: &MemoryKeys, recovery: &RecoveryKey) {
    let install = Installation::new(dir);
    let Ok(Opened::NeedsRecovery(vault)) = install.open(keys).await else { panic!("the recovery key is asked for") };
    let store = install.recover(&vault, recovery, keys, now()).await.unwrap();
    assert_eq!(cp_core::leads::organisation_name(&store).await.unwrap(), "Org");
    store.close().await;
    let Ok(Opened::Ready(_)) = install.open(keys).await else { panic!("the right key is back") };
    common::sign_in(dir, keys, common::JOANNA).await.store.close().await;
}

#[tokio::test]
async fn a_key_of_the_wrong_length_leads_to_recovery() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (store, recovery) = set_up(dir.path(), &keys, "Org").await;
    store.close().await;
    let id = cp_core::vault::file::read(dir.path()).unwrap().unwrap().installation_id;
    keys.0.lock().unwrap().insert(laptop_account(&id), vec![7; 20]);
    needs_recovery_then_recovers(dir.path(), &keys, &recovery).await;
}

#[tokio::test]
async fn another_key_leads_to_recovery_and_a_damaged_file_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (store, recovery) = set_up(dir.path(), &keys, "Org").await;
    store.close().await;
    let vault = cp_core::vault::file::read(dir.path()).unwrap().unwrap();
    let account = laptop_account(&vault.installation_id);
    let right = keys.load(&account).unwrap().unwrap();
    keys.save(&account, &DbKey::generate().unwrap()).unwrap();
    needs_recovery_then_recovers(dir.path(), &keys, &recovery).await;

    // The right key and a damaged file: the file is the problem, and it says so.
    assert_eq!(keys.load(&account).unwrap().unwrap().as_bytes(), right.as_bytes());
    let db = cp_core::store::db_path(dir.path());
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[100..200].fill(0x5a);
    std::fs::write(&db, &bytes).unwrap();
    // Start-up reads only vault.json; the records show the damage when a lead signs in.
    let install = Installation::new(dir.path());
    let Ok(Opened::Ready(vault)) = install.open(&keys).await else { panic!() };
    let (lead, passphrase) = common::JOANNA;
    let Err(err) = install.sign_in(&vault, &keys, lead, passphrase, now()).await else { panic!("opened") };
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

    let Ok(Opened::Ready(vault)) = Installation::new(dir.path()).open(&keys).await else { panic!() };
    assert_eq!(vault.key_check.as_deref(), Some(check.as_str()));
    assert_eq!(cp_core::vault::file::read(dir.path()).unwrap().unwrap().key_check, Some(check));
}

/// Wrong recovery keys were checked as fast as they came, and left no trace. Now five are
/// free, then each waits, counted before the check across processes (an OS file lock), and
/// the refused ones are audited once the right key opens the records.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn wrong_recovery_keys_are_slowed_down_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let keys = std::sync::Arc::new(MemoryKeys::default());
    let (store, recovery) = set_up(dir.path(), keys.as_ref(), "Org").await;
    store.close().await;
    let id = cp_core::vault::file::read(dir.path()).unwrap().unwrap().installation_id;
    keys.0.lock().unwrap().clear();
    let install = Installation::new(dir.path());
    let Ok(Opened::NeedsRecovery(vault)) = install.open(keys.as_ref()).await else { panic!() };

    // Twenty attempts at once: five are checked, the rest wait.
    let wrong = RecoveryKey::generate().unwrap();
    let mut attempts = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let (folder, vault, wrong, keys) = (dir.path().to_owned(), vault.clone(), wrong.clone(), keys.clone());
        attempts.spawn(async move { Installation::new(folder).recover(&vault, &wrong, keys.as_ref(), now()).await });
    }
    let mut codes = Vec::new();
    while let Some(result) = attempts.join_next().await {
        codes.push(result.unwrap().unwrap_err().code);
    }
    assert_eq!(codes.iter().filter(|c| **c == ErrorCode::RecoveryKeyWrong).count(), 5, "{codes:?}");
    assert_eq!(codes.iter().filter(|c| **c == ErrorCode::SignInDelayed).count(), 15, "{codes:?}");

    let err = install.recover(&vault, &recovery, keys.as_ref(), now()).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::SignInDelayed, "even the right key waits its turn");
    let later = now() + chrono::Duration::seconds(31);
    let store = install.recover(&vault, &recovery, keys.as_ref(), later).await.unwrap();
    let trail: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT action, record_id FROM audit_log ORDER BY id DESC LIMIT 2")
            .fetch_all(store.file_pool().unwrap())
            .await
            .unwrap();
    assert_eq!(trail, [("recovered".to_owned(), None), ("recovery_key_refused".to_owned(), Some("5".to_owned()))]);
    assert!(keys.load(&laptop_account(&id)).unwrap().is_some());
    assert!(!dir.path().join("recovery-attempts.json").exists(), "the count starts again");
    store.close().await;
}
