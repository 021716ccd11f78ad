//! What every area's SQL shares: the stored form of an enum (its serde name, as the UI also
//! sees it) and LIKE patterns.

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// `sqlx::Type` for a value kept as text on both engines (PostgreSQL too, where it then sorts
/// and compares as on SQLite); its `Decode` reads the text its own way.
macro_rules! stored_as_text {
    ($ty:ident $(<$param:ident>)?) => {
        impl<$($param,)? DB: sqlx::Database> sqlx::Type<DB> for $ty$(<$param>)?
        where
            str: sqlx::Type<DB>,
            for<'a> &'a str: sqlx::Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <str as sqlx::Type<DB>>::type_info()
            }

            fn compatible(ty: &DB::TypeInfo) -> bool {
                <&str as sqlx::Type<DB>>::compatible(ty)
            }
        }
    };
}
pub(crate) use stored_as_text;

pub fn as_text<T: Serialize>(value: T) -> Result<String> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Ok(s),
        _ => Err(Error::internal("A value could not be stored.")),
    }
}

pub fn from_text<T: for<'de> Deserialize<'de>>(s: &str) -> Result<T> {
    serde_json::from_value(serde_json::Value::String(s.to_owned()))
        .map_err(|_| Error::internal("A stored value is not one this version knows."))
}

/// `%text%` for LIKE, with LIKE's own wildcards in the text taken literally.
pub fn contains_pattern(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// Enums kept together in one column, comma-separated (a plan's categories, an allegation's
/// harm tests). Views carry the values; the UI receives a list (annotate the field
/// `#[ts(as = "Vec<T>")]`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct List<T>(pub Vec<T>);

impl<T: Serialize> Serialize for List<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

stored_as_text!(List<T>);

impl<'r, T: for<'de> Deserialize<'de>, DB: sqlx::Database> sqlx::Decode<'r, DB> for List<T>
where
    &'r str: sqlx::Decode<'r, DB>,
{
    fn decode(value: <DB as sqlx::Database>::ValueRef<'r>) -> std::result::Result<Self, sqlx::error::BoxDynError> {
        let text = <&str as sqlx::Decode<DB>>::decode(value)?;
        let values = text.split(',').filter(|s| !s.is_empty()).map(from_text).collect::<Result<Vec<T>>>()?;
        Ok(Self(values))
    }
}
