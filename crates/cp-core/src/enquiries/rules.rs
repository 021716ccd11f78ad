//! Enquiries (seeds 001, 002): before anything is shared, the enquirer is recorded and how
//! their identity was checked; then what was shared (facts only), whether the lead social
//! worker's name was given, and the task of telling the lead social worker. An enquiry about
//! an address where a child on a child protection plan lives is flagged, so it reaches that
//! child's lead social worker. Pure: rules and address matching.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Europe::London;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::postcode;
use crate::domain::text::at_most;
use crate::{Error, FieldError, Result};

const MAX_TEXT: usize = 200;
const MAX_SHARED: usize = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum IdentityCheck {
    /// Called back through the organisation's switchboard.
    CallBackSwitchboard,
    KnownContact,
    SecureEmail,
    Other,
    /// The enquirer would not say who they are.
    Anonymous,
}

crate::labels!(IdentityCheck {
    CallBackSwitchboard => "Called back through the switchboard",
    KnownContact => "Known contact",
    SecureEmail => "Secure email",
    Other => "Other",
    Anonymous => "Anonymous",
});

impl IdentityCheck {
    /// The answer the enquiry form offers for "How did you check who they are?".
    pub fn answer(self) -> &'static str {
        match self {
            Self::CallBackSwitchboard => "I called them back through their organisation’s switchboard",
            Self::KnownContact => "They are a contact I know",
            Self::SecureEmail => "They wrote from a secure email address",
            Self::Other => "Another way",
            Self::Anonymous => "They would not say who they are (anonymous)",
        }
    }
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
    /// When the enquiry was received, in UK time, when it is recorded later than it came in;
    /// both or neither. Neither: now.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub received_on: Option<NaiveDate>,
    #[serde(default)]
    #[ts(type = "string | null")]
    pub received_time: Option<NaiveTime>,
}

/// The lead's answer to "is this the same address?" for an address that may be where a child
/// on a child protection plan lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SameAddressAnswer {
    /// The case the question was about.
    #[ts(type = "number")]
    pub case_id: i64,
    pub same: bool,
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
    /// Needed when the address asked about may be a plan child's address.
    #[serde(default)]
    pub same_address_answer: Option<SameAddressAnswer>,
}

/// Whether an enquiry must be passed on to a lead social worker: it concerns a case, something
/// was shared, or it is flagged for a same-address child on a plan. Any other can be closed as
/// "nothing to pass on".
pub fn needs_passing_on(about_case: bool, answered: bool, flagged: bool) -> bool {
    about_case || answered || flagged
}

/// The instant an enquiry was received: the lead's UK date and time, or `now`. Every problem
/// is added to `errors`.
fn received_at(e: &Enquirer, now: DateTime<Utc>, errors: &mut Vec<FieldError>) -> DateTime<Utc> {
    match (e.received_on, e.received_time) {
        (None, None) => now,
        (Some(_), None) => {
            errors.push(FieldError::new("receivedTime", "Enter the time the enquiry was received, like 14:30"));
            now
        }
        (None, Some(_)) => {
            errors.push(FieldError::new("receivedOn", "Enter the date the enquiry was received"));
            now
        }
        (Some(day), Some(time)) => {
            // A time that does not exist (the hour the clocks go forward) is taken as the
            // earliest real one after it.
            let local = day.and_time(time);
            let at = local
                .and_local_timezone(London)
                .earliest()
                .or_else(|| (local + chrono::Duration::hours(1)).and_local_timezone(London).earliest())
                .map_or(now, |t| t.with_timezone(&Utc));
            if at > now {
                errors.push(FieldError::new(
                    "receivedOn",
                    "The time the enquiry was received must be now or in the past",
                ));
            }
            at
        }
    }
}

