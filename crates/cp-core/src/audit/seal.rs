//! Each append-only record a write adds (a chronology revision, a level change and its
//! evidence, a status event, a concern, an escalation) is sealed: its digest goes into the
//! audit row of that write, and so into the chain. `verify` recomputes every sealed record's
//! digest, so an edit made with the append-only guards dropped is named (before, editing an
//! entry's summary or a level's evidence left `verify` saying intact).
//!
//! A record is read back as SQLite's `json_array` of the columns below, so the digest is of
//! exactly what is stored. A test holds each list to its table's columns: a new column is
//! sealed from the start. Records written before sealing existed carry no seal.

use std::collections::HashMap;

use sha2::{Digest, Sha256};
use sqlx::{AssertSqlSafe, SqliteConnection};

use crate::Result;

/// Each sealed table with all its columns, in order.
pub const SEALED: &[(&str, &str)] = &[
    ("chronology_entries", "id, case_id, created_at, created_by"),
    (
        "chronology_revisions",
        "id, entry_id, revision, event_on, event_time, kind, info_source, summary, detail, action_required, \
         amend_reason, recorded_at, recorded_by",
    ),
    ("level_changes", "id, case_id, from_level, to_level, evidence, effective_on, decided_by, recorded_at"),
    ("status_events", "id, case_id, to_status, reason, reason_detail, note, effective_on, lead_id, recorded_at"),
    (
        "concerns",
        "id, case_id, entry_id, info_from, nature, incident_on, worker_name, worker_role, worker_contact, \
         strategy_needed, decided_by, reasons, recorded_at, recorded_by",
    ),
    ("concern_escalations", "id, concern_id, level, disagreement, outcome, recorded_at, recorded_by"),
];

/// One sealed record: its table, its id and its digest.
pub type Seal = (String, i64, String);

/// The highest id of each sealed table when a write begins: the rows above it are the write's.
pub(crate) async fn marks(conn: &mut SqliteConnection) -> Result<Vec<i64>> {
    let mut out = Vec::with_capacity(SEALED.len());
    for (table, _) in SEALED {
        let sql = format!("SELECT COALESCE(MAX(id), 0) FROM {table}");
        out.push(sqlx::query_scalar(AssertSqlSafe(sql)).fetch_one(&mut *conn).await?);
    }
    Ok(out)
}

/// The seals of every sealed record added since `marks`.
pub(crate) async fn since(conn: &mut SqliteConnection, marks: &[i64]) -> Result<Vec<Seal>> {
    let mut out = Vec::new();
    for ((table, columns), mark) in SEALED.iter().zip(marks) {
        let sql = format!("SELECT id, json_array({columns}) FROM {table} WHERE id > ? ORDER BY id");
        let rows: Vec<(i64, String)> = sqlx::query_as(AssertSqlSafe(sql)).bind(mark).fetch_all(&mut *conn).await?;
        out.extend(rows.into_iter().map(|(id, json)| ((*table).to_owned(), id, digest(&json))));
    }
    Ok(out)
}

/// Every record of `table` as it is now, by id, as digests.
pub(crate) async fn current(conn: &mut SqliteConnection, table: &str) -> Result<HashMap<i64, String>> {
    let Some((_, columns)) = SEALED.iter().find(|(t, _)| *t == table) else { return Ok(HashMap::new()) };
    let sql = format!("SELECT id, json_array({columns}) FROM {table}");
    let rows: Vec<(i64, String)> = sqlx::query_as(AssertSqlSafe(sql)).fetch_all(conn).await?;
    Ok(rows.into_iter().map(|(id, json)| (id, digest(&json))).collect())
}

fn digest(json: &str) -> String {
    hex::encode(Sha256::digest(json.as_bytes()))
}
