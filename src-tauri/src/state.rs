//! What the app keeps between commands: one `cp_core::session::Session`.

use std::sync::Arc;

use cp_core::clock::{Clock, SystemClock};
use cp_core::installation::Installation;
use cp_core::session::Session;
use cp_core::vault::OsKeyring;

/// Tests may shorten the idle lock (never lengthen it) with this variable.
const IDLE_OVERRIDE_ENV: &str = "CP_TRACKER_IDLE_LOCK_SECONDS";

pub fn session() -> Result<Session, cp_core::Error> {
    let data_dir = cp_core::paths::data_dir()?;
    let idle_override = std::env::var(IDLE_OVERRIDE_ENV).ok().and_then(|v| v.parse::<u32>().ok()).filter(|s| *s > 0);
    Ok(Session::new(Installation::new(data_dir), Arc::new(OsKeyring), clock()?, idle_override))
}

#[cfg(not(feature = "test-clock"))]
fn clock() -> Result<Arc<dyn Clock>, cp_core::Error> {
    Ok(Arc::new(SystemClock))
}

/// The end-to-end tests' clock: starts at `CP_TRACKER_TEST_NOW` (RFC 3339) and runs on from
/// there. Compiled only with the `test-clock` feature.
#[cfg(feature = "test-clock")]
fn clock() -> Result<Arc<dyn Clock>, cp_core::Error> {
    struct Shifted(chrono::Duration);
    impl Clock for Shifted {
        fn now(&self) -> chrono::DateTime<chrono::Utc> {
            SystemClock.now() + self.0
        }
    }
    match std::env::var("CP_TRACKER_TEST_NOW") {
        Err(_) => Ok(Arc::new(SystemClock)),
        Ok(start) => {
            let start = cp_core::clock::parse_stamp(&start)
                .ok_or_else(|| cp_core::Error::invalid("CP_TRACKER_TEST_NOW must be an RFC 3339 time."))?;
            Ok(Arc::new(Shifted(start - SystemClock.now())))
        }
    }
}
