//! The disposal review's SQL for allegations against staff: the allegations kept, the leads'
//! decisions on them, the removal log's entries for them, and their destruction. On SQLite the
//! statements below run in the destruction's transaction; on PostgreSQL `cp_dispose_allegation`
//! (migrations/postgres/20261217000000_allegation_disposal.sql) runs the same ones, and only
//! for an allegation whose log entry this transaction has written.

use chrono::NaiveDate;

use super::RecordRemoval;
use super::retention::NewDecision;
use super::rules::RemovalRule;
use super::sql::DecisionRow;
use crate::Result;
use crate::store::db::{Conn, Engine, query, query_composed};

/// An allegation as the review reads it: what its retention is counted from.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(super) struct KeptAllegation {
    pub id: i64,
    pub reference: String,
    pub person_dob: Option<NaiveDate>,
    pub reported_on: NaiveDate,
    pub about_lead_id: Option<i64>,
}

const KEPT: &str = "SELECT id, reference, person_dob, reported_on, about_lead_id FROM allegations";

pub(super) async fn kept(conn: &mut Conn<'_>) -> Result<Vec<KeptAllegation>> {
    query_composed(format!("{KEPT} ORDER BY id")).fetch_all(conn).await
}

pub(super) async fn kept_one(conn: &mut Conn<'_>, id: i64) -> Result<Option<KeptAllegation>> {
    query_composed(format!("{KEPT} WHERE id = $1")).bind(id).fetch_optional(conn).await
}

const DECISIONS: &str = "SELECT d.allegation_id AS of_id, d.decision, d.years, d.reason, d.decided_on,
        d.decided_by AS decided_by_id, l.name AS decided_by, d.decided_at
   FROM allegation_retention_decisions d JOIN leads l ON l.id = d.decided_by";

pub(super) async fn decisions(conn: &mut Conn<'_>) -> Result<Vec<DecisionRow>> {
    query_composed(format!("{DECISIONS} ORDER BY d.id")).fetch_all(conn).await
}

pub(super) async fn decisions_of(conn: &mut Conn<'_>, id: i64) -> Result<Vec<DecisionRow>> {
    query_composed(format!("{DECISIONS} WHERE d.allegation_id = $1 ORDER BY d.id")).bind(id).fetch_all(conn).await
}

pub(super) async fn decide(
    conn: &mut Conn<'_>,
    id: i64,
    d: &NewDecision,
    on: NaiveDate,
    lead: i64,
    at: &str,
) -> Result<()> {
    query(
        "INSERT INTO allegation_retention_decisions (allegation_id, decision, years, reason, decided_on, decided_by,
                                                     decided_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(d.decision)
    .bind(d.years.map(i64::from))
    .bind(d.reason.as_str())
    .bind(on)
    .bind(lead)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// The records a destruction takes: the allegation, its meetings and its actions.
pub(super) async fn records_of(conn: &mut Conn<'_>, id: i64) -> Result<i64> {
    query(
        "SELECT 1 + (SELECT count(*) FROM allegation_meetings WHERE allegation_id = $1)
                  + (SELECT count(*) FROM case_actions WHERE allegation_id = $1)",
    )
    .bind(id)
    .one(conn)
    .await
}

/// The log's entry, written before the allegation goes (on PostgreSQL the destruction checks
/// it is there).
pub(super) struct Entry<'a> {
    pub allegation_id: i64,
    pub reference: &'a str,
    pub records: i64,
    pub asked_by: i64,
    pub asked_at: &'a str,
    pub confirmed_by: i64,
    pub at: &'a str,
}

pub(super) async fn log(conn: &mut Conn<'_>, e: &Entry<'_>) -> Result<i64> {
    query(
        "INSERT INTO allegation_removals (allegation_id, reference, rule, records, asked_by, asked_at, confirmed_by,
                                          removed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(e.allegation_id)
    .bind(e.reference)
    .bind(RemovalRule::RetentionEnded)
    .bind(e.records)
    .bind(e.asked_by)
    .bind(e.asked_at)
    .bind(e.confirmed_by)
    .bind(e.at)
    .one(conn)
    .await
}

/// The allegation, its meetings, actions and decisions, and any removal request, gone.
pub(super) async fn dispose(conn: &mut Conn<'_>, id: i64) -> Result<()> {
    if conn.engine() == Engine::Postgres {
        query("SELECT cp_dispose_allegation($1)").bind(id).execute(conn).await?;
        return Ok(());
    }
    for statement in [
        "INSERT INTO allegation_removal_underway (allegation_id) VALUES ($1)",
        "DELETE FROM allegation_meetings WHERE allegation_id = $1",
        "DELETE FROM case_actions WHERE allegation_id = $1",
        "DELETE FROM allegation_retention_decisions WHERE allegation_id = $1",
        "DELETE FROM attachments WHERE allegation_id = $1",
        "DELETE FROM allegations WHERE id = $1",
        "DELETE FROM allegation_removal_requests WHERE allegation_id = $1",
    ] {
        query(statement).bind(id).execute(conn).await?;
    }
    query(super::sql::UNSHARED_BLOBS).execute(conn).await?;
    query("DELETE FROM allegation_removal_underway WHERE allegation_id = $1").bind(id).execute(conn).await?;
    Ok(())
}

/// The removal log's entries for allegations, as the log shows every entry.
const REMOVALS: &str = "SELECT r.id, 'allegation' AS kind, r.reference, r.rule, r.records,
        a.name AS asked_by, c.name AS confirmed_by, r.removed_at
   FROM allegation_removals r JOIN leads a ON a.id = r.asked_by LEFT JOIN leads c ON c.id = r.confirmed_by";

pub(super) async fn removal(conn: &mut Conn<'_>, log_id: i64) -> Result<RecordRemoval> {
    query_composed(format!("{REMOVALS} WHERE r.id = $1")).bind(log_id).fetch_one(conn).await
}

pub(super) async fn removals(conn: &mut Conn<'_>) -> Result<Vec<RecordRemoval>> {
    query_composed(format!("{REMOVALS} ORDER BY r.id")).fetch_all(conn).await
}
