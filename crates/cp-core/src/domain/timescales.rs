//! Statutory timescales (seed 003; Working Together to Safeguard Children 2023, chapter 2 and
//! chapter 4), as a table: each rule names the chronology entries that start its clock, the
//! entries that meet it, and its period. An organisation can change each period in Settings
//! (some areas hold the strategy discussion within 24 hours or 3 days).
//! Pure: entries, the plan and "now" go in; due items come out.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, NaiveTime, TimeDelta, Utc};
use chrono_tz::Europe::London;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::calendar::{Holidays, Nation, NonWorkingDay, uk_today};
use crate::chronology::rules::EntryKind;
use crate::{Error, FieldError, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RuleId {
    WrittenConfirmation,
    StrategyDiscussion,
    InitialConference,
    FirstCoreGroup,
    FirstReviewConference,
    NextReviewConference,
    ArchiveAfterClosure,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "unit", content = "amount", rename_all = "snake_case")]
pub enum Period {
    Hours(u32),
    Days(u32),
    WorkingDays(u32),
    Months(u32),
}

pub struct Rule {
    pub id: RuleId,
    pub label: &'static str,
    /// Entries of these types start the clock.
    pub starts: &'static [EntryKind],
    /// An entry of these types, on or after the start, meets it.
    pub met_by: &'static [EntryKind],
    pub default: Period,
    /// Only while a child of the case has a Child Protection Plan running.
    pub needs_cp_plan: bool,
}

use EntryKind as K;

/// The rules triggered by chronology entries.
pub const RULES: [Rule; 6] = [
    // A referral made by phone is confirmed in writing within 48 hours (Working Together
    // 2023, chapter 2, "Making a referral"; seed 003).
    Rule {
        id: RuleId::WrittenConfirmation,
        label: "Written confirmation of the phone referral",
        starts: &[K::ReferralByPhone],
        met_by: &[K::ReferralInWriting],
        default: Period::Hours(48),
        needs_cp_plan: false,
    },
    // Referral (or a concern on an open case decided to need one, seed 004) to strategy
    // discussion: within 10 days (seed 003; areas set their own).
    Rule {
        id: RuleId::StrategyDiscussion,
        label: "Strategy discussion",
        starts: &[K::ReferralByPhone, K::ReferralInWriting, K::ConcernStrategyNeeded],
        met_by: &[K::StrategyDiscussion],
        default: Period::Days(10),
        needs_cp_plan: false,
    },
    // Strategy discussion to initial child protection conference: within 15 working days
    // (Working Together 2023, chapter 4, "Initial child protection conferences").
    Rule {
        id: RuleId::InitialConference,
        label: "Initial child protection conference",
        starts: &[K::StrategyDiscussion],
        met_by: &[K::InitialConference],
        default: Period::WorkingDays(15),
        needs_cp_plan: false,
    },
    // Initial conference to the first core group: within 10 working days (Working Together
    // 2023, chapter 4, "The child protection plan").
    Rule {
        id: RuleId::FirstCoreGroup,
        label: "First core group",
        starts: &[K::InitialConference],
        met_by: &[K::CoreGroup],
        default: Period::WorkingDays(10),
        needs_cp_plan: false,
    },
    // First review conference within 3 months of the initial one (Working Together 2023,
    // chapter 4, "Child protection review conferences").
    Rule {
        id: RuleId::FirstReviewConference,
        label: "First review conference",
        starts: &[K::InitialConference],
        met_by: &[K::ReviewConference],
        default: Period::Months(3),
        needs_cp_plan: true,
    },
    // Then a review conference at least every 6 months while the plan lasts (ibid.).
    Rule {
        id: RuleId::NextReviewConference,
        label: "Next review conference",
        starts: &[K::ReviewConference],
        met_by: &[K::ReviewConference],
        default: Period::Months(6),
        needs_cp_plan: true,
    },
];

