//! How long a closed case's records are kept, and what the leads decided when that time came:
//! the rules as a table, each with its source and the setting that changes its years; a
//! case's review date from its youngest child's date of birth; and a case's standing in the
//! disposal review from the decisions made on it (keep for longer, legal hold, destroy). Pure:
//! dates and decisions go in, a standing comes out.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, FieldError, Result};

/// Which retention rule set a case's review date; stored as the snake_case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum RetentionRule {
    ChildProtectionFile,
    NoChildsBirthDate,
    AllegationAboutStaff,
}

crate::labels!(RetentionRule {
    ChildProtectionFile => "Child protection file: years from the youngest child's date of birth",
    NoChildsBirthDate => "A case with no child's date of birth: years from its closure",
    AllegationAboutStaff => "An allegation about staff: to normal pension age, or years from the allegation if later",
});

pub struct Retention {
    pub rule: RetentionRule,
    /// Where the period comes from, as the Settings screen and the removal log name it.
    pub source: &'static str,
    pub default_years: u32,
    /// The setting that holds the organisation's own number of years.
    pub setting: &'static str,
}

/// The rules, each named once with its source.
pub const RETENTION: &[Retention] = &[
    Retention {
        rule: RetentionRule::ChildProtectionFile,
        source: "IRMS Information Management Toolkit for Schools (2019), child protection files: the child's \
                 date of birth plus 25 years, then review",
        default_years: 25,
        setting: "retention_child_protection_file_years",
    },
    Retention {
        rule: RetentionRule::NoChildsBirthDate,
        source: "CP Tracker's rule where the toolkit's date cannot be known (no child's date of birth or expected \
                 date is recorded): the same 25 years, counted from the case's closure",
        default_years: 25,
        setting: "retention_no_birth_date_years",
    },
    Retention {
        rule: RetentionRule::AllegationAboutStaff,
        source: "IRMS Information Management Toolkit for Schools (2019) and Keeping Children Safe in Education, \
                 part four: an allegation about a member of staff is kept until their normal pension age or for 10 \
                 years from the allegation, whichever is longer (a false or malicious one is removed sooner)",
        default_years: 10,
        setting: "retention_allegation_years",
    },
];

/// The years a rule may be set to: at least the 6 years of the limitation period, at most a
/// lifetime.
pub const YEARS: std::ops::RangeInclusive<u32> = 6..=100;

pub fn retention(rule: RetentionRule) -> &'static Retention {
    RETENTION.iter().find(|r| r.rule == rule).unwrap_or(&RETENTION[0])
}

pub fn check_years(years: u32) -> Result<u32> {
    if YEARS.contains(&years) {
        Ok(years)
    } else {
        Err(Error::fields(vec![FieldError::new(
            "retentionYears",
            format!("Enter a number of years from {} to {}", YEARS.start(), YEARS.end()),
        )]))
    }
}

fn plus_years(day: NaiveDate, years: u32) -> NaiveDate {
    day.checked_add_months(Months::new(years.saturating_mul(12))).unwrap_or(NaiveDate::MAX)
}

/// When a closed case's records come up for review: its youngest child's date of birth (or
/// expected date) plus the rule's years, never before its closure; with no child's date at
/// all, its closure plus the other rule's years. `years` gives each rule's years.
pub fn review_on(
    youngest_born: Option<NaiveDate>,
    closed_on: NaiveDate,
    years: impl Fn(RetentionRule) -> u32,
) -> (RetentionRule, NaiveDate) {
    match youngest_born {
        Some(born) => {
            let rule = RetentionRule::ChildProtectionFile;
            (rule, plus_years(born, years(rule)).max(closed_on))
        }
        None => {
            let rule = RetentionRule::NoChildsBirthDate;
            (rule, plus_years(closed_on, years(rule)))
        }
    }
}

/// The latest date from which `years` can have run out by `today`: no day after it, plus
/// `years`, is on or before `today`. One month later than the exact inverse, which the end
/// of February makes uneven (29 February 2000 plus 25 years is 28 February 2025), so a date
/// near it errs towards being looked at. The disposal review reads from the indexes only the
/// cases with a child born, or a closure, on or before it; `review_on` then decides exactly.
pub fn can_have_run_out_since(today: NaiveDate, years: u32) -> NaiveDate {
    today.checked_sub_months(Months::new(years.saturating_mul(12).saturating_sub(1))).unwrap_or(NaiveDate::MIN)
}

/// What a lead decided about a case whose review came; stored as the snake_case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum Decision {
    /// Keep for another number of years, with the reason.
    Keep,
    /// A legal hold: under investigation or litigation, never destroyed while it stands.
    Hold,
    /// The hold lifted.
    Release,
    /// Destruction asked for: a second lead confirms it.
    Destroy,
}

