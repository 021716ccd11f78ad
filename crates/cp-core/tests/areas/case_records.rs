//! The rest of a case's record on a real encrypted file: chronology revisions, plans, people
//! linked to two cases, relationships, details, search, drafts and the change feed.

use crate::common;

use chrono::{Duration, NaiveTime};
use common::{MemoryKeys, at, count, day, person, second_lead, set_up};
use cp_core::case_page;
use cp_core::cases::rules::{CaseDetails, Closure, ClosureReason, Level, LevelChange};
use cp_core::cases::{self, NewCase, Source};
use cp_core::chronology::rules::{EntryKind, NewEntry};
use cp_core::people::rules::{NewRelationship, RelationshipKind, Role};
use cp_core::plans::rules::{Category, NewPlan, PlanKind};
use cp_core::search::rules::{COUNTED_UP_TO, CaseQuery, Sort, StatusFilter};
use cp_core::store::db::query;
use cp_core::write::ChangeKind;
use cp_core::{ErrorCode, changes, chronology, drafts, people, plans, search};

const NOW: &str = "2026-11-23T10:00:00Z";

fn new_case(line1: &str, postcode: &str) -> NewCase {
    NewCase {
        address_line1: line1.into(),
        address_line2: String::new(),
        town: "Bristol".into(),
        postcode: postcode.into(),
        source: Source::SafeguardingMeeting,
        local_authority: "Bristol City Council".into(),
        opened_on: day("2026-03-02"),
        cc_registration: Some(true),
        cc_registration_on: Some(day("2026-03-01")),
    }
}

fn entry(summary: &str, on: &str, children: Vec<i64>) -> NewEntry {
    NewEntry {
        event_on: day(on),
        event_time: NaiveTime::from_hms_opt(9, 15, 0),
        kind: EntryKind::HomeVisit,
        info_source: "Family support worker".into(),
        children,
        summary: summary.into(),
        detail: "Kitchen cupboards empty; children in summer clothes.".into(),
        action_required: "Ask health visitor to call".into(),
        significant: false,
        tags: vec![],
    }
}

/// A second lead, straight into the table: these tests never sign in.
#[tokio::test]
async fn chronology_entries_are_amended_by_revisions_that_keep_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let now = at(NOW);
    let case = cases::open_case(&store, 1, &new_case("12 Avon Street", "BS5 9QZ"), now).await.unwrap();
    let child = people::add_person(&store, 1, case.id, &person("Łukasz Dvořák", Role::Child, Some("2019-04-02")), now)
        .await
        .unwrap();

    let err = chronology::add_entry(&store, 1, case.id, &entry(" ", "2026-11-24", vec![999]), now).await.unwrap_err();
    let fields: Vec<&str> = err.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["eventOn", "summary", "children"]);
    assert_eq!(count(&store, "SELECT count(*) FROM chronology_entries").await, 0, "nothing half-written");

    let first =
        chronology::add_entry(&store, 1, case.id, &entry("Home visit", "2026-11-20", vec![child]), now).await.unwrap();
    let second =
        chronology::add_entry(&store, 1, case.id, &entry("Later visit", "2026-11-21", vec![]), now).await.unwrap();
    let mut fixed = entry("Home visit: house cold", "2026-11-19", vec![child]);
    fixed.kind = EntryKind::PhoneCall;
    assert_eq!(
        chronology::amend_entry(&store, 1, first, &fixed, "", now).await.unwrap_err().fields[0].field,
        "amendReason"
    );
    chronology::amend_entry(&store, 1, first, &fixed, "Wrong date typed", now + Duration::minutes(5)).await.unwrap();

    let entries = chronology::for_case(&store, case.id).await.unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].current.entry_id, second, "newest event first");
    let amended = &entries[1];
    assert_eq!((amended.current.revision, amended.current.summary.as_str()), (2, "Home visit: house cold"));
    assert_eq!(amended.current.kind, EntryKind::PhoneCall);
    assert_eq!(amended.current.amend_reason, "Wrong date typed");
    assert_eq!(amended.current.children, [child]);
    assert_eq!(amended.earlier.len(), 1);
    assert_eq!((amended.earlier[0].summary.as_str(), amended.earlier[0].event_on), ("Home visit", day("2026-11-20")));
    assert_eq!(amended.current.event_time.as_deref(), Some("09:15"));

    assert!(query("UPDATE chronology_revisions SET summary = 'x'").execute(&mut store.db()).await.is_err());
    assert!(query("DELETE FROM chronology_entries").execute(&mut store.db()).await.is_err());
    assert_eq!(chronology::amend_entry(&store, 1, 9999, &fixed, "x", now).await.unwrap_err().code, ErrorCode::NotFound);

    // A level change can rest on the case's entries, and only on this case's.
    let other = cases::open_case(&store, 1, &new_case("1 Other Road", "BS1 4DJ"), now).await.unwrap();
    let foreign =
        chronology::add_entry(&store, 1, other.id, &entry("Elsewhere", "2026-11-20", vec![]), now).await.unwrap();
    let change = |entries| LevelChange {
        to: Level::EarlyHelp,
        evidence: "Two home visits found the house cold and without food.".into(),
        effective: day("2026-11-22"),
        entries,
    };
    let err = cases::change_level(&store, 1, case.id, &change(vec![first, foreign]), now).await.unwrap_err();
    assert_eq!(err.fields[0].field, "entries");
    cases::change_level(&store, 1, case.id, &change(vec![second, first, first]), now).await.unwrap();
    let page = case_page::page(&store, 1, case.id, now).await.unwrap();
    assert_eq!(page.levels[0].entries, {
        let mut e = vec![first, second];
        e.sort();
        e
    });
    assert_eq!(page.chronology.len(), 2);
    assert_eq!(cp_core::audit::verify(&store).await.unwrap().first_bad_row, None);
    store.close().await;
}

