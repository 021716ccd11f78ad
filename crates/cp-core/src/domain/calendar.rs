//! Working days: Monday to Friday, less the bank holidays of the case's nation. The bundled
//! table is `data/bank-holidays.json` (GOV.UK's list, 2018–2030, one-off holidays included;
//! `scripts/dev/bank-holidays.py` says how it was made), and an organisation can add dates.
//! Also "today" and ISO weeks in UK time, since a lead's day and week are Europe/London's.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc, Weekday};
use chrono_tz::Europe::London;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::label::Label;

/// The UK nations' bank holidays differ (Scotland has 2 January and St Andrew's Day and no
/// Easter Monday; Northern Ireland has St Patrick's Day and the Battle of the Boyne).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum Nation {
    #[default]
    EnglandAndWales,
    Scotland,
    NorthernIreland,
}

crate::labels!(Nation {
    EnglandAndWales => "England and Wales",
    Scotland => "Scotland",
    NorthernIreland => "Northern Ireland",
});

impl Nation {
    fn division(self) -> &'static str {
        match self {
            Self::EnglandAndWales => "england-and-wales",
            Self::Scotland => "scotland",
            Self::NorthernIreland => "northern-ireland",
        }
    }
}

/// A holiday an organisation added (a new proclamation, a year the table does not reach).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExtraHoliday {
    pub nation: Nation,
    #[serde(deserialize_with = "crate::domain::typed_date::required")]
    #[ts(type = "string | null")]
    pub date: NaiveDate,
    pub title: String,
}

const BUNDLED: &str = include_str!("../../data/bank-holidays.json");

#[derive(Deserialize)]
struct Division {
    events: Vec<Event>,
}

#[derive(Deserialize)]
struct Event {
    date: NaiveDate,
}

/// One nation's non-working weekdays.
#[derive(Debug, Clone, Default)]
pub struct Holidays(BTreeSet<NaiveDate>);

impl Holidays {
    /// The bundled dates for `nation` plus the organisation's own for that nation.
    pub fn for_nation(nation: Nation, extra: &[ExtraHoliday]) -> Self {
        let bundled: serde_json::Value = serde_json::from_str(BUNDLED).unwrap_or_default();
        let mut dates: BTreeSet<NaiveDate> = bundled
            .get(nation.division())
            .cloned()
            .and_then(|d| serde_json::from_value::<Division>(d).ok())
            .map(|d| d.events.into_iter().map(|e| e.date).collect())
            .unwrap_or_default();
        dates.extend(extra.iter().filter(|e| e.nation == nation).map(|e| e.date));
        Self(dates)
    }

    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !self.0.contains(&day)
    }

    /// The `n`th working day after `from` (`from` itself never counts).
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut day = from;
        let mut left = n;
        while left > 0 {
            day = day.checked_add_days(Days::new(1)).unwrap_or(NaiveDate::MAX);
            if day == NaiveDate::MAX {
                break;
            }
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// Working days after `from` up to and including `to` (0 when `to` is not after `from`).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        from.iter_days().skip(1).take_while(|d| *d <= to).filter(|d| self.is_working_day(*d)).count() as u32
    }

    /// Why `day` is not a working day, if it is not.
    pub fn non_working(&self, day: NaiveDate) -> Option<NonWorkingDay> {
        match day.weekday() {
            Weekday::Sat => Some(NonWorkingDay::Saturday),
            Weekday::Sun => Some(NonWorkingDay::Sunday),
            _ if self.0.contains(&day) => Some(NonWorkingDay::BankHoliday),
            _ => None,
        }
    }

    /// The last year whose bank holidays are known (bundled or added by the organisation):
    /// after it, working days are counted as if there were none, so every date computed past
    /// it must say so.
    pub fn last_known_year(&self) -> i32 {
        self.0.last().map_or(0, |d| d.year())
    }

    /// The bundled table's first and last years, for the settings screen.
    pub fn bundled_years() -> (i32, i32) {
        let all = Self::for_nation(Nation::EnglandAndWales, &[]).0;
        (all.first().map_or(0, |d| d.year()), all.last().map_or(0, |d| d.year()))
    }
}

