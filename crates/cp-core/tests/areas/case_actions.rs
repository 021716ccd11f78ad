//! Actions on a case, as two leads use them: Joanna gives Elaine an action from a chronology
//! entry's "action required", due in working days on the case's calendar; Elaine finds it
//! among her actions and in what changed; it changes hands, falls overdue, and ends once with
//! its outcome; nothing is ever deleted, and the trail holds each step. On the run's engine.

use crate::common;

use chrono::{DateTime, Duration, Utc};
use common::{ELAINE, JOANNA, MemoryKeys, at, day, new_case, now, set_up};
use cp_core::ErrorCode;
use cp_core::case_actions::rules::{ActionEnd, ActionState, Assignment, NewAction};
use cp_core::store::db::query;

fn for_lead(lead: i64, working_days: u32) -> Assignment {
    Assignment { owner_lead_id: Some(lead), due_working_days: Some(working_days), ..Assignment::default() }
}

#[tokio::test]
async fn an_action_is_given_followed_and_ended_once_and_never_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Riverside").await;
    let case = cp_core::cases::open_case(&store, JOANNA.0, &new_case("1 Quay Street"), now()).await.unwrap();
    let entry = cp_core::chronology::rules::NewEntry {
        action_required: "Ask the nursery for Łukasz's attendance".into(),
        significant: false,
        tags: vec![],
        ..common::phone_call("Bruising seen at drop-off")
    };
    let entry_id = cp_core::chronology::add_entry(&store, JOANNA.0, case.id, &entry, now()).await.unwrap();

    // Every problem with a blank form at once; nothing kept.
    let blank = cp_core::case_actions::add(&store, JOANNA.0, case.id, &NewAction::default(), now()).await.unwrap_err();
    let fields: Vec<&str> = blank.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["what", "owner", "dueOn"]);

    // From the entry's "action required", for Elaine, within 2 working days of Monday 23/11.
    let action = NewAction {
        what: entry.action_required.clone(),
        entry_id: Some(entry_id),
        assignment: for_lead(ELAINE.0, 2),
        ..NewAction::default()
    };
    let id = cp_core::case_actions::add(&store, JOANNA.0, case.id, &action, now()).await.unwrap();
    let page = cp_core::case_page::page(&store, JOANNA.0, case.id, now()).await.unwrap();
    let [added] = page.actions.as_slice() else { panic!("{:?}", page.actions) };
    assert_eq!(
        (added.id, added.entry_id, added.owner.as_str(), added.due_on, added.state, added.created_by.as_str()),
        (id, Some(entry_id), "Elaine Martin", day("2026-11-25"), ActionState::Open, "Joanna Holmes")
    );

    // Elaine's own actions, and what changed since she last looked; not Joanna's.
    let elaine = cp_core::dashboard::dashboard(&store, ELAINE.0, now()).await.unwrap();
    assert_eq!(elaine.my_actions.iter().map(|a| a.action.id).collect::<Vec<_>>(), [id]);
    assert_eq!(elaine.my_actions[0].reference, case.reference);
    let heard: Vec<&str> = elaine.changes.iter().flat_map(|c| c.changes.iter()).map(|c| c.summary.as_str()).collect();
    assert!(heard.iter().any(|s| s.starts_with("Action added: Ask the nursery")), "{heard:?}");
    // And on the case's item in the week's review.
    let week = cp_core::domain::calendar::Week::containing(day("2026-11-23")).to_string();
    let list = cp_core::review::checklist(&store, ELAINE.0, ELAINE.0, &week, now()).await.unwrap();
    let item = list.items.iter().find(|i| i.case_id == case.id).unwrap();
    assert_eq!(item.details.as_ref().unwrap().actions.iter().map(|a| a.id).collect::<Vec<_>>(), [id]);
    let joanna = cp_core::dashboard::dashboard(&store, JOANNA.0, now()).await.unwrap();
    assert!(joanna.my_actions.is_empty() && joanna.overdue_actions.is_empty());

    // Elaine's reminder counts it once it is due, and says nothing of what it is or whose case.
    let reminder = |lead, on| cp_core::case_actions::reminder(&store, lead, day(on));
    assert_eq!(reminder(ELAINE.0, "2026-11-24").await.unwrap(), None, "not due until Wednesday");
    let words = reminder(ELAINE.0, "2026-11-25").await.unwrap().unwrap();
    assert_eq!(words, "1 action due today or overdue");
    assert!(!words.contains("nursery") && !words.contains(&case.reference) && !words.contains("Łukasz"));
    assert_eq!(reminder(ELAINE.0, "2026-11-30").await.unwrap().as_deref(), Some("1 action due today or overdue"));
    assert_eq!(reminder(JOANNA.0, "2026-11-30").await.unwrap(), None, "not Joanna's");

    // Given to someone outside the app, due 3 working days after Wednesday 23/12: Christmas
    // Day and the Boxing Day holiday (Monday 28/12) are skipped.
    let christmas: DateTime<Utc> = at("2026-12-23T10:00:00Z");
    let outside = Assignment {
        owner_name: "Sam Patel".into(),
        owner_contact: "Health visitor, 0117 496 0000".into(),
        due_working_days: Some(3),
        ..Assignment::default()
    };
    cp_core::case_actions::reassign(&store, ELAINE.0, id, &outside, christmas).await.unwrap();
    let actions = cp_core::case_actions::for_case(&store, case.id).await.unwrap();
    assert_eq!((actions[0].owner.as_str(), actions[0].owner_lead_id), ("Sam Patel", None));
    assert_eq!(actions[0].due_on, day("2026-12-30"));
    assert!(cp_core::dashboard::dashboard(&store, ELAINE.0, christmas).await.unwrap().my_actions.is_empty());

    // Past its date, it is overdue for everyone to see.
    let later = at("2027-01-04T10:00:00Z");
    let overdue = cp_core::dashboard::dashboard(&store, JOANNA.0, later).await.unwrap().overdue_actions;
    assert_eq!(overdue.iter().map(|a| a.action.id).collect::<Vec<_>>(), [id]);

    // Ended once, with what was done; a second ending or a new owner is refused.
    let done = ActionEnd { state: ActionState::Done, note: "Attendance 92%; no concerns from the nursery".into() };
    cp_core::case_actions::end(&store, JOANNA.0, id, &done, later).await.unwrap();
    let again = cp_core::case_actions::end(&store, ELAINE.0, id, &done, later).await.unwrap_err();
    assert_eq!(again.code, ErrorCode::Invalid, "{}", again.message);
    let moved = cp_core::case_actions::reassign(&store, ELAINE.0, id, &for_lead(ELAINE.0, 1), later).await.unwrap_err();
    assert_eq!(moved.code, ErrorCode::Invalid);
    let ended = &cp_core::case_actions::for_case(&store, case.id).await.unwrap()[0];
    assert_eq!(
        (ended.state, ended.outcome.as_str(), ended.closed_by.as_deref()),
        (ActionState::Done, "Attendance 92%; no concerns from the nursery", Some("Joanna Holmes"))
    );
    assert!(cp_core::dashboard::dashboard(&store, JOANNA.0, later).await.unwrap().overdue_actions.is_empty());

    // Nothing is deleted or rewritten, by the app or by SQL.
    assert!(query("DELETE FROM case_actions").execute(&mut store.db()).await.is_err());
    assert!(query("UPDATE case_actions SET what = 'Nothing'").execute(&mut store.db()).await.is_err());
    assert!(query("UPDATE case_actions SET outcome = 'Nothing'").execute(&mut store.db()).await.is_err());

    let actions: Vec<String> = query("SELECT action FROM audit_log WHERE record_type = 'case_action' ORDER BY id")
        .scalars(&mut store.db())
        .await
        .unwrap();
    assert_eq!(actions, ["action_added", "action_reassigned", "action_done"]);
    let chain = cp_core::audit::verify(&store).await.unwrap();
    assert!(chain.intact(), "{chain:?}");
    store.close().await;
}

