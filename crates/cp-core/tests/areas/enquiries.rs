//! Enquiries on a real encrypted file: the enquirer first, the same-address flag however the
//! address is typed, the task of telling the lead social worker, the list and the log.

use crate::common;

use chrono::{DateTime, Utc};
use common::{MemoryKeys, at, day, set_up};
use cp_core::case_page;
use cp_core::cases::rules::CaseDetails;
use cp_core::cases::{self, NewCase, Source};
use cp_core::enquiries::rules::{Enquirer, EnquiryAnswer, IdentityCheck};
use cp_core::enquiries::{self, EnquiryFilter};
use cp_core::people::rules::{NewPerson, Role};
use cp_core::plans::rules::{Category, NewPlan, PlanKind};
use cp_core::reports::{self, ReportRequest};
use cp_core::store::db::query;
use cp_core::{dashboard, people, plans};

const NOW: &str = "2026-11-23T10:00:00Z";

fn police(check: IdentityCheck) -> Enquirer {
    Enquirer {
        name: "PC Sarah Jones".into(),
        organisation: "Avon and Somerset Police".into(),
        role: "Child abuse investigation".into(),
        contact: "101 ext 4521".into(),
        identity_check: check,
        identity_detail: String::new(),
        received_on: None,
        received_time: None,
    }
}

fn about(line1: &str, postcode: &str, case_id: Option<i64>, answered: bool) -> EnquiryAnswer {
    EnquiryAnswer {
        subject_name: "Mia Cole".into(),
        about_adult: false,
        subject_address_line1: line1.into(),
        subject_postcode: postcode.into(),
        case_id,
        answered,
        what_shared: if answered {
            "Mia is known to us; her lead social worker is Amara Okafor.".into()
        } else {
            String::new()
        },
        social_worker_name_given: answered,
        same_address_answer: None,
    }
}

