//! Signing in: a lead's passphrase and this laptop's secret together open the lead's key slot,
//! which alone gives the database key. Attempts are counted outside the records (which stay
//! closed until one is right), per lead and across the laptop, before each check.

use crate::common;

use chrono::Duration;
use common::{ELAINE, JOANNA, MemoryKeys, now, set_up};
use cp_core::ErrorCode;
use cp_core::installation::{Installation, Opened, Unlocked};
use cp_core::leads::rules::NewLead;
use cp_core::store::{OpenMode, Store};
use cp_core::vault::keyring::laptop_account;
use cp_core::vault::{KeyStore, VaultFile};

async fn set_up_closed(dir: &std::path::Path, keys: &MemoryKeys) -> (Installation, VaultFile) {
    let (store, _) = set_up(dir, keys, "Org").await;
    store.close().await;
    let install = Installation::new(dir);
    let Opened::Ready(vault) = install.open(keys).await.unwrap() else { panic!("not ready") };
    (install, vault)
}

async fn try_sign_in(
    install: &Installation,
    vault: &VaultFile,
    keys: &MemoryKeys,
    lead: i64,
    passphrase: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> cp_core::Result<Unlocked> {
    install.sign_in(vault, keys, lead, passphrase, at).await
}

/// Before key slots the keyring held the database key itself: any program the lead ran could
/// read it and open every record, and the leads' Argon2 hashes inside could then be guessed
/// offline. Now the keyring's secret opens nothing by itself, the database holds no hash, and
/// vault.json names nobody.
#[tokio::test]
async fn the_keyring_alone_opens_nothing_and_nothing_names_the_leads() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (_, vault) = set_up_closed(dir.path(), &keys).await;
    let db = cp_core::store::db_path(dir.path());
    let in_keyring: Vec<Vec<u8>> = keys.0.lock().unwrap().values().cloned().collect();
    assert_eq!(in_keyring.len(), 1, "one secret for this installation");
    let secret = cp_core::vault::DbKey::from_slice(&in_keyring[0]).unwrap();
    let err = Store::open(&db, &secret, OpenMode::Existing).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::DatabaseUnreadable, "the keyring's secret is not the database key");

    // The laptop secret and a wrong passphrase open no slot; the right one does.
    let laptop = keys.laptop(&vault.installation_id);
    let slot = vault.slot(JOANNA.0).unwrap();
    assert!(slot.open("joanna's long passphrasE", &laptop).unwrap().is_none());
    let key = slot.open(JOANNA.1, &laptop).unwrap().unwrap();

    let store = Store::open(&db, &key.data_key, OpenMode::Existing).await.unwrap();
    let hashes: Vec<String> =
        sqlx::query_scalar("SELECT passphrase_hash FROM leads").fetch_all(store.file_pool().unwrap()).await.unwrap();
    assert!(hashes.iter().all(|h| h == cp_core::leads::IN_KEY_SLOT), "no hash to guess against: {hashes:?}");
    store.close().await;
    let json = std::fs::read_to_string(dir.path().join("vault.json")).unwrap();
    for name in ["Joanna", "Elaine", "Org\""] {
        assert!(!json.contains(name), "vault.json names {name}");
    }
}

#[tokio::test]
async fn the_delay_after_five_failures_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (install, vault) = set_up_closed(dir.path(), &keys).await;
    for i in 1..=5 {
        let err = try_sign_in(&install, &vault, &keys, JOANNA.0, "not the passphrase", now()).await.err().unwrap();
        assert_eq!(err.code, ErrorCode::SignInRefused, "attempt {i}");
    }

    // A restart: the count is in the data folder, not in memory.
    let install = Installation::new(dir.path());
    let Opened::Ready(vault) = install.open(&keys).await.unwrap() else { panic!() };
    let err =
        try_sign_in(&install, &vault, &keys, JOANNA.0, JOANNA.1, now() + Duration::seconds(10)).await.err().unwrap();
    assert_eq!(err.code, ErrorCode::SignInDelayed);
    assert!(err.message.contains("20 seconds"), "{}", err.message);

    // After the delay the right passphrase works and resets the count.
    let unlocked =
        try_sign_in(&install, &vault, &keys, JOANNA.0, JOANNA.1, now() + Duration::seconds(31)).await.unwrap();
    assert_eq!(unlocked.lead.name, "Joanna Holmes");
    let refused: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'sign_in_failed'")
        .fetch_one(unlocked.store.file_pool().unwrap())
        .await
        .unwrap();
    assert_eq!(refused, 5, "the five wrong ones made while the records were closed, audited at the sign-in");
    unlocked.store.close().await;
    let err = try_sign_in(&install, &vault, &keys, JOANNA.0, "nope nope nope", now() + Duration::seconds(32))
        .await
        .err()
        .unwrap();
    assert_eq!(err.code, ErrorCode::SignInRefused);
}

