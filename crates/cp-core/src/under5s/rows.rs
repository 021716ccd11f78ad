//! Each row of the list checked: the child's name, date of birth, gender, address and what the
//! list says of them, or why the row cannot be imported.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use super::columns::{Field, header_key};
use crate::domain::address::{Address, names_only_a_unit};
use crate::domain::fold::search_form;
use crate::domain::label::Label;
use crate::domain::postcode;
use crate::leads::rules::MAX_NAME_CHARS;

/// The social care status a list gives a child.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CareStatus {
    ChildProtectionPlan,
    ChildInNeed,
    LookedAfter,
    EarlyHelp,
}

crate::labels!(CareStatus {
    ChildProtectionPlan => "Child Protection Plan",
    ChildInNeed => "Child in Need",
    LookedAfter => "Looked after",
    EarlyHelp => "Early Help",
});

impl CareStatus {
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
    /// The row's address as compared; `None` without a valid postcode.
    pub fn address(&self) -> Option<Address> {
        self.postcode.as_deref().and_then(|p| Address::new(&self.address_line1, p))
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
    let (address_line1, address_line2) = split_lines(cell(Field::AddressLine1), cell(Field::AddressLine2));
    Ok(Child {
        row,
        full_name,
        date_of_birth,
        gender,
        address_line1,
        address_line2,
        town: one_line(cell(Field::Town)),
        postcode: postcode::normalise(&postcode_cell).ok(),
        postcode_cell,
        status,
        local_authority: cell(Field::LocalAuthority).to_owned(),
        social_worker: cell(Field::SocialWorker).to_owned(),
    })
}

/// The lines of a cell, each trimmed, empty ones left out.
fn lines(cell: &str) -> Vec<&str> {
    cell.lines().map(str::trim).filter(|l| !l.is_empty()).collect()
}

fn one_line(cell: &str) -> String {
    lines(cell).join(", ")
}

/// A spreadsheet cell can hold a two-line address ("14 Mill Lane\nEaston"): its first line is
/// address line 1 and the rest goes before address line 2, so no line break is ever stored. A
/// first line naming only a flat ("Flat 2\n14 Mill Lane") keeps the building's line with it.
pub(super) fn split_lines(line1: &str, line2: &str) -> (String, String) {
    let mut rest = lines(line1).into_iter();
    let mut first = rest.next().unwrap_or("").to_owned();
    if names_only_a_unit(&first)
        && let Some(next) = rest.next()
    {
        first = format!("{first}, {next}");
    }
    let second: Vec<&str> = rest.chain(lines(line2)).collect();
    (first, second.join(", "))
}
