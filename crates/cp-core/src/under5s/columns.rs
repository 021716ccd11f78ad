//! The list's columns: what each can hold, recognising them by their header (and by the lead's
//! last choices), and what a mapping still lacks.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::fold::search_form;
use crate::domain::label::Label;

/// What a column of the list can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Field {
    FullName,
    FirstName,
    Surname,
    DateOfBirth,
    Gender,
    AddressLine1,
    AddressLine2,
    Town,
    Postcode,
    SocialCareStatus,
    LocalAuthority,
    SocialWorker,
}

crate::labels!(Field {
    FullName => "Child's full name",
    FirstName => "Child's first name",
    Surname => "Child's surname",
    DateOfBirth => "Date of birth",
    Gender => "Gender",
    AddressLine1 => "Address line 1",
    AddressLine2 => "Address line 2",
    Town => "Town or city",
    Postcode => "Postcode",
    SocialCareStatus => "Social care status",
    LocalAuthority => "Local authority",
    SocialWorker => "Social worker",
});

impl Field {
    /// Column names seen in real lists, as `header_key` leaves them.
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Field::FullName => &["name", "fullname", "childname", "childsname", "childfullname", "nameofchild"],
            Field::FirstName => {
                &["firstname", "forename", "forenames", "givenname", "childfirstname", "childsfirstname", "first"]
            }
            Field::Surname => &["surname", "lastname", "familyname", "childsurname", "childssurname", "last"],
            Field::DateOfBirth => &["dob", "dateofbirth", "birthdate", "dateofbirthddmmyyyy", "born"],
            Field::Gender => &["gender", "sex"],
            Field::AddressLine1 => &["address", "addressline1", "address1", "street", "houseandstreet"],
            Field::AddressLine2 => &["addressline2", "address2", "area", "locality"],
            Field::Town => &["town", "city", "towncity", "posttown"],
            Field::Postcode => &["postcode", "postalcode", "pcode", "zip"],
            Field::SocialCareStatus => &["status", "socialcarestatus", "plan", "category", "legalstatus", "cpcin"],
            Field::LocalAuthority => &["localauthority", "la", "council", "authority"],
            Field::SocialWorker => &["socialworker", "allocatedsocialworker", "sw", "keyworker", "worker"],
        }
    }
}

/// A column name reduced to lower-case letters and digits: "Date of Birth (dd/mm/yyyy)" and
/// "date_of_birth_ddmmyyyy" are the same column.
pub fn header_key(header: &str) -> String {
    search_form(header).chars().filter(char::is_ascii_alphanumeric).collect()
}

/// A field for each column: the lead's remembered choice for that column name first, else a
/// known name. A field goes to one column at most.
pub fn auto_map(headers: &[String], remembered: &HashMap<String, Field>) -> Vec<Option<Field>> {
    let mut mapping: Vec<Option<Field>> = headers.iter().map(|h| remembered.get(&header_key(h)).copied()).collect();
    for (i, h) in headers.iter().enumerate() {
        if mapping[i].is_some() {
            continue;
        }
        let key = header_key(h);
        let found =
            Field::ALL.iter().copied().find(|f| f.synonyms().contains(&key.as_str()) && !mapping.contains(&Some(*f)));
        mapping[i] = found;
    }
    mapping
}

/// What stops a mapping from being used; empty when it can be.
pub fn mapping_problems(mapping: &[Option<Field>]) -> Vec<String> {
    let has = |f: Field| mapping.contains(&Some(f));
    let mut problems = Vec::new();
    for &f in Field::ALL {
        if mapping.iter().filter(|m| **m == Some(f)).count() > 1 {
            problems.push(format!("\"{}\" is chosen for more than one column", f.label()));
        }
    }
    if !(has(Field::FullName) || (has(Field::FirstName) && has(Field::Surname))) {
        problems.push("Choose the column with the child's full name, or both first name and surname".to_owned());
    }
    if has(Field::FullName) && (has(Field::FirstName) || has(Field::Surname)) {
        problems.push("Choose either a full name column or first name and surname columns, not both".to_owned());
    }
    for f in [Field::DateOfBirth, Field::Postcode, Field::AddressLine1] {
        if !has(f) {
            problems.push(format!("Choose the column with the {}", f.label().to_lowercase()));
        }
    }
    problems
}
