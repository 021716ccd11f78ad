//! Weekly reviews, sign-off, the change feed's acknowledgements, timescales and the dashboard
//! on a real encrypted file.

use crate::common;

use chrono::NaiveTime;
use common::{MemoryKeys, at, day, second_lead, set_up};
use cp_core::case_page;
use cp_core::cases::rules::{Closure, ClosureReason};
use cp_core::cases::{self, NewCase, Source};
use cp_core::chronology::rules::{EntryKind, NewEntry};
use cp_core::review::rules::Outcome;
use cp_core::store::Store;
use cp_core::store::db::query;
use cp_core::timescales::rules::{DueState, Period, RuleId, TimescaleSettings};
use cp_core::write::ChangeKind;
use cp_core::{changes, chronology, dashboard, review, timescales};

const W48: &str = "2026-W48"; // Monday 23 to Sunday 29 November 2026
const THURSDAY: &str = "2026-11-26T10:00:00Z";

/// An item's details: the first `review::DETAILED` items come with them.
fn details(item: &review::ChecklistItem) -> &review::ItemDetails {
    item.details.as_ref().expect("an item among the first comes with its details")
}

/// A case at `line1` reported by staff, opened on `opened`.
fn new_case(line1: &str, opened: &str) -> NewCase {
    NewCase {
        address_line1: line1.into(),
        address_line2: String::new(),
        town: String::new(),
        postcode: "BS5 9QZ".into(),
        source: Source::StaffReport,
        local_authority: String::new(),
        opened_on: day(opened),
        cc_registration: None,
        cc_registration_on: None,
    }
}

async fn open(store: &Store, lead: i64, line1: &str, opened: &str) -> i64 {
    cases::open_case(store, lead, &new_case(line1, opened), at(THURSDAY)).await.unwrap().id
}

async fn close(store: &Store, id: i64, on: &str, now: &str) {
    let closure = Closure {
        reason: ClosureReason::LongPeriodOfImprovement,
        reason_detail: String::new(),
        closing_note: "No concerns for six months.".into(),
        closed_on: day(on),
    };
    cases::close_case(store, 1, id, &closure, at(now)).await.unwrap();
}

fn entry(kind: EntryKind, on: &str, time: Option<(u32, u32)>) -> NewEntry {
    NewEntry {
        event_on: day(on),
        event_time: time.and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0)),
        kind,
        info_source: "Social care".into(),
        children: vec![],
        summary: "Referral made".into(),
        detail: String::new(),
        action_required: String::new(),
        significant: false,
        tags: vec![],
    }
}

