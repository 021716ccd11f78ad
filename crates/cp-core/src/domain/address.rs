//! Addresses as they are compared: the same household written by different people ("22
//! Redcross St.", "Flat 1, 22 Redcross Street", "22 redcross street") must be recognised, and
//! two households that only look alike must not be merged. Used by the enquiry same-address
//! flag (seed 001 6.2.12) and by the Under 5s import's matching. Pure.

use super::fold::search_form;
use super::postcode;

/// Street words and their abbreviations as Royal Mail and the people who type addresses write
/// them. "St" is "Street" at the end of a line and "Saint" before a name ("St Paul's Road").
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("rd", "road"),
    ("ave", "avenue"),
    ("av", "avenue"),
    ("ln", "lane"),
    ("dr", "drive"),
    ("cl", "close"),
    ("ct", "court"),
    ("crt", "court"),
    ("cres", "crescent"),
    ("cresc", "crescent"),
    ("gdns", "gardens"),
    ("gdn", "garden"),
    ("gr", "grove"),
    ("gro", "grove"),
    ("pl", "place"),
    ("sq", "square"),
    ("ter", "terrace"),
    ("terr", "terrace"),
    ("tce", "terrace"),
    ("pk", "park"),
    ("pde", "parade"),
    ("wy", "way"),
    ("wlk", "walk"),
    ("hse", "house"),
    ("ho", "house"),
    ("bldgs", "buildings"),
    ("cotts", "cottages"),
    ("est", "estate"),
    ("mt", "mount"),
    ("apt", "apartment"),
    ("flt", "flat"),
];

/// Words that name a dwelling inside a building; with the identifier after them they are the
/// household's unit, not part of the building's address.
const UNIT_WORDS: &[&str] = &["flat", "apartment", "unit", "maisonette", "room", "suite", "bedsit"];
/// Words that may stand before a unit word: "Ground Floor Flat", "Top Flat".
const FLOOR_WORDS: &[&str] = &["basement", "ground", "first", "second", "third", "top", "lower", "upper", "floor"];

/// One address line, normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The flat or unit, when the line names one ("flat 1").
    pub unit: Option<String>,
    /// The building's address without the unit: "22 redcross street".
    pub building: String,
    /// The first word that starts with a digit: "22", "22a".
    pub number: Option<String>,
}

/// How two addresses compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// The same household, as far as the two records say.
    Same,
    /// The same postcode and house number (or the same building, another flat): a person must
    /// check.
    Possible,
    Different,
}

fn words(line: &str) -> Vec<String> {
    // Apostrophes join ("Paul's" is one word); every other mark separates.
    let plain: String = search_form(line).chars().filter(|c| *c != '\'' && *c != '\u{2019}').collect();
    plain.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

fn is_identifier(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit()) || (word.len() == 1 && word.chars().all(|c| c.is_ascii_alphabetic()))
}

/// Normalises one address line: case, accents, punctuation and spacing ignored, common
/// abbreviations written out, a flat or unit taken apart from the building.
pub fn normalise_line(line: &str) -> Line {
    let raw = words(line);
    let last = raw.len().saturating_sub(1);
    let expanded: Vec<String> = raw
        .iter()
        .enumerate()
        .map(|(i, w)| match w.as_str() {
            "st" | "str" if i == last => "street".to_owned(),
            "st" => "saint".to_owned(),
            _ => ABBREVIATIONS.iter().find(|(a, _)| a == w).map_or_else(|| w.clone(), |(_, full)| (*full).to_owned()),
        })
        .collect();
    // A number after "flat" is the flat's, unless it is the line's only number: then it is the
    // building's ("Ground Floor Flat, 22 Redcross Street").
    let numbers = expanded.iter().filter(|w| w.starts_with(|c: char| c.is_ascii_digit())).count();
    let mut unit = Vec::new();
    let mut building = Vec::new();
    let mut i = 0;
    while i < expanded.len() {
        let w = expanded[i].as_str();
        if UNIT_WORDS.contains(&w) {
            // Floor words just before it belong to the unit, not the building.
            while building.last().is_some_and(|b: &String| FLOOR_WORDS.contains(&b.as_str())) {
                if let Some(b) = building.pop() {
                    unit.insert(0, b);
                }
            }
            unit.push(w.to_owned());
            if let Some(id) = expanded
                .get(i + 1)
                .filter(|n| is_identifier(n) && (numbers > 1 || !n.starts_with(|c: char| c.is_ascii_digit())))
            {
                unit.push(id.clone());
                i += 1;
            }
        } else {
            building.push(w.to_owned());
        }
        i += 1;
    }
    let number = building.iter().find(|w| w.starts_with(|c: char| c.is_ascii_digit())).cloned();
    Line { unit: (!unit.is_empty()).then(|| unit.join(" ")), building: building.join(" "), number }
}

/// Whether a line names only a flat or unit ("Flat 2", "Ground Floor Flat"), not a building.
pub fn names_only_a_unit(line: &str) -> bool {
    let w = words(line);
    let unit_word = |w: &String| {
        let full = ABBREVIATIONS.iter().find(|(a, _)| a == w).map_or(w.as_str(), |(_, f)| *f);
        UNIT_WORDS.contains(&full) || FLOOR_WORDS.contains(&full)
    };
    match w.split_last() {
        None => false,
        Some((last, rest)) if is_identifier(last) => !rest.is_empty() && rest.iter().all(unit_word),
        Some(_) => w.iter().all(unit_word),
    }
}

