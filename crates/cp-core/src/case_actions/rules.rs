//! An action on a case (seed 000 iii, seed 003, seed 004): what is to be done, who does it (a
//! lead, or a named person outside the app with their contact), and by when: a date, or a
//! number of working days from today on the case's own calendar. It ends once, done with its
//! outcome or not needed with the reason. Pure: "today" is passed in.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, FieldError, Result};

const MAX_WHAT: usize = 500;
const MAX_NAME: usize = 200;
const MAX_NOTE: usize = 2_000;
/// Longer than any statutory clock in the timescales, short enough to be an action.
pub const MAX_WORKING_DAYS: u32 = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum ActionState {
    Open,
    Done,
    NotNeeded,
}

crate::labels!(ActionState { Open => "Open", Done => "Done", NotNeeded => "Not needed" });

/// Who does an action and by when, as a form sends them (adding one, or giving it to someone
/// else or a new date).
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Assignment {
    /// A lead of the organisation, or else `owner_name` (with `owner_contact`).
    #[ts(type = "number | null")]
    pub owner_lead_id: Option<i64>,
    pub owner_name: String,
    pub owner_contact: String,
    /// A date, or else `due_working_days`.
    #[serde(default, deserialize_with = "crate::domain::typed_date::optional")]
    #[ts(type = "string | null")]
    pub due_on: Option<NaiveDate>,
    pub due_working_days: Option<u32>,
}

