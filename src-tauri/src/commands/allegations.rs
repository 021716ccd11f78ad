//! Allegations against staff or volunteers: kept apart from family cases.

use chrono::NaiveDate;
use cp_core::allegations::rules::{FinalOutcome, NewAllegation};
use cp_core::allegations::{Allegation, LadoDiscussion};
use cp_core::session::Session;
use tauri::State;

type Result<T> = std::result::Result<T, cp_core::Error>;

#[tauri::command]
pub async fn allegations(session: State<'_, Session>) -> Result<Vec<Allegation>> {
    session.allegations().await
}

#[tauri::command]
pub async fn record_allegation(session: State<'_, Session>, allegation: NewAllegation) -> Result<i64> {
    session.record_allegation(&allegation).await
}

#[tauri::command]
pub async fn allegation_lado(session: State<'_, Session>, id: i64, discussion: LadoDiscussion) -> Result<()> {
    session.allegation_lado(id, &discussion).await
}

#[tauri::command]
pub async fn allegation_meeting(
    session: State<'_, Session>,
    id: i64,
    held_on: Option<NaiveDate>,
    note: String,
) -> Result<()> {
    session.allegation_meeting(id, held_on, &note).await
}

#[tauri::command]
pub async fn allegation_outcome(
    session: State<'_, Session>,
    id: i64,
    outcome: FinalOutcome,
    on: NaiveDate,
) -> Result<()> {
    session.allegation_outcome(id, outcome, on).await
}

#[tauri::command]
pub async fn remove_allegation(session: State<'_, Session>, id: i64) -> Result<cp_core::allegations::Removal> {
    session.remove_allegation(id).await
}
