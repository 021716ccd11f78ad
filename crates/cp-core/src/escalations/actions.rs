//! What a lead does with an escalation, through the one write path: raise it (its first step),
//! take the procedure's next step, and record how it was resolved. Each step's response is due
//! the procedure's working days after it, on the case's own calendar; the procedure is read
//! inside the write, so a step is named and dated as Settings said when it was taken.

use chrono::{DateTime, NaiveDate, Utc};

use super::rules::{self, EscalationNextStep, EscalationResolution, NewCaseEscalation, ProcedureStep};
use super::sql::{Raised, Step};
use super::{CaseEscalation, EscalationRow, sql};
use crate::audit::{Action, Actor};
use crate::domain::calendar::uk_today;
use crate::store::Store;
use crate::store::db::Conn;
use crate::write::{self, ChangeKind, Write};
use crate::{Error, ErrorCode, FieldError, Result};

/// The setting that holds the local escalation procedure (JSON: `[{level, workingDays}]`).
pub const PROCEDURE_SETTING: &str = "escalation_procedure";

fn parse_procedure(value: Option<String>) -> Vec<ProcedureStep> {
    value
        .and_then(|v| serde_json::from_str::<Vec<ProcedureStep>>(&v).ok())
        .and_then(|steps| rules::check_procedure(&steps).ok())
        .unwrap_or_else(rules::default_procedure)
}

async fn procedure_in(conn: &mut Conn<'_>) -> Result<Vec<ProcedureStep>> {
    Ok(parse_procedure(crate::settings::get_in(conn, PROCEDURE_SETTING).await?))
}

/// The local escalation procedure (Settings; seed 004's team manager then service manager, and
/// the head of service, until a lead changes it).
pub async fn procedure(store: &Store) -> Result<Vec<ProcedureStep>> {
    Ok(parse_procedure(crate::settings::get(store, PROCEDURE_SETTING).await?))
}

/// Sets the local escalation procedure; audited. Steps already taken keep their words and dates.
pub async fn set_procedure(
    store: &Store,
    lead_id: i64,
    steps: &[ProcedureStep],
    now: DateTime<Utc>,
) -> Result<Vec<ProcedureStep>> {
    let steps = rules::check_procedure(steps)?;
    let value = serde_json::to_string(&steps).map_err(|e| Error::internal(format!("procedure: {e}")))?;
    crate::settings::set(store, lead_id, PROCEDURE_SETTING, &value, now).await?;
    Ok(steps)
}

/// Step `n` (from 1) of the procedure, taken on `on`, with its response due date.
async fn take_step(
    w: &mut Write,
    lead_id: i64,
    case_id: i64,
    escalation_id: i64,
    n: usize,
    on: NaiveDate,
    with: &str,
) -> Result<String> {
    let procedure = procedure_in(&mut w.sql()).await?;
    let Some(step) = procedure.get(n - 1) else {
        return Err(Error::invalid(
            "Your local escalation procedure has no further step. Change the procedure in Settings, or record how it was resolved.",
        ));
    };
    let due = crate::timescales::case_calendar_in(&mut w.sql(), case_id).await?.add_working_days(on, step.working_days);
    let at = w.at().to_owned();
    let s = Step {
        escalation_id,
        step: i64::try_from(n).unwrap_or(i64::MAX),
        level: &step.level,
        raised_on: on,
        raised_with: with,
        response_due: due,
    };
    sql::insert_step(&mut w.sql(), &s, lead_id, &at).await?;
    Ok(format!("{} (response due {})", step.level, due.format("%d/%m/%Y")))
}

/// Records a disagreement escalated to the procedure's first step.
pub async fn raise(
    store: &Store,
    lead_id: i64,
    case_id: i64,
    e: &NewCaseEscalation,
    now: DateTime<Utc>,
) -> Result<i64> {
    let today = uk_today(now);
    // Checked before the write too, so a form's mistakes never wait for the write lock.
    rules::check_escalation(e, today)?;
    write::run(store, Actor::Lead(lead_id), now, async |w| raise_in(w, lead_id, case_id, e, today).await).await
}

