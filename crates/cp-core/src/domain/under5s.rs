//! The "Under 5s known to Social Care" list (seed 000 ix): which column holds what, each row
//! checked, and what the import will do with it. Matching needs what is already recorded,
//! which the caller passes in as `Existing`.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::address::{Address, Match as AddressMatch, names_only_a_unit};
use super::fold::search_form;
use super::postcode;
use crate::leads::rules::MAX_NAME_CHARS;

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
fn split_lines(line1: &str, line2: &str) -> (String, String) {
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

/// A case already recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownCase {
    pub id: i64,
    pub reference: String,
    /// Only a live case takes a new child.
    pub live: bool,
    /// The case's address, as the lead checks a possible match against the row's.
    pub address_line1: String,
    pub postcode: String,
    /// The case's lead social worker's name; empty when none is recorded.
    pub social_worker: String,
}

impl KnownCase {
    pub fn address(&self) -> Option<Address> {
        Address::new(&self.address_line1, &self.postcode)
    }
}

/// What is already recorded, keyed as rows are matched. Every case under a key is kept: the
/// address decides among them.
#[derive(Debug, Default)]
pub struct Existing {
    /// (name key, date of birth) → the cases of children with that name and date of birth.
    pub children: HashMap<(String, NaiveDate), Vec<KnownCase>>,
    /// (postcode, surname key) → the cases with someone of that surname at that postcode.
    pub families: HashMap<(String, String), Vec<KnownCase>>,
}

impl Existing {
    pub fn add_child(&mut self, name: &str, date_of_birth: NaiveDate, case: KnownCase) {
        let cases = self.children.entry((name_key(name), date_of_birth)).or_default();
        if !cases.iter().any(|c| c.id == case.id) {
            cases.push(case);
        }
    }

    pub fn add_family(&mut self, surname_of: &str, case: KnownCase) {
        let cases = self.families.entry((case.postcode.clone(), surname_key(surname_of))).or_default();
        if !cases.iter().any(|c| c.id == case.id) {
            cases.push(case);
        }
    }
}

/// A record that may be this row's child or family, for the lead to decide: the same name and
/// date of birth (or the same surname and postcode) at another address. Two children wrongly
/// merged is a breach; one child recorded twice is an inconvenience. So unless the lead says
/// it is the same, the row is kept apart and marked for checking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Possible {
    /// A recorded child with the same name and date of birth, in this case.
    ChildInCase(KnownCase),
    /// An earlier row with the same name and date of birth.
    ChildInRow(u32),
    /// A recorded family of the same surname at the same postcode, in this case.
    FamilyCase(KnownCase),
    /// An earlier row opening a case for a family of the same surname at the same postcode.
    FamilyRow(u32),
}

impl Possible {
    pub fn is_child(&self) -> bool {
        matches!(self, Possible::ChildInCase(_) | Possible::ChildInRow(_))
    }

    /// The sentence that marks a row kept apart, for the lead to check later.
    pub fn to_check(&self) -> String {
        match self {
            Possible::ChildInCase(k) => format!(
                "Possibly the same child as one in case {} (same name and date of birth, another address): check",
                k.reference
            ),
            Possible::ChildInRow(r) => {
                format!("Possibly the same child as row {r} (same name and date of birth, another address): check")
            }
            Possible::FamilyCase(k) => format!(
                "Possibly the same family as case {} (same surname and postcode, another address): check",
                k.reference
            ),
            Possible::FamilyRow(r) => {
                format!("Possibly the same family as row {r} (same surname and postcode, another address): check")
            }
        }
    }
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
    /// The same child (name, date of birth and address) is already recorded: nothing is written.
    AlreadyRecorded(KnownCase),
    /// The same child as an earlier row, by the lead's choice: nothing is written.
    SameAsRow(u32),
    /// The family (surname and address) has a live case: the child is added to it.
    AddsToCase(KnownCase),
    /// The family's case is closed or archived: nothing is written, for the lead to decide.
    FamilyCaseNotLive(KnownCase),
    Rejected(Vec<String>),
}

/// One row's decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub outcome: Outcome,
    /// A record the row may belong to; `same` is the lead's answer (false unless chosen).
    pub possible: Option<Possible>,
    pub same: bool,
}

impl Planned {
    fn plain(outcome: Outcome) -> Planned {
        Planned { outcome, possible: None, same: false }
    }
}

/// A child as matched: name key and date of birth.
type ChildKey = (String, NaiveDate);

/// A family opened by an earlier row of this file.
struct NewFamily {
    row: u32,
    address: Address,
}

