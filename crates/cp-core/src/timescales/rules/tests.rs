//! The timescale engine and each nation's pack, on real dates: Christmas, Easter, the one-off
//! bank holidays, leap years and the clock changes.

use super::*;
use crate::chronology::rules::EntryKind as K;
use crate::domain::calendar::Nation;
use crate::domain::label::Label;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn ev(kind: EntryKind, on: &str) -> Event {
    Event { kind, on: d(on), time: None }
}

fn ew() -> Holidays {
    Holidays::for_nation(Nation::EnglandAndWales, &[])
}

fn due(events: &[Event], plan: bool, now: &str) -> Vec<(RuleId, NaiveDate, DueState)> {
    due_items(events, plan, &TimescaleSettings::default(), &ew(), at(now))
        .into_iter()
        .map(|d| (d.rule, d.due_on, d.state))
        .collect()
}

#[test]
fn a_phone_referral_needs_writing_in_48_hours_and_a_strategy_discussion_in_10_days() {
    let phone = Event { kind: K::ReferralByPhone, on: d("2026-11-23"), time: NaiveTime::from_hms_opt(15, 30, 0) };
    let items = due_items(&[phone], false, &TimescaleSettings::default(), &ew(), at("2026-11-23T16:00:00Z"));
    assert_eq!(items[0].rule, RuleId::WrittenConfirmation);
    assert_eq!((items[0].due_on, items[0].due_time.as_deref()), (d("2026-11-25"), Some("15:30")));
    assert_eq!(items[0].state, DueState::DueSoon);
    assert_eq!(
        (items[1].rule, items[1].due_on, items[1].state),
        (RuleId::StrategyDiscussion, d("2026-12-03"), DueState::Due)
    );
    // 48 hours and a minute later it is overdue.
    let late = due_items(&[phone], false, &TimescaleSettings::default(), &ew(), at("2026-11-25T15:31:00Z"));
    assert_eq!(late[0].state, DueState::Overdue);
    // The written referral meets the first; the strategy clock still runs from the phone call.
    let written = ev(K::ReferralInWriting, "2026-11-24");
    assert_eq!(
        due(&[phone, written], false, "2026-11-24T12:00:00Z"),
        [(RuleId::StrategyDiscussion, d("2026-12-03"), DueState::Due)]
    );
}

#[test]
fn hours_are_counted_in_uk_time_across_the_clocks_going_back() {
    // 48 hours from 09:00 on Friday 23 October 2026 (BST) end at 08:00 on Sunday 25th
    // (GMT), because the clocks go back that night.
    let phone = Event { kind: K::ReferralByPhone, on: d("2026-10-23"), time: NaiveTime::from_hms_opt(9, 0, 0) };
    let items = due_items(&[phone], false, &TimescaleSettings::default(), &ew(), at("2026-10-23T09:00:00Z"));
    assert_eq!((items[0].due_on, items[0].due_time.as_deref()), (d("2026-10-25"), Some("08:00")));
}

#[test]
fn the_initial_conference_is_due_15_working_days_after_the_strategy_discussion() {
    // Across Christmas 2026: Thursday 10 December + 15 working days skips 25 and 28
    // December, 1 January and the weekends, landing on Tuesday 5 January 2027.
    let sd = ev(K::StrategyDiscussion, "2026-12-10");
    assert_eq!(
        due(&[sd], false, "2026-12-10T10:00:00Z"),
        [(RuleId::InitialConference, d("2027-01-05"), DueState::Due)]
    );
    // Across Easter 2027 (26 and 29 March): Monday 22 March + 15 working days.
    let easter = ev(K::StrategyDiscussion, "2027-03-22");
    assert_eq!(due(&[easter], false, "2027-03-22T10:00:00Z")[0].1, d("2027-04-14"));
    // Across the 2022 Platinum Jubilee and the 2023 Coronation.
    assert_eq!(due(&[ev(K::StrategyDiscussion, "2022-05-27")], false, "2022-05-27T10:00:00Z")[0].1, d("2022-06-21"));
    assert_eq!(due(&[ev(K::StrategyDiscussion, "2023-05-02")], false, "2023-05-02T10:00:00Z")[0].1, d("2023-05-24"));
    // And the Queen's funeral, 19 September 2022.
    assert_eq!(due(&[ev(K::StrategyDiscussion, "2022-09-12")], false, "2022-09-12T10:00:00Z")[0].1, d("2022-10-04"));
}

