//! The Under 5s list import on a real encrypted file, over awkward files written here: every
//! common shape, an empty file, a header alone, 10,000 rows, a binary file and a 50 MB file.
//! Each refusal is a clear message with nothing written; the same file imported twice writes
//! nothing the second time.

use crate::common;

use std::ops::ControlFlow;

use chrono::{DateTime, NaiveDate, Utc};
use common::{MemoryKeys, set_up};
use cp_core::case_page;
use cp_core::cases::{self, NewCase, Source};
use cp_core::store::Store;
use cp_core::store::db::{query, query_composed};
use cp_core::under5s::Field;
use cp_core::under5s::{self, ImportPreview, PossibleKind, RowOutcome};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z").unwrap().with_timezone(&Utc)
}

/// Rows in each table the import may write, and the audit log.
async fn footprint(store: &Store) -> Vec<i64> {
    let mut out = Vec::new();
    for table in ["cases", "people", "case_people", "chronology_entries", "audit_log", "settings", "case_changes"] {
        let n: i64 = query_composed(format!("SELECT COUNT(*) FROM {table}")).one(&mut store.db()).await.unwrap();
        out.push(n);
    }
    out
}

async fn preview(store: &Store, bytes: &[u8]) -> ImportPreview {
    under5s::preview(store, bytes, None, &[], now()).await.unwrap()
}

async fn import(store: &Store, bytes: &[u8]) -> cp_core::Result<under5s::ImportResult> {
    let p = preview(store, bytes).await;
    let mapping: Vec<Option<Field>> = p.columns.iter().map(|c| c.field).collect();
    let mut calls = 0;
    let result = under5s::import(store, 1, bytes, &mapping, &[], &p.sha256, now(), &mut |_, _| {
        calls += 1;
        ControlFlow::Continue(())
    })
    .await;
    if result.is_ok() {
        assert_eq!(calls, p.rows.len(), "progress for every row");
    }
    result
}

fn outcomes(p: &ImportPreview) -> Vec<(u32, RowOutcome)> {
    p.rows.iter().map(|r| (r.row, r.outcome)).collect()
}

const LIST: &str = "Surname,Forename,DOB,Gender,Address Line 1,Town,Post Code,Status,Social Worker\r\n\
Nowak,Zoë,01/05/2023,F,12 Avon Street,Bristol,bs5 9qz,CP,Sam Patel\r\n\
Nowak,Jan,2/6/24,M,12 Avon Street,Bristol,BS5 9QZ,CIN,Sam Patel\r\n\
Haddad,Amira,2025-01-31,,4 Mill Lane,Bristol,BS3 1AA,,\r\n\
Reed,Tom,31/02/2024,M,9 Road,Bristol,BS1 4DJ,,\r\n\
Reed,Kai,01/01/2027,M,9 Road,Bristol,BS1 4DJ,,\r\n\
Nowak,Zoë,01/05/2023,F,12 Avon Street,Bristol,BS5 9QZ,CP,Sam Patel\r\n\
=HYPERLINK(\"http://x\"),Ola,03/03/2023,F,+1 Cmd Street,Bristol,BS2 0AA,Maybe,\r\n\
,,,,,,,,\r\n";

