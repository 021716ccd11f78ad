//! What a lead does with a case's chronology, through the one write path, and reading it.

use chrono::{DateTime, Utc};

use super::rules::{NewEntry, TAGS_SETTING, check_entry, check_tag_list, default_tags};
use super::{ChronologyEntry, ReceivedRevision, sql};
use crate::audit::{Action, Actor};
use crate::domain::label::Label;
use crate::people::sql::children_of;
use crate::store::Store;
use crate::store::db::Conn;
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
    let allowed = if entry.tags.is_empty() { Vec::new() } else { tags_in(&mut w.sql()).await? };
    let e = check_entry(entry, None, &children, &allowed, crate::domain::calendar::uk_today(w.now()))?;
    let (lead_id, at) = (w.lead()?, w.at().to_owned());
    let entry_id = sql::insert_entry(&mut w.sql(), case_id, lead_id, &at).await?;
    sql::insert_revision(&mut w.sql(), entry_id, 1, &e, "", lead_id, &at).await?;
    let summary = format!("New chronology entry ({}): {}", e.kind.label(), e.summary);
    w.changed(case_id, ChangeKind::EntryAdded, &summary).await?;
    w.audit(Action::EntryAdded, "chronology_entry", entry_id).await?;
    Ok(entry_id)
}

/// An entry from a file received from another setting, every revision kept as it was: its
/// dates, words and revision numbers, and who recorded each there and when (as text). Its
/// children are already this case's people. Returns the new entry's id.
pub(crate) async fn receive_entry_in(
    w: &mut Write,
    case_id: i64,
    revisions: &[ReceivedRevision],
    received_file_id: i64,
) -> Result<i64> {
    w.case(case_id).await?;
    let (lead_id, at) = (w.lead()?, w.at().to_owned());
    let entry_id = sql::insert_entry(&mut w.sql(), case_id, lead_id, &at).await?;
    for r in revisions {
        let revision_id =
            sql::insert_revision(&mut w.sql(), entry_id, r.revision, &r.entry, &r.amend_reason, lead_id, &at).await?;
        sql::insert_received(&mut w.sql(), revision_id, received_file_id, &r.recorded_at, &r.recorded_by).await?;
    }
    let summary = revisions.last().map(|r| r.entry.summary.as_str()).unwrap_or_default();
    w.changed(
        case_id,
        ChangeKind::EntryAdded,
        &format!("Chronology entry received with a transferred file: {summary}"),
    )
    .await?;
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
        let mut allowed = tags_in(&mut w.sql()).await?;
        allowed.extend(sql::latest_tags(&mut w.sql(), entry_id).await?);
        let e = check_entry(entry, Some(reason), &children, &allowed, now.date_naive())?;
        let at = w.at().to_owned();
        sql::insert_revision(&mut w.sql(), entry_id, latest + 1, &e, reason.trim(), lead_id, &at).await?;
        let summary = format!("Chronology entry amended ({}): {}", e.kind.label(), reason.trim());
        w.changed(case_id, ChangeKind::EntryAmended, &summary).await?;
        w.audit(Action::EntryAmended, "chronology_entry", entry_id).await
    })
    .await
}

fn parse_tags(value: Option<String>) -> Vec<String> {
    value
        .and_then(|v| serde_json::from_str::<Vec<String>>(&v).ok())
        .and_then(|tags| check_tag_list(&tags).ok())
        .unwrap_or_else(default_tags)
}

async fn tags_in(conn: &mut Conn<'_>) -> Result<Vec<String>> {
    Ok(parse_tags(crate::settings::get_in(conn, TAGS_SETTING).await?))
}

/// The organisation's entry tags (Settings; `rules::default_tags` until a lead changes them).
pub async fn tags(store: &Store) -> Result<Vec<String>> {
    Ok(parse_tags(crate::settings::get(store, TAGS_SETTING).await?))
}

/// Sets the organisation's entry tags; audited. Entries keep the tags they were given.
pub async fn set_tags(store: &Store, lead_id: i64, tags: &[String], now: DateTime<Utc>) -> Result<Vec<String>> {
    let tags = check_tag_list(tags)?;
    let value = serde_json::to_string(&tags).map_err(|e| Error::internal(format!("tags: {e}")))?;
    crate::settings::set(store, lead_id, TAGS_SETTING, &value, now).await?;
    Ok(tags)
}

/// Every entry of a case, newest event first (undated times last within a day).
pub async fn for_case(store: &Store, case_id: i64) -> Result<Vec<ChronologyEntry>> {
    let revisions = sql::revisions(store, case_id).await?;
    let mut children = sql::children_by_revision(store, case_id).await?;
    let (significant, mut tags) = sql::marks_by_revision(store, case_id).await?;
    let created = sql::created(store, case_id).await?;
    let mut entries: Vec<ChronologyEntry> = Vec::new();
    for mut r in revisions {
        r.children = children.remove(&r.revision_id).unwrap_or_default();
        r.significant = significant.contains(&r.revision_id);
        r.tags = tags.remove(&r.revision_id).unwrap_or_default();
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
