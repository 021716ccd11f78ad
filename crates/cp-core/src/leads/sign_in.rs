//! Checking a lead's passphrase (to sign in, or to change it), throttled per lead and across
//! the laptop, with the counts in the database so they survive restarts and hold across
//! processes. An attempt is counted, in its own write, before the passphrase is checked:
//! attempts made at once (in other windows or processes) are counted one by one, so no more
//! than the free ones are ever checked without a wait.

use chrono::{DateTime, Utc};

use super::{Lead, sql};
use crate::audit::{Action, Actor, Entry};
use crate::auth::{lockout, passphrase};
use crate::clock::parse_stamp;
use crate::store::Store;
use crate::write;
use crate::{Error, ErrorCode, Result};

pub async fn sign_in(store: &Store, lead_id: i64, typed: &str, now: DateTime<Utc>) -> Result<Lead> {
    take_attempt(store, lead_id, now).await?;
    let ok = check(store, lead_id, typed).await?;
    let failed = settle_attempt(store, lead_id, ok, Action::SignInFailed, now).await?;
    if ok {
        return sql::find_lead(store, lead_id).await;
    }
    let message = match failed {
        0 => "The passphrase is not right. Check it and try again.".to_owned(),
        wait => format!(
            "The passphrase is not right. Because of repeated wrong passphrases, wait {} before trying again.",
            describe_wait(wait)
        ),
    };
    Err(Error::new(ErrorCode::SignInRefused, message))
}

/// Whether `typed` is the lead's current passphrase, throttled and audited like a sign-in
/// (the lead is signed in, but whoever is at the laptop may not be them). Returns the seconds
/// the next attempt must wait after a wrong one.
pub(crate) async fn check_current(store: &Store, lead_id: i64, typed: &str, now: DateTime<Utc>) -> Result<Option<i64>> {
    take_attempt(store, lead_id, now).await?;
    let ok = check(store, lead_id, typed).await?;
    let wait = settle_attempt(store, lead_id, ok, Action::PassphraseRefused, now).await?;
    Ok((!ok).then_some(wait))
}

/// Counts an attempt for the lead and the laptop, or refuses it while either must still wait.
async fn take_attempt(store: &Store, lead_id: i64, now: DateTime<Utc>) -> Result<()> {
    write::run(store, Actor::System, now, async |w| {
        let at = w.at().to_owned();
        let (lead_failed, lead_last) = sql::lead_attempts(w.sql(), lead_id).await?;
        let (laptop_failed, laptop_last) = sql::sign_in_guard(w.sql()).await?;
        let wait = wait_for((lead_failed, &lead_last), (laptop_failed, &laptop_last), now);
        if wait > 0 {
            return Err(Error::new(
                ErrorCode::SignInDelayed,
                format!("Too many wrong passphrases. Wait {} before trying again.", describe_wait(wait)),
            ));
        }
        // Counted as failed until the check says otherwise.
        sql::set_lead_attempts(w.sql(), lead_id, lead_failed + 1, Some(&at)).await?;
        let laptop_failed = lockout::laptop_failures(laptop_failed, laptop_last.as_deref().and_then(parse_stamp), now);
        sql::set_sign_in_guard(w.sql(), laptop_failed + 1, Some(&at)).await
    })
    .await
}

/// Argon2 takes tens of milliseconds of CPU: off the async threads.
async fn check(store: &Store, lead_id: i64, typed: &str) -> Result<bool> {
    let Some(hash) = sql::passphrase_hash(store, lead_id).await? else { return Ok(false) };
    let typed = typed.to_owned();
    tokio::task::spawn_blocking(move || passphrase::verify(&typed, &hash))
        .await
        .map_err(|_| Error::internal("Checking the passphrase failed."))
}

/// Settles a counted attempt: a right passphrase clears the lead's count and takes the attempt
/// off the laptop's, and is audited as a sign-in when it is one; a wrong one stays counted and
/// is audited as `failure`. Returns the seconds the next attempt must wait.
async fn settle_attempt(store: &Store, lead_id: i64, ok: bool, failure: Action, now: DateTime<Utc>) -> Result<i64> {
    // A wrong passphrase is the installation's record, not the lead's: nobody proved who typed it.
    let actor = if ok { Actor::Lead(lead_id) } else { Actor::System };
    write::run(store, actor, now, async |w| {
        let at = w.at().to_owned();
        let (laptop_failed, laptop_last) = sql::sign_in_guard(w.sql()).await?;
        if ok {
            sql::set_lead_attempts(w.sql(), lead_id, 0, None).await?;
            sql::set_sign_in_guard(w.sql(), (laptop_failed - 1).max(0), laptop_last.as_deref()).await?;
            if failure == Action::SignInFailed {
                w.audit_entry(Entry::new(at, actor, Action::SignIn)).await?;
            }
            return Ok(0);
        }
        w.audit(failure, "lead", lead_id).await?;
        let (lead_failed, lead_last) = sql::lead_attempts(w.sql(), lead_id).await?;
        Ok(wait_for((lead_failed, &lead_last), (laptop_failed, &laptop_last), now))
    })
    .await
}

/// Seconds the next attempt must wait: the longer of the lead's and the laptop's waits, from
/// their stored counts and last failures.
fn wait_for(lead: (i64, &Option<String>), laptop: (i64, &Option<String>), now: DateTime<Utc>) -> i64 {
    let last = |at: &Option<String>| at.as_deref().and_then(parse_stamp);
    lockout::wait_seconds(lead.0, last(lead.1), now).max(lockout::laptop_wait_seconds(laptop.0, last(laptop.1), now))
}

pub(super) fn describe_wait(seconds: i64) -> String {
    if seconds < 60 {
        format!("{seconds} second{}", if seconds == 1 { "" } else { "s" })
    } else {
        let minutes = (seconds + 59) / 60;
        format!("{minutes} minute{}", if minutes == 1 { "" } else { "s" })
    }
}
