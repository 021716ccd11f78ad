//! The chronology's SQL: entries, their revisions, and each revision's children, significance
//! and tags.

use std::collections::HashMap;

use super::Revision;
use super::rules::NewEntry;
use crate::Result;
use crate::clock::Stamp;
use crate::store::Store;
use crate::store::db::{Conn, query};
use crate::store::text::as_text;

/// A new entry of the case, without its first revision; returns its id.
pub(super) async fn insert_entry(conn: &mut Conn<'_>, case_id: i64, lead_id: i64, at: &str) -> Result<i64> {
    query("INSERT INTO chronology_entries (case_id, created_at, created_by) VALUES ($1, $2, $3) RETURNING id")
        .bind(case_id)
        .bind(at)
        .bind(lead_id)
        .one(conn)
        .await
}

pub(super) async fn insert_revision(
    conn: &mut Conn<'_>,
    entry_id: i64,
    revision: i64,
    e: &NewEntry,
    amend_reason: &str,
    lead_id: i64,
    at: &str,
) -> Result<i64> {
    let revision_id: i64 = query(
        "INSERT INTO chronology_revisions (entry_id, revision, event_on, event_time, kind, info_source, summary,
                                           detail, action_required, amend_reason, recorded_at, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(entry_id)
    .bind(revision)
    .bind(e.event_on)
    .bind(e.event_time.map(|t| t.format("%H:%M").to_string()))
    .bind(as_text(e.kind)?)
    .bind(&e.info_source)
    .bind(&e.summary)
    .bind(&e.detail)
    .bind(&e.action_required)
    .bind(amend_reason)
    .bind(at)
    .bind(lead_id)
    .one(conn)
    .await?;
    for child in &e.children {
        query("INSERT INTO chronology_children (revision_id, person_id) VALUES ($1, $2)")
            .bind(revision_id)
            .bind(child)
            .execute(conn)
            .await?;
    }
    if e.significant {
        query("INSERT INTO chronology_significant (revision_id) VALUES ($1)").bind(revision_id).execute(conn).await?;
    }
    for tag in &e.tags {
        query("INSERT INTO chronology_tags (revision_id, tag) VALUES ($1, $2)")
            .bind(revision_id)
            .bind(tag)
            .execute(conn)
            .await?;
    }
    Ok(revision_id)
}

/// Who recorded a received revision at the setting it came from, and when.
pub(super) async fn insert_received(
    conn: &mut Conn<'_>,
    revision_id: i64,
    received_file_id: i64,
    recorded_at: &str,
    recorded_by: &str,
) -> Result<()> {
    query(
        "INSERT INTO chronology_received (revision_id, received_file_id, recorded_at, recorded_by)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(revision_id)
    .bind(received_file_id)
    .bind(recorded_at)
    .bind(recorded_by)
    .execute(conn)
    .await?;
    Ok(())
}

/// The tags of an entry's newest revision: an amendment may keep a tag the organisation has
/// since taken off its list.
pub(super) async fn latest_tags(conn: &mut Conn<'_>, entry_id: i64) -> Result<Vec<String>> {
    query(
        "SELECT t.tag FROM chronology_tags t JOIN chronology_revisions r ON r.id = t.revision_id
         WHERE r.entry_id = $1 AND r.revision = (SELECT MAX(revision) FROM chronology_revisions WHERE entry_id = $1)",
    )
    .bind(entry_id)
    .scalars(conn)
    .await
}

/// The entry's case and its newest revision number.
pub(super) async fn case_and_latest(conn: &mut Conn<'_>, entry_id: i64) -> Result<Option<(i64, i64)>> {
    query(
        "SELECT e.case_id, MAX(r.revision) FROM chronology_entries e
         JOIN chronology_revisions r ON r.entry_id = e.id WHERE e.id = $1 GROUP BY e.id",
    )
    .bind(entry_id)
    .fetch_optional(conn)
    .await
}

/// Whether the entry belongs to the case (a level change rests only on its own case's entries).
pub(crate) async fn entry_in_case(conn: &mut Conn<'_>, entry_id: i64, case_id: i64) -> Result<bool> {
    query("SELECT EXISTS (SELECT 1 FROM chronology_entries WHERE id = $1 AND case_id = $2)")
        .bind(entry_id)
        .bind(case_id)
        .one(conn)
        .await
}

/// Every revision of the case's entries, by entry and newest revision first.
pub(super) async fn revisions(store: &Store, case_id: i64) -> Result<Vec<Revision>> {
    query(
        "SELECT r.entry_id, r.id AS revision_id, r.revision, r.event_on, r.event_time, r.kind, r.info_source,
                r.summary, r.detail, r.action_required, r.amend_reason,
                COALESCE(cr.recorded_at, r.recorded_at) AS recorded_at,
                COALESCE(cr.recorded_by || ', ' || f.from_organisation, l.name) AS recorded_by
         FROM chronology_revisions r JOIN chronology_entries e ON e.id = r.entry_id
         JOIN leads l ON l.id = r.recorded_by
         LEFT JOIN chronology_received cr ON cr.revision_id = r.id
         LEFT JOIN received_files f ON f.id = cr.received_file_id
         WHERE e.case_id = $1 ORDER BY r.entry_id, r.revision DESC",
    )
    .bind(case_id)
    .fetch_all(&mut store.db())
    .await
}

/// The children each revision of the case's entries concerns, by revision.
pub(super) async fn children_by_revision(store: &Store, case_id: i64) -> Result<HashMap<i64, Vec<i64>>> {
    let links: Vec<(i64, i64)> = query(
        "SELECT cc.revision_id, cc.person_id FROM chronology_children cc
         JOIN chronology_revisions r ON r.id = cc.revision_id JOIN chronology_entries e ON e.id = r.entry_id
         WHERE e.case_id = $1",
    )
    .bind(case_id)
    .fetch_all(&mut store.db())
    .await?;
    let mut children: HashMap<i64, Vec<i64>> = HashMap::new();
    for (revision_id, person_id) in links {
        children.entry(revision_id).or_default().push(person_id);
    }
    Ok(children)
}

/// The revisions of the case's entries marked significant, and each revision's tags.
pub(super) async fn marks_by_revision(
    store: &Store,
    case_id: i64,
) -> Result<(std::collections::HashSet<i64>, HashMap<i64, Vec<String>>)> {
    let significant: Vec<i64> = query(
        "SELECT s.revision_id FROM chronology_significant s
         JOIN chronology_revisions r ON r.id = s.revision_id JOIN chronology_entries e ON e.id = r.entry_id
         WHERE e.case_id = $1",
    )
    .bind(case_id)
    .scalars(&mut store.db())
    .await?;
    let tagged: Vec<(i64, String)> = query(
        "SELECT t.revision_id, t.tag FROM chronology_tags t
         JOIN chronology_revisions r ON r.id = t.revision_id JOIN chronology_entries e ON e.id = r.entry_id
         WHERE e.case_id = $1 ORDER BY t.revision_id, t.tag",
    )
    .bind(case_id)
    .fetch_all(&mut store.db())
    .await?;
    let mut tags: HashMap<i64, Vec<String>> = HashMap::new();
    for (revision_id, tag) in tagged {
        tags.entry(revision_id).or_default().push(tag);
    }
    Ok((significant.into_iter().collect(), tags))
}

/// When and by whom each of the case's entries was first recorded.
pub(super) async fn created(store: &Store, case_id: i64) -> Result<HashMap<i64, (Stamp, String)>> {
    let rows: Vec<(i64, Stamp, String)> = query(
        "SELECT e.id, COALESCE(cr.recorded_at, e.created_at), COALESCE(cr.recorded_by || ', ' || f.from_organisation, l.name)
         FROM chronology_entries e JOIN leads l ON l.id = e.created_by
         LEFT JOIN chronology_revisions r1 ON r1.entry_id = e.id AND r1.revision = 1
         LEFT JOIN chronology_received cr ON cr.revision_id = r1.id
         LEFT JOIN received_files f ON f.id = cr.received_file_id
         WHERE e.case_id = $1",
    )
    .bind(case_id)
    .fetch_all(&mut store.db())
    .await?;
    Ok(rows.into_iter().map(|(id, at, by)| (id, (at, by))).collect())
}
