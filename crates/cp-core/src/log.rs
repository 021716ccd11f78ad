//! The local log, for diagnosing a fault a lead reports: `logs/` in the data folder, a new
//! file each day, the last 14 kept. It holds what failed and why (the error code, the
//! sentence the lead saw, and the chain of causes beneath it, from SQLite, the file system or
//! the keyring), never a record's content, a name or a passphrase: nothing here logs a value a
//! lead typed, and the causes are library errors, which name no values.

use std::path::{Path, PathBuf};

use tracing_appender::rolling::{Builder, Rotation};

use crate::{Error, ErrorCode, Result};

pub const LOG_FOLDER: &str = "logs";
const KEEP_FILES: usize = 14;

pub fn folder(data_dir: &Path) -> PathBuf {
    data_dir.join(LOG_FOLDER)
}

/// Sends this process's log to the data folder's `logs/`. Once per process; a second call,
/// or a folder that cannot be written, leaves logging off and says so to the caller, who
/// carries on: a lead is never kept from their records by the log.
pub fn init(data_dir: &Path) -> Result<()> {
    let dir = folder(data_dir);
    crate::paths::create_private_dir(&dir)?;
    let appender = Builder::new()
        .rotation(Rotation::DAILY)
        .filename_prefix("cp-tracker")
        .filename_suffix("log")
        .max_log_files(KEEP_FILES)
        .build(&dir)
        .map_err(|_| Error::new(ErrorCode::DataFolder, "CP Tracker could not start its log in the data folder."))?;
    tracing_subscriber::fmt()
        .with_writer(appender)
        .with_ansi(false)
        .with_target(false)
        .with_max_level(tracing::Level::INFO)
        .try_init()
        .map_err(|_| Error::internal("The log was already started."))?;
    // Where a panic happened, not its message: a message may hold a value from a record.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let at = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        tracing::error!(at = %at, "a panic");
        previous(info);
    }));
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "started");
    Ok(())
}

/// Logs a fault the app shell met outside the core (an OS notification not shown): `what`
/// is a fixed sentence, `cause` the library's error, which names no record.
pub fn fault(what: &'static str, cause: &dyn std::fmt::Display) {
    tracing::warn!(cause = %cause, "{what}");
}