#[tokio::test]
async fn an_enquiry_from_first_contact_to_the_lead_social_worker_being_told() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Barton Hill Settlement").await;
    let now = at(NOW);
    let new = NewCase {
        address_line1: "12 Avon Street".into(),
        address_line2: String::new(),
        town: "Bristol".into(),
        postcode: "BS5 9QH".into(),
        source: Source::StaffReport,
        local_authority: "Bristol City Council".into(),
        opened_on: day("2026-01-05"),
        cc_registration: None,
        cc_registration_on: None,
    };
    let case = cases::open_case(&store, 1, &new, now).await.unwrap().id;
    let child = NewPerson {
        full_name: "Mia Cole".into(),
        role: Role::Child,
        date_of_birth: Some(day("2019-02-02")),
        expected_date: None,
        gender: String::new(),
        setting: String::new(),
    };
    let mia = people::add_person(&store, 1, case, &child, now).await.unwrap();
    let plan = NewPlan {
        person_id: mia,
        kind: PlanKind::ChildProtectionPlan,
        categories: vec![Category::Neglect],
        start_on: day("2026-06-01"),
        local_authority: "Bristol City Council".into(),
    };
    plans::start_plan(&store, 1, case, &plan, now).await.unwrap();
    let details = CaseDetails {
        allocated_lead_id: Some(1),
        local_authority: "Bristol City Council".into(),
        social_worker_name: "Amara Okafor".into(),
        social_worker_team: String::new(),
        social_worker_phone: String::new(),
        social_worker_email: String::new(),
        cc_registration: None,
        cc_registration_on: None,
        nation: Default::default(),
        version: 0,
    };
    cases::update_details(&store, 1, case, &details, now).await.unwrap();

    // The enquirer first: nothing is written until they are recorded properly.
    let nameless = Enquirer { name: " ".into(), ..police(IdentityCheck::CallBackSwitchboard) };
    assert_eq!(enquiries::start(&store, 1, &nameless, now).await.unwrap_err().fields[0].field, "name");
    assert!(enquiries::search(&store, 999, "mia").await.is_err(), "no search outside a recorded enquiry");
    let id = enquiries::start(&store, 1, &police(IdentityCheck::CallBackSwitchboard), now).await.unwrap();
    let found = enquiries::search(&store, id, "mia cole").await.unwrap();
    assert_eq!(found.rows[0].id, case);

    // The address typed messily still matches the child on a plan.
    let row =
        enquiries::complete(&store, 1, id, &about("12, avon street", "bs59qh", Some(case), true), now).await.unwrap();
    assert_eq!(row.same_address_reference.as_deref(), Some("CP-2026-0001"));
    assert_eq!(row.same_address_social_worker.as_deref(), Some("Amara Okafor"));
    assert!(enquiries::complete(&store, 1, id, &about("x", "", None, false), now).await.is_err(), "recorded once");
    let page = case_page::page(&store, 1, case, now).await.unwrap();
    assert!(
        page.chronology[0].current.summary.starts_with("Enquiry from Avon and Somerset Police"),
        "on the case's chronology"
    );

    // Another address does not match; an anonymous enquirer is never answered.
    let other = enquiries::start(&store, 1, &police(IdentityCheck::KnownContact), now).await.unwrap();
    let row =
        enquiries::complete(&store, 1, other, &about("14 Avon Street", "BS5  9QH", None, true), now).await.unwrap();
    assert_eq!(row.same_address_reference, None);
    let anonymous = Enquirer {
        name: String::new(),
        organisation: String::new(),
        role: String::new(),
        contact: String::new(),
        ..police(IdentityCheck::Anonymous)
    };
    let anon = enquiries::start(&store, 1, &anonymous, now).await.unwrap();
    assert_eq!(
        enquiries::complete(&store, 1, anon, &about("", "", None, true), now).await.unwrap_err().fields[0].field,
        "answered"
    );
    enquiries::complete(&store, 1, anon, &about("", "", None, false), now).await.unwrap();

    // Telling the lead social worker: dated, once; outstanding ones are on the dashboard. The
    // anonymous one, about nobody on a case, unanswered and not flagged, has nothing to pass on.
    let outstanding = EnquiryFilter { outstanding: true, ..Default::default() };
    assert_eq!(enquiries::list(&store, &outstanding).await.unwrap().len(), 2);
    assert_eq!(dashboard::dashboard(&store, 1, now).await.unwrap().enquiries_to_pass_on.len(), 2);
    assert!(!enquiries::get(&store, anon).await.unwrap().needs_passing_on);
    let refused = enquiries::close_nothing_to_pass_on(&store, 1, other, now).await.unwrap_err();
    assert!(refused.message.contains("something to pass on"), "{}", refused.message);
    enquiries::close_nothing_to_pass_on(&store, 1, anon, now).await.unwrap();
    assert!(enquiries::get(&store, anon).await.unwrap().closed_nothing_to_pass_on_at.is_some());
    assert!(enquiries::close_nothing_to_pass_on(&store, 1, anon, now).await.is_err(), "closed once");
    assert!(enquiries::informed(&store, 1, anon, day("2026-11-23"), now).await.is_err());
    assert_eq!(
        enquiries::informed(&store, 1, id, day("2026-11-24"), now).await.unwrap_err().fields[0].field,
        "informedOn"
    );
    enquiries::informed(&store, 1, id, day("2026-11-23"), now).await.unwrap();
    assert!(enquiries::informed(&store, 1, id, day("2026-11-23"), now).await.is_err());
    assert_eq!(enquiries::list(&store, &outstanding).await.unwrap().len(), 1);
    let by_org = EnquiryFilter { organisation: "somerset".into(), ..Default::default() };
    assert_eq!(enquiries::list(&store, &by_org).await.unwrap().len(), 2);
    let later = EnquiryFilter { from: Some(day("2026-11-24")), ..Default::default() };
    assert!(enquiries::list(&store, &later).await.unwrap().is_empty());
    assert!(query("DELETE FROM enquiries").execute(&mut store.db()).await.is_err());

    // The log for the period, read back as text.
    let pdf = reports::generate(
        &store,
        1,
        &ReportRequest::EnquiriesLog { from: day("2026-11-01"), to: day("2026-11-30") },
        now,
    )
    .await
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("log.pdf");
    reports::write_file(&file, &pdf, dir.path()).unwrap();
    let out = std::process::Command::new("pdftotext").arg("-layout").arg(&file).arg("-").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("3 enquiries received") && text.contains("Avon and Somerset") && text.contains("Anonymous"),
        "{text}"
    );
    assert!(
        text.contains("Same address") && text.contains("Nothing shared.") && text.contains("OFFICIAL-SENSITIVE"),
        "{text}"
    );
    store.close().await;
}