#[tokio::test]
async fn an_action_is_refused_for_an_inactive_lead_an_entry_of_another_case_or_a_past_date() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Riverside").await;
    let case = cp_core::cases::open_case(&store, JOANNA.0, &new_case("1 Quay Street"), now()).await.unwrap();
    let other = cp_core::cases::open_case(&store, JOANNA.0, &new_case("2 Quay Street"), now()).await.unwrap();
    let elsewhere =
        cp_core::chronology::add_entry(&store, JOANNA.0, other.id, &common::phone_call("Call"), now()).await.unwrap();
    let add = |assignment: Assignment, entry_id: Option<i64>| NewAction {
        what: "Chase the referral".into(),
        entry_id,
        assignment,
        concern_id: None,
    };

    let yesterday =
        Assignment { owner_lead_id: Some(JOANNA.0), due_on: Some(day("2026-11-22")), ..Assignment::default() };
    let past = cp_core::case_actions::add(&store, JOANNA.0, case.id, &add(yesterday, None), now()).await.unwrap_err();
    assert_eq!(past.fields[0].field, "dueOn");
    let wrong_entry =
        cp_core::case_actions::add(&store, JOANNA.0, case.id, &add(for_lead(JOANNA.0, 1), Some(elsewhere)), now())
            .await
            .unwrap_err();
    assert_eq!(wrong_entry.code, ErrorCode::NotFound);

    cp_core::leads::deactivate_lead(&store, JOANNA.0, ELAINE.0, now()).await.unwrap();
    let inactive = cp_core::case_actions::add(&store, JOANNA.0, case.id, &add(for_lead(ELAINE.0, 1), None), now())
        .await
        .unwrap_err();
    assert_eq!(inactive.fields[0].field, "owner", "{inactive:?}");
    let kept: i64 = query("SELECT count(*) FROM case_actions").one(&mut store.db()).await.unwrap();
    assert_eq!(kept, 0, "nothing refused was kept");
    // A moment later the same lead adds it for herself.
    let mine = add(for_lead(JOANNA.0, 1), None);
    cp_core::case_actions::add(&store, JOANNA.0, case.id, &mine, now() + Duration::minutes(1)).await.unwrap();
    store.close().await;
}

