//! Wrong recovery keys are counted outside the database, which cannot be opened until a right
//! key is typed: in `recovery-attempts.json` in the data folder, under an OS file lock, so
//! attempts made at once from several processes are counted one by one. Each attempt counts
//! before its key is checked (the passphrases' rule: 5 free, then a doubling wait); a key that
//! works clears the count, and the refused attempts before it go into the audit trail.

use std::io::{Read, Seek, Write};
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::auth::lockout;
use crate::error::io_error;
use crate::{Error, ErrorCode, Result};

const FILE: &str = "recovery-attempts.json";

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Attempts {
    failed: i64,
    last_failed_at: Option<DateTime<Utc>>,
}

/// Counts an attempt, refusing it while an earlier failure's wait lasts. Returns the refused
/// attempts before this one.
pub(super) fn take(data_dir: &Path, now: DateTime<Utc>) -> Result<i64> {
    with_locked(data_dir, |a| {
        let wait = lockout::wait_seconds(a.failed, a.last_failed_at, now);
        if wait > 0 {
            return Err(Error::new(
                ErrorCode::SignInDelayed,
                format!("That recovery key was not right several times. Wait {wait} seconds, then try again."),
            ));
        }
        let before = a.failed;
        // Counted as a failure until the key proves right: a process killed while checking
        // it still counts.
        a.failed += 1;
        a.last_failed_at = Some(now);
        Ok(before)
    })
}

/// A key that worked: the count starts again.
pub(super) fn clear(data_dir: &Path) {
    let _ = std::fs::remove_file(data_dir.join(FILE));
}

fn with_locked<T>(data_dir: &Path, f: impl FnOnce(&mut Attempts) -> Result<T>) -> Result<T> {
    let cant = |e: std::io::Error| io_error(&e, "count the recovery key attempts in the data folder");
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(data_dir.join(FILE))
        .map_err(cant)?;
    file.lock().map_err(cant)?;
    let mut text = String::new();
    file.read_to_string(&mut text).map_err(cant)?;
    // A damaged count starts again at its strictest: as many failures as earn the longest wait.
    let mut attempts: Attempts = if text.trim().is_empty() {
        Attempts::default()
    } else {
        serde_json::from_str(&text).unwrap_or(Attempts { failed: 64, last_failed_at: Some(Utc::now()) })
    };
    let out = f(&mut attempts);
    let json = serde_json::to_vec(&attempts).map_err(|_| Error::internal("The attempt count could not be saved."))?;
    file.set_len(0).map_err(cant)?;
    file.rewind().map_err(cant)?;
    file.write_all(&json).map_err(cant)?;
    file.sync_all().map_err(cant)?;
    out
}
