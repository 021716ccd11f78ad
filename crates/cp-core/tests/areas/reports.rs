//! Printed reports, read back with poppler's `pdftotext` and rendered with `pdftoppm` into
//! `target/report-pages/` for a person to look at: the marking and "Page N of M" on every
//! page, names with their accents, long text and long tables flowing across pages.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveTime;
use common::{MemoryKeys, at, day, set_up};
use cp_core::case_page;
use cp_core::cases::rules::{Closure, ClosureReason, Level, LevelChange};
use cp_core::cases::{self, NewCase, Source};
use cp_core::chronology::rules::{EntryKind, NewEntry};
use cp_core::people::rules::{NewPerson, Role};
use cp_core::plans::rules::{Category, NewPlan, PlanKind};
use cp_core::reports::{self, ReportRequest};
use cp_core::store::Store;
use cp_core::store::db::query;
use cp_core::{chronology, people, plans};

const NOW: &str = "2026-11-23T14:05:00Z";
const NAMES: [&str; 4] = ["Łukasz Dvořák", "Nguyễn Văn An", "Aylin Öztürk", "Siân Jones"];

/// How many pixels of the report `name` (as `pages_of` last wrote it) are the body map marks'
/// red, on its pages drawn at 40 dpi as PPM (a header, then RGB bytes).
fn red_pixels(name: &str) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/report-pages");
    let prefix = dir.join(format!("{name}-red"));
    let drawn = Command::new("pdftoppm").args(["-r", "40"]).arg(dir.join(format!("{name}.pdf"))).arg(&prefix).status();
    assert!(drawn.is_ok_and(|s| s.success()), "pdftoppm (poppler-utils)");
    let mut red = 0;
    for file in std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()) {
        let is_page = file.file_name().is_some_and(|n| n.to_string_lossy().starts_with(&format!("{name}-red")));
        if !is_page {
            continue;
        }
        let bytes = std::fs::read(&file).unwrap();
        // "P6\n<w> <h>\n255\n", then the pixels.
        let mut fields = 0;
        let start = bytes.iter().position(|b| {
            if b.is_ascii_whitespace() {
                fields += 1;
            }
            fields == 4
        });
        let pixels = &bytes[start.map_or(bytes.len(), |s| s + 1)..];
        red += pixels.chunks_exact(3).filter(|p| p[0] > 140 && p[1] < 90 && p[2] < 90).count();
        std::fs::remove_file(&file).unwrap();
    }
    red
}

/// The text of each page (pdftotext separates pages with form feeds).
fn pages_of(pdf: &[u8], name: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/report-pages");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.pdf"));
    reports::write_file(&file, pdf, Path::new("/nonexistent-data-folder")).unwrap();
    let out =
        Command::new("pdftotext").args(["-layout"]).arg(&file).arg("-").output().expect("pdftotext (poppler-utils)");
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    // First pages as pictures, to look at (not asserted).
    let prefix: PathBuf = dir.join(name);
    let _ = Command::new("pdftoppm").args(["-png", "-r", "60", "-l", "3"]).arg(&file).arg(&prefix).status();
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

fn every_page_is_marked(pages: &[String], title: &str) {
    let n = pages.len();
    for (i, page) in pages.iter().enumerate() {
        assert_eq!(page.matches("OFFICIAL-SENSITIVE").count(), 2, "page {} marking top and bottom:\n{page}", i + 1);
        assert!(page.contains(&format!("Page {} of {n}", i + 1)), "page {} numbering:\n{page}", i + 1);
        assert!(page.contains("Barton Hill Settlement") && page.contains(title), "page {}:\n{page}", i + 1);
        assert!(page.contains("Generated 23 November 2026 at 14:05 by Joanna Holmes"), "page {}:\n{page}", i + 1);
    }
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_owned).collect()
}

async fn family(store: &Store) -> (i64, Vec<i64>) {
    let now = at(NOW);
    let new = NewCase {
        address_line1: "12 Avon Street".into(),
        address_line2: String::new(),
        town: "Bristol".into(),
        postcode: "BS2 0QQ".into(),
        source: Source::StaffReport,
        local_authority: "Bristol City Council".into(),
        opened_on: day("2025-01-06"),
        cc_registration: None,
        cc_registration_on: None,
    };
    let case = cases::open_case(store, 1, &new, now).await.unwrap().id;
    let mut ids = Vec::new();
    for (i, name) in NAMES.iter().enumerate() {
        let p = NewPerson {
            full_name: (*name).into(),
            role: Role::Child,
            date_of_birth: Some(day(&format!("201{}-0{}-1{}", i + 5, i + 1, i))),
            expected_date: None,
            gender: String::new(),
            setting: String::new(),
        };
        ids.push(people::add_person(store, 1, case, &p, now).await.unwrap());
    }
    (case, ids)
}

