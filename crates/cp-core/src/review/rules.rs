//! The weekly review (seed 000 ii–iii): each lead reviews every case that was live at any
//! point of an ISO week, records an outcome for each, and signs the week off.
//!
//! Mid-week changes: a case opened during the week joins that week's checklist (marked with
//! its opening day); a case closed during the week stays on it (marked with its closing day),
//! so its last days are reviewed; a case closed before the week began is not on it, and one
//! reopened is on it again. Pure: the case's dates and the week go in.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::calendar::Week;
use crate::domain::case::Status;
use crate::{Error, FieldError, Result};

pub const MAX_NOTE_CHARS: usize = 5_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum Outcome {
    NoChange,
    FurtherAction,
}

crate::labels!(Outcome { NoChange => "No change", FurtherAction => "Further action needed" });

/// Why a case is on a week's checklist, when it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Presence {
    pub opened_in_week: Option<NaiveDate>,
    pub closed_in_week: Option<NaiveDate>,
}

/// Whether a case (opened, perhaps closed on `closed_on`, now in `status`) was live at any
/// point of `week`.
pub fn presence(opened_on: NaiveDate, status: Status, closed_on: Option<NaiveDate>, week: Week) -> Option<Presence> {
    let (monday, sunday) = (week.monday(), week.sunday());
    if opened_on > sunday {
        return None;
    }
    let closed_on = if status == Status::Live { None } else { closed_on };
    if closed_on.is_some_and(|c| c < monday) {
        return None;
    }
    Some(Presence {
        opened_in_week: Some(opened_on).filter(|o| *o >= monday),
        closed_in_week: closed_on.filter(|c| *c <= sunday),
    })
}

/// A week can be reviewed once it has begun.
pub fn check_week_started(week: Week, today: NaiveDate) -> Result<()> {
    if week.monday() > today {
        return Err(Error::invalid("That week has not started yet."));
    }
    Ok(())
}

/// "Further action needed" needs the issue, concern or question; returns the note trimmed.
pub fn check_outcome(outcome: Outcome, note: &str) -> Result<String> {
    let note = note.trim();
    if outcome == Outcome::FurtherAction && note.is_empty() {
        return Err(Error::fields(vec![FieldError::new(
            "note",
            "Enter the issue, concern or question that needs action",
        )]));
    }
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(Error::fields(vec![FieldError::new(
            "note",
            format!("The note must be {MAX_NOTE_CHARS} characters or fewer"),
        )]));
    }
    Ok(note.to_owned())
}

pub fn check_sign_off(total: usize, done: usize, signed_off: bool) -> Result<()> {
    if signed_off {
        return Err(Error::invalid("You have already signed off this week."));
    }
    if done < total {
        let left = total - done;
        return Err(Error::invalid(format!(
            "{left} {} still to review before you can sign off the week.",
            if left == 1 { "case is" } else { "cases are" }
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn w48() -> Week {
        Week::parse("2026-W48").unwrap() // Monday 23 to Sunday 29 November 2026
    }

    #[test]
    fn cases_live_at_any_point_of_the_week_are_on_its_checklist() {
        let open_all_week = presence(d("2026-01-05"), Status::Live, None, w48()).unwrap();
        assert_eq!(open_all_week, Presence { opened_in_week: None, closed_in_week: None });
        let opened_wednesday = presence(d("2026-11-25"), Status::Live, None, w48()).unwrap();
        assert_eq!(opened_wednesday.opened_in_week, Some(d("2026-11-25")));
        let opened_sunday = presence(d("2026-11-29"), Status::Live, None, w48()).unwrap();
        assert_eq!(opened_sunday.opened_in_week, Some(d("2026-11-29")));
        assert_eq!(presence(d("2026-11-30"), Status::Live, None, w48()), None, "opened the next Monday");
        let closed_tuesday = presence(d("2026-01-05"), Status::Closed, Some(d("2026-11-24")), w48()).unwrap();
        assert_eq!(closed_tuesday.closed_in_week, Some(d("2026-11-24")));
        assert_eq!(
            presence(d("2026-01-05"), Status::Closed, Some(d("2026-11-22")), w48()),
            None,
            "closed the Sunday before"
        );
        let closed_monday = presence(d("2026-01-05"), Status::Closed, Some(d("2026-11-23")), w48());
        assert!(closed_monday.is_some(), "live on Monday morning");
        let closed_later = presence(d("2026-01-05"), Status::Closed, Some(d("2026-12-02")), w48()).unwrap();
        assert_eq!(closed_later.closed_in_week, None, "closed after the week: live all of it");
        assert!(presence(d("2025-01-05"), Status::Archived, Some(d("2025-06-01")), w48()).is_none());
    }

    #[test]
    fn weeks_across_a_year_end() {
        let w53 = Week::parse("2026-W53").unwrap(); // 28 December 2026 to 3 January 2027
        assert!(presence(d("2027-01-02"), Status::Live, None, w53).unwrap().opened_in_week.is_some());
        assert!(presence(d("2027-01-04"), Status::Live, None, w53).is_none());
        assert!(check_week_started(w53, d("2026-12-28")).is_ok());
        assert!(check_week_started(w53, d("2026-12-27")).is_err());
    }

    #[test]
    fn further_action_needs_its_note_and_sign_off_needs_every_case() {
        assert_eq!(check_outcome(Outcome::NoChange, "  ").unwrap(), "");
        assert_eq!(check_outcome(Outcome::FurtherAction, " ").unwrap_err().fields[0].field, "note");
        assert_eq!(check_outcome(Outcome::FurtherAction, " Ask school ").unwrap(), "Ask school");
        assert!(check_sign_off(3, 3, false).is_ok());
        assert!(check_sign_off(0, 0, false).is_ok(), "a week with no live cases can be signed off");
        assert!(check_sign_off(3, 2, false).unwrap_err().message.contains("1 case is still"));
        assert!(check_sign_off(3, 3, true).is_err());
    }
}
