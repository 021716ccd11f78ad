//! A child protection file moving on (issue 23): Joanna at Riverside sends Anna and Piet's
//! file to Oakfield Primary; Oakfield's lead opens the package with the passphrase read out
//! by phone and receives it as a new case, every entry as it was; Riverside chases, then
//! records the receipt. Two real data folders (two databases on PostgreSQL). A wrong
//! passphrase, a damaged package and a second receipt change nothing; the clock counts working
//! days across bank holidays; the paper pack is read back with `pdftotext`; and no input makes
//! the package reader panic. On the run's engine.

use crate::common;

use std::path::Path;
use std::process::Command;

use chrono::{DateTime, Utc};
use common::{ELAINE, JOANNA, MemoryKeys, at, count, day, new_case, now, person, phone_call, set_up};
use cp_core::chronology::rules::{EntryKind, NewEntry};
use cp_core::file_transfers::rules::{Chase, NewTransfer, Receipt, Section, SentHow};
use cp_core::people::rules::{NewPerson, Role};
use cp_core::plans::rules::{Category, NewPlan, PlanKind};
use cp_core::send_file::{Destinations, Sent};
use cp_core::store::Store;

const ALL: [Section; 6] =
    [Section::Chronology, Section::Plans, Section::Levels, Section::Concerns, Section::Actions, Section::Flags];

fn transfer(child: Option<i64>, moved: &str) -> NewTransfer {
    NewTransfer {
        child,
        setting: "Oakfield Primary School".into(),
        dsl: "Amira Khan".into(),
        contact: "01632 960123, dsl@oakfield.example".into(),
        move_confirmed_on: day(moved),
        sections: ALL.to_vec(),
        sent_how: SentHow::Package,
    }
}

/// Riverside's family: Anna (on a plan) and Piet, their mother, an entry about Anna amended
/// once, one about Piet alone, one about the whole family marked significant, and a warning.
struct Family {
    case_id: i64,
    anna: i64,
    piet: i64,
}

async fn riverside_family(store: &Store) -> Family {
    let case = cp_core::cases::open_case(store, JOANNA.0, &new_case("4 Mill Lane"), now()).await.unwrap();
    let add =
        |p: NewPerson| async move { cp_core::people::add_person(store, JOANNA.0, case.id, &p, now()).await.unwrap() };
    let anna = add(person("Anna van der Berg", Role::Child, Some("2018-03-03"))).await;
    let piet = add(person("Piet van der Berg", Role::Child, Some("2020-07-14"))).await;
    add(person("Marijke van der Berg", Role::Parent, Some("1990-01-02"))).await;
    let plan = NewPlan {
        person_id: anna,
        kind: PlanKind::ChildProtectionPlan,
        categories: vec![Category::Neglect],
        start_on: day("2026-06-01"),
        local_authority: "Bristol City Council".into(),
    };
    cp_core::plans::start_plan(store, JOANNA.0, case.id, &plan, now()).await.unwrap();
    let about_anna = NewEntry { children: vec![anna], ..phone_call("Anna arrived hungry") };
    let entry = cp_core::chronology::add_entry(store, JOANNA.0, case.id, &about_anna, now()).await.unwrap();
    let amended = NewEntry { detail: "She said there was no breakfast again.".into(), ..about_anna };
    cp_core::chronology::amend_entry(store, ELAINE.0, entry, &amended, "Added what Anna said", now()).await.unwrap();
    let about_piet =
        NewEntry { children: vec![piet], kind: EntryKind::StaffInformation, ..phone_call("Piet's bruise") };
    cp_core::chronology::add_entry(store, JOANNA.0, case.id, &about_piet, now()).await.unwrap();
    let family = NewEntry { significant: true, ..phone_call("Mother says the family is moving to Leeds") };
    cp_core::chronology::add_entry(store, JOANNA.0, case.id, &family, now()).await.unwrap();
    let flag = cp_core::flags::rules::NewFlag { flag: "Do not contact the father".into() };
    cp_core::flags::add(store, JOANNA.0, case.id, &flag, now()).await.unwrap();
    let change = cp_core::cases::rules::LevelChange {
        to: cp_core::domain::case::Level::EarlyHelp,
        evidence: "Teacher's reports of hunger; the family agreed to early help".into(),
        effective: day("2026-11-20"),
        entries: vec![entry],
    };
    cp_core::cases::change_level(store, JOANNA.0, case.id, &change, now()).await.unwrap();
    let action = cp_core::case_actions::rules::NewAction {
        what: "Ask the nursery for attendance since September".into(),
        entry_id: None,
        concern_id: None,
        assignment: cp_core::case_actions::rules::Assignment {
            owner_lead_id: Some(ELAINE.0),
            owner_name: String::new(),
            owner_contact: String::new(),
            due_on: Some(day("2026-11-27")),
            due_working_days: None,
        },
    };
    cp_core::case_actions::add(store, JOANNA.0, case.id, &action, now()).await.unwrap();
    Family { case_id: case.id, anna, piet }
}

