//! Cases on a real encrypted file: references, level changes with evidence, closure,
//! reopening and the archive sweep.

use crate::common;

use chrono::Duration;
use common::{MemoryKeys, at, count, day, set_up};
use cp_core::ErrorCode;
use cp_core::case_page;
use cp_core::cases::rules::{Closure, ClosureReason, Level, LevelChange, Status};
use cp_core::cases::{self, NewCase, Source};
use cp_core::store::db::query;

fn new_case(postcode: &str) -> NewCase {
    NewCase {
        address_line1: "12 Avon Street".into(),
        address_line2: String::new(),
        town: "Bristol".into(),
        postcode: postcode.into(),
        source: Source::StaffReport,
        local_authority: "Bristol City Council".into(),
        opened_on: day("2026-03-02"),
        cc_registration: None,
        cc_registration_on: None,
    }
}

#[tokio::test]
async fn references_are_sequential_per_year_and_unique_under_concurrency() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let now = at("2026-11-23T10:00:00Z");

    let err = cases::open_case(&store, 1, &new_case("not a postcode"), now).await.unwrap_err();
    assert_eq!(err.fields[0].field, "postcode");
    assert_eq!(count(&store, "SELECT count(*) FROM cases").await, 0, "nothing half-written");
    let pasted = NewCase { address_line1: "1 Long Road ".repeat(20), ..new_case("BS5 9QZ") };
    assert_eq!(cases::open_case(&store, 1, &pasted, now).await.unwrap_err().fields[0].field, "addressLine1");

    let first = cases::open_case(&store, 1, &new_case("bs5 9qz"), now).await.unwrap();
    assert_eq!(first.reference, "CP-2026-0001");
    assert_eq!((first.status, first.level, first.postcode.as_str()), (Status::Live, Level::Concern, "BS5 9QZ"));

    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move { cases::open_case(&store, 1, &new_case("BS5 9QZ"), now).await.unwrap().reference })
        })
        .collect();
    let mut refs = Vec::new();
    for t in tasks {
        refs.push(t.await.unwrap());
    }
    refs.sort();
    let expected: Vec<String> = (2..=21).map(|n| format!("CP-2026-{n:04}")).collect();
    assert_eq!(refs, expected);
    store.close().await;
}

#[tokio::test]
async fn level_closure_reopen_and_archive_follow_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let now = at("2026-11-23T10:00:00Z");
    let case = cases::open_case(&store, 1, &new_case("BS5 9QZ"), now).await.unwrap();

    let no_evidence = LevelChange {
        to: Level::Section47Enquiry,
        evidence: " ".into(),
        effective: day("2026-11-20"),
        entries: vec![],
    };
    let err = cases::change_level(&store, 1, case.id, &no_evidence, now).await.unwrap_err();
    assert_eq!(err.fields[0].field, "evidence");
    assert_eq!(count(&store, "SELECT count(*) FROM level_changes").await, 0);
    assert_eq!(cases::summary(&store, case.id).await.unwrap().level, Level::Concern);

    let evidence = LevelChange {
        to: Level::Section47Enquiry,
        evidence: "Strategy discussion on 19/11 decided a Section 47 enquiry.".into(),
        effective: day("2026-11-20"),
        entries: vec![],
    };
    assert_eq!(cases::change_level(&store, 1, case.id, &evidence, now).await.unwrap().level, Level::Section47Enquiry);
    assert_eq!(count(&store, "SELECT count(*) FROM level_changes").await, 1);

    let moved = |detail: &str| Closure {
        reason: ClosureReason::MovedFromArea,
        reason_detail: detail.into(),
        closing_note: "Family moved to Leeds.".into(),
        closed_on: day("2026-11-23"),
    };
    let err = cases::close_case(&store, 1, case.id, &moved(""), now).await.unwrap_err();
    assert_eq!(err.fields[0].field, "reasonDetail");
    assert_eq!(cases::summary(&store, case.id).await.unwrap().status, Status::Live);
    let closed = cases::close_case(&store, 1, case.id, &moved("Leeds City Council told on 22/11"), now).await.unwrap();
    assert_eq!(closed.status, Status::Closed);

    assert_eq!(cases::reopen_case(&store, 1, case.id, "", now).await.unwrap_err().fields[0].field, "reason");
    assert_eq!(cases::reopen_case(&store, 1, case.id, "Family returned", now).await.unwrap().status, Status::Live);
    cases::close_case(&store, 1, case.id, &moved("Leeds City Council told on 22/11"), now).await.unwrap();

    // 12 months after closure, not a day sooner.
    let day_before = now + Duration::days(364);
    assert!(cases::archive_sweep(&store, day_before).await.unwrap().is_empty());
    let due = now + Duration::days(365);
    assert_eq!(cases::archive_sweep(&store, due).await.unwrap(), std::slice::from_ref(&case.reference));
    assert_eq!(cases::summary(&store, case.id).await.unwrap().status, Status::Archived);
    assert!(cases::archive_sweep(&store, due + Duration::days(1)).await.unwrap().is_empty(), "once only");

    // Archived is read-only.
    let later = due + Duration::days(2);
    let evidence_later = LevelChange { effective: later.date_naive(), ..evidence };
    assert_eq!(
        cases::change_level(&store, 1, case.id, &evidence_later, later).await.unwrap_err().code,
        ErrorCode::Invalid
    );
    assert!(cases::reopen_case(&store, 1, case.id, "x", later).await.unwrap_err().message.contains("archived"));
    assert!(query("DELETE FROM cases").execute(&mut store.db()).await.is_err(), "never deleted");
    assert_eq!(cp_core::audit::verify(&store).await.unwrap().first_bad_row, None);
    store.close().await;
}

#[tokio::test]
async fn people_are_added_to_a_case_and_shown_children_first() {
    use cp_core::people::rules::{NewPerson, Role};
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let now = at("2026-11-23T10:00:00Z");
    let case = cases::open_case(&store, 1, &new_case("BS5 9QZ"), now).await.unwrap();
    let person = |name: &str, role: Role, dob: Option<&str>| NewPerson {
        full_name: name.into(),
        role,
        date_of_birth: dob.map(day),
        expected_date: None,
        gender: String::new(),
        setting: String::new(),
    };
    cp_core::people::add_person(&store, 1, case.id, &person("Aisha Öztürk", Role::Parent, None), now).await.unwrap();
    let err = cp_core::people::add_person(&store, 1, case.id, &person("Deniz Öztürk", Role::Child, None), now)
        .await
        .unwrap_err();
    assert_eq!(err.fields[0].field, "dateOfBirth");
    cp_core::people::add_person(&store, 1, case.id, &person("Deniz Öztürk", Role::Child, Some("2021-06-01")), now)
        .await
        .unwrap();
    let page = case_page::page(&store, 1, case.id, now).await.unwrap();
    let names: Vec<(&str, Role)> = page.people.iter().map(|p| (p.full_name.as_str(), p.role)).collect();
    assert_eq!(names, [("Deniz Öztürk", Role::Child), ("Aisha Öztürk", Role::Parent)]);
    assert_eq!(count(&store, "SELECT count(*) FROM people").await, 2, "the refused child was not written");
    store.close().await;
}
