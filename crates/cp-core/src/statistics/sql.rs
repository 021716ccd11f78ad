//! The annual report's counts, each one query over a period (`$1` to `$2`, both days in).
//! Stamps (`*_at`) are compared as text from the first day to the day after the last.

use chrono::NaiveDate;

use crate::Result;
use crate::store::db::{Conn, query};

pub(super) struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// The period as stamps: from the first day's start to the next day after the last.
    fn stamps(&self) -> (String, String) {
        let after = self.to.succ_opt().unwrap_or(self.to);
        (self.from.to_string(), after.to_string())
    }
}

pub(super) async fn count(conn: &mut Conn<'_>, sql: &'static str, p: &Period) -> Result<i64> {
    query(sql).bind(p.from).bind(p.to).one(conn).await
}

pub(super) async fn count_stamped(conn: &mut Conn<'_>, sql: &'static str, p: &Period) -> Result<i64> {
    let (from, after) = p.stamps();
    query(sql).bind(from).bind(after).one(conn).await
}

/// Rows of (what, how many) for the period.
pub(super) async fn grouped(conn: &mut Conn<'_>, sql: &'static str, p: &Period) -> Result<Vec<(String, i64)>> {
    query(sql).bind(p.from).bind(p.to).fetch_all(conn).await
}

pub(super) async fn grouped_stamped(conn: &mut Conn<'_>, sql: &'static str, p: &Period) -> Result<Vec<(String, i64)>> {
    let (from, after) = p.stamps();
    query(sql).bind(from).bind(after).fetch_all(conn).await
}

pub(super) const OPENED: &str = "SELECT count(*) FROM cases WHERE opened_on BETWEEN $1 AND $2";
pub(super) const CLOSED: &str =
    "SELECT count(*) FROM status_events WHERE to_status = 'closed' AND effective_on BETWEEN $1 AND $2";
/// Open on the last day: opened by then, and not closed by then (a case closed and reopened
/// counts by its last closure).
pub(super) const LIVE_AT_END: &str =
    "SELECT count(*) FROM cases WHERE opened_on <= $2 AND (closed_on IS NULL OR closed_on > $2) AND $1 <= $2";
pub(super) const BY_SOURCE: &str =
    "SELECT source, count(*) FROM cases WHERE opened_on BETWEEN $1 AND $2 GROUP BY source ORDER BY source";
/// The level each case open at the end had then: its last level change by that day, or the
/// level it opened at (the first change's `from_level`, or its level if never changed).
pub(super) const LEVEL_AT_END: &str = "SELECT COALESCE(
        (SELECT l.to_level FROM level_changes l WHERE l.case_id = c.id AND l.effective_on <= $2
          ORDER BY l.effective_on DESC, l.id DESC LIMIT 1),
        (SELECT l.from_level FROM level_changes l WHERE l.case_id = c.id AND l.from_level IS NOT NULL
          ORDER BY l.effective_on, l.id LIMIT 1),
        c.level) AS level, count(*)
   FROM cases c WHERE c.opened_on <= $2 AND (c.closed_on IS NULL OR c.closed_on > $2) AND $1 <= $2
   GROUP BY 1 ORDER BY 1";
pub(super) const BY_CLOSURE_REASON: &str = "SELECT COALESCE(reason, 'other'), count(*) FROM status_events
  WHERE to_status = 'closed' AND effective_on BETWEEN $1 AND $2 GROUP BY 1 ORDER BY 1";
/// Child protection plans started, by category (a plan under two categories counts in both).
pub(super) const PLAN_CATEGORIES: &str = "SELECT categories, count(*) FROM plans
  WHERE kind = 'child_protection_plan' AND start_on BETWEEN $1 AND $2 GROUP BY categories ORDER BY categories";
pub(super) const PLANS_STARTED: &str =
    "SELECT count(*) FROM plans WHERE kind = 'child_protection_plan' AND start_on BETWEEN $1 AND $2";
pub(super) const REFERRALS_BY_AGENCY: &str = "SELECT agency, count(*) FROM case_referrals
  WHERE referred = TRUE AND made_on BETWEEN $1 AND $2 GROUP BY agency ORDER BY agency";
pub(super) const NOT_REFERRED: &str =
    "SELECT count(*) FROM case_referrals WHERE referred = FALSE AND made_on BETWEEN $1 AND $2";
pub(super) const REFERRALS_DECIDED: &str = "SELECT count(*) FROM case_referrals WHERE referred = TRUE AND made_on BETWEEN $1 AND $2 AND decided_on IS NOT NULL";
pub(super) const ENQUIRIES: &str = "SELECT count(*) FROM enquiries WHERE enquired_on BETWEEN $1 AND $2";
pub(super) const ALLEGATIONS: &str = "SELECT count(*) FROM allegations WHERE reported_on BETWEEN $1 AND $2";
pub(super) const TRANSFERS_IN: &str = "SELECT count(*) FROM transfer_ins WHERE recorded_at >= $1 AND recorded_at < $2";
pub(super) const FILES_SENT: &str = "SELECT count(*) FROM file_transfers WHERE sent_on BETWEEN $1 AND $2";
pub(super) const FILES_RECEIVED: &str =
    "SELECT count(*) FROM received_files WHERE received_at >= $1 AND received_at < $2";
/// Weeks each lead signed off, by lead, in the order leads were added (the report names no one).
pub(super) const REVIEWS_BY_LEAD: &str = "SELECT CAST(l.id AS TEXT), count(s.week) FROM leads l
  LEFT JOIN review_signoffs s ON s.lead_id = l.id AND s.signed_at >= $1 AND s.signed_at < $2
  GROUP BY l.id ORDER BY l.id";
