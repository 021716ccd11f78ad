//! The "changes since you last looked" feed: every change a lead makes to a case is recorded
//! here, in the same transaction as the change, so the other lead is told about exactly what
//! was written. The weekly review issue builds the list and its acknowledgements on this.

use serde::Serialize;
use sqlx::FromRow;
use ts_rs::TS;

use crate::Result;
use crate::store::db_error;
pub use crate::write::ChangeKind;

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
    pub kind: String,
    pub summary: String,
    pub at: String,
}

/// Changes to a case made by anyone but `lead_id` (the other lead, or the installation),
/// oldest first.
pub async fn by_others(store: &crate::store::Store, lead_id: i64, case_id: i64) -> Result<Vec<Change>> {
    sqlx::query_as(
        "SELECT ch.id, ch.case_id, c.reference, l.name AS lead, ch.kind, ch.summary, ch.at
         FROM case_changes ch JOIN cases c ON c.id = ch.case_id LEFT JOIN leads l ON l.id = ch.lead_id
         WHERE ch.case_id = ? AND (ch.lead_id IS NULL OR ch.lead_id <> ?) ORDER BY ch.id",
    )
    .bind(case_id)
    .bind(lead_id)
    .fetch_all(store.pool())
    .await
    .map_err(db_error)
}

/// One case's changes a lead has not acknowledged yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseChanges {
    #[ts(type = "number")]
    pub case_id: i64,
    pub reference: String,
    pub changes: Vec<Change>,
}

/// Everything others changed that `lead_id` has not acknowledged, grouped by case, the case
/// changed longest ago first.
pub async fn unacknowledged(store: &crate::store::Store, lead_id: i64) -> Result<Vec<CaseChanges>> {
    let rows: Vec<Change> = sqlx::query_as(
        "SELECT ch.id, ch.case_id, c.reference, l.name AS lead, ch.kind, ch.summary, ch.at
         FROM change_inbox i JOIN case_changes ch ON ch.id = i.change_id JOIN cases c ON c.id = ch.case_id
         LEFT JOIN leads l ON l.id = ch.lead_id
         WHERE i.lead_id = ?1
         ORDER BY ch.id",
    )
    .bind(lead_id)
    .fetch_all(store.pool())
    .await?;
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
                    changes: vec![change],
                });
            }
        }
    }
    Ok(out)
}

/// Acknowledges a case's changes up to `up_to` (the newest the lead saw), so a change made
/// meanwhile is not acknowledged unseen. Audited.
pub async fn acknowledge(
    store: &crate::store::Store,
    lead_id: i64,
    case_id: i64,
    up_to: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<u32> {
    crate::write::run(store, crate::audit::Actor::Lead(lead_id), now, async |w| acknowledge_in(w, case_id, up_to).await)
        .await
}

/// `acknowledge` inside the caller's write transaction.
pub(crate) async fn acknowledge_in(w: &mut crate::write::Write, case_id: i64, up_to: i64) -> Result<u32> {
    let (lead_id, at) = (w.lead()?, w.at().to_owned());
    let done = sqlx::query(
        "INSERT INTO change_acks (lead_id, change_id, acked_at)
         SELECT ?1, ch.id, ?4 FROM case_changes ch
         WHERE ch.case_id = ?2 AND ch.id <= ?3 AND (ch.lead_id IS NULL OR ch.lead_id <> ?1)
           AND NOT EXISTS (SELECT 1 FROM change_acks a WHERE a.lead_id = ?1 AND a.change_id = ch.id)",
    )
    .bind(lead_id)
    .bind(case_id)
    .bind(up_to)
    .bind(&at)
    .execute(&mut *w.sql())
    .await?
    .rows_affected();
    if done > 0 {
        w.audit(crate::audit::Action::ChangesAcknowledged, "case", case_id).await?;
    }
    Ok(u32::try_from(done).unwrap_or(u32::MAX))
}
