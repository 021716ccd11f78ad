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
