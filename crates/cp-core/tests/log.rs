//! The local log: a fault is written with its cause, and nothing from the records is. Its own
//! test program, because a process has one log.

mod common;

use common::{MemoryKeys, now, set_up};
use cp_core::ErrorCode;
use cp_core::cases;
use cp_core::people::rules::{NewPerson, Role};
use cp_core::session::{AppView, Session};
use cp_core::{drafts, people};

fn log_text(dir: &std::path::Path) -> String {
    let mut text = String::new();
    for file in std::fs::read_dir(cp_core::log::folder(dir)).unwrap() {
        text.push_str(&std::fs::read_to_string(file.unwrap().path()).unwrap());
    }
    text
}

#[tokio::test]
async fn a_fault_is_logged_with_its_cause_and_no_record_content() {
    let dir = tempfile::tempdir().unwrap();
    cp_core::log::init(dir.path()).unwrap();
    let keys = std::sync::Arc::new(MemoryKeys::default());
    let (store, _) = set_up(dir.path(), keys.as_ref(), "Quayside Children's Centre").await;
    let new = common::new_case("17 Zebrafinch Close");
    let case = cases::open_case(&store, 1, &new, now()).await.unwrap();
    let child = NewPerson {
        full_name: "Marigold Thistlewood".into(),
        role: Role::Child,
        date_of_birth: Some("2023-05-01".parse().unwrap()),
        expected_date: None,
        gender: String::new(),
        setting: String::new(),
    };
    people::add_person(&store, 1, case.id, &child, now()).await.unwrap();

    // A fault the lead cannot cause: a table gone from under the app.
    sqlx::query("DROP TABLE drafts").execute(store.file_pool().unwrap()).await.unwrap();
    let err =
        drafts::save(&store, 1, "chronology:1", "Marigold said her step-father shouted", now()).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Internal);
    store.close().await;

    // A wrong passphrase, then the right one, through the session the app drives.
    let session = Session::new(
        cp_core::installation::Installation::new(dir.path()),
        keys,
        std::sync::Arc::new(cp_core::clock::SystemClock),
        None,
    );
    assert!(matches!(session.view().await, AppView::SignedOut { .. }));
    assert!(session.sign_in(1, "not joanna's passphrase").await.is_err());
    session.sign_in(1, "joanna's long passphrase").await.unwrap();
    session.shutdown().await;

    let log = log_text(dir.path());
    assert!(log.contains("started"), "the log was written: {log}");
    assert!(log.contains("no such table: drafts"), "the fault's cause is in the log: {log}");
    assert!(log.contains(&err.message), "with the sentence the lead saw: {log}");
    for secret in
        ["Zebrafinch", "Marigold", "Thistlewood", "step-father", "Quayside", "Joanna", "passphrase", "BS5 9QZ"]
    {
        assert!(!log.contains(secret), "{secret:?} reached the log: {log}");
    }
}