#[tokio::test]
async fn a_list_is_previewed_imported_once_and_matched_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;

    let before = footprint(&store).await;
    let p = preview(&store, LIST.as_bytes()).await;
    assert_eq!(footprint(&store).await, before, "a preview writes nothing");
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert_eq!(p.columns[6].field, Some(Field::Postcode));
    assert_eq!(p.columns[0].sample, "Nowak");
    assert_eq!(
        outcomes(&p),
        [
            (2, RowOutcome::NewCase),
            (3, RowOutcome::JoinsNewCase),
            (4, RowOutcome::NewCase),
            (5, RowOutcome::Rejected),
            (6, RowOutcome::Rejected),
            (7, RowOutcome::Rejected),
            (8, RowOutcome::Rejected),
        ]
    );
    assert!(p.rows[3].reasons[0].contains("31/02/2024\" is not a real date"));
    assert!(p.rows[4].reasons[0].contains("01/01/2027 is in the future"));
    assert_eq!(p.rows[5].reasons, ["The same child as row 2 (same name, date of birth and address)"]);
    assert!(p.rows[6].reasons[0].contains("\"Maybe\""));
    assert_eq!(p.rows[6].child, "Ola =HYPERLINK(\"http://x\")", "a formula cell is only text");
    assert_eq!((p.counts.new_cases, p.counts.children_added, p.counts.rejected), (2, 3, 4));
    assert_eq!(p.imported_before, None);

    let done = import(&store, LIST.as_bytes()).await.unwrap();
    assert_eq!(done.cases_opened.len(), 2);
    let nowak: Vec<(i64, String)> =
        query("SELECT id, reference FROM cases WHERE postcode = 'BS5 9QZ'").fetch_all(&mut store.db()).await.unwrap();
    assert_eq!(nowak.len(), 1);
    let page = case_page::page(&store, 1, nowak[0].0, now()).await.unwrap();
    assert_eq!(page.source, Source::UnderFivesList);
    assert_eq!(page.summary.level, cp_core::cases::rules::Level::Concern);
    assert_eq!(page.summary.status, cp_core::cases::rules::Status::Live);
    let names: Vec<&str> = page.people.iter().map(|p| p.full_name.as_str()).collect();
    assert_eq!(names, ["Zoë Nowak", "Jan Nowak"]);
    assert_eq!(page.chronology.len(), 1);
    let entry = &page.chronology[0].current;
    assert!(entry.detail.contains("social care status: Child Protection Plan; social worker: Sam Patel"));
    assert_eq!(page.details.social_worker_name, "Sam Patel", "the list's social worker becomes the case's");
    let audited: Vec<String> = query("SELECT record_id FROM audit_log WHERE action = 'under5s_imported'")
        .scalars(&mut store.db())
        .await
        .unwrap();
    assert_eq!(audited, std::slice::from_ref(&done.sha256));
    assert_eq!(done.sha256.len(), 64);

    // The same file again: every child is now recorded; nothing new is written but the audit.
    let again = preview(&store, LIST.as_bytes()).await;
    assert!(again.imported_before.is_some());
    assert_eq!(again.counts.already_recorded, 3);
    assert_eq!((again.counts.new_cases, again.counts.children_added), (0, 0));
    let before = footprint(&store).await;
    import(&store, LIST.as_bytes()).await.unwrap();
    let after = footprint(&store).await;
    assert_eq!(after[..4], before[..4], "no case, person or entry written twice");

    // A brother on a later list joins his family's live case; a closed family is left alone.
    let later = "Surname,Forename,DOB,Address Line 1,Post Code\nNOWAK,Leo,01/09/2026,12 Avon Street,BS5 9QZ\n";
    let p = preview(&store, later.as_bytes()).await;
    assert_eq!(outcomes(&p), [(2, RowOutcome::AddsToCase)]);
    assert_eq!(p.rows[0].case_reference.as_deref(), Some(nowak[0].1.as_str()));
    import(&store, later.as_bytes()).await.unwrap();
    let page = case_page::page(&store, 1, nowak[0].0, now()).await.unwrap();
    assert_eq!(page.people.len(), 3);
    store.close().await;
}

