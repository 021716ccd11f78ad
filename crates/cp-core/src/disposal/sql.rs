//! The disposal area's SQL: the removal log, each sealed table's records of a case, and the
//! removal itself. On SQLite the statements below run in the removal's transaction; on
//! PostgreSQL the laptops may not delete records at all, so `cp_remove_case` (a function the
//! schema's owner keeps, migrations/postgres/20261215000001_remove_case_function.sql) runs the same
//! statements, and only for a case whose removal log entry this transaction has written.

use chrono::NaiveDate;

use super::RecordRemoval;
use super::retention::{Decision, NewDecision};
use super::rules::RemovalRule;
use crate::Result;
use crate::domain::case::Status;
use crate::store::db::{Conn, Engine, query, query_composed};

/// Each sealed table's records of case `$1`; `None` for a table whose records stay (the
/// removal log itself). A test holds this list to `audit::seal::SEALED`.
pub(super) const SEALED_OF_CASE: &[(&str, Option<&str>)] = &[
    ("chronology_entries", Some("case_id = $1")),
    ("chronology_revisions", Some("entry_id IN (SELECT id FROM chronology_entries WHERE case_id = $1)")),
    ("level_changes", Some("case_id = $1")),
    ("status_events", Some("case_id = $1")),
    ("concerns", Some("case_id = $1")),
    ("concern_escalations", Some("concern_id IN (SELECT id FROM concerns WHERE case_id = $1)")),
    ("record_removals", None),
    ("allegation_removals", None),
];

/// Everything of case `$1` but its own row and the people in it, children before parents.
/// Kept in step with `cp_remove_case` on PostgreSQL: the removal test reads every table of
/// both engines for what was removed.
const REMOVE: &[&str] = &[
    "DELETE FROM attachment_children WHERE attachment_id IN (SELECT id FROM attachments WHERE case_id = $1
       OR enquiry_id IN (SELECT id FROM enquiries WHERE case_id = $1))",
    "DELETE FROM attachments WHERE case_id = $1 OR enquiry_id IN (SELECT id FROM enquiries WHERE case_id = $1)",
    "DELETE FROM chronology_received WHERE revision_id IN (SELECT r.id FROM chronology_revisions r
       JOIN chronology_entries e ON e.id = r.entry_id WHERE e.case_id = $1)",
    "DELETE FROM chronology_significant WHERE revision_id IN (SELECT r.id FROM chronology_revisions r
       JOIN chronology_entries e ON e.id = r.entry_id WHERE e.case_id = $1)",
    "DELETE FROM chronology_tags WHERE revision_id IN (SELECT r.id FROM chronology_revisions r
       JOIN chronology_entries e ON e.id = r.entry_id WHERE e.case_id = $1)",
    "DELETE FROM chronology_children WHERE revision_id IN (SELECT r.id FROM chronology_revisions r
       JOIN chronology_entries e ON e.id = r.entry_id WHERE e.case_id = $1)",
    "DELETE FROM level_change_entries WHERE level_change_id IN (SELECT id FROM level_changes WHERE case_id = $1)
       OR entry_id IN (SELECT id FROM chronology_entries WHERE case_id = $1)",
    "DELETE FROM case_actions WHERE case_id = $1 OR enquiry_id IN (SELECT id FROM enquiries WHERE case_id = $1)",
    "DELETE FROM concern_escalations WHERE concern_id IN (SELECT id FROM concerns WHERE case_id = $1)",
    "DELETE FROM concerns WHERE case_id = $1",
    "DELETE FROM escalation_steps WHERE escalation_id IN (SELECT id FROM case_escalations WHERE case_id = $1)",
    "DELETE FROM case_escalations WHERE case_id = $1",
    "DELETE FROM case_referrals WHERE case_id = $1",
    "DELETE FROM case_flags WHERE case_id = $1",
    "DELETE FROM chronology_latest WHERE case_id = $1",
    "DELETE FROM transfer_ins WHERE case_id = $1",
    "DELETE FROM chronology_revisions WHERE entry_id IN (SELECT id FROM chronology_entries WHERE case_id = $1)",
    "DELETE FROM chronology_entries WHERE case_id = $1",
    "DELETE FROM received_files WHERE case_id = $1",
    "DELETE FROM level_changes WHERE case_id = $1",
    "DELETE FROM status_events WHERE case_id = $1",
    "DELETE FROM plans WHERE case_id = $1",
    "DELETE FROM relationships WHERE case_id = $1",
    "DELETE FROM change_inbox WHERE change_id IN (SELECT id FROM case_changes WHERE case_id = $1)",
    "DELETE FROM change_acks WHERE change_id IN (SELECT id FROM case_changes WHERE case_id = $1)",
    "DELETE FROM case_changes WHERE case_id = $1",
    "DELETE FROM review_late_notes WHERE case_id = $1",
    "DELETE FROM review_items WHERE case_id = $1",
    "DELETE FROM retention_decisions WHERE case_id = $1",
    "DELETE FROM sar_releases WHERE sar_id IN (SELECT id FROM subject_access_requests WHERE case_id = $1)",
    "DELETE FROM sar_redactions WHERE sar_id IN (SELECT id FROM subject_access_requests WHERE case_id = $1)",
    "DELETE FROM subject_access_requests WHERE case_id = $1",
    "UPDATE enquiries SET same_address_case_id = NULL WHERE same_address_case_id = $1",
    "UPDATE enquiries SET possible_same_address_case_id = NULL WHERE possible_same_address_case_id = $1",
    "DELETE FROM enquiries WHERE case_id = $1",
    // The transfer log stays, without the child a file was about.
    "UPDATE file_transfers SET person_id = NULL WHERE case_id = $1 AND person_id IS NOT NULL",
    // The case's row stays, emptied, so its reference is never given again.
    "UPDATE cases SET address_line1 = '', address_line2 = '', town = '', postcode = '', social_worker_name = '',
            social_worker_team = '', social_worker_phone = '', social_worker_email = '', search_text = ''
     WHERE id = $1",
];