/// Scotland's steps and periods (National Guidance for Child Protection in Scotland 2021,
/// updated 2023, Appendix D "Timescales for stages in child protection processes"): the
/// strategy discussion is the inter-agency referral discussion (IRD), the conference is the
/// child protection planning meeting (CPPM), and some periods are in calendar days.
pub const SCOTLAND_RULES: [Rule; 6] = [
    // The organisation's own local procedure (seed 003), as in England.
    Rule { label: "Written confirmation of the phone referral", ..RULES[0] },
    // IRD "as soon as reasonably practical", normally by the next working day (Appendix D).
    Rule {
        id: RuleId::StrategyDiscussion,
        label: "Inter-agency referral discussion (IRD)",
        starts: &[K::ReferralByPhone, K::ReferralInWriting, K::ConcernStrategyNeeded],
        met_by: &[K::StrategyDiscussion],
        default: Period::WorkingDays(1),
        needs_cp_plan: false,
    },
    // A CPPM within 28 calendar days of the investigation going ahead (Appendix D).
    Rule {
        id: RuleId::InitialConference,
        label: "Child protection planning meeting (CPPM)",
        starts: &[K::StrategyDiscussion],
        met_by: &[K::InitialConference],
        default: Period::Days(28),
        needs_cp_plan: false,
    },
    // The core group meets within 15 working days of the CPPM (Appendix D, updated 2023).
    Rule {
        id: RuleId::FirstCoreGroup,
        label: "First core group",
        starts: &[K::InitialConference],
        met_by: &[K::CoreGroup],
        default: Period::WorkingDays(15),
        needs_cp_plan: false,
    },
    // A review CPPM within 6 months of the CPPM (Appendix D; 3 months for a pre-birth CPPM,
    // which a lead records as an earlier review), then every 6 months while on the register.
    Rule {
        id: RuleId::FirstReviewConference,
        label: "Review child protection planning meeting",
        starts: &[K::InitialConference],
        met_by: &[K::ReviewConference],
        default: Period::Months(6),
        needs_cp_plan: true,
    },
    Rule { label: "Next review child protection planning meeting", ..RULES[5] },
];

/// Northern Ireland's (SBNI Regional Core Child Protection Policies and Procedures, "Child
/// Protection Case Conferences"): the same working-day clocks as England under the names the
/// procedures use; the strategy discussion's period is the organisation's local one.
pub const NORTHERN_IRELAND_RULES: [Rule; 6] = [
    Rule { label: "Written confirmation of the phone referral", ..RULES[0] },
    Rule { label: "Strategy discussion", ..RULES[1] },
    // Initial child protection case conference within 15 working days of the strategy
    // discussion.
    Rule { label: "Initial child protection case conference", ..RULES[2] },
    // The first core group within 10 working days of the initial conference.
    Rule { label: "First core group", ..RULES[3] },
    // The first review within 3 months, then at most every 6 months.
    Rule { label: "First review child protection case conference", ..RULES[4] },
    Rule { label: "Next review child protection case conference", ..RULES[5] },
];

/// The rules of the procedures a case follows, by its nation. England's and Wales's (Wales
/// Safeguarding Procedures 2019: 15 working days to the initial conference, 10 to the core
/// group, 3 then 6 months to reviews) are the same.
pub fn rules(nation: Nation) -> &'static [Rule] {
    match nation {
        Nation::EnglandAndWales => &RULES,
        Nation::Scotland => &SCOTLAND_RULES,
        Nation::NorthernIreland => &NORTHERN_IRELAND_RULES,
    }
}

/// Each step's default period in a nation's pack, the archive included, for the settings screen.
pub fn defaults(nation: Nation) -> BTreeMap<RuleId, Period> {
    let mut out: BTreeMap<RuleId, Period> = rules(nation).iter().map(|r| (r.id, r.default)).collect();
    out.insert(RuleId::ArchiveAfterClosure, ARCHIVE_DEFAULT);
    out
}

/// Closure to archive: 12 months (seed 000). The archive sweep uses it.
pub const ARCHIVE_DEFAULT: Period = Period::Months(super::case::ARCHIVE_AFTER_MONTHS);
/// "Due soon" means due within this many working days.
pub const DUE_SOON_DEFAULT: u32 = 2;

/// An organisation's choices; anything not set takes the rule's default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct TimescaleSettings {
    pub periods: BTreeMap<RuleId, Period>,
    pub due_soon_working_days: Option<u32>,
    /// The organisation's nation: new cases follow its procedures, and `periods` change its
    /// pack of rules (a case in another nation keeps that nation's own periods).
    pub nation: Option<Nation>,
}