crate::labels!(Decision {
    Keep => "Kept for longer",
    Hold => "Legal hold placed",
    Release => "Legal hold lifted",
    Destroy => "Destruction asked for",
});

/// One decision as the standing reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decided {
    pub decision: Decision,
    pub years: Option<u32>,
    pub on: NaiveDate,
    pub by: i64,
}

/// Where a case stands in the disposal review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "state", rename_all = "snake_case", rename_all_fields = "camelCase")]
pub enum Standing {
    /// Its review date has not come.
    NotYet,
    /// Its review date has come: keep it longer, hold it, or ask for it to be destroyed.
    Due,
    /// Under a legal hold: never destroyed while it stands.
    OnHold,
    /// One lead asked for it to be destroyed; another lead confirms.
    DestructionAsked {
        #[ts(type = "number")]
        by: i64,
    },
}

/// The case's review date after its decisions, and where it stands on `today`. A "keep"
/// counts its years from the day it was decided (or the review date, if later); a hold stands
/// until it is lifted and sets aside an asked destruction; a later "keep" or hold withdraws an
/// asked destruction.
pub fn standing(review_on: NaiveDate, decisions: &[Decided], today: NaiveDate) -> (NaiveDate, Standing) {
    let (mut review, mut hold, mut asked) = (review_on, false, None);
    for d in decisions {
        match d.decision {
            Decision::Keep => {
                review = plus_years(review.max(d.on), d.years.unwrap_or(0));
                asked = None;
            }
            Decision::Hold => {
                hold = true;
                asked = None;
            }
            Decision::Release => hold = false,
            Decision::Destroy => asked = Some(d.by),
        }
    }
    let standing = match (hold, asked) {
        (true, _) => Standing::OnHold,
        (false, Some(by)) => Standing::DestructionAsked { by },
        (false, None) if review <= today => Standing::Due,
        (false, None) => Standing::NotYet,
    };
    (review, standing)
}

/// A decision a lead typed: what, for how many years (keep), and why.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewDecision {
    pub decision: Decision,
    #[ts(type = "number | null")]
    pub years: Option<u32>,
    pub reason: String,
}

const MAX_REASON_CHARS: usize = 2000;