#[tokio::test]
async fn a_deactivated_lead_cannot_sign_in_and_loses_their_slot() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (install, vault) = set_up_closed(dir.path(), &keys).await;
    let Unlocked { store, vault, .. } = try_sign_in(&install, &vault, &keys, JOANNA.0, JOANNA.1, now()).await.unwrap();
    let vault = install.deactivate_lead(&store, &vault, &keys, JOANNA.0, ELAINE.0, now()).await.unwrap();
    store.close().await;
    assert!(vault.slot(ELAINE.0).is_none());
    assert_eq!(common::vault(dir.path()), vault);
    let directory = install.directory(&vault, &keys).unwrap();
    assert_eq!(
        cp_core::installation::sign_in_list(&vault, &directory).len(),
        1,
        "the sign-in screen lists Joanna only"
    );
    let err = try_sign_in(&install, &vault, &keys, ELAINE.0, ELAINE.1, now()).await.err().unwrap();
    assert_eq!(err.code, ErrorCode::SignInRefused);
}

/// A slot left behind for a lead the records hold as inactive (a vault write that failed after
/// the deactivation) opens nothing, and goes at the next sign-in.
#[tokio::test]
async fn a_slot_left_for_an_inactive_lead_opens_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (install, vault) = set_up_closed(dir.path(), &keys).await;
    let store = common::inspect(dir.path(), &keys).await;
    let mut tx = store.begin_write().await.unwrap();
    cp_core::leads::sql::deactivate_lead(&mut tx.conn(), ELAINE.0, "2026-11-23T10:00:00Z").await.unwrap();
    tx.commit().await.unwrap();
    store.close().await;
    let err = try_sign_in(&install, &vault, &keys, ELAINE.0, ELAINE.1, now()).await.err().unwrap();
    assert_eq!(err.code, ErrorCode::SignInRefused);
    let unlocked = try_sign_in(&install, &vault, &keys, JOANNA.0, JOANNA.1, now()).await.unwrap();
    assert!(unlocked.vault.slot(ELAINE.0).is_none() && common::vault(dir.path()).slot(ELAINE.0).is_none());
    unlocked.store.close().await;
}

/// Each lead has their own count: Joanna signing in does not clear Elaine's delay, and a third
/// lead is held up once the laptop has seen ten.
#[tokio::test]
async fn one_leads_success_does_not_clear_anothers_delay_and_the_laptop_counts_them_all() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (install, vault) = set_up_closed(dir.path(), &keys).await;
    let Unlocked { store, key, vault, .. } =
        try_sign_in(&install, &vault, &keys, JOANNA.0, JOANNA.1, now()).await.unwrap();
    let priya =
        NewLead { name: "Priya Shah".into(), role: "Deputy lead".into(), passphrase: "priya's long passphrase".into() };
    let vault = install.add_lead(&store, &vault, &key, &keys, JOANNA.0, &priya, now()).await.unwrap();
    store.close().await;
    let priya = 3;
    assert!(vault.slot(priya).is_some(), "a lead added gets a slot");

    for _ in 0..5 {
        try_sign_in(&install, &vault, &keys, ELAINE.0, "not hers", now()).await.err().unwrap();
    }
    try_sign_in(&install, &vault, &keys, JOANNA.0, JOANNA.1, now()).await.unwrap().store.close().await;
    let err =
        try_sign_in(&install, &vault, &keys, ELAINE.0, ELAINE.1, now() + Duration::seconds(1)).await.err().unwrap();
    assert_eq!(err.code, ErrorCode::SignInDelayed, "Joanna's sign-in left Elaine's delay as it was");

    for _ in 0..5 {
        try_sign_in(&install, &vault, &keys, JOANNA.0, "not hers either", now()).await.err().unwrap();
    }
    let err = try_sign_in(&install, &vault, &keys, priya, "anything at all", now() + Duration::seconds(1))
        .await
        .err()
        .unwrap();
    assert_eq!(err.code, ErrorCode::SignInDelayed, "ten wrong passphrases on the laptop hold up every lead");
    let after_an_hour = now() + Duration::minutes(61);
    let unlocked = try_sign_in(&install, &vault, &keys, priya, "priya's long passphrase", after_an_hour).await.unwrap();
    assert_eq!(unlocked.lead.name, "Priya Shah");
    unlocked.store.close().await;
}