/// A live case at `line1`, BS2 0JA, whose child is on a child protection plan.
async fn plan_child_at(store: &cp_core::store::Store, line1: &str, now: DateTime<Utc>) -> i64 {
    let new = NewCase {
        address_line1: line1.into(),
        address_line2: String::new(),
        town: "Bristol".into(),
        postcode: "BS2 0JA".into(),
        source: Source::StaffReport,
        local_authority: String::new(),
        opened_on: day("2026-01-05"),
        cc_registration: None,
        cc_registration_on: None,
    };
    let case = cases::open_case(store, 1, &new, now).await.unwrap().id;
    let child = NewPerson {
        full_name: "Leo Park".into(),
        role: Role::Child,
        date_of_birth: Some(day("2020-02-02")),
        expected_date: None,
        gender: String::new(),
        setting: String::new(),
    };
    let leo = people::add_person(store, 1, case, &child, now).await.unwrap();
    let plan = NewPlan {
        person_id: leo,
        kind: PlanKind::ChildProtectionPlan,
        categories: vec![Category::Emotional],
        start_on: day("2026-06-01"),
        local_authority: "Bristol City Council".into(),
    };
    plans::start_plan(store, 1, case, &plan, now).await.unwrap();
    case
}

#[tokio::test]
async fn the_same_address_is_flagged_however_it_is_spelt_and_a_possible_one_is_asked_about() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let now = at(NOW);
    let street = plan_child_at(&store, "22 Redcross Street", now).await;
    let abbreviated = plan_child_at(&store, "7 Kingsland Rd.", now).await;
    let enquiry = |line1: &'static str| {
        let store = &store;
        async move {
            let id = enquiries::start(store, 1, &police(IdentityCheck::KnownContact), now).await.unwrap();
            (id, enquiries::complete(store, 1, id, &about(line1, "bs2 0ja", None, false), now).await)
        }
    };
    for (spelling, case) in [
        ("22 Redcross St", street),
        ("22 Redcross St.", street),
        ("Flat 1, 22 Redcross Street", street),
        ("22 REDCROSS STREET", street),
        ("7 Kingsland Road", abbreviated),
        ("Flat B, 7 Kingsland Rd", abbreviated),
    ] {
        let row = enquiry(spelling).await.1.unwrap();
        let expected = cases::summary(&store, case).await.unwrap().reference;
        assert_eq!(row.same_address_reference.as_deref(), Some(expected.as_str()), "{spelling}");
        assert!(row.needs_passing_on, "{spelling}: a flagged enquiry waits for the lead social worker");
    }
    assert_eq!(enquiry("24 Redcross Street").await.1.unwrap().same_address_reference, None);

    // Same postcode and house number, another street name: the lead must answer first.
    let (id, refused) = enquiry("22 Redcross Road").await;
    assert_eq!(refused.unwrap_err().fields[0].field, "sameAddressAnswer");
    let asked = enquiries::check_address(&store, id, "22 Redcross Road", "BS2 0JA").await.unwrap().unwrap();
    assert!(asked.possible);
    assert_eq!((asked.case_id, asked.address_line1.as_str()), (street, "22 Redcross Street"));
    let mut answer = about("22 Redcross Road", "BS2 0JA", None, false);
    answer.same_address_answer = Some(cp_core::enquiries::rules::SameAddressAnswer { case_id: street, same: false });
    let row = enquiries::complete(&store, 1, id, &answer, now).await.unwrap();
    assert_eq!(row.same_address_reference, None);
    assert_eq!(row.possible_same_address_answer.as_deref(), Some("different"));
    let (id, _) = enquiry("22 Redcross Road").await;
    answer.same_address_answer = Some(cp_core::enquiries::rules::SameAddressAnswer { case_id: street, same: true });
    let row = enquiries::complete(&store, 1, id, &answer, now).await.unwrap();
    assert!(row.same_address_reference.is_some(), "the lead said it is the same: flagged");
    assert_eq!(
        enquiries::check_address(&store, id, "22 Redcross Street", "BS2 0JA").await.unwrap_err().message,
        "This enquiry is already recorded."
    );
    store.close().await;
}

