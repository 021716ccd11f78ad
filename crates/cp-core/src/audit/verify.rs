//! Checking the audit trail: the chain, its anchored head, the append-only guards and the
//! sealed records. Nothing here writes.

use serde::Serialize;
use ts_rs::TS;

use std::collections::HashMap;

use super::{GENESIS, Row, anchor, row_hash, seal};
use crate::store::Store;
use crate::store::db::{Engine, query};
use std::sync::Arc;

use crate::vault::signing::Verifier;
use crate::{Error, ErrorCode, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChainReport {
    pub rows: i64,
    /// The id of the first row that does not fit the chain, if any.
    #[ts(type = "number | null")]
    pub first_bad_row: Option<i64>,
    /// Guards (triggers) that keep records append-only and are no longer in the schema.
    pub missing_guards: Vec<String>,
    /// Rows the anchor beside the database counted that the chain no longer has: cut from its
    /// end, or commits the database lost.
    pub missing_rows: i64,
    /// Sealed records that no longer match their seal ("chronology_revisions 12"), or are gone,
    /// and attached files whose bytes no longer match their SHA-256 ("attachment_blobs 3f2a…").
    pub altered_records: Vec<String>,
    /// Rows a lead's key should have signed and did not (or whose signature does not match),
    /// and the first of them: written or rewritten by someone other than the lead they name.
    #[ts(type = "number")]
    pub forged_rows: i64,
    #[ts(type = "number | null")]
    pub first_forged_row: Option<i64>,
}

impl ChainReport {
    pub fn intact(&self) -> bool {
        self.first_bad_row.is_none()
            && self.missing_guards.is_empty()
            && self.missing_rows == 0
            && self.altered_records.is_empty()
            && self.forged_rows == 0
    }
}

/// The triggers that refuse changes to append-only records, as the migrations create them.
/// A test holds this list to the schema, so a new guard cannot be left out of `verify`.
pub const GUARDS: &[&str] = &[
    "allegation_meetings_removal",
    "allegation_removals_no_change",
    "allegation_removals_no_delete",
    "allegation_retention_decisions_no_change",
    "allegation_retention_decisions_no_delete",
    "allegations_removal",
    "allegations_steps_once",
    "attachment_blobs_no_change",
    "attachment_blobs_no_delete",
    "attachment_children_no_change",
    "attachment_children_no_delete",
    "attachments_no_delete",
    "attachments_withdrawn_once",
    "audit_log_no_delete",
    "body_marks_no_delete",
    "body_marks_withdrawn_once",
    "audit_log_no_update",
    "case_actions_closed_once",
    "case_actions_no_delete",
    "case_changes_no_change",
    "case_escalations_no_delete",
    "case_escalations_resolved_once",
    "case_flags_end_once",
    "case_flags_no_delete",
    "case_referrals_no_delete",
    "case_referrals_steps_once",
    "cases_no_delete",
    "change_acks_no_delete",
    "chronology_entries_no_change",
    "chronology_entries_no_delete",
    "chronology_received_no_change",
    "chronology_received_no_delete",
    "chronology_revisions_no_change",
    "chronology_revisions_no_delete",
    "chronology_significant_no_change",
    "chronology_significant_no_delete",
    "chronology_tags_no_change",
    "chronology_tags_no_delete",
    "concern_escalations_append_only",
    "concerns_append_only",
    "concerns_no_delete",
    "enquiries_close_once",
    "enquiries_complete_once",
    "enquiries_inform_once",
    "enquiries_no_delete",
    "escalation_steps_append_only",
    "escalation_steps_no_delete",
    "file_transfer_chases_no_change",
    "file_transfer_chases_no_delete",
    "file_transfers_no_delete",
    "file_transfers_receipt_once",
    "lead_keys_no_delete",
    "lead_keys_no_update",
    "leads_no_delete",
    "level_changes_append_only",
    "people_no_delete",
    "plans_no_delete",
    "plans_only_end",
    "received_files_no_change",
    "received_files_no_delete",
    "record_removals_no_change",
    "record_removals_no_delete",
    "retention_decisions_no_change",
    "retention_decisions_no_delete",
    "review_items_no_delete",
    "review_items_signed_off_insert",
    "review_items_signed_off_update",
    "review_late_notes_no_change",
    "review_signoffs_no_change",
    "review_signoffs_no_delete",
    "sar_redactions_kept_once_released",
    "sar_redactions_no_change",
    "sar_releases_no_change",
    "sar_releases_no_delete",
    "status_events_append_only",
    "subject_access_requests_no_delete",
    "subject_access_requests_steps_once",
    "transfer_ins_no_delete",
];

/// Walks the whole chain. A changed row fails its own hash; a removed row breaks the next
/// row's link; a removed tail, lost commits or a chain recomputed from the start are caught
/// against the head anchored outside the database (`anchor`). It also checks that every guard
/// that keeps records append-only is still in the schema (someone who drops one can change
/// history the chain does not cover), every sealed record against its seal (`seal`), and
/// every row against its signature: a lead's rows after their key was kept must carry their
/// signature of the row's hash, which covers the chain before it, so another lead who holds
/// the database key can neither change them nor recompute the chain past them.
pub async fn verify(store: &Store) -> Result<ChainReport> {
    let present: Vec<String> = query(match store.engine() {
        Engine::Sqlite => "SELECT name FROM sqlite_master WHERE type = 'trigger'",
        Engine::Postgres => "SELECT tgname::text FROM pg_trigger WHERE NOT tgisinternal",
    })
    .scalars(&mut store.db())
    .await?;
    let missing_guards: Vec<String> =
        GUARDS.iter().filter(|g| !present.iter().any(|p| p == *g)).map(|g| (*g).to_owned()).collect();
    let rows: Arc<Vec<Row>> = Arc::new(
        query(
            "SELECT id, at, lead_id, actor, action, record_type, record_id, prev_hash, hash, sealed, signed_by,
                    signature
             FROM audit_log ORDER BY id",
        )
        .fetch_all(&mut store.db())
        .await?,
    );
    let lead_keys: Vec<(i64, String, i64)> =
        query("SELECT lead_id, public_key, from_row FROM lead_keys").fetch_all(&mut store.db()).await?;
    let forged = forged_rows(rows.clone(), lead_keys).await?;
    let mut prev = GENESIS.to_owned();
    let mut altered_records = altered(store, &rows).await?;
    altered_records.extend(damaged_files(store).await?);
    let report = |first_bad_row, missing_rows| ChainReport {
        rows: rows.len() as i64,
        first_bad_row,
        missing_guards: missing_guards.clone(),
        missing_rows,
        altered_records: altered_records.clone(),
        forged_rows: forged.len() as i64,
        first_forged_row: forged.first().copied(),
    };
    // Ids run 1, 2, 3…: a gap is a removed row.
    for (expected_id, row) in (1..).zip(rows.iter()) {
        if row.id != expected_id || row.prev_hash != prev || row_hash(row) != row.hash {
            return Ok(report(Some(row.id), 0));
        }
        prev.clone_from(&row.hash);
    }
    // The head kept outside the database: rows beyond the chain's end were lost, and a row
    // at the head with another hash means the chain was recomputed from there back.
    if let Some(head) = anchor::read(store) {
        let Some(at_head) = usize::try_from(head.rows - 1).ok().and_then(|i| rows.get(i)) else {
            return Ok(report(None, head.rows - rows.len() as i64));
        };
        if at_head.hash != head.hash {
            return Ok(report(Some(at_head.id), 0));
        }
    }
    Ok(report(None, 0))
}

/// The rows not signed as they should be, in order. An Ed25519 check costs tens of
/// microseconds and a trail grows to hundreds of thousands of rows, so the rows are checked in
/// parallel, off the async threads, with each lead's key decoded once.
async fn forged_rows(rows: Arc<Vec<Row>>, lead_keys: Vec<(i64, String, i64)>) -> Result<Vec<i64>> {
    tokio::task::spawn_blocking(move || {
        let verifier = Verifier::new(lead_keys.iter().map(|(lead, public, _)| (*lead, public.as_str())));
        let from_rows: HashMap<i64, i64> = lead_keys.iter().map(|(lead, _, from)| (*lead, *from)).collect();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = rows.len().div_ceil(threads).max(1);
        std::thread::scope(|scope| {
            let parts: Vec<_> = rows
                .chunks(chunk)
                .map(|part| {
                    let (verifier, from_rows) = (&verifier, &from_rows);
                    scope.spawn(move || {
                        part.iter()
                            .filter(|row| !signed_as_it_should_be(row, verifier, from_rows))
                            .map(|row| row.id)
                            .collect::<Vec<i64>>()
                    })
                })
                .collect();
            // A checking thread that panicked found nothing it could vouch for: its rows count
            // as not signed.
            parts
                .into_iter()
                .zip(rows.chunks(chunk))
                .flat_map(|(part, rows)| part.join().unwrap_or_else(|_| rows.iter().map(|r| r.id).collect()))
                .collect()
        })
    })
    .await
    .map_err(|_| Error::internal("Checking the audit log's signatures failed."))
}

/// A signature, if the row has one, is its signer's; and a row naming a lead whose key was
/// kept before it is signed by that lead.
fn signed_as_it_should_be(row: &Row, verifier: &Verifier, from_rows: &HashMap<i64, i64>) -> bool {
    let signature_holds = match (row.signed_by, &row.signature) {
        (Some(by), Some(signature)) => verifier.holds(by, &row.hash, signature),
        (None, None) => true,
        _ => false,
    };
    let must_be_signed_by = row.lead_id.filter(|lead| from_rows.get(lead).is_some_and(|from_row| row.id > *from_row));
    signature_holds && must_be_signed_by.is_none_or(|lead| row.signed_by == Some(lead))
}

/// Every sealed record, recomputed: one query per sealed table, whatever the number of rows.
/// A record a removal sealed as removed must be gone, unless a later row seals a new record
/// under its id (SQLite gives the highest ids again once they are free).
async fn altered(store: &Store, rows: &[Row]) -> Result<Vec<String>> {
    let mut conn = store.db();
    // Each record's last seal, in the order first sealed: its digest, or `None` once removed.
    // A seal that cannot be read is itself a change: the row's own hash names it too.
    let mut last: Vec<((String, i64), Option<String>)> = Vec::new();
    let mut at: HashMap<(String, i64), usize> = HashMap::new();
    for sealed in rows.iter().filter_map(|row| row.sealed.as_deref()) {
        for (table, id, digest) in serde_json::from_str::<Vec<seal::Seal>>(sealed).unwrap_or_default() {
            let digest = (!digest.starts_with(seal::REMOVED)).then_some(digest);
            let key = (table, id);
            match at.get(&key) {
                Some(&i) => last[i].1 = digest,
                None => {
                    at.insert(key.clone(), last.len());
                    last.push((key, digest));
                }
            }
        }
    }
    let mut now: HashMap<String, HashMap<i64, String>> = Default::default();
    let mut out = Vec::new();
    for ((table, id), digest) in &last {
        if !now.contains_key(table) {
            let digests = seal::current(&mut conn, table).await?;
            now.insert(table.clone(), digests);
        }
        if now.get(table).and_then(|t| t.get(id)) != digest.as_ref() {
            out.push(format!("{table} {id}"));
        }
    }
    Ok(out)
}

/// Attached files whose bytes no longer hash to the SHA-256 they are kept under. Read one at a
/// time, so a large store of attachments is never in memory at once.
async fn damaged_files(store: &Store) -> Result<Vec<String>> {
    use sha2::{Digest, Sha256};
    let kept: Vec<String> =
        query("SELECT sha256 FROM attachment_blobs ORDER BY sha256").scalars(&mut store.db()).await?;
    let mut out = Vec::new();
    for sha256 in kept {
        let content: Option<Vec<u8>> = query("SELECT content FROM attachment_blobs WHERE sha256 = $1")
            .bind(sha256.as_str())
            .scalar(&mut store.db())
            .await?;
        if content.is_none_or(|bytes| hex::encode(Sha256::digest(&bytes)) != sha256) {
            out.push(format!("attachment_blobs {}", &sha256[..sha256.len().min(12)]));
        }
    }
    Ok(out)
}

/// `verify`, as an error when the chain is broken.
pub async fn ensure_intact(store: &Store) -> Result<ChainReport> {
    let report = verify(store).await?;
    if let Some(id) = report.first_bad_row {
        return Err(Error::new(
            ErrorCode::AuditBroken,
            format!("The audit log has been altered: row {id} does not match the chain."),
        ));
    }
    if let Some(first) = report.altered_records.first() {
        return Err(Error::new(
            ErrorCode::AuditBroken,
            format!(
                "{} records were changed after they were saved ({first} first), outside CP Tracker. Keep this copy \
                 and restore the last backup.",
                report.altered_records.len()
            ),
        ));
    }
    if let Some(first) = report.first_forged_row {
        return Err(Error::new(
            ErrorCode::AuditBroken,
            format!(
                "{} rows of the audit log are not signed by the lead they name (row {first} first): they were \
                 written or changed outside that lead's sign-in. Keep this copy and restore the last backup.",
                report.forged_rows
            ),
        ));
    }
    if report.missing_rows > 0 {
        return Err(Error::new(
            ErrorCode::AuditBroken,
            format!(
                "The audit log has {} fewer rows than this laptop last saved: it was cut short, or the database \
                 lost its last changes. Keep this copy and restore the last backup.",
                report.missing_rows
            ),
        ));
    }
    if let Some(guard) = report.missing_guards.first() {
        return Err(Error::new(
            ErrorCode::AuditBroken,
            format!(
                "The records' protection against changes has been removed ({} guards missing, first '{guard}'): \
                 someone has changed the database outside CP Tracker. Keep this copy and restore the last backup.",
                report.missing_guards.len()
            ),
        ));
    }
    Ok(report)
}