async fn send(store: &Store, dir: &Path, case_id: i64, t: &NewTransfer, when: DateTime<Utc>) -> Sent {
    let to = Destinations {
        package: &dir.join("out.cptransfer"),
        paper_pack: Some(&dir.join("paper-pack.pdf")),
        data_dir: &dir.join("data"),
    };
    cp_core::send_file::send(store, JOANNA.0, case_id, t, &to, None, when).await.unwrap()
}

fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext").arg("-layout").arg(path).arg("-").output().expect("pdftotext (poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn a_file_sent_from_one_setting_is_received_whole_by_another() {
    let out = tempfile::tempdir().unwrap();
    let (here, there) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (riverside, _) = set_up(here.path(), &MemoryKeys::default(), "Riverside").await;
    let (oakfield, _) = set_up(there.path(), &MemoryKeys::default(), "Oakfield Primary School").await;
    let family = riverside_family(&riverside).await;

    let sent = send(&riverside, out.path(), family.case_id, &transfer(None, "2026-11-20"), now()).await;
    let package = std::fs::read(out.path().join("out.cptransfer")).unwrap();
    assert!(package.starts_with(b"age-encryption.org/v1\n"), "an age file");
    for word in ["Anna", "van der Berg", "hungry", "Mill Lane"] {
        assert!(!package.windows(word.len()).any(|w| w == word.as_bytes()), "{word} is in the package in clear");
    }
    assert_eq!(sent.passphrase.len(), 29, "five groups of five: {}", sent.passphrase);

    // The paper pack: the cover, every revision, the receipt slip on a page of its own.
    let text = pdf_text(&out.path().join("paper-pack.pdf"));
    for expected in [
        "Child protection file: Anna and Piet van der Berg",
        "Amira Khan, Oakfield Primary School",
        "Anna arrived hungry",
        "EARLIER REVISION, REPLACED",
        "Do not contact the father",
        "SIGNIFICANT: Mother says the family is moving to Leeds",
        "Receipt: please return to Riverside",
        &sent.digest,
    ] {
        assert!(text.contains(expected), "the paper pack lacks {expected:?}:\n{text}");
    }
    let slip = text.split('\u{c}').rfind(|p| !p.trim().is_empty()).unwrap();
    assert!(slip.contains("Receipt: please return to Riverside") && slip.contains("Signature"), "{slip}");

    // Oakfield: a wrong passphrase, a damaged package, a file of another kind change nothing.
    let wrong = "22222-22222-22222-22222-22222";
    let e = cp_core::file_transfers::preview(&oakfield, JOANNA.0, &package, wrong, now()).await.unwrap_err();
    assert_eq!(e.fields[0].field, "passphrase", "{e:?}");
    let e = cp_core::file_transfers::receive(&oakfield, JOANNA.0, &package, wrong, now()).await.unwrap_err();
    assert_eq!(e.fields[0].field, "passphrase");
    let mut damaged = package.clone();
    let last = damaged.len() - 20;
    damaged[last] ^= 0x01;
    let e = cp_core::file_transfers::receive(&oakfield, JOANNA.0, &damaged, &sent.passphrase, now()).await.unwrap_err();
    assert_eq!(e.fields[0].field, "file", "{e:?}");
    let e = cp_core::file_transfers::receive(&oakfield, JOANNA.0, b"%PDF-1.7 no", &sent.passphrase, now()).await;
    assert!(e.unwrap_err().message.contains("not a CP Tracker transfer package"));
    assert_eq!(count(&oakfield, "SELECT COUNT(*) FROM cases").await, 0);
    assert_eq!(count(&oakfield, "SELECT COUNT(*) FROM received_files").await, 0);

    // What it holds, then received; the passphrase as typed by a lead with spaces, lower case.
    let typed = sent.passphrase.to_lowercase().replace('-', " ");
    let preview = cp_core::file_transfers::preview(&oakfield, JOANNA.0, &package, &typed, now()).await.unwrap();
    assert_eq!(preview.from_organisation, "Riverside");
    assert_eq!(preview.from_lead, "Joanna Holmes");
    let names: Vec<&str> = preview.children.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Anna van der Berg", "Piet van der Berg"]);
    assert!(preview.holds.contains(&("Chronology entries".to_owned(), 3)), "{:?}", preview.holds);
    assert_eq!(preview.digest, sent.digest);
    let got = cp_core::file_transfers::receive(&oakfield, ELAINE.0, &package, &typed, now()).await.unwrap();
    let page = cp_core::case_page::page(&oakfield, ELAINE.0, got.case_id, now()).await.unwrap();
    assert_eq!(page.name, "Anna and Piet van der Berg");
    assert_eq!(page.source, cp_core::cases::Source::FileReceived);
    assert_eq!(page.chronology.len(), 3);
    let hungry = page.chronology.iter().find(|e| e.current.summary == "Anna arrived hungry").unwrap();
    assert_eq!(hungry.current.revision, 2);
    assert_eq!(hungry.current.recorded_by, "Elaine Martin, Riverside", "who recorded it there, as text");
    assert_eq!(hungry.current.amend_reason, "Added what Anna said");
    assert_eq!(hungry.earlier.len(), 1);
    assert_eq!(hungry.earlier[0].recorded_by, "Joanna Holmes, Riverside");
    assert_eq!(hungry.created_by, "Joanna Holmes, Riverside");
    assert_eq!(hungry.current.event_on, day("2026-11-20"));
    let anna_here = page.people.iter().find(|p| p.full_name == "Anna van der Berg").unwrap().id;
    assert_eq!(hungry.current.children, [anna_here]);
    assert!(page.chronology.iter().any(|e| e.current.significant));
    assert_eq!(page.plans.len(), 1);
    assert_eq!(page.plans[0].child, "Anna van der Berg");
    assert_eq!(
        page.flags.iter().map(|f| f.flag.as_str()).collect::<Vec<_>>(),
        ["Do not contact the father (from Riverside)"]
    );
    let kept = cp_core::file_transfers::received_for_case(&oakfield, got.case_id).await.unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].their_reference, page_reference(&riverside, family.case_id).await);
    assert_eq!(kept[0].digest, sent.digest);
    // The other setting's own record comes with the file, as it was there.
    let parts: Vec<(&str, &str)> = kept[0].parts.iter().map(|p| (p.kind.as_str(), p.title.as_str())).collect();
    assert_eq!(
        parts,
        [("Level change", "Concern to Early help"), ("Action", "Ask the nursery for attendance since September")],
        "{:?}",
        kept[0].parts
    );
    assert_eq!(kept[0].parts[0].by, "Joanna Holmes");
    let records = cp_core::file_transfers::received_records(&oakfield, kept[0].id).await.unwrap();
    assert_eq!(records.len() as i64, sent.records as i64);

    // The same package again changes nothing.
    let again = cp_core::file_transfers::receive(&oakfield, JOANNA.0, &package, &typed, now()).await.unwrap_err();
    assert!(again.message.contains(&format!("already received, as case {}", got.reference)), "{}", again.message);
    assert_eq!(count(&oakfield, "SELECT COUNT(*) FROM cases").await, 1);
    let trail: Vec<String> = cp_core::store::db::query(
        "SELECT action FROM audit_log WHERE action IN ('transfer_package_opened', 'file_received') ORDER BY id",
    )
    .scalars(&mut oakfield.db())
    .await
    .unwrap();
    assert_eq!(trail, ["transfer_package_opened", "file_received"]);
    assert!(cp_core::audit::verify(&oakfield).await.unwrap().intact());

    // Riverside's log: due five working days after the move, chased, then received.
    let log = cp_core::file_transfers::for_case(&riverside, family.case_id).await.unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].due_on, day("2026-11-27"));
    assert_eq!(log[0].chase_on, Some(day("2026-11-27")));
    assert_eq!(log[0].sections, ALL);
    let later = at("2026-11-30T10:00:00Z");
    let waiting = cp_core::file_transfers::awaiting_receipt(&riverside).await.unwrap();
    assert_eq!(waiting.iter().map(|t| t.id).collect::<Vec<_>>(), [sent.transfer_id]);
    assert_eq!(waiting[0].name, "Anna and Piet van der Berg");
    let chase = Chase { chased_on: day("2026-11-30"), note: "Phoned Amira Khan".into() };
    cp_core::file_transfers::record_chase(&riverside, JOANNA.0, sent.transfer_id, &chase, later).await.unwrap();
    let log = cp_core::file_transfers::for_case(&riverside, family.case_id).await.unwrap();
    assert_eq!(log[0].chase_on, Some(day("2026-12-02")), "two working days after the chase");
    let early = Receipt { received_on: day("2026-11-19"), confirmed_by: "Amira Khan".into() };
    let e = cp_core::file_transfers::record_receipt(&riverside, JOANNA.0, sent.transfer_id, &early, later).await;
    assert_eq!(e.unwrap_err().fields[0].field, "receiptOn");
    let receipt = Receipt { received_on: day("2026-11-30"), confirmed_by: "Amira Khan, Oakfield Primary".into() };
    cp_core::file_transfers::record_receipt(&riverside, JOANNA.0, sent.transfer_id, &receipt, later).await.unwrap();
    assert!(cp_core::file_transfers::awaiting_receipt(&riverside).await.unwrap().is_empty());
    let twice = cp_core::file_transfers::record_receipt(&riverside, ELAINE.0, sent.transfer_id, &receipt, later).await;
    assert!(twice.unwrap_err().message.contains("already recorded"));
    let log = cp_core::file_transfers::for_case(&riverside, family.case_id).await.unwrap();
    assert_eq!((log[0].receipt_on, log[0].chase_on), (Some(day("2026-11-30")), None));
    let elaine = cp_core::dashboard::dashboard(&riverside, ELAINE.0, later).await.unwrap();
    let heard: Vec<&str> = elaine.changes.iter().flat_map(|c| &c.changes).map(|c| c.summary.as_str()).collect();
    assert!(heard.iter().any(|h| h.starts_with("File sent to Oakfield Primary School")), "{heard:?}");
    assert!(heard.iter().any(|h| h.starts_with("Receipt of the file confirmed by Amira Khan")), "{heard:?}");
    assert!(cp_core::store::db::query("DELETE FROM file_transfers").execute(&mut riverside.db()).await.is_err());
    assert!(
        cp_core::store::db::query("UPDATE file_transfers SET receipt_by = 'someone else'")
            .execute(&mut riverside.db())
            .await
            .is_err(),
        "a receipt is recorded once"
    );
    assert!(cp_core::audit::verify(&riverside).await.unwrap().intact());

    // The transfer log, as a local authority asks for it, from each side.
    let log = |store: &Store| {
        let store = store.clone();
        async move {
            let request =
                cp_core::reports::ReportRequest::TransferLog { from: day("2026-11-01"), to: day("2026-11-30") };
            cp_core::reports::generate(&store, JOANNA.0, &request, later).await.unwrap()
        }
    };
    let pdf = out.path().join("log.pdf");
    cp_core::reports::write_file(&pdf, &log(&riverside).await, Path::new("/nonexistent")).unwrap();
    let flat = |text: String| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let sent_log = flat(pdf_text(&pdf));
    for expected in ["Transfer log", "1 file sent to a new setting, 0 received there by the day it was due", "Oakfield"]
    {
        assert!(sent_log.contains(expected), "{expected:?}:\n{sent_log}");
    }
    assert!(!sent_log.contains("Not yet"), "the receipt is recorded: {sent_log}");
    cp_core::reports::write_file(&pdf, &log(&oakfield).await, Path::new("/nonexistent")).unwrap();
    let received_log = flat(pdf_text(&pdf));
    assert!(
        received_log.contains("0 files sent") && received_log.contains("1 received from another"),
        "{received_log}"
    );
    assert!(received_log.contains(&got.reference) && received_log.contains("Riverside"), "{received_log}");
    riverside.close().await;
    oakfield.close().await;
}