/// An entry is marked significant and tagged from the organisation's list in Settings; an
/// amendment may change both, and the earlier revision keeps its own.
#[tokio::test]
async fn an_entry_is_marked_significant_and_tagged_from_the_organisations_list() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let now = at(NOW);
    let case = cases::open_case(&store, 1, &new_case("12 Avon Street", "BS5 9QZ"), now).await.unwrap();
    assert!(chronology::tags(&store).await.unwrap().contains(&"Domestic abuse".to_owned()), "the default list");

    let mut tagged = entry("Police notification: incident at home", "2026-11-20", vec![]);
    tagged.significant = true;
    tagged.tags = vec!["domestic abuse".into(), "Bullying".into()];
    let err = chronology::add_entry(&store, 1, case.id, &tagged, now).await.unwrap_err();
    assert_eq!(err.fields[0].field, "tags", "Bullying is not on the list");
    assert_eq!(count(&store, "SELECT count(*) FROM chronology_revisions").await, 0, "nothing half-written");

    let list: Vec<String> = ["Neglect", "Domestic abuse", "Bullying"].map(String::from).to_vec();
    assert_eq!(chronology::set_tags(&store, 1, &list, now).await.unwrap(), list);
    let id = chronology::add_entry(&store, 1, case.id, &tagged, now).await.unwrap();
    let plain =
        chronology::add_entry(&store, 1, case.id, &entry("Phone call", "2026-11-21", vec![]), now).await.unwrap();

    // Bullying leaves the list; the entry's amendment may keep it, a new entry may not.
    chronology::set_tags(&store, 1, &["Neglect".into(), "Domestic abuse".into()], now).await.unwrap();
    let err = chronology::add_entry(&store, 1, case.id, &tagged, now).await.unwrap_err();
    assert_eq!(err.fields[0].field, "tags");
    let mut amended = tagged.clone();
    amended.significant = false;
    amended.tags = vec!["Bullying".into(), "Neglect".into()];
    chronology::amend_entry(&store, 1, id, &amended, "Neglect was the concern too", now).await.unwrap();

    let entries = chronology::for_case(&store, case.id).await.unwrap();
    let by_id = |id: i64| entries.iter().find(|e| e.current.entry_id == id).unwrap();
    let e = by_id(id);
    assert_eq!(
        (e.current.significant, e.current.tags.clone()),
        (false, vec!["Bullying".to_owned(), "Neglect".to_owned()])
    );
    assert_eq!(
        (e.earlier[0].significant, e.earlier[0].tags.clone()),
        (true, vec!["Bullying".to_owned(), "Domestic abuse".to_owned()])
    );
    assert_eq!((by_id(plain).current.significant, by_id(plain).current.tags.len()), (false, 0));

    assert!(query("DELETE FROM chronology_tags").execute(&mut store.db()).await.is_err());
    assert!(query("DELETE FROM chronology_significant").execute(&mut store.db()).await.is_err());
    assert!(query("UPDATE chronology_tags SET tag = 'x'").execute(&mut store.db()).await.is_err());
    let errs = chronology::set_tags(&store, 1, &[" ".into()], now).await.unwrap_err();
    assert_eq!(errs.fields[0].message, "Enter at least one tag");
    assert_eq!(cp_core::audit::verify(&store).await.unwrap().first_bad_row, None);
    store.close().await;
}

