//! A transfer-in on a real encrypted file: the child, the plan from the other authority and
//! the transfer written together (or nothing), and shown on the register with its origin.

use crate::common;

use common::{MemoryKeys, at, day, set_up};
use cp_core::case_page;
use cp_core::cases::{self, NewCase, Source};
use cp_core::plans::rules::Category;
use cp_core::reports::{self, ReportRequest};
use cp_core::store::db::query;
use cp_core::transfers;
use cp_core::transfers::rules::{AgencyNotified, StayKind, TransferIn};

#[tokio::test]
async fn a_visiting_child_on_a_plan_from_another_authority() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let now = at("2026-11-23T10:00:00Z");
    let new = NewCase {
        address_line1: "3 Mill Lane".into(),
        address_line2: String::new(),
        town: "Bristol".into(),
        postcode: "BS3 1AA".into(),
        source: Source::OtherAgency,
        local_authority: "Bristol City Council".into(),
        opened_on: day("2026-11-20"),
        cc_registration: None,
        cc_registration_on: None,
    };
    let case = cases::open_case(&store, 1, &new, now).await.unwrap().id;
    let visit = TransferIn {
        kind: StayKind::Visiting,
        child_name: "Kacper Nowak".into(),
        child_dob: day("2018-03-03"),
        originating_authority: "Leeds City Council".into(),
        plan_start: day("2026-06-01"),
        categories: vec![Category::Neglect, Category::Emotional],
        social_worker: "Sam Reid, 0113 000 0000".into(),
        stay_from: Some(day("2026-11-20")),
        stay_to: Some(day("2026-12-20")),
        agencies: vec![AgencyNotified { agency: "Health visiting".into(), on: day("2026-11-21") }],
    };
    let bad = TransferIn { stay_to: Some(day("2026-11-01")), ..visit.clone() };
    assert_eq!(transfers::record(&store, 1, case, &bad, now).await.unwrap_err().fields[0].field, "stayTo");
    let people: i64 = query("SELECT count(*) FROM people").one(&mut store.db()).await.unwrap();
    assert_eq!(people, 0, "nothing half-written");

    transfers::record(&store, 1, case, &visit, now).await.unwrap();
    let page = case_page::page(&store, 1, case, now).await.unwrap();
    assert_eq!(page.people[0].full_name, "Kacper Nowak");
    assert_eq!(
        (page.plans[0].local_authority.as_str(), page.plans[0].categories.0.as_slice()),
        ("Leeds City Council", [Category::Neglect, Category::Emotional].as_slice())
    );
    assert!(page.transfers[0].agencies_notified.contains("Health visiting"));

    let pdf = reports::generate(&store, 1, &ReportRequest::Register, now).await.unwrap();
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("register.pdf");
    reports::write_file(&file, &pdf, dir.path()).unwrap();
    let out = std::process::Command::new("pdftotext").arg(&file).arg("-").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Kacper Nowak") && text.contains("transferred") && text.contains("Sam Reid"), "{text}");
    store.close().await;
}
