//! The rules for a case's details, level, closure, reopening and archiving (seed 000;
//! DOMAIN.md "Status and level"). Pure: every function takes the facts and "today" and says
//! yes, or why not.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::calendar::Nation;
pub use crate::domain::case::{ARCHIVE_AFTER_MONTHS, Level, Status};
use crate::domain::label::Label;
use crate::domain::typed_date::is_real;
use crate::{Error, ErrorCode, FieldError, Result};

/// The shortest evidence accepted for a level change: a sentence, not a word.
pub const MIN_EVIDENCE_CHARS: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum ClosureReason {
    MovedFromArea,
    PerpetratorImprisoned,
    RelationshipEnded,
    LongPeriodOfImprovement,
    TransferredToAnotherAgency,
    Other,
}

crate::labels!(ClosureReason {
    MovedFromArea => "Moved from the area",
    PerpetratorImprisoned => "Perpetrator imprisoned",
    RelationshipEnded => "Relationship ended (domestic abuse)",
    LongPeriodOfImprovement => "Long period of improvement",
    TransferredToAnotherAgency => "Transferred to another agency",
    Other => "Other",
});

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LevelChange {
    pub to: Level,
    pub evidence: String,
    #[serde(deserialize_with = "crate::domain::typed_date::required")]
    #[ts(type = "string | null")]
    pub effective: NaiveDate,
    /// Chronology entries of the case the change rests on.
    #[serde(default)]
    #[ts(type = "number[]")]
    pub entries: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Closure {
    pub reason: ClosureReason,
    /// Required for "moved from the area" (e.g. the new address or authority informed) and
    /// for "other" (what the reason is).
    pub reason_detail: String,
    pub closing_note: String,
    #[serde(deserialize_with = "crate::domain::typed_date::required")]
    #[ts(type = "string | null")]
    pub closed_on: NaiveDate,
}

/// What a lead can fill in or correct after opening a case: who the lead social worker is,
/// the local authority, the allocated lead and the Children's Centre registration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseDetails {
    #[ts(type = "number | null")]
    pub allocated_lead_id: Option<i64>,
    pub local_authority: String,
    pub social_worker_name: String,
    pub social_worker_team: String,
    pub social_worker_phone: String,
    pub social_worker_email: String,
    /// Asked when the family was identified at a safeguarding meeting: `None` when not asked.
    pub cc_registration: Option<bool>,
    #[serde(default, deserialize_with = "crate::domain::typed_date::optional")]
    #[ts(type = "string | null")]
    pub cc_registration_on: Option<NaiveDate>,
    /// Whose bank holidays the case's working days skip.
    #[serde(default)]
    pub nation: Nation,
    /// The details' version as read: a save names the version it began from, so one made
    /// meanwhile by another lead is not silently overwritten.
    #[serde(default)]
    #[ts(type = "number")]
    pub version: i64,
}

