//! How reports write dates and stored values: the same words as the screen (`Label`), dates
//! in the UK forms.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::London;

use crate::clock::Stamp;
use crate::domain::label::Label;
use crate::plans::rules::Category;

/// "23 November 2026 at 14:05", UK time.
pub fn uk_stamp(at: DateTime<Utc>) -> String {
    at.with_timezone(&London).format("%-d %B %Y at %H:%M").to_string()
}

/// A date as a sentence gives it: "23 November 2026".
pub(super) fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// Dates inside tables: 07/01/2025, the UK short form, so a column stays narrow.
pub(super) fn short(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// An instant's UK day, as a sentence gives it.
pub(super) fn uk_date(at: Stamp) -> String {
    long_date(at.uk_date())
}

/// An instant's UK day, as a table gives it.
pub(super) fn short_date(at: Stamp) -> String {
    short(at.uk_date())
}

/// "Neglect, Emotional abuse".
pub(super) fn categories(list: &[Category]) -> String {
    list.iter().map(|c| c.label()).collect::<Vec<_>>().join(", ")
}

pub(super) fn or_not_recorded(s: &str) -> String {
    if s.is_empty() { "Not recorded".to_owned() } else { s.to_owned() }
}