/// Actions on what is not a case: on an enquiry (due on the organisation's calendar), and on
/// an allegation, which the lead it is about never sees, is never given, and cannot end. A
/// concern's action is on its case. None is in a case's changes; each is audited.
#[tokio::test]
async fn actions_on_a_concern_an_enquiry_and_an_allegation_about_a_lead() {
    use cp_core::allegations::rules::{HarmTest, NewAllegation};
    use cp_core::case_actions::rules::ActionOn;
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Riverside").await;
    let monday = at("2026-11-23T10:00:00Z");
    let action =
        |what: &str, lead: i64| NewAction { what: what.into(), assignment: for_lead(lead, 1), ..NewAction::default() };

    // On a concern of a case: the concern must be that case's.
    let case = cp_core::cases::open_case(&store, JOANNA.0, &new_case("1 Quay Street"), monday).await.unwrap();
    let other = cp_core::cases::open_case(&store, JOANNA.0, &new_case("9 Mill Lane"), monday).await.unwrap();
    let concern = cp_core::concerns::rules::NewConcern {
        info_from: "Nursery key worker".into(),
        nature: cp_core::concerns::rules::Nature::Incident,
        incident_on: Some(day("2026-11-20")),
        worker_name: "Jo Patel".into(),
        worker_role: "Key worker".into(),
        worker_contact: "0117 000 0000".into(),
        strategy_needed: false,
        decided_by: "Team manager, Bristol North".into(),
        reasons: "Explained by the fall at nursery".into(),
    };
    let concern_id = cp_core::concerns::record(&store, JOANNA.0, case.id, &concern, monday).await.unwrap();
    let on_concern = NewAction {
        concern_id: Some(concern_id),
        ..action("Ask the social worker for the strategy outcome", JOANNA.0)
    };
    let refused = cp_core::case_actions::add(&store, JOANNA.0, other.id, &on_concern, monday).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::NotFound);
    let id = cp_core::case_actions::add(&store, JOANNA.0, case.id, &on_concern, monday).await.unwrap();
    assert_eq!(cp_core::case_actions::for_case(&store, case.id).await.unwrap()[0].concern_id, Some(concern_id), "{id}");

    // On an enquiry: due the next working day on the organisation's calendar.
    let enquirer = cp_core::enquiries::rules::Enquirer {
        name: "PC Sarah Jones".into(),
        organisation: "Avon and Somerset Police".into(),
        role: "Child abuse investigation".into(),
        contact: "101 ext 4521".into(),
        identity_check: cp_core::enquiries::rules::IdentityCheck::CallBackSwitchboard,
        identity_detail: String::new(),
        received_on: None,
        received_time: None,
    };
    let enquiry = cp_core::enquiries::start(&store, JOANNA.0, &enquirer, monday).await.unwrap();
    let on_enquiry = ActionOn::Enquiry { enquiry_id: enquiry };
    let ring = action("Ring PC Jones back with the social worker's name", ELAINE.0);
    let ring_id = cp_core::case_actions::add_on(&store, JOANNA.0, on_enquiry, &ring, monday).await.unwrap();
    let [a] = cp_core::case_actions::for_target(&store, ELAINE.0, on_enquiry).await.unwrap().try_into().unwrap();
    assert_eq!((a.id, a.case_id, a.enquiry_id, a.due_on), (ring_id, None, Some(enquiry), day("2026-11-24")));
    let mine = cp_core::dashboard::dashboard(&store, ELAINE.0, monday).await.unwrap().my_actions;
    assert_eq!(
        mine.iter().map(|r| (r.action.id, r.reference.clone())).collect::<Vec<_>>(),
        [(ring_id, format!("Enquiry {enquiry}"))]
    );
    let missing = ActionOn::Enquiry { enquiry_id: 999 };
    assert_eq!(
        cp_core::case_actions::add_on(&store, JOANNA.0, missing, &ring, monday).await.unwrap_err().code,
        ErrorCode::NotFound
    );

    // On an allegation about Elaine: never hers, never seen by her.
    let about_elaine = NewAllegation {
        person_name: "Elaine Martin".into(),
        person_role: "Deputy lead".into(),
        setting: "Saturday club".into(),
        person_dob: None,
        harm_tests: vec![HarmTest::HarmedChild],
        reported_by: "Volunteer".into(),
        reported_to: "Centre manager".into(),
        reported_on: day("2026-11-20"),
        written_record: "Shouted at a child".into(),
        about_lead: Some(ELAINE.0),
    };
    let allegation = cp_core::allegations::create(&store, JOANNA.0, &about_elaine, monday).await.unwrap();
    let on_allegation = ActionOn::Allegation { allegation_id: allegation };
    let lado = action("Ring the LADO within one working day", ELAINE.0);
    let refused = cp_core::case_actions::add_on(&store, JOANNA.0, on_allegation, &lado, monday).await.unwrap_err();
    assert_eq!(refused.fields[0].field, "owner", "not given to the lead it is about");
    let lado = action("Ring the LADO within one working day", JOANNA.0);
    let lado_id = cp_core::case_actions::add_on(&store, JOANNA.0, on_allegation, &lado, monday).await.unwrap();
    let by_elaine = cp_core::case_actions::add_on(&store, ELAINE.0, on_allegation, &lado, monday).await.unwrap_err();
    assert_eq!(by_elaine.code, ErrorCode::NotFound);
    assert_eq!(
        cp_core::case_actions::for_target(&store, ELAINE.0, on_allegation).await.unwrap_err().code,
        ErrorCode::NotFound
    );
    let done = ActionEnd { state: ActionState::Done, note: "Rang".into() };
    assert_eq!(
        cp_core::case_actions::end(&store, ELAINE.0, lado_id, &done, monday).await.unwrap_err().code,
        ErrorCode::NotFound
    );
    // Overdue on Wednesday: Joanna sees it; Elaine sees only her own enquiry's.
    let wednesday = at("2026-11-25T10:00:00Z");
    for (lead, seen) in [(JOANNA.0, vec![id, ring_id, lado_id]), (ELAINE.0, vec![id, ring_id])] {
        let board = cp_core::dashboard::dashboard(&store, lead, wednesday).await.unwrap();
        assert_eq!(board.overdue_actions.iter().map(|r| r.action.id).collect::<Vec<_>>(), seen, "lead {lead}");
    }
    let [row] = cp_core::case_actions::mine(&store, JOANNA.0)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.action.id == lado_id)
        .collect::<Vec<_>>()
        .try_into()
        .unwrap();
    assert_eq!(row.reference, cp_core::allegations::get(&store, allegation).await.unwrap().reference);
    cp_core::case_actions::end(&store, JOANNA.0, lado_id, &done, wednesday).await.unwrap();

    // Neither the enquiry's nor the allegation's is among a case's changes; each is audited.
    let heard: Vec<String> = cp_core::changes::unacknowledged(&store, ELAINE.0)
        .await
        .unwrap()
        .into_iter()
        .flat_map(|c| c.changes)
        .map(|c| c.summary)
        .collect();
    assert!(!heard.iter().any(|s| s.contains("PC Jones") || s.contains("LADO")), "{heard:?}");
    let trail: Vec<String> = query("SELECT action FROM audit_log WHERE record_type = 'case_action' ORDER BY id")
        .scalars(&mut store.db())
        .await
        .unwrap();
    assert_eq!(trail, ["action_added", "action_added", "action_added", "action_done"]);
    assert!(query("DELETE FROM case_actions WHERE allegation_id IS NOT NULL").execute(&mut store.db()).await.is_err());
    assert!(cp_core::audit::verify(&store).await.unwrap().intact());
    store.close().await;
}