fn entry(i: usize, kind: EntryKind, children: Vec<i64>) -> NewEntry {
    NewEntry {
        event_on: day("2025-01-06") + chrono::Days::new(i as u64),
        event_time: NaiveTime::from_hms_opt(9, 30, 0),
        kind,
        info_source: "Class teacher".into(),
        children,
        summary: format!("Entry {i}: arrived hungry"),
        detail: "Kitchen cupboards empty.".into(),
        action_required: "Ask the health visitor to call".into(),
        significant: false,
        tags: vec![],
    }
}

#[tokio::test]
async fn the_closure_report_of_a_case_with_300_entries() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Barton Hill Settlement").await;
    let now = at(NOW);
    let (case, children) = family(&store).await;
    for i in 1..=300 {
        let mut e = entry(i, EntryKind::StaffInformation, vec![children[0]]);
        // Print has no colour: a significant entry and its tags are said in words.
        e.significant = i == 7;
        e.tags = if i == 7 { vec!["Neglect".into()] } else { vec![] };
        chronology::add_entry(&store, 1, case, &e, now).await.unwrap();
    }
    let plan = NewPlan {
        person_id: children[0],
        kind: PlanKind::ChildProtectionPlan,
        categories: vec![Category::Neglect, Category::Emotional],
        start_on: day("2025-06-01"),
        local_authority: "Bristol City Council".into(),
    };
    plans::start_plan(&store, 1, case, &plan, now).await.unwrap();
    // An action still open at closure is handed over on the report.
    let handover = cp_core::case_actions::rules::NewAction {
        what: "Send the child protection file to the new school".into(),
        entry_id: None,
        concern_id: None,
        assignment: cp_core::case_actions::rules::Assignment {
            owner_name: "Leeds DSL".into(),
            owner_contact: "0113 496 0000".into(),
            due_working_days: Some(5),
            ..Default::default()
        },
    };
    cp_core::case_actions::add(&store, 1, case, &handover, now).await.unwrap();
    // A referral decided, and a disagreement with its decision escalated, go with the case too.
    let referral = cp_core::referrals::rules::NewReferral {
        agency: cp_core::referrals::rules::Agency::ChildrensSocialCare,
        referred: true,
        by_phone: false,
        made_on: Some(day("2026-11-16")),
        made_to: "Bristol front door".into(),
        reasons: "Hungry every morning".into(),
    };
    let referral_id = cp_core::referrals::record(&store, 1, case, &referral, now).await.unwrap();
    let decided = cp_core::referrals::rules::ReferralStep {
        step: cp_core::referrals::rules::StepKind::Decided,
        on: Some(day("2026-11-17")),
        decision: "No further action: universal services".into(),
    };
    cp_core::referrals::step(&store, 1, referral_id, &decided, now).await.unwrap();
    let escalation = cp_core::escalations::rules::NewCaseEscalation {
        referral_id: Some(referral_id),
        with_whom: "Bristol front door".into(),
        disagreement: "Neglect threshold met".into(),
        raised_on: Some(day("2026-11-18")),
        raised_with: "Sam Patel".into(),
    };
    cp_core::escalations::raise(&store, 1, case, &escalation, now).await.unwrap();
    let note =
        format!("{}End of note.", "The family engaged well with every service offered over the year and ".repeat(75));
    assert!(note.len() > 5_000);
    let request = ReportRequest::Closure { case_id: case };
    let err = reports::generate(&store, 1, &request, now).await.unwrap_err();
    assert!(err.message.contains("closed case"), "a live case has no closure report");
    let closure = Closure {
        reason: ClosureReason::MovedFromArea,
        reason_detail: "Leeds City Council told on 20 November".into(),
        closing_note: note.clone(),
        closed_on: day("2026-11-20"),
    };
    cases::close_case(&store, 1, case, &closure, now).await.unwrap();

    let started = std::time::Instant::now();
    let pdf = reports::generate(&store, 1, &request, now).await.unwrap();
    eprintln!("closure report, 300 entries: {} bytes in {:?}", pdf.len(), started.elapsed());
    assert!(pdf.len() < 400_000, "the font is subset: {} bytes", pdf.len());
    let pages = pages_of(&pdf, "closure-300");
    assert!(pages.len() >= 8, "300 table rows and a long note need many pages: {}", pages.len());
    every_page_is_marked(&pages, "Closure report");
    let all = pages.join("\n");
    for name in NAMES {
        assert!(all.contains(name), "{name} comes out exactly");
    }
    assert!(all.contains("CP-2025-0001") && all.contains("Moved from the area") && all.contains("Emotional"));
    assert!(pages[0].contains("Closure report: Łukasz Dvořák, Nguyễn Văn An,"), "named by its children:\n{}", pages[0]);
    assert_eq!(all.matches("SIGNIFICANT").count(), 1, "entry 7 alone");
    assert!(all.contains("SIGNIFICANT: Entry 7") && all.contains("Tags: Neglect"), "the mark and the tag in words");
    assert!(
        all.contains("Open actions")
            && all.contains("Send the child protection file")
            && all.contains("Leeds DSL (0113"),
        "the open action is handed over"
    );
    // Narrow columns wrap: their words are read in order, whatever the lines.
    let flowed = words(&all).join(" ");
    assert!(all.contains("Referrals") && flowed.contains("No further"), "the referral and its decision");
    assert!(
        all.contains("Escalations") && all.contains("Team manager:") && all.contains("Sam Patel"),
        "the escalation's steps"
    );
    // Every entry, in order, and the table header on every page it reaches.
    let mut last = 0;
    for i in 1..=300 {
        let pos = all.find(&format!("Entry {i}: arrived")).unwrap_or_else(|| panic!("entry {i} is missing"));
        assert!(pos > last, "entry {i} in order");
        last = pos;
    }
    for page in pages.iter().filter(|p| p.contains(": arrived hungry")) {
        assert!(page.contains("Summary") && page.contains("Type"), "the header row repeats:\n{page}");
    }
    // The 5,000-character note flows across pages with no word lost or cut: read the pages'
    // bodies, without their header and footer bands, as one text.
    let bodies: Vec<String> = pages
        .iter()
        .map(|p| {
            p.lines()
                .filter(|l| {
                    let t = l.trim();
                    !(t.contains("OFFICIAL-SENSITIVE")
                        || t.starts_with("Barton Hill Settlement")
                        || t == "Closure report"
                        || t.starts_with("Generated "))
                })
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect();
    let body = bodies.join("\n");
    let from = body.find("Closing note").unwrap();
    let joined = words(&body[from + "Closing note".len()..]).join(" ");
    let note_words = words(&note);
    assert!(joined.starts_with(&note_words.join(" ")), "the whole note, word for word:\n{joined}");
    assert!(all.contains("Signed") && all.contains("Elaine Martin"), "sign-off lines for both leads");
    let audited: i64 =
        query("SELECT count(*) FROM audit_log WHERE action = 'report_generated'").one(&mut store.db()).await.unwrap();
    assert_eq!(audited, 1, "generating is audited; the refused attempt is not");
    store.close().await;
}

/// Issue 21: the detail has most of the page's width, so a 10,000-character entry (the most
/// an entry may hold) fills about three pages of the conference pack, not six.
#[tokio::test]
async fn a_long_entry_takes_the_width_of_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Barton Hill Settlement").await;
    let now = at(NOW);
    let (case, children) = family(&store).await;
    let request = ReportRequest::Conference {
        case_id: case,
        from: day("2025-01-01"),
        to: day("2025-12-31"),
        kinds: vec![],
        files: vec![],
    };
    let before = pages_of(&reports::generate(&store, 1, &request, now).await.unwrap(), "long-entry-before").len();
    let sentence = "The children were collected late again and said there was no food at home last night. ";
    let detail: String = sentence.repeat(10_000 / sentence.len()).trim_end().to_owned();
    assert!(detail.len() > 9_900);
    let long = NewEntry { detail: detail.clone(), ..entry(1, EntryKind::HomeVisit, vec![children[0]]) };
    chronology::add_entry(&store, 1, case, &long, now).await.unwrap();
    let pages = pages_of(&reports::generate(&store, 1, &request, now).await.unwrap(), "long-entry");
    let added = pages.len() - before;
    eprintln!("a 10,000-character entry adds {added} pages");
    assert!(added <= 3, "a 10,000-character entry adds {added} pages");
    // The columns beside its first lines and the page bands interleave with it in the text
    // pdftotext reads, so count its sentences rather than read it whole.
    let flowed = words(&pages.join("\n")).join(" ");
    let (wrote, read) = (detail.matches("no food at home").count(), flowed.matches("no food at home").count());
    assert!(read + 3 >= wrote, "the entry's sentences: {read} of {wrote}");
    assert!(pages.iter().any(|p| p.contains("Date, type, from") && p.contains("What happened")));
    store.close().await;
}

