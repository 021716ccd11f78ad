//! A flag on a case: a short warning a lead must see before acting. Pure.

use serde::Deserialize;
use ts_rs::TS;

use crate::{Error, FieldError, Result};

/// Short enough to read at a glance at the top of the case and in the case list.
pub const MAX_FLAG: usize = 80;
const MAX_REASON: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewFlag {
    pub flag: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FlagEnd {
    pub reason: String,
}

/// The flag's words, trimmed, or what is wrong with them.
pub fn check_flag(f: &NewFlag) -> Result<String> {
    let flag = f.flag.trim();
    let message = if flag.is_empty() {
        "Enter the warning, like “Do not contact the father”".to_owned()
    } else if flag.chars().count() > MAX_FLAG {
        format!("The warning must be {MAX_FLAG} characters or fewer, to be read at a glance")
    } else if flag.contains(['\n', '\r']) {
        "The warning must be one line".to_owned()
    } else {
        return Ok(flag.to_owned());
    };
    Err(Error::fields(vec![FieldError::new("flag", message)]))
}

/// Why a flag no longer applies.
pub fn check_end(e: &FlagEnd) -> Result<String> {
    let reason = e.reason.trim();
    let message = if reason.is_empty() {
        "Enter why the warning no longer applies".to_owned()
    } else if reason.chars().count() > MAX_REASON {
        format!("The reason must be {MAX_REASON} characters or fewer")
    } else {
        return Ok(reason.to_owned());
    };
    Err(Error::fields(vec![FieldError::new("endReason", message)]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flag_is_one_short_line_and_ends_with_a_reason() {
        assert_eq!(check_flag(&NewFlag { flag: "  Interpreter: Polish ".into() }).unwrap(), "Interpreter: Polish");
        for bad in ["", " ", "two\nlines", &"x".repeat(MAX_FLAG + 1)] {
            assert_eq!(check_flag(&NewFlag { flag: bad.into() }).unwrap_err().fields[0].field, "flag", "{bad:?}");
        }
        assert_eq!(check_end(&FlagEnd { reason: "Father moved away".into() }).unwrap(), "Father moved away");
        assert_eq!(check_end(&FlagEnd::default()).unwrap_err().fields[0].field, "endReason");
    }
}