/// The enquirer must be recorded before any case information is shown; returns them with the
/// instant the enquiry was received.
pub fn check_enquirer(e: &Enquirer, now: DateTime<Utc>) -> Result<(Enquirer, DateTime<Utc>)> {
    let mut errors = Vec::new();
    let received = received_at(e, now, &mut errors);
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
    for (field, value, name) in [
        ("name", &e.name, "The enquirer's name"),
        ("organisation", &e.organisation, "Their organisation"),
        ("role", &e.role, "Their role"),
        ("contact", &e.contact, "How to contact them"),
        ("identityDetail", &e.identity_detail, "How you checked who they are"),
    ] {
        at_most(&mut errors, field, value, MAX_TEXT, name);
    }
    if !errors.is_empty() {
        return Err(Error::fields(errors));
    }
    let t = |s: &String| s.trim().to_owned();
    let checked = Enquirer {
        name: t(&e.name),
        organisation: t(&e.organisation),
        role: t(&e.role),
        contact: t(&e.contact),
        identity_check: e.identity_check,
        identity_detail: t(&e.identity_detail),
        received_on: e.received_on,
        received_time: e.received_time,
    };
    Ok((checked, received))
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
    at_most(&mut errors, "subjectName", &a.subject_name, MAX_TEXT, "The name of the person asked about");
    at_most(&mut errors, "subjectAddressLine1", &a.subject_address_line1, MAX_TEXT, "Their address");
    at_most(&mut errors, "whatShared", &a.what_shared, MAX_SHARED, "What you shared");
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
            received_on: None,
            received_time: None,
        }
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
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
            same_address_answer: None,
        }
    }

    #[test]
    fn the_enquirer_comes_first_and_is_checked() {
        let now = at("2026-11-23T10:00:00Z");
        assert_eq!(
            check_enquirer(&enquirer(IdentityCheck::CallBackSwitchboard), now).unwrap().0.name,
            "PC Sarah Jones"
        );
        let mut blank = enquirer(IdentityCheck::KnownContact);
        blank.name.clear();
        blank.contact = " ".into();
        let fields: Vec<String> =
            check_enquirer(&blank, now).unwrap_err().fields.into_iter().map(|f| f.field).collect();
        assert_eq!(fields, ["name", "contact"]);
        assert_eq!(check_enquirer(&enquirer(IdentityCheck::Other), now).unwrap_err().fields[0].field, "identityDetail");
        let anonymous = Enquirer { name: String::new(), ..enquirer(IdentityCheck::Anonymous) };
        assert!(check_enquirer(&anonymous, now).is_ok(), "an anonymous enquiry can be recorded");
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
    fn the_enquiry_is_dated_when_it_was_received() {
        let now = at("2026-11-23T10:00:00Z");
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let t = |s: &str| s.parse::<NaiveTime>().unwrap();
        let mut e = enquirer(IdentityCheck::KnownContact);
        assert_eq!(check_enquirer(&e, now).unwrap().1, now, "none given: now");
        e.received_on = Some(d("2026-11-20"));
        assert_eq!(check_enquirer(&e, now).unwrap_err().fields[0].field, "receivedTime");
        e.received_time = Some(t("16:45"));
        assert_eq!(check_enquirer(&e, now).unwrap().1, at("2026-11-20T16:45:00Z"), "GMT in November");
        e.received_on = Some(d("2026-07-01"));
        assert_eq!(check_enquirer(&e, now).unwrap().1, at("2026-07-01T15:45:00Z"), "BST in July");
        e.received_on = Some(d("2026-11-23"));
        e.received_time = Some(t("10:01"));
        assert_eq!(check_enquirer(&e, now).unwrap_err().fields[0].field, "receivedOn", "a minute from now");
        e.received_on = None;
        assert_eq!(check_enquirer(&e, now).unwrap_err().fields[0].field, "receivedOn");
    }

    #[test]
    fn only_an_enquiry_with_something_to_pass_on_waits_for_it() {
        assert!(!needs_passing_on(false, false, false));
        assert!(needs_passing_on(true, false, false));
        assert!(needs_passing_on(false, true, false));
        assert!(needs_passing_on(false, false, true));
    }

    #[test]
    fn informing_is_dated_between_the_enquiry_and_today() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert!(check_informed(d("2026-11-23"), d("2026-11-20"), d("2026-11-23")).is_ok());
        assert!(check_informed(d("2026-11-24"), d("2026-11-20"), d("2026-11-23")).is_err());
        assert!(check_informed(d("2026-11-19"), d("2026-11-20"), d("2026-11-23")).is_err());
    }
}
