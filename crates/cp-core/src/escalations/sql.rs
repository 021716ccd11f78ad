//! The escalations' SQL.

use chrono::NaiveDate;

use super::{CaseEscalation, EscalationRow, EscalationStep};
use crate::Result;
use crate::store::Store;
use crate::store::db::{Conn, query};

pub(super) struct Raised<'a> {
    pub case_id: i64,
    pub referral_id: Option<i64>,
    pub with_whom: &'a str,
    pub disagreement: &'a str,
}

pub(super) async fn insert(conn: &mut Conn<'_>, e: &Raised<'_>, lead_id: i64, at: &str) -> Result<i64> {
    query(
        "INSERT INTO case_escalations (case_id, referral_id, with_whom, disagreement, recorded_at, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(e.case_id)
    .bind(e.referral_id)
    .bind(e.with_whom)
    .bind(e.disagreement)
    .bind(at)
    .bind(lead_id)
    .one(conn)
    .await
}

pub(super) struct Step<'a> {
    pub escalation_id: i64,
    pub step: i64,
    pub level: &'a str,
    pub raised_on: NaiveDate,
    pub raised_with: &'a str,
    pub response_due: NaiveDate,
}

pub(super) async fn insert_step(conn: &mut Conn<'_>, s: &Step<'_>, lead_id: i64, at: &str) -> Result<()> {
    query(
        "INSERT INTO escalation_steps (escalation_id, step, level, raised_on, raised_with, response_due, recorded_at,
                                       recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(s.escalation_id)
    .bind(s.step)
    .bind(s.level)
    .bind(s.raised_on)
    .bind(s.raised_with)
    .bind(s.response_due)
    .bind(at)
    .bind(lead_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether the referral is on the case.
pub(super) async fn referral_on_case(conn: &mut Conn<'_>, referral_id: i64, case_id: i64) -> Result<bool> {
    query("SELECT EXISTS (SELECT 1 FROM case_referrals WHERE id = $1 AND case_id = $2)")
        .bind(referral_id)
        .bind(case_id)
        .one(conn)
        .await
}

/// An escalation as a step finds it, read inside the step's write: its case, whether it is
/// resolved, and its latest step's number and date.
pub(super) async fn state_in(conn: &mut Conn<'_>, id: i64) -> Result<Option<(i64, bool, i64, NaiveDate, NaiveDate)>> {
    query(
        "SELECT e.case_id, e.resolved_on IS NOT NULL, s.step, s.raised_on, f.raised_on
         FROM case_escalations e
         JOIN escalation_steps s ON s.escalation_id = e.id
           AND s.step = (SELECT MAX(step) FROM escalation_steps WHERE escalation_id = e.id)
         JOIN escalation_steps f ON f.escalation_id = e.id AND f.step = 1
         WHERE e.id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await
}

pub(super) async fn resolve(conn: &mut Conn<'_>, id: i64, on: NaiveDate, outcome: &str, lead_id: i64) -> Result<()> {
    query("UPDATE case_escalations SET resolved_on = $1, outcome = $2, resolved_by = $3 WHERE id = $4 AND resolved_on IS NULL")
        .bind(on)
        .bind(outcome)
        .bind(lead_id)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// A case's escalations, the unresolved first, then newest first; each with its steps.
pub(super) async fn for_case(store: &Store, case_id: i64) -> Result<Vec<CaseEscalation>> {
    let mut escalations: Vec<CaseEscalation> = query(
        "SELECT e.id, e.case_id, e.referral_id, e.with_whom, e.disagreement, e.outcome, e.resolved_on,
                r.name AS resolved_by, e.recorded_at, l.name AS recorded_by
         FROM case_escalations e JOIN leads l ON l.id = e.recorded_by LEFT JOIN leads r ON r.id = e.resolved_by
         WHERE e.case_id = $1
         ORDER BY CASE WHEN e.resolved_on IS NULL THEN 0 ELSE 1 END, e.id DESC",
    )
    .bind(case_id)
    .fetch_all(&mut store.db())
    .await?;
    let steps: Vec<EscalationStep> = query(
        "SELECT s.escalation_id, s.step, s.level, s.raised_on, s.raised_with, s.response_due, l.name AS recorded_by
         FROM escalation_steps s JOIN case_escalations e ON e.id = s.escalation_id JOIN leads l ON l.id = s.recorded_by
         WHERE e.case_id = $1 ORDER BY s.escalation_id, s.step",
    )
    .bind(case_id)
    .fetch_all(&mut store.db())
    .await?;
    for e in &mut escalations {
        e.steps = steps.iter().filter(|s| s.escalation_id == e.id).cloned().collect();
    }
    Ok(escalations)
}

/// Every unresolved escalation's latest step, on cases not archived, the soonest response due
/// first.
pub(super) async fn open(store: &Store) -> Result<Vec<EscalationRow>> {
    query(
        "SELECT e.id, e.case_id, c.reference, e.with_whom, s.level, s.response_due
         FROM case_escalations e JOIN cases c ON c.id = e.case_id
         JOIN escalation_steps s ON s.escalation_id = e.id
           AND s.step = (SELECT MAX(step) FROM escalation_steps WHERE escalation_id = e.id)
         WHERE e.resolved_on IS NULL AND c.status <> 'archived'
         ORDER BY s.response_due, e.id",
    )
    .fetch_all(&mut store.db())
    .await
}
