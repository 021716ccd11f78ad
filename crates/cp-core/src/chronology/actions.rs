//! What a lead does with a case's chronology, through the one write path, and reading it.

use chrono::{DateTime, Utc};

use super::rules::{NewEntry, check_entry};
use super::{ChronologyEntry, sql};
use crate::audit::{Action, Actor};
use crate::domain::label::Label;
use crate::people::sql::children_of;
use crate::store::Store;
use crate::write::{self, ChangeKind, Write};
use crate::{Error, ErrorCode, Result};

/// Adds an entry to a case that is not archived. Returns the new entry's id.
pub async fn add_entry(store: &Store, lead_id: i64, case_id: i64, entry: &NewEntry, now: DateTime<Utc>) -> Result<i64> {
    write::run(store, Actor::Lead(lead_id), now, async |w| add_entry_in(w, case_id, entry).await).await
}

/// `add_entry` as one step of a larger write (a concern, an import).
pub(crate) async fn add_entry_in(w: &mut Write, case_id: i64, entry: &NewEntry) -> Result<i64> {
    w.case(case_id).await?;
    let children = children_of(&mut w.sql(), case_id).await?;
    let e = check_entry(entry, None, &children, crate::domain::calendar::uk_today(w.now()))?;
    let (lead_id, at) = (w.lead()?, w.at().to_owned());
    let entry_id = sql::insert_entry(&mut w.sql(), case_id, lead_id, &at).await?;
    sql::insert_revision(&mut w.sql(), entry_id, 1, &e, "", lead_id, &at).await?;
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
        let found = sql::case_and_latest(&mut w.sql(), entry_id).await?;
        let (case_id, latest) =
            found.ok_or_else(|| Error::new(ErrorCode::NotFound, "That chronology entry does not exist."))?;
        w.case(case_id).await?;
        let children = children_of(&mut w.sql(), case_id).await?;
        let e = check_entry(entry, Some(reason), &children, now.date_naive())?;
        let at = w.at().to_owned();
        sql::insert_revision(&mut w.sql(), entry_id, latest + 1, &e, reason.trim(), lead_id, &at).await?;
        let summary = format!("Chronology entry amended ({}): {}", e.kind.label(), reason.trim());
        w.changed(case_id, ChangeKind::EntryAmended, &summary).await?;
        w.audit(Action::EntryAmended, "chronology_entry", entry_id).await
    })
    .await
}

/// Every entry of a case, newest event first (undated times last within a day).
pub async fn for_case(store: &Store, case_id: i64) -> Result<Vec<ChronologyEntry>> {
    let revisions = sql::revisions(store, case_id).await?;
    let mut children = sql::children_by_revision(store, case_id).await?;
    let created = sql::created(store, case_id).await?;
    let mut entries: Vec<ChronologyEntry> = Vec::new();
    for mut r in revisions {
        r.children = children.remove(&r.revision_id).unwrap_or_default();
        match entries.last_mut() {
            Some(e) if e.current.entry_id == r.entry_id => e.earlier.push(r),
            _ => {
                let (created_at, created_by) = created
                    .get(&r.entry_id)
                    .cloned()
                    .ok_or_else(|| Error::internal("A chronology entry has no record of who made it."))?;
                entries.push(ChronologyEntry { current: r, earlier: Vec::new(), created_at, created_by });
            }
        }
    }
    entries.sort_by(|a, b| {
        let key = |e: &ChronologyEntry| (e.current.event_on, e.current.event_time.clone(), e.current.entry_id);
        key(b).cmp(&key(a))
    });
    Ok(entries)
}