/// Decides every row, in file order. A child is the same as a recorded one (or an earlier
/// row's) only when name, date of birth and address agree; a family is one surname at one
/// address. Name and date of birth alike at another address, or surname and postcode alike at
/// another address, is a possible match: kept apart unless the row is in `same_rows`, the rows
/// the lead said are the same.
pub fn plan(
    rows: Vec<Result<Child, Vec<String>>>,
    existing: &Existing,
    same_rows: &HashSet<u32>,
) -> Vec<(Option<Child>, Planned)> {
    // Each earlier row by its child's name and date of birth, with its address.
    let mut seen: HashMap<ChildKey, Vec<(u32, Option<Address>)>> = HashMap::new();
    let mut new_families: HashMap<(String, String), Vec<NewFamily>> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let child = match row {
            Ok(c) => c,
            Err(reasons) => {
                out.push((None, Planned::plain(Outcome::Rejected(reasons))));
                continue;
            }
        };
        let chosen = same_rows.contains(&child.row);
        let address = child.address();
        let same_place = |other: Option<&Address>| match (&address, other) {
            (Some(a), Some(b)) => a.compare(b) == AddressMatch::Same,
            _ => false,
        };
        let key = (child.name_key(), child.date_of_birth);
        let earlier = seen.entry(key.clone()).or_default();
        if let Some((first, _)) = earlier.iter().find(|(_, a)| same_place(a.as_ref())) {
            let reason = format!("The same child as row {first} (same name, date of birth and address)");
            out.push((Some(child), Planned::plain(Outcome::Rejected(vec![reason]))));
            continue;
        }
        let mut possible = earlier.first().map(|(r, _)| Possible::ChildInRow(*r));
        earlier.push((child.row, address.clone()));
        if let Some(Possible::ChildInRow(r)) = possible
            && chosen
        {
            out.push((Some(child), Planned { outcome: Outcome::SameAsRow(r), possible, same: true }));
            continue;
        }
        let recorded = existing.children.get(&key).map_or(&[][..], Vec::as_slice);
        if let Some(known) = best(recorded.iter().filter(|k| same_place(k.address().as_ref()))) {
            out.push((Some(child), Planned::plain(Outcome::AlreadyRecorded(known.clone()))));
            continue;
        }
        if possible.is_none()
            && let Some(known) = best(recorded.iter())
        {
            if chosen {
                let outcome = Outcome::AlreadyRecorded(known.clone());
                out.push((
                    Some(child),
                    Planned { outcome, possible: Some(Possible::ChildInCase(known.clone())), same: true },
                ));
                continue;
            }
            possible = Some(Possible::ChildInCase(known.clone()));
        }
        let (Some(postcode), Some(address)) = (child.postcode.clone(), address.clone()) else {
            let reason = if child.postcode_cell.is_empty() {
                "No postcode".to_owned()
            } else {
                format!("Postcode \"{}\" is not a UK postcode", child.postcode_cell)
            };
            out.push((Some(child), Planned { outcome: Outcome::Rejected(vec![reason]), possible, same: false }));
            continue;
        };
        let family = (postcode, child.surname_key());
        let recorded = existing.families.get(&family).map_or(&[][..], Vec::as_slice);
        let at_address = best(recorded.iter().filter(|k| same_place(k.address().as_ref())));
        let opened = new_families.entry(family).or_default();
        let opened_here = opened.iter().find(|f| address.compare(&f.address) == AddressMatch::Same).map(|f| f.row);
        // A family at another address of the same surname and postcode, for the lead to decide.
        let other_family = || {
            best(recorded.iter())
                .map(|k| Possible::FamilyCase(k.clone()))
                .or_else(|| opened.first().map(|f| Possible::FamilyRow(f.row)))
        };
        let into_case =
            |k: &KnownCase| if k.live { Outcome::AddsToCase(k.clone()) } else { Outcome::FamilyCaseNotLive(k.clone()) };
        let planned = if let Some(known) = at_address {
            Planned { outcome: into_case(known), possible, same: false }
        } else if let Some(first) = opened_here {
            Planned { outcome: Outcome::JoinsNewCase { family_row: first }, possible, same: false }
        } else if let (None, Some(family)) = (&possible, other_family()) {
            match (&family, chosen) {
                (Possible::FamilyCase(k), true) => {
                    Planned { outcome: into_case(k), possible: Some(family.clone()), same: true }
                }
                (Possible::FamilyRow(r), true) => Planned {
                    outcome: Outcome::JoinsNewCase { family_row: *r },
                    possible: Some(family.clone()),
                    same: true,
                },
                _ => new_case(&child, opened, address, Some(family)),
            }
        } else {
            new_case(&child, opened, address, possible)
        };
        out.push((Some(child), planned));
    }
    out
}

fn new_case(child: &Child, opened: &mut Vec<NewFamily>, address: Address, possible: Option<Possible>) -> Planned {
    if !address.has_line() {
        let reason = "No address: a new case needs the first line".to_owned();
        return Planned { outcome: Outcome::Rejected(vec![reason]), possible, same: false };
    }
    opened.push(NewFamily { row: child.row, address });
    Planned { outcome: Outcome::NewCase, possible, same: false }
}

/// Of several matching cases, a live one first, then the newest.
fn best<'a>(cases: impl Iterator<Item = &'a KnownCase>) -> Option<&'a KnownCase> {
    cases.max_by_key(|k| (k.live, k.id))
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
        assert_eq!(
            o[9],
            Planned { outcome: Outcome::SameAsRow(5), possible: Some(Possible::ChildInRow(5)), same: true }
        );
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
}
