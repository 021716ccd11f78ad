//! Timescales from the store: the organisation's settings, its extra bank holidays, and what
//! is due on each live case, worked out by `domain::timescales` from the cases' entries.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use sqlx::SqliteConnection;

use crate::audit::{Action, Actor};
use crate::chronology::rules::EntryKind;
use crate::domain::calendar::{ExtraHoliday, Holidays, Nation};
use crate::domain::timescales::{self as rules, DueItem, Event, Period, RULES, RuleId, TimescaleSettings};
use crate::store::Store;
use crate::store::text::as_text;
use crate::write;
use crate::{Error, FieldError, Result};

pub(crate) const SETTINGS_KEY: &str = "timescales";
pub(crate) const HOLIDAYS_KEY: &str = "extra_bank_holidays";

pub async fn settings(store: &Store) -> Result<TimescaleSettings> {
    Ok(crate::settings::get(store, SETTINGS_KEY).await?.and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default())
}

/// The organisation's nation, inside a transaction: a new case follows it.
pub(crate) async fn organisation_nation_in(conn: &mut SqliteConnection) -> Result<Nation> {
    let value = crate::settings::get_in(conn, SETTINGS_KEY).await?;
    let settings: TimescaleSettings = value.and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default();
    Ok(settings.organisation_nation())
}

pub async fn extra_holidays(store: &Store) -> Result<Vec<ExtraHoliday>> {
    Ok(crate::settings::get(store, HOLIDAYS_KEY).await?.and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default())
}

/// Saves the timescale settings a lead chose, within each rule's bounds.
pub async fn save_settings(store: &Store, lead_id: i64, s: &TimescaleSettings, now: DateTime<Utc>) -> Result<()> {
    let s = rules::check_settings(s)?;
    let json = serde_json::to_string(&s).map_err(|_| Error::internal("Settings could not be stored."))?;
    crate::settings::set(store, lead_id, SETTINGS_KEY, &json, now).await
}

/// Adds an organisation's own bank holiday (kept sorted; the same date twice is refused). The
/// list is read inside the write, so two leads adding holidays at once both keep theirs.
pub async fn add_holiday(store: &Store, lead_id: i64, h: &ExtraHoliday, now: DateTime<Utc>) -> Result<()> {
    let title = h.title.trim();
    if title.is_empty() || title.chars().count() > 100 {
        return Err(Error::fields(vec![FieldError::new("title", "Enter the holiday's name, up to 100 characters")]));
    }
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let stored = crate::settings::get_in(w.sql(), HOLIDAYS_KEY).await?;
        let mut all: Vec<ExtraHoliday> = stored.and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default();
        if all.iter().any(|x| x.nation == h.nation && x.date == h.date) {
            return Err(Error::fields(vec![FieldError::new("date", "That date is already in the list")]));
        }
        all.push(ExtraHoliday { title: title.to_owned(), ..h.clone() });
        all.sort_by_key(|x| (x.date, x.nation));
        let json = serde_json::to_string(&all).map_err(|_| Error::internal("Settings could not be stored."))?;
        crate::settings::set_in(w.sql(), HOLIDAYS_KEY, &json).await?;
        w.audit(Action::SettingsChanged, "setting", HOLIDAYS_KEY).await
    })
    .await
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
    let used: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT nation FROM cases WHERE status = 'live'").fetch_all(store.pool()).await?;
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

/// What is due on every live case (or on `only`, if it is live), keyed by case id.
pub async fn due_by_case(store: &Store, only: Option<i64>, now: DateTime<Utc>) -> Result<HashMap<i64, Vec<DueItem>>> {
    let settings = settings(store).await?;
    let extra = extra_holidays(store).await?;
    let mut kinds: Vec<EntryKind> = RULES.iter().flat_map(|r| r.starts.iter().chain(r.met_by)).copied().collect();
    kinds.sort_by_key(|k| *k as u8);
    kinds.dedup();
    let kinds: Vec<String> = kinds.into_iter().map(as_text).collect::<Result<_>>()?;
    // Every rule's clock starts at an entry, so a case without one of these kinds has nothing
    // due: only the cases' entries are read, each with its case's nation and plan.
    // Only placeholders are interpolated; the kinds themselves are bound.
    let placeholders = vec!["?"; kinds.len()].join(", ");
    let sql = format!(
        "SELECT l.case_id, c.nation, EXISTS (SELECT 1 FROM plans pl WHERE pl.case_id = c.id
                                             AND pl.kind = 'child_protection_plan' AND pl.end_on IS NULL),
                l.kind, l.event_on, l.event_time
         FROM cases c JOIN chronology_latest l ON l.case_id = c.id
         WHERE c.status = 'live' AND (? IS NULL OR c.id = ?) AND l.kind IN ({placeholders})"
    );
    let mut q = sqlx::query_as::<_, (i64, String, bool, String, String, Option<String>)>(sqlx::AssertSqlSafe(sql))
        .bind(only)
        .bind(only);
    for k in &kinds {
        q = q.bind(k);
    }
    let rows = q.fetch_all(store.pool()).await?;
    let mut cases: HashMap<i64, (String, bool, Vec<Event>)> = HashMap::new();
    for (case_id, nation, plan, kind, on, time) in rows {
        let case = cases.entry(case_id).or_insert_with(|| (nation, plan, Vec::new()));
        let (Ok(kind), Ok(on)) = (crate::store::text::from_text::<EntryKind>(&kind), on.parse::<NaiveDate>()) else {
            continue;
        };
        let time = time.and_then(|t| NaiveTime::parse_from_str(&t, "%H:%M").ok());
        case.2.push(Event { kind, on, time });
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
