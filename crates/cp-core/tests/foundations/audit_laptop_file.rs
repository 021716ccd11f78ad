//! The audit trail on a laptop's own file: a wrong passphrase typed while the records are
//! closed reaching the trail, every guard of the file's schema known to `verify`, commits the
//! file lost, every sealed column, and each lead's rows signed by them alone (a laptop's own
//! file holds one database key for every lead). What holds on either engine is
//! `audit_chain.rs`.

use crate::common;

use common::{MemoryKeys, now, set_up};
use cp_core::audit::{self, Action, Actor, Entry};
use cp_core::clock::stamp;

/// A wrong passphrase typed while the records are closed is kept (who and when) outside them,
/// and reaches the trail, before the sign-in that opens them.
#[tokio::test]
async fn sign_ins_and_failures_are_audited() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (store, _) = set_up(dir.path(), &keys, "Org").await;
    store.close().await;
    let install = cp_core::installation::Installation::new(dir.path());
    let vault = common::vault(dir.path());
    let (joanna, passphrase) = common::JOANNA;
    assert!(install.sign_in(&vault, &keys, joanna, "wrong passphrase!!", now()).await.is_err());
    let store = install.sign_in(&vault, &keys, joanna, passphrase, now()).await.unwrap().store;
    let rows: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT action, record_id FROM audit_log ORDER BY id DESC LIMIT 2")
            .fetch_all(store.file_pool().unwrap())
            .await
            .unwrap();
    assert_eq!(rows, [("sign_in".to_owned(), None), ("sign_in_failed".to_owned(), Some(joanna.to_string()))]);
    assert_eq!(audit::verify(&store).await.unwrap().first_bad_row, None);
    store.close().await;
}

#[tokio::test]
async fn verify_knows_every_guard_in_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (store, _) = set_up(dir.path(), &keys, "Org").await;
    let mut raising: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%RAISE(%' ORDER BY name",
    )
    .fetch_all(store.file_pool().unwrap())
    .await
    .unwrap();
    raising.sort();
    let mut known: Vec<String> = audit::GUARDS.iter().map(|g| (*g).to_owned()).collect();
    known.sort();
    assert_eq!(known, raising, "audit::GUARDS must name every trigger that refuses a change");
    assert!(audit::verify(&store).await.unwrap().intact());
    store.close().await;
}

async fn sign_outs(store: &cp_core::store::Store, n: usize) {
    for _ in 0..n {
        audit::record(store, Entry::new(stamp(now()), Actor::Lead(1), Action::SignOut)).await.unwrap();
    }
}

/// The database losing its last commits (its -wal file lost: 411 rows became 407 and verify
/// said intact), here as an older copy of the file put back.
#[tokio::test]
async fn commits_the_database_lost_are_counted_missing() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (store, _) = set_up(dir.path(), &keys, "Org").await;
    sign_outs(&store, 3).await;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(store.file_pool().unwrap()).await.unwrap();
    let db = cp_core::store::db_path(dir.path());
    let older = std::fs::read(&db).unwrap();
    sign_outs(&store, 4).await;
    store.close().await;
    std::fs::write(&db, older).unwrap();

    let store = common::inspect(dir.path(), &keys).await;
    assert_eq!(audit::verify(&store).await.unwrap().missing_rows, 4);
    store.close().await;
}

/// Every sealed table is sealed whole: a column added later is in its seal from the start.
#[tokio::test]
async fn each_seal_covers_every_column_of_its_table() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    for (table, columns) in audit::seal::SEALED {
        let actual: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info(?) ORDER BY cid")
            .bind(table)
            .fetch_all(store.file_pool().unwrap())
            .await
            .unwrap();
        let listed: Vec<String> = columns.split(',').map(|c| c.trim().to_owned()).collect();
        assert_eq!(listed, actual, "audit::seal::SEALED for {table}");
    }
    store.close().await;
}