impl TimescaleSettings {
    /// England and Wales's period, or the organisation's own.
    pub fn period(&self, id: RuleId) -> Period {
        self.periods.get(&id).copied().unwrap_or_else(|| default_period(id))
    }

    pub fn organisation_nation(&self) -> Nation {
        self.nation.unwrap_or_default()
    }

    /// A rule's period for a case in `nation`: the organisation's own choice for that step in
    /// its own nation, else the pack's.
    pub fn period_in(&self, nation: Nation, rule: &Rule) -> Period {
        let own = (nation == self.organisation_nation()).then(|| self.periods.get(&rule.id).copied()).flatten();
        own.unwrap_or(rule.default)
    }

    pub fn due_soon(&self) -> u32 {
        self.due_soon_working_days.unwrap_or(DUE_SOON_DEFAULT)
    }
}

pub fn default_period(id: RuleId) -> Period {
    RULES.iter().find(|r| r.id == id).map_or(ARCHIVE_DEFAULT, |r| r.default)
}

pub fn label(id: RuleId) -> &'static str {
    RULES.iter().find(|r| r.id == id).map_or("Archive after closure", |r| r.label)
}

/// Periods must be at least 1 and sensibly bounded; the archive is counted in months.
pub fn check_settings(s: &TimescaleSettings) -> Result<TimescaleSettings> {
    let mut errors = Vec::new();
    for (id, period) in &s.periods {
        let field = format!(
            "periods.{}",
            serde_json::to_value(id).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
        );
        let (amount, max) = match period {
            Period::Hours(n) => (*n, 24 * 31),
            Period::Days(n) | Period::WorkingDays(n) => (*n, 366),
            Period::Months(n) => (*n, 120),
        };
        if amount == 0 || amount > max {
            errors.push(FieldError::new(field, format!("Enter a number from 1 to {max}")));
        } else if *id == RuleId::ArchiveAfterClosure && !matches!(period, Period::Months(_)) {
            errors.push(FieldError::new(field, "The archive period is counted in months"));
        }
    }
    if s.due_soon_working_days.is_some_and(|n| n > 20) {
        errors.push(FieldError::new("dueSoonWorkingDays", "Enter a number of working days from 0 to 20"));
    }
    if errors.is_empty() { Ok(s.clone()) } else { Err(Error::fields(errors)) }
}

/// One dated chronology entry, as the engine needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event {
    pub kind: EntryKind,
    pub on: NaiveDate,
    pub time: Option<NaiveTime>,
}

