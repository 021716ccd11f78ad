mod common;

use common::{MemoryKeys, now, set_up};
use cp_core::audit::{self, Action, Actor, Entry};
use cp_core::clock::stamp;

#[tokio::test]
async fn an_intact_chain_verifies_and_one_changed_byte_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (store, _) = set_up(dir.path(), &keys, "Org").await;
    for _ in 0..5 {
        audit::record(&store, Entry::new(stamp(now()), Actor::Lead(1), Action::SignOut)).await.unwrap();
    }
    let report = audit::verify(&store).await.unwrap();
    assert_eq!(report.first_bad_row, None);
    assert_eq!(report.rows, 1 + 2 + 5, "set-up, two leads added, five sign-outs");

    // Someone with the key drops the guard and changes one byte of row 4.
    sqlx::query("DROP TRIGGER audit_log_no_update").execute(store.file_pool().unwrap()).await.unwrap();
    sqlx::query("UPDATE audit_log SET action = 'sign_ouT' WHERE id = 4")
        .execute(store.file_pool().unwrap())
        .await
        .unwrap();
    let report = audit::verify(&store).await.unwrap();
    assert_eq!(report.first_bad_row, Some(4));
    let err = audit::ensure_intact(&store).await.unwrap_err();
    assert!(err.message.contains("row 4"), "{err}");
    store.close().await;
}

#[tokio::test]
async fn a_removed_row_breaks_the_next_link() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (store, _) = set_up(dir.path(), &keys, "Org").await;
    sqlx::query("DROP TRIGGER audit_log_no_delete").execute(store.file_pool().unwrap()).await.unwrap();
    sqlx::query("DELETE FROM audit_log WHERE id = 2").execute(store.file_pool().unwrap()).await.unwrap();
    assert_eq!(audit::verify(&store).await.unwrap().first_bad_row, Some(3));
    store.close().await;
}

#[tokio::test]
async fn the_app_cannot_alter_or_delete_audit_rows() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (store, _) = set_up(dir.path(), &keys, "Org").await;
    assert!(sqlx::query("UPDATE audit_log SET action = 'x'").execute(store.file_pool().unwrap()).await.is_err());
    assert!(sqlx::query("DELETE FROM audit_log").execute(store.file_pool().unwrap()).await.is_err());
    store.close().await;
}

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

#[tokio::test]
async fn a_dropped_guard_is_reported_even_when_every_row_still_fits() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (store, _) = set_up(dir.path(), &keys, "Org").await;
    // Dropping a guard lets a chronology entry be rewritten, which the chain does not cover.
    sqlx::query("DROP TRIGGER chronology_entries_no_change").execute(store.file_pool().unwrap()).await.unwrap();
    let report = audit::verify(&store).await.unwrap();
    assert_eq!(report.first_bad_row, None);
    assert_eq!(report.missing_guards, ["chronology_entries_no_change"]);
    assert!(!report.intact());
    let err = audit::ensure_intact(&store).await.unwrap_err();
    assert!(err.message.contains("chronology_entries_no_change"), "{err}");
    store.close().await;
}

async fn sign_outs(store: &cp_core::store::Store, n: usize) {
    for _ in 0..n {
        audit::record(store, Entry::new(stamp(now()), Actor::Lead(1), Action::SignOut)).await.unwrap();
    }
}