#[tokio::test]
async fn my_actions_lists_the_leads_own_open_actions_overdue_marked() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Barton Hill Settlement").await;
    let now = at(NOW);
    let (case, _) = family(&store).await;
    let action = |what: &str, lead: i64, due: &str| cp_core::case_actions::rules::NewAction {
        what: what.into(),
        entry_id: None,
        concern_id: None,
        assignment: cp_core::case_actions::rules::Assignment {
            owner_lead_id: Some(lead),
            due_on: Some(day(due)),
            ..Default::default()
        },
    };
    let today = cp_core::domain::calendar::uk_today(now);
    let due_today = today.format("%Y-%m-%d").to_string();
    cp_core::case_actions::add(&store, 1, case, &action("Ring the health visitor", 1, &due_today), now).await.unwrap();
    cp_core::case_actions::add(&store, 2, case, &action("Chase the school nurse", 1, "2027-01-15"), now).await.unwrap();
    cp_core::case_actions::add(&store, 1, case, &action("Elaine's own visit", 2, "2027-01-15"), now).await.unwrap();

    let pdf = reports::generate(&store, 1, &ReportRequest::MyActions, now).await.unwrap();
    let pages = pages_of(&pdf, "my-actions");
    every_page_is_marked(&pages, "My actions");
    // The file says when it was made (printpdf's own default is 1 January 1970).
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/report-pages/my-actions.pdf");
    let info = Command::new("pdfinfo").arg("-isodates").arg(&file).output().expect("pdfinfo (poppler-utils)");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.lines().any(|l| l.starts_with("CreationDate:") && l.contains("2026-11-23T14:05:00")), "{info}");
    let all = pages.join("\n");
    assert!(all.contains("My actions: Joanna Holmes") && all.contains("2 open actions"), "{all}");
    assert!(all.contains("Ring the health visitor") && all.contains("Today"), "{all}");
    assert!(all.contains("Chase the school nurse") && all.contains("Elaine Martin"), "given by Elaine: {all}");
    assert!(!all.contains("Elaine's own visit"), "not another lead's");
    assert!(all.find("Ring the health visitor") < all.find("Chase the school nurse"), "soonest due first");
    store.close().await;
}