#[tokio::test]
async fn each_lead_reviews_the_weeks_cases_and_signs_off() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let priya = second_lead(&store).await;
    let all_week = open(&store, 1, "1 All Week Road", "2026-03-02").await;
    let closed_tuesday = open(&store, 1, "2 Closed Tuesday Road", "2026-03-02").await;
    let closed_before = open(&store, 1, "3 Closed Before Road", "2026-03-02").await;
    close(&store, closed_tuesday, "2026-11-24", "2026-11-24T12:00:00Z").await;
    close(&store, closed_before, "2026-11-20", "2026-11-20T12:00:00Z").await;
    let opened_wednesday = open(&store, priya, "4 Opened Wednesday Road", "2026-11-25").await;

    let list = review::checklist(&store, 1, 1, W48, at(THURSDAY)).await.unwrap();
    let ids: Vec<i64> = list.items.iter().map(|i| i.case_id).collect();
    assert_eq!(ids, [all_week, closed_tuesday, opened_wednesday]);
    assert_eq!(list.items[1].closed_in_week, Some(day("2026-11-24")));
    assert_eq!(list.items[2].opened_in_week, Some(day("2026-11-25")));
    assert!(list.mine && list.signed_off_at.is_none() && list.done == 0);
    assert!(
        details(&list.items[2]).changes.iter().any(|c| c.kind == ChangeKind::CaseOpened),
        "Priya's new case is news to lead 1"
    );

    let record = |case, outcome, note: &'static str| {
        let store = store.clone();
        async move { review::record(&store, 1, W48, case, outcome, note, at(THURSDAY)).await }
    };
    assert_eq!(record(all_week, Outcome::FurtherAction, " ").await.unwrap_err().fields[0].field, "note");
    assert!(record(closed_before, Outcome::NoChange, "").await.is_err(), "not on this week's list");
    assert!(review::record(&store, 1, "2026-W49", all_week, Outcome::NoChange, "", at(THURSDAY)).await.is_err());
    // What recording returns is what the checklist shows from then on (the screen updates
    // the one item from it instead of reading the whole list again).
    let recorded = record(all_week, Outcome::FurtherAction, "  Ask the school about attendance ").await.unwrap();
    assert_eq!(recorded.note, "Ask the school about attendance", "kept trimmed");
    let item = &review::checklist(&store, 1, 1, W48, at(THURSDAY)).await.unwrap().items[0];
    assert_eq!(
        (item.outcome, &item.note, item.recorded_at.as_ref()),
        (Some(recorded.outcome), &recorded.note, Some(&recorded.recorded_at))
    );
    record(closed_tuesday, Outcome::NoChange, "").await.unwrap();
    let err = review::sign_off(&store, 1, W48, at(THURSDAY)).await.unwrap_err();
    assert!(err.message.contains("1 case is still to review"), "{}", err.message);
    record(opened_wednesday, Outcome::NoChange, "").await.unwrap();
    record(closed_tuesday, Outcome::FurtherAction, "Check the closure letter went").await.unwrap();
    review::sign_off(&store, 1, W48, at(THURSDAY)).await.unwrap();
    assert!(review::sign_off(&store, 1, W48, at(THURSDAY)).await.is_err(), "once");

    // Signed off: read-only; late additions are new notes.
    assert!(record(all_week, Outcome::NoChange, "").await.unwrap_err().message.contains("late note"));
    assert!(query("UPDATE review_items SET note = 'x'").execute(&mut store.db()).await.is_err());
    let late =
        review::late_note(&store, 1, W48, all_week, "School replied: attendance 82%", at(THURSDAY)).await.unwrap();

    // Priya sees lead 1's sign-off, outcomes and notes; her own list is still to do.
    let seen = review::checklist(&store, priya, 1, W48, at(THURSDAY)).await.unwrap();
    assert!(!seen.mine && seen.signed_off_at.is_some() && seen.done == 3);
    assert_eq!(seen.items[0].note, "Ask the school about attendance");
    assert_eq!(seen.items[0].late_notes, [late]);
    assert_eq!(seen.items[0].late_notes[0].note, "School replied: attendance 82%");
    assert_eq!(seen.items[1].outcome, Some(Outcome::FurtherAction));
    let hers = review::checklist(&store, priya, priya, W48, at(THURSDAY)).await.unwrap();
    assert_eq!((hers.done, hers.items.len()), (0, 3));

    // History: this week for both; last week (cases were live) unsigned, so overdue.
    let history = review::history(&store, at(THURSDAY)).await.unwrap();
    let find = |lead, week: &str| history.iter().find(|w| w.lead_id == lead && w.week == week).unwrap().clone();
    assert!(find(1, W48).signed_off_at.is_some() && !find(1, W48).overdue);
    assert!(!find(priya, W48).overdue, "this week is not overdue yet");
    assert!(find(priya, "2026-W47").overdue && find(1, "2026-W47").overdue);
    assert_eq!(find(1, "2026-W47").total, 3, "the three cases opened in March were live");
    store.close().await;
}