#[test]
fn scotland_and_northern_ireland_count_their_own_holidays() {
    let sd = [ev(K::StrategyDiscussion, "2026-11-23")];
    let settings = TimescaleSettings::default();
    let due_in = |nation| {
        due_items(&sd, false, &settings, &Holidays::for_nation(nation, &[]), at("2026-11-23T10:00:00Z"))[0].due_on
    };
    // St Andrew's Day (Monday 30 November 2026) pushes Scotland's date a day later.
    assert_eq!(due_in(Nation::EnglandAndWales), d("2026-12-14"));
    assert_eq!(due_in(Nation::Scotland), d("2026-12-15"));
    // St Patrick's Day and Easter Monday in Northern Ireland.
    let march = [ev(K::StrategyDiscussion, "2027-03-15")];
    let ni = due_items(
        &march,
        false,
        &settings,
        &Holidays::for_nation(Nation::NorthernIreland, &[]),
        at("2027-03-15T10:00:00Z"),
    );
    let sc =
        due_items(&march, false, &settings, &Holidays::for_nation(Nation::Scotland, &[]), at("2027-03-15T10:00:00Z"));
    assert_eq!(ni[0].due_on, d("2027-04-08"), "17 March, Good Friday and Easter Monday skipped");
    assert_eq!(sc[0].due_on, d("2027-04-06"), "Good Friday only");
}

#[test]
fn conferences_chain_while_the_plan_runs_and_months_clamp_to_the_month_end() {
    let icpc = ev(K::InitialConference, "2026-11-30");
    let now = "2026-11-30T12:00:00Z";
    let items = due(&[icpc], true, now);
    assert!(items.contains(&(RuleId::FirstCoreGroup, d("2026-12-14"), DueState::Due)));
    // 30 November + 3 months: 28 February 2027, and 29 February in a leap year.
    assert!(items.contains(&(RuleId::FirstReviewConference, d("2027-02-28"), DueState::Due)));
    let leap = due(&[ev(K::InitialConference, "2027-11-30")], true, "2027-11-30T12:00:00Z");
    assert!(leap.contains(&(RuleId::FirstReviewConference, d("2028-02-29"), DueState::Due)));
    // Without a running plan there is no review clock.
    assert!(!due(&[icpc], false, now).iter().any(|d| d.0 == RuleId::FirstReviewConference));
    // The first review meets its clock and starts the 6-monthly one.
    let review = ev(K::ReviewConference, "2027-02-20");
    let after = due(&[icpc, ev(K::CoreGroup, "2026-12-10"), review], true, "2027-02-21T12:00:00Z");
    assert_eq!(after, [(RuleId::NextReviewConference, d("2027-08-20"), DueState::Due)]);
    let second = ev(K::ReviewConference, "2027-08-19");
    let later = due(&[icpc, review, second], true, "2027-08-20T12:00:00Z");
    assert!(later.contains(&(RuleId::NextReviewConference, d("2028-02-19"), DueState::Due)));
}

#[test]
fn due_soon_is_counted_in_working_days_and_configurable() {
    let sd = [ev(K::StrategyDiscussion, "2026-11-02")]; // due Monday 23 November
    assert_eq!(due(&sd, false, "2026-11-19T10:00:00Z")[0].2, DueState::DueSoon, "Thursday: 2 working days");
    assert_eq!(due(&sd, false, "2026-11-18T10:00:00Z")[0].2, DueState::Due);
    assert_eq!(due(&sd, false, "2026-11-23T22:00:00Z")[0].2, DueState::DueSoon, "due today");
    assert_eq!(due(&sd, false, "2026-11-24T00:30:00Z")[0].2, DueState::Overdue);
    let mut settings = TimescaleSettings { due_soon_working_days: Some(5), ..Default::default() };
    assert_eq!(due_items(&sd, false, &settings, &ew(), at("2026-11-16T10:00:00Z"))[0].state, DueState::DueSoon);
    // An area that holds strategy discussions within 3 days.
    settings.periods.insert(RuleId::StrategyDiscussion, Period::Days(3));
    let referral = [ev(K::ReferralInWriting, "2026-11-23")];
    assert_eq!(due_items(&referral, false, &settings, &ew(), at("2026-11-23T10:00:00Z"))[0].due_on, d("2026-11-26"));
}

#[test]
fn settings_are_bounded() {
    let mut s = TimescaleSettings::default();
    s.periods.insert(RuleId::StrategyDiscussion, Period::Days(0));
    s.periods.insert(RuleId::ArchiveAfterClosure, Period::Days(365));
    s.due_soon_working_days = Some(40);
    let fields: Vec<String> = check_settings(&s).unwrap_err().fields.into_iter().map(|f| f.field).collect();
    assert_eq!(fields, ["periods.strategy_discussion", "periods.archive_after_closure", "dueSoonWorkingDays"]);
}