/// Why a day is not a working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NonWorkingDay {
    Saturday,
    Sunday,
    BankHoliday,
}

crate::labels!(NonWorkingDay { Saturday => "a Saturday", Sunday => "a Sunday", BankHoliday => "a bank holiday" });

/// A warning, a year ahead, that the bank holidays known for a nation run out: from then on
/// working days would be counted without them. `None` while more than a year is known.
pub fn calendar_runs_out(nation: Nation, holidays: &Holidays, today: NaiveDate) -> Option<String> {
    let last = holidays.last_known_year();
    let year_ahead = today.checked_add_months(chrono::Months::new(12)).unwrap_or(today);
    (year_ahead.year() > last).then(|| {
        format!(
            "The bank holidays CP Tracker knows for {} end in {last}. From 1 January {} working days will be \
             counted as if there were none: add that year's bank holidays in Settings, or update CP Tracker.",
            nation.label(),
            last + 1
        )
    })
}

/// The date in the UK at instant `now`.
pub fn uk_today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&London).date_naive()
}

/// The instant a UK day begins.
pub fn uk_midnight(day: NaiveDate) -> DateTime<Utc> {
    uk_time(day, chrono::NaiveTime::MIN)
}

/// The instant the UK clock shows `time` on `day` (the earlier of two when the clocks go back;
/// when they go forward past it, as if they had not).
pub fn uk_time(day: NaiveDate, time: chrono::NaiveTime) -> DateTime<Utc> {
    let local = day.and_time(time);
    local.and_local_timezone(London).earliest().map_or_else(|| local.and_utc(), |t| t.with_timezone(&Utc))
}

/// An ISO week (Monday to Sunday), written `2026-W48`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Week {
    pub year: i32,
    pub number: u32,
}

impl Week {
    pub fn containing(day: NaiveDate) -> Self {
        let w = day.iso_week();
        Self { year: w.year(), number: w.week() }
    }

    pub fn monday(self) -> NaiveDate {
        NaiveDate::from_isoywd_opt(self.year, self.number, Weekday::Mon).unwrap_or(NaiveDate::MIN)
    }

    pub fn sunday(self) -> NaiveDate {
        NaiveDate::from_isoywd_opt(self.year, self.number, Weekday::Sun).unwrap_or(NaiveDate::MIN)
    }

    pub fn previous(self) -> Self {
        Self::containing(self.monday().checked_sub_days(Days::new(7)).unwrap_or(NaiveDate::MIN))
    }

    pub fn next(self) -> Self {
        Self::containing(self.monday().checked_add_days(Days::new(7)).unwrap_or(NaiveDate::MAX))
    }

    /// Parses `2026-W48`; `None` for anything else, including weeks a year does not have.
    pub fn parse(s: &str) -> Option<Self> {
        let (year, number) = s.split_once("-W")?;
        let (year, number) = (year.parse().ok()?, number.parse().ok()?);
        NaiveDate::from_isoywd_opt(year, number, Weekday::Mon).map(|_| Self { year, number })
    }
}