/// Removing the last row, the last five, or every row left a chain that verified: nothing
/// after the end says the end is missing. The anchor beside the database does.
#[tokio::test]
async fn rows_cut_from_the_end_are_counted_missing() {
    for cut in [1, 5, 13] {
        let dir = tempfile::tempdir().unwrap();
        let keys = MemoryKeys::default();
        let (store, _) = set_up(dir.path(), &keys, "Org").await;
        sign_outs(&store, 10).await;
        assert!(audit::verify(&store).await.unwrap().intact());
        sqlx::query("DROP TRIGGER audit_log_no_delete").execute(store.file_pool().unwrap()).await.unwrap();
        sqlx::query("DELETE FROM audit_log WHERE id > 13 - ?")
            .bind(cut)
            .execute(store.file_pool().unwrap())
            .await
            .unwrap();
        let report = audit::verify(&store).await.unwrap();
        assert_eq!((report.first_bad_row, report.missing_rows), (None, cut), "cut {cut}");
        let err = audit::ensure_intact(&store).await.unwrap_err();
        assert!(err.message.contains(&format!("{cut} fewer rows")), "{err}");
        store.close().await;
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

/// A chain rebuilt from the start after an edit fits together; the anchored row's hash no
/// longer matches, and a rebuilt chain made longer does not move the anchor.
#[tokio::test]
async fn a_recomputed_chain_is_caught_at_the_anchor() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (store, _) = set_up(dir.path(), &keys, "Org").await;
    sign_outs(&store, 5).await;
    let anchored = audit::anchor::read(&store).unwrap();
    assert_eq!(anchored.rows, 8);
    sqlx::query("DROP TRIGGER audit_log_no_delete").execute(store.file_pool().unwrap()).await.unwrap();
    sqlx::query("DELETE FROM audit_log").execute(store.file_pool().unwrap()).await.unwrap();
    // The rewritten history, made through the real append so every link fits: longer than before.
    sign_outs(&store, 12).await;
    let report = audit::verify(&store).await.unwrap();
    assert_eq!(report.first_bad_row, Some(8), "the row at the anchor is not the one anchored");
    assert_eq!(audit::anchor::read(&store).unwrap(), anchored, "the anchor did not follow the rewrite");
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

/// Editing an entry's summary or a level's evidence, with the guards dropped, left verify
/// saying intact: the chain covered who did what, not what the record said.
#[tokio::test]
async fn an_edited_entry_or_evidence_is_named() {
    use cp_core::cases::rules::{Level, LevelChange};
    use cp_core::chronology::rules::{EntryKind, NewEntry};
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let case = cp_core::cases::open_case(&store, 1, &common::new_case("12 Avon Street"), now()).await.unwrap();
    let entry = NewEntry {
        event_on: common::day("2026-11-20"),
        event_time: None,
        kind: EntryKind::HomeVisit,
        info_source: "Family support worker".into(),
        children: vec![],
        summary: "Kitchen cupboards empty".into(),
        detail: String::new(),
        action_required: String::new(),
    };
    let entry_id = cp_core::chronology::add_entry(&store, 1, case.id, &entry, now()).await.unwrap();
    let change = LevelChange {
        to: Level::Section47Enquiry,
        evidence: "Bruise seen by the nursery".into(),
        effective: common::day("2026-11-21"),
        entries: vec![entry_id],
    };
    cp_core::cases::change_level(&store, 1, case.id, &change, now()).await.unwrap();
    assert!(audit::verify(&store).await.unwrap().intact());

    for guard in ["chronology_revisions_no_change", "level_changes_append_only"] {
        sqlx::query(sqlx::AssertSqlSafe(format!("DROP TRIGGER {guard}")))
            .execute(store.file_pool().unwrap())
            .await
            .unwrap();
    }
    sqlx::query("UPDATE chronology_revisions SET summary = 'Nothing of note' WHERE entry_id = ?")
        .bind(entry_id)
        .execute(store.file_pool().unwrap())
        .await
        .unwrap();
    sqlx::query("UPDATE level_changes SET evidence = 'None' WHERE case_id = ?")
        .bind(case.id)
        .execute(store.file_pool().unwrap())
        .await
        .unwrap();
    let report = audit::verify(&store).await.unwrap();
    assert_eq!(report.first_bad_row, None, "the chain itself still fits");
    assert_eq!(report.altered_records.len(), 2, "{:?}", report.altered_records);
    assert!(report.altered_records[0].starts_with("chronology_revisions "), "{:?}", report.altered_records);
    assert!(report.altered_records[1].starts_with("level_changes "), "{:?}", report.altered_records);
    let err = audit::ensure_intact(&store).await.unwrap_err();
    assert!(err.message.contains("changed after they were saved"), "{err}");
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
