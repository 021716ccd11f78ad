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
    /// Input from a lead failed a rule; the message (and `fields`) say which.
    Invalid,
    /// The data folder could not be found, created or written.
    DataFolder,
    /// The disk is full: nothing was written.
    DiskFull,
    /// The data folder or database file is read-only.
    ReadOnly,
    /// No Secret Service / Keychain / Credential Manager could be reached.
    KeyringUnavailable,
    /// The OS password store is locked or refused access.
    KeyringLocked,
    /// The password store holds no key for this installation: recovery is needed.
    KeyMissing,
    /// A stored key has the wrong form.
    KeyInvalid,
    /// The database cannot be read with this key, or the file is damaged. It is left as it is.
    DatabaseUnreadable,
    /// The database was written by a newer CP Tracker. It is left as it is.
    SchemaTooNew,
    /// CP Tracker is already set up in this data folder.
    AlreadySetUp,
    /// This data folder has no CP Tracker data yet.
    NotSetUp,
    /// The recovery key typed does not open this installation.
    RecoveryKeyWrong,
    /// The name or passphrase is not right.
    SignInRefused,
    /// Too many failed sign-ins: wait before trying again.
    SignInDelayed,
    /// Nobody is signed in, or the app is locked.
    NotSignedIn,
    /// The record asked for does not exist.
    NotFound,
    /// The audit chain is broken; the message names the first bad row.
    AuditBroken,
    /// The lead stopped a long action before it finished: nothing was written.
    Cancelled,
    /// Shared mode: the organisation's database server cannot be reached.
    ServerUnreachable,
    /// Shared mode: the server's certificate is not signed by the organisation's CA (or the
    /// system's), or is not for the address given.
    ServerCertificate,
    /// Shared mode: the server offers no TLS, and CP Tracker never connects in clear text.
    ServerNoTls,
    /// Shared mode: the server refused this laptop's name or password.
    ServerCredentials,
    /// Shared mode: this laptop's access has been withdrawn by the organisation.
    DeviceRevoked,
    /// Shared mode: the organisation's database has an older schema than this build, and only
    /// whoever runs it may bring it up to date.
    SchemaTooOld,
    /// Someone else saved a change to the same record after the lead began changing it: the
    /// lead's change was not saved, and the message says who and when.
    EditConflict,
    /// Shared mode: the connection was lost as a change was being saved, and whether the
    /// server kept it could not be checked yet. Neither "saved" nor "not saved" is claimed.
    SaveUnconfirmed,
    /// Records were being saved throughout an action that needed them to stay still for a
    /// moment (a backup's copy of the file): nothing was made or changed; trying again works.
    RecordsBusy,
    /// This copy of the app was built without a place to look for new versions.
    UpdatesOff,
    /// The place new versions come from could not be reached, or offered none for this system.
    UpdateUnreachable,
    /// A new version's package did not match the release key's signature: not installed.
    UpdateRefused,
    /// Something that should never happen; the message says what to report.
    Internal,
}

/// A message that belongs beside one field of a form (GOV.UK error pattern).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldError {
    /// The field's id in the form, e.g. `organisation` or `leads.0.passphrase`.
    pub field: String,
    pub message: String,
}

/// A failure a lead can act on. Named `ApiError` in TypeScript, where `Error` is taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[ts(rename = "ApiError")]
#[error("{message}")]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
    /// Present only for `invalid` input, one entry per field to fix, in form order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<FieldError>>")]
    pub fields: Vec<FieldError>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), fields: Vec::new() }
    }

    /// Input errors for a form: the summary message is the first field's.
    pub fn fields(fields: Vec<FieldError>) -> Self {
        let message =
            fields.first().map(|f| f.message.clone()).unwrap_or_else(|| "Check the answers on this page.".to_owned());
        Self { code: ErrorCode::Invalid, message, fields }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Invalid, message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Internal, message)
    }

    /// A failure beneath the core (SQLite, the file system, the keyring): the lead gets
    /// `message`; the local log gets it with `cause` and every cause beneath that.
    pub fn caused(code: ErrorCode, message: impl Into<String>, cause: &(dyn std::error::Error + 'static)) -> Self {
        let err = Self::new(code, message);
        tracing::error!(code = ?err.code, message = %err.message, cause = %chain(cause));
        err
    }
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }
}

pub(crate) const DISK_FULL: &str = "The disk is full, so nothing was saved. Free some space, then try again.";

/// A file-system failure, turned into an error a lead can act on.
pub fn io_error(err: &std::io::Error, doing: &str) -> Error {
    use std::io::ErrorKind::*;
    let (code, message) = match err.kind() {
        StorageFull | QuotaExceeded => (ErrorCode::DiskFull, DISK_FULL.to_owned()),
        ReadOnlyFilesystem | PermissionDenied => (
            ErrorCode::ReadOnly,
            format!(
                "CP Tracker could not {doing}: the folder is read-only or you do not have permission. Nothing was changed."
            ),
        ),
        _ => (ErrorCode::DataFolder, format!("CP Tracker could not {doing}. Check the disk, then try again.")),
    };
    // An io::Error's text is the system's ("Permission denied (os error 13)"), without the
    // path, which may be a file the lead named after a family.
    Error::caused(code, message, err)
}

/// "outer: inner: innermost", for one log line.
pub(crate) fn chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut out = err.to_string();
    let mut next = err.source();
    while let Some(cause) = next {
        out.push_str(": ");
        out.push_str(&cause.to_string());
        next = cause.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_code_and_message() {
        let err = Error::new(ErrorCode::DataFolder, "The data folder is read-only.");
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json, serde_json::json!({"code": "data_folder", "message": "The data folder is read-only."}));
    }

    #[test]
    fn field_errors_serialise_beside_the_summary() {
        let err = Error::fields(vec![FieldError::new("organisation", "Enter the organisation name")]);
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["code"], "invalid");
        assert_eq!(json["message"], "Enter the organisation name");
        assert_eq!(json["fields"][0]["field"], "organisation");
    }

    #[test]
    fn display_is_the_message_alone() {
        assert_eq!(Error::invalid("Enter a postcode.").to_string(), "Enter a postcode.");
    }
}
