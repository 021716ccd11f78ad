//! A new recovery key: backups made after it open only with it, older ones with the key they
//! were made under, and this laptop's records recover with the new key only. Before, the
//! recovery key could never be changed, so a key seen by the wrong person opened every
//! backup for ever.

use crate::common;

use common::{MemoryKeys, now, set_up};
use cp_core::ErrorCode;
use cp_core::audit::Actor;
use cp_core::backup;
use cp_core::installation::{Installation, Opened, Unlocked};
use cp_core::vault::RecoveryKey;

#[tokio::test]
async fn backups_after_a_new_recovery_key_open_only_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let keys = MemoryKeys::default();
    let (store, old_key) = set_up(&data, &keys, "Org").await;
    store.close().await;
    let install = Installation::new(&data);
    let Unlocked { store, key: db_key, vault, .. } = common::sign_in(&data, &keys, common::JOANNA).await;
    let before = dir.path().join("before.cptbak");
    backup::backup(&store, &vault, &before, Actor::Lead(1), now()).await.unwrap();

    let new_key = RecoveryKey::generate().unwrap();
    let vault = install.rotate_recovery_key(&store, &vault, &db_key, &new_key, 1, now()).await.unwrap();
    assert_eq!(cp_core::vault::file::read(&data).unwrap().unwrap(), vault);
    let after = dir.path().join("after.cptbak");
    backup::backup(&store, &vault, &after, Actor::Lead(1), now()).await.unwrap();
    let changed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'recovery_key_changed'")
        .fetch_one(store.file_pool().unwrap())
        .await
        .unwrap();
    assert_eq!(changed, 1);
    store.close().await;

    let restore = |file: std::path::PathBuf, key: RecoveryKey, into: &str| {
        let into = Installation::new(dir.path().join(into));
        let keys = MemoryKeys::default();
        async move {
            let done = backup::restore(&file, &key, &into, &keys, now()).await;
            if let Ok(store) = &done {
                store.clone().close().await;
            }
            done.map(|_| ())
        }
    };
    let err = restore(after.clone(), old_key.clone(), "a").await.unwrap_err();
    assert_eq!(err.code, ErrorCode::RecoveryKeyWrong, "{err}");
    restore(after, new_key.clone(), "b").await.unwrap();
    restore(before, old_key.clone(), "c").await.unwrap();

    // This laptop's records: the old key no longer recovers them, the new one does.
    keys.0.lock().unwrap().clear();
    let Ok(Opened::NeedsRecovery(vault)) = install.open(&keys).await else { panic!() };
    let err = install.recover(&vault, &old_key, &keys, now()).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::RecoveryKeyWrong);
    install.recover(&vault, &new_key, &keys, now()).await.unwrap().close().await;
}

/// Stopped after the database took the new key and before vault.json did: the next start
/// finishes it, and backups made meanwhile already open with the new key.
#[tokio::test]
async fn a_change_stopped_part_way_is_finished_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (store, _) = set_up(dir.path(), &keys, "Org").await;
    store.close().await;
    let install = Installation::new(dir.path());
    let Unlocked { store, key: db_key, vault: old_vault, .. } =
        common::sign_in(dir.path(), &keys, common::JOANNA).await;
    let new_key = RecoveryKey::generate().unwrap();
    let rotated = install.rotate_recovery_key(&store, &old_vault, &db_key, &new_key, 1, now()).await.unwrap();
    store.close().await;
    cp_core::vault::file::write(dir.path(), &old_vault).unwrap(); // as if the app stopped first

    // The next sign-in finishes it.
    let Unlocked { store, vault, .. } = common::sign_in(dir.path(), &keys, common::JOANNA).await;
    assert_eq!(vault, rotated);
    assert_eq!(cp_core::vault::file::read(dir.path()).unwrap().unwrap(), rotated);
    store.close().await;
}