#[tokio::test]
async fn every_common_shape_of_file_reads_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let utf8 = "Last name,First name,Date of birth,Address,Postcode\nO’Brien,Zoë,3/4/24,1 Road,BS5 9QZ\n";
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(utf8.replace('\n', "\r\n").as_bytes());
    let cp1252 =
        b"Last name;First name;Date of birth;Address;Postcode\r\nO\x92Brien;Zo\xEB;2024-04-03;1 Road;BS5 9QZ\r\n";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(utf8.replace(',', "\t").encode_utf16().flat_map(u16::to_le_bytes));
    for (shape, bytes) in
        [("utf-8", utf8.as_bytes().to_vec()), ("bom crlf", bom), ("windows-1252", cp1252.to_vec()), ("utf-16", utf16)]
    {
        let p = preview(&store, &bytes).await;
        assert!(p.problems.is_empty(), "{shape}: {:?}", p.problems);
        assert_eq!(p.rows[0].child, "Zoë O’Brien", "{shape}");
        assert_eq!(p.rows[0].date_of_birth.as_deref(), Some("03/04/2024"), "{shape}");
        assert_eq!(p.rows[0].outcome, RowOutcome::NewCase, "{shape}");
    }

    // Columns the import cannot recognise: the preview asks for them; the import refuses.
    let odd = "Kid,Born,Where\nZoë,3/4/24,BS5 9QZ\n";
    let p = preview(&store, odd.as_bytes()).await;
    assert!(p.problems.iter().any(|m| m.contains("full name")), "{:?}", p.problems);
    let before = footprint(&store).await;
    let err = under5s::import(&store, 1, odd.as_bytes(), &[None, None, None], &[], &p.sha256, now(), &mut |_, _| {
        ControlFlow::Continue(())
    })
    .await
    .unwrap_err();
    assert!(err.message.contains("full name"));
    // Chosen by hand, and remembered for the next file with the same columns.
    let mapping = [Some(Field::FullName), Some(Field::DateOfBirth), Some(Field::Postcode)];
    let p = under5s::preview(&store, odd.as_bytes(), Some(&mapping), &[], now()).await.unwrap();
    assert!(p.problems.iter().any(|m| m.contains("address line 1")), "{:?}", p.problems);
    let with_address = "Kid,Born,Where,Home\nZoë Nowak,3/4/24,BS5 9QZ,1 Road\n";
    let mapping = [Some(Field::FullName), Some(Field::DateOfBirth), Some(Field::Postcode), Some(Field::AddressLine1)];
    let p = under5s::preview(&store, with_address.as_bytes(), Some(&mapping), &[], now()).await.unwrap();
    let changed = "Kid,Born,Where,Home\nZoë Nowak,3/4/24,BS5 9QZ,2 Road\n";
    let err = under5s::import(&store, 1, changed.as_bytes(), &mapping, &[], &p.sha256, now(), &mut |_, _| {
        ControlFlow::Continue(())
    })
    .await
    .unwrap_err();
    assert!(err.message.contains("changed since the preview"));
    assert_eq!(footprint(&store).await, before, "nothing written by a refused import");
    under5s::import(&store, 1, with_address.as_bytes(), &mapping, &[], &p.sha256, now(), &mut |_, _| {
        ControlFlow::Continue(())
    })
    .await
    .unwrap();
    let next = preview(&store, b"Kid,Born,Where,Home\nAda Reed,1/1/25,BS1 4DJ,3 Lane\n").await;
    assert_eq!(next.columns.iter().map(|c| c.field).collect::<Vec<_>>(), mapping);
    store.close().await;
}