/// The dashboard lists the hundred most urgent of a lead's actions and of the overdue ones,
/// and says how many there are in all.
#[tokio::test]
async fn the_dashboard_lists_the_most_urgent_hundred_and_counts_them_all() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Riverside").await;
    let case = cp_core::cases::open_case(&store, JOANNA.0, &new_case("1 Quay Street"), now()).await.unwrap();
    let mut batch = cp_core::batch::Batch::begin(&store).await.unwrap();
    for i in 0..105_u32 {
        let action = NewAction {
            what: format!("Action {i}"),
            assignment: for_lead(ELAINE.0, 1 + i % 30),
            ..NewAction::default()
        };
        batch.add_action(JOANNA.0, case.id, &action, now()).await.unwrap();
    }
    batch.commit().await.unwrap();
    let board = cp_core::dashboard::dashboard(&store, ELAINE.0, now()).await.unwrap();
    assert_eq!((board.my_actions.len(), board.my_actions_total), (100, 105));
    assert!(board.my_actions.windows(2).all(|w| w[0].action.due_on <= w[1].action.due_on), "soonest first");
    let later = at("2027-03-01T10:00:00Z");
    let board = cp_core::dashboard::dashboard(&store, JOANNA.0, later).await.unwrap();
    assert_eq!((board.overdue_actions.len(), board.overdue_actions_total), (100, 105));
    assert_eq!(cp_core::case_actions::mine(&store, ELAINE.0).await.unwrap().len(), 105, "the printed list has all");
    store.close().await;
}

