//! Wrong passphrases and recovery keys are counted outside the database, which stays closed
//! until one is right: in JSON files in the data folder, each under an OS file lock, so
//! attempts made at once from several windows or processes are counted one by one. An attempt
//! counts as a failure before its secret is checked (a process killed while checking still
//! counts), and the check settles it. The rules are `auth::lockout`'s: per lead 5 free, then a
//! doubling wait; across the laptop 10 an hour. A wrong one made while the records are closed
//! is kept here until a lead next opens them, and then written to the audit trail.

use std::collections::BTreeMap;
use std::io::{Read, Seek, Write};
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::auth::lockout;
use crate::error::io_error;
use crate::{Error, ErrorCode, Result};

const RECOVERY_FILE: &str = "recovery-attempts.json";
const SIGN_IN_FILE: &str = "sign-in-attempts.json";
/// Wrong passphrases waiting for the audit trail; beyond this only their number is kept, so
/// guessing cannot grow the file without bound.
const MAX_UNAUDITED: usize = 500;

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Count {
    failed: i64,
    last_failed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SignIns {
    leads: BTreeMap<i64, Count>,
    laptop: Count,
    unaudited: Vec<Refused>,
    #[serde(default)]
    unaudited_dropped: i64,
}

/// A wrong passphrase typed while the records were closed: for whom and when, never what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Refused {
    pub lead_id: i64,
    pub at: DateTime<Utc>,
}

/// What the audit trail has not yet heard of.
#[derive(Debug, Default)]
pub struct Unaudited {
    pub refused: Vec<Refused>,
    /// Wrong passphrases beyond `MAX_UNAUDITED`, counted only.
    pub dropped: i64,
}

/// Counts a sign-in (or passphrase) attempt for the lead and the laptop, or refuses it while
/// either must still wait.
pub fn take_sign_in(data_dir: &Path, lead_id: i64, now: DateTime<Utc>) -> Result<()> {
    with_locked(data_dir, SIGN_IN_FILE, |s: &mut SignIns| {
        let lead = s.leads.entry(lead_id).or_default();
        let wait = wait(lead, &s.laptop, now);
        if wait > 0 {
            return Err(Error::new(
                ErrorCode::SignInDelayed,
                format!("Too many wrong passphrases. Wait {} before trying again.", describe_wait(wait)),
            ));
        }
        lead.failed += 1;
        lead.last_failed_at = Some(now);
        let laptop = lockout::laptop_failures(s.laptop.failed, s.laptop.last_failed_at, now);
        s.laptop = Count { failed: laptop + 1, last_failed_at: Some(now) };
        Ok(())
    })
}

/// Seconds the next attempt must wait: the longer of the lead's wait and the laptop's.
fn wait(lead: &Count, laptop: &Count, now: DateTime<Utc>) -> i64 {
    lockout::wait_seconds(lead.failed, lead.last_failed_at, now).max(lockout::laptop_wait_seconds(
        laptop.failed,
        laptop.last_failed_at,
        now,
    ))
}

/// Settles a counted attempt. A right passphrase clears the lead's count, takes the attempt
/// off the laptop's and returns the wrong ones the audit trail has not heard of; a wrong one
/// stays counted (kept for the trail if `unaudited`) and returns the seconds the next attempt
/// must wait.
pub fn settle_sign_in(
    data_dir: &Path,
    lead_id: i64,
    ok: bool,
    unaudited: bool,
    now: DateTime<Utc>,
) -> Result<(i64, Unaudited)> {
    with_locked(data_dir, SIGN_IN_FILE, |s: &mut SignIns| {
        if ok {
            s.leads.remove(&lead_id);
            s.laptop.failed = (s.laptop.failed - 1).max(0);
            let out = Unaudited { refused: std::mem::take(&mut s.unaudited), dropped: s.unaudited_dropped };
            s.unaudited_dropped = 0;
            return Ok((0, out));
        }
        if unaudited {
            if s.unaudited.len() < MAX_UNAUDITED {
                s.unaudited.push(Refused { lead_id, at: now });
            } else {
                s.unaudited_dropped += 1;
            }
        }
        let lead = s.leads.get(&lead_id).cloned().unwrap_or_default();
        Ok((wait(&lead, &s.laptop, now), Unaudited::default()))
    })
}

/// Takes back an attempt that could not be checked (the keyring locked, a damaged slot): it
/// was nobody's wrong passphrase.
pub fn forget_sign_in(data_dir: &Path, lead_id: i64) -> Result<()> {
    with_locked(data_dir, SIGN_IN_FILE, |s: &mut SignIns| {
        if let Some(lead) = s.leads.get_mut(&lead_id) {
            lead.failed = (lead.failed - 1).max(0);
        }
        s.laptop.failed = (s.laptop.failed - 1).max(0);
        Ok(())
    })
}

/// Counts a recovery key attempt, refusing it while an earlier failure's wait lasts. Returns
/// the refused attempts before this one.
pub(super) fn take_recovery(data_dir: &Path, now: DateTime<Utc>) -> Result<i64> {
    with_locked(data_dir, RECOVERY_FILE, |a: &mut Count| {
        let wait = lockout::wait_seconds(a.failed, a.last_failed_at, now);
        if wait > 0 {
            return Err(Error::new(
                ErrorCode::SignInDelayed,
                format!("That recovery key was not right several times. Wait {wait} seconds, then try again."),
            ));
        }
        let before = a.failed;
        a.failed += 1;
        a.last_failed_at = Some(now);
        Ok(before)
    })
}

/// A recovery key that worked: the count starts again.
pub(super) fn clear_recovery(data_dir: &Path) {
    let _ = std::fs::remove_file(data_dir.join(RECOVERY_FILE));
}

pub fn describe_wait(seconds: i64) -> String {
    if seconds < 60 {
        format!("{seconds} second{}", if seconds == 1 { "" } else { "s" })
    } else {
        let minutes = (seconds + 59) / 60;
        format!("{minutes} minute{}", if minutes == 1 { "" } else { "s" })
    }
}

/// What a damaged count file starts again as: its strictest, as many failures as earn the
/// longest wait.
trait Strictest {
    fn strictest() -> Self;
}

impl Strictest for Count {
    fn strictest() -> Self {
        Count { failed: 64, last_failed_at: Some(Utc::now()) }
    }
}

impl Strictest for SignIns {
    fn strictest() -> Self {
        SignIns { laptop: Count::strictest(), ..SignIns::default() }
    }
}

fn with_locked<S, T>(data_dir: &Path, name: &str, f: impl FnOnce(&mut S) -> Result<T>) -> Result<T>
where
    S: Default + Serialize + DeserializeOwned + Strictest,
{
    let cant = |e: std::io::Error| io_error(&e, "count the attempts in the data folder");
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(data_dir.join(name))
        .map_err(cant)?;
    file.lock().map_err(cant)?;
    let mut text = String::new();
    file.read_to_string(&mut text).map_err(cant)?;
    let mut state: S = if text.trim().is_empty() {
        S::default()
    } else {
        serde_json::from_str(&text).unwrap_or_else(|_| S::strictest())
    };
    let out = f(&mut state);
    let json = serde_json::to_vec(&state).map_err(|_| Error::internal("The attempt count could not be saved."))?;
    file.set_len(0).map_err(cant)?;
    file.rewind().map_err(cant)?;
    file.write_all(&json).map_err(cant)?;
    file.sync_all().map_err(cant)?;
    out
}
