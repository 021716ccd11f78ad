//! Against the real Secret Service: the test command runs every test inside a private D-Bus
//! session with its own gnome-keyring (scripts/lib/with-test-keyring.sh).

use crate::common;

use std::path::PathBuf;
use std::process::Command;

use common::{now, setup_input};
use cp_core::ErrorCode;
use cp_core::installation::{Installation, Opened};
use cp_core::leads;
use cp_core::vault::keyring::laptop_account;
use cp_core::vault::{KeyStore, OsKeyring, RecoveryKey};

fn example(name: &str) -> PathBuf {
    // Integration tests live in target/<profile>/deps; cargo builds examples beside them.
    common::example(name)
}

#[tokio::test]
async fn a_key_stored_by_one_process_is_read_by_another() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = RecoveryKey::generate().unwrap();
    let store = Installation::new(dir.path())
        .set_up(&setup_input("Keyring Org"), &recovery, &OsKeyring, now())
        .await
        .unwrap_or_else(|e| panic!("set-up with the real keyring failed: {e}"));
    store.close().await;

    let out = Command::new(example("open_with_os_keyring")).arg(dir.path()).output().unwrap();
    assert!(out.status.success(), "second process failed ({}): {}", out.status, String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "Keyring Org");
}

#[tokio::test]
async fn a_lost_keyring_entry_is_recovered_with_the_recovery_key() {
    let dir = tempfile::tempdir().unwrap();
    let install = Installation::new(dir.path());
    let recovery = RecoveryKey::generate().unwrap();
    let store = install.set_up(&setup_input("Recovered Org"), &recovery, &OsKeyring, now()).await.unwrap();
    store.close().await;

    let Opened::Ready(vault) = install.open(&OsKeyring).await.unwrap() else { panic!("not ready") };
    let account = laptop_account(&vault.installation_id);
    OsKeyring.delete(&account).unwrap();
    assert!(OsKeyring.load(&account).unwrap().is_none());

    let Opened::NeedsRecovery(vault) = install.open(&OsKeyring).await.unwrap() else { panic!("should need recovery") };

    let wrong = RecoveryKey::generate().unwrap();
    let err = install.recover(&vault, &wrong, &OsKeyring, now()).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::RecoveryKeyWrong);

    // As a lead would type it from the printed sheet: lower case, spaces between groups.
    let typed = RecoveryKey::parse(&recovery.grouped().to_lowercase().replace('-', " ")).unwrap();
    let store = install.recover(&vault, &typed, &OsKeyring, now()).await.unwrap();
    assert_eq!(leads::organisation_name(&store).await.unwrap(), "Recovered Org");
    store.close().await;

    // The laptop secret is back in the keyring: a normal start and sign-in work again, in
    // another process too.
    let out = Command::new(example("open_with_os_keyring")).arg(dir.path()).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "Recovered Org",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    OsKeyring.delete(&account).unwrap();
}

#[tokio::test]
async fn no_reachable_password_store_gives_advice_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = RecoveryKey::generate().unwrap();
    let store = Installation::new(dir.path()).set_up(&setup_input("Org"), &recovery, &OsKeyring, now()).await.unwrap();
    store.close().await;
    let db = cp_core::store::db_path(dir.path());
    let before = std::fs::read(&db).unwrap();

    // The same data folder, started where no Secret Service can be reached.
    let out = Command::new(common::example("open_with_os_keyring"))
        .arg(dir.path())
        .env("DBUS_SESSION_BUS_ADDRESS", format!("unix:path={}", dir.path().join("no-bus").display()))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(message.contains("password store"), "{message}");
    assert!(message.contains("Secret Service"), "advice on what to run: {message}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
}
