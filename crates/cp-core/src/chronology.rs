//! A case's chronology: adding entries, amending them by new revisions, and reading them back
//! newest first with every earlier revision still readable.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::{FromRow, SqliteConnection};
use ts_rs::TS;

use crate::audit::{Action, Actor};
use crate::changes::ChangeKind;
use crate::domain::chronology::{NewEntry, check_entry};
use crate::store::text::as_text;
use crate::store::{Store, db_error};
use crate::write::{self, Write};
use crate::{Error, ErrorCode, Result};

/// One revision of an entry, as the case page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Revision {
    #[ts(type = "number")]
    pub entry_id: i64,
    #[serde(skip)]
    #[ts(skip)]
    pub revision_id: i64,
    #[ts(type = "number")]
    pub revision: i64,
    pub event_on: String,
    pub event_time: Option<String>,
    pub kind: String,
    pub info_source: String,
    pub summary: String,
    pub detail: String,
    pub action_required: String,
    pub amend_reason: String,
    pub recorded_at: String,
    pub recorded_by: String,
    #[sqlx(skip)]
    #[ts(type = "number[]")]
    pub children: Vec<i64>,
}

/// An entry: its current revision, and the earlier ones newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChronologyEntry {
    pub current: Revision,
    pub earlier: Vec<Revision>,
    /// When and by whom the entry was first recorded.
    pub created_at: String,
    pub created_by: String,
}

pub(crate) async fn children_of(conn: &mut SqliteConnection, case_id: i64) -> Result<Vec<i64>> {
    sqlx::query_scalar("SELECT person_id FROM case_people WHERE case_id = ? AND role IN ('child', 'unborn_child')")
        .bind(case_id)
        .fetch_all(&mut *conn)
        .await
        .map_err(db_error)
}

