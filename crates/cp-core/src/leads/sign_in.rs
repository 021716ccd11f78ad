//! Sign-in against the store, with the failed-attempt delay persisted so it survives restarts.

use chrono::{DateTime, Utc};

use super::{Lead, sql};
use crate::audit::{Action, Actor, Entry};
use crate::auth::{lockout, passphrase};
use crate::clock::parse_stamp;
use crate::store::Store;
use crate::write;
use crate::{Error, ErrorCode, Result};

pub async fn sign_in(store: &Store, lead_id: i64, typed: &str, now: DateTime<Utc>) -> Result<Lead> {
    {
        let mut conn = store.pool().acquire().await?;
        let (failed, last) = sql::sign_in_guard(&mut conn).await?;
        let wait = lockout::wait_seconds(failed, last.as_deref().and_then(parse_stamp), now);
        if wait > 0 {
            return Err(Error::new(
                ErrorCode::SignInDelayed,
                format!("Too many wrong passphrases. Wait {} before trying again.", describe_wait(wait)),
            ));
        }
    }

    let hash = sql::passphrase_hash(store, lead_id).await?;
    let typed_owned = typed.to_owned();
    // Argon2 takes tens of milliseconds of CPU: keep it off the async threads.
    let ok = match hash {
        Some(hash) => tokio::task::spawn_blocking(move || passphrase::verify(&typed_owned, &hash))
            .await
            .map_err(|_| Error::internal("Checking the passphrase failed."))?,
        None => false,
    };

    // A wrong passphrase is the installation's record, not the lead's: nobody proved who typed it.
    let actor = if ok { Actor::Lead(lead_id) } else { Actor::System };
    let failed = write::run(store, actor, now, async |w| {
        let at = w.at().to_owned();
        if ok {
            sql::set_sign_in_guard(w.sql(), 0, None).await?;
            w.audit_entry(Entry::new(at, actor, Action::SignIn)).await?;
            return Ok(0);
        }
        let (failed, _) = sql::sign_in_guard(w.sql()).await?;
        sql::set_sign_in_guard(w.sql(), failed + 1, Some(&at)).await?;
        w.audit(Action::SignInFailed, "lead", lead_id).await?;
        Ok(failed + 1)
    })
    .await?;
    if ok {
        return sql::find_lead(store, lead_id).await;
    }
    let wait = lockout::delay_after(failed).num_seconds();
    let message = if wait > 0 {
        format!(
            "The passphrase is not right. Because of repeated wrong passphrases, wait {} before trying again.",
            describe_wait(wait)
        )
    } else {
        "The passphrase is not right. Check it and try again.".to_owned()
    };
    Err(Error::new(ErrorCode::SignInRefused, message))
}

fn describe_wait(seconds: i64) -> String {
    if seconds < 60 {
        format!("{seconds} second{}", if seconds == 1 { "" } else { "s" })
    } else {
        let minutes = (seconds + 59) / 60;
        format!("{minutes} minute{}", if minutes == 1 { "" } else { "s" })
    }
}
