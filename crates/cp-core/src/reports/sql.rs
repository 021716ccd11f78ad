//! The reports' own SQL: the register, which reads plans, people, cases and transfers
//! together. Every other report reads through the case page and the areas.

use chrono::NaiveDate;

use crate::Result;
use crate::store::Store;
use crate::store::db::query;

/// One child on the register, in the query's column order.
#[derive(sqlx::FromRow)]
pub(super) struct RegisterRow {
    pub name: String,
    pub dob: Option<NaiveDate>,
    pub address: String,
    pub cats: crate::store::text::List<crate::plans::rules::Category>,
    pub start: NaiveDate,
    pub la: String,
    pub sw: String,
    pub reference: String,
}

/// Every child with a Child Protection Plan running on a case not archived, by name.
pub(super) async fn register(store: &Store) -> Result<Vec<RegisterRow>> {
    query("SELECT p.full_name AS name, p.date_of_birth AS dob,
                c.address_line1 || CASE WHEN c.town <> '' THEN ', ' || c.town ELSE '' END || ', ' || c.postcode AS address,
                pl.categories AS cats, pl.start_on AS start,
                pl.local_authority || COALESCE((SELECT CASE t.kind WHEN 'visiting' THEN ' (visiting' ELSE ' (moved in' END
                                                       || ', transferred in)'
                                                FROM transfer_ins t WHERE t.plan_id = pl.id), '') AS la,
                COALESCE((SELECT t.social_worker FROM transfer_ins t WHERE t.plan_id = pl.id), c.social_worker_name) AS sw,
                c.reference AS reference
         FROM plans pl JOIN people p ON p.id = pl.person_id JOIN cases c ON c.id = pl.case_id
         WHERE pl.kind = 'child_protection_plan' AND pl.end_on IS NULL AND c.status <> 'archived'
         ORDER BY p.search_name, p.full_name, pl.start_on",
    )
    .fetch_all(&mut store.db())
    .await
}