#[tokio::test]
async fn plans_run_one_at_a_time_per_child_and_end_once() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let now = at(NOW);
    let case = cases::open_case(&store, 1, &new_case("12 Avon Street", "BS5 9QZ"), now).await.unwrap();
    let child = people::add_person(&store, 1, case.id, &person("Siân Jones", Role::Child, Some("2020-01-09")), now)
        .await
        .unwrap();
    let adult = people::add_person(&store, 1, case.id, &person("Rhys Jones", Role::Parent, None), now).await.unwrap();
    let plan = |person_id, kind, categories: Vec<Category>| NewPlan {
        person_id,
        kind,
        categories,
        start_on: day("2026-10-01"),
        local_authority: "Bristol City Council".into(),
    };
    let err =
        plans::start_plan(&store, 1, case.id, &plan(adult, PlanKind::ChildInNeed, vec![]), now).await.unwrap_err();
    assert_eq!(err.fields[0].field, "personId");
    let cp = plan(child, PlanKind::ChildProtectionPlan, vec![Category::Emotional, Category::Neglect]);
    let id = plans::start_plan(&store, 1, case.id, &cp, now).await.unwrap();
    assert!(plans::start_plan(&store, 1, case.id, &cp, now).await.is_err(), "one running plan per child");
    let listed = plans::for_case(&store, case.id).await.unwrap();
    assert_eq!(
        (listed[0].categories.0.as_slice(), listed[0].child.as_str()),
        ([Category::Neglect, Category::Emotional].as_slice(), "Siân Jones")
    );

    let query = CaseQuery { has_cp_plan: true, ..CaseQuery::default() };
    assert_eq!(search::search(&store, &query).await.unwrap().total, 1);

    assert_eq!(plans::end_plan(&store, 1, id, day("2026-09-30"), now).await.unwrap_err().fields[0].field, "endOn");
    plans::end_plan(&store, 1, id, day("2026-11-20"), now).await.unwrap();
    assert!(plans::end_plan(&store, 1, id, day("2026-11-21"), now).await.is_err(), "ends once");
    assert!(
        cp_core::store::db::query("UPDATE plans SET categories = 'sexual'").execute(&mut store.db()).await.is_err()
    );
    assert_eq!(search::search(&store, &query).await.unwrap().total, 0, "an ended plan is not running");
    plans::start_plan(&store, 1, case.id, &plan(child, PlanKind::ChildInNeed, vec![]), now).await.unwrap();
    store.close().await;
}

