//! A subject access request (issue 25), on the run's engine: Gwen asks for the records about
//! her family; the month runs from when her identity was checked, to the next working day,
//! and two more when extended; the names of others in the case are suggested; her uncle's
//! name is withheld and is nowhere in the released copy (its text read back with `pdftotext`,
//! and its bytes), a marker with its reason in its place; the copy is kept, byte for byte, with
//! the request, and nothing about the request changes after. A young person's request about
//! themselves holds their records and the family's, not their brother's own.

use crate::common;

use std::process::Command;

use common::{ELAINE, JOANNA, MemoryKeys, at, day, new_case, now, person, phone_call, set_up};
use cp_core::chronology::rules::NewEntry;
use cp_core::people::rules::Role;
use cp_core::subject_access::rules::{NewRequest, Reason, Redaction, Requester};
use sha2::{Digest, Sha256};

fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copy.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new("pdftotext").arg("-layout").arg(&path).arg("-").output().expect("pdftotext (poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

fn contains(bytes: &[u8], word: &str) -> bool {
    bytes.windows(word.len()).any(|w| w == word.as_bytes())
}

#[tokio::test]
async fn a_parents_request_is_answered_with_others_names_withheld_and_the_copy_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Riverside").await;
    let case = cp_core::cases::open_case(&store, JOANNA.0, &new_case("11 Heron Row"), now()).await.unwrap();
    for p in [
        person("Tamsin Oakes", Role::Child, Some("2017-04-04")),
        person("Gwen Oakes", Role::Parent, Some("1989-09-09")),
        person("Declan Furrow", Role::HouseholdMember, Some("1985-01-01")),
    ] {
        cp_core::people::add_person(&store, JOANNA.0, case.id, &p, now()).await.unwrap();
    }
    let entry = NewEntry {
        detail: "Tamsin said Declan Furrow shouted at her mum; DECLAN took her tablet.".into(),
        ..phone_call("Tamsin upset at drop-off")
    };
    cp_core::chronology::add_entry(&store, JOANNA.0, case.id, &entry, now()).await.unwrap();

    let request = NewRequest {
        requester_name: "Gwen Oakes".into(),
        requester: Requester::Parent,
        received_on: day("2026-11-03"),
        identity_checked_on: None,
        identity_how: String::new(),
        person_id: None,
    };
    let blank = NewRequest { requester_name: " ".into(), received_on: day("2026-12-01"), ..request.clone() };
    let e = cp_core::subject_access::record_request(&store, JOANNA.0, case.id, &blank, now()).await.unwrap_err();
    let fields: Vec<&str> = e.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["sarRequester", "sarReceivedOn"], "a blank name and a date to come");
    let sar = cp_core::subject_access::record_request(&store, JOANNA.0, case.id, &request, now()).await.unwrap();
    let due = |store| async move { cp_core::subject_access::for_case(store, case.id).await.unwrap()[0].clone() };
    assert_eq!(due(&store).await.due_on, day("2026-12-03"), "a calendar month");

    // Unchecked, nothing is released.
    let e = cp_core::reports::subject_access::release(&store, JOANNA.0, sar, now()).await.unwrap_err();
    assert_eq!(e.fields[0].field, "sarIdentityOn");
    let later = at("2026-11-05T10:00:00Z");
    cp_core::subject_access::confirm_identity(&store, ELAINE.0, sar, day("2026-11-05"), "Passport seen", later)
        .await
        .unwrap();
    assert_eq!(due(&store).await.due_on, day("2026-12-07"), "from the check; 5 December is a Saturday");
    cp_core::subject_access::extend(&store, ELAINE.0, sar, "Police records to be consulted", later).await.unwrap();
    assert_eq!(due(&store).await.due_on, day("2027-02-05"), "two months more");
    assert!(cp_core::subject_access::extend(&store, ELAINE.0, sar, "Again", later).await.is_err(), "once");

    // The names to think about: everyone in the case but Gwen, and the leads.
    let names = cp_core::subject_access::suggestions(&store, sar).await.unwrap();
    assert!(names.contains(&"Declan Furrow".to_owned()) && names.contains(&"Joanna Holmes".to_owned()), "{names:?}");
    assert!(!names.contains(&"Gwen Oakes".to_owned()), "{names:?}");

    let draft_of = cp_core::reports::ReportRequest::SubjectAccessDraft { sar_id: sar };
    let draft = cp_core::reports::generate(&store, JOANNA.0, &draft_of, later).await.unwrap();
    assert!(pdf_text(&draft).contains("Declan Furrow"), "unredacted, the name is in the copy");
    for text in ["Declan Furrow", "Declan"] {
        let r = Redaction { text: text.into(), reason: Reason::ThirdParty };
        cp_core::subject_access::add_redaction(&store, JOANNA.0, sar, &r, later).await.unwrap();
    }
    let furrow = Redaction { text: "Furrow".into(), reason: Reason::ThirdParty };
    let extra = cp_core::subject_access::add_redaction(&store, JOANNA.0, sar, &furrow, later).await.unwrap();
    cp_core::subject_access::remove_redaction(&store, JOANNA.0, extra, later).await.unwrap();

    let copy = cp_core::reports::subject_access::release(&store, ELAINE.0, sar, later).await.unwrap();
    let text = pdf_text(&copy);
    for gone in ["Declan", "DECLAN", "Furrow"] {
        assert!(!text.contains(gone), "{gone} is in the released copy:\n{text}");
        assert!(!contains(&copy, gone), "{gone} is in the released copy's bytes");
    }
    assert!(text.contains("[withheld: TP]") && text.contains("Tamsin said"), "{text}");
    assert!(text.contains("Information about someone else"), "the codes are explained");

    // Kept, byte for byte, and complete.
    let kept = due(&store).await;
    assert_eq!(kept.released_by.as_deref(), Some("Elaine Martin"));
    assert_eq!(kept.digest, Some(hex::encode(Sha256::digest(&copy))));
    assert_eq!(kept.redactions.iter().map(|r| r.text.as_str()).collect::<Vec<_>>(), ["Declan Furrow", "Declan"]);
    let kept_copy = cp_core::reports::ReportRequest::SubjectAccessReleased { sar_id: sar };
    assert_eq!(cp_core::reports::generate(&store, JOANNA.0, &kept_copy, later).await.unwrap(), copy);
    let r = Redaction { text: "Tamsin".into(), reason: Reason::ThirdParty };
    assert!(cp_core::subject_access::add_redaction(&store, JOANNA.0, sar, &r, later).await.is_err());
    let withheld = kept.redactions[0].id;
    assert!(cp_core::subject_access::remove_redaction(&store, JOANNA.0, withheld, later).await.is_err());
    assert!(cp_core::reports::subject_access::release(&store, JOANNA.0, sar, later).await.is_err(), "once");
    let refused = cp_core::store::db::query("DELETE FROM sar_redactions").execute(&mut store.db()).await;
    assert!(refused.is_err(), "the redactions of a released copy are kept");
    assert!(cp_core::audit::ensure_intact(&store).await.unwrap().intact());
}