#[tokio::test]
async fn evidence_reports_register_and_weekly_summary() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Barton Hill Settlement").await;
    let now = at(NOW);
    let (case, children) = family(&store).await;
    let first =
        chronology::add_entry(&store, 1, case, &entry(1, EntryKind::StrategyDiscussion, vec![]), now).await.unwrap();
    chronology::add_entry(&store, 1, case, &entry(40, EntryKind::HomeVisit, vec![children[1]]), now).await.unwrap();
    chronology::add_entry(&store, 1, case, &entry(400, EntryKind::CoreGroup, vec![]), now).await.unwrap();
    let change = LevelChange {
        to: Level::ChildProtectionPlan,
        evidence: "Initial conference decided a child protection plan for Łukasz.".into(),
        effective: day("2025-02-01"),
        entries: vec![first],
    };
    cases::change_level(&store, 1, case, &change, now).await.unwrap();
    for (child, cats) in
        [(children[0], vec![Category::Neglect]), (children[2], vec![Category::Physical, Category::Sexual])]
    {
        let plan = NewPlan {
            person_id: child,
            kind: PlanKind::ChildProtectionPlan,
            categories: cats,
            start_on: day("2025-02-01"),
            local_authority: "Bristol City Council".into(),
        };
        plans::start_plan(&store, 1, case, &plan, now).await.unwrap();
    }
    // A letter on the entry the change rests on, about Łukasz; a photo on the case, withdrawn.
    let about = |title: &str, children: Vec<i64>| cp_core::attachments::rules::NewAttachment {
        title: title.into(),
        document_on: Some(day("2025-01-06")),
        came_from: "Dr Okoro, Mill Lane Surgery".into(),
        children,
    };
    let letter = b"%PDF-1.4\n(the GP's letter)\n%%EOF\n";
    let on_entry = cp_core::attachments::AttachTo::Entry { entry_id: first };
    cp_core::attachments::attach(
        &store,
        1,
        on_entry,
        "gp.pdf",
        letter,
        &about("Letter from the GP", vec![children[0]]),
        now,
    )
    .await
    .unwrap();
    let on_case = cp_core::attachments::AttachTo::Case { case_id: case };
    let photo = cp_core::attachments::attach(
        &store,
        1,
        on_case,
        "x.png",
        b"\x89PNG\r\n\x1a\n..",
        &about("Wrong photo", vec![]),
        now,
    )
    .await
    .unwrap();
    cp_core::attachments::withdraw(&store, 1, photo, "Another family's", now).await.unwrap();
    // A bruise on Łukasz's body map, with the entry the change rests on.
    let mark = cp_core::body_maps::rules::NewMark {
        person_id: Some(children[0]),
        view: cp_core::body_maps::rules::View::Back,
        shape: cp_core::body_maps::rules::Shape::Area,
        x: 0.4,
        y: 0.5,
        width: 0.12,
        height: 0.06,
        description: "Bruising across the lower back".into(),
        size: "6 cm by 3 cm".into(),
        colour: "Purple".into(),
        seen_by: "Class teacher".into(),
        seen_on: Some(day("2025-01-06")),
        child_said: "Tata hit me with a belt".into(),
    };
    cp_core::body_maps::add_mark(&store, 1, first, &mark, now).await.unwrap();
    let page = case_page::page(&store, 1, case, now).await.unwrap();

    let pdf = reports::generate(
        &store,
        1,
        &ReportRequest::LevelChange { case_id: case, level_change_id: page.levels[0].id },
        now,
    )
    .await
    .unwrap();
    let pages = pages_of(&pdf, "level-change");
    every_page_is_marked(&pages, "Evidence for a level change");
    let all = pages.join("\n");
    assert!(all.contains("Concern to Child protection plan") && all.contains("plan for Łukasz."), "{all}");
    assert!(all.contains("Entry 1: arrived hungry") && !all.contains("Entry 40:"), "only the linked entry:\n{all}");
    assert!(
        all.contains("Letter from the GP") && all.contains("Łukasz Dvořák") && !all.contains("Wrong photo"),
        "{all}"
    );
    // The body map: the outline with its mark drawn in the marks' red, and the mark in words.
    assert!(all.contains("Body maps") && all.contains("Łukasz Dvořák: back of the body"), "{all}");
    assert!(
        all.contains("Bruising across the lower back;")
            && all.contains("6 cm by 3 cm; Purple")
            && all.contains("Tata hit me"),
        "{all}"
    );
    assert!(red_pixels("level-change") > 0, "the mark is drawn");

    let request = ReportRequest::Conference {
        case_id: case,
        from: day("2025-01-01"),
        to: day("2025-12-31"),
        kinds: vec![EntryKind::HomeVisit, EntryKind::StrategyDiscussion],
        files: vec![],
    };
    let all = pages_of(&reports::generate(&store, 1, &request, now).await.unwrap(), "conference").join("\n");
    assert!(all.contains("Entry 1:") && all.contains("Entry 40:") && !all.contains("Entry 400:"), "{all}");
    // The screen's words for the categories (issue 18: "Physical" on paper was "Physical abuse" on screen).
    assert!(all.contains("Physical abuse,") && all.contains("Sexual abuse") && all.contains("Ask the health"), "{all}");
    // The open timescales, each due date with its weekday: the strategy discussion on Tuesday
    // 7 January 2025 wants the initial conference 15 working days later.
    assert!(all.contains("Initial child protection") && all.contains("Tuesday 28 January 2025"), "{all}");
    assert!(all.contains("Overdue"), "{all}");
    let sha = cp_core::attachments::for_case(&store, case)
        .await
        .unwrap()
        .iter()
        .find(|a| a.id != photo)
        .unwrap()
        .sha256
        .clone();
    assert!(all.contains("Letter from the GP") && all.contains(&sha[..12]), "the letter and its hash: {all}");
    assert!(!all.contains("Wrong photo"), "a withdrawn file is not in the pack");
    let backwards = ReportRequest::Conference {
        case_id: case,
        from: day("2025-12-31"),
        to: day("2025-01-01"),
        kinds: vec![],
        files: vec![],
    };
    assert_eq!(reports::generate(&store, 1, &backwards, now).await.unwrap_err().fields[0].field, "to");

    let pages = pages_of(&reports::generate(&store, 1, &ReportRequest::Register, now).await.unwrap(), "register");
    every_page_is_marked(&pages, "Register of children with a child protection plan");
    let all = pages.join("\n");
    assert!(all.contains("2 children with a child protection plan"), "{all}");
    assert!(all.contains("Aylin Öztürk") && all.contains("Łukasz Dvořák") && !all.contains("Siân Jones"), "{all}");
    assert!(all.find("Aylin").unwrap() < all.find("Łukasz").unwrap(), "sorted by name");

    cp_core::review::record(
        &store,
        1,
        "2026-W48",
        case,
        cp_core::review::rules::Outcome::FurtherAction,
        "Chase the core group minutes",
        now,
    )
    .await
    .unwrap();
    let pages = pages_of(
        &reports::generate(&store, 1, &ReportRequest::WeeklySummary { week: "2026-W48".into() }, now).await.unwrap(),
        "weekly",
    );
    every_page_is_marked(&pages, "Weekly review summary");
    let all = pages.join("\n");
    assert!(
        all.contains("Joanna Holmes") && all.contains("Elaine Martin") && all.contains("Chase the core group minutes"),
        "{all}"
    );
    assert!(all.contains("Not signed off: 1 of 1"), "{all}");
    store.close().await;
}

