//! The concerns' SQL: each concern beside its chronology entry, and its escalations.

use super::rules::{NewConcern, NewEscalation};
use super::{Concern, Escalation};
use crate::Result;
use crate::store::Store;
use crate::store::db::{Conn, query};
use crate::store::text::as_text;

pub(super) async fn insert(
    conn: &mut Conn<'_>,
    case_id: i64,
    entry_id: i64,
    c: &NewConcern,
    lead_id: i64,
    at: &str,
) -> Result<i64> {
    query("INSERT INTO concerns (case_id, entry_id, info_from, nature, incident_on, worker_name, worker_role, worker_contact,
                               strategy_needed, decided_by, reasons, recorded_at, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    )
    .bind(case_id)
    .bind(entry_id)
    .bind(&c.info_from)
    .bind(as_text(c.nature)?)
    .bind(c.incident_on)
    .bind(&c.worker_name)
    .bind(&c.worker_role)
    .bind(&c.worker_contact)
    .bind(c.strategy_needed)
    .bind(&c.decided_by)
    .bind(&c.reasons)
    .bind(at)
    .bind(lead_id)
    .one(conn)
    .await
}

pub(super) async fn case_of(store: &Store, concern_id: i64) -> Result<Option<i64>> {
    query("SELECT case_id FROM concerns WHERE id = $1").bind(concern_id).scalar(&mut store.db()).await
}

/// Whether the concern was already escalated to a team manager (a service manager comes after).
pub(super) async fn team_manager_done(conn: &mut Conn<'_>, concern_id: i64) -> Result<bool> {
    query("SELECT EXISTS (SELECT 1 FROM concern_escalations WHERE concern_id = $1 AND level = 'team_manager')")
        .bind(concern_id)
        .one(conn)
        .await
}

pub(super) async fn insert_escalation(
    conn: &mut Conn<'_>,
    concern_id: i64,
    e: &NewEscalation,
    lead_id: i64,
    at: &str,
) -> Result<()> {
    query(
        "INSERT INTO concern_escalations (concern_id, level, disagreement, outcome, recorded_at, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(concern_id)
    .bind(as_text(e.level)?)
    .bind(e.disagreement.trim())
    .bind(e.outcome.trim())
    .bind(at)
    .bind(lead_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// A case's concerns, newest first, each with its escalations in order.
pub(super) async fn for_case(store: &Store, case_id: i64) -> Result<Vec<Concern>> {
    let mut concerns: Vec<Concern> = query(
        "SELECT c.id, c.info_from, c.nature, c.incident_on, c.worker_name, c.worker_role, c.worker_contact,
                c.strategy_needed, c.decided_by, c.reasons, c.recorded_at, l.name AS recorded_by
         FROM concerns c JOIN leads l ON l.id = c.recorded_by WHERE c.case_id = $1 ORDER BY c.id DESC",
    )
    .bind(case_id)
    .fetch_all(&mut store.db())
    .await?;
    let escalations: Vec<Escalation> = query(
        "SELECT e.concern_id, e.level, e.disagreement, e.outcome, e.recorded_at, l.name AS recorded_by
         FROM concern_escalations e JOIN concerns c ON c.id = e.concern_id JOIN leads l ON l.id = e.recorded_by
         WHERE c.case_id = $1 ORDER BY e.id",
    )
    .bind(case_id)
    .fetch_all(&mut store.db())
    .await?;
    for c in &mut concerns {
        c.escalations = escalations.iter().filter(|e| e.concern_id == c.id).cloned().collect();
    }
    Ok(concerns)
}
