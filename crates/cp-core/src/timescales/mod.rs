//! Statutory timescales: the organisation's settings and extra bank holidays, and what is due
//! on each live case. `rules` is the engine (pure) over each nation's `packs`, `sql` reads
//! the entries that start and meet the clocks, `actions` saves the settings through the write
//! path, `kept` says which clocks were met in time (the annual report).

mod actions;
pub mod kept;
pub mod packs;
pub mod rules;
mod sql;

pub use actions::{add_holiday, save_settings};

use std::collections::HashMap;

use chrono::{DateTime, NaiveTime, Utc};

use crate::Result;
use crate::chronology::rules::EntryKind;
use crate::domain::calendar::{ExtraHoliday, Holidays, Nation};
use crate::store::Store;
use crate::store::db::Conn;
use rules::{DueItem, Event, Period, RULES, RuleId, TimescaleSettings};

pub(crate) const SETTINGS_KEY: &str = "timescales";
pub(crate) const HOLIDAYS_KEY: &str = "extra_bank_holidays";

pub async fn settings(store: &Store) -> Result<TimescaleSettings> {
    Ok(crate::settings::get(store, SETTINGS_KEY).await?.and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default())
}

/// The organisation's nation, inside a transaction: a new case follows it.
pub(crate) async fn organisation_nation_in(conn: &mut Conn<'_>) -> Result<Nation> {
    let value = crate::settings::get_in(conn, SETTINGS_KEY).await?;
    let settings: TimescaleSettings = value.and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default();
    Ok(settings.organisation_nation())
}

/// A case's working-day calendar (its nation's bank holidays and the organisation's own),
/// inside a transaction: an action due "within N working days" counts on it.
pub(crate) async fn case_calendar_in(conn: &mut Conn<'_>, case_id: i64) -> Result<Holidays> {
    let nation = sql::case_nation_in(conn, case_id).await?;
    let nation: Nation = nation.and_then(|n| crate::store::text::from_text(&n).ok()).unwrap_or_default();
    Ok(Holidays::for_nation(nation, &extra_holidays_in(conn).await?))
}

/// The organisation's own working-day calendar (its nation's bank holidays and its own), for
/// what is on no case: an enquiry's or an allegation's actions.
pub(crate) async fn organisation_calendar_in(conn: &mut Conn<'_>) -> Result<Holidays> {
    let nation = organisation_nation_in(conn).await?;
    Ok(Holidays::for_nation(nation, &extra_holidays_in(conn).await?))
}

async fn extra_holidays_in(conn: &mut Conn<'_>) -> Result<Vec<ExtraHoliday>> {
    Ok(crate::settings::get_in(conn, HOLIDAYS_KEY)
        .await?
        .and_then(|v| serde_json::from_str(&v).ok())
        .unwrap_or_default())
}

pub async fn extra_holidays(store: &Store) -> Result<Vec<ExtraHoliday>> {
    Ok(crate::settings::get(store, HOLIDAYS_KEY).await?.and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default())
}

pub async fn archive_months(store: &Store) -> Result<u32> {
    Ok(match settings(store).await?.period(RuleId::ArchiveAfterClosure) {
        Period::Months(n) => n,
        _ => crate::domain::case::ARCHIVE_AFTER_MONTHS,
    })
}

/// A warning for each nation in use (the default's, and every live case's) whose known bank
/// holidays run out within a year.
pub async fn calendar_warnings(store: &Store, now: DateTime<Utc>) -> Result<Vec<String>> {
    let used = sql::live_nations(store).await?;
    let mut nations: Vec<Nation> = used.iter().filter_map(|n| crate::store::text::from_text(n).ok()).collect();
    nations.push(settings(store).await?.organisation_nation());
    nations.sort();
    nations.dedup();
    let extra = extra_holidays(store).await?;
    let today = crate::domain::calendar::uk_today(now);
    Ok(nations
        .into_iter()
        .filter_map(|n| crate::domain::calendar::calendar_runs_out(n, &Holidays::for_nation(n, &extra), today))
        .collect())
}

/// The kinds of entry that start or meet a clock.
fn clock_kinds() -> Vec<EntryKind> {
    let mut kinds: Vec<EntryKind> = RULES.iter().flat_map(|r| r.starts.iter().chain(r.met_by)).copied().collect();
    kinds.sort_by_key(|k| *k as u8);
    kinds.dedup();
    kinds
}

/// A stored entry as the clocks read it; none for a kind this build does not know.
fn event(kind: &str, on: chrono::NaiveDate, time: Option<String>) -> Option<Event> {
    let kind = crate::store::text::from_text::<EntryKind>(kind).ok()?;
    let time = time.and_then(|t| NaiveTime::parse_from_str(&t, "%H:%M").ok());
    Some(Event { kind, on, time })
}

/// What is due on every live case (or on those of `only` that are live), keyed by case id.
pub async fn due_by_case(
    store: &Store,
    only: Option<&[i64]>,
    now: DateTime<Utc>,
) -> Result<HashMap<i64, Vec<DueItem>>> {
    if only.is_some_and(<[i64]>::is_empty) {
        return Ok(HashMap::new());
    }
    let settings = settings(store).await?;
    let extra = extra_holidays(store).await?;
    let rows = sql::clock_entries(store, only, &clock_kinds()).await?;
    let mut cases: HashMap<i64, (String, bool, Vec<Event>)> = HashMap::new();
    for (case_id, nation, plan, kind, on, time) in rows {
        let case = cases.entry(case_id).or_insert_with(|| (nation, plan, Vec::new()));
        case.2.extend(event(&kind, on, time));
    }
    let mut holidays: HashMap<Nation, Holidays> = HashMap::new();
    let mut out = HashMap::new();
    for (id, (nation, plan, events)) in cases {
        let nation: Nation = crate::store::text::from_text(&nation).unwrap_or_default();
        let cal = holidays.entry(nation).or_insert_with(|| Holidays::for_nation(nation, &extra));
        let due = rules::due_items_in(nation, &events, plan, &settings, cal, now);
        if !due.is_empty() {
            out.insert(id, due);
        }
    }
    Ok(out)
}

/// Every clock the records have started, on every case (closed ones too), for the annual
/// report's "timescales met and missed".
pub async fn all_clocks(store: &Store) -> Result<Vec<kept::Clock>> {
    let settings = settings(store).await?;
    let extra = extra_holidays(store).await?;
    let mut plans: HashMap<i64, Vec<(chrono::NaiveDate, Option<chrono::NaiveDate>)>> = HashMap::new();
    for (case_id, start, end) in sql::cp_plans(store).await? {
        plans.entry(case_id).or_default().push((start, end));
    }
    let mut cases: HashMap<i64, (String, Vec<Event>)> = HashMap::new();
    for (case_id, nation, kind, on, time) in sql::all_clock_entries(store, &clock_kinds()).await? {
        let case = cases.entry(case_id).or_insert_with(|| (nation, Vec::new()));
        case.1.extend(event(&kind, on, time));
    }
    let mut holidays: HashMap<Nation, Holidays> = HashMap::new();
    let mut out = Vec::new();
    for (id, (nation, events)) in cases {
        let nation: Nation = crate::store::text::from_text(&nation).unwrap_or_default();
        let cal = holidays.entry(nation).or_insert_with(|| Holidays::for_nation(nation, &extra));
        let case_plans = plans.remove(&id).unwrap_or_default();
        let plan_on = |day| case_plans.iter().any(|(start, end)| *start <= day && end.is_none_or(|e| day <= e));
        out.extend(kept::clocks(nation, &events, plan_on, &settings, cal));
    }
    Ok(out)
}
