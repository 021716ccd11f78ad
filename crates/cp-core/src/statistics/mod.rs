//! The annual safeguarding report's figures (issue 25): for any period, what governors,
//! trustees and the local safeguarding partnership ask for, counted from the records and
//! anonymised (no names, no references, no count below 5 given exactly: `rules::Count`).
//! A read model over the areas; the printed report and the Statistics screen draw from it.

pub mod rules;
mod sql;

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::domain::label::Label;
use crate::store::Store;
use crate::store::text::from_text;
use crate::timescales::kept::Clock;
use crate::{Error, FieldError, Result};
use rules::Count;
use sql::Period;

/// One timescale's clocks that fell due in the period: met by their due date, or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TimescaleKept {
    pub label: String,
    pub met: Count,
    pub missed: Count,
}

/// One bar: what it counts and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Bar {
    pub label: String,
    pub count: Count,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AnnualFigures {
    #[ts(type = "string")]
    pub from: NaiveDate,
    #[ts(type = "string")]
    pub to: NaiveDate,
    pub cases_opened: Count,
    pub cases_closed: Count,
    pub live_at_end: Count,
    /// Cases open at the end of each month of the period (the last point at its last day),
    /// drawn as a line.
    pub open_by_month: Vec<Bar>,
    /// Cases open on the last day, by the level they were at then.
    pub by_level: Vec<Bar>,
    /// Cases opened, by how they came to the lead.
    pub by_source: Vec<Bar>,
    /// Child protection plans started, and by category of abuse (a plan under two counts in
    /// both).
    pub plans_started: Count,
    pub by_category: Vec<Bar>,
    pub by_closure_reason: Vec<Bar>,
    /// Referrals made, by agency; those whose decision has come; decisions not to refer.
    pub referrals_by_agency: Vec<Bar>,
    pub referrals_decided: Count,
    pub decisions_not_to_refer: Count,
    pub enquiries: Count,
    /// Allegations against staff and volunteers: a count only.
    pub allegations: Count,
    pub transfers_in: Count,
    pub files_sent: Count,
    pub files_received: Count,
    /// Each timescale's clocks due in the period (and by today): met in time, or missed (met
    /// late, or not met).
    pub timescales: Vec<TimescaleKept>,
    /// Weeks signed off in the weekly review by each lead, as "Lead 1", "Lead 2"….
    pub reviews_by_lead: Vec<Bar>,
}

fn label_of<T: Label + for<'de> serde::Deserialize<'de>>(stored: &str) -> String {
    from_text::<T>(stored).map(|v| v.label().to_owned()).unwrap_or_else(|_| stored.to_owned())
}

fn bars<T: Label + for<'de> serde::Deserialize<'de>>(rows: Vec<(String, i64)>) -> Vec<Bar> {
    rows.into_iter().map(|(what, n)| Bar { label: label_of::<T>(&what), count: Count::of(n) }).collect()
}

pub fn check_period(from: NaiveDate, to: NaiveDate) -> Result<()> {
    if from > to {
        return Err(Error::fields(vec![FieldError::new(
            "statsTo",
            "The end of the period must be on or after its start",
        )]));
    }
    Ok(())
}

/// The most points the line of open cases has: a longer period takes every second month,
/// third month, and so on.
const MOST_POINTS: u32 = 36;

/// The days the line of open cases is drawn at: each month's last day within the period, and
/// the period's own last day.
fn month_ends(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let first = |d: NaiveDate| d.with_day(1).unwrap_or(d);
    let mut ends = Vec::new();
    let mut month = first(from);
    while month <= to {
        let next = month.checked_add_months(Months::new(1)).unwrap_or(NaiveDate::MAX);
        ends.push(next.pred_opt().unwrap_or(next).min(to));
        if next == NaiveDate::MAX {
            break;
        }
        month = next;
    }
    let step = ends.len().div_ceil(MOST_POINTS as usize).max(1);
    // From the end backwards, so the period's last day is always drawn.
    let mut out: Vec<NaiveDate> = ends.into_iter().rev().step_by(step).collect();
    out.reverse();
    out
}