#[test]
fn the_recovery_sheet_and_a_save_that_cannot_happen() {
    let groups: Vec<String> =
        ["ABCDEF", "GHJKLM", "NPQRST", "UVWXYZ", "234567", "89ABCD", "EFGHJK", "LMNPQR"].map(String::from).to_vec();
    let pdf = reports::recovery_sheet("Barton Hill Settlement", &groups, at(NOW)).unwrap();
    let pages = pages_of(&pdf, "recovery-sheet");
    assert_eq!(pages.len(), 1);
    assert!(pages[0].contains("ABCDEF-GHJKLM-NPQRST") && pages[0].matches("OFFICIAL-SENSITIVE").count() == 2);
    let err =
        reports::write_file(Path::new("/nonexistent-folder/report.pdf"), &pdf, Path::new("/nonexistent-data-folder"))
            .unwrap_err();
    assert!(err.message.contains("could not be saved"), "{}", err.message);
}

/// The words a screen shows for a value (`ui/src/lib/words.ts`, generated from the same
/// labels), looked up in the committed file the window uses.
fn screen_words(list: &str, value: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/words.ts");
    let file = std::fs::read_to_string(&path).unwrap();
    let start = file.find(&format!("export const {list}:")).unwrap_or_else(|| panic!("{list} is not in words.ts"));
    let line = file[start..]
        .lines()
        .find(|l| l.trim_start().starts_with(&format!("[\"{value}\",")))
        .unwrap_or_else(|| panic!("{value} is not in {list}"));
    let words = line.trim().trim_start_matches(&format!("[\"{value}\", ")).trim_end_matches("],");
    serde_json::from_str(words).unwrap()
}

