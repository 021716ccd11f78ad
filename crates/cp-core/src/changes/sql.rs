//! The change feed's SQL: reading `case_changes` (written by the write path) and each lead's
//! acknowledgements. `change_inbox` is a view of what a lead has not acknowledged.

use super::Change;
use crate::Result;
use crate::store::Store;
use crate::store::db::{Conn, query};

pub(super) async fn by_others(store: &Store, lead_id: i64, case_id: i64) -> Result<Vec<Change>> {
    query(
        "SELECT ch.id, ch.case_id, c.reference, l.name AS lead, ch.kind, ch.summary, ch.at
         FROM case_changes ch JOIN cases c ON c.id = ch.case_id LEFT JOIN leads l ON l.id = ch.lead_id
         WHERE ch.case_id = $1 AND (ch.lead_id IS NULL OR ch.lead_id <> $2) ORDER BY ch.id",
    )
    .bind(case_id)
    .bind(lead_id)
    .fetch_all(&mut store.db())
    .await
}

pub(super) async fn unacknowledged(store: &Store, lead_id: i64) -> Result<Vec<Change>> {
    query(
        "SELECT ch.id, ch.case_id, c.reference, l.name AS lead, ch.kind, ch.summary, ch.at
         FROM change_inbox i JOIN case_changes ch ON ch.id = i.change_id JOIN cases c ON c.id = ch.case_id
         LEFT JOIN leads l ON l.id = ch.lead_id
         WHERE i.lead_id = $1
         ORDER BY ch.id",
    )
    .bind(lead_id)
    .fetch_all(&mut store.db())
    .await
}

/// Acknowledges, for `lead_id`, every change by others to the case up to `up_to`; how many.
pub(super) async fn acknowledge(conn: &mut Conn<'_>, lead_id: i64, case_id: i64, up_to: i64, at: &str) -> Result<u64> {
    query(
        "INSERT INTO change_acks (lead_id, change_id, acked_at)
         SELECT $1, ch.id, $4 FROM case_changes ch
         WHERE ch.case_id = $2 AND ch.id <= $3 AND (ch.lead_id IS NULL OR ch.lead_id <> $1)
           AND NOT EXISTS (SELECT 1 FROM change_acks a WHERE a.lead_id = $1 AND a.change_id = ch.id)",
    )
    .bind(lead_id)
    .bind(case_id)
    .bind(up_to)
    .bind(at)
    .execute(conn)
    .await
}