#[tokio::test]
async fn awkward_files_are_refused_with_a_reason_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let before = footprint(&store).await;
    let mut zip = b"PK\x03\x04".to_vec();
    zip.extend((0..4000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    let mut fifty = b"Surname,First name,DOB,Address,Postcode\n".to_vec();
    while fifty.len() < 50 * 1024 * 1024 {
        fifty.extend_from_slice(b"Nowak,Zoe,01/05/2023,12 Avon Street,BS5 9QZ\n");
    }
    let cases: [(&str, &[u8], &str); 5] = [
        ("empty", b"", "The file is empty"),
        ("blank lines", b"\r\n \r\n", "The file is empty"),
        ("header only", b"Surname,First name,DOB\r\n", "no rows of children"),
        ("binary", &zip, "not a CSV file"),
        ("50 MB", &fifty, "check you chose the right file"),
    ];
    for (what, bytes, says) in cases {
        let err = under5s::preview(&store, bytes, None, &[], now()).await.unwrap_err();
        assert!(err.message.contains(says), "{what}: {}", err.message);
        let err = under5s::import(&store, 1, bytes, &[], &[], "", now(), &mut |_, _| ControlFlow::Continue(()))
            .await
            .unwrap_err();
        assert!(err.message.contains(says), "{what}: {}", err.message);
    }
    assert_eq!(footprint(&store).await, before);
    store.close().await;
}

#[tokio::test]
async fn ten_thousand_rows_in_one_transaction() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    // Existing case for one family, so matching runs against recorded people too.
    let new = NewCase {
        address_line1: "1 Known Road".into(),
        address_line2: String::new(),
        town: "Bristol".into(),
        postcode: "BS1 1AA".into(),
        source: Source::StaffReport,
        local_authority: String::new(),
        opened_on: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        cc_registration: None,
        cc_registration_on: None,
    };
    cases::open_case(&store, 1, &new, now()).await.unwrap();
    let mut csv = String::from("Surname,First name,DOB,Address,Postcode\n");
    for i in 0..10_000u32 {
        // Two children per family: 5,000 families, each at its own postcode.
        let family = i / 2;
        const INWARD: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ"; // the letters a postcode's inward part may use
        let letter = |n: u32| INWARD[(n % 20) as usize] as char;
        let postcode =
            format!("BS{} {}{}{}", 1 + family % 40, family / 40 % 10, letter(family / 400), letter(family / 8000));
        // Rows 5,000 on repeat the names and dates of birth of the first 5,000 in other
        // families at other addresses: different children, never merged.
        let n = i % 5_000;
        csv.push_str(&format!(
            "Family{},Child{n},{:02}/{:02}/2024,{family} Long Road,{postcode}\n",
            n / 2,
            1 + n % 28,
            1 + n % 12
        ));
    }
    let p = preview(&store, csv.as_bytes()).await;
    assert_eq!(p.rows.len(), 10_000);
    assert_eq!(p.counts.rejected, 0, "{:?}", p.rows.iter().find(|r| !r.reasons.is_empty()));
    assert_eq!((p.counts.new_cases, p.counts.children_added), (5_000, 10_000));
    assert_eq!(p.counts.possible_matches, 5_000);
    let alike = &p.rows[5_000];
    assert_eq!(alike.outcome, RowOutcome::NewCase);
    assert_eq!(alike.possible.as_ref().map(|m| (m.kind, m.row)), Some((PossibleKind::SameChild, Some(2))));
    let rows_before = cp_core::audit::verify(&store).await.unwrap().rows;
    let done = import(&store, csv.as_bytes()).await.unwrap();
    assert_eq!(done.cases_opened.len(), 5_000);
    let people: i64 = query("SELECT COUNT(*) FROM people").one(&mut store.db()).await.unwrap();
    assert_eq!(people, 10_000);
    // One write of far more audit rows than one statement holds: each case opened, each child
    // added, each case's entry, and the import itself, chained, sealed and signed in order.
    let chain = cp_core::audit::verify(&store).await.unwrap();
    assert_eq!(chain.rows - rows_before, 5_000 + 10_000 + 5_000 + 1);
    assert_eq!((chain.first_bad_row, chain.forged_rows, chain.missing_rows), (None, 0, 0));
    assert!(chain.altered_records.is_empty() && chain.missing_guards.is_empty(), "{chain:?}");
    let again = preview(&store, csv.as_bytes()).await;
    assert_eq!(again.counts.already_recorded, 10_000);
    store.close().await;
}

/// A recorded family: a case at `line1`, `postcode` with one child and a lead social worker.
async fn family(store: &Store, line1: &str, postcode: &str, child: &str, born: &str, worker: &str) -> (i64, String) {
    let new = NewCase {
        address_line1: line1.into(),
        address_line2: String::new(),
        town: "Bristol".into(),
        postcode: postcode.into(),
        source: Source::StaffReport,
        local_authority: String::new(),
        opened_on: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        cc_registration: None,
        cc_registration_on: None,
    };
    let case = cases::open_case(store, 1, &new, now()).await.unwrap();
    let person = cp_core::people::rules::NewPerson {
        full_name: child.into(),
        role: cp_core::people::rules::Role::Child,
        date_of_birth: Some(born.parse().unwrap()),
        expected_date: None,
        gender: String::new(),
        setting: String::new(),
    };
    cp_core::people::add_person(store, 1, case.id, &person, now()).await.unwrap();
    if !worker.is_empty() {
        let details = cp_core::cases::rules::CaseDetails {
            allocated_lead_id: Some(1),
            local_authority: String::new(),
            social_worker_name: worker.into(),
            social_worker_team: String::new(),
            social_worker_phone: String::new(),
            social_worker_email: String::new(),
            cc_registration: None,
            cc_registration_on: None,
            nation: Default::default(),
            version: 0,
        };
        cases::update_details(store, 1, case.id, &details, now()).await.unwrap();
    }
    (case.id, case.reference)
}

