//! Concerns on open cases: each is a chronology entry too (so it shows in the timeline and,
//! when a strategy discussion is decided, starts that clock) with its decision and reasons
//! kept beside it; escalations follow it.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::FromRow;
use ts_rs::TS;

use crate::audit::{Action, Actor};
use crate::chronology::rules::{EntryKind, NewEntry};
use crate::domain::calendar::uk_today;
use crate::domain::concern::{EscalationLevel, Nature, NewConcern, NewEscalation, check_concern, check_escalation};
use crate::store::Store;
use crate::store::text::as_text;
use crate::write;
use crate::write::ChangeKind;
use crate::{Error, ErrorCode, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Escalation {
    #[serde(skip)]
    #[ts(skip)]
    pub concern_id: i64,
    pub level: String,
    pub disagreement: String,
    pub outcome: String,
    pub recorded_at: String,
    pub recorded_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Concern {
    #[ts(type = "number")]
    pub id: i64,
    pub info_from: String,
    pub nature: String,
    pub incident_on: Option<String>,
    pub worker_name: String,
    pub worker_role: String,
    pub worker_contact: String,
    pub strategy_needed: bool,
    pub decided_by: String,
    pub reasons: String,
    pub recorded_at: String,
    pub recorded_by: String,
    #[sqlx(skip)]
    pub escalations: Vec<Escalation>,
}

/// Records a concern on a live case, with its chronology entry, in one transaction.
pub async fn record(
    store: &Store,
    lead_id: i64,
    case_id: i64,
    concern: &NewConcern,
    now: DateTime<Utc>,
) -> Result<i64> {
    let today = uk_today(now);
    let c = check_concern(concern, today)?;
    let nature = match c.nature {
        Nature::Incident => {
            format!("Incident on {}", c.incident_on.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default())
        }
        Nature::Continuing => "Continuing concerns".to_owned(),
        Nature::Increasing => "Increasing concerns".to_owned(),
    };
    let decision = if c.strategy_needed { "strategy discussion needed" } else { "no strategy discussion" };
    let entry = NewEntry {
        event_on: c.incident_on.unwrap_or(today),
        event_time: None,
        kind: if c.strategy_needed { EntryKind::ConcernStrategyNeeded } else { EntryKind::ConcernRaised },
        info_source: c.info_from.clone(),
        children: vec![],
        summary: format!("{nature}: {decision} (decided by {})", c.decided_by).chars().take(200).collect(),
        detail: format!("Reasons for the decision: {}", c.reasons),
        action_required: String::new(),
    };
    write::run(store, Actor::Lead(lead_id), now, async |w| {
    let at = w.at().to_owned();
    let status = w.case(case_id).await?.status;
    if status != crate::cases::rules::Status::Live {
        return Err(Error::invalid("A concern is recorded on a live case. Reopen the case first."));
    }
    // The entry and the concern are written together, or neither is.
    let entry_id = crate::chronology::add_entry_in(w, case_id, &entry).await?;
    let id = sqlx::query(
        "INSERT INTO concerns (case_id, entry_id, info_from, nature, incident_on, worker_name, worker_role, worker_contact,
                               strategy_needed, decided_by, reasons, recorded_at, recorded_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(case_id)
    .bind(entry_id)
    .bind(&c.info_from)
    .bind(as_text(c.nature)?)
    .bind(c.incident_on.map(|d| d.to_string()))
    .bind(&c.worker_name)
    .bind(&c.worker_role)
    .bind(&c.worker_contact)
    .bind(c.strategy_needed)
    .bind(&c.decided_by)
    .bind(&c.reasons)
    .bind(&at)
    .bind(lead_id)
    .execute(&mut *w.sql())
    .await?
    .last_insert_rowid();
    w.audit(Action::ConcernRecorded, "case", case_id).await?;
    Ok(id)
    })
    .await
}

pub async fn escalate(
    store: &Store,
    lead_id: i64,
    concern_id: i64,
    e: &NewEscalation,
    now: DateTime<Utc>,
) -> Result<()> {
    let case_id: Option<i64> = sqlx::query_scalar("SELECT case_id FROM concerns WHERE id = ?")
        .bind(concern_id)
        .fetch_optional(store.pool())
        .await?;
    let case_id = case_id.ok_or_else(|| Error::new(ErrorCode::NotFound, "That concern does not exist."))?;
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let at = w.at().to_owned();
        w.case(case_id).await?;
        let team_manager_done: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM concern_escalations WHERE concern_id = ? AND level = 'team_manager')",
        )
        .bind(concern_id)
        .fetch_one(&mut *w.sql())
        .await?;
        check_escalation(e, team_manager_done)?;
        sqlx::query(
            "INSERT INTO concern_escalations (concern_id, level, disagreement, outcome, recorded_at, recorded_by)
         VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(concern_id)
        .bind(as_text(e.level)?)
        .bind(e.disagreement.trim())
        .bind(e.outcome.trim())
        .bind(&at)
        .bind(lead_id)
        .execute(&mut *w.sql())
        .await?;
        let who = if e.level == EscalationLevel::TeamManager { "team manager" } else { "service manager" };
        w.changed(case_id, ChangeKind::ConcernEscalated, &format!("Concern escalated to the {who}")).await?;
        w.audit(Action::ConcernEscalated, "case", case_id).await
    })
    .await
}

/// A case's concerns, newest first, each with its escalations in order.
pub async fn for_case(store: &Store, case_id: i64) -> Result<Vec<Concern>> {
    let mut concerns: Vec<Concern> = sqlx::query_as(
        "SELECT c.id, c.info_from, c.nature, c.incident_on, c.worker_name, c.worker_role, c.worker_contact,
                c.strategy_needed, c.decided_by, c.reasons, c.recorded_at, l.name AS recorded_by
         FROM concerns c JOIN leads l ON l.id = c.recorded_by WHERE c.case_id = ? ORDER BY c.id DESC",
    )
    .bind(case_id)
    .fetch_all(store.pool())
    .await?;
    let escalations: Vec<Escalation> = sqlx::query_as(
        "SELECT e.concern_id, e.level, e.disagreement, e.outcome, e.recorded_at, l.name AS recorded_by
         FROM concern_escalations e JOIN concerns c ON c.id = e.concern_id JOIN leads l ON l.id = e.recorded_by
         WHERE c.case_id = ? ORDER BY e.id",
    )
    .bind(case_id)
    .fetch_all(store.pool())
    .await?;
    for c in &mut concerns {
        c.escalations = escalations.iter().filter(|e| e.concern_id == c.id).cloned().collect();
    }
    Ok(concerns)
}
