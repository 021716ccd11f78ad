//! The annual report's figures as they may be shown: anonymised, so a small count, which could
//! point to a family or a member of staff, is never given exactly. Pure.

use serde::Serialize;
use ts_rs::TS;

/// Counts below this are shown as "fewer than 5" (issue 25: any count below 5, none included,
/// as the local safeguarding partnership's small-number rule asks).
pub const SMALLEST_SHOWN: u32 = 5;

/// A count as the report shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "shown", content = "count", rename_all = "snake_case")]
pub enum Count {
    Exactly(u32),
    FewerThanFive,
}

impl Count {
    pub fn of(n: i64) -> Self {
        let n = u32::try_from(n.max(0)).unwrap_or(u32::MAX);
        if n < SMALLEST_SHOWN { Self::FewerThanFive } else { Self::Exactly(n) }
    }

    /// The count in words, as the printed report and a screen reader give it.
    pub fn words(self) -> String {
        match self {
            Self::Exactly(n) => n.to_string(),
            Self::FewerThanFive => "fewer than 5".to_owned(),
        }
    }

    /// How tall its bar is drawn: a suppressed count is drawn as the rule's own size, never as
    /// its true one, so the picture gives away no more than the words.
    pub fn drawn(self) -> u32 {
        match self {
            Self::Exactly(n) => n,
            Self::FewerThanFive => SMALLEST_SHOWN,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_below_five_are_never_given_exactly() {
        for n in 0..5 {
            assert_eq!(Count::of(n), Count::FewerThanFive, "{n}");
            assert_eq!(Count::of(n).words(), "fewer than 5");
            assert_eq!(Count::of(n).drawn(), 5, "drawn as tall as 5, whatever it is");
        }
        assert_eq!(Count::of(5), Count::Exactly(5));
        assert_eq!(Count::of(37).words(), "37");
        assert_eq!(Count::of(-1), Count::FewerThanFive);
    }
}