impl CaseDetails {
    /// The lead social worker in one line: name, team, phone and email, those recorded.
    pub fn social_worker_line(&self) -> String {
        [&self.social_worker_name, &self.social_worker_team, &self.social_worker_phone, &self.social_worker_email]
            .into_iter()
            .filter(|s| !s.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    }
}

const MAX_DETAIL_CHARS: usize = 200;

/// The details were changed by someone else after the lead began changing them: nothing is
/// saved, and the lead is told who and when, and what they can do.
pub fn edited_meanwhile(by: Option<&str>, at: Option<crate::clock::Stamp>) -> Error {
    let who = by.unwrap_or("Someone else");
    let when = at.map(|at| format!(" ({})", at.uk_time_and_date())).unwrap_or_default();
    Error::new(
        ErrorCode::EditConflict,
        format!(
            "{who} changed this case's details{when} after you began changing them, so yours were not saved. What \
             you typed is still in the form, and the details as now saved are shown above it: save again to replace \
             them with yours, or cancel to keep them."
        ),
    )
}

/// Checks the details; returns them trimmed, with no registration date unless registered.
pub fn check_details(d: &CaseDetails, today: NaiveDate) -> Result<CaseDetails> {
    let mut errors = Vec::new();
    let fields = [
        ("localAuthority", &d.local_authority, "Local authority"),
        ("socialWorkerName", &d.social_worker_name, "The social worker's name"),
        ("socialWorkerTeam", &d.social_worker_team, "The social worker's team"),
        ("socialWorkerPhone", &d.social_worker_phone, "The social worker's phone"),
        ("socialWorkerEmail", &d.social_worker_email, "The social worker's email"),
    ];
    for (field, value, name) in fields {
        crate::domain::text::at_most(&mut errors, field, value, MAX_DETAIL_CHARS, name);
    }
    let phone = d.social_worker_phone.trim();
    if !phone.is_empty()
        && (!phone.chars().all(|c| c.is_ascii_digit() || " +()-".contains(c))
            || phone.chars().filter(char::is_ascii_digit).count() < 10)
    {
        errors.push(FieldError::new("socialWorkerPhone", "Enter a phone number, like 0117 922 2000"));
    }
    let email = d.social_worker_email.trim();
    let email_ok = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
    });
    if !email.is_empty() && (!email_ok || email.contains(char::is_whitespace)) {
        errors.push(FieldError::new("socialWorkerEmail", "Enter an email address, like name@council.gov.uk"));
    }
    match (d.cc_registration, d.cc_registration_on) {
        (Some(true), None) => {
            errors.push(FieldError::new("ccRegistrationOn", "Enter the date the registration form was completed"))
        }
        (Some(true), Some(on)) if !is_real(on) => errors.push(FieldError::new(
            "ccRegistrationOn",
            "Enter a real date the registration form was completed, for example 27 3 2026",
        )),
        (Some(true), Some(on)) if on > today => {
            errors.push(FieldError::new("ccRegistrationOn", "The registration date must be today or in the past"))
        }
        _ => {}
    }
    if !errors.is_empty() {
        return Err(Error::fields(errors));
    }
    Ok(CaseDetails {
        version: d.version,
        allocated_lead_id: d.allocated_lead_id,
        local_authority: d.local_authority.trim().to_owned(),
        social_worker_name: d.social_worker_name.trim().to_owned(),
        social_worker_team: d.social_worker_team.trim().to_owned(),
        social_worker_phone: phone.to_owned(),
        social_worker_email: email.to_owned(),
        cc_registration: d.cc_registration,
        cc_registration_on: if d.cc_registration == Some(true) { d.cc_registration_on } else { None },
        nation: d.nation,
    })
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// A level change on a case in `status`, from `from`, decided `today`.
pub fn check_level_change(status: Status, from: Level, change: &LevelChange, today: NaiveDate) -> Result<()> {
    if status != Status::Live {
        return Err(Error::invalid("Only a live case's level can change. Reopen the case first."));
    }
    let mut errors = Vec::new();
    if change.to == from {
        errors.push(FieldError::new("to", format!("The case is already at {}", from.label())));
    }
    let evidence = change.evidence.trim().chars().count();
    if evidence == 0 {
        errors.push(FieldError::new("evidence", "Enter the evidence for this change"));
    } else if evidence < MIN_EVIDENCE_CHARS {
        errors.push(FieldError::new(
            "evidence",
            format!("Evidence must be {MIN_EVIDENCE_CHARS} characters or more: say what was found"),
        ));
    }
    if !is_real(change.effective) {
        errors.push(FieldError::new("effective", "Enter the date the change takes effect, for example 27 3 2026"));
    } else if change.effective > today {
        errors.push(FieldError::new("effective", "The date the change takes effect must be today or in the past"));
    }
    if errors.is_empty() { Ok(()) } else { Err(Error::fields(errors)) }
}

pub fn check_closure(status: Status, closure: &Closure, opened_on: NaiveDate, today: NaiveDate) -> Result<()> {
    if status != Status::Live {
        return Err(Error::invalid("Only a live case can be closed."));
    }
    let mut errors = Vec::new();
    match closure.reason {
        ClosureReason::MovedFromArea if blank(&closure.reason_detail) => errors.push(FieldError::new(
            "reasonDetail",
            "Enter the evidence of the move, such as the new address or the local authority told",
        )),
        ClosureReason::Other if blank(&closure.reason_detail) => {
            errors.push(FieldError::new("reasonDetail", "Enter the reason for closing the case"))
        }
        _ => {}
    }
    if blank(&closure.closing_note) {
        errors.push(FieldError::new("closingNote", "Enter a closing note"));
    }
    if !is_real(closure.closed_on) {
        errors.push(FieldError::new("closedOn", "Enter the date the case closed, for example 27 3 2026"));
    } else if closure.closed_on > today {
        errors.push(FieldError::new("closedOn", "The closing date must be today or in the past"));
    } else if closure.closed_on < opened_on {
        errors.push(FieldError::new("closedOn", "The closing date must be on or after the date the case was opened"));
    }
    if errors.is_empty() { Ok(()) } else { Err(Error::fields(errors)) }
}

