//! The "changes since you last looked" feed: every change a lead makes to a case is recorded
//! by the write path (`write::Write::changed`), in the same transaction as the change, so the
//! other lead is told about exactly what was written. This area reads the feed and keeps each
//! lead's acknowledgements. `sql` is the area's only SQL.

pub mod rules;
mod sql;

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::FromRow;
use ts_rs::TS;

use crate::Result;
use crate::audit::{Action, Actor};
use crate::clock::Stamp;
use crate::store::Store;
pub use crate::write::ChangeKind;
use crate::write::{self, Write};

/// One change as a lead will see it in the other lead's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub case_id: i64,
    pub reference: String,
    pub lead: Option<String>,
    pub kind: ChangeKind,
    pub summary: String,
    #[ts(type = "string")]
    pub at: Stamp,
}

/// Changes to a case made by anyone but `lead_id` (the other lead, or the installation),
/// oldest first.
pub async fn by_others(store: &Store, lead_id: i64, case_id: i64) -> Result<Vec<Change>> {
    sql::by_others(store, lead_id, case_id).await
}

/// One case's changes a lead has not acknowledged yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseChanges {
    #[ts(type = "number")]
    pub case_id: i64,
    pub reference: String,
    /// The case's name from its children, empty when it has none.
    pub name: String,
    /// The changes in one line: "3 people added, 1 entry added".
    pub tally: String,
    pub changes: Vec<Change>,
}

/// Everything others changed that `lead_id` has not acknowledged, grouped by case, the case
/// changed longest ago first.
pub async fn unacknowledged(store: &Store, lead_id: i64) -> Result<Vec<CaseChanges>> {
    let rows = sql::unacknowledged(store, lead_id).await?;
    let mut out: Vec<CaseChanges> = Vec::new();
    let mut group_of: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    for change in rows {
        match group_of.get(&change.case_id) {
            Some(&i) => out[i].changes.push(change),
            None => {
                group_of.insert(change.case_id, out.len());
                out.push(CaseChanges {
                    case_id: change.case_id,
                    reference: change.reference.clone(),
                    name: String::new(),
                    tally: String::new(),
                    changes: vec![change],
                });
            }
        }
    }
    let mut names = crate::people::case_names(store, &out.iter().map(|g| g.case_id).collect::<Vec<_>>()).await?;
    for group in &mut out {
        group.tally = rules::tally(group.changes.iter().map(|c| c.kind));
        group.name = names.remove(&group.case_id).unwrap_or_default();
    }
    Ok(out)
}

/// Acknowledges a case's changes up to `up_to` (the newest the lead saw), so a change made
/// meanwhile is not acknowledged unseen. Audited.
pub async fn acknowledge(store: &Store, lead_id: i64, case_id: i64, up_to: i64, now: DateTime<Utc>) -> Result<u32> {
    write::run(store, Actor::Lead(lead_id), now, async |w| acknowledge_in(w, case_id, up_to).await).await
}

/// `acknowledge` inside the caller's write transaction.
pub(crate) async fn acknowledge_in(w: &mut Write, case_id: i64, up_to: i64) -> Result<u32> {
    let (lead_id, at) = (w.lead()?, w.at().to_owned());
    let done = sql::acknowledge(&mut w.sql(), lead_id, case_id, up_to, &at).await?;
    if done > 0 {
        w.audit(Action::ChangesAcknowledged, "case", case_id).await?;
    }
    Ok(u32::try_from(done).unwrap_or(u32::MAX))
}