#[tokio::test]
async fn starting_a_child_protection_plan_changes_the_level_in_the_same_step() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let now = at(NOW);
    let case = cases::open_case(&store, 1, &new_case("12 Avon Street", "BS5 9QZ"), now).await.unwrap();
    let child = people::add_person(&store, 1, case.id, &person("Siân Jones", Role::Child, Some("2020-01-09")), now)
        .await
        .unwrap();
    let cp = NewPlan {
        person_id: child,
        kind: PlanKind::ChildProtectionPlan,
        categories: vec![Category::Neglect],
        start_on: day("2026-10-01"),
        local_authority: "Bristol City Council".into(),
    };
    let decision = |evidence: &str| LevelChange {
        to: Level::ChildProtectionPlan,
        evidence: evidence.into(),
        effective: day("2026-10-01"),
        entries: vec![],
    };
    // A level change that is refused leaves the plan unstarted too: both or neither.
    let err = plans::start_plan_with_level(&store, 1, case.id, &cp, Some(&decision(" ")), now).await.unwrap_err();
    assert_eq!(err.fields[0].field, "evidence");
    assert!(plans::for_case(&store, case.id).await.unwrap().is_empty());
    let evidence = "The initial child protection conference decided on a Child Protection Plan (neglect).";
    plans::start_plan_with_level(&store, 1, case.id, &cp, Some(&decision(evidence)), now).await.unwrap();
    let page = case_page::page(&store, 1, case.id, now).await.unwrap();
    assert_eq!(page.summary.level, Level::ChildProtectionPlan);
    assert_eq!(page.levels[0].evidence, evidence);
    let query = CaseQuery { level: Some(Level::ChildProtectionPlan), ..CaseQuery::default() };
    assert_eq!(search::search(&store, &query).await.unwrap().total, 1, "the level filter finds it");
    store.close().await;
}

#[tokio::test]
async fn a_person_can_be_in_two_cases_with_relationships_in_each() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let now = at(NOW);
    let first = cases::open_case(&store, 1, &new_case("12 Avon Street", "BS5 9QZ"), now).await.unwrap();
    let second = cases::open_case(&store, 1, &new_case("3 Mill Lane", "BS3 1AA"), now).await.unwrap();
    let man = people::add_person(&store, 1, first.id, &person("Darren Cole", Role::AllegedPerpetrator, None), now)
        .await
        .unwrap();
    let child = people::add_person(&store, 1, first.id, &person("Mia Cole", Role::Child, Some("2018-02-02")), now)
        .await
        .unwrap();

    let found = people::find(&store, second.id, "cole").await.unwrap();
    assert_eq!(found.iter().map(|p| p.full_name.as_str()).collect::<Vec<_>>(), ["Darren Cole", "Mia Cole"]);
    assert_eq!(found[0].cases, first.reference);
    assert!(found[1].is_child);
    assert_eq!(
        people::link_person(&store, 1, second.id, child, Role::Parent, now).await.unwrap_err().fields[0].field,
        "role"
    );
    people::link_person(&store, 1, second.id, man, Role::AllegedPerpetrator, now).await.unwrap();
    assert!(people::link_person(&store, 1, second.id, man, Role::AllegedPerpetrator, now).await.is_err(), "once");
    assert!(people::find(&store, second.id, "darren").await.unwrap().is_empty(), "already in the case");

    let page = case_page::page(&store, 1, second.id, now).await.unwrap();
    assert_eq!(page.people[0].other_cases, first.reference);

    let rel = |person_id, other_id| NewRelationship { person_id, kind: RelationshipKind::ParentOf, other_id };
    people::add_relationship(&store, 1, first.id, &rel(man, child), now).await.unwrap();
    assert!(people::add_relationship(&store, 1, first.id, &rel(man, child), now).await.is_err(), "no duplicate");
    assert_eq!(
        people::add_relationship(&store, 1, second.id, &rel(man, child), now).await.unwrap_err().fields[0].field,
        "otherId",
        "the child is not in the second case"
    );
    let rels = people::relationships(&store, first.id).await.unwrap();
    assert_eq!(
        (rels[0].person.as_str(), rels[0].kind, rels[0].other.as_str()),
        ("Darren Cole", RelationshipKind::ParentOf, "Mia Cole")
    );
    store.close().await;
}

