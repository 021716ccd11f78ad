//! A concern on an open case (seed 004): who the information came from, an incident (with
//! its date) or continuing or increasing concerns, any additional worker who raised it, the
//! decision whether a strategy discussion is needed, who decided, and the reasons, including
//! the reasons for any action not taken. A disagreement about the threshold is escalated to a
//! team manager, then a service manager, with the outcome.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::text::required;
use crate::{Error, FieldError, Result};

const MAX_TEXT: usize = 200;
const MAX_REASONS: usize = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum Nature {
    Incident,
    Continuing,
    Increasing,
}

crate::labels!(Nature { Incident => "An incident", Continuing => "Continuing concerns", Increasing => "Increasing concerns" });

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewConcern {
    pub info_from: String,
    pub nature: Nature,
    #[ts(type = "string | null")]
    pub incident_on: Option<NaiveDate>,
    pub worker_name: String,
    pub worker_role: String,
    pub worker_contact: String,
    pub strategy_needed: bool,
    pub decided_by: String,
    /// Including the reasons for any action not taken.
    pub reasons: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum EscalationLevel {
    TeamManager,
    ServiceManager,
}

crate::labels!(EscalationLevel { TeamManager => "Team manager", ServiceManager => "Service manager" });

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewEscalation {
    pub level: EscalationLevel,
    pub disagreement: String,
    pub outcome: String,
}

pub fn check_concern(c: &NewConcern, today: NaiveDate) -> Result<NewConcern> {
    let mut errors = Vec::new();
    required(
        &mut errors,
        "infoFrom",
        &c.info_from,
        "Enter who the information came from",
        MAX_TEXT,
        "Who it came from",
    );
    match (c.nature, c.incident_on) {
        (Nature::Incident, None) => errors.push(FieldError::new("incidentOn", "Enter the date of the incident")),
        (Nature::Incident, Some(d)) if d > today => {
            errors.push(FieldError::new("incidentOn", "The date of the incident must be today or in the past"))
        }
        _ => {}
    }
    for (field, value, name) in [
        ("workerName", &c.worker_name, "The worker's name"),
        ("workerRole", &c.worker_role, "The worker's role"),
        ("workerContact", &c.worker_contact, "The worker's contact details"),
    ] {
        crate::domain::text::at_most(&mut errors, field, value, MAX_TEXT, name);
    }
    required(&mut errors, "decidedBy", &c.decided_by, "Enter who made the decision", MAX_TEXT, "Who made the decision");
    required(
        &mut errors,
        "reasons",
        &c.reasons,
        "Enter the reasons for the decision, including the reasons for any action not taken",
        MAX_REASONS,
        "The reasons",
    );
    if !errors.is_empty() {
        return Err(Error::fields(errors));
    }
    let t = |s: &String| s.trim().to_owned();
    Ok(NewConcern {
        info_from: t(&c.info_from),
        nature: c.nature,
        incident_on: if c.nature == Nature::Incident { c.incident_on } else { None },
        worker_name: t(&c.worker_name),
        worker_role: t(&c.worker_role),
        worker_contact: t(&c.worker_contact),
        strategy_needed: c.strategy_needed,
        decided_by: t(&c.decided_by),
        reasons: c.reasons.trim().to_owned(),
    })
}

/// A service manager hears a disagreement only after a team manager has.
pub fn check_escalation(e: &NewEscalation, team_manager_done: bool) -> Result<()> {
    let mut errors = Vec::new();
    if e.level == EscalationLevel::ServiceManager && !team_manager_done {
        errors.push(FieldError::new("level", "Escalate to the team manager first"));
    }
    required(
        &mut errors,
        "disagreement",
        &e.disagreement,
        "Enter what the disagreement is about",
        MAX_REASONS,
        "The disagreement",
    );
    required(&mut errors, "outcome", &e.outcome, "Enter the outcome of the escalation", MAX_REASONS, "The outcome");
    if errors.is_empty() { Ok(()) } else { Err(Error::fields(errors)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn concern(nature: Nature, on: Option<&str>, reasons: &str) -> NewConcern {
        NewConcern {
            info_from: "Nursery key worker".into(),
            nature,
            incident_on: on.map(|d| d.parse().unwrap()),
            worker_name: "Jo Patel".into(),
            worker_role: "Key worker".into(),
            worker_contact: "0117 000 0000".into(),
            strategy_needed: false,
            decided_by: "Team manager".into(),
            reasons: reasons.into(),
        }
    }

    #[test]
    fn the_reasons_for_the_decision_are_required() {
        let today = "2026-11-23".parse().unwrap();
        let err = check_concern(&concern(Nature::Continuing, None, "  "), today).unwrap_err();
        assert_eq!(err.fields[0].field, "reasons");
        assert!(err.fields[0].message.contains("action not taken"));
        assert!(
            check_concern(&concern(Nature::Continuing, Some("2026-11-01"), "Below threshold; monitor."), today)
                .unwrap()
                .incident_on
                .is_none()
        );
    }

    #[test]
    fn an_incident_needs_its_past_date() {
        let today = "2026-11-23".parse().unwrap();
        assert_eq!(
            check_concern(&concern(Nature::Incident, None, "x"), today).unwrap_err().fields[0].field,
            "incidentOn"
        );
        assert!(check_concern(&concern(Nature::Incident, Some("2026-11-24"), "x"), today).is_err());
        assert!(check_concern(&concern(Nature::Incident, Some("2026-11-22"), "x"), today).is_ok());
    }

    #[test]
    fn escalation_goes_to_the_team_manager_first() {
        let e = |level| NewEscalation { level, disagreement: "Threshold".into(), outcome: "Upheld".into() };
        assert!(check_escalation(&e(EscalationLevel::TeamManager), false).is_ok());
        assert_eq!(check_escalation(&e(EscalationLevel::ServiceManager), false).unwrap_err().fields[0].field, "level");
        assert!(check_escalation(&e(EscalationLevel::ServiceManager), true).is_ok());
        let blank =
            NewEscalation { level: EscalationLevel::TeamManager, disagreement: " ".into(), outcome: String::new() };
        assert_eq!(check_escalation(&blank, false).unwrap_err().fields.len(), 2);
    }
}