/// A printed report and the screen say the same thing for the same value: the role, the plan
/// and its categories, the level and the closure reason come out in the screen's words.
#[tokio::test]
async fn a_report_uses_the_words_the_screen_shows() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Barton Hill Settlement").await;
    let now = at(NOW);
    let (case, children) = family(&store).await;
    let lodger = NewPerson {
        full_name: "Dean Hart".into(),
        role: Role::HouseholdMember,
        date_of_birth: Some(day("1990-05-05")),
        expected_date: None,
        gender: String::new(),
        setting: String::new(),
    };
    people::add_person(&store, 1, case, &lodger, now).await.unwrap();
    let plan = NewPlan {
        person_id: children[0],
        kind: PlanKind::ChildInNeed,
        categories: vec![],
        start_on: day("2025-06-01"),
        local_authority: "Bristol City Council".into(),
    };
    plans::start_plan(&store, 1, case, &plan, now).await.unwrap();
    let plan = NewPlan {
        person_id: children[1],
        kind: PlanKind::ChildProtectionPlan,
        categories: vec![Category::Physical],
        ..plan
    };
    plans::start_plan(&store, 1, case, &plan, now).await.unwrap();
    let change = LevelChange {
        to: Level::ChildInNeed,
        evidence: "Social care opened a Child in Need plan for the eldest.".into(),
        effective: day("2025-06-01"),
        entries: vec![],
    };
    cases::change_level(&store, 1, case, &change, now).await.unwrap();
    let closure = Closure {
        reason: ClosureReason::RelationshipEnded,
        reason_detail: String::new(),
        closing_note: "Closed.".into(),
        closed_on: day("2026-11-20"),
    };
    cases::close_case(&store, 1, case, &closure, now).await.unwrap();

    let pdf = reports::generate(&store, 1, &ReportRequest::Closure { case_id: case }, now).await.unwrap();
    pages_of(&pdf, "same-words");
    // In content order, each line of the PDF as drawn: a label or a cell that fits its column
    // comes out whole.
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/report-pages/same-words.pdf");
    let out = Command::new("pdftotext").arg("-raw").arg(&file).arg("-").output().expect("pdftotext (poppler-utils)");
    let report = words(&String::from_utf8(out.stdout).unwrap()).join(" ");
    for (list, value) in [
        ("ROLES", "household_member"),
        ("CATEGORIES", "physical"),
        ("LEVELS", "child_in_need"),
        ("CLOSURE_REASONS", "relationship_ended"),
        ("STATUSES", "closed"),
    ] {
        let shown = screen_words(list, value);
        assert!(report.contains(&shown), "the screen's \"{shown}\" ({list} {value}) is not in the report:\n{report}");
    }
    store.close().await;
}