impl std::fmt::Display for Week {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-W{:02}", self.year, self.number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_table_covers_2018_to_2030_with_the_one_off_holidays() {
        assert_eq!(Holidays::bundled_years(), (2018, 2030));
        let ew = Holidays::for_nation(Nation::EnglandAndWales, &[]);
        for one_off in ["2020-05-08", "2022-06-02", "2022-06-03", "2022-09-19", "2023-05-08"] {
            assert!(!ew.is_working_day(d(one_off)), "{one_off}");
        }
        // 2020's early May holiday moved to VE Day: the Monday was a working day.
        assert!(ew.is_working_day(d("2020-05-04")));
        // 2022's spring holiday moved for the Platinum Jubilee.
        assert!(ew.is_working_day(d("2022-05-30")));
    }

    #[test]
    fn nations_differ() {
        let (ew, sc, ni) = (
            Holidays::for_nation(Nation::EnglandAndWales, &[]),
            Holidays::for_nation(Nation::Scotland, &[]),
            Holidays::for_nation(Nation::NorthernIreland, &[]),
        );
        // Easter Monday 2026: not in Scotland.
        assert!(!ew.is_working_day(d("2026-04-06")) && sc.is_working_day(d("2026-04-06")));
        // 2 January 2026 (Friday): Scotland only.
        assert!(ew.is_working_day(d("2026-01-02")) && !sc.is_working_day(d("2026-01-02")));
        // St Andrew's Day 2026 (Monday 30 November): Scotland only.
        assert!(!sc.is_working_day(d("2026-11-30")) && ew.is_working_day(d("2026-11-30")));
        // St Patrick's Day (Tuesday 17 March 2026) and the Boyne (Monday 13 July 2026, for
        // Sunday the 12th): Northern Ireland only.
        assert!(!ni.is_working_day(d("2026-03-17")) && ew.is_working_day(d("2026-03-17")));
        assert!(!ni.is_working_day(d("2026-07-13")) && ew.is_working_day(d("2026-07-13")));
        // Scotland's summer holiday is the first Monday of August, not the last.
        assert!(!sc.is_working_day(d("2026-08-03")) && sc.is_working_day(d("2026-08-31")));
    }

    #[test]
    fn working_days_skip_weekends_christmas_and_easter() {
        let ew = Holidays::for_nation(Nation::EnglandAndWales, &[]);
        // Thursday 24 December 2026 + 1: Christmas Friday, weekend, Boxing Day substitute
        // Monday 28th, so Tuesday 29th.
        assert_eq!(ew.add_working_days(d("2026-12-24"), 1), d("2026-12-29"));
        // Across Easter 2027 (Good Friday 26 March, Easter Monday 29 March).
        assert_eq!(ew.add_working_days(d("2027-03-25"), 1), d("2027-03-30"));
        // Across the year end 2027: 27 and 28 December are substitutes; 1 January 2028 is a
        // Saturday, so Monday 3 January is its substitute.
        assert_eq!(ew.add_working_days(d("2027-12-24"), 3), d("2027-12-31"));
        assert_eq!(ew.add_working_days(d("2027-12-24"), 4), d("2028-01-04"));
        assert_eq!(ew.working_days_between(d("2026-12-24"), d("2026-12-29")), 1);
        assert_eq!(ew.working_days_between(d("2026-12-29"), d("2026-12-24")), 0);
        // A weekend start: Saturday + 1 is Monday.
        assert_eq!(ew.add_working_days(d("2026-11-21"), 1), d("2026-11-23"));
    }

    #[test]
    fn an_organisation_can_add_a_holiday() {
        let extra = [ExtraHoliday { nation: Nation::EnglandAndWales, date: d("2031-01-01"), title: "New Year".into() }];
        assert!(!Holidays::for_nation(Nation::EnglandAndWales, &extra).is_working_day(d("2031-01-01")));
        assert!(Holidays::for_nation(Nation::Scotland, &extra).is_working_day(d("2031-01-01")));
    }

    #[test]
    fn weeks_are_iso_weeks_in_uk_time() {
        let w = Week::containing(d("2026-11-23"));
        assert_eq!(w.to_string(), "2026-W48");
        assert_eq!((w.monday(), w.sunday()), (d("2026-11-23"), d("2026-11-29")));
        assert_eq!(Week::parse("2026-W48"), Some(w));
        assert_eq!(Week::parse("2026-W54"), None);
        assert_eq!(Week::containing(d("2027-01-01")).to_string(), "2026-W53");
        assert_eq!(Week::parse("2026-W53").unwrap().next().to_string(), "2027-W01");
        assert_eq!(Week::parse("2027-W01").unwrap().previous().to_string(), "2026-W53");
        // 23:30 UTC on 30 June is already 1 July in London (summer time).
        let late = DateTime::parse_from_rfc3339("2026-06-30T23:30:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(uk_today(late), d("2026-07-01"));
    }
}