#[tokio::test]
async fn changes_stay_in_the_other_leads_list_until_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let priya = second_lead(&store).await;
    let case = open(&store, 1, "1 Avon Street", "2026-03-02").await;
    assert!(changes::unacknowledged(&store, 1).await.unwrap().is_empty(), "my own changes are not news");
    chronology::add_entry(&store, priya, case, &entry(EntryKind::PhoneCall, "2026-11-24", None), at(THURSDAY))
        .await
        .unwrap();
    let mine = changes::unacknowledged(&store, 1).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].changes[0].kind, ChangeKind::EntryAdded);
    assert_eq!(mine[0].changes[0].lead.as_deref(), Some("Priya Shah"));
    let seen_up_to = mine[0].changes[0].id;
    let later = entry(EntryKind::HomeVisit, "2026-11-25", None);
    chronology::add_entry(&store, priya, case, &later, at(THURSDAY)).await.unwrap();
    assert_eq!(changes::acknowledge(&store, 1, case, seen_up_to, at(THURSDAY)).await.unwrap(), 1);
    let left = changes::unacknowledged(&store, 1).await.unwrap();
    assert_eq!(left[0].changes.len(), 1, "the change made meanwhile was not acknowledged unseen");
    assert_eq!(left[0].changes[0].kind, ChangeKind::EntryAdded);
    assert_eq!(changes::unacknowledged(&store, priya).await.unwrap()[0].changes[0].kind, ChangeKind::CaseOpened);
    let audit: i64 = query("SELECT count(*) FROM audit_log WHERE action = 'changes_acknowledged'")
        .one(&mut store.db())
        .await
        .unwrap();
    assert_eq!(audit, 1);
    store.close().await;
}

#[tokio::test]
async fn the_dashboard_shows_due_timescales_archives_and_levels() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let case = open(&store, 1, "1 Avon Street", "2026-03-02").await;
    let closing = open(&store, 1, "2 Mill Lane", "2025-03-02").await;
    close(&store, closing, "2025-12-10", "2025-12-10T12:00:00Z").await;
    let phone = entry(EntryKind::ReferralByPhone, "2026-11-25", Some((10, 0)));
    let phone_id = chronology::add_entry(&store, 1, case, &phone, at(THURSDAY)).await.unwrap();
    // What is due follows each entry's newest revision: an entry amended to another kind
    // starts no clock, and amended back starts it again.
    let visit = entry(EntryKind::HomeVisit, "2026-11-25", Some((10, 0)));
    chronology::amend_entry(&store, 1, phone_id, &visit, "It was a home visit", at(THURSDAY)).await.unwrap();
    assert!(dashboard::dashboard(&store, 1, at(THURSDAY)).await.unwrap().due.is_empty());
    chronology::amend_entry(&store, 1, phone_id, &phone, "It was the phone referral after all", at(THURSDAY))
        .await
        .unwrap();

    let board = dashboard::dashboard(&store, 1, at(THURSDAY)).await.unwrap();
    assert_eq!(board.week, W48);
    assert_eq!(board.due.len(), 1, "the strategy discussion is not due soon yet: {:?}", board.due);
    assert_eq!(board.due[0].item.rule, RuleId::WrittenConfirmation);
    assert_eq!(board.due[0].item.state, DueState::DueSoon);
    assert_eq!((board.due[0].item.due_on, board.due[0].item.due_time.as_deref()), (day("2026-11-27"), Some("10:00")));
    assert_eq!(board.archiving_soon[0].archives_on, day("2026-12-10"));
    assert_eq!(board.live_by_level, [(cp_core::cases::rules::Level::Concern, 1)]);
    assert_eq!(board.this_week[0].lead_id, 1, "the viewer's own week first");

    // An area with 3 days to the strategy discussion makes it due soon too.
    let mut tx = store.begin_write().await.unwrap();
    let mut settings = TimescaleSettings::default();
    settings.periods.insert(RuleId::StrategyDiscussion, Period::Days(3));
    settings.periods.insert(RuleId::ArchiveAfterClosure, Period::Months(13));
    timescales_save(&mut tx.conn(), &settings).await;
    tx.commit().await.unwrap();
    let board = dashboard::dashboard(&store, 1, at(THURSDAY)).await.unwrap();
    assert_eq!(board.due.len(), 2);
    assert_eq!(board.due[1].item.due_on, day("2026-11-28"));

    // The archive period is the organisation's too: 13 months moves the date on.
    assert!(board.archiving_soon.is_empty());
    let page = case_page::page(&store, 1, closing, at(THURSDAY)).await.unwrap();
    assert_eq!(page.archives_on, Some(day("2027-01-10")));
    assert_eq!(timescales::archive_months(&store).await.unwrap(), 13);
    assert!(cases::archive_sweep(&store, at("2026-12-11T10:00:00Z")).await.unwrap().is_empty());
    assert_eq!(cases::archive_sweep(&store, at("2027-01-10T10:00:00Z")).await.unwrap().len(), 1);

    // An organisation in Scotland: its new cases follow Scotland's procedures and bank
    // holidays; the English case keeps England's periods, not the organisation's own.
    let mut tx = store.begin_write().await.unwrap();
    settings.nation = Some(cp_core::domain::calendar::Nation::Scotland);
    timescales_save(&mut tx.conn(), &settings).await;
    tx.commit().await.unwrap();
    let scottish = open(&store, 1, "3 Leith Walk", "2026-11-25").await;
    let nation = case_page::page(&store, 1, scottish, at(THURSDAY)).await.unwrap().details.nation;
    assert_eq!(nation, cp_core::domain::calendar::Nation::Scotland);
    let board = dashboard::dashboard(&store, 1, at(THURSDAY)).await.unwrap();
    assert_eq!(board.due.len(), 1, "the English case's strategy discussion is back to 10 days: {:?}", board.due);
    store.close().await;
}

