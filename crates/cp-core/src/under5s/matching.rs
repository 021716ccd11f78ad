//! Matching checked rows with what is recorded, and with each other: a child is the same only
//! when name, date of birth and address agree, a family is one surname at one address; alike
//! elsewhere is a possible match that the lead decides (kept apart unless they say otherwise).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::rows::{Child, name_key, surname_key};
use crate::domain::address::{Address, Match as AddressMatch};

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
