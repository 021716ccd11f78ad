//! The people area's SQL: `people`, `case_people` and `relationships`.

use super::rules::{NewPerson, NewRelationship, Role};
use super::{PersonInCase, PersonMatch, Relationship};
use crate::Result;
use crate::domain::fold::search_form;
use crate::store::Store;
use crate::store::db::{Conn, query};
use crate::store::text::as_text;

pub(super) async fn insert_person(conn: &mut Conn<'_>, p: &NewPerson, lead_id: i64, at: &str) -> Result<i64> {
    query(
        "INSERT INTO people (full_name, search_name, date_of_birth, expected_date, gender, setting, created_at,
                             created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(&p.full_name)
    .bind(search_form(&p.full_name))
    .bind(p.date_of_birth)
    .bind(p.expected_date)
    .bind(&p.gender)
    .bind(&p.setting)
    .bind(at)
    .bind(lead_id)
    .one(conn)
    .await
}

pub(super) async fn link(
    conn: &mut Conn<'_>,
    case_id: i64,
    person_id: i64,
    role: Role,
    lead_id: i64,
    at: &str,
) -> Result<()> {
    query("INSERT INTO case_people (case_id, person_id, role, added_at, added_by) VALUES ($1, $2, $3, $4, $5)")
        .bind(case_id)
        .bind(person_id)
        .bind(as_text(role)?)
        .bind(at)
        .bind(lead_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// A child recorded here with this (folded) name and date of birth, in a case at `postcode`:
/// the person, and that case's reference.
pub(crate) async fn child_recorded(
    conn: &mut Conn<'_>,
    search_name: &str,
    born: chrono::NaiveDate,
    postcode: &str,
) -> Result<Option<(i64, String)>> {
    query(
        "SELECT p.id, c.reference FROM people p JOIN case_people cp ON cp.person_id = p.id JOIN cases c ON c.id = cp.case_id
         WHERE p.search_name = $1 AND p.date_of_birth = $2 AND c.postcode = $3 ORDER BY p.id, c.id LIMIT 1",
    )
    .bind(search_name)
    .bind(born)
    .bind(postcode)
    .fetch_optional(conn)
    .await
}

/// The person's name, and whether they are a child in any case.
pub(super) async fn name_and_childhood(conn: &mut Conn<'_>, person_id: i64) -> Result<Option<(String, bool)>> {
    query(
        "SELECT p.full_name, EXISTS (SELECT 1 FROM case_people cp WHERE cp.person_id = p.id
                                     AND cp.role IN ('child', 'unborn_child'))
         FROM people p WHERE p.id = $1",
    )
    .bind(person_id)
    .fetch_optional(conn)
    .await
}

pub(super) async fn is_in_case(conn: &mut Conn<'_>, case_id: i64, person_id: i64) -> Result<bool> {
    query("SELECT EXISTS (SELECT 1 FROM case_people WHERE case_id = $1 AND person_id = $2)")
        .bind(case_id)
        .bind(person_id)
        .one(conn)
        .await
}

pub(super) async fn ids_in_case(conn: &mut Conn<'_>, case_id: i64) -> Result<Vec<i64>> {
    query("SELECT person_id FROM case_people WHERE case_id = $1").bind(case_id).scalars(conn).await
}

/// False when the relationship was already recorded.
pub(super) async fn insert_relationship(
    conn: &mut Conn<'_>,
    case_id: i64,
    r: &NewRelationship,
    lead_id: i64,
    at: &str,
) -> Result<bool> {
    let inserted = query("INSERT INTO relationships (case_id, person_id, kind, other_id, added_at, added_by) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT DO NOTHING",
    )
    .bind(case_id)
    .bind(r.person_id)
    .bind(as_text(r.kind)?)
    .bind(r.other_id)
    .bind(at)
    .bind(lead_id)
    .execute(conn)
    .await?;
    Ok(inserted > 0)
}

/// Children first, then adults, each in the order they were added.
pub(super) async fn in_case(store: &Store, case_id: i64) -> Result<Vec<PersonInCase>> {
    query(
        "SELECT p.id, p.full_name, cp.role, p.date_of_birth, p.expected_date, p.gender, p.setting,
                COALESCE((SELECT string_agg(c.reference, ', ') FROM case_people o JOIN cases c ON c.id = o.case_id
                          WHERE o.person_id = p.id AND o.case_id <> cp.case_id), '') AS other_cases
         FROM case_people cp JOIN people p ON p.id = cp.person_id
         WHERE cp.case_id = $1
         ORDER BY cp.role NOT IN ('child', 'unborn_child'), cp.added_at, p.id",
    )
    .bind(case_id)
    .fetch_all(&mut store.db())
    .await
}

/// People whose folded name matches `pattern` (a LIKE pattern), not already in `case_id`.
pub(super) async fn matching(store: &Store, pattern: &str, case_id: i64) -> Result<Vec<PersonMatch>> {
    query(
        "SELECT p.id, p.full_name, p.date_of_birth,
                EXISTS (SELECT 1 FROM case_people x WHERE x.person_id = p.id AND x.role IN ('child', 'unborn_child'))
                  AS is_child,
                COALESCE((SELECT string_agg(c.reference, ', ') FROM case_people o JOIN cases c ON c.id = o.case_id
                          WHERE o.person_id = p.id), '') AS cases
         FROM people p
         WHERE p.search_name LIKE $1 ESCAPE '\\'
           AND NOT EXISTS (SELECT 1 FROM case_people h WHERE h.person_id = p.id AND h.case_id = $2)
         ORDER BY p.search_name LIMIT 20",
    )
    .bind(pattern)
    .bind(case_id)
    .fetch_all(&mut store.db())
    .await
}

pub(super) async fn relationships(store: &Store, case_id: i64) -> Result<Vec<Relationship>> {
    query(
        "SELECT a.full_name AS person, r.kind, b.full_name AS other FROM relationships r
         JOIN people a ON a.id = r.person_id JOIN people b ON b.id = r.other_id
         WHERE r.case_id = $1 ORDER BY r.id",
    )
    .bind(case_id)
    .fetch_all(&mut store.db())
    .await
}

/// The children (born and unborn) of a case, read inside a write: who an entry or a plan may
/// be about.
pub(crate) async fn children_of(conn: &mut Conn<'_>, case_id: i64) -> Result<Vec<i64>> {
    query("SELECT person_id FROM case_people WHERE case_id = $1 AND role IN ('child', 'unborn_child')")
        .bind(case_id)
        .scalars(conn)
        .await
}

/// The children's names of each of `case_ids`, in the order the case page lists them.
pub(super) async fn children_names(store: &Store, case_ids: &[i64]) -> Result<Vec<(i64, String)>> {
    if case_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = crate::store::db::Builder::new(
        store.engine(),
        "SELECT cp.case_id, p.full_name FROM case_people cp JOIN people p ON p.id = cp.person_id
         WHERE cp.role IN ('child', 'unborn_child') AND cp.case_id IN (",
    );
    q.push_binds(case_ids).push(") ORDER BY cp.case_id, cp.added_at, p.id");
    q.build().fetch_all(&mut store.db()).await
}
