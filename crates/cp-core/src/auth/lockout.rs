//! How many wrong passphrases are free before each attempt must wait: per lead, 5, then 30 s
//! doubling per failure to a cap of 15 minutes; across the laptop (any lead), 10 an hour, then
//! the same doubling. Long enough to stop guessing, short enough that a lead is never shut out
//! for the day. An attempt counts before its passphrase is checked, so attempts made at once
//! are counted one by one. Pure: the caller supplies the counts and the times.

use chrono::{DateTime, Duration, Utc};

pub const FREE_ATTEMPTS: i64 = 5;
/// Several leads mistype on a shared laptop; more than one lead's worth of guessing is not.
pub const LAPTOP_FREE_ATTEMPTS: i64 = 10;
/// The laptop's count starts again after this long without a failure.
const LAPTOP_QUIET_HOURS: i64 = 1;
const FIRST_DELAY_SECS: i64 = 30;
const MAX_DELAY_SECS: i64 = 15 * 60;

/// How long after the last failure the next attempt must wait, after `failed` failures of
/// which `free` cost nothing.
fn delay(failed: i64, free: i64) -> Duration {
    if failed < free {
        return Duration::zero();
    }
    let doublings = u32::try_from(failed - free).unwrap_or(u32::MAX).min(16);
    Duration::seconds((FIRST_DELAY_SECS << doublings).min(MAX_DELAY_SECS))
}

/// How long after a lead's last failure their next attempt must wait.
pub fn delay_after(failed: i64) -> Duration {
    delay(failed, FREE_ATTEMPTS)
}

/// Seconds still to wait at `now`, or 0 when an attempt may be made.
pub fn wait_seconds(failed: i64, last_failed_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> i64 {
    remaining(delay_after(failed), last_failed_at, now)
}

/// The laptop's failures that still count at `now`: none after an hour without one.
pub fn laptop_failures(failed: i64, last_failed_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> i64 {
    match last_failed_at {
        Some(last) if now - last < Duration::hours(LAPTOP_QUIET_HOURS) => failed,
        _ => 0,
    }
}

/// Seconds the laptop's failures still make any lead wait at `now`.
pub fn laptop_wait_seconds(failed: i64, last_failed_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> i64 {
    let failed = laptop_failures(failed, last_failed_at, now);
    remaining(delay(failed, LAPTOP_FREE_ATTEMPTS), last_failed_at, now)
}

fn remaining(delay: Duration, last_failed_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> i64 {
    let Some(last) = last_failed_at else { return 0 };
    let remaining = last + delay - now;
    if remaining <= Duration::zero() { 0 } else { (remaining.num_milliseconds() + 999) / 1000 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t0() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z").unwrap().with_timezone(&Utc)
    }

    #[test]
    fn five_attempts_are_free_then_the_delay_doubles_to_a_cap() {
        assert_eq!(delay_after(4), Duration::zero());
        assert_eq!(delay_after(5), Duration::seconds(30));
        assert_eq!(delay_after(6), Duration::seconds(60));
        assert_eq!(delay_after(9), Duration::seconds(480));
        assert_eq!(delay_after(10), Duration::seconds(900));
        assert_eq!(delay_after(1000), Duration::seconds(900));
    }

    #[test]
    fn wait_counts_down_from_the_last_failure() {
        let t0 = t0();
        assert_eq!(wait_seconds(5, Some(t0), t0), 30);
        assert_eq!(wait_seconds(5, Some(t0), t0 + Duration::seconds(29)), 1);
        assert_eq!(wait_seconds(5, Some(t0), t0 + Duration::seconds(30)), 0);
        assert_eq!(wait_seconds(3, Some(t0), t0), 0);
        assert_eq!(wait_seconds(7, None, t0), 0);
    }

    #[test]
    fn the_laptop_allows_ten_an_hour_across_leads() {
        let t0 = t0();
        assert_eq!(laptop_wait_seconds(9, Some(t0), t0), 0);
        assert_eq!(laptop_wait_seconds(10, Some(t0), t0), 30);
        assert_eq!(laptop_wait_seconds(12, Some(t0), t0 + Duration::seconds(100)), 20);
        assert_eq!(laptop_failures(12, Some(t0), t0 + Duration::minutes(59)), 12);
        assert_eq!(laptop_failures(12, Some(t0), t0 + Duration::minutes(61)), 0, "an hour's quiet clears it");
        assert_eq!(laptop_wait_seconds(40, Some(t0), t0 + Duration::minutes(61)), 0);
    }
}
