//! Statutory timescales (seed 003; Working Together to Safeguard Children 2023, chapter 2 and
//! chapter 4), as a table: each rule names the chronology entries that start its clock, the
//! entries that meet it, and its period. An organisation can change each period in Settings
//! (some areas hold the strategy discussion within 24 hours or 3 days).
//! Pure: entries, the plan and "now" go in; due items come out. Each nation's table of rules
//! is in `packs`.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, NaiveTime, TimeDelta, Utc};
use chrono_tz::Europe::London;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use super::packs::{NORTHERN_IRELAND_RULES, RULES, SCOTLAND_RULES, defaults, rules};
use crate::chronology::rules::EntryKind;
use crate::domain::calendar::{Holidays, Nation, NonWorkingDay, uk_today};
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

// The settings screen's words for each step's period; a due item names its step in the words
// of the case's nation (`Rule::label`).
crate::labels!(RuleId {
    WrittenConfirmation => "Phone referral → written confirmation",
    StrategyDiscussion => "Referral → strategy discussion",
    InitialConference => "Strategy discussion → initial child protection conference",
    FirstCoreGroup => "Initial conference → first core group",
    FirstReviewConference => "Initial conference → first review conference",
    NextReviewConference => "Review conference → next review conference",
    ArchiveAfterClosure => "Closure → archive",
});

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

/// Closure to archive: 12 months (seed 000). The archive sweep uses it.
pub const ARCHIVE_DEFAULT: Period = Period::Months(crate::domain::case::ARCHIVE_AFTER_MONTHS);
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

crate::labels!(DueState { Overdue => "Overdue", DueSoon => "Due soon", Due => "Due" });

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
mod tests;
