//! The "Under 5s known to Social Care" list (seed 000 ix): which column holds what, each row
//! checked, and what the import will do with it. Matching needs what is already recorded,
//! which the caller passes in as `Existing`.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::person::search_form;
use super::postcode;
use super::setup::MAX_NAME_CHARS;

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

impl Field {
    pub const ALL: [Field; 12] = [
        Field::FullName,
        Field::FirstName,
        Field::Surname,
        Field::DateOfBirth,
        Field::Gender,
        Field::AddressLine1,
        Field::AddressLine2,
        Field::Town,
        Field::Postcode,
        Field::SocialCareStatus,
        Field::LocalAuthority,
        Field::SocialWorker,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::FullName => "Child's full name",
            Field::FirstName => "Child's first name",
            Field::Surname => "Child's surname",
            Field::DateOfBirth => "Date of birth",
            Field::Gender => "Gender",
            Field::AddressLine1 => "Address line 1",
            Field::AddressLine2 => "Address line 2",
            Field::Town => "Town or city",
            Field::Postcode => "Postcode",
            Field::SocialCareStatus => "Social care status",
            Field::LocalAuthority => "Local authority",
            Field::SocialWorker => "Social worker",
        }
    }

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
            Field::ALL.into_iter().find(|f| f.synonyms().contains(&key.as_str()) && !mapping.contains(&Some(*f)));
        mapping[i] = found;
    }
    mapping
}

/// What stops a mapping from being used; empty when it can be.
pub fn mapping_problems(mapping: &[Option<Field>]) -> Vec<String> {
    let has = |f: Field| mapping.contains(&Some(f));
    let mut problems = Vec::new();
    for f in Field::ALL {
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

/// The social care status a list gives a child.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CareStatus {
    ChildProtectionPlan,
    ChildInNeed,
    LookedAfter,
    EarlyHelp,
}

impl CareStatus {
    pub fn label(self) -> &'static str {
        match self {
            CareStatus::ChildProtectionPlan => "Child Protection Plan",
            CareStatus::ChildInNeed => "Child in Need",
            CareStatus::LookedAfter => "Looked after",
            CareStatus::EarlyHelp => "Early Help",
        }
    }

    fn parse(cell: &str) -> Result<Option<CareStatus>, String> {
        Ok(Some(match header_key(cell).as_str() {
            "" | "none" | "na" => return Ok(None),
            "cp" | "cpp" | "childprotection" | "childprotectionplan" | "cpplan" => CareStatus::ChildProtectionPlan,
            "cin" | "childinneed" | "cinplan" => CareStatus::ChildInNeed,
            "lac" | "cla" | "lookedafter" | "lookedafterchild" | "childlookedafter" => CareStatus::LookedAfter,
            "eh" | "earlyhelp" => CareStatus::EarlyHelp,
            _ => {
                return Err(format!(
                    "Social care status \"{cell}\" is not one the import knows (CP, CIN, LAC, Early Help or blank)"
                ));
            }
        }))
    }
}

fn parse_gender(cell: &str) -> Result<&'static str, String> {
    match header_key(cell).as_str() {
        "" | "u" | "unknown" | "notknown" | "notstated" => Ok(""),
        "m" | "male" | "boy" => Ok("Male"),
        "f" | "female" | "girl" => Ok("Female"),
        "other" | "indeterminate" | "i" => Ok("Other"),
        _ => Err(format!("Gender \"{cell}\" is not one the import knows (male, female, other or not known)")),
    }
}

/// A date as spreadsheets export it: dd/mm/yyyy, d/m/yy or yyyy-mm-dd (also with '-' or '.'
/// between, and a "00:00:00" time after it). Two-digit years are this century unless that
/// would be after this year.
pub fn parse_date(cell: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let date_part = cell.split_whitespace().next().unwrap_or("");
    let parts: Vec<&str> = date_part.split(['/', '-', '.']).collect();
    let not_a_date = || format!("Date of birth \"{cell}\" is not a date in the form dd/mm/yyyy");
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit())) {
        return Err(not_a_date());
    }
    let num = |s: &str| s.parse::<u32>().map_err(|_| not_a_date());
    let lengths: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    let (y, m, d) = match lengths.as_slice() {
        [4, 1..=2, 1..=2] => (num(parts[0])? as i32, num(parts[1])?, num(parts[2])?),
        [1..=2, 1..=2, 4] => (num(parts[2])? as i32, num(parts[1])?, num(parts[0])?),
        [1..=2, 1..=2, 2] => {
            let yy = num(parts[2])? as i32;
            let this_century = 2000 + yy;
            let year = if this_century > today.year() { 1900 + yy } else { this_century };
            (year, num(parts[1])?, num(parts[0])?)
        }
        _ => return Err(not_a_date()),
    };
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("Date of birth \"{cell}\" is not a real date"))
}

