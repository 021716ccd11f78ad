//! Allegations against staff or volunteers (seed 003; Working Together 2023 chapter 2 and
//! Keeping Children Safe in Education part 4): which harm test it may meet, who reported it
//! to whom, the LADO discussion, and the outcome. Records are kept until the person's normal
//! retirement age or for 10 years, whichever is longer; a false or malicious allegation may be
//! removed, leaving only the audit trace.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::text::required;
use crate::domain::typed_date::is_real;
use crate::{Error, FieldError, Result};

/// "Normal retirement age" for the retention rule: the State Pension age reached by most
/// staff now (rising to 67 between 2026 and 2028). Change here if the guidance changes.
pub const NORMAL_RETIREMENT_AGE: u32 = 67;
/// ... or this many years from the allegation, whichever is longer.
pub const RETENTION_YEARS: u32 = 10;
const MAX_TEXT: usize = 200;
const MAX_RECORD: usize = 20_000;

/// The three harm tests: the person may have harmed a child, committed an offence against
/// or related to a child, or behaved in a way that shows they may not be suitable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum HarmTest {
    HarmedChild,
    PossibleOffence,
    Unsuitable,
}

crate::labels!(HarmTest {
    HarmedChild => "May have harmed a child, or may harm a child",
    PossibleOffence => "May have committed a criminal offence against or related to a child",
    Unsuitable => "Has behaved in a way that shows they may not be suitable to work with children",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum FinalOutcome {
    Substantiated,
    Unsubstantiated,
    Unfounded,
    False,
    Malicious,
}

crate::labels!(FinalOutcome {
    Substantiated => "Substantiated",
    Unsubstantiated => "Unsubstantiated",
    Unfounded => "Unfounded",
    False => "False",
    Malicious => "Malicious",
});

impl FinalOutcome {
    /// The outcomes after which the record may be removed.
    pub fn removable(self) -> bool {
        matches!(self, Self::False | Self::Malicious)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewAllegation {
    pub person_name: String,
    pub person_role: String,
    pub setting: String,
    #[serde(default, deserialize_with = "crate::domain::typed_date::optional")]
    #[ts(type = "string | null")]
    pub person_dob: Option<NaiveDate>,
    pub harm_tests: Vec<HarmTest>,
    pub reported_by: String,
    /// The most senior person not implicated.
    pub reported_to: String,
    #[serde(deserialize_with = "crate::domain::typed_date::required")]
    #[ts(type = "string | null")]
    pub reported_on: NaiveDate,
    pub written_record: String,
    /// The lead the allegation is about, when it is about one of them: hidden from them.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub about_lead: Option<i64>,
}

pub fn check_allegation(a: &NewAllegation, today: NaiveDate) -> Result<NewAllegation> {
    let mut errors = Vec::new();
    required(
        &mut errors,
        "personName",
        &a.person_name,
        "Enter the name of the member of staff or volunteer",
        MAX_TEXT,
        "Their name",
    );
    required(&mut errors, "personRole", &a.person_role, "Enter their role", MAX_TEXT, "Their role");
    required(&mut errors, "setting", &a.setting, "Enter where they work", MAX_TEXT, "Where they work");
    if a.person_dob.is_some_and(|d| !is_real(d)) {
        errors.push(FieldError::new("personDob", "Enter a real date of birth, or leave it empty"));
    } else if a.person_dob.is_some_and(|d| d >= today) {
        errors.push(FieldError::new("personDob", "Date of birth must be in the past"));
    }
    if a.harm_tests.is_empty() {
        errors.push(FieldError::new("harmTests", "Choose which harm test it may meet"));
    }
    required(&mut errors, "reportedBy", &a.reported_by, "Enter who reported it", MAX_TEXT, "Who reported it");
    required(
        &mut errors,
        "reportedTo",
        &a.reported_to,
        "Enter who it was reported to",
        MAX_TEXT,
        "Who it was reported to",
    );
    if !is_real(a.reported_on) {
        errors.push(FieldError::new("reportedOn", "Enter the date it was reported, for example 20 11 2026"));
    } else if a.reported_on > today {
        errors.push(FieldError::new("reportedOn", "The date it was reported must be today or in the past"));
    }
    required(
        &mut errors,
        "writtenRecord",
        &a.written_record,
        "Enter the written record of the allegation",
        MAX_RECORD,
        "The written record",
    );
    if !errors.is_empty() {
        return Err(Error::fields(errors));
    }
    let mut tests = a.harm_tests.clone();
    tests.sort_unstable();
    tests.dedup();
    let t = |s: &String| s.trim().to_owned();
    Ok(NewAllegation {
        person_name: t(&a.person_name),
        person_role: t(&a.person_role),
        setting: t(&a.setting),
        harm_tests: tests,
        reported_by: t(&a.reported_by),
        reported_to: t(&a.reported_to),
        written_record: a.written_record.trim().to_owned(),
        ..a.clone()
    })
}

/// Kept until the person's normal retirement age or for 10 years from the report, whichever
/// is longer (10 years when the date of birth is not known).
pub fn retention_until(person_dob: Option<NaiveDate>, reported_on: NaiveDate) -> NaiveDate {
    retention_until_after(person_dob, reported_on, RETENTION_YEARS)
}

/// `retention_until` with the organisation's own number of years from the report (Settings).
pub fn retention_until_after(person_dob: Option<NaiveDate>, reported_on: NaiveDate, years: u32) -> NaiveDate {
    let from_report = reported_on.checked_add_months(Months::new(years.saturating_mul(12))).unwrap_or(NaiveDate::MAX);
    let retirement = person_dob.and_then(|d| d.checked_add_months(Months::new(NORMAL_RETIREMENT_AGE * 12)));
    retirement.map_or(from_report, |r| r.max(from_report))
}

/// The initial discussion with the LADO and whether the allegation meets the criteria
/// (then a multi-agency meeting follows; if not, the outcome is recorded here).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LadoDiscussion {
    #[serde(deserialize_with = "crate::domain::typed_date::required")]
    #[ts(type = "string | null")]
    pub on: NaiveDate,
    pub advice: String,
    pub meets_criteria: bool,
}

/// Where an allegation has got to, as the next step needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub reported_on: NaiveDate,
    pub lado_recorded: bool,
    pub outcome_recorded: bool,
}

fn step(field: &str, message: &str) -> Error {
    Error::fields(vec![FieldError::new(field, message)])
}

/// The LADO discussion: once, between the report and today, with the advice given.
pub fn check_lado(p: Progress, d: &LadoDiscussion, today: NaiveDate) -> Result<()> {
    if p.lado_recorded {
        return Err(Error::invalid("The discussion with the LADO is already recorded."));
    }
    let mut errors = Vec::new();
    if !is_real(d.on) {
        errors.push(FieldError::new("on", "Enter the date of the discussion, for example 21 11 2026"));
    } else if d.on > today || d.on < p.reported_on {
        errors.push(FieldError::new("on", "The date must be between the report and today"));
    }
    if d.advice.trim().is_empty() {
        errors.push(FieldError::new("advice", "Enter the LADO's advice"));
    }
    if errors.is_empty() { Ok(()) } else { Err(Error::fields(errors)) }
}

/// A further meeting: before the outcome, held by today, with what it decided. `held_on` is
/// none when the date's boxes did not make a date.
pub fn check_meeting(p: Progress, held_on: Option<NaiveDate>, note: &str, today: NaiveDate) -> Result<NaiveDate> {
    if p.outcome_recorded {
        return Err(Error::invalid("The outcome is recorded: no further meetings are added."));
    }
    let mut errors = Vec::new();
    let held = match held_on {
        None => Err(FieldError::new("heldOn", "Enter the date of the meeting, for example 21 11 2026")),
        Some(d) if d > today => Err(FieldError::new("heldOn", "The meeting date must be today or in the past")),
        Some(d) => Ok(d),
    };
    let held = held.map_err(|e| errors.push(e)).ok();
    if note.trim().is_empty() {
        errors.push(FieldError::new("note", "Enter what the meeting decided"));
    }
    match held {
        Some(d) if errors.is_empty() => Ok(d),
        _ => Err(Error::fields(errors)),
    }
}

/// The outcome: once, after the LADO discussion, by today.
pub fn check_outcome(p: Progress, on: NaiveDate, today: NaiveDate) -> Result<()> {
    if p.outcome_recorded {
        return Err(Error::invalid("The outcome is already recorded."));
    }
    if !p.lado_recorded {
        return Err(Error::invalid("Record the discussion with the LADO first."));
    }
    if on > today {
        return Err(step("outcomeOn", "The date of the outcome must be today or in the past"));
    }
    Ok(())
}

/// Only a false or malicious allegation is removed.
pub fn check_removal(outcome: Option<FinalOutcome>) -> Result<()> {
    if outcome.is_some_and(FinalOutcome::removable) {
        Ok(())
    } else {
        Err(Error::invalid("Only an allegation found to be false or malicious can be removed."))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn allegation() -> NewAllegation {
        NewAllegation {
            person_name: " Mark Ellis ".into(),
            person_role: "Play worker".into(),
            setting: "Saturday club".into(),
            person_dob: Some(d("1990-05-01")),
            harm_tests: vec![HarmTest::Unsuitable, HarmTest::HarmedChild, HarmTest::Unsuitable],
            reported_by: "Volunteer".into(),
            reported_to: "Centre manager".into(),
            reported_on: d("2026-11-20"),
            written_record: "Shouted at and grabbed a child's arm.".into(),
            about_lead: None,
        }
    }

    #[test]
    fn an_allegation_needs_a_harm_test_and_its_record() {
        let today = d("2026-11-23");
        let ok = check_allegation(&allegation(), today).unwrap();
        assert_eq!(ok.person_name, "Mark Ellis");
        assert_eq!(ok.harm_tests, [HarmTest::HarmedChild, HarmTest::Unsuitable]);
        let mut bad = allegation();
        bad.harm_tests.clear();
        bad.written_record = " ".into();
        bad.reported_on = d("2026-11-24");
        let fields: Vec<String> =
            check_allegation(&bad, today).unwrap_err().fields.into_iter().map(|f| f.field).collect();
        assert_eq!(fields, ["harmTests", "reportedOn", "writtenRecord"]);
    }

    #[test]
    fn kept_to_retirement_age_or_ten_years_whichever_is_longer() {
        assert_eq!(retention_until(Some(d("1990-05-01")), d("2026-11-20")), d("2057-05-01"), "retirement is later");
        assert_eq!(retention_until(Some(d("1961-03-01")), d("2026-11-20")), d("2036-11-20"), "ten years is later");
        assert_eq!(retention_until(None, d("2028-02-29")), d("2038-02-28"), "no date of birth: ten years, clamped");
        assert!(FinalOutcome::Malicious.removable() && FinalOutcome::False.removable());
        assert!(!FinalOutcome::Unfounded.removable());
    }
}