/// The bytes of files no attachment holds any more (another record may share a removed one's).
pub(super) const UNSHARED_BLOBS: &str = "DELETE FROM attachment_blobs WHERE NOT EXISTS (SELECT 1 FROM attachments a WHERE a.sha256 = attachment_blobs.sha256)";

/// A person of the removed case, `$1`, once nothing else names them (they may be in another
/// case too).
const REMOVE_PERSON: &str = "DELETE FROM people WHERE id = $1
      AND NOT EXISTS (SELECT 1 FROM case_people WHERE person_id = $1)
      AND NOT EXISTS (SELECT 1 FROM relationships WHERE person_id = $1 OR other_id = $1)
      AND NOT EXISTS (SELECT 1 FROM plans WHERE person_id = $1)
      AND NOT EXISTS (SELECT 1 FROM chronology_children WHERE person_id = $1)
      AND NOT EXISTS (SELECT 1 FROM transfer_ins WHERE person_id = $1)
      AND NOT EXISTS (SELECT 1 FROM file_transfers WHERE person_id = $1)";

/// A closed or archived case whose records are still here, as the disposal review reads it:
/// its youngest child's date of birth (or expected date), if any child's is recorded.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(super) struct ClosedCase {
    pub id: i64,
    pub reference: String,
    pub status: Status,
    pub closed_on: NaiveDate,
    pub youngest: Option<NaiveDate>,
}

/// `youngest_child_on` is kept by triggers from the children linked to the case
/// (migrations/20261222000000_youngest_child.sql).
const CLOSED_CASES: &str = "SELECT c.id, c.reference, c.status, c.closed_on, c.youngest_child_on AS youngest
   FROM cases c
  WHERE c.status <> 'live' AND c.closed_on IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM record_removals r WHERE r.case_id = c.id)";

/// The closed cases whose review can have come: a youngest child born (or expected) on or
/// before `$1`, no child's date and a closure on or before `$2`, or a decision made. The
/// first two are ranges of one index, so the review reads a handful of cases, not every
/// closed one.
const MAY_BE_DUE: &str = " AND c.id IN (
        SELECT id FROM cases WHERE youngest_child_on <= $1
        UNION
        SELECT id FROM cases WHERE youngest_child_on IS NULL AND closed_on <= $2
        UNION
        SELECT case_id FROM retention_decisions)";

/// The closed cases that may be in the review: a superset, which `retention::review_on` and
/// the decisions narrow exactly. `born_by` and `closed_by` bound the dates of birth and of
/// closure whose years can have run out (`retention::can_have_run_out_since`).
pub(super) async fn closed_cases_may_be_due(
    conn: &mut Conn<'_>,
    born_by: NaiveDate,
    closed_by: NaiveDate,
) -> Result<Vec<ClosedCase>> {
    query_composed(format!("{CLOSED_CASES}{MAY_BE_DUE} ORDER BY c.id"))
        .bind(born_by)
        .bind(closed_by)
        .fetch_all(conn)
        .await
}

pub(super) async fn closed_case(conn: &mut Conn<'_>, case_id: i64) -> Result<Option<ClosedCase>> {
    query_composed(format!("{CLOSED_CASES} AND c.id = $1")).bind(case_id).fetch_optional(conn).await
}

/// A decision on a case or (`allegation_sql`) an allegation: `of_id` is its id.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(super) struct DecisionRow {
    pub of_id: i64,
    pub decision: Decision,
    pub years: Option<i64>,
    pub reason: String,
    pub decided_on: NaiveDate,
    pub decided_by_id: i64,
    pub decided_by: String,
    pub decided_at: String,
}

