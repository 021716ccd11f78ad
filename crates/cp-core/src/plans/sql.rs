//! The plans' SQL. A plan row accepts one change, its end (a trigger refuses any other).

use chrono::NaiveDate;

use super::Plan;
use super::rules::NewPlan;
use crate::Result;
use crate::store::Store;
use crate::store::db::{Conn, query};
use crate::store::text::as_text;

/// How many plans the child has running (at most one, by the rules).
pub(super) async fn running_for(conn: &mut Conn<'_>, person_id: i64) -> Result<i64> {
    query("SELECT count(*) FROM plans WHERE person_id = $1 AND end_on IS NULL").bind(person_id).one(conn).await
}

pub(super) async fn insert(conn: &mut Conn<'_>, case_id: i64, p: &NewPlan, lead_id: i64, at: &str) -> Result<i64> {
    let categories: Vec<&str> = p.categories.iter().map(|c| c.as_str()).collect();
    query(
        "INSERT INTO plans (case_id, person_id, kind, categories, start_on, local_authority, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(case_id)
    .bind(p.person_id)
    .bind(as_text(p.kind)?)
    .bind(categories.join(","))
    .bind(p.start_on)
    .bind(&p.local_authority)
    .bind(at)
    .bind(lead_id)
    .one(conn)
    .await
}

/// The plan's case, start and end, read inside the write that ends it.
pub(super) async fn case_and_dates(
    conn: &mut Conn<'_>,
    plan_id: i64,
) -> Result<Option<(i64, NaiveDate, Option<NaiveDate>)>> {
    query("SELECT case_id, start_on, end_on FROM plans WHERE id = $1").bind(plan_id).fetch_optional(conn).await
}

pub(super) async fn end(conn: &mut Conn<'_>, plan_id: i64, end_on: NaiveDate, lead_id: i64, at: &str) -> Result<()> {
    query("UPDATE plans SET end_on = $1, ended_at = $2, ended_by = $3 WHERE id = $4")
        .bind(end_on)
        .bind(at)
        .bind(lead_id)
        .bind(plan_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// A case's plans, running ones first, then newest first.
pub(super) async fn for_case(store: &Store, case_id: i64) -> Result<Vec<Plan>> {
    query(
        "SELECT pl.id, pl.person_id, p.full_name AS child, pl.kind, pl.categories, pl.start_on, pl.end_on,
                pl.local_authority
         FROM plans pl JOIN people p ON p.id = pl.person_id
         WHERE pl.case_id = $1 ORDER BY pl.end_on IS NOT NULL, pl.start_on DESC, pl.id DESC",
    )
    .bind(case_id)
    .fetch_all(&mut store.db())
    .await
}