/// An address as it is compared: the postcode normalised, and the first line normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub postcode: String,
    pub line: Line,
}

impl Address {
    /// `None` when the postcode is not a UK postcode: such an address matches nothing.
    pub fn new(line1: &str, postcode_typed: &str) -> Option<Address> {
        let postcode = postcode::normalise(postcode_typed).ok()?;
        Some(Address { postcode, line: normalise_line(line1) })
    }

    /// Whether a first line was given at all.
    pub fn has_line(&self) -> bool {
        !self.line.building.is_empty() || self.line.unit.is_some()
    }

    /// The key under which the same household always falls (for maps): postcode and building.
    pub fn building_key(&self) -> (String, String) {
        (self.postcode.clone(), self.line.building.clone())
    }

    /// Same postcode, and the same building in a normalised first line (a flat named on one
    /// side only still matches; two different flats are only possible); or the same postcode
    /// where either record has no first line. Same postcode and house number otherwise:
    /// possible.
    pub fn compare(&self, other: &Address) -> Match {
        if self.postcode != other.postcode {
            return Match::Different;
        }
        if !self.has_line() || !other.has_line() {
            return Match::Same;
        }
        let (a, b) = (&self.line, &other.line);
        if a.building == b.building && !a.building.is_empty() {
            return match (&a.unit, &b.unit) {
                (Some(x), Some(y)) if x != y => Match::Possible,
                _ => Match::Same,
            };
        }
        match (&a.number, &b.number) {
            (Some(x), Some(y)) if x == y => Match::Possible,
            _ => Match::Different,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compare(a: &str, b: &str) -> Match {
        let a = Address::new(a, "BS5 9QZ").unwrap();
        let b = Address::new(b, "bs59qz").unwrap();
        // Every comparison is the same both ways.
        assert_eq!(a.compare(&b), b.compare(&a), "{a:?} / {b:?}");
        a.compare(&b)
    }

    #[test]
    fn ordinary_spellings_of_one_address_are_the_same() {
        for spelling in [
            "22 Redcross Street",
            "22 Redcross St",
            "22 Redcross St.",
            "22, Redcross Street",
            "22 REDCROSS STREET",
            "22  redcross   street ",
            "Flat 1, 22 Redcross Street",
            "Flat 1 22 Redcross St",
            "22 Redcross Street (Flat 1)",
            "Ground Floor Flat, 22 Redcross Street",
            "Apt 3, 22 Redcross St.",
        ] {
            assert_eq!(compare("22 Redcross Street", spelling), Match::Same, "{spelling}");
        }
        assert_eq!(compare("14 Mill Rd", "14 Mill Road"), Match::Same);
        assert_eq!(compare("3 Elm Ave", "3 Elm Avenue"), Match::Same);
        assert_eq!(compare("St Paul's Road", "Saint Pauls Rd"), Match::Same);
        assert_eq!(compare("5 Łódź Close", "5 Lodz Cl"), Match::Same);
    }

    #[test]
    fn near_misses_need_a_person_and_others_are_different() {
        assert_eq!(compare("Flat 1, 22 Redcross Street", "Flat 2, 22 Redcross Street"), Match::Possible);
        assert_eq!(compare("22 Redcross Street", "22 Redcross Road"), Match::Possible);
        assert_eq!(compare("22 Redcross Street", "22 Stapleton Road"), Match::Possible);
        assert_eq!(compare("22 Redcross Street", "24 Redcross Street"), Match::Different);
        assert_eq!(compare("22 Redcross Street", "22a Redcross Street"), Match::Different);
        assert_eq!(compare("Rose Cottage", "Ivy Cottage"), Match::Different);
        let other_postcode = Address::new("22 Redcross Street", "BS5 9QA").unwrap();
        assert_eq!(Address::new("22 Redcross Street", "BS5 9QZ").unwrap().compare(&other_postcode), Match::Different);
        assert_eq!(Address::new("22 Redcross Street", "not a postcode"), None);
    }

    #[test]
    fn a_missing_first_line_leaves_the_postcode_to_decide() {
        assert_eq!(compare("", "22 Redcross Street"), Match::Same);
        assert!(!Address::new(" , ", "BS5 9QZ").unwrap().has_line());
        assert!(names_only_a_unit("Flat 2") && names_only_a_unit("Ground Floor Flat") && names_only_a_unit("Apt. 3b"));
        assert!(
            !names_only_a_unit("Flat 2, 14 Mill Lane") && !names_only_a_unit("14 Mill Lane") && !names_only_a_unit("2")
        );
    }

    #[test]
    fn the_unit_is_taken_apart_from_the_building() {
        let l = normalise_line("Top Flat B, 9 St Mark's Rd");
        assert_eq!(l.unit.as_deref(), Some("top flat b"));
        assert_eq!(l.building, "9 saint marks road");
        assert_eq!(l.number.as_deref(), Some("9"));
    }
}