/// The week's checklist shows each case's three soonest due open actions and how many are
/// open, not every one: an ended action is not counted, nor another case's.
#[tokio::test]
async fn the_checklist_shows_each_cases_soonest_actions_and_counts_the_open_ones() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Riverside").await;
    let busy = cp_core::cases::open_case(&store, JOANNA.0, &new_case("1 Quay Street"), now()).await.unwrap();
    let quiet = cp_core::cases::open_case(&store, JOANNA.0, &new_case("2 Mill Lane"), now()).await.unwrap();
    let give = |what: &str, working_days| NewAction {
        what: what.into(),
        assignment: for_lead(ELAINE.0, working_days),
        ..NewAction::default()
    };
    // Given in an order that is not the order they fall due.
    let mut ids = std::collections::HashMap::new();
    for (what, days) in [("Fifth", 9), ("Second", 2), ("Ended", 1), ("Fourth", 7), ("First", 1), ("Third", 4)] {
        ids.insert(
            what,
            cp_core::case_actions::add(&store, JOANNA.0, busy.id, &give(what, days), now()).await.unwrap(),
        );
    }
    let done = ActionEnd { state: ActionState::NotNeeded, note: "The school already asked".into() };
    cp_core::case_actions::end(&store, JOANNA.0, ids["Ended"], &done, now()).await.unwrap();
    cp_core::case_actions::add(&store, JOANNA.0, quiet.id, &give("Only", 3), now()).await.unwrap();

    let week = cp_core::domain::calendar::Week::containing(day("2026-11-23")).to_string();
    let list = cp_core::review::checklist(&store, ELAINE.0, ELAINE.0, &week, now()).await.unwrap();
    let shown = |case_id| {
        let item = list.items.iter().find(|i| i.case_id == case_id).unwrap().details.as_ref().unwrap();
        (item.actions.iter().map(|a| a.what.as_str()).collect::<Vec<_>>(), item.actions_total)
    };
    assert_eq!(shown(busy.id), (vec!["First", "Second", "Third"], 5));
    assert_eq!(shown(quiet.id), (vec!["Only"], 1));
    store.close().await;
}
