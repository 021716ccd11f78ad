//! People in a case: children (born or unborn) and adults, each with their role.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::typed_date::is_real;
use crate::leads::rules::MAX_NAME_CHARS;
use crate::{Error, FieldError, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum Role {
    Child,
    UnbornChild,
    Parent,
    Carer,
    HouseholdMember,
    AllegedPerpetrator,
}

crate::labels!(Role {
    Child => "Child",
    UnbornChild => "Unborn child",
    Parent => "Parent",
    Carer => "Carer",
    HouseholdMember => "Other household member",
    AllegedPerpetrator => "Alleged perpetrator",
});

impl Role {
    pub fn is_child(self) -> bool {
        matches!(self, Self::Child | Self::UnbornChild)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewPerson {
    pub full_name: String,
    pub role: Role,
    /// For a child, required; for an adult, optional.
    #[serde(default, deserialize_with = "crate::domain::typed_date::optional")]
    #[ts(type = "string | null")]
    pub date_of_birth: Option<NaiveDate>,
    /// For an unborn child, required.
    #[serde(default, deserialize_with = "crate::domain::typed_date::optional")]
    #[ts(type = "string | null")]
    pub expected_date: Option<NaiveDate>,
    pub gender: String,
    /// School or early-years setting, for a child.
    pub setting: String,
}

/// Checks a person against `today`; returns them trimmed.
pub fn check_person(p: &NewPerson, today: NaiveDate) -> Result<NewPerson> {
    let mut errors = Vec::new();
    let name = p.full_name.trim();
    if name.is_empty() {
        errors.push(FieldError::new("fullName", "Enter the person's full name"));
    } else if name.chars().count() > MAX_NAME_CHARS {
        errors.push(FieldError::new("fullName", format!("Name must be {MAX_NAME_CHARS} characters or fewer")));
    }
    let not_real =
        |field: &str, what: &str| FieldError::new(field, format!("Enter a real {what}, for example 27 3 2020"));
    match p.role {
        Role::Child => match p.date_of_birth {
            None => errors.push(FieldError::new("dateOfBirth", "Enter the child's date of birth")),
            Some(d) if !is_real(d) => errors.push(not_real("dateOfBirth", "date of birth")),
            Some(d) if d > today => errors.push(FieldError::new("dateOfBirth", "Date of birth must be in the past")),
            Some(d) if today.years_since(d).is_some_and(|y| y >= 18) => {
                errors.push(FieldError::new("dateOfBirth", "A child must be under 18: add someone older as an adult"))
            }
            Some(_) => {}
        },
        Role::UnbornChild => match p.expected_date {
            None => errors.push(FieldError::new("expectedDate", "Enter the expected date of birth")),
            Some(d) if !is_real(d) => errors.push(not_real("expectedDate", "expected date of birth")),
            Some(d) if d < today => errors.push(FieldError::new(
                "expectedDate",
                "The expected date has passed: add the baby as a child with their date of birth",
            )),
            Some(_) => {}
        },
        _ => {
            if p.date_of_birth.is_some_and(|d| !is_real(d)) {
                errors.push(not_real("dateOfBirth", "date of birth"));
            } else if p.date_of_birth.is_some_and(|d| d > today) {
                errors.push(FieldError::new("dateOfBirth", "Date of birth must be in the past"));
            }
        }
    }
    if !errors.is_empty() {
        return Err(Error::fields(errors));
    }
    Ok(NewPerson {
        full_name: name.to_owned(),
        date_of_birth: if p.role == Role::UnbornChild { None } else { p.date_of_birth },
        expected_date: if p.role == Role::UnbornChild { p.expected_date } else { None },
        gender: p.gender.trim().to_owned(),
        setting: p.setting.trim().to_owned(),
        role: p.role,
    })
}

/// How one person in a case is related to another: "A is the parent of B".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum RelationshipKind {
    ParentOf,
    StepParentOf,
    GrandparentOf,
    SiblingOf,
    PartnerOf,
    ExPartnerOf,
    OtherRelativeOf,
}

crate::labels!(RelationshipKind {
    ParentOf => "is the parent of",
    StepParentOf => "is the step-parent of",
    GrandparentOf => "is the grandparent of",
    SiblingOf => "is the brother or sister of",
    PartnerOf => "is the partner of",
    ExPartnerOf => "is the former partner of",
    OtherRelativeOf => "is another relative of",
});

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewRelationship {
    #[ts(type = "number")]
    pub person_id: i64,
    pub kind: RelationshipKind,
    #[ts(type = "number")]
    pub other_id: i64,
}

/// Both people must be in the case and be two different people.
pub fn check_relationship(r: &NewRelationship, people_in_case: &[i64]) -> Result<()> {
    let mut errors = Vec::new();
    if !people_in_case.contains(&r.person_id) {
        errors.push(FieldError::new("personId", "Choose a person in this case"));
    }
    if !people_in_case.contains(&r.other_id) {
        errors.push(FieldError::new("otherId", "Choose a person in this case"));
    } else if r.other_id == r.person_id {
        errors.push(FieldError::new("otherId", "Choose two different people"));
    }
    if errors.is_empty() { Ok(()) } else { Err(Error::fields(errors)) }
}

/// A child's role in a second case must still be a child's; an adult's an adult's.
pub fn check_link(existing_is_child: bool, role: Role) -> Result<()> {
    if existing_is_child != role.is_child() {
        let message = if existing_is_child {
            "This person is recorded as a child: link them as a child"
        } else {
            "This person is recorded as an adult: link them with an adult's role"
        };
        return Err(Error::fields(vec![FieldError::new("role", message)]));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn person(role: Role, dob: Option<&str>, expected: Option<&str>) -> NewPerson {
        NewPerson {
            full_name: " Łukasz Dvořák ".into(),
            role,
            date_of_birth: dob.map(d),
            expected_date: expected.map(d),
            gender: String::new(),
            setting: String::new(),
        }
    }

    #[test]
    fn a_child_needs_a_past_date_of_birth_under_eighteen() {
        let today = d("2026-11-23");
        assert_eq!(
            check_person(&person(Role::Child, Some("2020-05-01"), None), today).unwrap().full_name,
            "Łukasz Dvořák"
        );
        assert_eq!(check_person(&person(Role::Child, None, None), today).unwrap_err().fields[0].field, "dateOfBirth");
        assert!(check_person(&person(Role::Child, Some("2026-11-24"), None), today).is_err());
        assert!(check_person(&person(Role::Child, Some("2008-11-23"), None), today).is_err(), "18 today");
        assert!(check_person(&person(Role::Child, Some("2008-11-24"), None), today).is_ok(), "17 until tomorrow");
    }

    #[test]
    fn an_unborn_child_needs_a_future_expected_date() {
        let today = d("2026-11-23");
        let ok = check_person(&person(Role::UnbornChild, Some("2020-01-01"), Some("2027-02-01")), today).unwrap();
        assert_eq!((ok.date_of_birth, ok.expected_date), (None, Some(d("2027-02-01"))));
        assert_eq!(
            check_person(&person(Role::UnbornChild, None, None), today).unwrap_err().fields[0].field,
            "expectedDate"
        );
        assert!(check_person(&person(Role::UnbornChild, None, Some("2026-11-01")), today).is_err());
    }

    #[test]
    fn relationships_join_two_different_people_of_the_case() {
        let r = |person_id, other_id| NewRelationship { person_id, kind: RelationshipKind::ParentOf, other_id };
        assert!(check_relationship(&r(1, 2), &[1, 2]).is_ok());
        assert_eq!(check_relationship(&r(1, 1), &[1, 2]).unwrap_err().fields[0].field, "otherId");
        assert_eq!(check_relationship(&r(3, 2), &[1, 2]).unwrap_err().fields[0].field, "personId");
    }

    #[test]
    fn a_linked_person_keeps_their_child_or_adult_role() {
        assert!(check_link(true, Role::Child).is_ok());
        assert!(check_link(false, Role::AllegedPerpetrator).is_ok());
        assert!(check_link(true, Role::Parent).is_err());
        assert!(check_link(false, Role::Child).is_err());
    }

    #[test]
    fn adults_need_only_a_name() {
        let today = d("2026-11-23");
        assert!(check_person(&person(Role::AllegedPerpetrator, None, None), today).is_ok());
        let mut nameless = person(Role::Parent, None, None);
        nameless.full_name = "  ".into();
        assert_eq!(check_person(&nameless, today).unwrap_err().fields[0].field, "fullName");
    }
}

/// A case's name as a lead says it: its children, given names first and the family name they
/// share once ("Łukasz and Siân Nowak"; "Amira Haddad and Leo Price" when they differ). The
/// shared part is the longest run of whole words every name ends with, so "Anna van der Berg"
/// and "Piet van der Berg" make "Anna and Piet van der Berg"; each child keeps at least one
/// word of their own. No children, no name: the case is then known by its reference.
pub fn family_name(children: &[&str]) -> String {
    let names: Vec<Vec<&str>> =
        children.iter().map(|n| n.split_whitespace().collect::<Vec<_>>()).filter(|w| !w.is_empty()).collect();
    let shared = match names.as_slice() {
        [] | [_] => 0,
        [first, rest @ ..] => {
            let shortest = names.iter().map(Vec::len).min().unwrap_or(0);
            (0..shortest.saturating_sub(1))
                .take_while(|&k| {
                    let word = first[first.len() - 1 - k];
                    rest.iter().all(|n| n[n.len() - 1 - k].to_lowercase() == word.to_lowercase())
                })
                .count()
        }
    };
    let own: Vec<String> = names.iter().map(|n| n[..n.len() - shared].join(" ")).collect();
    let listed = match own.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    };
    match names.first() {
        Some(first) if shared > 0 => format!("{listed} {}", first[first.len() - shared..].join(" ")),
        _ => listed,
    }
}

#[cfg(test)]
mod family_name_tests {
    use super::family_name;

    #[test]
    fn names_the_children_with_the_family_name_they_share_once() {
        assert_eq!(family_name(&["Łukasz Nowak", "Siân Nowak"]), "Łukasz and Siân Nowak");
        assert_eq!(family_name(&["Ava Jones", "Ben Jones", "Cara Jones"]), "Ava, Ben and Cara Jones");
        assert_eq!(family_name(&["Anna van der Berg", "Piet van der Berg"]), "Anna and Piet van der Berg");
        assert_eq!(family_name(&["Mary Ann Lee", "Jo LEE"]), "Mary Ann and Jo Lee");
    }

    #[test]
    fn keeps_every_name_whole_when_the_family_names_differ() {
        assert_eq!(family_name(&["Amira Haddad", "Leo Price"]), "Amira Haddad and Leo Price");
        assert_eq!(family_name(&["Amira Haddad", "Leo Price", "Sam Price"]), "Amira Haddad, Leo Price and Sam Price");
    }

    #[test]
    fn a_child_keeps_a_word_of_their_own() {
        // A one-word name (an unborn child recorded as "Baby") shares nothing with the others.
        assert_eq!(family_name(&["Baby", "Ava Jones"]), "Baby and Ava Jones");
        assert_eq!(family_name(&["Nowak", "Nowak"]), "Nowak and Nowak");
        assert_eq!(family_name(&["Ava  Jones "]), "Ava Jones");
    }

    #[test]
    fn no_children_no_name() {
        assert_eq!(family_name(&[]), "");
        assert_eq!(family_name(&["  "]), "");
    }
}
