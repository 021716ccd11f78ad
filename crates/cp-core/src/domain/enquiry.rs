//! Enquiries (seeds 001, 002): before anything is shared, the enquirer is recorded and how
//! their identity was checked; then what was shared (facts only), whether the lead social
//! worker's name was given, and the task of telling the lead social worker. An enquiry about
//! an address where a child on a child protection plan lives is flagged, so it reaches that
//! child's lead social worker. Pure: rules and address matching.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::postcode;
use crate::{Error, FieldError, Result};

const MAX_TEXT: usize = 200;
const MAX_SHARED: usize = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IdentityCheck {
    /// Called back through the organisation's switchboard.
    CallBackSwitchboard,
    KnownContact,
    SecureEmail,
    Other,
    /// The enquirer would not say who they are.
    Anonymous,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Enquirer {
    pub name: String,
    pub organisation: String,
    pub role: String,
    pub contact: String,
    pub identity_check: IdentityCheck,
    /// How the identity was checked, for "other".
    pub identity_detail: String,
}

/// What the enquiry was about and what was shared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EnquiryAnswer {
    /// The child or adult asked about, as the enquirer named them.
    pub subject_name: String,
    /// An adult who may pose a risk to children, rather than a child.
    pub about_adult: bool,
    pub subject_address_line1: String,
    pub subject_postcode: String,
    /// The case it concerns, when there is one.
    #[ts(type = "number | null")]
    pub case_id: Option<i64>,
    /// Whether anything was shared at all.
    pub answered: bool,
    /// Facts only.
    pub what_shared: String,
    pub social_worker_name_given: bool,
}

fn long(errors: &mut Vec<FieldError>, field: &str, value: &str, max: usize) {
    if value.trim().chars().count() > max {
        errors.push(FieldError::new(field, format!("This must be {max} characters or fewer")));
    }
}

/// The enquirer must be recorded before any case information is shown.
pub fn check_enquirer(e: &Enquirer) -> Result<Enquirer> {
    let mut errors = Vec::new();
    let anonymous = e.identity_check == IdentityCheck::Anonymous;
    if !anonymous {
        for (field, value, what) in [
            ("name", &e.name, "the enquirer's name"),
            ("organisation", &e.organisation, "their organisation"),
            ("role", &e.role, "their role"),
            ("contact", &e.contact, "how to contact them"),
        ] {
            if value.trim().is_empty() {
                errors.push(FieldError::new(field, format!("Enter {what}")));
            }
        }
    }
    if e.identity_check == IdentityCheck::Other && e.identity_detail.trim().is_empty() {
        errors.push(FieldError::new("identityDetail", "Say how you checked who they are"));
    }
    for (field, value) in [
        ("name", &e.name),
        ("organisation", &e.organisation),
        ("role", &e.role),
        ("contact", &e.contact),
        ("identityDetail", &e.identity_detail),
    ] {
        long(&mut errors, field, value, MAX_TEXT);
    }
    if !errors.is_empty() {
        return Err(Error::fields(errors));
    }
    let t = |s: &String| s.trim().to_owned();
    Ok(Enquirer {
        name: t(&e.name),
        organisation: t(&e.organisation),
        role: t(&e.role),
        contact: t(&e.contact),
        identity_check: e.identity_check,
        identity_detail: t(&e.identity_detail),
    })
}

/// What was shared; an anonymous enquirer is never answered.
pub fn check_answer(a: &EnquiryAnswer, anonymous: bool) -> Result<EnquiryAnswer> {
    let mut errors = Vec::new();
    if a.subject_name.trim().is_empty() {
        errors.push(FieldError::new("subjectName", "Enter the name of the person asked about"));
    }
    if a.answered && anonymous {
        errors.push(FieldError::new(
            "answered",
            "An anonymous enquirer cannot be given information: record it as not answered",
        ));
    }
    if a.answered && a.what_shared.trim().is_empty() {
        errors.push(FieldError::new("whatShared", "Enter what you shared"));
    }
    if !a.subject_postcode.trim().is_empty() && postcode::normalise(&a.subject_postcode).is_err() {
        errors.push(FieldError::new("subjectPostcode", "Enter a real postcode, like BS5 9QZ, or leave it empty"));
    }
    long(&mut errors, "subjectName", &a.subject_name, MAX_TEXT);
    long(&mut errors, "subjectAddressLine1", &a.subject_address_line1, MAX_TEXT);
    long(&mut errors, "whatShared", &a.what_shared, MAX_SHARED);
    if !errors.is_empty() {
        return Err(Error::fields(errors));
    }
    Ok(EnquiryAnswer {
        subject_name: a.subject_name.trim().to_owned(),
        subject_address_line1: a.subject_address_line1.trim().to_owned(),
        subject_postcode: postcode::normalise(&a.subject_postcode).unwrap_or_default(),
        what_shared: if a.answered { a.what_shared.trim().to_owned() } else { String::new() },
        social_worker_name_given: a.answered && a.social_worker_name_given,
        ..a.clone()
    })
}

