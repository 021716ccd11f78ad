//! The audit trail proves what happened, on either engine: a row changed, removed or cut from
//! the end, a guard dropped, a record edited after it was sealed, each is named by `verify`,
//! whoever did it. On a laptop's file that is anyone holding its key; on the organisation's
//! server, whoever runs the database (its superuser, with every trigger off). The tests of the
//! laptop's file alone (a lost commit, each lead's signature) are in `audit_laptop_file.rs`.

use crate::common;

use common::{MemoryKeys, now, set_up, tamper};
use cp_core::audit::{self, Action, Actor, Entry};
use cp_core::clock::stamp;
use cp_core::store::Store;
use cp_core::store::db::query;

async fn sign_outs(store: &Store, n: usize) {
    for _ in 0..n {
        audit::record(store, Entry::new(stamp(now()), Actor::Lead(1), Action::SignOut)).await.unwrap();
    }
}

#[tokio::test]
async fn an_intact_chain_verifies_and_one_changed_byte_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    sign_outs(&store, 5).await;
    let report = audit::verify(&store).await.unwrap();
    assert_eq!(report.first_bad_row, None);
    assert_eq!(report.rows, 1 + 2 + 5, "set-up, two leads added, five sign-outs");

    // One byte of row 4 changed past the guard.
    tamper(&store, &["audit_log_no_update"], &["UPDATE audit_log SET action = 'sign_ouT' WHERE id = 4"]).await;
    let report = audit::verify(&store).await.unwrap();
    assert_eq!(report.first_bad_row, Some(4));
    let err = audit::ensure_intact(&store).await.unwrap_err();
    assert!(err.message.contains("row 4"), "{err}");
    store.close().await;
}

#[tokio::test]
async fn a_removed_row_breaks_the_next_link() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    tamper(&store, &["audit_log_no_delete"], &["DELETE FROM audit_log WHERE id = 2"]).await;
    assert_eq!(audit::verify(&store).await.unwrap().first_bad_row, Some(3));
    store.close().await;
}

#[tokio::test]
async fn the_app_cannot_alter_or_delete_audit_rows() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    assert!(query("UPDATE audit_log SET action = 'x'").execute(&mut store.db()).await.is_err());
    assert!(query("DELETE FROM audit_log").execute(&mut store.db()).await.is_err());
    assert_eq!(audit::verify(&store).await.unwrap().rows, 3, "nothing changed");
    store.close().await;
}

#[tokio::test]
async fn a_dropped_guard_is_reported_even_when_every_row_still_fits() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    // Dropping a guard lets a chronology entry be rewritten, which the chain does not cover.
    common::drop_guard(&store, "chronology_entries_no_change", "chronology_entries").await;
    let report = audit::verify(&store).await.unwrap();
    assert_eq!(report.first_bad_row, None);
    assert_eq!(report.missing_guards, ["chronology_entries_no_change"]);
    assert!(!report.intact());
    let err = audit::ensure_intact(&store).await.unwrap_err();
    assert!(err.message.contains("chronology_entries_no_change"), "{err}");
    store.close().await;
}

/// Removing the last row, the last five, or every row left a chain that verified: nothing
/// after the end says the end is missing. The anchor beside the database (on a joined laptop,
/// beside where its file would be) does.
#[tokio::test]
async fn rows_cut_from_the_end_are_counted_missing() {
    for cut in [1, 5, 13] {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
        sign_outs(&store, 10).await;
        assert!(audit::verify(&store).await.unwrap().intact());
        tamper(&store, &["audit_log_no_delete"], &[&format!("DELETE FROM audit_log WHERE id > 13 - {cut}")]).await;
        let report = audit::verify(&store).await.unwrap();
        assert_eq!((report.first_bad_row, report.missing_rows), (None, cut), "cut {cut}");
        let err = audit::ensure_intact(&store).await.unwrap_err();
        assert!(err.message.contains(&format!("{cut} fewer rows")), "{err}");
        store.close().await;
    }
}

/// A chain rebuilt from the start after an edit fits together; the anchored row's hash no
/// longer matches, and a rebuilt chain made longer does not move the anchor.
#[tokio::test]
async fn a_recomputed_chain_is_caught_at_the_anchor() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    sign_outs(&store, 5).await;
    let anchored = audit::anchor::read(&store).unwrap();
    assert_eq!(anchored.rows, 8);
    // Every row removed, and on the server its numbering started again, as a rewrite would.
    let restart = match store.engine() {
        cp_core::store::db::Engine::Sqlite => "SELECT 1",
        cp_core::store::db::Engine::Postgres => "SELECT setval(pg_get_serial_sequence('audit_log', 'id'), 1, false)",
    };
    tamper(&store, &["audit_log_no_delete"], &["DELETE FROM audit_log", restart]).await;
    // The rewritten history, made through the real append so every link fits: longer than before.
    sign_outs(&store, 12).await;
    let report = audit::verify(&store).await.unwrap();
    assert_eq!(report.first_bad_row, Some(8), "the row at the anchor is not the one anchored");
    assert_eq!(audit::anchor::read(&store).unwrap(), anchored, "the anchor did not follow the rewrite");
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
        significant: false,
        tags: vec![],
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

    tamper(
        &store,
        &["chronology_revisions_no_change", "level_changes_append_only"],
        &[
            &format!("UPDATE chronology_revisions SET summary = 'Nothing of note' WHERE entry_id = {entry_id}"),
            &format!("UPDATE level_changes SET evidence = 'None' WHERE case_id = {}", case.id),
        ],
    )
    .await;
    let report = audit::verify(&store).await.unwrap();
    assert_eq!(report.first_bad_row, None, "the chain itself still fits");
    assert_eq!(report.altered_records.len(), 2, "{:?}", report.altered_records);
    assert!(report.altered_records[0].starts_with("chronology_revisions "), "{:?}", report.altered_records);
    assert!(report.altered_records[1].starts_with("level_changes "), "{:?}", report.altered_records);
    let err = audit::ensure_intact(&store).await.unwrap_err();
    assert!(err.message.contains("changed after they were saved"), "{err}");
    store.close().await;
}
