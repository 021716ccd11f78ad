//! Each append-only record a write adds (a chronology revision, a level change and its
//! evidence, a status event, a concern, an escalation) is sealed: its digest goes into the
//! audit row of that write, and so into the chain. `verify` recomputes every sealed record's
//! digest, so an edit made with the append-only guards dropped is named (before, editing an
//! entry's summary or a level's evidence left `verify` saying intact).
//!
//! A record is read back as a JSON array of the columns below, so the digest is of exactly
//! what is stored: SQLite's `json_array` text as it comes, and on PostgreSQL its
//! `json_build_array`, written out the same way (compact, a yes/no as SQLite stores it, 1 or
//! 0), so a record sealed on one engine verifies on the other (a backup restored across
//! modes, records moved to the server). A test holds each list to its table's columns: a new
//! column is sealed from the start. Records written before sealing existed carry no seal.

use std::collections::HashMap;

use crate::store::db::{Conn, Engine, query_composed};
use crate::{Error, Result};
use sha2::{Digest, Sha256};

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
    ("record_removals", "id, kind, reference, case_id, rule, records, asked_by, asked_at, confirmed_by, removed_at"),
    (
        "allegation_removals",
        "id, allegation_id, reference, rule, records, asked_by, asked_at, confirmed_by, removed_at",
    ),
];

/// Begins the digest of a record a removal took away (`removed`): its seal says it is gone
/// on purpose, under the audit row of the removal, signed by the lead who removed it.
pub const REMOVED: &str = "removed:";

/// One sealed record: its table, its id and its digest.
pub type Seal = (String, i64, String);

/// The highest id of each sealed table when a write begins: the rows above it are the write's.
pub(crate) async fn marks(conn: &mut Conn<'_>) -> Result<Vec<i64>> {
    let mut out = Vec::with_capacity(SEALED.len());
    for (table, _) in SEALED {
        out.push(query_composed(format!("SELECT COALESCE(MAX(id), 0) FROM {table}")).one(conn).await?);
    }
    Ok(out)
}

/// The engine's JSON array of `columns`, as text.
fn json_array(conn: &Conn<'_>, columns: &str) -> String {
    match conn.engine() {
        Engine::Sqlite => format!("json_array({columns})"),
        Engine::Postgres => format!("json_build_array({columns})::text"),
    }
}

/// The stored form of a record as SQLite's `json_array` writes it.
fn canonical(conn: &Conn<'_>, json: String) -> Result<String> {
    if conn.engine() == Engine::Sqlite {
        return Ok(json);
    }
    let damaged = || Error::internal("A sealed record could not be read back.");
    let serde_json::Value::Array(fields) = serde_json::from_str(&json).map_err(|_| damaged())? else {
        return Err(damaged());
    };
    let fields: Vec<serde_json::Value> = fields
        .into_iter()
        .map(|f| match f {
            serde_json::Value::Bool(b) => serde_json::Value::from(i64::from(b)),
            other => other,
        })
        .collect();
    serde_json::to_string(&fields).map_err(|_| damaged())
}

/// The seals of every sealed record added since `marks`.
pub(crate) async fn since(conn: &mut Conn<'_>, marks: &[i64]) -> Result<Vec<Seal>> {
    let mut out = Vec::new();
    for ((table, columns), mark) in SEALED.iter().zip(marks) {
        let sql = format!("SELECT id, {} FROM {table} WHERE id > $1 ORDER BY id", json_array(conn, columns));
        let rows: Vec<(i64, String)> = query_composed(sql).bind(*mark).fetch_all(conn).await?;
        for (id, json) in rows {
            out.push(((*table).to_owned(), id, digest(&canonical(conn, json)?)));
        }
    }
    Ok(out)
}

/// Every record of `table` as it is now, by id, as digests.
pub(crate) async fn current(conn: &mut Conn<'_>, table: &str) -> Result<HashMap<i64, String>> {
    let Some((_, columns)) = SEALED.iter().find(|(t, _)| *t == table) else { return Ok(HashMap::new()) };
    let sql = format!("SELECT id, {} FROM {table}", json_array(conn, columns));
    let rows: Vec<(i64, String)> = query_composed(sql).fetch_all(conn).await?;
    rows.into_iter().map(|(id, json)| Ok((id, digest(&canonical(conn, json)?)))).collect()
}

/// The seals of the records of `table` that `predicate` (on the bound `$1`) picks, as removed:
/// for the removal's audit row, read before the records go.
pub(crate) async fn removed(conn: &mut Conn<'_>, table: &str, predicate: &str, id: i64) -> Result<Vec<Seal>> {
    let Some((_, columns)) = SEALED.iter().find(|(t, _)| *t == table) else {
        return Err(Error::internal("A record to remove is not in a sealed table."));
    };
    let sql = format!("SELECT id, {} FROM {table} WHERE {predicate} ORDER BY id", json_array(conn, columns));
    let rows: Vec<(i64, String)> = query_composed(sql).bind(id).fetch_all(conn).await?;
    rows.into_iter()
        .map(|(id, json)| Ok((table.to_owned(), id, format!("{REMOVED}{}", digest(&canonical(conn, json)?)))))
        .collect()
}

fn digest(json: &str) -> String {
    hex::encode(Sha256::digest(json.as_bytes()))
}