/// Whether `lead` may make `new` on a case standing as it does: the case's review must have
/// come for anything but a hold (a hold may be placed at any time), a held case can only be
/// released, and the second lead to ask for destruction must not be the first.
pub fn check_decision(new: &NewDecision, standing: Standing, lead: i64) -> Result<NewDecision> {
    let mut errors = Vec::new();
    let reason = new.reason.trim();
    let needs_reason = new.decision != Decision::Destroy || !matches!(standing, Standing::DestructionAsked { .. });
    if needs_reason && reason.is_empty() {
        let why = match new.decision {
            Decision::Keep => "Enter why the records are kept for longer",
            Decision::Hold => "Enter why the records are held, for example the investigation or claim",
            Decision::Release => "Enter why the legal hold is lifted",
            Decision::Destroy => "Enter why the records can be destroyed, for example no open matters",
        };
        errors.push(FieldError::new("retentionReason", why));
    }
    if reason.chars().count() > MAX_REASON_CHARS {
        errors.push(FieldError::new(
            "retentionReason",
            format!("The reason must be {MAX_REASON_CHARS} characters or fewer"),
        ));
    }
    let years = match new.decision {
        Decision::Keep => match new.years {
            Some(y) if (1..=25).contains(&y) => Some(y),
            _ => {
                errors.push(FieldError::new("retentionYears", "Enter how many more years to keep them, from 1 to 25"));
                None
            }
        },
        _ => None,
    };
    if !errors.is_empty() {
        return Err(Error::fields(errors));
    }
    let refused = match (new.decision, standing) {
        (Decision::Release, Standing::OnHold) => None,
        (Decision::Release, _) => Some("These records are not under a legal hold."),
        (Decision::Hold, Standing::OnHold) => Some("These records are already under a legal hold."),
        (Decision::Hold, _) => None,
        (_, Standing::OnHold) => Some("These records are under a legal hold: lift it first."),
        (_, Standing::NotYet) => Some("These records have not reached their review date."),
        (Decision::Destroy, Standing::DestructionAsked { by }) if by == lead => {
            Some("You have asked for these records to be destroyed: another lead must confirm it.")
        }
        _ => None,
    };
    if let Some(message) = refused {
        return Err(Error::invalid(message));
    }
    Ok(NewDecision { decision: new.decision, years, reason: reason.to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn decided(decision: Decision, years: Option<u32>, on: &str, by: i64) -> Decided {
        Decided { decision, years, on: d(on), by }
    }

    const DEFAULTS: fn(RetentionRule) -> u32 = |rule| retention(rule).default_years;

    #[test]
    fn a_file_is_reviewed_when_the_youngest_child_is_25_and_never_before_it_closed() {
        assert_eq!(
            review_on(Some(d("2010-02-28")), d("2026-11-30"), DEFAULTS),
            (RetentionRule::ChildProtectionFile, d("2035-02-28"))
        );
        // Born on 29 February: 25 years on is the last day of February.
        assert_eq!(review_on(Some(d("2012-02-29")), d("2026-11-30"), DEFAULTS).1, d("2037-02-28"));
        // A case about a young adult closed after the date: reviewed from its closure.
        assert_eq!(review_on(Some(d("1990-01-01")), d("2026-11-30"), DEFAULTS).1, d("2026-11-30"));
        assert_eq!(review_on(None, d("2026-11-30"), DEFAULTS), (RetentionRule::NoChildsBirthDate, d("2051-11-30")));
        assert_eq!(review_on(Some(d("2010-02-28")), d("2026-11-30"), |_| 30).1, d("2040-02-28"));
    }

    /// Around the ends of February of leap and common years, for each day on which `years` from
    /// some day run out: every such day is within the bound, and the bound is not far past them.
    #[test]
    fn the_bound_keeps_every_day_whose_years_have_run_out() {
        let days = |from: NaiveDate, n: usize| from.iter_days().take(n).collect::<Vec<_>>();
        for years in [6, 25, 100] {
            for today in days(d("2095-12-20"), 120).into_iter().chain(days(d("2097-02-10"), 40)) {
                let bound = can_have_run_out_since(today, years);
                let around = today.checked_sub_months(Months::new(years * 12 + 2)).unwrap();
                for day in days(around, 120) {
                    if plus_years(day, years) <= today {
                        assert!(day <= bound, "{day} plus {years} years is on or before {today}; bound {bound}");
                    }
                }
                assert!(plus_years(bound, years) <= today.checked_add_months(Months::new(1)).unwrap(), "{bound}");
            }
        }
    }

    #[test]
    fn a_case_is_due_on_its_review_date_and_not_the_day_before() {
        assert_eq!(standing(d("2035-02-28"), &[], d("2035-02-27")), (d("2035-02-28"), Standing::NotYet));
        assert_eq!(standing(d("2035-02-28"), &[], d("2035-02-28")), (d("2035-02-28"), Standing::Due));
    }

    #[test]
    fn keeping_for_longer_counts_from_the_decision_and_withdraws_an_asked_destruction() {
        let asked = decided(Decision::Destroy, None, "2035-03-01", 1);
        let kept = decided(Decision::Keep, Some(2), "2035-03-10", 2);
        assert_eq!(
            standing(d("2035-02-28"), std::slice::from_ref(&asked), d("2035-03-02")).1,
            Standing::DestructionAsked { by: 1 }
        );
        assert_eq!(standing(d("2035-02-28"), &[asked, kept], d("2035-03-11")), (d("2037-03-10"), Standing::NotYet));
    }

    #[test]
    fn a_legal_hold_stands_until_lifted_whatever_the_date() {
        let hold = decided(Decision::Hold, None, "2030-01-01", 1);
        let lifted = decided(Decision::Release, None, "2040-01-01", 2);
        assert_eq!(standing(d("2035-02-28"), std::slice::from_ref(&hold), d("2090-01-01")).1, Standing::OnHold);
        assert_eq!(standing(d("2035-02-28"), &[hold, lifted], d("2040-01-02")).1, Standing::Due);
    }

    #[test]
    fn destruction_takes_two_leads_and_never_passes_a_hold() {
        let destroy = NewDecision { decision: Decision::Destroy, years: None, reason: "No open matters".into() };
        assert!(check_decision(&destroy, Standing::Due, 1).is_ok());
        let again = check_decision(&destroy, Standing::DestructionAsked { by: 1 }, 1).unwrap_err();
        assert!(again.message.contains("another lead"));
        let confirm = NewDecision { reason: String::new(), ..destroy.clone() };
        assert!(check_decision(&confirm, Standing::DestructionAsked { by: 1 }, 2).is_ok());
        assert!(check_decision(&destroy, Standing::OnHold, 2).unwrap_err().message.contains("legal hold"));
        assert!(check_decision(&destroy, Standing::NotYet, 2).unwrap_err().message.contains("review date"));
        let hold = NewDecision { decision: Decision::Hold, years: None, reason: "Police investigation".into() };
        assert!(check_decision(&hold, Standing::NotYet, 1).is_ok(), "a hold may be placed at any time");
        let keep = NewDecision { decision: Decision::Keep, years: Some(40), reason: "Sibling's case open".into() };
        assert_eq!(check_decision(&keep, Standing::Due, 1).unwrap_err().fields[0].field, "retentionYears");
        let blank = NewDecision { decision: Decision::Hold, years: None, reason: " ".into() };
        assert_eq!(check_decision(&blank, Standing::Due, 1).unwrap_err().fields[0].field, "retentionReason");
    }
}
