//! The case list: search as you type, filters, sort and counts, one page at a time. A read
//! model over cases and people: `rules` turns what was typed into terms (pure), `sql` finds
//! the cases.

pub mod rules;
mod sql;

pub(crate) use sql::FILL_STATUS_INDEXES;

use serde::Serialize;
use sqlx::FromRow;
use ts_rs::TS;

use crate::Result;
use crate::store::Store;
use rules::{COUNTED_UP_TO, CaseQuery, StatusFilter};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct CaseRow {
    #[ts(type = "number")]
    pub id: i64,
    pub reference: String,
    pub status: crate::domain::case::Status,
    pub level: crate::domain::case::Level,
    pub address_line1: String,
    pub postcode: String,
    #[ts(type = "string")]
    pub opened_on: chrono::NaiveDate,
    pub lead: Option<String>,
    /// The case's name from its children ("Łukasz and Siân Nowak"), empty when it has none.
    #[sqlx(skip)]
    pub name: String,
    /// The children's full names, as the case page lists them.
    #[sqlx(skip)]
    pub children: Vec<String>,
    pub has_cp_plan: bool,
    /// The warnings in force on the case (`flags`), read for the page's cases only.
    #[sqlx(skip)]
    pub flags: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StatusCounts {
    pub live: u32,
    pub closed: u32,
    pub archived: u32,
    /// Where counting stopped, if it did: each status counted up to this many and one more, so
    /// a count above it means "more than this many" (`COUNTED_UP_TO` past the page asked for).
    pub counted_up_to: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseSearch {
    pub rows: Vec<CaseRow>,
    /// How many cases match, across all pages; with `more`, more than this many.
    pub total: u32,
    /// More match than were counted (`StatusCounts::counted_up_to`).
    pub more: bool,
    /// Matches by status, whatever the status filter, so the lead sees what it hides.
    pub counts: StatusCounts,
}

pub async fn search(store: &Store, query: &CaseQuery) -> Result<CaseSearch> {
    let words = sql::words(store, &query.text).await?;
    let (by_status, counted_up_to) =
        sql::count_by_status(store, query, &words, query.offset.saturating_add(COUNTED_UP_TO)).await?;
    let mut counts = StatusCounts { counted_up_to, ..StatusCounts::default() };
    for (status, n) in by_status {
        let n = u32::try_from(n).unwrap_or(u32::MAX);
        match status.as_str() {
            "live" => counts.live = n,
            "closed" => counts.closed = n,
            _ => counts.archived = n,
        }
    }
    let shown: &[u32] = match query.status {
        StatusFilter::Open => &[counts.live, counts.closed],
        StatusFilter::Live => &[counts.live],
        StatusFilter::Closed => &[counts.closed],
        StatusFilter::Archived => &[counts.archived],
        StatusFilter::All => &[counts.live, counts.closed, counts.archived],
    };
    let up_to = counted_up_to.unwrap_or(u32::MAX);
    let total = shown.iter().map(|n| (*n).min(up_to)).fold(0, u32::saturating_add);
    let more = shown.iter().any(|n| *n > up_to);
    let mut rows = sql::page(store, query, &words).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut flags = crate::flags::in_force_on(store, &ids).await?;
    let mut children = crate::people::children_by_case(store, &ids).await?;
    for row in &mut rows {
        row.flags = flags.remove(&row.id).unwrap_or_default();
        row.children = children.remove(&row.id).unwrap_or_default();
        row.name = crate::people::names_of(&row.children);
    }
    Ok(CaseSearch { rows, total, more, counts })
}
