//! After 5 failed sign-ins, each further attempt waits: 30 s, doubling per failure, capped at
//! 15 minutes. Long enough to stop guessing, short enough that a lead is never shut out for
//! the day. Pure: the caller supplies the count and the times.

use chrono::{DateTime, Duration, Utc};

pub const FREE_ATTEMPTS: i64 = 5;
const FIRST_DELAY_SECS: i64 = 30;
const MAX_DELAY_SECS: i64 = 15 * 60;

/// How long after the last failure the next attempt must wait.
pub fn delay_after(failed: i64) -> Duration {
    if failed < FREE_ATTEMPTS {
        return Duration::zero();
    }
    let doublings = u32::try_from(failed - FREE_ATTEMPTS).unwrap_or(u32::MAX).min(16);
    Duration::seconds((FIRST_DELAY_SECS << doublings).min(MAX_DELAY_SECS))
}

/// Seconds still to wait at `now`, or 0 when an attempt may be made.
pub fn wait_seconds(failed: i64, last_failed_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> i64 {
    let Some(last) = last_failed_at else { return 0 };
    let remaining = last + delay_after(failed) - now;
    if remaining <= Duration::zero() { 0 } else { (remaining.num_milliseconds() + 999) / 1000 }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let t0 = DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(wait_seconds(5, Some(t0), t0), 30);
        assert_eq!(wait_seconds(5, Some(t0), t0 + Duration::seconds(29)), 1);
        assert_eq!(wait_seconds(5, Some(t0), t0 + Duration::seconds(30)), 0);
        assert_eq!(wait_seconds(3, Some(t0), t0), 0);
        assert_eq!(wait_seconds(7, None, t0), 0);
    }
}
