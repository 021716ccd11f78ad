//! The body maps area's SQL.

use super::BodyMark;
use super::rules::NewMark;
use crate::Result;
use crate::store::db::{Conn, query, query_composed};

pub(super) async fn case_of_entry(conn: &mut Conn<'_>, entry_id: i64) -> Result<Option<i64>> {
    query("SELECT case_id FROM chronology_entries WHERE id = $1").bind(entry_id).scalar(conn).await
}

/// Adds the mark as the entry's next number (inside the write, so two leads never share one).
pub(super) async fn insert(
    conn: &mut Conn<'_>,
    case_id: i64,
    entry_id: i64,
    m: &NewMark,
    seen_on: chrono::NaiveDate,
    lead: i64,
    at: &str,
) -> Result<i64> {
    let number: i64 = query("SELECT COALESCE(MAX(number), 0) + 1 FROM body_marks WHERE entry_id = $1")
        .bind(entry_id)
        .one(conn)
        .await?;
    query(
        "INSERT INTO body_marks (case_id, entry_id, person_id, number, view, shape, x, y, width, height, description,
                                 size, colour, seen_by, seen_on, child_said, added_at, added_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id",
    )
    .bind(case_id)
    .bind(entry_id)
    .bind(m.person_id)
    .bind(number)
    .bind(m.view)
    .bind(m.shape)
    .bind(m.x)
    .bind(m.y)
    .bind(m.width)
    .bind(m.height)
    .bind(m.description.as_str())
    .bind(m.size.as_str())
    .bind(m.colour.as_str())
    .bind(m.seen_by.as_str())
    .bind(seen_on)
    .bind(m.child_said.as_str())
    .bind(at)
    .bind(lead)
    .one(conn)
    .await
}

const MARKS: &str = "SELECT m.id, m.entry_id, m.person_id, m.number, m.view, m.shape, m.x, m.y, m.width, m.height,
        m.description, m.size, m.colour, m.seen_by, m.seen_on, m.child_said, m.added_at, l.name AS added_by,
        m.withdrawn_at, w.name AS withdrawn_by, m.withdrawn_reason
   FROM body_marks m JOIN leads l ON l.id = m.added_by LEFT JOIN leads w ON w.id = m.withdrawn_by";

/// The mark and its case.
pub(super) async fn one(conn: &mut Conn<'_>, id: i64) -> Result<Option<(i64, Option<String>)>> {
    query("SELECT case_id, withdrawn_at FROM body_marks WHERE id = $1").bind(id).fetch_optional(conn).await
}

/// A case's marks, by entry and number.
pub(super) async fn of_case(conn: &mut Conn<'_>, case_id: i64) -> Result<Vec<BodyMark>> {
    query_composed(format!("{MARKS} WHERE m.case_id = $1 ORDER BY m.entry_id, m.number"))
        .bind(case_id)
        .fetch_all(conn)
        .await
}

pub(super) async fn withdraw(conn: &mut Conn<'_>, id: i64, reason: &str, lead: i64, at: &str) -> Result<()> {
    query("UPDATE body_marks SET withdrawn_at = $1, withdrawn_by = $2, withdrawn_reason = $3 WHERE id = $4")
        .bind(at)
        .bind(lead)
        .bind(reason)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}
