//! What a lead types into the case search, turned into terms the store can match: words to
//! find in references, names and addresses (accents and case ignored), a postcode without its
//! space, and a date of birth typed the UK way.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::fold::search_form;

/// More words than this adds nothing a lead would type.
pub const MAX_WORDS: usize = 6;
/// One screen of results, a page at a time; the count says how many there are in all.
pub const PAGE_SIZE: u32 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StatusFilter {
    /// Live and closed: the default list. Archived cases only show when asked for.
    #[default]
    Open,
    Live,
    Closed,
    Archived,
    All,
}

crate::labels!(StatusFilter {
    Open => "Live and closed",
    Live => "Live",
    Closed => "Closed",
    Archived => "Archived",
    All => "All, including archived",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    #[default]
    Newest,
    Oldest,
    RecentlyChanged,
    HighestLevel,
    Postcode,
}

crate::labels!(Sort {
    Newest => "Newest first",
    Oldest => "Oldest first",
    RecentlyChanged => "Recently changed",
    HighestLevel => "Highest level first",
    Postcode => "Postcode",
});

#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct CaseQuery {
    pub text: String,
    pub status: StatusFilter,
    pub level: Option<crate::domain::case::Level>,
    #[ts(type = "number | null")]
    pub lead_id: Option<i64>,
    /// Only cases with a child on a running Child Protection Plan.
    pub has_cp_plan: bool,
    pub sort: Sort,
    pub offset: u32,
}

/// One typed word: what it may match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Folded to lower-case ASCII, for names, addresses and references.
    pub folded: String,
    /// Upper case with spaces gone, for postcodes stored as "BS5 9QZ".
    pub compact: String,
    /// When the word is a whole date (27/03/2020, 27-3-2020, 2020-03-27), a date of birth.
    pub date: Option<NaiveDate>,
}

/// Splits `typed` into at most `MAX_WORDS` terms; every term must match for a case to show.
pub fn terms(typed: &str) -> Vec<Term> {
    typed
        .split_whitespace()
        .take(MAX_WORDS)
        .map(|w| Term { folded: search_form(w), compact: w.to_ascii_uppercase(), date: uk_date(w) })
        .collect()
}

/// The case list counts each status's matches up to this many past the page asked for, and
/// then says "more than": enough to page through, without reading every case a one-letter
/// word matches.
pub const COUNTED_UP_TO: u32 = 1_000;

/// The trigram index finds substrings of at least this many characters; shorter words are
/// matched by reading every case's text.
pub const MIN_INDEXED_CHARS: usize = 3;

/// A word found in more cases than this is matched by reading the cases' text in the list's
/// order, which fills a page after a few hundred; looking up each of thousands of matches
/// from the index costs more (at 10,000 cases, "bs9" in every postcode: 12 ms against 3 ms).
/// Either way finds the same cases: this only picks the quicker.
pub const INDEX_MAX_MATCHES: u32 = 1_000;
// A word the index answers is then counted in full without passing the count's stop.
const _: () = assert!(INDEX_MAX_MATCHES <= COUNTED_UP_TO);

impl Term {
    /// The full-text query (FTS5 syntax) that finds this word anywhere in a case's text, or
    /// `None` when a form of it is too short for the trigram index.
    pub fn indexed_query(&self) -> Option<String> {
        let mut forms = vec![&self.folded];
        // The index ignores case, so the compact form adds nothing when it is the same word.
        if !self.compact.eq_ignore_ascii_case(&self.folded) {
            forms.push(&self.compact);
        }
        if forms.iter().any(|f| f.chars().count() < MIN_INDEXED_CHARS) {
            return None;
        }
        // Each form is one quoted string, matched as a substring; a quote inside is doubled.
        Some(forms.iter().map(|f| format!("\"{}\"", f.replace('"', "\"\""))).collect::<Vec<_>>().join(" OR "))
    }
}

fn uk_date(word: &str) -> Option<NaiveDate> {
    ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"].iter().find_map(|f| NaiveDate::parse_from_str(word, f).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_and_dates_recognised() {
        let t = terms("  Dvořák bs5   27/3/2020 ");
        assert_eq!(t.len(), 3);
        assert_eq!(t[0].folded, "dvorak");
        assert_eq!(t[1].compact, "BS5");
        assert_eq!(t[2].date, NaiveDate::from_ymd_opt(2020, 3, 27));
        assert_eq!(terms("31/02/2024")[0].date, None, "not a real date");
        assert!(terms("   ").is_empty());
        assert_eq!(terms("a b c d e f g h").len(), MAX_WORDS);
    }

    #[test]
    fn words_of_three_characters_or_more_use_the_index() {
        assert_eq!(terms("ab")[0].indexed_query(), None, "too short for trigrams");
        assert_eq!(terms("Amar")[0].indexed_query().as_deref(), Some("\"amar\""));
        assert_eq!(terms("0771")[0].indexed_query().as_deref(), Some("\"0771\""));
        // Accents folded away leave a second form to find, quoted as typed.
        assert_eq!(terms("Siân")[0].indexed_query().as_deref(), Some("\"sian\" OR \"SIâN\""));
        // Quotes and operators are text, never query syntax.
        assert_eq!(terms("o\"neil")[0].indexed_query().as_deref(), Some("\"o\"\"neil\""));
        assert_eq!(terms("AND")[0].indexed_query().as_deref(), Some("\"and\""));
    }
}