#[tokio::test]
async fn a_request_about_one_child_holds_that_childs_records_and_the_familys_not_a_siblings() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Riverside").await;
    let case = cp_core::cases::open_case(&store, JOANNA.0, &new_case("4 Kiln Lane"), now()).await.unwrap();
    let add = |p| {
        let store = store.clone();
        async move { cp_core::people::add_person(&store, JOANNA.0, case.id, &p, now()).await.unwrap() }
    };
    let ffion = add(person("Ffion Marsh", Role::Child, Some("2010-06-01"))).await;
    let rhys = add(person("Rhys Marsh", Role::Child, Some("2013-02-02"))).await;
    let mum = add(person("Carys Marsh", Role::Parent, Some("1984-03-03"))).await;
    for (children, summary) in
        [(vec![ffion], "Ffion spoke to her tutor"), (vec![rhys], "Rhys seen by the nurse"), (vec![], "Home visit")]
    {
        let entry = NewEntry { children, ..phone_call(summary) };
        cp_core::chronology::add_entry(&store, JOANNA.0, case.id, &entry, now()).await.unwrap();
    }
    let request = NewRequest {
        requester_name: "Ffion Marsh".into(),
        requester: Requester::YoungPerson,
        received_on: day("2026-11-03"),
        identity_checked_on: Some(day("2026-11-03")),
        identity_how: "Known to staff, asked in person".into(),
        person_id: Some(mum),
    };
    let e = cp_core::subject_access::record_request(&store, JOANNA.0, case.id, &request, now()).await.unwrap_err();
    assert_eq!(e.fields[0].field, "sarAbout", "a parent is not a child of the case");
    let other = cp_core::cases::open_case(&store, JOANNA.0, &new_case("9 Weir Road"), now()).await.unwrap();
    let stranger = cp_core::people::add_person(
        &store,
        JOANNA.0,
        other.id,
        &person("Owain Price", Role::Child, Some("2012-01-01")),
        now(),
    )
    .await
    .unwrap();
    let elsewhere = NewRequest { person_id: Some(stranger), ..request.clone() };
    let e = cp_core::subject_access::record_request(&store, JOANNA.0, case.id, &elsewhere, now()).await.unwrap_err();
    assert_eq!(e.fields[0].field, "sarAbout", "a child of another case");

    let hers = NewRequest { person_id: Some(ffion), ..request };
    let sar = cp_core::subject_access::record_request(&store, JOANNA.0, case.id, &hers, now()).await.unwrap();
    let listed = cp_core::subject_access::for_case(&store, case.id).await.unwrap();
    assert_eq!(listed[0].about.as_deref(), Some("Ffion Marsh"));
    let copy = cp_core::reports::subject_access::release(&store, ELAINE.0, sar, now()).await.unwrap();
    let text = pdf_text(&copy);
    assert!(text.contains("about Ffion Marsh"), "{text}");
    assert!(text.contains("Ffion spoke to her tutor") && text.contains("Home visit"), "{text}");
    assert!(!text.contains("Rhys seen by the nurse"), "her brother's own entry stays out:\n{text}");
    let changed =
        cp_core::store::db::query("UPDATE subject_access_requests SET person_id = NULL").execute(&mut store.db()).await;
    assert!(changed.is_err(), "who a request is about is never changed");
}