async fn page_reference(store: &Store, case_id: i64) -> String {
    cp_core::cases::summary(store, case_id).await.unwrap().reference
}

#[tokio::test]
async fn one_childs_file_leaves_their_sibling_behind_and_a_child_recorded_here_is_linked() {
    let out = tempfile::tempdir().unwrap();
    let (here, there) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (riverside, _) = set_up(here.path(), &MemoryKeys::default(), "Riverside").await;
    let (oakfield, _) = set_up(there.path(), &MemoryKeys::default(), "Oakfield Primary School").await;
    let family = riverside_family(&riverside).await;
    // Oakfield already knows Anna, at the same postcode (written with different spacing).
    let known = cp_core::cases::open_case(
        &oakfield,
        JOANNA.0,
        &cp_core::cases::NewCase { postcode: "bs59qz".into(), ..new_case("4 Mill Lane") },
        now(),
    )
    .await
    .unwrap();
    cp_core::people::add_person(
        &oakfield,
        JOANNA.0,
        known.id,
        &person("ANNA VAN DER BERG", Role::Child, Some("2018-03-03")),
        now(),
    )
    .await
    .unwrap();

    let sent = send(&riverside, out.path(), family.case_id, &transfer(Some(family.anna), "2026-11-20"), now()).await;
    let package = std::fs::read(out.path().join("out.cptransfer")).unwrap();
    let paper = pdf_text(&out.path().join("paper-pack.pdf"));
    assert!(paper.contains("Child protection file: Anna van der Berg"), "{paper}");
    assert!(!paper.contains("Piet"), "Piet's records went with Anna's file:\n{paper}");
    let preview =
        cp_core::file_transfers::preview(&oakfield, JOANNA.0, &package, &sent.passphrase, now()).await.unwrap();
    assert_eq!(preview.children.len(), 1);
    assert_eq!(preview.children[0].recorded_in.as_deref(), Some(known.reference.as_str()));
    let got = cp_core::file_transfers::receive(&oakfield, JOANNA.0, &package, &sent.passphrase, now()).await.unwrap();
    let page = cp_core::case_page::page(&oakfield, JOANNA.0, got.case_id, now()).await.unwrap();
    let people: Vec<&str> = page.people.iter().map(|p| p.full_name.as_str()).collect();
    assert_eq!(people, ["ANNA VAN DER BERG", "Marijke van der Berg"], "Anna linked, not added again; Piet stays");
    let summaries: Vec<&str> = page.chronology.iter().map(|e| e.current.summary.as_str()).collect();
    assert!(!summaries.contains(&"Piet's bruise"), "{summaries:?}");
    assert_eq!(summaries.len(), 2, "Anna's entry and the family's");
    assert_eq!(count(&oakfield, "SELECT COUNT(*) FROM people WHERE search_name = 'anna van der berg'").await, 1);
    let _ = family.piet;
    riverside.close().await;
    oakfield.close().await;
}

