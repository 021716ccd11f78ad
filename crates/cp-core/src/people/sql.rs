//! The people area's SQL: `people`, `case_people` and `relationships`.

use sqlx::SqliteConnection;

use super::rules::{NewPerson, NewRelationship, Role};
use super::{PersonInCase, PersonMatch, Relationship};
use crate::Result;
use crate::domain::fold::search_form;
use crate::store::Store;
use crate::store::text::as_text;

pub(super) async fn insert_person(conn: &mut SqliteConnection, p: &NewPerson, lead_id: i64, at: &str) -> Result<i64> {
    Ok(sqlx::query(
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
    .bind(at)
    .bind(lead_id)
    .execute(&mut *conn)
    .await?
    .last_insert_rowid())
}

pub(super) async fn link(
    conn: &mut SqliteConnection,
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

/// The person's name, and whether they are a child in any case.
pub(super) async fn name_and_childhood(conn: &mut SqliteConnection, person_id: i64) -> Result<Option<(String, bool)>> {
    Ok(sqlx::query_as(
        "SELECT p.full_name, EXISTS (SELECT 1 FROM case_people cp WHERE cp.person_id = p.id
                                     AND cp.role IN ('child', 'unborn_child'))
         FROM people p WHERE p.id = ?",
    )
    .bind(person_id)
    .fetch_optional(&mut *conn)
    .await?)
}

pub(super) async fn is_in_case(conn: &mut SqliteConnection, case_id: i64, person_id: i64) -> Result<bool> {
    Ok(sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM case_people WHERE case_id = ? AND person_id = ?)")
        .bind(case_id)
        .bind(person_id)
        .fetch_one(&mut *conn)
        .await?)
}

pub(super) async fn ids_in_case(conn: &mut SqliteConnection, case_id: i64) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar("SELECT person_id FROM case_people WHERE case_id = ?")
        .bind(case_id)
        .fetch_all(&mut *conn)
        .await?)
}

/// False when the relationship was already recorded.
pub(super) async fn insert_relationship(
    conn: &mut SqliteConnection,
    case_id: i64,
    r: &NewRelationship,
    lead_id: i64,
    at: &str,
) -> Result<bool> {
    let inserted = sqlx::query(
        "INSERT INTO relationships (case_id, person_id, kind, other_id, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING",
    )
    .bind(case_id)
    .bind(r.person_id)
    .bind(as_text(r.kind)?)
    .bind(r.other_id)
    .bind(at)
    .bind(lead_id)
    .execute(&mut *conn)
    .await?;
    Ok(inserted.rows_affected() > 0)
}

/// Children first, then adults, each in the order they were added.
pub(super) async fn in_case(store: &Store, case_id: i64) -> Result<Vec<PersonInCase>> {
    Ok(sqlx::query_as(
        "SELECT p.id, p.full_name, cp.role, p.date_of_birth, p.expected_date, p.gender, p.setting,
                COALESCE((SELECT group_concat(c.reference, ', ') FROM case_people o JOIN cases c ON c.id = o.case_id
                          WHERE o.person_id = p.id AND o.case_id <> cp.case_id), '') AS other_cases
         FROM case_people cp JOIN people p ON p.id = cp.person_id
         WHERE cp.case_id = ?
         ORDER BY cp.role NOT IN ('child', 'unborn_child'), cp.added_at, p.id",
    )
    .bind(case_id)
    .fetch_all(store.pool())
    .await?)
}

/// People whose folded name matches `pattern` (a LIKE pattern), not already in `case_id`.
pub(super) async fn matching(store: &Store, pattern: &str, case_id: i64) -> Result<Vec<PersonMatch>> {
    Ok(sqlx::query_as(
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
    .bind(pattern)
    .bind(case_id)
    .fetch_all(store.pool())
    .await?)
}

pub(super) async fn relationships(store: &Store, case_id: i64) -> Result<Vec<Relationship>> {
    Ok(sqlx::query_as(
        "SELECT a.full_name AS person, r.kind, b.full_name AS other FROM relationships r
         JOIN people a ON a.id = r.person_id JOIN people b ON b.id = r.other_id
         WHERE r.case_id = ? ORDER BY r.id",
    )
    .bind(case_id)
    .fetch_all(store.pool())
    .await?)
}

/// The children (born and unborn) of a case, read inside a write: who an entry or a plan may
/// be about.
pub(crate) async fn children_of(conn: &mut SqliteConnection, case_id: i64) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar("SELECT person_id FROM case_people WHERE case_id = ? AND role IN ('child', 'unborn_child')")
        .bind(case_id)
        .fetch_all(conn)
        .await?)
}