/// A lead knows a family by its children's names, not by a number: every list that shows a
/// case names it so, with the reference beside.
#[tokio::test]
async fn a_case_is_named_by_its_children_wherever_a_lead_meets_it() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let priya = second_lead(&store).await;
    let now = at(NOW);
    let case = cases::open_case(&store, priya, &new_case("12 Avon Street", "BS5 9QZ"), now).await.unwrap();
    let unnamed = cases::open_case(&store, priya, &new_case("3 Mill Lane", "BS3 1AA"), now).await.unwrap();
    for (name, role) in [("Łukasz Nowak", Role::Child), ("Anna Nowak", Role::Parent), ("Siân Nowak", Role::Child)] {
        let dob = role.is_child().then_some("2019-04-02");
        people::add_person(&store, priya, case.id, &person(name, role, dob), now).await.unwrap();
    }
    people::add_person(&store, priya, unnamed.id, &person("Rhys Jones", Role::Parent, None), now).await.unwrap();

    let page = case_page::page(&store, 1, case.id, now).await.unwrap();
    assert_eq!(page.name, "Łukasz and Siân Nowak", "children only, in the order they were added");
    assert_eq!(case_page::page(&store, 1, unnamed.id, now).await.unwrap().name, "", "no children, no name");

    let list = search::search(&store, &CaseQuery { sort: Sort::Oldest, ..CaseQuery::default() }).await.unwrap();
    let named: Vec<(&str, &str)> = list.rows.iter().map(|r| (r.reference.as_str(), r.name.as_str())).collect();
    assert_eq!(named, [(case.reference.as_str(), "Łukasz and Siân Nowak"), (unnamed.reference.as_str(), "")]);
    assert_eq!(list.rows[0].children, ["Łukasz Nowak", "Siân Nowak"]);

    let week = cp_core::domain::calendar::Week::containing(now.date_naive()).to_string();
    let checklist = cp_core::review::checklist(&store, 1, 1, &week, now).await.unwrap();
    let on_list: Vec<&str> = checklist.items.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(on_list, ["Łukasz and Siân Nowak", ""]);

    // Priya made every change, so they are news to lead 1, grouped by case under its name.
    let board = cp_core::dashboard::dashboard(&store, 1, now).await.unwrap();
    let groups: Vec<(&str, &str)> = board.changes.iter().map(|g| (g.reference.as_str(), g.name.as_str())).collect();
    assert_eq!(groups, [(case.reference.as_str(), "Łukasz and Siân Nowak"), (unnamed.reference.as_str(), "")]);
    store.close().await;
}