const DECISIONS: &str =
    "SELECT d.case_id AS of_id, d.decision, d.years, d.reason, d.decided_on, d.decided_by AS decided_by_id,
        l.name AS decided_by, d.decided_at
   FROM retention_decisions d JOIN leads l ON l.id = d.decided_by";

/// Every decision, oldest first (the review reads them all: few cases ever have one).
pub(super) async fn decisions(conn: &mut Conn<'_>) -> Result<Vec<DecisionRow>> {
    query_composed(format!("{DECISIONS} ORDER BY d.id")).fetch_all(conn).await
}

pub(super) async fn decisions_of(conn: &mut Conn<'_>, case_id: i64) -> Result<Vec<DecisionRow>> {
    query_composed(format!("{DECISIONS} WHERE d.case_id = $1 ORDER BY d.id")).bind(case_id).fetch_all(conn).await
}

pub(super) async fn decide(
    conn: &mut Conn<'_>,
    case_id: i64,
    d: &NewDecision,
    on: NaiveDate,
    lead: i64,
    at: &str,
) -> Result<()> {
    query(
        "INSERT INTO retention_decisions (case_id, decision, years, reason, decided_on, decided_by, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(case_id)
    .bind(d.decision)
    .bind(d.years.map(i64::from))
    .bind(d.reason.as_str())
    .bind(on)
    .bind(lead)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// The case's reference.
pub(super) async fn reference(conn: &mut Conn<'_>, case_id: i64) -> Result<Option<String>> {
    query("SELECT reference FROM cases WHERE id = $1").bind(case_id).scalar(conn).await
}

const REMOVAL: &str = "SELECT r.id, r.kind, r.reference, r.rule, r.records, a.name AS asked_by,
        c.name AS confirmed_by, r.removed_at
   FROM record_removals r JOIN leads a ON a.id = r.asked_by LEFT JOIN leads c ON c.id = r.confirmed_by";

pub(super) async fn removal_of(conn: &mut Conn<'_>, case_id: i64) -> Result<Option<RecordRemoval>> {
    query_composed(format!("{REMOVAL} WHERE r.case_id = $1")).bind(case_id).fetch_optional(conn).await
}

pub(super) async fn removals(conn: &mut Conn<'_>) -> Result<Vec<RecordRemoval>> {
    query_composed(format!("{REMOVAL} ORDER BY r.id")).fetch_all(conn).await
}

/// The log's entry, written before the records go (on PostgreSQL the removal checks it is
/// there).
pub(super) struct Entry<'a> {
    pub case_id: i64,
    pub reference: &'a str,
    pub rule: RemovalRule,
    pub records: i64,
    pub asked_by: i64,
    pub asked_at: &'a str,
    pub confirmed_by: Option<i64>,
    pub at: &'a str,
}

pub(super) async fn log(conn: &mut Conn<'_>, e: &Entry<'_>) -> Result<()> {
    query(
        "INSERT INTO record_removals (kind, reference, case_id, rule, records, asked_by, asked_at, confirmed_by,
                                      removed_at)
         VALUES ('case', $1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(e.reference)
    .bind(e.case_id)
    .bind(e.rule)
    .bind(e.records)
    .bind(e.asked_by)
    .bind(e.asked_at)
    .bind(e.confirmed_by)
    .bind(e.at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Removes everything of the case but its emptied row and the log's entry.
pub(super) async fn remove(conn: &mut Conn<'_>, case_id: i64) -> Result<()> {
    if conn.engine() == Engine::Postgres {
        query("SELECT cp_remove_case($1)").bind(case_id).execute(conn).await?;
        return Ok(());
    }
    query("INSERT INTO removal_underway (case_id) VALUES ($1)").bind(case_id).execute(conn).await?;
    query("DELETE FROM drafts WHERE key LIKE 'case-' || $1 || '-%'").bind(case_id).execute(conn).await?;
    for statement in REMOVE {
        query(statement).bind(case_id).execute(conn).await?;
    }
    query(UNSHARED_BLOBS).execute(conn).await?;
    let people: Vec<i64> =
        query("SELECT person_id FROM case_people WHERE case_id = $1").bind(case_id).scalars(conn).await?;
    query("DELETE FROM case_people WHERE case_id = $1").bind(case_id).execute(conn).await?;
    for person in people {
        query(REMOVE_PERSON).bind(person).execute(conn).await?;
    }
    query("DELETE FROM removal_underway WHERE case_id = $1").bind(case_id).execute(conn).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::SEALED_OF_CASE;
    use crate::audit::seal::SEALED;

    /// A sealed table the removal did not know would keep a case's sealed records behind.
    #[test]
    fn every_sealed_table_says_which_records_are_a_cases() {
        let known: Vec<&str> = SEALED_OF_CASE.iter().map(|(t, _)| *t).collect();
        let sealed: Vec<&str> = SEALED.iter().map(|(t, _)| *t).collect();
        assert_eq!(known, sealed);
    }
}
