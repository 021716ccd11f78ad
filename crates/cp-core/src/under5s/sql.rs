//! The import's SQL: the people already recorded, with their cases' addresses, to match rows
//! against. What it writes goes through the cases, people and chronology areas.

use sqlx::FromRow;

use crate::Result;
use crate::store::db::{Conn, query};

/// A person in a case, as matching needs them.
#[derive(FromRow)]
pub(super) struct KnownPerson {
    pub full_name: String,
    pub date_of_birth: Option<chrono::NaiveDate>,
    pub role: String,
    pub case_id: i64,
    pub reference: String,
    pub status: String,
    pub address_line1: String,
    pub postcode: String,
    pub social_worker: String,
}

pub(super) async fn known_people(conn: &mut Conn<'_>) -> Result<Vec<KnownPerson>> {
    query(
        "SELECT p.full_name, p.date_of_birth, cp.role, c.id AS case_id, c.reference, c.status, c.address_line1,
                c.postcode, c.social_worker_name AS social_worker
         FROM case_people cp JOIN people p ON p.id = cp.person_id JOIN cases c ON c.id = cp.case_id
         ORDER BY c.id",
    )
    .fetch_all(conn)
    .await
}
