//! The subject access area's SQL: requests, their redactions and released copies.

use chrono::NaiveDate;

use super::rules::{NewRequest, Reason, Redaction, Requester};
use crate::Result;
use crate::clock::Stamp;
use crate::store::db::{Conn, query, query_composed};

#[derive(Debug, Clone, sqlx::FromRow)]
pub(super) struct RequestRow {
    pub id: i64,
    pub case_id: i64,
    pub requester_name: String,
    pub requester: Requester,
    pub received_on: NaiveDate,
    pub identity_checked_on: Option<NaiveDate>,
    pub identity_how: String,
    pub extension_reason: String,
    pub extended_at: Option<Stamp>,
    pub recorded_at: Stamp,
    pub recorded_by: String,
    pub released_at: Option<Stamp>,
    pub released_by: Option<String>,
    pub digest: Option<String>,
    pub person_id: Option<i64>,
    pub about: Option<String>,
}

const REQUESTS: &str = "SELECT q.id, q.case_id, q.requester_name, q.requester, q.received_on, q.identity_checked_on,
        q.identity_how, q.extension_reason, q.extended_at, q.recorded_at, l.name AS recorded_by,
        r.released_at, rl.name AS released_by, r.digest, q.person_id, p.full_name AS about
   FROM subject_access_requests q JOIN leads l ON l.id = q.recorded_by
   LEFT JOIN people p ON p.id = q.person_id
   LEFT JOIN sar_releases r ON r.sar_id = q.id LEFT JOIN leads rl ON rl.id = r.released_by";

pub(super) async fn request(conn: &mut Conn<'_>, id: i64) -> Result<Option<RequestRow>> {
    query_composed(format!("{REQUESTS} WHERE q.id = $1")).bind(id).fetch_optional(conn).await
}

pub(super) async fn for_case(conn: &mut Conn<'_>, case_id: i64) -> Result<Vec<RequestRow>> {
    query_composed(format!("{REQUESTS} WHERE q.case_id = $1 ORDER BY q.id DESC")).bind(case_id).fetch_all(conn).await
}

pub(super) async fn insert(conn: &mut Conn<'_>, case_id: i64, r: &NewRequest, lead: i64, at: &str) -> Result<i64> {
    query(
        "INSERT INTO subject_access_requests (case_id, requester_name, requester, received_on, identity_checked_on,
                                              identity_how, recorded_at, recorded_by, person_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(case_id)
    .bind(r.requester_name.as_str())
    .bind(r.requester)
    .bind(r.received_on)
    .bind(r.identity_checked_on)
    .bind(r.identity_how.as_str())
    .bind(at)
    .bind(lead)
    .bind(r.person_id)
    .one(conn)
    .await
}

pub(super) async fn identity(conn: &mut Conn<'_>, id: i64, on: NaiveDate, how: &str) -> Result<()> {
    query("UPDATE subject_access_requests SET identity_checked_on = $1, identity_how = $2 WHERE id = $3")
        .bind(on)
        .bind(how)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

pub(super) async fn extend(conn: &mut Conn<'_>, id: i64, reason: &str, at: &str) -> Result<()> {
    query("UPDATE subject_access_requests SET extension_reason = $1, extended_at = $2 WHERE id = $3")
        .bind(reason)
        .bind(at)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub(super) struct RedactionRow {
    pub id: i64,
    pub sar_id: i64,
    pub text: String,
    pub reason: Reason,
    pub added_by: String,
}

pub(super) async fn redactions(conn: &mut Conn<'_>, sar_ids: &[i64]) -> Result<Vec<RedactionRow>> {
    let mut out = Vec::new();
    for id in sar_ids {
        let rows: Vec<RedactionRow> = query(
            "SELECT x.id, x.sar_id, x.text, x.reason, l.name AS added_by FROM sar_redactions x
               JOIN leads l ON l.id = x.added_by WHERE x.sar_id = $1 ORDER BY x.id",
        )
        .bind(*id)
        .fetch_all(conn)
        .await?;
        out.extend(rows);
    }
    Ok(out)
}

pub(super) async fn add_redaction(conn: &mut Conn<'_>, sar_id: i64, r: &Redaction, lead: i64, at: &str) -> Result<i64> {
    query(
        "INSERT INTO sar_redactions (sar_id, text, reason, added_at, added_by) VALUES ($1, $2, $3, $4, $5)
         RETURNING id",
    )
    .bind(sar_id)
    .bind(r.text.as_str())
    .bind(r.reason)
    .bind(at)
    .bind(lead)
    .one(conn)
    .await
}

/// The redaction's request, if the redaction exists.
pub(super) async fn redaction_request(conn: &mut Conn<'_>, id: i64) -> Result<Option<i64>> {
    query("SELECT sar_id FROM sar_redactions WHERE id = $1").bind(id).scalar(conn).await
}

pub(super) async fn remove_redaction(conn: &mut Conn<'_>, id: i64) -> Result<()> {
    query("DELETE FROM sar_redactions WHERE id = $1").bind(id).execute(conn).await?;
    Ok(())
}

pub(super) async fn release(
    conn: &mut Conn<'_>,
    sar_id: i64,
    pdf: &[u8],
    digest: &str,
    lead: i64,
    at: &str,
) -> Result<()> {
    query("INSERT INTO sar_releases (sar_id, pdf, digest, released_at, released_by) VALUES ($1, $2, $3, $4, $5)")
        .bind(sar_id)
        .bind(pdf.to_vec())
        .bind(digest)
        .bind(at)
        .bind(lead)
        .execute(conn)
        .await?;
    Ok(())
}

pub(super) async fn released_pdf(conn: &mut Conn<'_>, sar_id: i64) -> Result<Option<Vec<u8>>> {
    query("SELECT pdf FROM sar_releases WHERE sar_id = $1").bind(sar_id).scalar(conn).await
}

/// Names a released copy may have to withhold: everyone in the case, the leads, and the staff
/// named in its concerns.
pub(super) async fn names(conn: &mut Conn<'_>, case_id: i64) -> Result<Vec<String>> {
    query(
        "SELECT p.full_name FROM case_people cp JOIN people p ON p.id = cp.person_id WHERE cp.case_id = $1
         UNION SELECT name FROM leads
         UNION SELECT worker_name FROM concerns WHERE case_id = $1 AND worker_name <> ''",
    )
    .bind(case_id)
    .scalars(conn)
    .await
}
