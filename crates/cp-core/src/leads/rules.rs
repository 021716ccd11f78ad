//! What set-up and lead management accept.

use serde::Deserialize;
use ts_rs::TS;

use crate::auth::passphrase;
use crate::{Error, FieldError, Result};

pub const MAX_NAME_CHARS: usize = 200;
pub const IDLE_LOCK_DEFAULT_MINUTES: u32 = 5;
pub const IDLE_LOCK_MIN_MINUTES: u32 = 1;
pub const IDLE_LOCK_MAX_MINUTES: u32 = 60;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewLead {
    pub name: String,
    pub role: String,
    pub passphrase: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetupInput {
    pub organisation: String,
    pub leads: Vec<NewLead>,
}

fn required_text(field: &str, value: &str, what: &str) -> Option<FieldError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        Some(FieldError::new(field, format!("Enter {what}")))
    } else if trimmed.chars().count() > MAX_NAME_CHARS {
        Some(FieldError::new(field, format!("{} must be {MAX_NAME_CHARS} characters or fewer", capitalise(what))))
    } else {
        None
    }
}

fn capitalise(what: &str) -> String {
    let what = what.strip_prefix("the ").unwrap_or(what);
    let mut c = what.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// Field ids follow the form: `{prefix}name`, `{prefix}role`, `{prefix}passphrase`
/// (set-up uses `leads.0.`, settings `newLead.`).
pub fn lead_errors(prefix: &str, lead: &NewLead) -> Vec<FieldError> {
    [
        required_text(&format!("{prefix}name"), &lead.name, "the lead's full name"),
        required_text(&format!("{prefix}role"), &lead.role, "the lead's role"),
        passphrase::check(&format!("{prefix}passphrase"), &lead.passphrase),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// A lead added in settings: trimmed, or refused with each field's problem.
pub fn validate_new_lead(lead: &NewLead) -> Result<NewLead> {
    let errors = lead_errors("newLead.", lead);
    if !errors.is_empty() {
        return Err(Error::fields(errors));
    }
    Ok(NewLead {
        name: lead.name.trim().to_owned(),
        role: lead.role.trim().to_owned(),
        passphrase: lead.passphrase.clone(),
    })
}

/// Trims names; refuses the input with every field's problem at once.
pub fn validate_setup(input: &SetupInput) -> Result<SetupInput> {
    let mut errors: Vec<FieldError> =
        required_text("organisation", &input.organisation, "the name of your organisation").into_iter().collect();
    if input.leads.is_empty() {
        errors.push(FieldError::new("leads.0.name", "Add at least one child protection lead"));
    }
    for (i, lead) in input.leads.iter().enumerate() {
        errors.extend(lead_errors(&format!("leads.{i}."), lead));
    }
    if !errors.is_empty() {
        return Err(Error::fields(errors));
    }
    Ok(SetupInput {
        organisation: input.organisation.trim().to_owned(),
        leads: input
            .leads
            .iter()
            .map(|l| NewLead {
                name: l.name.trim().to_owned(),
                role: l.role.trim().to_owned(),
                passphrase: l.passphrase.clone(),
            })
            .collect(),
    })
}

pub fn validate_idle_minutes(minutes: u32) -> Result<u32> {
    if (IDLE_LOCK_MIN_MINUTES..=IDLE_LOCK_MAX_MINUTES).contains(&minutes) {
        Ok(minutes)
    } else {
        Err(Error::fields(vec![FieldError::new(
            "idleMinutes",
            format!("Lock after must be between {IDLE_LOCK_MIN_MINUTES} and {IDLE_LOCK_MAX_MINUTES} minutes"),
        )]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lead(name: &str, role: &str, pass: &str) -> NewLead {
        NewLead { name: name.into(), role: role.into(), passphrase: pass.into() }
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let err = validate_setup(&SetupInput { organisation: "  ".into(), leads: vec![lead("", "DSL", "short")] })
            .unwrap_err();
        let fields: Vec<&str> = err.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["organisation", "leads.0.name", "leads.0.passphrase"]);
        assert_eq!(err.message, "Enter the name of your organisation");
    }

    #[test]
    fn at_least_one_lead_is_needed() {
        let err = validate_setup(&SetupInput { organisation: "Barton Hill".into(), leads: vec![] }).unwrap_err();
        assert_eq!(err.fields[0].message, "Add at least one child protection lead");
    }

    #[test]
    fn valid_input_is_trimmed() {
        let ok = validate_setup(&SetupInput {
            organisation: " Barton Hill Settlement ".into(),
            leads: vec![lead(" Joanna Holmes ", "Designated safeguarding lead", "a long passphrase")],
        })
        .unwrap();
        assert_eq!(ok.organisation, "Barton Hill Settlement");
        assert_eq!(ok.leads[0].name, "Joanna Holmes");
    }

    #[test]
    fn idle_lock_is_one_to_sixty_minutes() {
        assert!(validate_idle_minutes(0).is_err());
        assert_eq!(validate_idle_minutes(1).unwrap(), 1);
        assert_eq!(validate_idle_minutes(60).unwrap(), 60);
        assert!(validate_idle_minutes(61).is_err());
    }
}