#[tokio::test]
async fn the_five_days_count_working_days_across_christmas() {
    let out = tempfile::tempdir().unwrap();
    let here = tempfile::tempdir().unwrap();
    let (riverside, _) = set_up(here.path(), &MemoryKeys::default(), "Riverside").await;
    let family = riverside_family(&riverside).await;
    // Confirmed on Thursday 24 December 2026: Christmas Day, the weekend, the Boxing Day
    // substitute (Monday 28th) and New Year's Day do not count.
    let christmas_eve = at("2026-12-24T10:00:00Z");
    let sent = send(&riverside, out.path(), family.case_id, &transfer(None, "2026-12-24"), christmas_eve).await;
    assert_eq!(sent.due_on, day("2027-01-05"));
    let text = pdf_text(&out.path().join("paper-pack.pdf"));
    assert!(text.contains("5 January 2027"), "the cover gives the due date:\n{text}");
    // Settings: three days instead of five, for transfers made from then on.
    cp_core::file_transfers::set_days(&riverside, JOANNA.0, 3, christmas_eve).await.unwrap();
    assert!(cp_core::file_transfers::set_days(&riverside, JOANNA.0, 0, christmas_eve).await.is_err());
    let sent = send(&riverside, out.path(), family.case_id, &transfer(None, "2026-12-24"), christmas_eve).await;
    assert_eq!(sent.due_on, day("2026-12-31"));
    let log = cp_core::file_transfers::for_case(&riverside, family.case_id).await.unwrap();
    assert_eq!(log.iter().map(|t| t.due_on).collect::<Vec<_>>(), [day("2026-12-31"), day("2027-01-05")]);
    riverside.close().await;
}