#[tokio::test]
async fn details_search_and_the_change_feed() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let priya = second_lead(&store).await;
    let now = at(NOW);
    let a = cases::open_case(&store, 1, &new_case("12 Avon Street", "BS5 9QZ"), now).await.unwrap();
    let b =
        cases::open_case(&store, priya, &new_case("3 Mill Lane", "BS3 1AA"), now + Duration::minutes(1)).await.unwrap();
    people::add_person(&store, priya, b.id, &person("Nguyễn Văn An", Role::Child, Some("2020-03-27")), now)
        .await
        .unwrap();

    let details = CaseDetails {
        allocated_lead_id: Some(priya),
        local_authority: "Bristol City Council".into(),
        social_worker_name: "Amara Okafor".into(),
        social_worker_team: "North".into(),
        social_worker_phone: "0117 922 2000".into(),
        social_worker_email: "amara@bristol.gov.uk".into(),
        cc_registration: Some(false),
        cc_registration_on: None,
        nation: Default::default(),
        version: 0,
    };
    cases::update_details(&store, 1, a.id, &details, now).await.unwrap();
    let bad = CaseDetails { allocated_lead_id: Some(99), ..details.clone() };
    assert_eq!(cases::update_details(&store, 1, a.id, &bad, now).await.unwrap_err().fields[0].field, "allocatedLeadId");
    assert_eq!(case_page::page(&store, 1, a.id, now).await.unwrap().details.social_worker_name, "Amara Okafor");

    // Joanna and Priya open the details form at once. Priya saves first; Joanna's save, begun
    // from the same version, is refused and says who saved meanwhile, and none of it is kept;
    // saved again from the details as they now are, hers replace Priya's.
    let both_began_from = case_page::page(&store, 1, a.id, now).await.unwrap().details;
    let priyas = CaseDetails { social_worker_name: "Sam Patel".into(), ..both_began_from.clone() };
    cases::update_details(&store, priya, a.id, &priyas, now + Duration::minutes(2)).await.unwrap();
    let joannas = CaseDetails { social_worker_team: "South".into(), ..both_began_from.clone() };
    let refused = cases::update_details(&store, 1, a.id, &joannas, now + Duration::minutes(3)).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::EditConflict);
    assert!(refused.message.starts_with("Priya Shah changed this case's details (at "), "{}", refused.message);
    let saved = case_page::page(&store, 1, a.id, now).await.unwrap().details;
    assert_eq!((saved.social_worker_name.as_str(), saved.social_worker_team.as_str()), ("Sam Patel", "North"));
    let again = CaseDetails { version: saved.version, ..joannas };
    cases::update_details(&store, 1, a.id, &again, now + Duration::minutes(4)).await.unwrap();
    let saved = case_page::page(&store, 1, a.id, now).await.unwrap().details;
    assert_eq!((saved.social_worker_name.as_str(), saved.social_worker_team.as_str()), ("Amara Okafor", "South"));

    let find = |text: &str| CaseQuery { text: text.into(), ..CaseQuery::default() };
    let refs = |s: search::CaseSearch| s.rows.into_iter().map(|r| r.reference).collect::<Vec<_>>();
    assert_eq!(refs(search::search(&store, &find("nguyen")).await.unwrap()), std::slice::from_ref(&b.reference));
    assert_eq!(refs(search::search(&store, &find("bs59")).await.unwrap()), std::slice::from_ref(&a.reference));
    assert_eq!(refs(search::search(&store, &find("bs5 9qz")).await.unwrap()), std::slice::from_ref(&a.reference));
    assert_eq!(refs(search::search(&store, &find("27/03/2020")).await.unwrap()), std::slice::from_ref(&b.reference));
    assert_eq!(refs(search::search(&store, &find("mill an")).await.unwrap()), std::slice::from_ref(&b.reference));
    assert_eq!(refs(search::search(&store, &find("0002")).await.unwrap()), std::slice::from_ref(&b.reference));
    assert!(search::search(&store, &find("%")).await.unwrap().rows.is_empty(), "wildcards are literal");
    let all = search::search(&store, &CaseQuery { sort: Sort::Oldest, ..CaseQuery::default() }).await.unwrap();
    assert_eq!(refs(all), [a.reference.clone(), b.reference.clone()]);
    let by_lead = search::search(&store, &CaseQuery { lead_id: Some(priya), ..CaseQuery::default() }).await.unwrap();
    assert_eq!(by_lead.total, 2, "case a was allocated to Priya");
    assert_eq!(by_lead.rows[0].children, ["Nguyễn Văn An"], "newest first, with the children's names");
    assert_eq!(by_lead.rows[0].name, "Nguyễn Văn An");

    let closure = Closure {
        reason: ClosureReason::LongPeriodOfImprovement,
        reason_detail: String::new(),
        closing_note: "Six months without concerns.".into(),
        closed_on: day("2026-11-23"),
    };
    cases::close_case(&store, 1, a.id, &closure, now).await.unwrap();
    cases::archive_sweep(&store, now + Duration::days(366)).await.unwrap();
    let open = search::search(&store, &find("bristol")).await.unwrap();
    assert_eq!((open.total, open.counts.live, open.counts.archived), (1, 1, 1), "archived hidden, still counted");
    let archived = CaseQuery { text: "avon".into(), status: StatusFilter::Archived, ..CaseQuery::default() };
    assert_eq!(
        refs(search::search(&store, &archived).await.unwrap()),
        std::slice::from_ref(&a.reference),
        "still searchable"
    );
    let later = now + Duration::days(367);
    let err =
        chronology::add_entry(&store, 1, a.id, &entry("Too late", "2026-11-23", vec![]), later).await.unwrap_err();
    assert!(err.message.contains("archived"));

    // Lead 1 sees what Priya and the installation did to case a and b, never their own acts.
    let seen_by_1 = changes::by_others(&store, 1, a.id).await.unwrap();
    assert_eq!(
        seen_by_1.iter().map(|c| c.kind).collect::<Vec<_>>(),
        [ChangeKind::DetailsChanged, ChangeKind::CaseArchived]
    );
    let seen_by_priya = changes::by_others(&store, priya, a.id).await.unwrap();
    let kinds: Vec<ChangeKind> = seen_by_priya.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [
            ChangeKind::CaseOpened,
            ChangeKind::DetailsChanged,
            ChangeKind::DetailsChanged,
            ChangeKind::CaseClosed,
            ChangeKind::CaseArchived
        ]
    );
    let b_for_1 = changes::by_others(&store, 1, b.id).await.unwrap();
    assert_eq!(b_for_1.iter().map(|c| c.lead.as_deref()).collect::<Vec<_>>(), [Some("Priya Shah"); 2]);
    assert!(b_for_1[1].summary.contains("Nguyễn Văn An"));
    store.close().await;
}

