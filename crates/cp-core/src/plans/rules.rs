//! A child's plan: Child in Need (Section 17) or Child Protection Plan with its categories of
//! abuse (DOMAIN.md "Records"). A child has at most one plan running at a time.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, FieldError, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum PlanKind {
    ChildInNeed,
    ChildProtectionPlan,
}

crate::labels!(PlanKind {
    ChildInNeed => "Child in Need plan (Section 17)",
    ChildProtectionPlan => "Child Protection Plan",
});

/// Categories of abuse for a Child Protection Plan (Working Together); more than one allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum Category {
    Neglect,
    Physical,
    Sexual,
    Emotional,
}

crate::labels!(Category {
    Neglect => "Neglect",
    Physical => "Physical abuse",
    Sexual => "Sexual abuse",
    Emotional => "Emotional abuse",
});

impl Category {
    pub const ALL: [Category; 4] = [Self::Neglect, Self::Physical, Self::Sexual, Self::Emotional];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Neglect => "neglect",
            Self::Physical => "physical",
            Self::Sexual => "sexual",
            Self::Emotional => "emotional",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewPlan {
    #[ts(type = "number")]
    pub person_id: i64,
    pub kind: PlanKind,
    pub categories: Vec<Category>,
    #[serde(deserialize_with = "crate::domain::typed_date::required")]
    #[ts(type = "string | null")]
    pub start_on: NaiveDate,
    pub local_authority: String,
}

/// The facts about the child the rule needs: are they a child of this case, do they already
/// have a plan running.
pub struct ChildFacts {
    pub is_child_in_case: bool,
    pub has_running_plan: bool,
}

/// Checks a new plan; returns it with categories sorted, unique, and empty for Child in Need.
pub fn check_plan(plan: &NewPlan, child: ChildFacts, today: NaiveDate) -> Result<NewPlan> {
    let mut errors = Vec::new();
    if !child.is_child_in_case {
        errors.push(FieldError::new("personId", "Choose a child in this case"));
    } else if child.has_running_plan {
        errors.push(FieldError::new("personId", "This child already has a plan: end it before starting another"));
    }
    if plan.kind == PlanKind::ChildProtectionPlan && plan.categories.is_empty() {
        errors.push(FieldError::new("categories", "Choose at least one category of abuse"));
    }
    if !crate::domain::typed_date::is_real(plan.start_on) {
        errors.push(FieldError::new("startOn", "Enter the date the plan started, for example 27 3 2026"));
    } else if plan.start_on > today {
        errors.push(FieldError::new("startOn", "The plan's start date must be today or in the past"));
    }
    if plan.local_authority.trim().is_empty() {
        errors.push(FieldError::new("localAuthority", "Enter the local authority that made the plan"));
    }
    if !errors.is_empty() {
        return Err(Error::fields(errors));
    }
    let mut categories = if plan.kind == PlanKind::ChildProtectionPlan { plan.categories.clone() } else { Vec::new() };
    categories.sort_unstable();
    categories.dedup();
    Ok(NewPlan { categories, local_authority: plan.local_authority.trim().to_owned(), ..plan.clone() })
}

pub fn check_plan_end(start_on: NaiveDate, already_ended: bool, end_on: NaiveDate, today: NaiveDate) -> Result<()> {
    if already_ended {
        return Err(Error::invalid("This plan has already ended."));
    }
    let message = if end_on > today {
        "The end date must be today or in the past"
    } else if end_on < start_on {
        "The end date must be on or after the plan's start date"
    } else {
        return Ok(());
    };
    Err(Error::fields(vec![FieldError::new("endOn", message)]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn plan(kind: PlanKind, categories: Vec<Category>) -> NewPlan {
        NewPlan { person_id: 1, kind, categories, start_on: d("2026-10-01"), local_authority: " Bristol ".into() }
    }

    const CHILD: ChildFacts = ChildFacts { is_child_in_case: true, has_running_plan: false };

    #[test]
    fn a_cp_plan_needs_a_category_and_keeps_several_in_order() {
        let today = d("2026-11-23");
        let err = check_plan(&plan(PlanKind::ChildProtectionPlan, vec![]), CHILD, today).unwrap_err();
        assert_eq!(err.fields[0].field, "categories");
        let ok = check_plan(
            &plan(PlanKind::ChildProtectionPlan, vec![Category::Emotional, Category::Neglect, Category::Emotional]),
            CHILD,
            today,
        )
        .unwrap();
        assert_eq!(ok.categories, [Category::Neglect, Category::Emotional]);
        assert_eq!(ok.local_authority, "Bristol");
        let cin = check_plan(&plan(PlanKind::ChildInNeed, vec![Category::Sexual]), CHILD, today).unwrap();
        assert!(cin.categories.is_empty(), "categories belong to CP plans only");
    }

    #[test]
    fn one_running_plan_per_child_of_the_case() {
        let today = d("2026-11-23");
        let p = plan(PlanKind::ChildInNeed, vec![]);
        let running = ChildFacts { is_child_in_case: true, has_running_plan: true };
        assert!(check_plan(&p, running, today).unwrap_err().fields[0].message.contains("already has a plan"));
        let adult = ChildFacts { is_child_in_case: false, has_running_plan: false };
        assert_eq!(check_plan(&p, adult, today).unwrap_err().fields[0].field, "personId");
        let mut future = p.clone();
        future.start_on = d("2026-11-24");
        assert_eq!(check_plan(&future, CHILD, today).unwrap_err().fields[0].field, "startOn");
    }

    #[test]
    fn a_plan_ends_once_between_its_start_and_today() {
        let today = d("2026-11-23");
        assert!(check_plan_end(d("2026-10-01"), false, d("2026-10-01"), today).is_ok());
        assert!(check_plan_end(d("2026-10-01"), false, d("2026-09-30"), today).is_err());
        assert!(check_plan_end(d("2026-10-01"), false, d("2026-11-24"), today).is_err());
        assert!(check_plan_end(d("2026-10-01"), true, d("2026-11-01"), today).is_err());
    }

    #[test]
    fn categories_round_trip_through_their_stored_names() {
        for c in Category::ALL {
            assert_eq!(Category::parse(c.as_str()), Some(c));
        }
        assert_eq!(Category::parse("financial"), None);
    }
}