/// What an action is on: a case (with, in `NewAction`, one of its entries or concerns), an
/// enquiry, or an allegation against a member of staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case", rename_all_fields = "camelCase")]
pub enum ActionOn {
    Case {
        #[ts(type = "number")]
        case_id: i64,
    },
    Enquiry {
        #[ts(type = "number")]
        enquiry_id: i64,
    },
    Allegation {
        #[ts(type = "number")]
        allegation_id: i64,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewAction {
    pub what: String,
    /// The chronology entry whose "action required" it follows, if any (on a case).
    #[ts(type = "number | null")]
    pub entry_id: Option<i64>,
    /// The concern it follows, if any (on a case).
    #[serde(default)]
    #[ts(type = "number | null")]
    pub concern_id: Option<i64>,
    #[serde(flatten)]
    #[ts(flatten)]
    pub assignment: Assignment,
}

/// How an action ended, as a form sends it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActionEnd {
    /// Done or not needed.
    pub state: ActionState,
    /// The outcome, or why it is not needed.
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    Lead(i64),
    Person { name: String, contact: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    On(NaiveDate),
    WorkingDays(u32),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedAssignment {
    pub owner: Owner,
    pub due: Due,
}

fn check_assignment(a: &Assignment, today: NaiveDate, errors: &mut Vec<FieldError>) -> Option<CheckedAssignment> {
    let name = a.owner_name.trim();
    let owner = match (a.owner_lead_id, name.is_empty()) {
        (Some(id), true) => Some(Owner::Lead(id)),
        (None, false) if name.chars().count() > MAX_NAME => {
            errors.push(FieldError::new("ownerName", format!("Name must be {MAX_NAME} characters or fewer")));
            None
        }
        (None, false) if a.owner_contact.trim().chars().count() > MAX_NAME => {
            errors.push(FieldError::new("ownerContact", format!("Contact must be {MAX_NAME} characters or fewer")));
            None
        }
        (None, false) => Some(Owner::Person { name: name.to_owned(), contact: a.owner_contact.trim().to_owned() }),
        (None, true) => {
            errors.push(FieldError::new("owner", "Choose who will do it: a lead, or name someone else"));
            None
        }
        (Some(_), false) => {
            errors.push(FieldError::new("owner", "Choose a lead or name someone else, not both"));
            None
        }
    };
    let due = match (a.due_on, a.due_working_days) {
        (Some(on), None) if !crate::domain::typed_date::is_real(on) => {
            errors.push(FieldError::new("dueOn", "Enter the date it is due by, for example 20 11 2026"));
            None
        }
        (Some(on), None) if on < today => {
            errors.push(FieldError::new("dueOn", "Due date must be today or in the future"));
            None
        }
        (Some(on), None) => Some(Due::On(on)),
        (None, Some(n)) if n == 0 || n > MAX_WORKING_DAYS => {
            errors.push(FieldError::new(
                "dueWorkingDays",
                format!("Working days must be a number from 1 to {MAX_WORKING_DAYS}"),
            ));
            None
        }
        (None, Some(n)) => Some(Due::WorkingDays(n)),
        (None, None) => {
            errors.push(FieldError::new("dueOn", "Enter the date it is due by, or a number of working days"));
            None
        }
        (Some(_), Some(_)) => {
            errors.push(FieldError::new("dueOn", "Enter a due date or a number of working days, not both"));
            None
        }
    };
    Some(CheckedAssignment { owner: owner?, due: due? })
}

/// Who and by when, every problem at once.
pub fn check_reassignment(a: &Assignment, today: NaiveDate) -> Result<CheckedAssignment> {
    let mut errors = Vec::new();
    match check_assignment(a, today, &mut errors) {
        Some(checked) if errors.is_empty() => Ok(checked),
        _ => Err(Error::fields(errors)),
    }
}

/// A new action, every problem at once: what it is trimmed, who and by when resolved.
pub fn check_action(a: &NewAction, today: NaiveDate) -> Result<(String, CheckedAssignment)> {
    let mut errors = Vec::new();
    let what = a.what.trim();
    if what.is_empty() {
        errors.push(FieldError::new("what", "Enter what is to be done"));
    } else if what.chars().count() > MAX_WHAT {
        errors.push(FieldError::new("what", format!("What is to be done must be {MAX_WHAT} characters or fewer")));
    }
    let assignment = check_assignment(&a.assignment, today, &mut errors);
    match assignment {
        Some(checked) if errors.is_empty() => Ok((what.to_owned(), checked)),
        _ => Err(Error::fields(errors)),
    }
}

/// How an action ends: done or not needed, each with its note.
pub fn check_end(end: &ActionEnd) -> Result<(ActionState, String)> {
    let note = end.note.trim();
    let message = match end.state {
        ActionState::Open => return Err(Error::invalid("An action ends done or not needed.")),
        ActionState::Done if note.is_empty() => Some("Enter what was done"),
        ActionState::NotNeeded if note.is_empty() => Some("Enter why it is not needed"),
        _ if note.chars().count() > MAX_NOTE => {
            return Err(Error::fields(vec![FieldError::new(
                "note",
                format!("The note must be {MAX_NOTE} characters or fewer"),
            )]));
        }
        _ => None,
    };
    match message {
        Some(m) => Err(Error::fields(vec![FieldError::new("note", m)])),
        None => Ok((end.state, note.to_owned())),
    }
}

/// The reminder's words: a count and nothing else, never what an action is or whose case it
/// is, since an OS notification is read by whoever is near the screen.
pub fn reminder_words(due: u32) -> Option<String> {
    match due {
        0 => None,
        1 => Some("1 action due today or overdue".to_owned()),
        n => Some(format!("{n} actions due today or overdue")),
    }
}

/// The hour of the UK morning the day's reminder is given while the app is open.
pub const REMINDER_HOUR: u32 = 8;

/// When the next morning's reminder is due after `now`: 08:00 UK time today if that is still
/// ahead, or else tomorrow.
pub fn next_reminder(now: DateTime<Utc>) -> DateTime<Utc> {
    let eight = NaiveTime::from_hms_opt(REMINDER_HOUR, 0, 0).unwrap_or(NaiveTime::MIN);
    let today = crate::domain::calendar::uk_today(now);
    let at = crate::domain::calendar::uk_time(today, eight);
    if at > now { at } else { crate::domain::calendar::uk_time(today.succ_opt().unwrap_or(today), eight) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reminder_says_a_count_and_comes_at_eight_in_the_uk_morning() {
        assert_eq!(reminder_words(0), None);
        assert_eq!(reminder_words(1).as_deref(), Some("1 action due today or overdue"));
        assert_eq!(reminder_words(3).as_deref(), Some("3 actions due today or overdue"));
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        // Winter: UK time is UTC.
        assert_eq!(next_reminder(at("2026-12-07T07:59:00Z")), at("2026-12-07T08:00:00Z"));
        assert_eq!(next_reminder(at("2026-12-07T08:00:00Z")), at("2026-12-08T08:00:00Z"));
        // Summer: 08:00 BST is 07:00 UTC; and across the night the clocks go back.
        assert_eq!(next_reminder(at("2026-07-01T06:30:00Z")), at("2026-07-01T07:00:00Z"));
        assert_eq!(next_reminder(at("2026-10-24T12:00:00Z")), at("2026-10-25T08:00:00Z"));
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn fields(e: Error) -> Vec<String> {
        e.fields.into_iter().map(|f| f.field).collect()
    }

    #[test]
    fn every_problem_is_named_at_once() {
        let blank = NewAction::default();
        assert_eq!(fields(check_action(&blank, day("2026-12-07")).unwrap_err()), ["what", "owner", "dueOn"]);
        let both = NewAction {
            what: "x".repeat(501),
            entry_id: None,
            concern_id: None,
            assignment: Assignment {
                owner_lead_id: Some(1),
                owner_name: "Sam Patel".into(),
                owner_contact: String::new(),
                due_on: Some(day("2026-12-01")),
                due_working_days: None,
            },
        };
        assert_eq!(fields(check_action(&both, day("2026-12-07")).unwrap_err()), ["what", "owner", "dueOn"]);
    }

    #[test]
    fn an_action_is_a_leads_or_a_named_persons_with_a_date_or_working_days() {
        let today = day("2026-12-07");
        let to_lead = NewAction {
            what: "  Ask the nursery for attendance  ".into(),
            entry_id: Some(4),
            concern_id: None,
            assignment: Assignment { owner_lead_id: Some(2), due_working_days: Some(2), ..Assignment::default() },
        };
        let (what, checked) = check_action(&to_lead, today).unwrap();
        assert_eq!(
            (what.as_str(), checked.owner, checked.due),
            ("Ask the nursery for attendance", Owner::Lead(2), Due::WorkingDays(2))
        );
        let to_person = Assignment {
            owner_name: " Sam Patel ".into(),
            owner_contact: "Health visitor, 0117 496 0000".into(),
            due_on: Some(today),
            ..Assignment::default()
        };
        let checked = check_reassignment(&to_person, today).unwrap();
        assert_eq!(
            checked.owner,
            Owner::Person { name: "Sam Patel".into(), contact: "Health visitor, 0117 496 0000".into() }
        );
        assert_eq!(checked.due, Due::On(today));
        for n in [0, MAX_WORKING_DAYS + 1] {
            let a = Assignment { owner_lead_id: Some(1), due_working_days: Some(n), ..Assignment::default() };
            assert_eq!(fields(check_reassignment(&a, today).unwrap_err()), ["dueWorkingDays"]);
        }
    }

    #[test]
    fn an_action_ends_done_or_not_needed_with_its_note() {
        let done = ActionEnd { state: ActionState::Done, note: " Attendance 92% ".into() };
        assert_eq!(check_end(&done).unwrap(), (ActionState::Done, "Attendance 92%".to_owned()));
        let why = ActionEnd { state: ActionState::NotNeeded, note: " ".into() };
        assert_eq!(check_end(&why).unwrap_err().fields[0].message, "Enter why it is not needed");
        let open = ActionEnd { state: ActionState::Open, note: "x".into() };
        assert!(check_end(&open).is_err());
    }
}