#[tokio::test]
async fn a_transfer_without_its_details_or_into_the_data_folder_writes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let here = tempfile::tempdir().unwrap();
    let (riverside, _) = set_up(here.path(), &MemoryKeys::default(), "Riverside").await;
    let family = riverside_family(&riverside).await;
    let blank =
        NewTransfer { setting: String::new(), dsl: " ".into(), sections: vec![], ..transfer(None, "2026-11-20") };
    let to = Destinations { package: &out.path().join("p.cptransfer"), paper_pack: None, data_dir: here.path() };
    let e = cp_core::send_file::send(&riverside, JOANNA.0, family.case_id, &blank, &to, None, now()).await.unwrap_err();
    let fields: Vec<&str> = e.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["transferSetting", "transferDsl", "transferSections"]);
    let into_data =
        Destinations { package: &here.path().join("p.cptransfer"), paper_pack: None, data_dir: here.path() };
    let e = cp_core::send_file::send(
        &riverside,
        JOANNA.0,
        family.case_id,
        &transfer(None, "2026-11-20"),
        &into_data,
        None,
        now(),
    )
    .await
    .unwrap_err();
    assert!(e.message.contains("data folder"), "{}", e.message);
    let not_a_child = NewTransfer { child: Some(9999), ..transfer(None, "2026-11-20") };
    let e = cp_core::send_file::send(&riverside, JOANNA.0, family.case_id, &not_a_child, &to, None, now())
        .await
        .unwrap_err();
    assert_eq!(e.fields[0].field, "transferChild");
    // An archived case is read-only: refused before any file is written.
    let closure = cp_core::cases::rules::Closure {
        reason: cp_core::cases::rules::ClosureReason::LongPeriodOfImprovement,
        reason_detail: String::new(),
        closing_note: "No concerns for a year.".into(),
        closed_on: day("2026-11-23"),
    };
    cp_core::cases::close_case(&riverside, JOANNA.0, family.case_id, &closure, now()).await.unwrap();
    cp_core::cases::archive_sweep(&riverside, now() + chrono::Duration::days(370)).await.unwrap();
    let later = now() + chrono::Duration::days(371);
    let e =
        cp_core::send_file::send(&riverside, JOANNA.0, family.case_id, &transfer(None, "2026-11-20"), &to, None, later)
            .await
            .unwrap_err();
    assert!(e.message.contains("archived"), "{}", e.message);
    assert!(!out.path().join("p.cptransfer").exists());
    assert_eq!(count(&riverside, "SELECT COUNT(*) FROM file_transfers").await, 0);
    riverside.close().await;
}