/// An address as it is compared: the postcode normalised and the first line reduced to its
/// lower-case letters and digits, one space apart ("12, Avon St." and "12 avon st" match).
pub fn address_key(line1: &str, postcode_typed: &str) -> Option<(String, String)> {
    let postcode = postcode::normalise(postcode_typed).ok()?;
    let line: String = line1
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (!line.is_empty()).then_some((postcode, line))
}

pub fn check_informed(on: NaiveDate, enquired_on: NaiveDate, today: NaiveDate) -> Result<()> {
    let message = if on > today {
        "The date must be today or in the past"
    } else if on < enquired_on {
        "The date must be on or after the day of the enquiry"
    } else {
        return Ok(());
    };
    Err(Error::fields(vec![FieldError::new("informedOn", message)]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enquirer(check: IdentityCheck) -> Enquirer {
        Enquirer {
            name: " PC Sarah Jones ".into(),
            organisation: "Avon and Somerset Police".into(),
            role: "Officer".into(),
            contact: "101 ext 4521".into(),
            identity_check: check,
            identity_detail: String::new(),
        }
    }

    fn answer(answered: bool, shared: &str) -> EnquiryAnswer {
        EnquiryAnswer {
            subject_name: "Mia Cole".into(),
            about_adult: false,
            subject_address_line1: "12 Avon Street".into(),
            subject_postcode: "bs5 9qh".into(),
            case_id: None,
            answered,
            what_shared: shared.into(),
            social_worker_name_given: true,
        }
    }

    #[test]
    fn the_enquirer_comes_first_and_is_checked() {
        assert_eq!(check_enquirer(&enquirer(IdentityCheck::CallBackSwitchboard)).unwrap().name, "PC Sarah Jones");
        let mut blank = enquirer(IdentityCheck::KnownContact);
        blank.name.clear();
        blank.contact = " ".into();
        let fields: Vec<String> = check_enquirer(&blank).unwrap_err().fields.into_iter().map(|f| f.field).collect();
        assert_eq!(fields, ["name", "contact"]);
        assert_eq!(check_enquirer(&enquirer(IdentityCheck::Other)).unwrap_err().fields[0].field, "identityDetail");
        let anonymous = Enquirer { name: String::new(), ..enquirer(IdentityCheck::Anonymous) };
        assert!(check_enquirer(&anonymous).is_ok(), "an anonymous enquiry can be recorded");
    }

    #[test]
    fn an_anonymous_enquiry_is_never_answered_and_sharing_needs_its_record() {
        assert_eq!(check_answer(&answer(true, "Known to us."), true).unwrap_err().fields[0].field, "answered");
        assert!(check_answer(&answer(false, ""), true).is_ok());
        assert_eq!(check_answer(&answer(true, " "), false).unwrap_err().fields[0].field, "whatShared");
        let ok = check_answer(&answer(true, "Child known; lead social worker is Amara Okafor."), false).unwrap();
        assert_eq!(ok.subject_postcode, "BS5 9QH");
        let not_answered = check_answer(&answer(false, "ignored"), false).unwrap();
        assert!(not_answered.what_shared.is_empty() && !not_answered.social_worker_name_given);
    }

    #[test]
    fn addresses_match_however_the_postcode_is_typed() {
        let a = address_key("12 Avon Street", "bs5 9qh");
        assert!(a.is_some());
        assert_eq!(address_key("12, Avon Street.", "BS59QH"), a);
        assert_eq!(address_key("12  avon street", "BS5  9QH"), a);
        assert_ne!(address_key("14 Avon Street", "BS5 9QH"), a);
        assert_eq!(address_key("12 Avon Street", "not a postcode"), None);
        assert_eq!(address_key("  ", "BS5 9QH"), None);
    }

    #[test]
    fn informing_is_dated_between_the_enquiry_and_today() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert!(check_informed(d("2026-11-23"), d("2026-11-20"), d("2026-11-23")).is_ok());
        assert!(check_informed(d("2026-11-24"), d("2026-11-20"), d("2026-11-23")).is_err());
        assert!(check_informed(d("2026-11-19"), d("2026-11-20"), d("2026-11-23")).is_err());
    }
}
