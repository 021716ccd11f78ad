//! What a lead does with a concern, through the one write path, and reading a case's concerns.

use chrono::{DateTime, Utc};

use super::rules::{EscalationLevel, Nature, NewConcern, NewEscalation, check_concern, check_escalation};
use super::{Concern, sql};
use crate::audit::{Action, Actor};
use crate::chronology::rules::{EntryKind, NewEntry};
use crate::domain::calendar::uk_today;
use crate::store::Store;
use crate::write::{self, ChangeKind};
use crate::{Error, ErrorCode, Result};

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
        significant: false,
        tags: vec![],
    };
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let at = w.at().to_owned();
        let status = w.case(case_id).await?.status;
        if status != crate::cases::rules::Status::Live {
            return Err(Error::invalid("A concern is recorded on a live case. Reopen the case first."));
        }
        // The entry and the concern are written together, or neither is.
        let entry_id = crate::chronology::add_entry_in(w, case_id, &entry).await?;
        let id = sql::insert(&mut w.sql(), case_id, entry_id, &c, lead_id, &at).await?;
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
    let case_id = sql::case_of(store, concern_id).await?;
    let case_id = case_id.ok_or_else(|| Error::new(ErrorCode::NotFound, "That concern does not exist."))?;
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let at = w.at().to_owned();
        w.case(case_id).await?;
        let team_manager_done = sql::team_manager_done(&mut w.sql(), concern_id).await?;
        check_escalation(e, team_manager_done)?;
        sql::insert_escalation(&mut w.sql(), concern_id, e, lead_id, &at).await?;
        let who = if e.level == EscalationLevel::TeamManager { "team manager" } else { "service manager" };
        w.changed(case_id, ChangeKind::ConcernEscalated, &format!("Concern escalated to the {who}")).await?;
        w.audit(Action::ConcernEscalated, "case", case_id).await
    })
    .await
}

/// A case's concerns, newest first, each with its escalations in order.
pub async fn for_case(store: &Store, case_id: i64) -> Result<Vec<Concern>> {
    sql::for_case(store, case_id).await
}
