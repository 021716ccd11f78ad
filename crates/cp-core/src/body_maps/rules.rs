//! What a lead records of a mark on a child's body, checked. Pure: the mark as the form sent
//! it and "today" go in; the mark cleaned, or every problem at once, comes out.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, FieldError, Result};

/// Which outline a mark is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum View {
    Front,
    Back,
    Head,
}

crate::labels!(View {
    Front => "Front of the body",
    Back => "Back of the body",
    Head => "Head and face",
});

/// A numbered point, or an area drawn as a box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum Shape {
    Point,
    Area,
}

crate::labels!(Shape {
    Point => "A point",
    Area => "An area",
});

/// A mark as the form sends it. Its place is in fractions of the outline's width and height
/// (0 to 1, from the top left), so it draws the same on screen and on paper.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewMark {
    /// The child of the case it was seen on.
    #[ts(type = "number | null")]
    pub person_id: Option<i64>,
    pub view: View,
    pub shape: Shape,
    pub x: f64,
    pub y: f64,
    /// An area's width and height; 0 for a point.
    #[serde(default)]
    pub width: f64,
    #[serde(default)]
    pub height: f64,
    pub description: String,
    #[serde(default)]
    pub size: String,
    #[serde(default)]
    pub colour: String,
    pub seen_by: String,
    #[serde(default, deserialize_with = "crate::domain::typed_date::optional")]
    #[ts(type = "string | null")]
    pub seen_on: Option<NaiveDate>,
    /// What the child said about it, in their words; empty if nothing.
    #[serde(default)]
    pub child_said: String,
}

const MAX_DESCRIPTION: usize = 1000;
const MAX_SHORT: usize = 100;
const MAX_SAID: usize = 2000;
/// The smallest area a lead can draw, as a fraction of the outline: smaller is a point.
const LEAST_AREA_SIDE: f64 = 0.005;

fn text(errors: &mut Vec<FieldError>, field: &str, value: &str, max: usize, what: &str) -> String {
    let value = value.trim();
    if value.chars().count() > max {
        errors.push(FieldError::new(field, format!("{what} must be {max} characters or fewer")));
    }
    value.to_owned()
}

/// The mark cleaned, or every problem at once. `children` are the case's children.
pub fn check_mark(m: &NewMark, children: &[i64], today: NaiveDate) -> Result<NewMark> {
    let mut errors = Vec::new();
    match m.person_id {
        None => errors.push(FieldError::new("markChild", "Choose the child the mark was seen on")),
        Some(p) if !children.contains(&p) => errors.push(FieldError::new("markChild", "Choose a child of this case")),
        Some(_) => {}
    }
    let inside = |v: f64| v.is_finite() && (0.0..=1.0).contains(&v);
    let (width, height) = match m.shape {
        Shape::Point => (0.0, 0.0),
        Shape::Area => (m.width, m.height),
    };
    let placed = inside(m.x)
        && inside(m.y)
        && inside(width)
        && inside(height)
        && m.x + width <= 1.0 + 1e-9
        && m.y + height <= 1.0 + 1e-9
        && (m.shape == Shape::Point || (width >= LEAST_AREA_SIDE && height >= LEAST_AREA_SIDE));
    if !placed {
        errors.push(FieldError::new("markPlace", "Place the mark on the outline"));
    }
    let description = text(&mut errors, "markDescription", &m.description, MAX_DESCRIPTION, "What was seen");
    if description.is_empty() {
        errors.push(FieldError::new("markDescription", "Enter what was seen, for example \"bruise, yellow-green\""));
    }
    let size = text(&mut errors, "markSize", &m.size, MAX_SHORT, "The size");
    let colour = text(&mut errors, "markColour", &m.colour, MAX_SHORT, "The colour");
    let seen_by = text(&mut errors, "markSeenBy", &m.seen_by, MAX_SHORT * 2, "Who saw it");
    if seen_by.is_empty() {
        errors.push(FieldError::new("markSeenBy", "Enter who saw it"));
    }
    match m.seen_on {
        None => errors.push(FieldError::new("markSeenOn", "Enter the date it was seen")),
        Some(d) if d == crate::domain::typed_date::NOT_A_DATE => {
            errors.push(FieldError::new("markSeenOn", "The date it was seen must be a real date"));
        }
        Some(d) if d > today => {
            errors.push(FieldError::new("markSeenOn", "The date it was seen must be today or in the past"))
        }
        Some(_) => {}
    }
    let child_said = text(&mut errors, "markChildSaid", &m.child_said, MAX_SAID, "What the child said");
    if !errors.is_empty() {
        return Err(Error::fields(errors));
    }
    Ok(NewMark { description, size, colour, seen_by, child_said, width, height, ..m.clone() })
}

pub fn check_withdrawal(reason: &str) -> Result<String> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::fields(vec![FieldError::new("markWithdrawReason", "Enter why the mark is withdrawn")]));
    }
    if reason.chars().count() > MAX_DESCRIPTION {
        return Err(Error::fields(vec![FieldError::new(
            "markWithdrawReason",
            format!("The reason must be {MAX_DESCRIPTION} characters or fewer"),
        )]));
    }
    Ok(reason.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn mark() -> NewMark {
        NewMark {
            person_id: Some(7),
            view: View::Back,
            shape: Shape::Area,
            x: 0.4,
            y: 0.5,
            width: 0.1,
            height: 0.05,
            description: " Bruise, yellow-green ".into(),
            size: "3 cm by 2 cm".into(),
            colour: "Yellow-green".into(),
            seen_by: "Class teacher".into(),
            seen_on: Some(day("2026-11-18")),
            child_said: "\"I fell off my bike\"".into(),
        }
    }

    #[test]
    fn a_mark_is_kept_cleaned_and_a_point_has_no_size() {
        let kept = check_mark(&mark(), &[7], day("2026-11-20")).unwrap();
        assert_eq!(kept.description, "Bruise, yellow-green");
        let point = check_mark(&NewMark { shape: Shape::Point, ..mark() }, &[7], day("2026-11-20")).unwrap();
        assert_eq!((point.width, point.height), (0.0, 0.0));
    }

    #[test]
    fn every_problem_at_once() {
        let blank = NewMark {
            person_id: None,
            x: 0.95,
            description: " ".into(),
            seen_by: String::new(),
            seen_on: Some(day("2026-11-21")),
            ..mark()
        };
        let err = check_mark(&blank, &[7], day("2026-11-20")).unwrap_err();
        let fields: Vec<&str> = err.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["markChild", "markPlace", "markDescription", "markSeenBy", "markSeenOn"]);
        let other_child = check_mark(&NewMark { person_id: Some(8), ..mark() }, &[7], day("2026-11-20")).unwrap_err();
        assert_eq!(other_child.fields[0].message, "Choose a child of this case");
        let nan = check_mark(&NewMark { y: f64::NAN, ..mark() }, &[7], day("2026-11-20")).unwrap_err();
        assert_eq!(nan.fields[0].field, "markPlace");
        let tiny = check_mark(&NewMark { width: 0.001, ..mark() }, &[7], day("2026-11-20")).unwrap_err();
        assert_eq!(tiny.fields[0].field, "markPlace", "an area too small to see is a point");
    }
}
