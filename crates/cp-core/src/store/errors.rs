//! Database failures, SQLite's and the organisation's PostgreSQL's, turned into errors a
//! lead can act on.

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
        sqlx::Error::Database(db) if db.try_downcast_ref::<sqlx::postgres::PgDatabaseError>().is_some() => {
            server_state(db.code().as_deref().unwrap_or_default(), &err)
        }
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

/// A PostgreSQL error by its SQLSTATE (https://www.postgresql.org/docs/current/errcodes-appendix.html).
fn server_state(state: &str, err: &sqlx::Error) -> Error {
    match state {
        // Connection exceptions, and the server shutting down or starting up.
        s if s.starts_with("08") || matches!(s, "57P01" | "57P02" | "57P03") => unreachable(),
        "53100" => Error::new(
            ErrorCode::DiskFull,
            "Your organisation's database server is out of disk space, so nothing was saved. Tell whoever runs it.",
        ),
        "42501" => Error::new(
            ErrorCode::Internal,
            "Your organisation's database did not allow this laptop to make that change, so nothing was saved. \
             Please report it.",
        ),
        _ => internal(err),
    }
}

/// A failure on the organisation's server: a connection lost or not to be had is the server
/// being unreachable (not a file on this laptop, as `db_error` would read an I/O error).
pub fn server_error(err: sqlx::Error) -> Error {
    match &err {
        sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Protocol(_) => {
            let lead_sees = unreachable();
            Error::caused(lead_sees.code, lead_sees.message, &err)
        }
        _ => db_error(err),
    }
}

/// The server went away: what a lead is told whenever shared mode cannot reach it.
pub fn unreachable() -> Error {
    Error::new(
        ErrorCode::ServerUnreachable,
        "CP Tracker cannot reach your organisation's database, so nothing was saved or read just now. Check this \
         laptop is online (and on the VPN, if your organisation uses one); CP Tracker reconnects by itself when the \
         server is back.",
    )
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
