//! Adding people to a case, and listing them for the case page.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::FromRow;
use ts_rs::TS;

use crate::audit::{self, Action, Actor, Entry};
use crate::clock::stamp;
use crate::domain::case::Status;
use crate::domain::person::{NewPerson, check_person};
use crate::store::{Store, db_error};
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct PersonInCase {
    #[ts(type = "number")]
    pub id: i64,
    pub full_name: String,
    pub role: String,
    pub date_of_birth: Option<String>,
    pub expected_date: Option<String>,
    pub gender: String,
    pub setting: String,
}

pub async fn add_person(
    store: &Store,
    lead_id: i64,
    case_id: i64,
    p: &NewPerson,
    now: DateTime<Utc>,
) -> Result<PersonInCase> {
    let p = check_person(p, now.date_naive())?;
    let at = stamp(now);
    let mut tx = store.begin_write().await?;
    let (status, _, _) = crate::cases::state(&mut tx, case_id).await?;
    if status == Status::Archived {
        return Err(Error::invalid("This case is archived, so it cannot be changed."));
    }
    let role = crate::cases::as_text(p.role)?;
    let person_id = sqlx::query(
        "INSERT INTO people (full_name, date_of_birth, expected_date, gender, setting, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&p.full_name)
    .bind(p.date_of_birth.map(|d| d.to_string()))
    .bind(p.expected_date.map(|d| d.to_string()))
    .bind(&p.gender)
    .bind(&p.setting)
    .bind(&at)
    .bind(lead_id)
    .execute(&mut *tx)
    .await
    .map_err(db_error)?
    .last_insert_rowid();
    sqlx::query("INSERT INTO case_people (case_id, person_id, role, added_at, added_by) VALUES (?, ?, ?, ?, ?)")
        .bind(case_id)
        .bind(person_id)
        .bind(&role)
        .bind(&at)
        .bind(lead_id)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    audit::append(&mut tx, Entry::new(at, Actor::Lead(lead_id), Action::PersonAdded).record("case", case_id)).await?;
    tx.commit().await.map_err(db_error)?;
    Ok(PersonInCase {
        id: person_id,
        full_name: p.full_name,
        role,
        date_of_birth: p.date_of_birth.map(|d| d.to_string()),
        expected_date: p.expected_date.map(|d| d.to_string()),
        gender: p.gender,
        setting: p.setting,
    })
}

/// Children first (youngest last), then adults, each in the order they were added.
pub async fn in_case(store: &Store, case_id: i64) -> Result<Vec<PersonInCase>> {
    sqlx::query_as(
        "SELECT p.id, p.full_name, cp.role, p.date_of_birth, p.expected_date, p.gender, p.setting
         FROM case_people cp JOIN people p ON p.id = cp.person_id
         WHERE cp.case_id = ?
         ORDER BY cp.role NOT IN ('child', 'unborn_child'), cp.added_at, p.id",
    )
    .bind(case_id)
    .fetch_all(store.pool())
    .await
    .map_err(db_error)
}