impl Event {
    /// The moment of the event; an unknown time counts as the start of the day, so a clock
    /// never starts later than it really did.
    fn instant(&self) -> DateTime<Utc> {
        let local = self.on.and_time(self.time.unwrap_or(NaiveTime::MIN));
        local.and_local_timezone(London).earliest().map_or_else(|| local.and_utc(), |t| t.with_timezone(&Utc))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DueState {
    Overdue,
    DueSoon,
    Due,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DueItem {
    pub rule: RuleId,
    pub label: String,
    /// The date of the entry that started the clock.
    #[ts(type = "string")]
    pub started_on: NaiveDate,
    #[ts(type = "string")]
    pub due_on: NaiveDate,
    /// `HH:MM`, UK time, for periods counted in hours.
    pub due_time: Option<String>,
    pub state: DueState,
    /// The due date is kept as the rule gives it, but a weekend or bank holiday is said, so
    /// the lead plans for the working day before.
    pub falls_on: Option<NonWorkingDay>,
    /// The last year whose bank holidays are known, when the due date is after it: working
    /// days past it were counted as if there were none.
    pub calendar_ends: Option<i32>,
}

/// Adds `period` to a start. Months clamp to the month's end: 30 November + 3 months is the
/// last day of February (chrono's `checked_add_months`).
pub fn due_after(start: &Event, period: Period, holidays: &Holidays) -> (NaiveDate, Option<NaiveTime>) {
    match period {
        Period::Hours(h) => {
            let due = (start.instant() + TimeDelta::hours(i64::from(h))).with_timezone(&London);
            (due.date_naive(), Some(due.time()))
        }
        Period::Days(n) => (start.on.checked_add_days(Days::new(u64::from(n))).unwrap_or(NaiveDate::MAX), None),
        Period::WorkingDays(n) => (holidays.add_working_days(start.on, n), None),
        Period::Months(n) => (start.on.checked_add_months(Months::new(n)).unwrap_or(NaiveDate::MAX), None),
    }
}

/// How close a due date is, on `now`.
pub fn state(
    due_on: NaiveDate,
    due_time: Option<NaiveTime>,
    now: DateTime<Utc>,
    soon: u32,
    holidays: &Holidays,
) -> DueState {
    let today = uk_today(now);
    let late = match due_time {
        Some(t) => {
            let local = due_on.and_time(t);
            local.and_local_timezone(London).earliest().is_some_and(|due| now > due.with_timezone(&Utc))
        }
        None => today > due_on,
    };
    if late {
        DueState::Overdue
    } else if holidays.working_days_between(today, due_on) <= soon {
        DueState::DueSoon
    } else {
        DueState::Due
    }
}

/// What is due on a case with these entries. A rule's clock starts at the earliest starting
/// entry not already met (a later meeting entry, or one the same moment, meets it).
pub fn due_items(
    events: &[Event],
    cp_plan_running: bool,
    settings: &TimescaleSettings,
    holidays: &Holidays,
    now: DateTime<Utc>,
) -> Vec<DueItem> {
    due_items_in(Nation::EnglandAndWales, events, cp_plan_running, settings, holidays, now)
}

/// `due_items` for a case in `nation`, under that nation's pack of rules.
pub fn due_items_in(
    nation: Nation,
    events: &[Event],
    cp_plan_running: bool,
    settings: &TimescaleSettings,
    holidays: &Holidays,
    now: DateTime<Utc>,
) -> Vec<DueItem> {
    let mut out = Vec::new();
    for rule in rules(nation) {
        if rule.needs_cp_plan && !cp_plan_running {
            continue;
        }
        let starts = events.iter().filter(|e| rule.starts.contains(&e.kind));
        let start = if rule.starts.iter().any(|k| rule.met_by.contains(k)) {
            // A repeating rule (review conferences): each one meets the last clock and starts
            // the next, so the clock runs from the latest.
            starts.max_by_key(|e| e.instant())
        } else {
            let last_met = events.iter().filter(|e| rule.met_by.contains(&e.kind)).map(Event::instant).max();
            starts.filter(|e| last_met.is_none_or(|met| e.instant() > met)).min_by_key(|e| e.instant())
        };
        let Some(start) = start else { continue };
        let (due_on, due_time) = due_after(start, settings.period_in(nation, rule), holidays);
        let last_known = holidays.last_known_year();
        out.push(DueItem {
            rule: rule.id,
            label: rule.label.to_owned(),
            started_on: start.on,
            due_on,
            due_time: due_time.map(|t| t.format("%H:%M").to_string()),
            state: state(due_on, due_time, now, settings.due_soon(), holidays),
            falls_on: holidays.non_working(due_on),
            calendar_ends: (due_on.year() > last_known).then_some(last_known),
        });
    }
    out.sort_by_key(|d| (d.state, d.due_on));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::Nation;

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
        assert_eq!(
            due(&[ev(K::StrategyDiscussion, "2022-05-27")], false, "2022-05-27T10:00:00Z")[0].1,
            d("2022-06-21")
        );
        assert_eq!(
            due(&[ev(K::StrategyDiscussion, "2023-05-02")], false, "2023-05-02T10:00:00Z")[0].1,
            d("2023-05-24")
        );
        // And the Queen's funeral, 19 September 2022.
        assert_eq!(
            due(&[ev(K::StrategyDiscussion, "2022-09-12")], false, "2022-09-12T10:00:00Z")[0].1,
            d("2022-10-04")
        );
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
        let sc = due_items(
            &march,
            false,
            &settings,
            &Holidays::for_nation(Nation::Scotland, &[]),
            at("2027-03-15T10:00:00Z"),
        );
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
        assert_eq!(
            due_items(&referral, false, &settings, &ew(), at("2026-11-23T10:00:00Z"))[0].due_on,
            d("2026-11-26")
        );
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
        for nation in Nation::ALL {
            assert_eq!(rules(nation).len(), RULES.len());
            assert!(rules(nation).iter().zip(&RULES).all(|(a, b)| a.id == b.id), "the same steps in the same order");
        }
    }
}
