//! The list's rules on rows built to hit each of them: columns, rows, and matching.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::columns::*;
use super::matching::*;
use super::rows::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}
const TODAY: &str = "2026-11-23";

fn headers(hs: &[&str]) -> Vec<String> {
    hs.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn column_names_vary() {
    let m = auto_map(
        &headers(&["Last name", "Forename", "D.O.B.", "Address Line 1", "Post Code", "Notes"]),
        &HashMap::new(),
    );
    assert_eq!(
        m,
        [
            Some(Field::Surname),
            Some(Field::FirstName),
            Some(Field::DateOfBirth),
            Some(Field::AddressLine1),
            Some(Field::Postcode),
            None
        ]
    );
    assert!(mapping_problems(&m).is_empty());
    let remembered = HashMap::from([("notes".to_owned(), Field::SocialCareStatus)]);
    assert_eq!(auto_map(&headers(&["Notes"]), &remembered), [Some(Field::SocialCareStatus)]);
    let problems = mapping_problems(&[Some(Field::Surname), Some(Field::Surname)]);
    assert!(problems.iter().any(|p| p.contains("more than one")));
    assert!(problems.iter().any(|p| p.contains("date of birth")));
}

#[test]
fn dates_in_every_common_form() {
    let today = d(TODAY);
    assert_eq!(parse_date("03/04/2024", today), Ok(d("2024-04-03")));
    assert_eq!(parse_date("3/4/24", today), Ok(d("2024-04-03")));
    assert_eq!(parse_date("2024-04-03", today), Ok(d("2024-04-03")));
    assert_eq!(parse_date("03.04.2024 00:00:00", today), Ok(d("2024-04-03")));
    assert_eq!(parse_date("3/4/98", today), Ok(d("1998-04-03")));
    assert!(parse_date("31/02/2024", today).unwrap_err().contains("not a real date"));
    assert!(parse_date("45352", today).unwrap_err().contains("not a date"));
    assert!(parse_date("03/april/2024", today).is_err());
    assert!(parse_date("003/04/2024", today).is_err());
}

fn mapping() -> Vec<Option<Field>> {
    vec![
        Some(Field::FirstName),
        Some(Field::Surname),
        Some(Field::DateOfBirth),
        Some(Field::AddressLine1),
        Some(Field::Postcode),
        Some(Field::SocialCareStatus),
        Some(Field::Gender),
    ]
}

fn row(n: u32, cells: &[&str]) -> Result<Child, Vec<String>> {
    let cells: Vec<String> = cells.iter().map(|s| (*s).to_owned()).collect();
    check_row(n, &cells, &mapping(), d(TODAY))
}

#[test]
fn every_reason_a_row_is_refused() {
    let reasons = row(2, &["", "", "31/02/2024", "1 Road", "BS5 9QZ", "Maybe", "X"]).unwrap_err();
    assert_eq!(reasons.len(), 4, "{reasons:?}");
    assert!(reasons[0].contains("No child's name"));
    assert!(reasons[1].contains("not a real date"));
    assert!(reasons[2].contains("Gender"));
    assert!(reasons[3].contains("Social care status \"Maybe\""));
    let future = row(3, &["Amira", "Haddad", "01/01/2027", "1 Road", "BS5 9QZ", "", ""]).unwrap_err();
    assert!(future[0].contains("in the future"));
    let extra = row(4, &["Amira", "Haddad", "01/01/2024", "1 Road", "BS5 9QZ", "", "", "surplus"]).unwrap_err();
    assert!(extra[0].contains("8 cells"));
    let ok = row(5, &["  Amira ", "Haddad", "1/1/24", "1 Road", "bs5 9qz", "CP", "f"]).unwrap();
    assert_eq!(ok.full_name, "Amira Haddad");
    assert_eq!(ok.postcode.as_deref(), Some("BS5 9QZ"));
    assert_eq!(ok.status, Some(CareStatus::ChildProtectionPlan));
    assert_eq!(ok.gender, "Female");
}

fn known(id: i64, live: bool, line1: &str, postcode: &str) -> KnownCase {
    KnownCase {
        id,
        reference: format!("CP-2026-{id:04}"),
        live,
        address_line1: line1.to_owned(),
        postcode: postcode.to_owned(),
        social_worker: String::new(),
    }
}

fn recorded() -> Existing {
    let mut existing = Existing::default();
    let nowaks = known(1, true, "9 Elm Road", "BS5 9QZ");
    existing.add_child("Zoë Nowak", d("2023-05-01"), nowaks.clone());
    existing.add_family("Zoë Nowak", nowaks);
    existing.add_family("Ada Okafor", known(2, false, "1 Ash Close", "BS3 1AA"));
    let smiths = known(3, true, "2 High Street", "BS2 0AA");
    existing.add_child("Ola Smith", d("2022-01-01"), smiths.clone());
    existing.add_family("Ola Smith", smiths);
    existing
}

fn rows() -> Vec<Result<Child, Vec<String>>> {
    vec![
        row(2, &["Zoë", "Nowak", "01/05/2023", "9 Elm Rd", "BS5 9QZ", "", ""]),
        row(3, &["Jan", "NOWAK", "02/06/2024", "9 Elm Road.", "bs59qz", "", ""]),
        row(4, &["Ada", "Okafor", "02/06/2024", "1 Ash Cl", "BS3 1AA", "", ""]),
        row(5, &["Sami", "Haddad", "02/06/2024", "4 Mill Lane", "BS1 4DJ", "", ""]),
        row(6, &["Lina", "Haddad", "03/07/2025", "4 Mill Ln", "BS1 4DJ", "", ""]),
        row(7, &["Sami", "Haddad", "02/06/2024", "4, Mill Lane", "BS1 4DJ", "", ""]),
        row(8, &["Tom", "Reed", "02/06/2024", "", "BS1 4DJ", "", ""]),
        row(9, &["Kai", "Reed", "02/06/2024", "9 Road", "nope", "", ""]),
        row(10, &["", "", "", "", "", "", ""]),
        row(11, &["Sami", "Haddad", "02/06/2024", "17 Brook Street", "BS7 8AA", "", ""]),
        row(12, &["Piotr", "Nowak", "05/05/2022", "30 Elm Road", "BS5 9QZ", "", ""]),
        row(13, &["Zofia", "Nowak", "05/05/2021", "Flat 1, 9 Elm Road", "BS5 9QZ", "", ""]),
        row(14, &["Ola", "Smith", "01/01/2022", "8 Low Road", "BS6 5XY", "", ""]),
        row(15, &["Eve", "Haddad", "01/01/2025", "6 Mill Lane", "BS1 4DJ", "", ""]),
    ]
}

fn outcomes(same_rows: &[u32]) -> Vec<Planned> {
    let same: HashSet<u32> = same_rows.iter().copied().collect();
    plan(rows(), &recorded(), &same).into_iter().map(|(_, p)| p).collect()
}

#[test]
fn a_child_is_the_same_only_at_the_same_address() {
    let o = outcomes(&[]);
    let p = |outcome: Outcome| Planned { outcome, possible: None, same: false };
    assert_eq!(o[0], p(Outcome::AlreadyRecorded(known(1, true, "9 Elm Road", "BS5 9QZ"))), "Rd is Road");
    assert_eq!(o[1], p(Outcome::AddsToCase(known(1, true, "9 Elm Road", "BS5 9QZ"))));
    assert_eq!(o[2], p(Outcome::FamilyCaseNotLive(known(2, false, "1 Ash Close", "BS3 1AA"))));
    assert_eq!(o[3], p(Outcome::NewCase));
    assert_eq!(o[4], p(Outcome::JoinsNewCase { family_row: 5 }));
    assert_eq!(
        o[5],
        p(Outcome::Rejected(vec!["The same child as row 5 (same name, date of birth and address)".into()]))
    );
    assert!(matches!(&o[6].outcome, Outcome::Rejected(r) if r[0].starts_with("No address")));
    assert!(matches!(&o[7].outcome, Outcome::Rejected(r) if r[0].contains("\"nope\" is not a UK postcode")));
    assert!(matches!(&o[8].outcome, Outcome::Rejected(r) if r.len() == 2));
    // The same name and date of birth elsewhere: a new child, marked for the lead to check.
    assert_eq!(o[9], Planned { outcome: Outcome::NewCase, possible: Some(Possible::ChildInRow(5)), same: false });
    let smiths = known(3, true, "2 High Street", "BS2 0AA");
    assert_eq!(
        o[12],
        Planned { outcome: Outcome::NewCase, possible: Some(Possible::ChildInCase(smiths)), same: false }
    );
}

#[test]
fn a_family_is_one_surname_at_one_address() {
    let o = outcomes(&[]);
    let nowaks = known(1, true, "9 Elm Road", "BS5 9QZ");
    assert_eq!(
        o[10],
        Planned { outcome: Outcome::NewCase, possible: Some(Possible::FamilyCase(nowaks.clone())), same: false }
    );
    assert_eq!(o[11].outcome, Outcome::AddsToCase(nowaks), "a flat named on one side only is the same address");
    assert_eq!(o[13], Planned { outcome: Outcome::NewCase, possible: Some(Possible::FamilyRow(5)), same: false });
}

#[test]
fn the_lead_decides_a_possible_match() {
    let o = outcomes(&[11, 12, 14, 15, 3]);
    assert_eq!(o[9], Planned { outcome: Outcome::SameAsRow(5), possible: Some(Possible::ChildInRow(5)), same: true });
    let nowaks = known(1, true, "9 Elm Road", "BS5 9QZ");
    assert_eq!(o[10].outcome, Outcome::AddsToCase(nowaks));
    assert!(o[10].same);
    assert_eq!(o[12].outcome, Outcome::AlreadyRecorded(known(3, true, "2 High Street", "BS2 0AA")));
    assert_eq!(o[13].outcome, Outcome::JoinsNewCase { family_row: 5 });
    // A row with nothing possible is not changed by being chosen.
    assert_eq!(o[1], outcomes(&[])[1]);
}

#[test]
fn a_two_line_address_cell_is_split_or_joined() {
    assert_eq!(split_lines("14 Mill Lane\r\nEaston", "Bristol"), ("14 Mill Lane".into(), "Easton, Bristol".into()));
    assert_eq!(split_lines("Flat 2\n14 Mill Lane\n", ""), ("Flat 2, 14 Mill Lane".into(), String::new()));
    assert_eq!(split_lines(" 9 Elm Road ", " "), ("9 Elm Road".into(), String::new()));
    let two_lines = row(2, &["Ada", "Cole", "01/01/2024", "Flat 2\n14 Mill Lane", "BS1 4DJ", "", ""]).unwrap();
    assert_eq!(two_lines.address_line1, "Flat 2, 14 Mill Lane");
}