/// Each rule's clocks due from `from` to `to` that have come due by `today`: met in time, or
/// missed. A clock still running is in neither; a rule with no clock due is left out.
fn timescales_kept(clocks: &[Clock], from: NaiveDate, to: NaiveDate, today: NaiveDate) -> Vec<TimescaleKept> {
    let mut out = Vec::new();
    for rule in crate::timescales::rules::RULES.iter().map(|r| r.id) {
        let due = clocks.iter().filter(|c| c.rule == rule && (from..=to).contains(&c.due_on));
        let (mut met, mut missed) = (0, 0);
        for c in due {
            if c.kept() {
                met += 1;
            } else if c.met.is_some() || c.due_on < today {
                missed += 1;
            }
        }
        if met + missed > 0 {
            out.push(TimescaleKept { label: rule.label().to_owned(), met: Count::of(met), missed: Count::of(missed) });
        }
    }
    out
}

/// The figures for `from` to `to`, both days in, on `now`.
pub async fn annual(store: &Store, from: NaiveDate, to: NaiveDate, now: DateTime<Utc>) -> Result<AnnualFigures> {
    check_period(from, to)?;
    let p = Period { from, to };
    let mut c = store.db();
    let mut categories: std::collections::BTreeMap<String, i64> = Default::default();
    for (stored, n) in sql::grouped(&mut c, sql::PLAN_CATEGORIES, &p).await? {
        for category in stored.split(',').filter(|s| !s.is_empty()) {
            *categories.entry(category.to_owned()).or_default() += n;
        }
    }
    let reviews = sql::grouped_stamped(&mut c, sql::REVIEWS_BY_LEAD, &p).await?;
    let clocks = crate::timescales::all_clocks(store).await?;
    let mut open_by_month = Vec::new();
    for end in month_ends(from, to) {
        let n = sql::count(&mut c, sql::LIVE_AT_END, &Period { from, to: end }).await?;
        open_by_month.push(Bar { label: end.format("%b %Y").to_string(), count: Count::of(n) });
    }
    Ok(AnnualFigures {
        from,
        to,
        cases_opened: Count::of(sql::count(&mut c, sql::OPENED, &p).await?),
        cases_closed: Count::of(sql::count(&mut c, sql::CLOSED, &p).await?),
        live_at_end: Count::of(sql::count(&mut c, sql::LIVE_AT_END, &p).await?),
        open_by_month,
        by_level: bars::<crate::domain::case::Level>(sql::grouped(&mut c, sql::LEVEL_AT_END, &p).await?),
        by_source: bars::<crate::cases::Source>(sql::grouped(&mut c, sql::BY_SOURCE, &p).await?),
        plans_started: Count::of(sql::count(&mut c, sql::PLANS_STARTED, &p).await?),
        by_category: bars::<crate::plans::rules::Category>(categories.into_iter().collect()),
        by_closure_reason: bars::<crate::cases::rules::ClosureReason>(
            sql::grouped(&mut c, sql::BY_CLOSURE_REASON, &p).await?,
        ),
        referrals_by_agency: bars::<crate::referrals::rules::Agency>(
            sql::grouped(&mut c, sql::REFERRALS_BY_AGENCY, &p).await?,
        ),
        referrals_decided: Count::of(sql::count(&mut c, sql::REFERRALS_DECIDED, &p).await?),
        decisions_not_to_refer: Count::of(sql::count(&mut c, sql::NOT_REFERRED, &p).await?),
        enquiries: Count::of(sql::count(&mut c, sql::ENQUIRIES, &p).await?),
        allegations: Count::of(sql::count(&mut c, sql::ALLEGATIONS, &p).await?),
        transfers_in: Count::of(sql::count_stamped(&mut c, sql::TRANSFERS_IN, &p).await?),
        files_sent: Count::of(sql::count(&mut c, sql::FILES_SENT, &p).await?),
        files_received: Count::of(sql::count_stamped(&mut c, sql::FILES_RECEIVED, &p).await?),
        timescales: timescales_kept(&clocks, from, to, crate::domain::calendar::uk_today(now)),
        reviews_by_lead: reviews
            .into_iter()
            .enumerate()
            .map(|(i, (_, n))| Bar { label: format!("Lead {}", i + 1), count: Count::of(n) })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_line_is_drawn_at_each_month_end_and_the_periods_last_day() {
        assert_eq!(
            month_ends(d("2025-09-01"), d("2025-12-10")),
            [d("2025-09-30"), d("2025-10-31"), d("2025-11-30"), d("2025-12-10")]
        );
        assert_eq!(month_ends(d("2026-02-10"), d("2026-02-20")), [d("2026-02-20")]);
        // Ten years: every fourth month, ending on the last day.
        let long = month_ends(d("2016-01-01"), d("2025-12-31"));
        assert!(long.len() <= MOST_POINTS as usize && long.len() > 24, "{}", long.len());
        assert_eq!(long.last(), Some(&d("2025-12-31")));
    }
}