async fn timescales_save(conn: &mut cp_core::store::db::Conn<'_>, s: &TimescaleSettings) {
    let json = serde_json::to_string(s).unwrap();
    cp_core::settings::set_in(conn, "timescales", &json).await.unwrap();
}

#[tokio::test]
async fn each_item_shows_its_newest_changes_since_the_leads_last_review_and_all_on_asking() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let priya = second_lead(&store).await;
    let new = new_case("1 Avon Street", "2026-03-02");
    let case = cases::open_case(&store, 1, &new, at("2026-11-16T09:00:00Z")).await.unwrap().id;
    let closed = open(&store, 1, "2 Closed Road", "2026-03-02").await;
    close(&store, closed, "2026-11-13", "2026-11-13T12:00:00Z").await;
    let add = |on: &'static str, when: &'static str| {
        let store = store.clone();
        async move { chronology::add_entry(&store, priya, case, &entry(EntryKind::HomeVisit, on, None), at(when)).await }
    };
    for _ in 0..5 {
        add("2026-11-17", "2026-11-17T10:00:00Z").await.unwrap();
    }

    // Week 47: five of Priya's entries, none reviewed; the newest three shown, oldest first.
    let w47 = review::checklist(&store, 1, 1, "2026-W47", at("2026-11-19T10:00:00Z")).await.unwrap();
    let item = w47.items.iter().find(|i| i.case_id == case).unwrap();
    assert_eq!((details(item).changes.len(), details(item).changes_total), (review::CHANGES_SHOWN as usize, 5));
    let all = review::unreviewed_changes(&store, 1, "2026-W47", case).await.unwrap();
    assert_eq!(all.len(), 5);
    assert!(all.windows(2).all(|w| w[0].id < w[1].id), "oldest first");
    assert_eq!(details(item).changes, all[2..], "the newest three");
    assert!(all.iter().all(|c| c.kind == ChangeKind::EntryAdded), "lead 1's own opening is not news to lead 1");

    // Reviewed in week 47; what Priya adds in week 48 (and after it) is what week 48 shows.
    review::record(&store, 1, "2026-W47", case, Outcome::NoChange, "", at("2026-11-19T11:00:00Z")).await.unwrap();
    add("2026-11-24", "2026-11-24T10:00:00Z").await.unwrap();
    add("2026-11-25", "2026-11-25T10:00:00Z").await.unwrap();
    add("2026-11-30", "2026-11-30T10:00:00Z").await.unwrap();
    let w48 = review::checklist(&store, 1, 1, W48, at("2026-11-30T12:00:00Z")).await.unwrap();
    let item = w48.items.iter().find(|i| i.case_id == case).unwrap();
    assert_eq!((details(item).changes.len(), details(item).changes_total), (2, 2), "{:?}", details(item).changes);
    assert_eq!(review::unreviewed_changes(&store, 1, W48, case).await.unwrap(), details(item).changes);

    // Priya's own list: only lead 1's opening of the case is news to her.
    let hers = review::checklist(&store, priya, priya, W48, at("2026-11-30T12:00:00Z")).await.unwrap();
    let item = hers.items.iter().find(|i| i.case_id == case).unwrap();
    assert_eq!(details(item).changes_total, 1);
    assert_eq!(details(item).changes[0].kind, ChangeKind::CaseOpened);

    // A case closed before the week is not on it.
    let err = review::unreviewed_changes(&store, 1, W48, closed).await.unwrap_err();
    assert_eq!(err.code, cp_core::ErrorCode::NotFound);
    assert!(review::unreviewed_changes(&store, 1, "last week", case).await.is_err());
    store.close().await;
}

