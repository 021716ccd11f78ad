//! What every area's SQL shares: the stored form of an enum (its serde name, as the UI also
//! sees it) and LIKE patterns.

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

pub(crate) fn as_text<T: Serialize>(value: T) -> Result<String> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Ok(s),
        _ => Err(Error::internal("A value could not be stored.")),
    }
}

pub(crate) fn from_text<T: for<'de> Deserialize<'de>>(s: &str) -> Result<T> {
    serde_json::from_value(serde_json::Value::String(s.to_owned()))
        .map_err(|_| Error::internal("A stored value is not one this version knows."))
}

/// `%text%` for LIKE, with LIKE's own wildcards in the text taken literally.
pub(crate) fn contains_pattern(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}
