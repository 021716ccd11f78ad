//! People in cases: adding a new person, linking someone already known to another case, the
//! relationships between people of a case, and finding people by name.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::FromRow;
use ts_rs::TS;

use crate::audit::{self, Action, Actor, Entry};
use crate::cases::{as_text, writable};
use crate::changes::{self, ChangeKind};
use crate::clock::stamp;
use crate::domain::person::{
    NewPerson, NewRelationship, Role, check_link, check_person, check_relationship, search_form,
};
use crate::store::{Store, db_error};
use crate::{Error, ErrorCode, Result};

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
    /// The other cases this person is in, by reference.
    pub other_cases: String,
}

async fn link(
    conn: &mut sqlx::SqliteConnection,
    case_id: i64,
    person_id: i64,
    role: Role,
    lead_id: i64,
    at: &str,
) -> Result<()> {
    sqlx::query("INSERT INTO case_people (case_id, person_id, role, added_at, added_by) VALUES (?, ?, ?, ?, ?)")
        .bind(case_id)
        .bind(person_id)
        .bind(as_text(role)?)
        .bind(at)
        .bind(lead_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn add_person(store: &Store, lead_id: i64, case_id: i64, p: &NewPerson, now: DateTime<Utc>) -> Result<i64> {
    let mut tx = store.begin_write().await?;
    let id = add_person_in(&mut tx, lead_id, case_id, p, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// `add_person` inside the caller's transaction.
pub(crate) async fn add_person_in(
    tx: &mut sqlx::SqliteConnection,
    lead_id: i64,
    case_id: i64,
    p: &NewPerson,
    now: DateTime<Utc>,
) -> Result<i64> {
    let p = check_person(p, crate::domain::calendar::uk_today(now))?;
    let at = stamp(now);
    writable(tx, case_id).await?;
    let person_id = sqlx::query(
        "INSERT INTO people (full_name, search_name, date_of_birth, expected_date, gender, setting, created_at,
                             created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&p.full_name)
    .bind(search_form(&p.full_name))
    .bind(p.date_of_birth.map(|d| d.to_string()))
    .bind(p.expected_date.map(|d| d.to_string()))
    .bind(&p.gender)
    .bind(&p.setting)
    .bind(&at)
    .bind(lead_id)
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    link(tx, case_id, person_id, p.role, lead_id, &at).await?;
    let summary = format!("{} added", p.full_name);
    changes::record(tx, case_id, Some(lead_id), ChangeKind::PersonAdded, &summary, &at).await?;
    audit::append(tx, Entry::new(at, Actor::Lead(lead_id), Action::PersonAdded).record("case", case_id)).await?;
    Ok(person_id)
}

/// Links a person already in another case (a sibling in another household, an alleged
/// perpetrator known to two families) to this case with a role.
pub async fn link_person(
    store: &Store,
    lead_id: i64,
    case_id: i64,
    person_id: i64,
    role: Role,
    now: DateTime<Utc>,
) -> Result<()> {
    let at = stamp(now);
    let mut tx = store.begin_write().await?;
    writable(&mut tx, case_id).await?;
    let found: Option<(String, bool)> = sqlx::query_as(
        "SELECT p.full_name, EXISTS (SELECT 1 FROM case_people cp WHERE cp.person_id = p.id
                                     AND cp.role IN ('child', 'unborn_child'))
         FROM people p WHERE p.id = ?",
    )
    .bind(person_id)
    .fetch_optional(&mut *tx)
    .await?;
    let (name, is_child) = found.ok_or_else(|| Error::new(ErrorCode::NotFound, "That person does not exist."))?;
    check_link(is_child, role)?;
    let already: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM case_people WHERE case_id = ? AND person_id = ?)")
            .bind(case_id)
            .bind(person_id)
            .fetch_one(&mut *tx)
            .await?;
    if already {
        return Err(Error::invalid("This person is already in this case."));
    }
    link(&mut tx, case_id, person_id, role, lead_id, &at).await?;
    let summary = format!("{name} linked from another case");
    changes::record(&mut tx, case_id, Some(lead_id), ChangeKind::PersonLinked, &summary, &at).await?;
    audit::append(&mut tx, Entry::new(at, Actor::Lead(lead_id), Action::PersonLinked).record("case", case_id)).await?;
    tx.commit().await?;
    Ok(())
}

/// Children first, then adults, each in the order they were added.
pub async fn in_case(store: &Store, case_id: i64) -> Result<Vec<PersonInCase>> {
    sqlx::query_as(
        "SELECT p.id, p.full_name, cp.role, p.date_of_birth, p.expected_date, p.gender, p.setting,
                COALESCE((SELECT group_concat(c.reference, ', ') FROM case_people o JOIN cases c ON c.id = o.case_id
                          WHERE o.person_id = p.id AND o.case_id <> cp.case_id), '') AS other_cases
         FROM case_people cp JOIN people p ON p.id = cp.person_id
         WHERE cp.case_id = ?
         ORDER BY cp.role NOT IN ('child', 'unborn_child'), cp.added_at, p.id",
    )
    .bind(case_id)
    .fetch_all(store.pool())
    .await
    .map_err(db_error)
}

/// Someone found by name, with the cases they are already in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct PersonMatch {
    #[ts(type = "number")]
    pub id: i64,
    pub full_name: String,
    pub date_of_birth: Option<String>,
    pub is_child: bool,
    pub cases: String,
}

/// People whose name contains `typed` (accents and case ignored), not already in `case_id`.
pub async fn find(store: &Store, case_id: i64, typed: &str) -> Result<Vec<PersonMatch>> {
    let folded = search_form(typed.trim());
    if folded.chars().count() < 2 {
        return Ok(Vec::new());
    }
    sqlx::query_as(
        "SELECT p.id, p.full_name, p.date_of_birth,
                EXISTS (SELECT 1 FROM case_people x WHERE x.person_id = p.id AND x.role IN ('child', 'unborn_child'))
                  AS is_child,
                COALESCE((SELECT group_concat(c.reference, ', ') FROM case_people o JOIN cases c ON c.id = o.case_id
                          WHERE o.person_id = p.id), '') AS cases
         FROM people p
         WHERE p.search_name LIKE ? ESCAPE '\\'
           AND NOT EXISTS (SELECT 1 FROM case_people h WHERE h.person_id = p.id AND h.case_id = ?)
         ORDER BY p.search_name LIMIT 20",
    )
    .bind(crate::search::contains_pattern(&folded))
    .bind(case_id)
    .fetch_all(store.pool())
    .await
    .map_err(db_error)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Relationship {
    pub person: String,
    pub kind: String,
    pub other: String,
}

pub async fn add_relationship(
    store: &Store,
    lead_id: i64,
    case_id: i64,
    r: &NewRelationship,
    now: DateTime<Utc>,
) -> Result<()> {
    let at = stamp(now);
    let mut tx = store.begin_write().await?;
    writable(&mut tx, case_id).await?;
    let people: Vec<i64> = sqlx::query_scalar("SELECT person_id FROM case_people WHERE case_id = ?")
        .bind(case_id)
        .fetch_all(&mut *tx)
        .await?;
    check_relationship(r, &people)?;
    let inserted = sqlx::query(
        "INSERT INTO relationships (case_id, person_id, kind, other_id, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING",
    )
    .bind(case_id)
    .bind(r.person_id)
    .bind(as_text(r.kind)?)
    .bind(r.other_id)
    .bind(&at)
    .bind(lead_id)
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() == 0 {
        return Err(Error::invalid("That relationship is already recorded."));
    }
    changes::record(&mut tx, case_id, Some(lead_id), ChangeKind::RelationshipAdded, "Relationship recorded", &at)
        .await?;
    audit::append(&mut tx, Entry::new(at, Actor::Lead(lead_id), Action::RelationshipAdded).record("case", case_id))
        .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn relationships(store: &Store, case_id: i64) -> Result<Vec<Relationship>> {
    sqlx::query_as(
        "SELECT a.full_name AS person, r.kind, b.full_name AS other FROM relationships r
         JOIN people a ON a.id = r.person_id JOIN people b ON b.id = r.other_id
         WHERE r.case_id = ? ORDER BY r.id",
    )
    .bind(case_id)
    .fetch_all(store.pool())
    .await
    .map_err(db_error)
}
