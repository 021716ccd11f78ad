//! Cases: opening one, its details, changing its level with evidence, closing, reopening and
//! the archive sweep. `rules` checks what a lead typed (pure), `reference` numbers cases,
//! `sql` is the area's only SQL, `actions` and `archive` tie them to the write path. The case
//! page, which joins every area, is `case_page`.

mod actions;
mod archive;
pub mod reference;
pub mod rules;
pub(crate) mod sql;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::FromRow;
use ts_rs::TS;

pub use actions::{change_level, close_case, open_case, reopen_case, update_details};
pub(crate) use actions::{change_level_in, close_case_in, open_case_in, social_worker_from_list_in};
pub use archive::archive_sweep;

use crate::clock::Stamp;
use crate::store::Store;
use crate::store::db::Conn;
use crate::{Error, ErrorCode, Result};
use rules::{ClosureReason, Level, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum Source {
    StaffReport,
    SafeguardingMeeting,
    UnderFivesList,
    OtherAgency,
    Enquiry,
    /// A child protection file received from another setting (a transfer package).
    FileReceived,
}

crate::labels!(Source {
    StaffReport => "Reported by staff or a volunteer",
    SafeguardingMeeting => "Safeguarding meeting",
    UnderFivesList => "Under 5s known to Social Care list",
    OtherAgency => "Another agency",
    Enquiry => "An enquiry",
    FileReceived => "A file received from another setting",
});

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewCase {
    pub address_line1: String,
    pub address_line2: String,
    pub town: String,
    pub postcode: String,
    pub source: Source,
    pub local_authority: String,
    #[serde(deserialize_with = "crate::domain::typed_date::required")]
    #[ts(type = "string | null")]
    pub opened_on: NaiveDate,
    /// For a family identified at a safeguarding meeting: did they complete a Children's
    /// Centre registration form, and when. `None` when not asked.
    #[serde(default)]
    pub cc_registration: Option<bool>,
    #[serde(default, deserialize_with = "crate::domain::typed_date::optional")]
    #[ts(type = "string | null")]
    pub cc_registration_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct CaseSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub reference: String,
    pub status: Status,
    pub level: Level,
    pub address_line1: String,
    pub postcode: String,
    #[ts(type = "string")]
    pub opened_on: NaiveDate,
    #[ts(type = "string | null")]
    pub closed_on: Option<NaiveDate>,
}

/// One level change as the case page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct LevelHistoryItem {
    #[ts(type = "number")]
    pub id: i64,
    pub from_level: Option<Level>,
    pub to_level: Level,
    pub evidence: String,
    #[ts(type = "string")]
    pub effective_on: NaiveDate,
    pub decided_by: String,
    #[ts(type = "string")]
    pub recorded_at: Stamp,
    /// The chronology entries the change rests on.
    #[sqlx(skip)]
    #[ts(type = "number[]")]
    pub entries: Vec<i64>,
}

/// One status change (closed, reopened, archived) with its reason and note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct StatusHistoryItem {
    pub to_status: Status,
    pub reason: Option<ClosureReason>,
    pub reason_detail: String,
    pub note: String,
    #[ts(type = "string")]
    pub effective_on: NaiveDate,
    pub lead: Option<String>,
}

pub async fn summary(store: &Store, id: i64) -> Result<CaseSummary> {
    sql::summary(&mut store.db(), id).await?.ok_or_else(|| Error::new(ErrorCode::NotFound, "That case does not exist."))
}

/// The case's level changes and status events, newest first.
pub async fn history(store: &Store, id: i64) -> Result<(Vec<LevelHistoryItem>, Vec<StatusHistoryItem>)> {
    Ok((sql::level_history(store, id).await?, sql::status_history(store, id).await?))
}

/// The case's details, with the allocated lead's name.
pub(crate) async fn details(store: &Store, id: i64) -> Result<sql::DetailsRow> {
    sql::details(store, id).await
}

/// Every live case's reference, by id.
pub(crate) async fn live_references(store: &Store) -> Result<Vec<(i64, String)>> {
    sql::live_references(store).await
}

/// Closed cases closed on or before `by`, with their closing dates (as stored).
pub(crate) async fn closed_by(store: &Store, by: NaiveDate) -> Result<Vec<(i64, String, Option<NaiveDate>)>> {
    sql::closed_by(&mut store.db(), by).await
}

/// How many live cases at each level (as stored), lowest level first.
pub(crate) async fn live_by_level(store: &Store) -> Result<Vec<(Level, i64)>> {
    sql::live_by_level(store).await
}

/// The case a lead names by its reference (any case, spaces around ignored).
pub async fn find_by_reference(store: &Store, reference: &str) -> Result<i64> {
    sql::id_by_reference(store, &reference.trim().to_uppercase())
        .await?
        .ok_or_else(|| Error::new(ErrorCode::NotFound, format!("There is no case {}.", reference.trim())))
}

/// Every case's id, in reference order (oldest first).
pub async fn all_ids(store: &Store) -> Result<Vec<i64>> {
    sql::ids_by_reference(&mut store.db()).await
}

/// Every case's id in the order they were recorded, read inside a write.
pub(crate) async fn ids_as_recorded_in(conn: &mut Conn<'_>) -> Result<Vec<i64>> {
    sql::ids_as_recorded(conn).await
}
