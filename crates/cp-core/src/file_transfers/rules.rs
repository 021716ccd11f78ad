//! A child protection file moving on (KCSIE Annex C: the file goes to the new setting's DSL
//! separately from the main pupil file, securely, with confirmation of receipt, within five
//! school days). Pure rules: what a lead typed to send a file or record its receipt, and the
//! clock.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::calendar::Holidays;
use crate::domain::text::at_most;
use crate::domain::typed_date::is_real;
use crate::{Error, FieldError, Result};

/// The parts of a case's file a lead may send. The case's details and the people in it always
/// go; the lead chooses the rest (all of them unless they say otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Chronology,
    Plans,
    Levels,
    Concerns,
    Actions,
    Flags,
}

crate::labels!(Section {
    Chronology => "The whole chronology, with every revision",
    Plans => "Plans",
    Levels => "Level history with its evidence",
    Concerns => "Concerns raised on the case",
    Actions => "Actions",
    Flags => "Warnings (flags)",
});

/// How the file went to the new setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum SentHow {
    /// The encrypted package, by email or the local authority's secure transfer service; the
    /// passphrase by phone.
    Package,
    PaperByHand,
    PaperByPost,
}

crate::labels!(SentHow {
    Package => "Encrypted package (passphrase given by phone)",
    PaperByHand => "Paper file, handed over in person",
    PaperByPost => "Paper file, by recorded delivery",
});

/// Working days from the confirmed move by which the file must have reached the new setting
/// (KCSIE Annex C: "within 5 days for an in-year transfer"), unless Settings say otherwise.
pub const DEFAULT_DAYS: u32 = 5;
/// The setting that holds the number of working days (a whole number, 1 to 15).
pub const DAYS_SETTING: &str = "file_transfer_days";
/// The setting that says whether the organisation keeps its copy of a file it has sent
/// ("yes" or "no"; KCSIE Annex C leaves it to local practice). Kept unless Settings say not.
pub const KEEP_COPY_SETTING: &str = "file_transfer_keep_copy";
/// After a chase, the next is due this many working days later if no receipt has come.
pub const CHASE_AGAIN_AFTER: u32 = 2;

const MAX_SETTING_CHARS: usize = 200;
const MAX_CONTACT_CHARS: usize = 500;

/// What a lead gives to send a case's file (or one child's).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewTransfer {
    /// One child's file only; the whole case's when none.
    #[ts(type = "number | null")]
    pub child: Option<i64>,
    /// The receiving setting's name.
    pub setting: String,
    /// Its designated safeguarding lead.
    pub dsl: String,
    /// How to reach them: phone, secure email, address.
    pub contact: String,
    #[serde(deserialize_with = "crate::domain::typed_date::required")]
    #[ts(type = "string | null")]
    pub move_confirmed_on: NaiveDate,
    pub sections: Vec<Section>,
    pub sent_how: SentHow,
}

pub fn check_transfer(t: &NewTransfer, today: NaiveDate) -> Result<NewTransfer> {
    let mut errors = Vec::new();
    for (field, value, missing, most, name) in [
        (
            "transferSetting",
            &t.setting,
            "Enter the name of the child's new setting",
            MAX_SETTING_CHARS,
            "The setting's name",
        ),
        (
            "transferDsl",
            &t.dsl,
            "Enter the name of the new setting's designated safeguarding lead",
            MAX_SETTING_CHARS,
            "The DSL's name",
        ),
        (
            "transferContact",
            &t.contact,
            "Enter how to reach the new setting's DSL",
            MAX_CONTACT_CHARS,
            "How to reach them",
        ),
    ] {
        if value.trim().is_empty() {
            errors.push(FieldError::new(field, missing));
        }
        at_most(&mut errors, field, value, most, name);
    }
    if !is_real(t.move_confirmed_on) {
        errors.push(FieldError::new("moveConfirmedOn", "Enter the date the move was confirmed, for example 27 3 2026"));
    } else if t.move_confirmed_on > today {
        errors.push(FieldError::new("moveConfirmedOn", "The date the move was confirmed must be today or in the past"));
    }
    if t.sections.is_empty() {
        errors.push(FieldError::new("transferSections", "Choose what goes with the file"));
    }
    if !errors.is_empty() {
        return Err(Error::fields(errors));
    }
    let mut sections = t.sections.clone();
    sections.sort();
    sections.dedup();
    Ok(NewTransfer {
        child: t.child,
        setting: t.setting.trim().to_owned(),
        dsl: t.dsl.trim().to_owned(),
        contact: t.contact.trim().to_owned(),
        move_confirmed_on: t.move_confirmed_on,
        sections,
        sent_how: t.sent_how,
    })
}

/// The day the file must have reached the new setting: `days` working days after the move
/// was confirmed, on the case's calendar (bank holidays and the organisation's own closures).
pub fn due_on(calendar: &Holidays, move_confirmed_on: NaiveDate, days: u32) -> NaiveDate {
    calendar.add_working_days(move_confirmed_on, days)
}

/// When to chase a transfer with no receipt: on its due date, then `CHASE_AGAIN_AFTER`
/// working days after the last chase. `None` once the receipt is recorded.
pub fn chase_on(
    calendar: &Holidays,
    due_on: NaiveDate,
    last_chase: Option<NaiveDate>,
    received: bool,
) -> Option<NaiveDate> {
    if received {
        return None;
    }
    Some(match last_chase {
        Some(chased) => calendar.add_working_days(chased, CHASE_AGAIN_AFTER).max(due_on),
        None => due_on,
    })
}