#[tokio::test]
async fn drafts_are_kept_per_lead_until_saved_or_discarded() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let priya = second_lead(&store).await;
    let now = at(NOW);
    drafts::save(&store, 1, "case:1:entry", r#"{"summary":"Half-typed"}"#, now).await.unwrap();
    drafts::save(&store, 1, "case:1:entry", r#"{"summary":"Half-typed, more"}"#, now).await.unwrap();
    assert_eq!(
        drafts::load(&store, 1, "case:1:entry").await.unwrap().as_deref(),
        Some(r#"{"summary":"Half-typed, more"}"#)
    );
    assert_eq!(drafts::load(&store, priya, "case:1:entry").await.unwrap(), None, "one lead's draft is theirs");
    assert!(drafts::save(&store, 1, "../etc", "x", now).await.is_err());
    assert!(drafts::save(&store, 1, "big", &"x".repeat(drafts::MAX_DRAFT_BYTES + 1), now).await.is_err());
    drafts::discard(&store, 1, "case:1:entry", now).await.unwrap();
    assert_eq!(drafts::load(&store, 1, "case:1:entry").await.unwrap(), None);
    store.close().await;
}

/// More matches than a page, found through the trigram index (a long word) and by reading
/// every case (a short one): the same counts, and pages that follow each other in order with
/// nothing repeated or skipped.
#[tokio::test]
async fn search_pages_through_many_matches() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let now = at(NOW);
    let on_postgres = store.engine() == cp_core::store::db::Engine::Postgres;
    let mut batch = cp_core::batch::Batch::begin(&store).await.unwrap();
    for n in 0..120 {
        batch.open_case(1, &new_case(&format!("{n} Gloucester Road"), "BS7 8AA"), now).await.unwrap();
    }
    batch.open_case(1, &new_case("1 Other Street", "BS1 1AA"), now).await.unwrap();
    batch.commit().await.unwrap();

    for (text, sort) in [("gloucester", Sort::Newest), ("gl", Sort::Oldest), ("bs78", Sort::RecentlyChanged)] {
        let query = |offset| CaseQuery { text: text.into(), sort, offset, ..CaseQuery::default() };
        let first = search::search(&store, &query(0)).await.unwrap();
        let second = search::search(&store, &query(100)).await.unwrap();
        assert_eq!((first.total, first.counts.live, first.more), (120, 120, false), "{text}");
        // A word the index answers (three letters or more) is counted in full; a short one up
        // to a stop.
        assert_eq!(first.counts.counted_up_to.is_none(), text != "gl" && !on_postgres, "{text}");
        assert_eq!((first.rows.len(), second.rows.len()), (100, 20), "{text}");
        let ids: Vec<i64> = first.rows.iter().chain(&second.rows).map(|r| r.id).collect();
        let mut expected = ids.clone();
        // Opened in one batch at the same moment: the newest reference is also the last changed.
        match sort {
            Sort::Oldest => expected.sort(),
            _ => expected.sort_by(|a, b| b.cmp(a)),
        }
        assert_eq!(ids, expected, "{text}: in order, across the page break");
        expected.dedup();
        assert_eq!(expected.len(), 120, "{text}: nothing repeated or skipped");
    }
    store.close().await;
}

/// `n` cases on Gloucester Road, opened in one batch: their ids, oldest first.
async fn gloucester_road(store: &cp_core::store::Store, n: u32, now: chrono::DateTime<chrono::Utc>) -> Vec<i64> {
    let mut batch = cp_core::batch::Batch::begin(store).await.unwrap();
    let mut ids = Vec::new();
    for n in 0..n {
        ids.push(batch.open_case(1, &new_case(&format!("{n} Gloucester Road"), "BS7 8AA"), now).await.unwrap());
    }
    batch.commit().await.unwrap();
    ids
}

/// A word that most cases match is counted up to a thousand past the page shown, then "more
/// than", so a one-letter search does not read every case; the count catches up as the lead
/// pages on.
#[tokio::test]
async fn a_word_most_cases_match_is_counted_up_to_a_thousand_past_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let now = at(NOW);
    gloucester_road(&store, COUNTED_UP_TO + 5, now).await;

    // "gl" is read from every case's text; "gloucester" matches too many for the index.
    for text in ["gl", "gloucester"] {
        let query = |offset| CaseQuery { text: text.into(), offset, ..CaseQuery::default() };
        let first = search::search(&store, &query(0)).await.unwrap();
        assert_eq!(
            (first.counts.live, first.counts.counted_up_to, first.total, first.more, first.rows.len()),
            (COUNTED_UP_TO + 1, Some(COUNTED_UP_TO), COUNTED_UP_TO, true, 100),
            "{text}: more than a thousand"
        );
        assert_eq!((first.counts.closed, first.counts.archived), (0, 0), "{text}");
        let last = search::search(&store, &query(COUNTED_UP_TO)).await.unwrap();
        assert_eq!(
            (last.counts.live, last.total, last.more, last.rows.len()),
            (COUNTED_UP_TO + 5, COUNTED_UP_TO + 5, false, 5),
            "{text}: every one counted once the lead is near the end"
        );
    }
    store.close().await;
}

