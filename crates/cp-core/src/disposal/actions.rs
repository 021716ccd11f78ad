//! Removing a case's records in one write, and reading the removal log.

use super::rules::RemovalRule;
use super::{RecordRemoval, sql};
use crate::audit::{Action, Entry, seal};
use crate::domain::case::Status;
use crate::domain::label::Label;
use crate::store::Store;
use crate::store::db::Conn;
use crate::write::{ChangeKind, Write};
use crate::{Error, ErrorCode, Result};

/// Who asked for a removal, and when; the lead of the write confirms it when they are
/// another lead.
pub(crate) struct Asked<'a> {
    pub by: i64,
    pub at: &'a str,
}

/// Removes case `case_id`'s records under `rule`, as one step of the caller's write (which
/// checked what the rule asks: a receipt, a retention period, a second lead). Refused for a
/// live case, and for one already removed. The other leads see "records removed" in their
/// changes, and the audit row seals every removed record as removed. `asked` is the first of
/// two leads, when the rule takes two; otherwise the write's own lead asked.
pub(crate) async fn remove_case_in(
    w: &mut Write,
    case_id: i64,
    rule: RemovalRule,
    asked: Option<Asked<'_>>,
) -> Result<RecordRemoval> {
    let lead = w.lead()?;
    let state = w.case_for_rule(case_id).await?;
    if state.status == Status::Live {
        return Err(Error::invalid("A live case's records cannot be removed: close the case first."));
    }
    if sql::removal_of(&mut w.sql(), case_id).await?.is_some() {
        return Err(Error::invalid("This case's records have already been removed."));
    }
    let reference = sql::reference(&mut w.sql(), case_id)
        .await?
        .ok_or_else(|| Error::new(ErrorCode::NotFound, "That case does not exist."))?;
    let mut removed = Vec::new();
    for (table, predicate) in sql::SEALED_OF_CASE {
        if let Some(predicate) = predicate {
            removed.extend(seal::removed(&mut w.sql(), table, predicate, case_id).await?);
        }
    }
    let at = w.at().to_owned();
    let (asked_by, asked_at, confirmed_by) = match &asked {
        Some(a) => (a.by, a.at, Some(lead)),
        None => (lead, at.as_str(), None),
    };
    let entry = sql::Entry {
        case_id,
        reference: &reference,
        rule,
        records: removed.len() as i64,
        asked_by,
        asked_at,
        confirmed_by,
        at: &at,
    };
    sql::log(&mut w.sql(), &entry).await?;
    sql::remove(&mut w.sql(), case_id).await?;
    w.scrub_after_commit();
    w.changed(case_id, ChangeKind::RecordsRemoved, &format!("Records removed: {}", rule.label())).await?;
    let mut audit = Entry::new(at, w.actor(), Action::RecordsRemoved).record("case", case_id);
    audit.sealed = removed;
    w.audit_entry(audit).await?;
    sql::removal_of(&mut w.sql(), case_id)
        .await?
        .ok_or_else(|| Error::internal("A removal was not logged, so nothing was removed."))
}

/// The removal of a case's records, if they were removed.
pub async fn removal_of(store: &Store, case_id: i64) -> Result<Option<RecordRemoval>> {
    sql::removal_of(&mut store.db(), case_id).await
}

/// `removal_of` inside a write.
pub(crate) async fn removal_of_in(conn: &mut Conn<'_>, case_id: i64) -> Result<Option<RecordRemoval>> {
    sql::removal_of(conn, case_id).await
}

/// The removal log, cases' and allegations' entries together, oldest first.
pub async fn removals(store: &Store) -> Result<Vec<RecordRemoval>> {
    let mut all = sql::removals(&mut store.db()).await?;
    all.extend(super::allegations::removals(store).await?);
    all.sort_by_key(|a| a.removed_at);
    Ok(all)
}
