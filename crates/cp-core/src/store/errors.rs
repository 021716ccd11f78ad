//! SQLite failures, turned into errors a lead can act on.

use crate::error::{DISK_FULL, io_error};
use crate::{Error, ErrorCode};

// SQLite primary result codes (https://www.sqlite.org/rescode.html).
const SQLITE_READONLY: &str = "8";
const SQLITE_IOERR: &str = "10";
const SQLITE_CORRUPT: &str = "11";
const SQLITE_FULL: &str = "13";
const SQLITE_CANTOPEN: &str = "14";
const SQLITE_NOTADB: &str = "26";

/// `?` on any sqlx call gives the lead's sentence for what went wrong.
impl From<sqlx::Error> for Error {
    fn from(err: sqlx::Error) -> Self {
        db_error(err)
    }
}

pub fn db_error(err: sqlx::Error) -> Error {
    let lead_sees = match &err {
        sqlx::Error::Database(db) => {
            let code = db.code();
            // Extended codes carry the primary code in their low byte.
            let primary = code.as_deref().and_then(|c| c.parse::<i64>().ok()).map(|c| (c & 0xff).to_string());
            match primary.as_deref() {
                Some(SQLITE_NOTADB) | Some(SQLITE_CORRUPT) => unreadable(),
                Some(SQLITE_FULL) => Error::new(ErrorCode::DiskFull, DISK_FULL),
                Some(SQLITE_READONLY) => read_only(),
                Some(SQLITE_CANTOPEN) => Error::new(
                    ErrorCode::DataFolder,
                    "CP Tracker cannot open its database file. Check that the data folder exists and that you can write to it.",
                ),
                Some(SQLITE_IOERR) => Error::new(
                    ErrorCode::DataFolder,
                    "The computer could not read or write CP Tracker's database. Check the disk, then try again.",
                ),
                _ => internal(&err),
            }
        }
        sqlx::Error::Io(io) => return io_error(io, "use the database file"),
        _ => internal(&err),
    };
    // SQLite's own message names tables and columns, never a bound value.
    Error::caused(lead_sees.code, lead_sees.message, &err)
}

fn unreadable() -> Error {
    Error::new(
        ErrorCode::DatabaseUnreadable,
        "CP Tracker cannot read its database: the key does not fit it, or the file is damaged. The file has been \
         left exactly as it is. If you have a recovery key or a backup, use it; otherwise ask whoever looks after \
         this laptop.",
    )
}

fn read_only() -> Error {
    Error::new(
        ErrorCode::ReadOnly,
        "CP Tracker's data folder is read-only, so nothing can be saved. Check the folder's permissions.",
    )
}

/// Never includes the query or its parameters, which may hold case content.
fn internal(err: &sqlx::Error) -> Error {
    let kind = match err {
        sqlx::Error::RowNotFound => "row not found",
        sqlx::Error::PoolTimedOut => "pool timed out",
        sqlx::Error::ColumnDecode { .. } | sqlx::Error::Decode(_) => "decode",
        sqlx::Error::Database(_) => "database",
        _ => "other",
    };
    Error::internal(format!("The database reported an unexpected problem ({kind}). Please report it."))
}
