//! A referral (seed 003): to whom, when and how it was made, its written confirmation, the
//! acknowledgement and the decision received, each step once; or a decision not to refer,
//! with its reasons. A referral with no decision yet is to be chased a number of working days
//! after it was made (Settings; Working Together expects a decision within one working day).
//! Pure: "today" is passed in.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::text::required;
use crate::{Error, FieldError, Result};

const MAX_NAME: usize = 200;
const MAX_TEXT: usize = 10_000;
/// Working days after a referral before its decision is chased, unless Settings say otherwise.
pub const CHASE_DAYS_DEFAULT: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum Agency {
    ChildrensSocialCare,
    Police,
    EarlyHelp,
    Lado,
}

crate::labels!(Agency {
    ChildrensSocialCare => "Children's social care",
    Police => "Police",
    EarlyHelp => "Early help",
    Lado => "Local authority designated officer (LADO)",
});

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewReferral {
    pub agency: Agency,
    /// False records a decision not to refer, with its reasons.
    pub referred: bool,
    pub by_phone: bool,
    #[ts(type = "string | null")]
    pub made_on: Option<NaiveDate>,
    /// Who it was made to (a name, a team, the front door).
    pub made_to: String,
    /// What was said and why; or the reasons for not referring.
    pub reasons: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// Written confirmation sent (a phone referral's 48 hours).
    Confirmed,
    Acknowledged,
    Decided,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReferralStep {
    pub step: StepKind,
    #[ts(type = "string | null")]
    pub on: Option<NaiveDate>,
    /// The decision received (for `Decided`).
    pub decision: String,
}

/// A new referral or decision not to refer, every problem at once; its date.
pub fn check_referral(r: &NewReferral, today: NaiveDate) -> Result<NaiveDate> {
    let mut errors = Vec::new();
    let on = match r.made_on {
        None => {
            let what = if r.referred { "the referral was made" } else { "the decision was made" };
            errors.push(FieldError::new("madeOn", format!("Enter the date {what}")));
            None
        }
        Some(d) if d > today => {
            errors.push(FieldError::new("madeOn", "The date must be today or in the past"));
            None
        }
        Some(d) => Some(d),
    };
    if r.referred {
        required(
            &mut errors,
            "madeTo",
            &r.made_to,
            "Enter who the referral was made to",
            MAX_NAME,
            "Who it was made to",
        );
        required(&mut errors, "referralReasons", &r.reasons, "Enter what was said and why", MAX_TEXT, "What was said");
    } else {
        required(
            &mut errors,
            "referralReasons",
            &r.reasons,
            "Enter the reasons for not referring",
            MAX_TEXT,
            "The reasons",
        );
    }
    match on {
        Some(on) if errors.is_empty() => Ok(on),
        _ => Err(Error::fields(errors)),
    }
}

/// A step's date (not before the referral, not in the future) and decision.
pub fn check_step(s: &ReferralStep, made_on: NaiveDate, today: NaiveDate) -> Result<NaiveDate> {
    let mut errors = Vec::new();
    let on = match s.on {
        None => {
            errors.push(FieldError::new("stepOn", "Enter the date, for example 20 11 2026"));
            None
        }
        Some(d) if d > today => {
            errors.push(FieldError::new("stepOn", "The date must be today or in the past"));
            None
        }
        Some(d) if d < made_on => {
            errors.push(FieldError::new("stepOn", "The date must be on or after the date of the referral"));
            None
        }
        Some(d) => Some(d),
    };
    if s.step == StepKind::Decided {
        required(&mut errors, "decision", &s.decision, "Enter the decision received", MAX_TEXT, "The decision");
    }
    match on {
        Some(on) if errors.is_empty() => Ok(on),
        _ => Err(Error::fields(errors)),
    }
}

/// Working days a decision is awaited before it is chased: from one (Working Together's
/// decision within one working day) to ten.
pub fn check_chase_days(days: u32) -> Result<u32> {
    if (1..=10).contains(&days) {
        Ok(days)
    } else {
        Err(Error::fields(vec![FieldError::new("chaseDays", "Enter a number of working days from 1 to 10")]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn referral() -> NewReferral {
        NewReferral {
            agency: Agency::ChildrensSocialCare,
            referred: true,
            by_phone: true,
            made_on: Some(day("2026-11-23")),
            made_to: "Front door, Bristol".into(),
            reasons: "Second unexplained bruise".into(),
        }
    }

    #[test]
    fn a_referral_names_its_date_whom_and_why_and_a_decision_not_to_refer_its_reasons() {
        let today = day("2026-11-23");
        assert_eq!(check_referral(&referral(), today).unwrap(), today);
        let blank = NewReferral { made_on: None, made_to: " ".into(), reasons: String::new(), ..referral() };
        let fields: Vec<String> =
            check_referral(&blank, today).unwrap_err().fields.into_iter().map(|f| f.field).collect();
        assert_eq!(fields, ["madeOn", "madeTo", "referralReasons"]);
        let not = NewReferral { referred: false, made_to: String::new(), reasons: String::new(), ..referral() };
        let e = check_referral(&not, today).unwrap_err();
        assert_eq!(e.fields[0].message, "Enter the reasons for not referring");
        let future = NewReferral { made_on: Some(day("2026-11-24")), ..referral() };
        assert_eq!(check_referral(&future, today).unwrap_err().fields[0].field, "madeOn");
    }

    #[test]
    fn a_step_falls_between_the_referral_and_today() {
        let (made, today) = (day("2026-11-20"), day("2026-11-23"));
        let step = |on: &str, decision: &str| ReferralStep {
            step: StepKind::Decided,
            on: Some(day(on)),
            decision: decision.into(),
        };
        assert_eq!(check_step(&step("2026-11-21", "Section 47 enquiry"), made, today).unwrap(), day("2026-11-21"));
        assert_eq!(check_step(&step("2026-11-19", "x"), made, today).unwrap_err().fields[0].field, "stepOn");
        assert_eq!(check_step(&step("2026-11-24", "x"), made, today).unwrap_err().fields[0].field, "stepOn");
        assert_eq!(check_step(&step("2026-11-21", " "), made, today).unwrap_err().fields[0].field, "decision");
    }
}
