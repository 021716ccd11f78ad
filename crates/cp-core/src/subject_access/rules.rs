//! Subject access requests (UK GDPR article 15): the clock, what a lead types, and the
//! redactions, applied to a record's text so that what is withheld is gone from it and a
//! marker with its reason stands in its place. Pure.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::calendar::Holidays;
use crate::domain::typed_date::is_real;
use crate::{Error, FieldError, Result};

/// Who asked for their records; stored as the snake_case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum Requester {
    /// A parent, for themselves or for a child too young to ask.
    Parent,
    /// The young person, about themselves.
    YoungPerson,
    /// Someone acting for them with their written authority (a solicitor).
    Representative,
}

crate::labels!(Requester {
    Parent => "A parent or carer",
    YoungPerson => "The young person",
    Representative => "Someone acting for them (with written authority)",
});

/// Why text is withheld from the released copy; stored as the snake_case name. Each has the
/// code the copy prints where the text was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum Reason {
    /// Information about someone else (Data Protection Act 2018, schedule 2, part 3, 16).
    ThirdParty,
    /// It would be likely to cause serious harm to someone's physical or mental health
    /// (schedule 3, part 5: the serious harm test for social work data).
    SeriousHarm,
    /// The prevention or detection of crime (schedule 2, part 1, 2).
    CrimePrevention,
    /// Legal professional privilege (schedule 2, part 4, 19).
    LegalPrivilege,
    Other,
}

crate::labels!(Reason {
    ThirdParty => "Information about someone else (third party)",
    SeriousHarm => "Likely to cause serious harm",
    CrimePrevention => "Prevention or detection of crime",
    LegalPrivilege => "Legal professional privilege",
    Other => "Another exemption (recorded with the request)",
});

impl Reason {
    /// The code printed in place of the withheld text.
    pub fn code(self) -> &'static str {
        match self {
            Self::ThirdParty => "TP",
            Self::SeriousHarm => "SH",
            Self::CrimePrevention => "CR",
            Self::LegalPrivilege => "LP",
            Self::Other => "OT",
        }
    }

    pub const ALL: [Reason; 5] =
        [Self::ThirdParty, Self::SeriousHarm, Self::CrimePrevention, Self::LegalPrivilege, Self::Other];
}

/// A request as a lead records it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewRequest {
    /// Who asked, by name.
    pub requester_name: String,
    pub requester: Requester,
    #[serde(deserialize_with = "crate::domain::typed_date::required")]
    #[ts(type = "string | null")]
    pub received_on: NaiveDate,
    /// When their identity was confirmed, if it has been; the month runs from then if later.
    #[serde(default, deserialize_with = "crate::domain::typed_date::optional")]
    #[ts(type = "string | null")]
    pub identity_checked_on: Option<NaiveDate>,
    /// How: "Passport seen", "Known to staff, asked in person".
    pub identity_how: String,
    /// The child of the case whose records are asked for; none for the whole family's file.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub person_id: Option<i64>,
}

const MAX_NAME_CHARS: usize = 200;
const MAX_TEXT_CHARS: usize = 1000;

pub fn check_request(r: &NewRequest, today: NaiveDate) -> Result<NewRequest> {
    let mut errors = Vec::new();
    let name = r.requester_name.trim();
    if name.is_empty() {
        errors.push(FieldError::new("sarRequester", "Enter who asked for their records"));
    } else if name.chars().count() > MAX_NAME_CHARS {
        errors.push(FieldError::new("sarRequester", format!("The name must be {MAX_NAME_CHARS} characters or fewer")));
    }
    if !is_real(r.received_on) {
        errors.push(FieldError::new("sarReceivedOn", "Enter the date the request was received, for example 27 3 2026"));
    } else if r.received_on > today {
        errors.push(FieldError::new("sarReceivedOn", "The date the request was received must be today or in the past"));
    }
    if let Some(checked) = r.identity_checked_on {
        if !is_real(checked) || checked > today {
            errors.push(FieldError::new(
                "sarIdentityOn",
                "The date their identity was checked must be today or in the past",
            ));
        } else if is_real(r.received_on) && checked < r.received_on {
            errors.push(FieldError::new("sarIdentityOn", "Their identity cannot be checked before the request came"));
        }
        if r.identity_how.trim().is_empty() {
            errors.push(FieldError::new("sarIdentityHow", "Enter how their identity was checked"));
        }
    }
    if r.identity_how.chars().count() > MAX_TEXT_CHARS {
        errors.push(FieldError::new("sarIdentityHow", format!("This must be {MAX_TEXT_CHARS} characters or fewer")));
    }
    if !errors.is_empty() {
        return Err(Error::fields(errors));
    }
    Ok(NewRequest {
        requester_name: name.to_owned(),
        requester: r.requester,
        received_on: r.received_on,
        identity_checked_on: r.identity_checked_on,
        identity_how: r.identity_how.trim().to_owned(),
        person_id: r.person_id,
    })
}

/// When the reply is due (ICO, "Time limits for responding"): one calendar month from the day
/// the request came, or the day the requester's identity was confirmed if later; to the same
/// date next month, or its last day when it has no such date; on to the next working day when
/// that is a weekend or bank holiday. An extension, for a complex request, adds two months more.
pub fn due_on(
    calendar: &Holidays,
    received_on: NaiveDate,
    identity_on: Option<NaiveDate>,
    extended: bool,
) -> NaiveDate {
    let start = identity_on.map_or(received_on, |i| i.max(received_on));
    let months = if extended { 3 } else { 1 };
    let mut day = start.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX);
    while !calendar.is_working_day(day) && day < NaiveDate::MAX {
        day = day.succ_opt().unwrap_or(NaiveDate::MAX);
    }
    day
}