/// A week of more cases than the list shows at once: the first `DETAILED` items come with
/// what changed, what is due and the open actions; the rest are read as the lead reaches them,
/// each the same as it would have been with the list. A case not on the week gets nothing.
#[tokio::test]
async fn a_long_week_sends_its_first_items_details_and_the_rest_on_asking() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let priya = second_lead(&store).await;
    let count = review::DETAILED + 3;
    let mut batch = cp_core::batch::Batch::begin(&store).await.unwrap();
    let mut ids = Vec::new();
    for n in 0..count {
        let new = new_case(&format!("{n} Long Row"), "2026-03-02");
        ids.push(batch.open_case(priya, &new, at("2026-11-16T09:00:00Z")).await.unwrap());
    }
    batch.commit().await.unwrap();
    let last = *ids.last().unwrap();
    let visit = entry(EntryKind::HomeVisit, "2026-11-24", None);
    chronology::add_entry(&store, priya, last, &visit, at("2026-11-24T10:00:00Z")).await.unwrap();
    let closed = open(&store, 1, "Closed Court", "2026-03-02").await;
    close(&store, closed, "2026-11-13", "2026-11-13T12:00:00Z").await;

    let list = review::checklist(&store, 1, 1, W48, at(THURSDAY)).await.unwrap();
    assert_eq!(list.items.len(), count);
    let detailed: Vec<bool> = list.items.iter().map(|i| i.details.is_some()).collect();
    assert_eq!(detailed.iter().filter(|d| **d).count(), review::DETAILED, "{detailed:?}");
    assert!(detailed[..review::DETAILED].iter().all(|d| *d), "the first ones");
    assert_eq!(details(&list.items[0]).changes_total, 1, "Priya's opening of it");

    // The last three, asked for with a case that is not on the week, in the order asked.
    let rest: Vec<i64> = list.items[review::DETAILED..].iter().map(|i| i.case_id).collect();
    let asked = [rest[2], closed, rest[0], rest[1]];
    let got = review::details(&store, 1, W48, &asked, at(THURSDAY)).await.unwrap();
    assert_eq!(got.iter().map(|d| d.case_id).collect::<Vec<_>>(), [rest[2], rest[0], rest[1]]);
    let of_last = got.iter().find(|d| d.case_id == last).unwrap();
    assert_eq!(of_last.changes_total, 2, "its opening and the visit");
    assert_eq!(of_last.changes.last().map(|c| c.kind), Some(ChangeKind::EntryAdded));
    // The same as the list gives when the case is among the first.
    let first = review::details(&store, 1, W48, &[list.items[0].case_id], at(THURSDAY)).await.unwrap();
    assert_eq!(Some(&first[0]), list.items[0].details.as_ref());

    let too_many = vec![last; review::DETAILS_AT_MOST + 1];
    let err = review::details(&store, 1, W48, &too_many, at(THURSDAY)).await.unwrap_err();
    assert_eq!(err.code, cp_core::ErrorCode::Invalid, "{}", err.message);
    store.close().await;
}
