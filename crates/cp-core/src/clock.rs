//! Time is injected: the domain never reads the wall clock, so tests can set it.

use chrono::{DateTime, SecondsFormat, Utc};

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// The stored form of an instant: RFC 3339 UTC with milliseconds, which sorts as text.
pub fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn parse_stamp(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s).ok().map(|t| t.with_timezone(&Utc))
}

/// An instant as it is stored and as the UI receives it: RFC 3339, UTC, with milliseconds
/// (`stamp`). Views carry it typed; it reaches the UI as the same string (`string` in
/// TypeScript) it was stored as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp(pub DateTime<Utc>);

impl Stamp {
    /// The UK date of the instant.
    pub fn uk_date(self) -> chrono::NaiveDate {
        self.0.with_timezone(&chrono_tz::Europe::London).date_naive()
    }

    /// As a lead reads it in a sentence: "at 10:42 on 26 November 2026", UK time.
    pub fn uk_time_and_date(self) -> String {
        self.0.with_timezone(&chrono_tz::Europe::London).format("at %H:%M on %-d %B %Y").to_string()
    }
}

impl std::fmt::Display for Stamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&stamp(self.0))
    }
}

impl serde::Serialize for Stamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&stamp(self.0))
    }
}

crate::store::text::stored_as_text!(Stamp);

impl<'r, DB: sqlx::Database> sqlx::Decode<'r, DB> for Stamp
where
    &'r str: sqlx::Decode<'r, DB>,
{
    fn decode(value: <DB as sqlx::Database>::ValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        let text = <&str as sqlx::Decode<DB>>::decode(value)?;
        parse_stamp(text).map(Stamp).ok_or_else(|| "a stored instant is not RFC 3339".into())
    }
}