pub fn check_extension(reason: &str) -> Result<String> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::fields(vec![FieldError::new("sarExtension", "Enter why the request needs longer")]));
    }
    if reason.chars().count() > MAX_TEXT_CHARS {
        return Err(Error::fields(vec![FieldError::new(
            "sarExtension",
            format!("This must be {MAX_TEXT_CHARS} characters or fewer"),
        )]));
    }
    Ok(reason.to_owned())
}

/// Text to withhold wherever it appears in the case's records, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Redaction {
    pub text: String,
    pub reason: Reason,
}

pub fn check_redaction(r: &Redaction) -> Result<Redaction> {
    let text = r.text.trim();
    if text.chars().count() < 2 {
        return Err(Error::fields(vec![FieldError::new("redactionText", "Enter the words to withhold")]));
    }
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(Error::fields(vec![FieldError::new(
            "redactionText",
            format!("The words must be {MAX_TEXT_CHARS} characters or fewer"),
        )]));
    }
    Ok(Redaction { text: text.to_owned(), reason: r.reason })
}

/// The marker printed where withheld text was.
pub fn marker(reason: Reason) -> String {
    format!("[withheld: {}]", reason.code())
}

/// `text` with every redaction's words taken out, whatever their case, and the marker of its
/// reason in their place. The longest words go first, so "Dave Smith" is withheld whole before
/// "Dave" is looked for; a marker is never searched again.
pub fn apply(text: &str, redactions: &[Redaction]) -> String {
    let mut order: Vec<&Redaction> = redactions.iter().filter(|r| !r.text.trim().is_empty()).collect();
    order.sort_by_key(|r| std::cmp::Reverse(r.text.chars().count()));
    // Pieces of the text: (is it a marker already, the piece).
    let mut pieces: Vec<(bool, String)> = vec![(false, text.to_owned())];
    for r in order {
        let needle = r.text.trim().to_lowercase();
        let mut next = Vec::new();
        for (is_marker, piece) in pieces {
            if is_marker {
                next.push((true, piece));
                continue;
            }
            let mut rest = piece.as_str();
            while let Some((at, len)) = find_ignoring_case(rest, &needle) {
                next.push((false, rest[..at].to_owned()));
                next.push((true, marker(r.reason)));
                rest = &rest[at + len..];
            }
            next.push((false, rest.to_owned()));
        }
        pieces = next;
    }
    pieces.into_iter().map(|(_, p)| p).collect()
}

/// The byte position and length in `haystack` of the first match of `needle` (lower case),
/// compared character by character in lower case, so the positions are `haystack`'s own.
fn find_ignoring_case(haystack: &str, needle: &str) -> Option<(usize, usize)> {
    let wanted: Vec<char> = needle.chars().collect();
    let chars: Vec<(usize, char)> = haystack.char_indices().collect();
    'start: for i in 0..chars.len() {
        let mut j = i;
        for w in &wanted {
            let (_, c) = chars.get(j)?;
            if !c.to_lowercase().eq(w.to_lowercase()) {
                continue 'start;
            }
            j += 1;
        }
        let start = chars[i].0;
        let end = chars.get(j).map_or(haystack.len(), |(at, _)| *at);
        return Some((start, end - start));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::Nation;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_month_runs_to_the_same_date_or_the_months_last_day_then_the_next_working_day() {
        let england = Holidays::for_nation(Nation::EnglandAndWales, &[]);
        // Received Tuesday 3 November 2026: due Thursday 3 December.
        assert_eq!(due_on(&england, d("2026-11-03"), None, false), d("2026-12-03"));
        // Received 31 January 2027: February has no 31st, so its last day (a Sunday): Monday.
        assert_eq!(due_on(&england, d("2027-01-31"), None, false), d("2027-03-01"));
        // Identity confirmed later: the month runs from then; 25 December is Christmas Day.
        assert_eq!(due_on(&england, d("2026-11-03"), Some(d("2026-11-25")), false), d("2026-12-29"));
        // Extended by two months.
        assert_eq!(due_on(&england, d("2026-11-03"), None, true), d("2027-02-03"));
    }

    #[test]
    fn withheld_words_are_gone_whatever_their_case_and_the_longest_first() {
        let r = |text: &str, reason| Redaction { text: text.into(), reason };
        let redactions = [
            r("Dave", Reason::ThirdParty),
            r("dave smith", Reason::ThirdParty),
            r("the police said", Reason::CrimePrevention),
        ];
        let out = apply("Mum said DAVE SMITH hit him; Dave left. The Police said nothing.", &redactions);
        assert_eq!(out, "Mum said [withheld: TP] hit him; [withheld: TP] left. [withheld: CR] nothing.");
        assert!(!out.to_lowercase().contains("dave"));
        // A marker is never searched again, and text without the words is as it was.
        assert_eq!(apply("withheld: TP", &[r("TP", Reason::Other)]), "withheld: [withheld: OT]");
        assert_eq!(apply("Łukasz cried", &[r("łukasz", Reason::ThirdParty)]), "[withheld: TP] cried");
        assert_eq!(apply("Nothing to hide", &redactions), "Nothing to hide");
    }
}