/// The package reader against what an attacker or a broken disk could hand it: every prefix
/// of a real package, single bit flips across it, and random bytes with and without age's
/// header. Each is refused with a sentence; none panics. (A coverage-guided fuzzer, cargo
/// fuzz, needs a nightly toolchain, which this machine cannot fetch; this seeded mutation
/// run is the stable stand-in.)
#[tokio::test]
async fn no_input_makes_the_package_reader_panic() {
    use cp_core::file_transfers::package::{Passphrase, open};
    let out = tempfile::tempdir().unwrap();
    let here = tempfile::tempdir().unwrap();
    let (riverside, _) = set_up(here.path(), &MemoryKeys::default(), "Riverside").await;
    let family = riverside_family(&riverside).await;
    let sent = send(&riverside, out.path(), family.case_id, &transfer(None, "2026-11-20"), now()).await;
    let package = std::fs::read(out.path().join("out.cptransfer")).unwrap();
    let passphrase = Passphrase::parse(&sent.passphrase).unwrap();
    assert!(open(&package, &passphrase).is_ok());

    // A small deterministic generator (xorshift), so a failure repeats.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut tried = 0;
    for cut in (0..package.len()).step_by(package.len() / 40 + 1) {
        assert!(open(&package[..cut], &passphrase).is_err(), "a package cut at {cut} opened");
        tried += 1;
    }
    for _ in 0..60 {
        let mut bytes = package.clone();
        let at = (next() as usize) % bytes.len();
        bytes[at] ^= 1 << (next() % 8);
        assert!(open(&bytes, &passphrase).is_err(), "a flip at byte {at} went unnoticed");
        tried += 1;
    }
    for len in [0usize, 1, 21, 22, 100, 4096] {
        let noise: Vec<u8> = (0..len).map(|_| next() as u8).collect();
        assert!(open(&noise, &passphrase).is_err());
        let mut headed = b"age-encryption.org/v1\n-> scrypt ".to_vec();
        headed.extend(&noise);
        assert!(open(&headed, &passphrase).is_err());
        tried += 2;
    }
    assert!(tried > 100);
    riverside.close().await;
}
