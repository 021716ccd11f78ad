//! The one error type that leaves the core, and so the one that crosses IPC.
//!
//! It serialises as `{code, message}`: a stable code the UI branches on and a sentence a lead
//! can act on. Messages never carry case content, because errors may be shown on a shared
//! screen or copied into a support request.

use serde::Serialize;
use ts_rs::TS;

/// Stable identifiers for every failure the UI can be told about. Add, never rename.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Input from a lead failed a rule; the message says which.
    Invalid,
    /// The data folder could not be found, created or written.
    DataFolder,
    /// Something that should never happen; the message says what to report.
    Internal,
}

/// A failure a lead can act on. Named `ApiError` in TypeScript, where `Error` is taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[ts(rename = "ApiError")]
#[error("{message}")]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into() }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Invalid, message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Internal, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_code_and_message() {
        let err = Error::new(ErrorCode::DataFolder, "The data folder is read-only.");
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "data_folder", "message": "The data folder is read-only."})
        );
    }

    #[test]
    fn display_is_the_message_alone() {
        assert_eq!(Error::invalid("Enter a postcode.").to_string(), "Enter a postcode.");
    }
}