/// One lead holds the database key, so before signing she could rewrite another lead's rows,
/// recompute the chain and its anchor, and `verify` said intact. Each lead's rows now carry
/// their own signature, which only their passphrase releases.
#[tokio::test]
async fn one_lead_cannot_rewrite_anothers_rows() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (store, _) = set_up(dir.path(), &keys, "Org").await;
    store.close().await;
    let (joanna, elaine) = (common::JOANNA.0, common::ELAINE.0);
    let store = common::sign_in(dir.path(), &keys, common::ELAINE).await.store;
    for _ in 0..3 {
        audit::record(&store, Entry::new(stamp(now()), Actor::Lead(elaine), Action::SignOut)).await.unwrap();
    }
    store.close().await;

    let store = common::sign_in(dir.path(), &keys, common::JOANNA).await.store;
    let report = audit::verify(&store).await.unwrap();
    assert!(report.intact(), "{report:?}");
    let signed: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE lead_id = ? AND signed_by = ?")
        .bind(elaine)
        .bind(elaine)
        .fetch_one(store.file_pool().unwrap())
        .await
        .unwrap();
    assert!(signed >= 4, "her sign-in and three sign-outs, signed by her: {signed}");

    // Joanna rewrites the whole trail through the real append (every link fits), with the
    // anchor following it, and one of Elaine's rows changed to a lock.
    let rows: Vec<(Option<i64>, String, String)> =
        sqlx::query_as("SELECT lead_id, action, at FROM audit_log ORDER BY id")
            .fetch_all(store.file_pool().unwrap())
            .await
            .unwrap();
    sqlx::query("DROP TRIGGER audit_log_no_delete").execute(store.file_pool().unwrap()).await.unwrap();
    sqlx::query("DELETE FROM audit_log").execute(store.file_pool().unwrap()).await.unwrap();
    std::fs::remove_file(dir.path().join(audit::anchor::ANCHOR_FILE)).unwrap();
    let mut changed = false;
    for (lead, action, at) in rows {
        let actor = lead.map_or(Actor::System, Actor::Lead);
        let action = match action.as_str() {
            "sign_out" if lead == Some(elaine) && !changed => {
                changed = true;
                Action::Locked
            }
            "sign_out" => Action::SignOut,
            "sign_in" => Action::SignIn,
            "set_up" => Action::SetUp,
            "lead_added" => Action::LeadAdded,
            other => panic!("unexpected row {other}"),
        };
        audit::record(&store, Entry::new(at, actor, action)).await.unwrap();
    }
    let report = audit::verify(&store).await.unwrap();
    assert_eq!((report.first_bad_row, report.missing_rows), (None, 0), "the chain and its anchor fit the rewrite");
    assert!(report.forged_rows >= 4, "{report:?}");
    let first_elaine: i64 = sqlx::query_scalar("SELECT MIN(id) FROM audit_log WHERE lead_id = ?")
        .bind(elaine)
        .fetch_one(store.file_pool().unwrap())
        .await
        .unwrap();
    assert_eq!(report.first_forged_row, Some(first_elaine));
    let err = audit::ensure_intact(&store).await.unwrap_err();
    assert!(err.message.contains("not signed by the lead they name"), "{err}");

    // Her own rows, signed with her own key, still verify: only Elaine's are named.
    let joannas_forged: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE lead_id = ?")
        .bind(joanna)
        .fetch_one(store.file_pool().unwrap())
        .await
        .unwrap();
    assert_eq!(report.forged_rows, signed, "Elaine's rows, and none of Joanna's {joannas_forged}");
    store.close().await;
}

/// A row claiming to be another lead's, and a row with its signature taken off, are named.
#[tokio::test]
async fn a_row_in_another_leads_name_or_without_its_signature_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (store, _) = set_up(dir.path(), &keys, "Org").await;
    store.close().await;
    let store = common::sign_in(dir.path(), &keys, common::JOANNA).await.store;
    let before = audit::verify(&store).await.unwrap();
    assert!(before.intact(), "{before:?}");

    // Joanna's records, Elaine's name: there is no key of Elaine's here to sign it.
    let as_elaine = Entry::new(stamp(now()), Actor::Lead(common::ELAINE.0), Action::SignOut);
    audit::record(&store, as_elaine).await.unwrap();
    let report = audit::verify(&store).await.unwrap();
    assert_eq!((report.forged_rows, report.first_forged_row), (1, Some(before.rows + 1)));

    // Joanna's own sign-in row, its signature taken off.
    let mut conn = store.file_pool().unwrap().acquire().await.unwrap();
    sqlx::query("DROP TRIGGER audit_log_no_update").execute(&mut *conn).await.unwrap();
    sqlx::query("UPDATE audit_log SET signed_by = NULL, signature = NULL WHERE id = ?")
        .bind(before.rows)
        .execute(&mut *conn)
        .await
        .unwrap();
    drop(conn);
    let report = audit::verify(&store).await.unwrap();
    assert_eq!((report.forged_rows, report.first_forged_row), (2, Some(before.rows)));
    store.close().await;
}