/// `raise` inside a larger write (demo data).
pub async fn raise_in(
    w: &mut Write,
    lead_id: i64,
    case_id: i64,
    e: &NewCaseEscalation,
    today: NaiveDate,
) -> Result<i64> {
    let on = rules::check_escalation(e, today)?;
    let at = w.at().to_owned();
    w.case(case_id).await?;
    if let Some(referral_id) = e.referral_id
        && !sql::referral_on_case(&mut w.sql(), referral_id, case_id).await?
    {
        return Err(Error::fields(vec![FieldError::new("referralId", "Choose a referral on this case")]));
    }
    let raised = Raised {
        case_id,
        referral_id: e.referral_id,
        with_whom: e.with_whom.trim(),
        disagreement: e.disagreement.trim(),
    };
    let id = sql::insert(&mut w.sql(), &raised, lead_id, &at).await?;
    let step = take_step(w, lead_id, case_id, id, 1, on, e.raised_with.trim()).await?;
    let words: String =
        format!("Escalated a disagreement with {} to the {step}", raised.with_whom).chars().take(300).collect();
    w.changed(case_id, ChangeKind::EscalationRaised, &words).await?;
    w.audit(Action::EscalationRaised, "case_escalation", id).await?;
    Ok(id)
}

/// The unresolved escalation's case, latest step and first date, read inside the write.
async fn unresolved_in(w: &mut Write, id: i64) -> Result<(i64, i64, NaiveDate, NaiveDate)> {
    match sql::state_in(&mut w.sql(), id).await? {
        None => Err(Error::new(ErrorCode::NotFound, "That escalation does not exist.")),
        Some((_, true, ..)) => Err(Error::invalid(
            "That escalation is already resolved (another lead may have just recorded it). Its outcome is on the case.",
        )),
        Some((case_id, false, last, last_on, first_on)) => {
            w.case(case_id).await?;
            Ok((case_id, last, last_on, first_on))
        }
    }
}

/// Takes the procedure's next step, when the last one brought no resolution.
pub async fn next_step(store: &Store, lead_id: i64, id: i64, s: &EscalationNextStep, now: DateTime<Utc>) -> Result<()> {
    let today = uk_today(now);
    write::run(store, Actor::Lead(lead_id), now, async |w| next_step_in(w, lead_id, id, s, today).await).await
}

/// `next_step` inside a larger write (demo data).
pub async fn next_step_in(
    w: &mut Write,
    lead_id: i64,
    id: i64,
    s: &EscalationNextStep,
    today: NaiveDate,
) -> Result<()> {
    let (case_id, last, last_on, _) = unresolved_in(w, id).await?;
    let on = rules::check_next(s, last_on, today)?;
    let n = usize::try_from(last).unwrap_or(usize::MAX - 1) + 1;
    let step = take_step(w, lead_id, case_id, id, n, on, s.raised_with.trim()).await?;
    w.changed(case_id, ChangeKind::EscalationStep, &format!("Escalation taken to the {step}")).await?;
    w.audit(Action::EscalationStep, "case_escalation", id).await
}

/// Records how an escalation was resolved; once.
pub async fn resolve(store: &Store, lead_id: i64, id: i64, r: &EscalationResolution, now: DateTime<Utc>) -> Result<()> {
    let today = uk_today(now);
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let (case_id, _, _, first_on) = unresolved_in(w, id).await?;
        let on = rules::check_resolution(r, first_on, today)?;
        sql::resolve(&mut w.sql(), id, on, r.outcome.trim(), lead_id).await?;
        w.changed(case_id, ChangeKind::EscalationResolved, "Escalation resolved").await?;
        w.audit(Action::EscalationResolved, "case_escalation", id).await
    })
    .await
}

/// A case's escalations, the unresolved first, each with its steps and the procedure's next.
pub async fn for_case(store: &Store, case_id: i64) -> Result<Vec<CaseEscalation>> {
    let mut escalations = sql::for_case(store, case_id).await?;
    if escalations.iter().any(|e| e.resolved_on.is_none()) {
        let procedure = procedure(store).await?;
        for e in escalations.iter_mut().filter(|e| e.resolved_on.is_none()) {
            e.next_level = procedure.get(e.steps.len()).map(|s| s.level.clone());
        }
    }
    Ok(escalations)
}

/// Every unresolved escalation's latest step, the soonest response due first.
pub async fn open(store: &Store) -> Result<Vec<EscalationRow>> {
    sql::open(store).await
}