pub fn check_reopen(status: Status, reason: &str) -> Result<()> {
    match status {
        Status::Live => Err(Error::invalid("This case is already live.")),
        Status::Archived => Err(Error::invalid("An archived case cannot be reopened. Open a new case for the family.")),
        Status::Closed if blank(reason) => {
            Err(Error::fields(vec![FieldError::new("reason", "Enter why the case is being reopened")]))
        }
        Status::Closed => Ok(()),
    }
}

/// The day a case closed on `closed_on` is archived, `months` later (12 unless the
/// organisation changed it). 29 February closes to 28 February.
pub fn archive_due(closed_on: NaiveDate, months: u32) -> NaiveDate {
    closed_on.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX)
}

/// The last closing date whose case is archived on or before `by`: every case closed on or
/// before it is. The plain subtraction can fall short at month ends (31 March closes to
/// 30 April as 30 March does), so it steps on while the next day still archives in time.
pub fn latest_closure_archived_by(by: NaiveDate, months: u32) -> NaiveDate {
    let mut last = by.checked_sub_months(Months::new(months)).unwrap_or(NaiveDate::MIN);
    while let Some(next) = last.succ_opt()
        && archive_due(next, months) <= by
    {
        last = next;
    }
    last
}

pub fn should_archive(status: Status, closed_on: Option<NaiveDate>, today: NaiveDate, months: u32) -> bool {
    matches!((status, closed_on), (Status::Closed, Some(d)) if today >= archive_due(d, months))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn change(to: Level, evidence: &str, effective: &str) -> LevelChange {
        LevelChange { to, evidence: evidence.into(), effective: d(effective), entries: vec![] }
    }

    const EVIDENCE: &str = "Strategy discussion held; social care opened a Section 47 enquiry.";

    #[test]
    fn a_level_change_needs_real_evidence_and_a_past_date() {
        let today = d("2026-11-23");
        assert!(
            check_level_change(
                Status::Live,
                Level::Concern,
                &change(Level::Section47Enquiry, EVIDENCE, "2026-11-23"),
                today
            )
            .is_ok()
        );
        assert!(
            check_level_change(
                Status::Live,
                Level::LookedAfter,
                &change(Level::EarlyHelp, EVIDENCE, "2026-01-01"),
                today
            )
            .is_ok(),
            "down is allowed"
        );

        let err =
            check_level_change(Status::Live, Level::Concern, &change(Level::EarlyHelp, "   ", "2026-11-24"), today)
                .unwrap_err();
        let fields: Vec<&str> = err.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["evidence", "effective"]);
        let err = check_level_change(
            Status::Live,
            Level::Concern,
            &change(Level::EarlyHelp, "short note", "2026-11-01"),
            today,
        )
        .unwrap_err();
        assert!(err.fields[0].message.contains("20 characters"));
        let err =
            check_level_change(Status::Live, Level::Concern, &change(Level::Concern, EVIDENCE, "2026-11-01"), today)
                .unwrap_err();
        assert_eq!(err.fields[0].field, "to");
        assert!(
            check_level_change(
                Status::Closed,
                Level::Concern,
                &change(Level::EarlyHelp, EVIDENCE, "2026-11-01"),
                today
            )
            .is_err()
        );
    }

    fn closure(reason: ClosureReason, detail: &str, note: &str, on: &str) -> Closure {
        Closure { reason, reason_detail: detail.into(), closing_note: note.into(), closed_on: d(on) }
    }

    #[test]
    fn closure_reasons_that_need_detail_require_it() {
        let (opened, today) = (d("2025-01-10"), d("2026-11-23"));
        let moved = closure(ClosureReason::MovedFromArea, "", "Family moved to Leeds.", "2026-11-20");
        assert_eq!(check_closure(Status::Live, &moved, opened, today).unwrap_err().fields[0].field, "reasonDetail");
        let moved = closure(ClosureReason::MovedFromArea, "Leeds City Council informed 19/11", "Moved.", "2026-11-20");
        assert!(check_closure(Status::Live, &moved, opened, today).is_ok());
        let other = closure(ClosureReason::Other, " ", "x", "2026-11-20");
        assert_eq!(check_closure(Status::Live, &other, opened, today).unwrap_err().fields[0].field, "reasonDetail");
        let improved = closure(ClosureReason::LongPeriodOfImprovement, "", "", "2026-11-24");
        let fields: Vec<String> = check_closure(Status::Live, &improved, opened, today)
            .unwrap_err()
            .fields
            .into_iter()
            .map(|f| f.field)
            .collect();
        assert_eq!(fields, ["closingNote", "closedOn"]);
        let early = closure(ClosureReason::PerpetratorImprisoned, "", "Sentenced.", "2024-12-31");
        assert_eq!(check_closure(Status::Live, &early, opened, today).unwrap_err().fields[0].field, "closedOn");
        assert!(check_closure(Status::Archived, &moved, opened, today).is_err());
    }

    #[test]
    fn reopening_needs_a_reason_and_is_impossible_once_archived() {
        assert!(check_reopen(Status::Closed, "New concern from school").is_ok());
        assert_eq!(check_reopen(Status::Closed, "").unwrap_err().fields[0].field, "reason");
        assert!(check_reopen(Status::Archived, "x").unwrap_err().message.contains("archived"));
        assert!(check_reopen(Status::Live, "x").is_err());
    }

    #[test]
    fn archive_is_twelve_months_after_closure_across_leap_years() {
        assert_eq!(archive_due(d("2026-11-23"), ARCHIVE_AFTER_MONTHS), d("2027-11-23"));
        assert_eq!(archive_due(d("2028-02-29"), ARCHIVE_AFTER_MONTHS), d("2029-02-28"));
        assert_eq!(archive_due(d("2027-02-28"), ARCHIVE_AFTER_MONTHS), d("2028-02-28"));
        assert_eq!(archive_due(d("2027-03-01"), ARCHIVE_AFTER_MONTHS), d("2028-03-01"));
        assert!(!should_archive(Status::Closed, Some(d("2025-11-24")), d("2026-11-23"), ARCHIVE_AFTER_MONTHS));
        assert!(should_archive(Status::Closed, Some(d("2025-11-23")), d("2026-11-23"), ARCHIVE_AFTER_MONTHS));
        assert!(!should_archive(Status::Live, Some(d("2020-01-01")), d("2026-11-23"), ARCHIVE_AFTER_MONTHS));
        assert!(!should_archive(Status::Archived, Some(d("2020-01-01")), d("2026-11-23"), ARCHIVE_AFTER_MONTHS));
    }

    fn details() -> CaseDetails {
        CaseDetails {
            allocated_lead_id: Some(1),
            local_authority: " Bristol City Council ".into(),
            social_worker_name: "Amara Okafor".into(),
            social_worker_team: "North Safeguarding".into(),
            social_worker_phone: "0117 922 2000".into(),
            social_worker_email: "amara.okafor@bristol.gov.uk".into(),
            cc_registration: Some(true),
            cc_registration_on: Some(d("2026-11-02")),
            nation: Default::default(),
            version: 0,
        }
    }

    #[test]
    fn case_details_check_phone_email_and_registration_date() {
        let today = d("2026-11-23");
        assert_eq!(check_details(&details(), today).unwrap().local_authority, "Bristol City Council");
        let mut bad = details();
        bad.social_worker_phone = "call the office".into();
        bad.social_worker_email = "amara at bristol".into();
        bad.cc_registration_on = None;
        let fields: Vec<String> = check_details(&bad, today).unwrap_err().fields.into_iter().map(|f| f.field).collect();
        assert_eq!(fields, ["socialWorkerPhone", "socialWorkerEmail", "ccRegistrationOn"]);
        let mut not_registered = details();
        not_registered.cc_registration = Some(false);
        assert_eq!(check_details(&not_registered, today).unwrap().cc_registration_on, None);
        let mut blank = details();
        blank.social_worker_phone.clear();
        blank.social_worker_email.clear();
        assert!(check_details(&blank, today).is_ok(), "the social worker's contact can wait");
    }

    #[test]
    fn levels_are_ordered_lowest_to_highest() {
        assert!(Level::Concern < Level::EarlyHelp);
        assert!(Level::ChildProtectionPlan < Level::LookedAfter);
    }
    #[test]
    fn latest_closure_archived_by_matches_every_day() {
        for months in [1, 6, 12, 13] {
            let mut by = d("2027-01-01");
            while by <= d("2029-01-01") {
                let last = latest_closure_archived_by(by, months);
                assert!(archive_due(last, months) <= by, "{last} archives after {by}");
                let next = last.succ_opt().unwrap();
                assert!(archive_due(next, months) > by, "{next} also archives by {by}");
                by = by.succ_opt().unwrap();
            }
        }
    }
}
