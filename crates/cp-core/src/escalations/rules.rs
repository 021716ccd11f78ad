//! A professional disagreement escalated step by step (seed 004; local escalation and
//! resolution procedures): with whom and about what, each step of the organisation's procedure
//! (team manager, service manager, then its next step) with the working days a response is
//! awaited before the next step, and how it was resolved. Pure: "today" is passed in.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::text::required;
use crate::{Error, FieldError, Result};

const MAX_NAME: usize = 200;
const MAX_TEXT: usize = 10_000;
const MAX_LEVEL: usize = 100;
/// A procedure longer than this is not one a lead could follow from memory.
pub const MAX_STEPS: usize = 6;
/// Longer than any local procedure allows a step before the next.
pub const MAX_DAYS: u32 = 20;

/// One step of the local escalation procedure: to whom, and how many working days a response
/// is awaited before the next step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProcedureStep {
    pub level: String,
    pub working_days: u32,
}

/// Seed 004: "escalated initially to the Team Manager, and after this, if there is still no
/// resolution, to the Service Manager"; local safeguarding partnerships' resolution procedures
/// then go to the head of service, each step allowing a few working days. Settings change it.
pub fn default_procedure() -> Vec<ProcedureStep> {
    let step = |level: &str, working_days| ProcedureStep { level: level.to_owned(), working_days };
    vec![step("Team manager", 2), step("Service manager", 3), step("Head of service", 5)]
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewCaseEscalation {
    /// The referral whose decision is disagreed with, if it is one.
    #[ts(type = "number | null")]
    pub referral_id: Option<i64>,
    /// The agency or professional whose decision is disagreed with.
    pub with_whom: String,
    pub disagreement: String,
    /// The first step: when, and with whom (the team manager's name).
    #[ts(type = "string | null")]
    pub raised_on: Option<NaiveDate>,
    pub raised_with: String,
}

/// The next step of the procedure, as a form sends it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EscalationNextStep {
    #[ts(type = "string | null")]
    pub raised_on: Option<NaiveDate>,
    pub raised_with: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EscalationResolution {
    #[ts(type = "string | null")]
    pub resolved_on: Option<NaiveDate>,
    pub outcome: String,
}

/// A date between `earliest` and today, or what is wrong with it.
fn date(
    errors: &mut Vec<FieldError>,
    field: &str,
    on: Option<NaiveDate>,
    earliest: Option<(NaiveDate, &str)>,
    today: NaiveDate,
) -> Option<NaiveDate> {
    match on {
        None => errors.push(FieldError::new(field, "Enter the date, for example 20 11 2026")),
        Some(d) if d > today => errors.push(FieldError::new(field, "The date must be today or in the past")),
        Some(d) if earliest.is_some_and(|(e, _)| d < e) => {
            let what = earliest.map(|(_, what)| what).unwrap_or_default();
            errors.push(FieldError::new(field, format!("The date must be on or after {what}")));
        }
        Some(d) => return Some(d),
    }
    None
}

fn raised_with(errors: &mut Vec<FieldError>, value: &str) {
    required(errors, "raisedWith", value, "Enter who you raised it with", MAX_NAME, "Who you raised it with");
}

/// The date a form gave, once it has no problem at all; or every problem.
fn dated(on: Option<NaiveDate>, errors: Vec<FieldError>) -> Result<NaiveDate> {
    match on {
        Some(on) if errors.is_empty() => Ok(on),
        _ => Err(Error::fields(errors)),
    }
}

/// A new escalation, every problem at once; its first step's date.
pub fn check_escalation(e: &NewCaseEscalation, today: NaiveDate) -> Result<NaiveDate> {
    let mut errors = Vec::new();
    required(
        &mut errors,
        "withWhom",
        &e.with_whom,
        "Enter whose decision you disagree with",
        MAX_NAME,
        "Whose decision",
    );
    required(
        &mut errors,
        "escalationDisagreement",
        &e.disagreement,
        "Enter what you disagree with and why",
        MAX_TEXT,
        "The disagreement",
    );
    let on = date(&mut errors, "raisedOn", e.raised_on, None, today);
    raised_with(&mut errors, &e.raised_with);
    dated(on, errors)
}

/// The next step: not before the step before it.
pub fn check_next(s: &EscalationNextStep, last_raised_on: NaiveDate, today: NaiveDate) -> Result<NaiveDate> {
    let mut errors = Vec::new();
    let on = date(&mut errors, "raisedOn", s.raised_on, Some((last_raised_on, "the step before it")), today);
    raised_with(&mut errors, &s.raised_with);
    dated(on, errors)
}

/// How it was resolved: not before it was raised.
pub fn check_resolution(r: &EscalationResolution, raised_on: NaiveDate, today: NaiveDate) -> Result<NaiveDate> {
    let mut errors = Vec::new();
    let on = date(&mut errors, "resolvedOn", r.resolved_on, Some((raised_on, "the date it was raised")), today);
    required(&mut errors, "escalationOutcome", &r.outcome, "Enter how it was resolved", MAX_TEXT, "The outcome");
    dated(on, errors)
}

/// The procedure as Settings save it: one to six steps, each named, each with 1 to 20 working
/// days. Fields are `level-N` and `days-N` for the Nth step (from 0).
pub fn check_procedure(steps: &[ProcedureStep]) -> Result<Vec<ProcedureStep>> {
    let mut errors = Vec::new();
    if steps.is_empty() || steps.len() > MAX_STEPS {
        errors.push(FieldError::new("level-0", format!("Enter from 1 to {MAX_STEPS} steps")));
    }
    for (i, s) in steps.iter().enumerate().take(MAX_STEPS) {
        let n = i + 1;
        let level = s.level.trim();
        if level.is_empty() {
            errors.push(FieldError::new(format!("level-{i}"), format!("Enter who step {n} goes to")));
        } else if level.chars().count() > MAX_LEVEL {
            errors.push(FieldError::new(
                format!("level-{i}"),
                format!("Step {n} must be {MAX_LEVEL} characters or fewer"),
            ));
        }
        if !(1..=MAX_DAYS).contains(&s.working_days) {
            errors.push(FieldError::new(
                format!("days-{i}"),
                format!("Enter a number of working days from 1 to {MAX_DAYS} for step {n}"),
            ));
        }
    }
    if errors.is_empty() {
        Ok(steps
            .iter()
            .map(|s| ProcedureStep { level: s.level.trim().to_owned(), working_days: s.working_days })
            .collect())
    } else {
        Err(Error::fields(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn an_escalation_names_whose_decision_why_when_and_with_whom_every_problem_at_once() {
        let today = day("2026-11-25");
        let fields: Vec<String> = check_escalation(&NewCaseEscalation::default(), today)
            .unwrap_err()
            .fields
            .into_iter()
            .map(|f| f.field)
            .collect();
        assert_eq!(fields, ["withWhom", "escalationDisagreement", "raisedOn", "raisedWith"]);
        let good = NewCaseEscalation {
            referral_id: None,
            with_whom: "Front door".into(),
            disagreement: "No further action after a second bruise".into(),
            raised_on: Some(today),
            raised_with: "Sam Patel".into(),
        };
        assert_eq!(check_escalation(&good, today).unwrap(), today);
        let future = NewCaseEscalation { raised_on: Some(day("2026-11-26")), ..good };
        assert_eq!(check_escalation(&future, today).unwrap_err().fields[0].field, "raisedOn");
    }

    #[test]
    fn a_next_step_and_a_resolution_come_after_what_went_before() {
        let (raised, today) = (day("2026-11-20"), day("2026-11-25"));
        let next = |on: &str| EscalationNextStep { raised_on: Some(day(on)), raised_with: "Ann Lee".into() };
        assert_eq!(check_next(&next("2026-11-24"), raised, today).unwrap(), day("2026-11-24"));
        let early = check_next(&next("2026-11-19"), raised, today).unwrap_err();
        assert_eq!(early.fields[0].message, "The date must be on or after the step before it");
        let r = |on: &str, outcome: &str| EscalationResolution { resolved_on: Some(day(on)), outcome: outcome.into() };
        assert_eq!(check_resolution(&r("2026-11-25", "Strategy discussion held"), raised, today).unwrap(), today);
        assert_eq!(
            check_resolution(&r("2026-11-25", " "), raised, today).unwrap_err().fields[0].field,
            "escalationOutcome"
        );
        assert_eq!(check_resolution(&r("2026-11-19", "x"), raised, today).unwrap_err().fields[0].field, "resolvedOn");
    }

    #[test]
    fn a_procedure_has_one_to_six_named_steps_of_one_to_twenty_working_days() {
        assert_eq!(check_procedure(&default_procedure()).unwrap(), default_procedure());
        assert_eq!(check_procedure(&[]).unwrap_err().fields[0].field, "level-0");
        let seven = vec![ProcedureStep { level: "x".into(), working_days: 1 }; 7];
        assert!(check_procedure(&seven).is_err());
        let bad = [
            ProcedureStep { level: "Team manager".into(), working_days: 0 },
            ProcedureStep { level: " ".into(), working_days: 21 },
        ];
        let fields: Vec<String> = check_procedure(&bad).unwrap_err().fields.into_iter().map(|f| f.field).collect();
        assert_eq!(fields, ["days-0", "level-1", "days-1"]);
    }
}