#[tokio::test]
async fn children_and_families_alike_at_other_addresses_are_kept_apart_unless_the_lead_says() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let (nowaks, nowak_ref) = family(&store, "12 Avon Street", "BS5 9QZ", "Zoë Nowak", "2023-05-01", "").await;
    let (_, cole_ref) = family(&store, "3 Elm Road", "BS3 1AA", "Ada Cole", "2024-02-02", "Priya Shah").await;
    let list = "Surname,Forename,DOB,Address Line 1,Post Code,Social Worker\n\
Nowak,Zoë,01/05/2023,40 Oak Road,BS7 8AA,\n\
Nowak,Piotr,05/05/2022,30 Avon Street,BS5 9QZ,\n\
Nowak,Jan,02/06/2024,\"12 Avon St.\",bs59qz,Sam Patel\n\
Cole,Ben,03/03/2025,\"Flat 1\n3 Elm Rd\",BS3 1AA,Tom Green\n";
    let p = preview(&store, list.as_bytes()).await;
    assert_eq!(
        outcomes(&p),
        [(2, RowOutcome::NewCase), (3, RowOutcome::NewCase), (4, RowOutcome::AddsToCase), (5, RowOutcome::AddsToCase)]
    );
    let same_child = p.rows[0].possible.as_ref().expect("a possible same child");
    assert_eq!(
        (same_child.kind, same_child.case_reference.as_deref()),
        (PossibleKind::SameChild, Some(nowak_ref.as_str()))
    );
    assert_eq!(same_child.address_line1, "12 Avon Street", "the lead sees the recorded address to compare");
    assert!(!same_child.same);
    let same_family = p.rows[1].possible.as_ref().expect("a possible same family");
    assert_eq!(same_family.kind, PossibleKind::SameFamily);
    assert_eq!(p.counts.possible_matches, 2);
    assert_eq!(p.rows[2].case_reference.as_deref(), Some(nowak_ref.as_str()), "St. is Street");
    assert_eq!(p.rows[3].case_reference.as_deref(), Some(cole_ref.as_str()), "a two-line address cell");
    let differs = p.rows[3].social_worker_differs.as_ref().expect("another social worker");
    assert_eq!((differs.on_list.as_str(), differs.on_case.as_str()), ("Tom Green", "Priya Shah"));

    // The lead says row 2 is the child already recorded: nothing is written for it.
    let mapping: Vec<Option<Field>> = p.columns.iter().map(|c| c.field).collect();
    let chosen = under5s::preview(&store, list.as_bytes(), Some(&mapping), &[2], now()).await.unwrap();
    assert_eq!(chosen.rows[0].outcome, RowOutcome::AlreadyRecorded);
    assert!(chosen.rows[0].possible.as_ref().is_some_and(|m| m.same));

    // Left as it is (and always from the command line), each is recorded apart and marked.
    let done = import(&store, list.as_bytes()).await.unwrap();
    assert_eq!(done.cases_opened.len(), 2);
    let zoes: i64 =
        query("SELECT COUNT(*) FROM people WHERE full_name = 'Zoë Nowak'").one(&mut store.db()).await.unwrap();
    assert_eq!(zoes, 2, "two children, not merged");
    let marked: Vec<String> = query(
        "SELECT r.action_required FROM chronology_revisions r JOIN chronology_entries e ON e.id = r.entry_id
         JOIN cases c ON c.id = e.case_id WHERE c.postcode = 'BS7 8AA'",
    )
    .scalars(&mut store.db())
    .await
    .unwrap();
    assert!(marked[0].contains(&format!("Possibly the same child as one in case {nowak_ref}")), "{marked:?}");
    // The Nowaks' case had no lead social worker: it now has the list's; the Coles' keeps theirs.
    let page = case_page::page(&store, 1, nowaks, now()).await.unwrap();
    assert_eq!(page.details.social_worker_name, "Sam Patel");
    let coles: String = query("SELECT social_worker_name FROM cases WHERE reference = $1")
        .bind(&cole_ref)
        .one(&mut store.db())
        .await
        .unwrap();
    assert_eq!(coles, "Priya Shah");
    let no_breaks: i64 = query("SELECT COUNT(*) FROM cases WHERE address_line1 LIKE $1")
        .bind("%\n%")
        .one(&mut store.db())
        .await
        .unwrap();
    assert_eq!(no_breaks, 0);
    store.close().await;
}
