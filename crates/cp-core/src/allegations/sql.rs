//! The allegations' SQL: their own table and numbering, apart from family cases.

use chrono::NaiveDate;
use sqlx::SqliteConnection;

use super::rules::{FinalOutcome, LadoDiscussion, NewAllegation, retention_until};
use super::{Allegation, Meeting};
use crate::Result;
use crate::store::text::as_text;

/// The highest number issued in `year`. Read inside the write that takes the next one.
pub(super) async fn highest_number(conn: &mut SqliteConnection, year: i32) -> Result<Option<u32>> {
    let highest: Option<i64> = sqlx::query_scalar("SELECT MAX(ref_number) FROM allegations WHERE ref_year = ?")
        .bind(year)
        .fetch_one(conn)
        .await?;
    Ok(highest.and_then(|n| u32::try_from(n).ok()))
}

pub(super) async fn insert(
    conn: &mut SqliteConnection,
    (year, number, reference): (i32, u32, &str),
    a: &NewAllegation,
    lead_id: i64,
    at: &str,
) -> Result<i64> {
    let tests: Vec<String> = a.harm_tests.iter().map(|t| as_text(*t)).collect::<Result<_>>()?;
    Ok(sqlx::query(
        "INSERT INTO allegations (ref_year, ref_number, reference, person_name, person_role, setting, person_dob,
                                  harm_tests, reported_by, reported_to, reported_on, written_record, retention_until,
                                  created_at, created_by, about_lead_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(year)
    .bind(i64::from(number))
    .bind(reference)
    .bind(&a.person_name)
    .bind(&a.person_role)
    .bind(&a.setting)
    .bind(a.person_dob.map(|d| d.to_string()))
    .bind(tests.join(","))
    .bind(&a.reported_by)
    .bind(&a.reported_to)
    .bind(a.reported_on.to_string())
    .bind(&a.written_record)
    .bind(retention_until(a.person_dob, a.reported_on).to_string())
    .bind(at)
    .bind(lead_id)
    .bind(a.about_lead)
    .execute(conn)
    .await?
    .last_insert_rowid())
}

/// One allegation with its meetings.
pub(super) async fn get(conn: &mut SqliteConnection, id: i64) -> Result<Option<Allegation>> {
    let found: Option<Allegation> = sqlx::query_as(
        "SELECT a.id, reference, person_name, person_role, setting, person_dob, harm_tests, reported_by, reported_to,
                reported_on, written_record, lado_on, lado_advice, meets_criteria, final_outcome, outcome_on,
                retention_until, about_lead_id, l.name AS removal_asked_by, r.requested_by AS removal_asked_by_id
         FROM allegations a
         LEFT JOIN allegation_removal_requests r ON r.allegation_id = a.id
         LEFT JOIN leads l ON l.id = r.requested_by
         WHERE a.id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(mut a) = found else { return Ok(None) };
    a.meetings = meetings(conn, id).await?;
    Ok(Some(a))
}

async fn meetings(conn: &mut SqliteConnection, id: i64) -> Result<Vec<Meeting>> {
    Ok(sqlx::query_as(
        "SELECT allegation_id, held_on, note FROM allegation_meetings WHERE allegation_id = ? ORDER BY held_on, id",
    )
    .bind(id)
    .fetch_all(conn)
    .await?)
}

pub(super) async fn set_lado(conn: &mut SqliteConnection, id: i64, d: &LadoDiscussion) -> Result<()> {
    sqlx::query("UPDATE allegations SET lado_on = ?, lado_advice = ?, meets_criteria = ? WHERE id = ?")
        .bind(d.on.to_string())
        .bind(d.advice.trim())
        .bind(d.meets_criteria)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

pub(super) async fn insert_meeting(
    conn: &mut SqliteConnection,
    id: i64,
    held_on: NaiveDate,
    note: &str,
    lead_id: i64,
    at: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO allegation_meetings (allegation_id, held_on, note, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(held_on.to_string())
    .bind(note)
    .bind(at)
    .bind(lead_id)
    .execute(conn)
    .await?;
    Ok(())
}

pub(super) async fn set_outcome(
    conn: &mut SqliteConnection,
    id: i64,
    outcome: FinalOutcome,
    on: NaiveDate,
) -> Result<()> {
    sqlx::query("UPDATE allegations SET final_outcome = ?, outcome_on = ? WHERE id = ?")
        .bind(as_text(outcome)?)
        .bind(on.to_string())
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The allegation and its meetings, gone: only the audit rows say it existed. Its removal
/// request goes last (the schema refuses the delete without one).
pub(super) async fn delete(conn: &mut SqliteConnection, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM allegation_meetings WHERE allegation_id = ?").bind(id).execute(&mut *conn).await?;
    sqlx::query("DELETE FROM allegations WHERE id = ?").bind(id).execute(&mut *conn).await?;
    sqlx::query("DELETE FROM allegation_removal_requests WHERE allegation_id = ?").bind(id).execute(conn).await?;
    Ok(())
}

pub(super) async fn ask_removal(conn: &mut SqliteConnection, id: i64, lead_id: i64, at: &str) -> Result<()> {
    sqlx::query("INSERT INTO allegation_removal_requests (allegation_id, requested_by, requested_at) VALUES (?, ?, ?)")
        .bind(id)
        .bind(lead_id)
        .bind(at)
        .execute(conn)
        .await?;
    Ok(())
}

/// The lead who asked for the allegation's removal, if one has.
pub(super) async fn removal_asked_by(conn: &mut SqliteConnection, id: i64) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar("SELECT requested_by FROM allegation_removal_requests WHERE allegation_id = ?")
        .bind(id)
        .fetch_optional(conn)
        .await?)
}

/// Every allegation `lead_id` may see (none about them), newest reference first; with no
/// lead, every one.
pub(super) async fn ids(conn: &mut SqliteConnection, lead_id: Option<i64>) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM allegations WHERE about_lead_id IS NULL OR about_lead_id IS NOT ?
         ORDER BY ref_year DESC, ref_number DESC",
    )
    .bind(lead_id)
    .fetch_all(conn)
    .await?)
}