/// A report is never written into the data folder (it replaced the database once:
/// `report register --out <data folder>/cp-tracker.db`), nor over a file of another kind; an
/// earlier report may be replaced.
#[tokio::test]
async fn a_report_never_lands_on_the_records_or_over_another_file() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Barton Hill Settlement").await;
    let pdf = reports::generate(&store, 1, &ReportRequest::Register, at(NOW)).await.unwrap();
    store.close().await;
    // The records' file on this laptop (in shared mode, the audit trail's head kept beside
    // where it would be): a file of the data folder either way.
    let database = match common::engine() {
        cp_core::store::db::Engine::Sqlite => cp_core::store::db_path(dir.path()),
        cp_core::store::db::Engine::Postgres => dir.path().join(cp_core::audit::anchor::ANCHOR_FILE),
    };
    let before = common::snapshot(&database);

    let err = reports::write_file(&database, &pdf, dir.path()).unwrap_err();
    assert!(err.message.contains("data folder"), "{}", err.message);
    let beside = dir.path().join("register.pdf");
    assert!(reports::write_file(&beside, &pdf, dir.path()).is_err(), "not beside the records either");
    let through_a_link = dir.path().join("logs/../register.pdf");
    assert!(reports::write_file(&through_a_link, &pdf, dir.path()).is_err());
    assert_eq!(common::snapshot(&database), before, "the records are untouched");
    assert!(!beside.exists());

    let elsewhere = tempfile::tempdir().unwrap();
    let letter = elsewhere.path().join("letter.txt");
    std::fs::write(&letter, "Dear Ms Cole").unwrap();
    let err = reports::write_file(&letter, &pdf, dir.path()).unwrap_err();
    assert!(err.message.contains("not a CP Tracker report"), "{}", err.message);
    assert_eq!(std::fs::read_to_string(&letter).unwrap(), "Dear Ms Cole");

    let report = elsewhere.path().join("register.pdf");
    reports::write_file(&report, b"%PDF-1.7 an earlier report", dir.path()).unwrap();
    reports::write_file(&report, &pdf, dir.path()).unwrap();
    assert_eq!(std::fs::read(&report).unwrap(), pdf, "an earlier report is replaced");
}