/// A long word in more cases than the index looks them up for is counted from each status's
/// own trigram index (on PostgreSQL, by reading the cases): a case moves from one to the next
/// as it is closed and archived, and its count with it.
#[tokio::test]
async fn a_common_long_word_is_counted_by_status_as_cases_close_and_are_archived() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let now = at(NOW);
    let ids = gloucester_road(&store, COUNTED_UP_TO + 5, now).await;
    let closure = Closure {
        reason: ClosureReason::LongPeriodOfImprovement,
        reason_detail: String::new(),
        closing_note: "Six months without concerns.".into(),
        closed_on: day("2026-11-23"),
    };
    for id in &ids[..3] {
        cases::close_case(&store, 1, *id, &closure, now).await.unwrap();
    }
    let later = now + Duration::days(366);
    cases::archive_sweep(&store, later).await.unwrap();
    for id in &ids[3..5] {
        cases::close_case(&store, 1, *id, &closure, later).await.unwrap();
    }

    for text in ["gloucester", "gloucester road", "GLOUCESTER bs78"] {
        let query = CaseQuery { text: text.into(), status: StatusFilter::All, ..CaseQuery::default() };
        let found = search::search(&store, &query).await.unwrap();
        assert_eq!(
            (found.counts.live, found.counts.closed, found.counts.archived, found.total, found.more),
            (COUNTED_UP_TO, 2, 3, COUNTED_UP_TO + 5, false),
            "{text}"
        );
        let archived = CaseQuery { status: StatusFilter::Archived, ..query };
        let rows: Vec<i64> = search::search(&store, &archived).await.unwrap().rows.iter().map(|r| r.id).collect();
        assert_eq!(rows, [ids[2], ids[1], ids[0]], "{text}: the archived cases, newest first");
    }
    store.close().await;
}