/// Changing the passphrase checks the current one under the same count, audits a wrong one,
/// and rewraps the lead's slot: the old passphrase opens nothing afterwards.
#[tokio::test]
async fn a_new_passphrase_rewraps_the_slot_and_a_wrong_current_one_is_counted_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (install, vault) = set_up_closed(dir.path(), &keys).await;
    let Unlocked { store, key, vault, .. } =
        try_sign_in(&install, &vault, &keys, JOANNA.0, JOANNA.1, now()).await.unwrap();
    let change = |current: &'static str, at| {
        let (store, vault, key, install, keys) = (&store, &vault, &key, &install, &keys);
        async move {
            install.change_passphrase(store, vault, key, keys, JOANNA.0, current, "a brand new passphrase", at).await
        }
    };
    for i in 1..=5 {
        let err = change("a guess", now()).await.unwrap_err();
        assert_eq!(err.fields[0].field, "currentPassphrase", "attempt {i}");
    }
    let err = change(JOANNA.1, now()).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::SignInDelayed, "the right one waits too");
    let refused: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'passphrase_refused'")
        .fetch_one(store.file_pool().unwrap())
        .await
        .unwrap();
    assert_eq!(refused, 5);
    let later = now() + Duration::seconds(31);
    let vault = change(JOANNA.1, later).await.unwrap();
    store.close().await;
    assert_eq!(common::vault(dir.path()), vault);
    let err = try_sign_in(&install, &vault, &keys, JOANNA.0, JOANNA.1, later).await.err().unwrap();
    assert_eq!(err.code, ErrorCode::SignInRefused, "the old passphrase no longer opens the slot");
    try_sign_in(&install, &vault, &keys, JOANNA.0, "a brand new passphrase", later).await.unwrap().store.close().await;
    try_sign_in(&install, &vault, &keys, ELAINE.0, ELAINE.1, later).await.unwrap().store.close().await;
}

/// Thirty attempts at once, each from its own process: every attempt is counted before its
/// passphrase is checked, so no more than the free five are checked (all thirty were, before).
#[tokio::test]
async fn thirty_attempts_at_once_from_separate_processes_check_at_most_the_free_ones() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (_, vault) = set_up_closed(dir.path(), &keys).await;
    let laptop = keys.load(&laptop_account(&vault.installation_id)).unwrap().unwrap();
    let attempt = common::example("sign_in_attempt");

    let children: Vec<_> = (0..30)
        .map(|_| {
            std::process::Command::new(&attempt)
                .arg(dir.path())
                .arg(JOANNA.0.to_string())
                .env("SIGN_IN_TEST_LAPTOP", hex::encode(laptop.as_bytes()))
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut checked = 0;
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "an attempt failed: {:?}", out.status);
        match String::from_utf8_lossy(&out.stdout).trim() {
            "checked" => checked += 1,
            "delayed" => {}
            other => panic!("unexpected: {other}"),
        }
    }
    assert!(checked <= cp_core::auth::lockout::FREE_ATTEMPTS, "{checked} of 30 passphrases were checked");
    assert!(checked > 0);
}

