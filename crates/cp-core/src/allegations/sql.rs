//! The allegations' SQL: their own table and numbering, apart from family cases.

use chrono::NaiveDate;

use super::rules::{FinalOutcome, LadoDiscussion, NewAllegation, retention_until};
use super::{Allegation, Meeting};
use crate::Result;
use crate::store::db::{Conn, query};
use crate::store::text::as_text;

/// The highest number issued in `year`. Read inside the write that takes the next one.
pub(super) async fn highest_number(conn: &mut Conn<'_>, year: i32) -> Result<Option<u32>> {
    let highest: Option<i64> =
        query("SELECT MAX(ref_number) FROM allegations WHERE ref_year = $1").bind(year).one(conn).await?;
    Ok(highest.and_then(|n| u32::try_from(n).ok()))
}

pub(super) async fn insert(
    conn: &mut Conn<'_>,
    (year, number, reference): (i32, u32, &str),
    a: &NewAllegation,
    lead_id: i64,
    at: &str,
) -> Result<i64> {
    let tests: Vec<String> = a.harm_tests.iter().map(|t| as_text(*t)).collect::<Result<_>>()?;
    query(
        "INSERT INTO allegations (ref_year, ref_number, reference, person_name, person_role, setting, person_dob,
                                  harm_tests, reported_by, reported_to, reported_on, written_record, retention_until,
                                  created_at, created_by, about_lead_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id",
    )
    .bind(year)
    .bind(i64::from(number))
    .bind(reference)
    .bind(&a.person_name)
    .bind(&a.person_role)
    .bind(&a.setting)
    .bind(a.person_dob)
    .bind(tests.join(","))
    .bind(&a.reported_by)
    .bind(&a.reported_to)
    .bind(a.reported_on)
    .bind(&a.written_record)
    .bind(retention_until(a.person_dob, a.reported_on))
    .bind(at)
    .bind(lead_id)
    .bind(a.about_lead)
    .one(conn)
    .await
}

/// One allegation with its meetings.
pub(super) async fn get(conn: &mut Conn<'_>, id: i64) -> Result<Option<Allegation>> {
    let found: Option<Allegation> = query(
        "SELECT a.id, reference, person_name, person_role, setting, person_dob, harm_tests, reported_by, reported_to,
                reported_on, written_record, lado_on, lado_advice, meets_criteria, final_outcome, outcome_on,
                retention_until, about_lead_id, l.name AS removal_asked_by, r.requested_by AS removal_asked_by_id
         FROM allegations a
         LEFT JOIN allegation_removal_requests r ON r.allegation_id = a.id
         LEFT JOIN leads l ON l.id = r.requested_by
         WHERE a.id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    let Some(mut a) = found else { return Ok(None) };
    a.meetings = meetings(conn, id).await?;
    Ok(Some(a))
}

async fn meetings(conn: &mut Conn<'_>, id: i64) -> Result<Vec<Meeting>> {
    query("SELECT allegation_id, held_on, note FROM allegation_meetings WHERE allegation_id = $1 ORDER BY held_on, id")
        .bind(id)
        .fetch_all(conn)
        .await
}

pub(super) async fn set_lado(conn: &mut Conn<'_>, id: i64, d: &LadoDiscussion) -> Result<()> {
    query("UPDATE allegations SET lado_on = $1, lado_advice = $2, meets_criteria = $3 WHERE id = $4")
        .bind(d.on)
        .bind(d.advice.trim())
        .bind(d.meets_criteria)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

pub(super) async fn insert_meeting(
    conn: &mut Conn<'_>,
    id: i64,
    held_on: NaiveDate,
    note: &str,
    lead_id: i64,
    at: &str,
) -> Result<()> {
    query("INSERT INTO allegation_meetings (allegation_id, held_on, note, recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(held_on)
    .bind(note)
    .bind(at)
    .bind(lead_id)
    .execute(conn)
    .await?;
    Ok(())
}

pub(super) async fn set_outcome(conn: &mut Conn<'_>, id: i64, outcome: FinalOutcome, on: NaiveDate) -> Result<()> {
    query("UPDATE allegations SET final_outcome = $1, outcome_on = $2 WHERE id = $3")
        .bind(as_text(outcome)?)
        .bind(on)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The allegation and its meetings, gone: only the audit rows say it existed. Its removal
/// request goes last (the schema refuses the delete without one).
pub(super) async fn delete(conn: &mut Conn<'_>, id: i64) -> Result<()> {
    query("DELETE FROM allegation_meetings WHERE allegation_id = $1").bind(id).execute(conn).await?;
    // Its actions go with it (their words may name the person).
    query("DELETE FROM case_actions WHERE allegation_id = $1").bind(id).execute(conn).await?;
    query("DELETE FROM allegations WHERE id = $1").bind(id).execute(conn).await?;
    query("DELETE FROM allegation_removal_requests WHERE allegation_id = $1").bind(id).execute(conn).await?;
    Ok(())
}

pub(super) async fn ask_removal(conn: &mut Conn<'_>, id: i64, lead_id: i64, at: &str) -> Result<()> {
    query("INSERT INTO allegation_removal_requests (allegation_id, requested_by, requested_at) VALUES ($1, $2, $3)")
        .bind(id)
        .bind(lead_id)
        .bind(at)
        .execute(conn)
        .await?;
    Ok(())
}

/// The lead who asked for the allegation's removal, if one has.
pub(super) async fn removal_asked_by(conn: &mut Conn<'_>, id: i64) -> Result<Option<i64>> {
    query("SELECT requested_by FROM allegation_removal_requests WHERE allegation_id = $1").bind(id).scalar(conn).await
}

/// Every allegation `lead_id` may see (none about them), newest reference first; with no
/// lead, every one.
pub(super) async fn ids(conn: &mut Conn<'_>, lead_id: Option<i64>) -> Result<Vec<i64>> {
    query(
        "SELECT id FROM allegations WHERE about_lead_id IS NULL OR about_lead_id IS DISTINCT FROM $1
         ORDER BY ref_year DESC, ref_number DESC",
    )
    .bind(lead_id)
    .scalars(conn)
    .await
}