pub fn check_days(days: u32) -> Result<u32> {
    if (1..=15).contains(&days) {
        Ok(days)
    } else {
        Err(Error::fields(vec![FieldError::new("transferDays", "Enter a number of working days from 1 to 15")]))
    }
}

/// The receiving setting's confirmation that the file arrived.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Receipt {
    #[serde(deserialize_with = "crate::domain::typed_date::required")]
    #[ts(type = "string | null")]
    pub received_on: NaiveDate,
    /// Who confirmed it: their name and setting, as on the signed slip or their email.
    pub confirmed_by: String,
}

pub fn check_receipt(r: &Receipt, sent_on: NaiveDate, today: NaiveDate) -> Result<Receipt> {
    let mut errors = Vec::new();
    if !is_real(r.received_on) {
        errors.push(FieldError::new("receiptOn", "Enter the date the file was received, for example 27 3 2026"));
    } else if r.received_on > today {
        errors.push(FieldError::new("receiptOn", "The date the file was received must be today or in the past"));
    } else if r.received_on < sent_on {
        errors.push(FieldError::new("receiptOn", "The file cannot have been received before it was sent"));
    }
    if r.confirmed_by.trim().is_empty() {
        errors.push(FieldError::new("confirmedBy", "Enter who confirmed the file arrived"));
    }
    at_most(&mut errors, "confirmedBy", &r.confirmed_by, MAX_SETTING_CHARS, "Who confirmed it");
    if errors.is_empty() {
        Ok(Receipt { received_on: r.received_on, confirmed_by: r.confirmed_by.trim().to_owned() })
    } else {
        Err(Error::fields(errors))
    }
}

/// A chase of a transfer with no receipt: when, and what was done (a call, an email).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Chase {
    #[serde(deserialize_with = "crate::domain::typed_date::required")]
    #[ts(type = "string | null")]
    pub chased_on: NaiveDate,
    pub note: String,
}

pub fn check_chase(c: &Chase, sent_on: NaiveDate, today: NaiveDate) -> Result<Chase> {
    let mut errors = Vec::new();
    if !is_real(c.chased_on) {
        errors.push(FieldError::new("chasedOn", "Enter the date of the chase, for example 27 3 2026"));
    } else if c.chased_on > today {
        errors.push(FieldError::new("chasedOn", "The date of the chase must be today or in the past"));
    } else if c.chased_on < sent_on {
        errors.push(FieldError::new("chasedOn", "A chase cannot be before the file was sent"));
    }
    if c.note.trim().is_empty() {
        errors
            .push(FieldError::new("chaseNote", "Say how the new setting was chased, for example \"Phoned their DSL\""));
    }
    at_most(&mut errors, "chaseNote", &c.note, MAX_CONTACT_CHARS, "What was done");
    if errors.is_empty() {
        Ok(Chase { chased_on: c.chased_on, note: c.note.trim().to_owned() })
    } else {
        Err(Error::fields(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::Nation;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn five_working_days_step_over_a_weekend_and_a_bank_holiday() {
        let england = Holidays::for_nation(Nation::EnglandAndWales, &[]);
        // Confirmed on Thursday 21 May 2026; Monday 25 May is the spring bank holiday.
        assert_eq!(due_on(&england, d("2026-05-21"), DEFAULT_DAYS), d("2026-05-29"));
        // The same week without a holiday: Thursday to the next Thursday.
        assert_eq!(due_on(&england, d("2026-06-04"), DEFAULT_DAYS), d("2026-06-11"));
    }

    #[test]
    fn a_transfer_is_chased_on_its_due_date_then_two_working_days_after_each_chase() {
        let england = Holidays::for_nation(Nation::EnglandAndWales, &[]);
        let due = d("2026-06-11");
        assert_eq!(chase_on(&england, due, None, false), Some(due));
        // Chased on Friday 12 June: next on Tuesday 16 June.
        assert_eq!(chase_on(&england, due, Some(d("2026-06-12")), false), Some(d("2026-06-16")));
        // A chase before the due date does not bring the due date forward.
        assert_eq!(chase_on(&england, due, Some(d("2026-06-05")), false), Some(due));
        assert_eq!(chase_on(&england, due, None, true), None);
    }

    #[test]
    fn a_transfer_names_every_missing_field_at_once() {
        let t = NewTransfer {
            child: None,
            setting: " ".into(),
            dsl: String::new(),
            contact: "01632 960000".into(),
            move_confirmed_on: d("2026-12-07"),
            sections: vec![],
            sent_how: SentHow::Package,
        };
        let fields: Vec<String> =
            check_transfer(&t, d("2026-12-06")).unwrap_err().fields.into_iter().map(|f| f.field).collect();
        assert_eq!(fields, ["transferSetting", "transferDsl", "moveConfirmedOn", "transferSections"]);
    }

    #[test]
    fn a_receipt_cannot_come_before_the_file_went() {
        let r = Receipt { received_on: d("2026-06-03"), confirmed_by: "A. Khan, Oak Primary".into() };
        assert!(check_receipt(&r, d("2026-06-04"), d("2026-06-10")).is_err());
        assert!(check_receipt(&r, d("2026-06-03"), d("2026-06-10")).is_ok());
    }
}