/// A folder from before key slots (vault.json format 1: the database key itself in the
/// keyring, an Argon2 hash per lead in the database) moves to key slots when it opens. Each
/// lead's first sign-in makes their slot from the passphrase they type, and the database key
/// leaves the keyring with the last of them.
#[tokio::test]
async fn a_folder_from_before_key_slots_moves_to_them_lead_by_lead() {
    use cp_core::vault::keyring::legacy_account;
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (_, slotted) = set_up_closed(dir.path(), &keys).await;
    let id = slotted.installation_id.clone();
    // As such a folder was: hashes in the database, the key in the keyring, no slots.
    let key = common::data_key(dir.path(), &keys);
    let store = common::inspect(dir.path(), &keys).await;
    for (lead, passphrase) in [JOANNA, ELAINE] {
        let hash = cp_core::auth::passphrase::hash(passphrase).unwrap();
        let mut tx = store.begin_write().await.unwrap();
        cp_core::leads::sql::set_passphrase_hash(&mut tx.conn(), lead, &hash).await.unwrap();
        tx.commit().await.unwrap();
    }
    // No signing keys either (the guard put back as the migration makes it).
    sqlx::raw_sql(
        "DROP TRIGGER lead_keys_no_delete;
         DELETE FROM lead_keys;
         CREATE TRIGGER lead_keys_no_delete BEFORE DELETE ON lead_keys
         BEGIN SELECT RAISE(ABORT, 'a lead''s signing key is kept once'); END;",
    )
    .execute(store.file_pool().unwrap())
    .await
    .unwrap();
    store.close().await;
    let old = VaultFile {
        format: 1,
        key_check: Some(key.check_value(&id)),
        directory: None,
        laptop_secret: None,
        slots: Vec::new(),
        awaiting_slot: Vec::new(),
        pending: Vec::new(),
        ..slotted
    };
    cp_core::vault::file::write(dir.path(), &old).unwrap();
    keys.0.lock().unwrap().clear();
    keys.save(&legacy_account(&id), &key).unwrap();

    let install = Installation::new(dir.path());
    let Opened::Ready(vault) = install.open(&keys).await.unwrap() else { panic!("not ready") };
    let mut awaiting = vault.awaiting_slot.clone();
    awaiting.sort();
    assert_eq!((vault.format, awaiting), (2, vec![JOANNA.0, ELAINE.0]));
    let directory = install.directory(&vault, &keys).unwrap();
    let names: Vec<String> =
        cp_core::installation::sign_in_list(&vault, &directory).into_iter().map(|l| l.name).collect();
    assert_eq!(names, ["Elaine Martin", "Joanna Holmes"], "the sign-in screen as before");
    assert!(!std::fs::read_to_string(dir.path().join("vault.json")).unwrap().contains("Joanna"));

    let err = try_sign_in(&install, &vault, &keys, ELAINE.0, "not elaine's", now()).await.err().unwrap();
    assert_eq!(err.code, ErrorCode::SignInRefused);
    let elaine = try_sign_in(&install, &vault, &keys, ELAINE.0, ELAINE.1, now()).await.unwrap();
    let vault = elaine.vault.clone();
    let hash: String = sqlx::query_scalar("SELECT passphrase_hash FROM leads WHERE id = ?")
        .bind(ELAINE.0)
        .fetch_one(elaine.store.file_pool().unwrap())
        .await
        .unwrap();
    elaine.store.close().await;
    assert_eq!(hash, cp_core::leads::IN_KEY_SLOT, "her hash went with her slot's making");
    assert!(vault.slot(ELAINE.0).is_some() && vault.awaiting_slot == [JOANNA.0]);
    assert!(keys.load(&legacy_account(&id)).unwrap().is_some(), "Joanna still needs the key to sign in once");

    let joanna = try_sign_in(&install, &vault, &keys, JOANNA.0, JOANNA.1, now()).await.unwrap();
    let vault = joanna.vault.clone();
    joanna.store.close().await;
    assert!(vault.awaiting_slot.is_empty() && vault.slot(JOANNA.0).is_some());
    assert!(keys.load(&legacy_account(&id)).unwrap().is_none(), "the database key has left the keyring");
    assert_eq!(common::vault(dir.path()), vault);
    // Each now signs what they write, from their first sign-in on.
    let elaine = try_sign_in(&install, &vault, &keys, ELAINE.0, ELAINE.1, now()).await.unwrap();
    let report = cp_core::audit::verify(&elaine.store).await.unwrap();
    assert!(report.intact(), "{report:?}");
    let signed: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE signed_by = ?")
        .bind(ELAINE.0)
        .fetch_one(elaine.store.file_pool().unwrap())
        .await
        .unwrap();
    assert_eq!(signed, 1, "her sign-in just now");
    elaine.store.close().await;
}
