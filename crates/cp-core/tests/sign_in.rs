mod common;

use chrono::Duration;
use common::{MemoryKeys, now, set_up};
use cp_core::ErrorCode;
use cp_core::installation::{Installation, Opened};
use cp_core::leads;
use cp_core::leads::sign_in;

#[tokio::test]
async fn the_delay_after_five_failures_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (store, _) = set_up(dir.path(), &keys, "Org").await;
    let joanna = leads::list_leads(&store).await.unwrap().into_iter().find(|l| l.name == "Joanna Holmes").unwrap();
    for i in 1..=5 {
        let err = sign_in(&store, joanna.id, "not the passphrase", now()).await.unwrap_err();
        assert_eq!(err.code, ErrorCode::SignInRefused, "attempt {i}");
    }
    store.close().await;

    // A restart: the count is in the database, not in memory.
    let Opened::Ready { store, .. } = Installation::new(dir.path()).open(&keys).await.unwrap() else { panic!() };
    let err = sign_in(&store, joanna.id, "joanna's long passphrase", now() + Duration::seconds(10)).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::SignInDelayed);
    assert!(err.message.contains("20 seconds"), "{}", err.message);

    // After the delay the right passphrase works and resets the count.
    let lead = sign_in(&store, joanna.id, "joanna's long passphrase", now() + Duration::seconds(31)).await.unwrap();
    assert_eq!(lead.name, "Joanna Holmes");
    let err = sign_in(&store, joanna.id, "nope nope nope", now() + Duration::seconds(32)).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::SignInRefused);
    store.close().await;
}

#[tokio::test]
async fn a_deactivated_lead_cannot_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (store, _) = set_up(dir.path(), &keys, "Org").await;
    let elaine = leads::list_leads(&store).await.unwrap().into_iter().find(|l| l.name == "Elaine Martin").unwrap();
    let mut tx = store.begin_write().await.unwrap();
    leads::sql::deactivate_lead(&mut tx, elaine.id, "2026-11-23T10:00:00Z").await.unwrap();
    tx.commit().await.unwrap();
    let err = sign_in(&store, elaine.id, "elaine's long passphrase", now()).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::SignInRefused);
    store.close().await;
}

/// Each lead has their own count: Joanna signing in does not clear Elaine's delay (it did when
/// the laptop had one count), and a third lead is held up once the laptop has seen ten.
#[tokio::test]
async fn one_leads_success_does_not_clear_anothers_delay_and_the_laptop_counts_them_all() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (store, _) = set_up(dir.path(), &keys, "Org").await;
    let all = leads::list_leads(&store).await.unwrap();
    let id = |name: &str| all.iter().find(|l| l.name == name).unwrap().id;
    let (joanna, elaine) = (id("Joanna Holmes"), id("Elaine Martin"));
    for _ in 0..5 {
        sign_in(&store, elaine, "not hers", now()).await.unwrap_err();
    }
    sign_in(&store, joanna, "joanna's long passphrase", now()).await.unwrap();
    let err = sign_in(&store, elaine, "elaine's long passphrase", now() + Duration::seconds(1)).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::SignInDelayed, "Joanna's sign-in left Elaine's delay as it was");

    for _ in 0..5 {
        sign_in(&store, joanna, "not hers either", now()).await.unwrap_err();
    }
    let mut conn = store.pool().acquire().await.unwrap();
    let priya = leads::sql::insert_lead(&mut conn, "Priya Shah", "Deputy lead", "unused", "2026-01-01T00:00:00Z")
        .await
        .unwrap();
    drop(conn);
    let err = sign_in(&store, priya, "anything at all", now() + Duration::seconds(1)).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::SignInDelayed, "ten wrong passphrases on the laptop hold up every lead");
    let after_an_hour = now() + Duration::minutes(61);
    assert_eq!(
        sign_in(&store, priya, "anything at all", after_an_hour).await.unwrap_err().code,
        ErrorCode::SignInRefused
    );
    store.close().await;
}

/// Changing the passphrase checks the current one under the same count, and audits a wrong one.
#[tokio::test]
async fn a_wrong_current_passphrase_is_counted_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (store, _) = set_up(dir.path(), &keys, "Org").await;
    let joanna = leads::list_leads(&store).await.unwrap().into_iter().find(|l| l.name == "Joanna Holmes").unwrap();
    for i in 1..=5 {
        let err =
            leads::change_passphrase(&store, joanna.id, "a guess", "a brand new passphrase", now()).await.unwrap_err();
        assert_eq!(err.fields[0].field, "currentPassphrase", "attempt {i}");
    }
    let err = leads::change_passphrase(&store, joanna.id, "joanna's long passphrase", "a brand new passphrase", now())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::SignInDelayed, "the right one waits too");
    let refused: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'passphrase_refused'")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(refused, 5);
    let later = now() + Duration::seconds(31);
    leads::change_passphrase(&store, joanna.id, "joanna's long passphrase", "a brand new passphrase", later)
        .await
        .unwrap();
    store.close().await;
}

/// Thirty attempts at once, each from its own process: every attempt is counted before its
/// passphrase is checked, so no more than the free five are checked (all thirty were, before).
#[tokio::test]
async fn thirty_attempts_at_once_from_separate_processes_check_at_most_the_free_ones() {
    use cp_core::vault::KeyStore;
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (store, _) = set_up(dir.path(), &keys, "Org").await;
    let joanna = leads::list_leads(&store).await.unwrap().into_iter().find(|l| l.name == "Joanna Holmes").unwrap();
    store.close().await;
    let Opened::Ready { vault, store } = Installation::new(dir.path()).open(&keys).await.unwrap() else { panic!() };
    store.close().await;
    let key = keys.load(&vault.installation_id).unwrap().unwrap();
    let db = cp_core::store::db_path(dir.path());
    let attempt = common::example("sign_in_attempt");

    let children: Vec<_> = (0..30)
        .map(|_| {
            std::process::Command::new(&attempt)
                .arg(&db)
                .arg(joanna.id.to_string())
                .env("SIGN_IN_TEST_KEY", hex::encode(key.as_bytes()))
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
