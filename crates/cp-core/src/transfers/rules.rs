//! Transfer-ins (seed 002): a child on a child protection plan in another local authority
//! who moves into the area, or visits for a while. Pure rules.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::typed_date::is_real;
use crate::plans::rules::Category;
use crate::{Error, FieldError, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum StayKind {
    MovedIn,
    Visiting,
}

crate::labels!(StayKind { MovedIn => "Moved into the area", Visiting => "Come to stay for a while" });

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AgencyNotified {
    pub agency: String,
    #[serde(deserialize_with = "crate::domain::typed_date::required")]
    #[ts(type = "string | null")]
    pub on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TransferIn {
    pub kind: StayKind,
    pub child_name: String,
    #[serde(deserialize_with = "crate::domain::typed_date::required")]
    #[ts(type = "string | null")]
    pub child_dob: NaiveDate,
    pub originating_authority: String,
    #[serde(deserialize_with = "crate::domain::typed_date::required")]
    #[ts(type = "string | null")]
    pub plan_start: NaiveDate,
    pub categories: Vec<Category>,
    /// The lead social worker in the originating authority: name and contact.
    pub social_worker: String,
    /// For a visit: the dates of the stay.
    #[serde(default, deserialize_with = "crate::domain::typed_date::optional")]
    #[ts(type = "string | null")]
    pub stay_from: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::domain::typed_date::optional")]
    #[ts(type = "string | null")]
    pub stay_to: Option<NaiveDate>,
    pub agencies: Vec<AgencyNotified>,
}

pub fn check_transfer(t: &TransferIn, today: NaiveDate) -> Result<()> {
    let mut errors = Vec::new();
    if t.child_name.trim().is_empty() {
        errors.push(FieldError::new("childName", "Enter the child's full name"));
    }
    if !is_real(t.child_dob) {
        errors.push(FieldError::new("childDob", "Enter the child's date of birth, for example 3 3 2018"));
    } else if t.child_dob >= today {
        errors.push(FieldError::new("childDob", "Date of birth must be in the past"));
    }
    if t.originating_authority.trim().is_empty() {
        errors.push(FieldError::new("originatingAuthority", "Enter the local authority the plan comes from"));
    }
    if !is_real(t.plan_start) {
        errors.push(FieldError::new("planStart", "Enter the date the plan started, for example 27 3 2026"));
    } else if t.plan_start > today {
        errors.push(FieldError::new("planStart", "The plan's start date must be today or in the past"));
    }
    if t.categories.is_empty() {
        errors.push(FieldError::new("categories", "Choose at least one category of abuse"));
    }
    if t.kind == StayKind::Visiting {
        match (t.stay_from, t.stay_to) {
            (Some(from), Some(to)) if !is_real(from) || !is_real(to) => {
                errors.push(FieldError::new("stayFrom", "Enter real dates of the stay, for example 27 3 2026"))
            }
            (Some(from), Some(to)) if from <= to => {}
            (Some(_), Some(_)) => {
                errors.push(FieldError::new("stayTo", "The end of the stay must be on or after its start"))
            }
            _ => errors.push(FieldError::new("stayFrom", "Enter the dates of the stay")),
        }
    }
    for (i, a) in t.agencies.iter().enumerate() {
        if a.agency.trim().is_empty() {
            errors.push(FieldError::new(format!("agencies.{i}.agency"), "Enter the agency told"));
        }
        if !is_real(a.on) {
            errors.push(FieldError::new(format!("agencies.{i}.on"), "Enter the date the agency was told"));
        } else if a.on > today {
            errors.push(FieldError::new(format!("agencies.{i}.on"), "The date must be today or in the past"));
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(Error::fields(errors)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn visit() -> TransferIn {
        TransferIn {
            kind: StayKind::Visiting,
            child_name: "Kacper Nowak".into(),
            child_dob: d("2018-03-03"),
            originating_authority: "Leeds City Council".into(),
            plan_start: d("2026-06-01"),
            categories: vec![Category::Neglect],
            social_worker: "Sam Reid, 0113 000 0000".into(),
            stay_from: Some(d("2026-11-20")),
            stay_to: Some(d("2026-12-20")),
            agencies: vec![AgencyNotified { agency: "Health visiting".into(), on: d("2026-11-21") }],
        }
    }

    #[test]
    fn a_visit_needs_its_dates_and_a_plan_its_categories() {
        let today = d("2026-11-23");
        assert!(check_transfer(&visit(), today).is_ok());
        let mut bad = visit();
        bad.stay_to = Some(d("2026-11-19"));
        bad.categories.clear();
        bad.agencies[0].on = d("2026-11-24");
        let fields: Vec<String> =
            check_transfer(&bad, today).unwrap_err().fields.into_iter().map(|f| f.field).collect();
        assert_eq!(fields, ["categories", "stayTo", "agencies.0.on"]);
        let moved = TransferIn { kind: StayKind::MovedIn, stay_from: None, stay_to: None, ..visit() };
        assert!(check_transfer(&moved, today).is_ok(), "a move needs no stay dates");
    }
}