async fn insert_revision(
    conn: &mut SqliteConnection,
    entry_id: i64,
    revision: i64,
    e: &NewEntry,
    amend_reason: &str,
    lead_id: i64,
    at: &str,
) -> Result<()> {
    let revision_id = sqlx::query(
        "INSERT INTO chronology_revisions (entry_id, revision, event_on, event_time, kind, info_source, summary,
                                           detail, action_required, amend_reason, recorded_at, recorded_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(entry_id)
    .bind(revision)
    .bind(e.event_on.to_string())
    .bind(e.event_time.map(|t| t.format("%H:%M").to_string()))
    .bind(as_text(e.kind)?)
    .bind(&e.info_source)
    .bind(&e.summary)
    .bind(&e.detail)
    .bind(&e.action_required)
    .bind(amend_reason)
    .bind(at)
    .bind(lead_id)
    .execute(&mut *conn)
    .await?
    .last_insert_rowid();
    for child in &e.children {
        sqlx::query("INSERT INTO chronology_children (revision_id, person_id) VALUES (?, ?)")
            .bind(revision_id)
            .bind(child)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Adds an entry to a case that is not archived. Returns the new entry's id.
pub async fn add_entry(store: &Store, lead_id: i64, case_id: i64, entry: &NewEntry, now: DateTime<Utc>) -> Result<i64> {
    write::run(store, Actor::Lead(lead_id), now, async |w| add_entry_in(w, case_id, entry).await).await
}

/// `add_entry` as one step of a larger write (a concern, an import).
pub(crate) async fn add_entry_in(w: &mut Write, case_id: i64, entry: &NewEntry) -> Result<i64> {
    w.case(case_id).await?;
    let children = children_of(w.sql(), case_id).await?;
    let e = check_entry(entry, None, &children, crate::domain::calendar::uk_today(w.now()))?;
    let (lead_id, at) = (w.lead()?, w.at().to_owned());
    let entry_id = sqlx::query("INSERT INTO chronology_entries (case_id, created_at, created_by) VALUES (?, ?, ?)")
        .bind(case_id)
        .bind(&at)
        .bind(lead_id)
        .execute(&mut *w.sql())
        .await?
        .last_insert_rowid();
    insert_revision(w.sql(), entry_id, 1, &e, "", lead_id, &at).await?;
    let summary = format!("New chronology entry ({}): {}", e.kind.label(), e.summary);
    w.changed(case_id, ChangeKind::EntryAdded, &summary).await?;
    w.audit(Action::EntryAdded, "chronology_entry", entry_id).await?;
    Ok(entry_id)
}

/// Amends an entry by adding a revision; the earlier revisions stay as they were.
pub async fn amend_entry(
    store: &Store,
    lead_id: i64,
    entry_id: i64,
    entry: &NewEntry,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let found: Option<(i64, i64)> = sqlx::query_as(
            "SELECT e.case_id, MAX(r.revision) FROM chronology_entries e
             JOIN chronology_revisions r ON r.entry_id = e.id WHERE e.id = ? GROUP BY e.id",
        )
        .bind(entry_id)
        .fetch_optional(&mut *w.sql())
        .await?;
        let (case_id, latest) =
            found.ok_or_else(|| Error::new(ErrorCode::NotFound, "That chronology entry does not exist."))?;
        w.case(case_id).await?;
        let children = children_of(w.sql(), case_id).await?;
        let e = check_entry(entry, Some(reason), &children, now.date_naive())?;
        let at = w.at().to_owned();
        insert_revision(w.sql(), entry_id, latest + 1, &e, reason.trim(), lead_id, &at).await?;
        let summary = format!("Chronology entry amended ({}): {}", e.kind.label(), reason.trim());
        w.changed(case_id, ChangeKind::EntryAmended, &summary).await?;
        w.audit(Action::EntryAmended, "chronology_entry", entry_id).await
    })
    .await
}

/// Every entry of a case, newest event first (undated times last within a day).
pub async fn for_case(store: &Store, case_id: i64) -> Result<Vec<ChronologyEntry>> {
    let revisions: Vec<Revision> = sqlx::query_as(
        "SELECT r.entry_id, r.id AS revision_id, r.revision, r.event_on, r.event_time, r.kind, r.info_source,
                r.summary, r.detail, r.action_required, r.amend_reason, r.recorded_at, l.name AS recorded_by
         FROM chronology_revisions r JOIN chronology_entries e ON e.id = r.entry_id
         JOIN leads l ON l.id = r.recorded_by
         WHERE e.case_id = ? ORDER BY r.entry_id, r.revision DESC",
    )
    .bind(case_id)
    .fetch_all(store.pool())
    .await?;
    let links: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT cc.revision_id, cc.person_id FROM chronology_children cc
         JOIN chronology_revisions r ON r.id = cc.revision_id JOIN chronology_entries e ON e.id = r.entry_id
         WHERE e.case_id = ?",
    )
    .bind(case_id)
    .fetch_all(store.pool())
    .await?;
    let created: HashMap<i64, (String, String)> = sqlx::query_as::<_, (i64, String, String)>(
        "SELECT e.id, e.created_at, l.name FROM chronology_entries e JOIN leads l ON l.id = e.created_by
         WHERE e.case_id = ?",
    )
    .bind(case_id)
    .fetch_all(store.pool())
    .await?
    .into_iter()
    .map(|(id, at, by)| (id, (at, by)))
    .collect();
    let mut children: HashMap<i64, Vec<i64>> = HashMap::new();
    for (revision_id, person_id) in links {
        children.entry(revision_id).or_default().push(person_id);
    }

    let mut entries: Vec<ChronologyEntry> = Vec::new();
    for mut r in revisions {
        r.children = children.remove(&r.revision_id).unwrap_or_default();
        match entries.last_mut() {
            Some(e) if e.current.entry_id == r.entry_id => e.earlier.push(r),
            _ => {
                let (created_at, created_by) = created.get(&r.entry_id).cloned().unwrap_or_default();
                entries.push(ChronologyEntry { current: r, earlier: Vec::new(), created_at, created_by });
            }
        }
    }
    entries.sort_by(|a, b| {
        let key = |e: &ChronologyEntry| (e.current.event_on.clone(), e.current.event_time.clone(), e.current.entry_id);
        key(b).cmp(&key(a))
    });
    Ok(entries)
}
