//! The transfer-ins' SQL.

use super::TransferRow;
use super::rules::TransferIn;
use crate::Result;
use crate::store::Store;
use crate::store::db::{Conn, query};
use crate::store::text::as_text;

/// The transfer's own details, beside the child and plan written in the same write.
#[allow(clippy::too_many_arguments)] // one row's columns; a struct would only rename them
pub(super) async fn insert(
    conn: &mut Conn<'_>,
    case_id: i64,
    person_id: i64,
    plan_id: i64,
    t: &TransferIn,
    agencies_json: &str,
    lead_id: i64,
    at: &str,
) -> Result<i64> {
    query(
        "INSERT INTO transfer_ins (case_id, person_id, plan_id, kind, originating_authority, social_worker, stay_from,
                                   stay_to, agencies_notified, recorded_at, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(case_id)
    .bind(person_id)
    .bind(plan_id)
    .bind(as_text(t.kind)?)
    .bind(t.originating_authority.trim())
    .bind(t.social_worker.trim())
    .bind(t.stay_from)
    .bind(t.stay_to)
    .bind(agencies_json)
    .bind(at)
    .bind(lead_id)
    .one(conn)
    .await
}

pub(super) async fn for_case(store: &Store, case_id: i64) -> Result<Vec<TransferRow>> {
    query(
        "SELECT p.full_name AS child, t.kind, t.originating_authority, t.social_worker, t.stay_from, t.stay_to,
                t.agencies_notified
         FROM transfer_ins t JOIN people p ON p.id = t.person_id WHERE t.case_id = $1 ORDER BY t.id",
    )
    .bind(case_id)
    .fetch_all(&mut store.db())
    .await
}
