//! The attachments area's SQL: each file's bytes kept once under their SHA-256, the
//! attachments that point at them, and the children each concerns.

use chrono::NaiveDate;

use super::rules::{FileKind, NewAttachment};
use crate::Result;
use crate::clock::Stamp;
use crate::store::db::{Conn, query, query_composed};

/// Keeps the bytes under their hash, unless the same bytes are kept already.
pub(super) async fn put_blob(conn: &mut Conn<'_>, sha256: &str, bytes: &[u8]) -> Result<()> {
    query("INSERT INTO attachment_blobs (sha256, size, content) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING")
        .bind(sha256)
        .bind(i64::try_from(bytes.len()).unwrap_or(i64::MAX))
        .bind(bytes.to_vec())
        .execute(conn)
        .await?;
    Ok(())
}

/// Where an attachment hangs: its case (and entry or concern on it), enquiry or allegation.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Owner {
    pub case_id: Option<i64>,
    pub entry_id: Option<i64>,
    pub concern_id: Option<i64>,
    pub enquiry_id: Option<i64>,
    pub allegation_id: Option<i64>,
}

pub(super) struct Row<'a> {
    pub owner: Owner,
    pub sha256: &'a str,
    pub file_name: &'a str,
    pub kind: FileKind,
    pub meta: &'a NewAttachment,
    pub lead: i64,
    pub at: &'a str,
}

pub(super) async fn insert(conn: &mut Conn<'_>, r: &Row<'_>) -> Result<i64> {
    let id: i64 = query(
        "INSERT INTO attachments (case_id, entry_id, concern_id, enquiry_id, allegation_id, sha256, file_name, kind,
                                  title, document_on, came_from, added_at, added_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    )
    .bind(r.owner.case_id)
    .bind(r.owner.entry_id)
    .bind(r.owner.concern_id)
    .bind(r.owner.enquiry_id)
    .bind(r.owner.allegation_id)
    .bind(r.sha256)
    .bind(r.file_name)
    .bind(r.kind)
    .bind(r.meta.title.as_str())
    .bind(r.meta.document_on)
    .bind(r.meta.came_from.as_str())
    .bind(r.at)
    .bind(r.lead)
    .one(conn)
    .await?;
    for child in &r.meta.children {
        query("INSERT INTO attachment_children (attachment_id, person_id) VALUES ($1, $2)")
            .bind(id)
            .bind(*child)
            .execute(conn)
            .await?;
    }
    Ok(id)
}

/// The case an entry or a concern is on.
pub(super) async fn case_of_entry(conn: &mut Conn<'_>, entry_id: i64) -> Result<Option<i64>> {
    query("SELECT case_id FROM chronology_entries WHERE id = $1").bind(entry_id).scalar(conn).await
}

pub(super) async fn case_of_concern(conn: &mut Conn<'_>, concern_id: i64) -> Result<Option<i64>> {
    query("SELECT case_id FROM concerns WHERE id = $1").bind(concern_id).scalar(conn).await
}

pub(super) async fn enquiry_exists(conn: &mut Conn<'_>, id: i64) -> Result<bool> {
    Ok(query("SELECT count(*) FROM enquiries WHERE id = $1").bind(id).one::<i64>(conn).await? > 0)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub(super) struct AttachmentRow {
    pub id: i64,
    pub case_id: Option<i64>,
    pub entry_id: Option<i64>,
    pub concern_id: Option<i64>,
    pub allegation_id: Option<i64>,
    pub sha256: String,
    pub size: i64,
    pub file_name: String,
    pub kind: FileKind,
    pub title: String,
    pub document_on: Option<NaiveDate>,
    pub came_from: String,
    pub added_at: Stamp,
    pub added_by: String,
    pub withdrawn_at: Option<Stamp>,
    pub withdrawn_by: Option<String>,
    pub withdrawn_reason: String,
}

const ATTACHMENTS: &str = "SELECT a.id, a.case_id, a.entry_id, a.concern_id, a.allegation_id, a.sha256,
        b.size, a.file_name, a.kind, a.title, a.document_on, a.came_from, a.added_at, l.name AS added_by,
        a.withdrawn_at, w.name AS withdrawn_by, a.withdrawn_reason
   FROM attachments a JOIN attachment_blobs b ON b.sha256 = a.sha256 JOIN leads l ON l.id = a.added_by
   LEFT JOIN leads w ON w.id = a.withdrawn_by";

pub(super) async fn one(conn: &mut Conn<'_>, id: i64) -> Result<Option<AttachmentRow>> {
    query_composed(format!("{ATTACHMENTS} WHERE a.id = $1")).bind(id).fetch_optional(conn).await
}

/// A case's attachments (its own, its entries' and its concerns'), newest first.
pub(super) async fn of_case(conn: &mut Conn<'_>, case_id: i64) -> Result<Vec<AttachmentRow>> {
    query_composed(format!("{ATTACHMENTS} WHERE a.case_id = $1 ORDER BY a.id DESC")).bind(case_id).fetch_all(conn).await
}

pub(super) async fn of_enquiry(conn: &mut Conn<'_>, id: i64) -> Result<Vec<AttachmentRow>> {
    query_composed(format!("{ATTACHMENTS} WHERE a.enquiry_id = $1 ORDER BY a.id DESC")).bind(id).fetch_all(conn).await
}

pub(super) async fn of_allegation(conn: &mut Conn<'_>, id: i64) -> Result<Vec<AttachmentRow>> {
    query_composed(format!("{ATTACHMENTS} WHERE a.allegation_id = $1 ORDER BY a.id DESC"))
        .bind(id)
        .fetch_all(conn)
        .await
}

/// The children each of `ids` concerns: (attachment, person).
pub(super) async fn children(conn: &mut Conn<'_>, case_id: i64) -> Result<Vec<(i64, i64)>> {
    query(
        "SELECT c.attachment_id, c.person_id FROM attachment_children c JOIN attachments a ON a.id = c.attachment_id
          WHERE a.case_id = $1 ORDER BY c.attachment_id, c.person_id",
    )
    .bind(case_id)
    .fetch_all(conn)
    .await
}

pub(super) async fn content(conn: &mut Conn<'_>, sha256: &str) -> Result<Option<Vec<u8>>> {
    query("SELECT content FROM attachment_blobs WHERE sha256 = $1").bind(sha256).scalar(conn).await
}

pub(super) async fn withdraw(conn: &mut Conn<'_>, id: i64, reason: &str, lead: i64, at: &str) -> Result<()> {
    query("UPDATE attachments SET withdrawn_at = $1, withdrawn_by = $2, withdrawn_reason = $3 WHERE id = $4")
        .bind(at)
        .bind(lead)
        .bind(reason)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Whether the allegation exists, and which lead it is about, if one.
pub(super) async fn allegation_about(conn: &mut Conn<'_>, id: i64) -> Result<Option<Option<i64>>> {
    let row: Option<(Option<i64>,)> =
        query("SELECT about_lead_id FROM allegations WHERE id = $1").bind(id).fetch_optional(conn).await?;
    Ok(row.map(|(about,)| about))
}