/// One row that passed its checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Child {
    pub row: u32,
    pub full_name: String,
    pub date_of_birth: NaiveDate,
    pub gender: &'static str,
    pub address_line1: String,
    pub address_line2: String,
    pub town: String,
    /// Normalised, when the row has a valid one.
    pub postcode: Option<String>,
    /// What was in the postcode cell, for the reason when it is needed but not valid.
    pub postcode_cell: String,
    pub status: Option<CareStatus>,
    pub local_authority: String,
    pub social_worker: String,
}

impl Child {
    pub fn name_key(&self) -> String {
        name_key(&self.full_name)
    }
    pub fn surname_key(&self) -> String {
        surname_key(&self.full_name)
    }
}

/// A name as matched: accents, case, punctuation and spacing ignored.
pub fn name_key(name: &str) -> String {
    search_form(name)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The last word of a name, as matched.
pub fn surname_key(name: &str) -> String {
    name_key(name).rsplit(' ').next().unwrap_or("").to_owned()
}

/// A cell of a row as it is, for a row that could not be read as a child.
pub fn raw_cell<'a>(cells: &'a [String], mapping: &[Option<Field>], field: Field) -> &'a str {
    mapping.iter().position(|m| *m == Some(field)).and_then(|i| cells.get(i)).map_or("", |c| c.as_str())
}

/// The name cells of a row as they are, for a row that could not be read as a child.
pub fn raw_name(cells: &[String], mapping: &[Option<Field>]) -> String {
    [Field::FullName, Field::FirstName, Field::Surname]
        .iter()
        .map(|f| raw_cell(cells, mapping, *f))
        .filter(|c| !c.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Checks one row against `mapping`; every reason it cannot be imported, or the child.
pub fn check_row(
    row: u32,
    cells: &[String],
    mapping: &[Option<Field>],
    today: NaiveDate,
) -> Result<Child, Vec<String>> {
    let cell = |f: Field| raw_cell(cells, mapping, f);
    let mut reasons = Vec::new();
    if cells.iter().skip(mapping.len()).any(|c| !c.is_empty()) {
        reasons.push(format!("The row has {} cells but the header names only {} columns", cells.len(), mapping.len()));
    }
    let full_name = if mapping.contains(&Some(Field::FullName)) {
        cell(Field::FullName).split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        [cell(Field::FirstName), cell(Field::Surname)]
            .iter()
            .flat_map(|s| s.split_whitespace())
            .collect::<Vec<_>>()
            .join(" ")
    };
    if full_name.is_empty() {
        reasons.push("No child's name".to_owned());
    } else if full_name.chars().count() > MAX_NAME_CHARS {
        reasons.push(format!("The name is longer than {MAX_NAME_CHARS} characters"));
    } else if mapping.contains(&Some(Field::Surname)) && cell(Field::Surname).is_empty() {
        reasons.push("No surname".to_owned());
    }
    let dob = match cell(Field::DateOfBirth) {
        "" => Err("No date of birth".to_owned()),
        c => parse_date(c, today).and_then(|d| {
            if d > today { Err(format!("Date of birth {} is in the future", d.format("%d/%m/%Y"))) } else { Ok(d) }
        }),
    };
    let dob = dob.map_err(|r| reasons.push(r)).ok();
    let gender = parse_gender(cell(Field::Gender)).map_err(|r| reasons.push(r)).ok();
    let status = CareStatus::parse(cell(Field::SocialCareStatus)).map_err(|r| reasons.push(r)).ok();
    for f in [Field::AddressLine1, Field::AddressLine2, Field::Town, Field::LocalAuthority, Field::SocialWorker] {
        let max = 200;
        if cell(f).chars().count() > max {
            reasons.push(format!("{} is longer than {max} characters", f.label()));
        }
    }
    let (Some(date_of_birth), Some(gender), Some(status), true) = (dob, gender, status, reasons.is_empty()) else {
        return Err(reasons);
    };
    let postcode_cell = cell(Field::Postcode).to_owned();
    Ok(Child {
        row,
        full_name,
        date_of_birth,
        gender,
        address_line1: cell(Field::AddressLine1).to_owned(),
        address_line2: cell(Field::AddressLine2).to_owned(),
        town: cell(Field::Town).to_owned(),
        postcode: postcode::normalise(&postcode_cell).ok(),
        postcode_cell,
        status,
        local_authority: cell(Field::LocalAuthority).to_owned(),
        social_worker: cell(Field::SocialWorker).to_owned(),
    })
}

/// A case already recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownCase {
    pub id: i64,
    pub reference: String,
    /// Only a live case takes a new child.
    pub live: bool,
}

/// What is already recorded, keyed as rows are matched.
#[derive(Debug, Default)]
pub struct Existing {
    /// (name key, date of birth) → the case of that child.
    pub children: HashMap<(String, NaiveDate), KnownCase>,
    /// (postcode, surname key) → a case of a family at that postcode with that surname.
    pub families: HashMap<(String, String), KnownCase>,
}

/// What the import does with a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Opens a new case; other rows of the same family join it.
    NewCase,
    /// Joins the new case opened by the row `family_row`.
    JoinsNewCase {
        family_row: u32,
    },
    /// The same child (name and date of birth) is already recorded: nothing is written.
    AlreadyRecorded(KnownCase),
    /// The family (postcode and surname) has a live case: the child is added to it.
    AddsToCase(KnownCase),
    /// The family's case is closed or archived: nothing is written, for the lead to decide.
    FamilyCaseNotLive(KnownCase),
    Rejected(Vec<String>),
}

