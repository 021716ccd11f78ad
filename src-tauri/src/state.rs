//! What the app keeps between commands: one `cp_core::session::Session`.

use std::sync::Arc;

use cp_core::clock::SystemClock;
use cp_core::installation::Installation;
use cp_core::session::Session;
use cp_core::vault::OsKeyring;

/// Tests may shorten the idle lock (never lengthen it) with this variable.
const IDLE_OVERRIDE_ENV: &str = "CP_TRACKER_IDLE_LOCK_SECONDS";

pub fn session() -> Result<Session, cp_core::Error> {
    let data_dir = cp_core::paths::data_dir()?;
    let idle_override = std::env::var(IDLE_OVERRIDE_ENV).ok().and_then(|v| v.parse::<u32>().ok()).filter(|s| *s > 0);
    Ok(Session::new(Installation::new(data_dir), Arc::new(OsKeyring), Arc::new(SystemClock), idle_override))
}