/// Issue 21: the front sheet is one page, however full the case: the lists longer than their
/// share of the page say how many more there are.
#[tokio::test]
async fn the_front_sheet_is_one_page_with_what_a_lead_needs_first() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Barton Hill Settlement").await;
    let now = at(NOW);
    let (case, children) = family(&store).await;
    for i in 0..10 {
        let adult = NewPerson {
            full_name: format!("Adult {i} Jones"),
            role: Role::HouseholdMember,
            date_of_birth: None,
            expected_date: None,
            gender: String::new(),
            setting: String::new(),
        };
        people::add_person(&store, 1, case, &adult, now).await.unwrap();
    }
    let plan = NewPlan {
        person_id: children[0],
        kind: PlanKind::ChildProtectionPlan,
        categories: vec![Category::Neglect],
        start_on: day("2026-10-01"),
        local_authority: "Bristol City Council".into(),
    };
    plans::start_plan(&store, 1, case, &plan, now).await.unwrap();
    let flag = cp_core::flags::rules::NewFlag { flag: "Do not share the address with the father".into() };
    cp_core::flags::add(&store, 1, case, &flag, now).await.unwrap();
    let mut phoned = entry(1, EntryKind::ReferralByPhone, vec![]);
    phoned.event_on = day("2026-11-20");
    chronology::add_entry(&store, 1, case, &phoned, now).await.unwrap();
    for i in 0..8 {
        let action = cp_core::case_actions::rules::NewAction {
            what: format!("Action number {i}"),
            assignment: cp_core::case_actions::rules::Assignment {
                owner_lead_id: Some(1),
                due_working_days: Some(3),
                ..Default::default()
            },
            ..Default::default()
        };
        cp_core::case_actions::add(&store, 1, case, &action, now).await.unwrap();
    }

    let pdf = reports::generate(&store, 1, &ReportRequest::FrontSheet { case_id: case }, now).await.unwrap();
    let pages = pages_of(&pdf, "front-sheet");
    assert_eq!(pages.len(), 1, "one page:\n{}", pages.join("\n=====\n"));
    let page = &pages[0];
    for said in [
        "Case front sheet: ",
        "CP-2025-0001",
        "Do not share the address with the father",
        "Łukasz Dvořák",
        "And 7 more people: see the case in CP Tracker.",
        "Plans running",
        "Child Protection Plan",
        "Written confirmation",
        "Action number 7",
        "And 4 more open actions",
    ] {
        assert!(page.contains(said), "{said:?} is missing:\n{page}");
    }
    store.close().await;
}

/// The conference pack with chosen attachments after its last page: a letter's pages copied in
/// (its words read back), a photo on a page of its own (its red drawn), both listed in the
/// pack; a damaged PDF refused by its title, and a withdrawn file or another case's refused.
#[tokio::test]
async fn chosen_files_follow_the_conference_pack() {
    use cp_core::attachments::{self, AttachTo, rules::NewAttachment};
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Barton Hill Settlement").await;
    let now = at(NOW);
    let (case, _) = family(&store).await;
    chronology::add_entry(&store, 1, case, &entry(1, EntryKind::HomeVisit, vec![]), now).await.unwrap();
    let about = |title: &str| NewAttachment {
        title: title.into(),
        document_on: Some(day("2025-01-06")),
        came_from: "Mill Lane Surgery".into(),
        children: vec![],
    };
    let on = AttachTo::Case { case_id: case };
    let words = "Quixotic bruising noted by the GP";
    let letter = reports::letter("Mill Lane Surgery", "Letter about the family", &[words], now).unwrap();
    let letter =
        attachments::attach(&store, 1, on, "gp.pdf", &letter, &about("Letter from the GP"), now).await.unwrap();
    // A red photo, 40 by 30.
    let mut photo = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut photo, 40, 30);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.write_header().unwrap().write_image_data(&[200, 20, 20].repeat(40 * 30)).unwrap();
    }
    let photo = attachments::attach(&store, 1, on, "red.png", &photo, &about("Photo of the coat"), now).await.unwrap();
    let damaged = b"%PDF-1.4\nthis is not a PDF's body\n".to_vec();
    let damaged = attachments::attach(&store, 1, on, "minutes.pdf", &damaged, &about("Minutes"), now).await.unwrap();
    let pack = |files: Vec<i64>| ReportRequest::Conference {
        case_id: case,
        from: day("2025-01-01"),
        to: day("2025-12-31"),
        kinds: vec![],
        files,
    };

    let refused = reports::generate(&store, 1, &pack(vec![letter, damaged]), now).await.unwrap_err();
    assert!(refused.fields[0].message.contains("“Minutes” could not be added"), "{refused:?}");
    attachments::withdraw(&store, 1, damaged, "Unreadable", now).await.unwrap();
    let withdrawn = reports::generate(&store, 1, &pack(vec![damaged]), now).await.unwrap_err();
    assert_eq!(withdrawn.fields[0].field, "packFiles");

    let plain = pages_of(&reports::generate(&store, 1, &pack(vec![]), now).await.unwrap(), "conference-plain");
    let with_files = reports::generate(&store, 1, &pack(vec![letter, photo]), now).await.unwrap();
    let pages = pages_of(&with_files, "conference-files");
    assert_eq!(pages.len(), plain.len() + 2, "the letter's page and the photo's");
    assert!(pages[..pages.len() - 2].join("\n").contains("Files at the end of this pack"));
    assert!(pages[pages.len() - 2].contains(words), "the letter's own words: {}", pages[pages.len() - 2]);
    assert!(red_pixels("conference-files") > 0, "the photo is drawn");
    store.close().await;
}