/// Decides every row, in file order. A row repeating an earlier row's child is rejected; rows
/// of one family not yet recorded become one case.
pub fn plan(rows: Vec<Result<Child, Vec<String>>>, existing: &Existing) -> Vec<(Option<Child>, Outcome)> {
    let mut seen: HashMap<(String, NaiveDate), u32> = HashMap::new();
    let mut new_families: HashMap<(String, String), u32> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let child = match row {
            Ok(c) => c,
            Err(reasons) => {
                out.push((None, Outcome::Rejected(reasons)));
                continue;
            }
        };
        let key = (child.name_key(), child.date_of_birth);
        if let Some(first) = seen.get(&key) {
            out.push((Some(child), Outcome::Rejected(vec![format!("The same child as row {first}")])));
            continue;
        }
        seen.insert(key.clone(), child.row);
        if let Some(known) = existing.children.get(&key) {
            out.push((Some(child), Outcome::AlreadyRecorded(known.clone())));
            continue;
        }
        let Some(postcode) = child.postcode.clone() else {
            let reason = if child.postcode_cell.is_empty() {
                "No postcode".to_owned()
            } else {
                format!("Postcode \"{}\" is not a UK postcode", child.postcode_cell)
            };
            out.push((Some(child), Outcome::Rejected(vec![reason])));
            continue;
        };
        let family = (postcode, child.surname_key());
        if let Some(known) = existing.families.get(&family) {
            let outcome =
                if known.live { Outcome::AddsToCase(known.clone()) } else { Outcome::FamilyCaseNotLive(known.clone()) };
            out.push((Some(child), outcome));
        } else if let Some(first) = new_families.get(&family) {
            let first = *first;
            out.push((Some(child), Outcome::JoinsNewCase { family_row: first }));
        } else if child.address_line1.is_empty() {
            out.push((Some(child), Outcome::Rejected(vec!["No address: a new case needs the first line".to_owned()])));
        } else {
            new_families.insert(family, child.row);
            out.push((Some(child), Outcome::NewCase));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn rows_are_matched_grouped_and_deduplicated() {
        let known = |id: i64, live: bool| KnownCase { id, reference: format!("2026/{id:04}"), live };
        let existing = Existing {
            children: HashMap::from([(("zoe nowak".to_owned(), d("2023-05-01")), known(1, true))]),
            families: HashMap::from([
                (("BS5 9QZ".to_owned(), "nowak".to_owned()), known(1, true)),
                (("BS3 1AA".to_owned(), "okafor".to_owned()), known(2, false)),
            ]),
        };
        let rows = vec![
            row(2, &["Zoë", "Nowak", "01/05/2023", "", "", "", ""]),
            row(3, &["Jan", "NOWAK", "02/06/2024", "", "BS5 9QZ", "", ""]),
            row(4, &["Ada", "Okafor", "02/06/2024", "", "BS3 1AA", "", ""]),
            row(5, &["Sami", "Haddad", "02/06/2024", "4 Mill Lane", "BS1 4DJ", "", ""]),
            row(6, &["Lina", "Haddad", "03/07/2025", "4 Mill Lane", "BS1 4DJ", "", ""]),
            row(7, &["Sami", "Haddad", "02/06/2024", "4 Mill Lane", "BS1 4DJ", "", ""]),
            row(8, &["Tom", "Reed", "02/06/2024", "", "BS1 4DJ", "", ""]),
            row(9, &["Kai", "Reed", "02/06/2024", "9 Road", "nope", "", ""]),
            row(10, &["", "", "", "", "", "", ""]),
        ];
        let outcomes: Vec<Outcome> = plan(rows, &existing).into_iter().map(|(_, o)| o).collect();
        assert_eq!(outcomes[0], Outcome::AlreadyRecorded(known(1, true)));
        assert_eq!(outcomes[1], Outcome::AddsToCase(known(1, true)));
        assert_eq!(outcomes[2], Outcome::FamilyCaseNotLive(known(2, false)));
        assert_eq!(outcomes[3], Outcome::NewCase);
        assert_eq!(outcomes[4], Outcome::JoinsNewCase { family_row: 5 });
        assert_eq!(outcomes[5], Outcome::Rejected(vec!["The same child as row 5".to_owned()]));
        assert!(matches!(&outcomes[6], Outcome::Rejected(r) if r[0].starts_with("No address")));
        assert!(matches!(&outcomes[7], Outcome::Rejected(r) if r[0].contains("\"nope\" is not a UK postcode")));
        assert!(matches!(&outcomes[8], Outcome::Rejected(r) if r.len() == 2));
    }
}