#[tokio::test]
async fn an_enquiry_is_dated_when_it_was_received() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let now = at(NOW);
    let yesterday = Enquirer {
        received_on: Some(day("2026-11-22")),
        received_time: Some("17:40".parse().unwrap()),
        ..police(IdentityCheck::KnownContact)
    };
    let id = enquiries::start(&store, 1, &yesterday, now).await.unwrap();
    let row = enquiries::get(&store, id).await.unwrap();
    assert_eq!(row.received_at.to_string(), "2026-11-22T17:40:00.000Z");
    assert_eq!(row.enquired_on, day("2026-11-22"));
    assert_eq!(row.recorded_at.map(|s| s.to_string()).as_deref(), Some("2026-11-23T10:00:00.000Z"));
    let tomorrow = Enquirer { received_on: Some(day("2026-11-24")), ..yesterday };
    assert_eq!(enquiries::start(&store, 1, &tomorrow, now).await.unwrap_err().fields[0].field, "receivedOn");
    store.close().await;
}

/// An enquiry about a case adds to its chronology in the same write, so the other lead sees
/// it among their changes; an archived case keeps its record as it was, and the enquiry is
/// still kept.
#[tokio::test]
async fn an_enquiry_about_an_archived_case_is_kept_without_changing_the_case() {
    use cp_core::cases::rules::{Closure, ClosureReason};
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Barton Hill Settlement").await;
    let now = at(NOW);
    let live = cases::open_case(&store, 1, &common::new_case("12 Avon Street"), now).await.unwrap().id;
    let archived = cases::open_case(&store, 1, &common::new_case("3 Mill Lane"), now).await.unwrap().id;
    let closure = Closure {
        reason: ClosureReason::MovedFromArea,
        reason_detail: "Leeds City Council told".into(),
        closing_note: "Family moved to Leeds.".into(),
        closed_on: day("2026-11-23"),
    };
    cases::close_case(&store, 1, archived, &closure, now).await.unwrap();
    let later = now + chrono::Duration::days(400);
    cases::archive_sweep(&store, later).await.unwrap();
    assert_eq!(cases::summary(&store, archived).await.unwrap().status, cp_core::cases::rules::Status::Archived);

    let entries = |case| {
        let store = store.clone();
        async move { case_page::page(&store, 1, case, later).await.unwrap().chronology.len() }
    };
    let before = entries(archived).await;
    let id = enquiries::start(&store, 2, &police(IdentityCheck::KnownContact), later).await.unwrap();
    let row = enquiries::complete(&store, 2, id, &about("", "", Some(archived), false), later).await.unwrap();
    assert!(row.completed_at.is_some(), "the enquiry is recorded");
    assert_eq!(row.case_reference, Some(cases::summary(&store, archived).await.unwrap().reference));
    assert_eq!(entries(archived).await, before, "the archived case is unchanged");

    let before = entries(live).await;
    let id = enquiries::start(&store, 2, &police(IdentityCheck::KnownContact), later).await.unwrap();
    enquiries::complete(&store, 2, id, &about("", "", Some(live), false), later).await.unwrap();
    assert_eq!(entries(live).await, before + 1);
    let changes = cp_core::changes::unacknowledged(&store, 1).await.unwrap();
    assert!(
        changes.iter().any(|c| c.case_id == live && c.changes.iter().any(|ch| ch.summary.contains("Enquiry from"))),
        "Joanna sees Elaine's enquiry among her changes"
    );
}
