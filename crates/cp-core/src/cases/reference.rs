//! Case references, `CP-YYYY-NNNN`: numbered per year, never reused.

use std::fmt;
use std::str::FromStr;

use crate::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CaseRef {
    pub year: i32,
    pub number: u32,
}

impl CaseRef {
    /// The next reference in `year`, after the highest ever issued that year (including
    /// archived cases, so a number is never given twice).
    pub fn next(year: i32, highest_issued: Option<u32>) -> Self {
        Self { year, number: highest_issued.map_or(1, |n| n + 1) }
    }
}

impl fmt::Display for CaseRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CP-{:04}-{:04}", self.year, self.number)
    }
}

impl FromStr for CaseRef {
    type Err = Error;

    /// Accepts what a lead types: any case, spaces around, e.g. ` cp-2026-0042 `.
    fn from_str(s: &str) -> Result<Self> {
        let bad = || Error::invalid("A case reference looks like CP-2026-0042.");
        let upper = s.trim().to_ascii_uppercase();
        let mut parts = upper.splitn(3, '-');
        let (Some("CP"), Some(year), Some(number)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        if year.len() != 4 || number.len() < 4 || !year.bytes().chain(number.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let number: u32 = number.parse().map_err(|_| bad())?;
        if number == 0 {
            return Err(bad());
        }
        Ok(Self { year: year.parse().map_err(|_| bad())?, number })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses_back() {
        let r = CaseRef::next(2026, Some(41));
        assert_eq!(r.to_string(), "CP-2026-0042");
        assert_eq!(" cp-2026-0042 ".parse::<CaseRef>().unwrap(), r);
        assert_eq!(CaseRef::next(2027, None).to_string(), "CP-2027-0001");
        assert_eq!(CaseRef::next(2026, Some(9999)).to_string(), "CP-2026-10000");
        assert_eq!("CP-2026-10000".parse::<CaseRef>().unwrap().number, 10000);
    }

    #[test]
    fn malformed_references_are_refused() {
        for bad in ["", "CP-26-0001", "XX-2026-0001", "CP-2026-01", "CP-2026-0000", "CP-2026-00a1", "CP-2026"] {
            assert!(bad.parse::<CaseRef>().is_err(), "{bad}");
        }
    }
}
