//! A date as a form sends it. The window makes a date of the day, month and year boxes; when
//! they do not make one, it sends null (for a date the form needs) or `"not-a-date"` (for an
//! optional date whose boxes were filled in), and the form's check names that date beside every
//! other problem in one round, instead of the window refusing the date alone first (issue 21).
//! It is held as `NOT_A_DATE`, a date no lead can type, so a record's type stays a plain date
//! and only the check has to know.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Deserializer};

/// A date that the boxes did not make.
pub const NOT_A_DATE: NaiveDate = NaiveDate::MIN;

fn parse(s: &str) -> NaiveDate {
    s.parse().unwrap_or(NOT_A_DATE)
}

/// A date the form needs: null or anything not a date is `NOT_A_DATE`.
pub fn required<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    Ok(Option::<String>::deserialize(d)?.map_or(NOT_A_DATE, |s| parse(&s)))
}

/// An optional date: null or empty is none; anything else not a date is `NOT_A_DATE`.
pub fn optional<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.filter(|s| !s.trim().is_empty()).map(|s| parse(&s)))
}

/// Whether the boxes made a date.
pub fn is_real(date: NaiveDate) -> bool {
    date != NOT_A_DATE
}

/// A time that the box did not make: a leap second, which no lead can type and the window
/// never sends (it sends hours and minutes).
pub fn not_a_time() -> NaiveTime {
    NaiveTime::from_hms_milli_opt(23, 59, 59, 1_999).unwrap_or(NaiveTime::MIN)
}

/// An optional time: null or empty is none; anything else not a time is `not_a_time()`.
pub fn optional_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveTime>, D::Error> {
    Ok(Option::<String>::deserialize(d)?
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.parse().unwrap_or_else(|_| not_a_time())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Form {
        #[serde(deserialize_with = "required")]
        on: NaiveDate,
        #[serde(default, deserialize_with = "optional")]
        born: Option<NaiveDate>,
        #[serde(default, deserialize_with = "optional_time")]
        at: Option<NaiveTime>,
    }

    fn form(json: &str) -> Form {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_date_the_boxes_did_not_make_is_held_for_the_check_to_name() {
        let f = form(r#"{"on": "2026-11-23", "born": "2019-04-02"}"#);
        assert_eq!((f.on.to_string(), f.born.map(|d| d.to_string())), ("2026-11-23".into(), Some("2019-04-02".into())));
        let f = form(r#"{"on": null, "born": "not-a-date"}"#);
        assert_eq!((is_real(f.on), f.born.map(is_real)), (false, Some(false)));
        let f = form(r#"{"on": "2026-02-30", "born": null}"#);
        assert_eq!((is_real(f.on), f.born), (false, None));
        assert_eq!(form(r#"{"on": "2026-11-23", "born": ""}"#).born, None);
        assert_eq!(form(r#"{"on": "2026-11-23"}"#).born, None, "an optional date may be left out");
        assert_eq!(form(r#"{"on": "2026-11-23", "at": "14:30:00"}"#).at, NaiveTime::from_hms_opt(14, 30, 0));
        assert_eq!(form(r#"{"on": "2026-11-23", "at": "25:00"}"#).at, Some(not_a_time()));
        assert_ne!(Some(not_a_time()), NaiveTime::from_hms_opt(23, 59, 59), "not a time a lead can mean");
    }
}
