//! People in cases: adding a new person, linking someone already known to another case, the
//! relationships between people of a case, and finding people by name. `rules` checks what a
//! lead typed, `sql` is the area's only SQL, `actions` ties them to the write path.

mod actions;
pub mod rules;
pub(crate) mod sql;

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::FromRow;
use ts_rs::TS;

pub(crate) use actions::{add_or_match_in, add_person_in};
pub use actions::{
    add_person, add_relationship, case_names, children_by_case, find, in_case, link_person, names_of, relationships,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct PersonInCase {
    #[ts(type = "number")]
    pub id: i64,
    pub full_name: String,
    pub role: rules::Role,
    #[ts(type = "string | null")]
    pub date_of_birth: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub expected_date: Option<NaiveDate>,
    pub gender: String,
    pub setting: String,
    /// The other cases this person is in, by reference.
    pub other_cases: String,
}

/// Someone found by name, with the cases they are already in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct PersonMatch {
    #[ts(type = "number")]
    pub id: i64,
    pub full_name: String,
    #[ts(type = "string | null")]
    pub date_of_birth: Option<NaiveDate>,
    pub is_child: bool,
    pub cases: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Relationship {
    pub person: String,
    pub kind: rules::RelationshipKind,
    pub other: String,
}