#[test]
fn a_due_date_on_a_weekend_or_bank_holiday_is_kept_and_said() {
    let events = [ev(K::InitialConference, "2026-10-05"), ev(K::ReviewConference, "2027-04-02")];
    let items = due_items(&events, true, &TimescaleSettings::default(), &ew(), at("2027-05-01T09:00:00Z"));
    let next = items.iter().find(|i| i.rule == RuleId::NextReviewConference).unwrap();
    assert_eq!(next.due_on, d("2027-10-02"), "six months on, a Saturday, kept as the rule gives it");
    assert_eq!(next.falls_on, Some(NonWorkingDay::Saturday));
    let strategy = ev(K::ReferralInWriting, "2026-12-15");
    let items = due_items(&[strategy], false, &TimescaleSettings::default(), &ew(), at("2026-12-16T09:00:00Z"));
    assert_eq!((items[0].due_on, items[0].falls_on), (d("2026-12-25"), Some(NonWorkingDay::BankHoliday)));
    let items = due_items(
        &[ev(K::StrategyDiscussion, "2026-11-23")],
        false,
        &TimescaleSettings::default(),
        &ew(),
        at("2026-11-23T09:00:00Z"),
    );
    assert_eq!(items[0].falls_on, None);
    assert_eq!(items[0].calendar_ends, None);
}

#[test]
fn a_due_date_past_the_known_bank_holidays_says_so() {
    let items = due_items(
        &[ev(K::StrategyDiscussion, "2030-12-16")],
        false,
        &TimescaleSettings::default(),
        &ew(),
        at("2030-12-16T09:00:00Z"),
    );
    assert_eq!(items[0].due_on.year(), 2031);
    assert_eq!(items[0].calendar_ends, Some(2030), "working days in 2031 were counted without bank holidays");
    let today = d("2029-12-31");
    assert!(crate::domain::calendar::calendar_runs_out(Nation::Scotland, &ew(), today).is_none());
    let warning = crate::domain::calendar::calendar_runs_out(Nation::Scotland, &ew(), d("2030-01-01")).unwrap();
    assert!(warning.contains("for Scotland end in 2030. From 1 January 2031"), "{warning}");
}

#[test]
fn each_nation_follows_its_own_procedures() {
    let events = [ev(K::StrategyDiscussion, "2026-11-02")];
    let at_ = at("2026-11-02T09:00:00Z");
    let scotland = Holidays::for_nation(Nation::Scotland, &[]);
    let s = due_items_in(Nation::Scotland, &events, false, &TimescaleSettings::default(), &scotland, at_);
    assert_eq!(s[0].label, "Child protection planning meeting (CPPM)");
    // 28 calendar days: St Andrew's Day (Monday 30 November, in Scotland) does not move it.
    assert_eq!(s[0].due_on, d("2026-11-30"));
    let e = due_items_in(Nation::EnglandAndWales, &events, false, &TimescaleSettings::default(), &ew(), at_);
    assert_eq!((e[0].label.as_str(), e[0].due_on), ("Initial child protection conference", d("2026-11-23")));
    let ni = Holidays::for_nation(Nation::NorthernIreland, &[]);
    let n = due_items_in(Nation::NorthernIreland, &events, false, &TimescaleSettings::default(), &ni, at_);
    assert_eq!((n[0].label.as_str(), n[0].due_on), ("Initial child protection case conference", d("2026-11-23")));
    // Scotland's first core group is 15 working days after the CPPM, England's 10.
    let cppm = [ev(K::InitialConference, "2026-11-16")];
    let s = due_items_in(Nation::Scotland, &cppm, false, &TimescaleSettings::default(), &scotland, at_);
    let core = s.iter().find(|i| i.rule == RuleId::FirstCoreGroup).unwrap();
    assert_eq!(core.due_on, d("2026-12-08"), "15 working days, skipping St Andrew's Day");
    // The organisation's own period changes its own nation's pack, not another's.
    let periods = BTreeMap::from([(RuleId::InitialConference, Period::Days(21))]);
    let mine = TimescaleSettings { periods, nation: Some(Nation::Scotland), ..Default::default() };
    let s = due_items_in(Nation::Scotland, &events, false, &mine, &scotland, at_);
    assert_eq!(s[0].due_on, d("2026-11-23"));
    let e = due_items_in(Nation::EnglandAndWales, &events, false, &mine, &ew(), at_);
    assert_eq!(e[0].due_on, d("2026-11-23"), "England's own 15 working days");
    let english = TimescaleSettings { nation: None, ..mine.clone() };
    let s = due_items_in(Nation::Scotland, &events, false, &english, &scotland, at_);
    assert_eq!(s[0].due_on, d("2026-11-30"), "an English organisation's change leaves Scotland's 28 days");
    assert_eq!(defaults(Nation::Scotland)[&RuleId::InitialConference], Period::Days(28));
    for &nation in Nation::ALL {
        assert_eq!(rules(nation).len(), RULES.len());
        assert!(rules(nation).iter().zip(&RULES).all(|(a, b)| a.id == b.id), "the same steps in the same order");
    }
}
