//! The file transfers' SQL: files sent with their receipt and chases, and files received.

use chrono::NaiveDate;

use super::rules::{Chase, NewTransfer, Receipt};
use super::{ChaseRow, OutgoingTransfer, ReceivedFile};
use crate::Result;
use crate::store::Store;
use crate::store::db::{Conn, query};
use crate::store::text::as_text;

/// A file sent, as the log keeps it.
pub(super) struct SentRow<'a> {
    pub case_id: i64,
    pub t: &'a NewTransfer,
    pub package_id: &'a str,
    pub due_on: NaiveDate,
    pub sent_on: NaiveDate,
    pub sections: &'a str,
    pub digest: &'a str,
    pub records: i64,
    pub lead_id: i64,
    pub at: &'a str,
}

pub(super) async fn insert_sent(conn: &mut Conn<'_>, r: &SentRow<'_>) -> Result<i64> {
    query(
        "INSERT INTO file_transfers (case_id, person_id, package_id, setting, dsl, contact, move_confirmed_on, due_on,
                                     sent_on, sent_how, sections, digest, records, made_at, made_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
    )
    .bind(r.case_id)
    .bind(r.t.child)
    .bind(r.package_id)
    .bind(&r.t.setting)
    .bind(&r.t.dsl)
    .bind(&r.t.contact)
    .bind(r.t.move_confirmed_on)
    .bind(r.due_on)
    .bind(r.sent_on)
    .bind(as_text(r.t.sent_how)?)
    .bind(r.sections)
    .bind(r.digest)
    .bind(r.records)
    .bind(r.at)
    .bind(r.lead_id)
    .one(conn)
    .await
}

/// Whether a file of the whole case (not of one child) went and its receipt is recorded.
pub(super) async fn whole_file_received(conn: &mut Conn<'_>, case_id: i64) -> Result<bool> {
    let n: i64 = query(
        "SELECT count(*) FROM file_transfers WHERE case_id = $1 AND person_id IS NULL AND receipt_on IS NOT NULL",
    )
    .bind(case_id)
    .one(conn)
    .await?;
    Ok(n > 0)
}

/// The transfer's case, when it was sent and whether its receipt is recorded.
pub(super) async fn case_sent_received(
    conn: &mut Conn<'_>,
    id: i64,
) -> Result<Option<(i64, NaiveDate, Option<NaiveDate>)>> {
    query("SELECT case_id, sent_on, receipt_on FROM file_transfers WHERE id = $1").bind(id).fetch_optional(conn).await
}

pub(super) async fn record_receipt(conn: &mut Conn<'_>, id: i64, r: &Receipt, lead_id: i64, at: &str) -> Result<()> {
    query(
        "UPDATE file_transfers SET receipt_on = $1, receipt_by = $2, receipt_recorded_at = $3, receipt_recorded_by = $4
         WHERE id = $5 AND receipt_on IS NULL",
    )
    .bind(r.received_on)
    .bind(&r.confirmed_by)
    .bind(at)
    .bind(lead_id)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

pub(super) async fn insert_chase(conn: &mut Conn<'_>, id: i64, c: &Chase, lead_id: i64, at: &str) -> Result<i64> {
    query(
        "INSERT INTO file_transfer_chases (transfer_id, chased_on, note, recorded_at, recorded_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(id)
    .bind(c.chased_on)
    .bind(&c.note)
    .bind(at)
    .bind(lead_id)
    .one(conn)
    .await
}

/// The log's query, with what follows its joins.
macro_rules! outgoing {
    ($rest:literal) => {
        concat!(
            "SELECT t.id, t.case_id, c.reference, p.full_name AS child, t.setting, t.dsl, t.contact,
        t.move_confirmed_on, t.due_on, t.sent_on, t.sent_how, t.sections AS sections_json, t.digest, t.records,
        t.made_at, l.name AS made_by, t.receipt_on, t.receipt_by
 FROM file_transfers t JOIN cases c ON c.id = t.case_id JOIN leads l ON l.id = t.made_by
 LEFT JOIN people p ON p.id = t.person_id ",
            $rest
        )
    };
}

/// A case's transfers, newest first.
pub(super) async fn for_case(store: &Store, case_id: i64) -> Result<Vec<OutgoingTransfer>> {
    query(outgoing!("WHERE t.case_id = $1 ORDER BY t.id DESC")).bind(case_id).fetch_all(&mut store.db()).await
}

/// Every transfer whose receipt is not recorded, by due date.
pub(super) async fn awaiting_receipt(store: &Store) -> Result<Vec<OutgoingTransfer>> {
    query(outgoing!("WHERE t.receipt_on IS NULL ORDER BY t.due_on, t.id")).fetch_all(&mut store.db()).await
}

/// The chases of the given transfers, oldest first.
pub(super) async fn chases(store: &Store, ids: &[i64]) -> Result<Vec<ChaseRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let all: Vec<ChaseRow> = query(
        "SELECT h.transfer_id, h.chased_on, h.note, h.recorded_at, l.name AS recorded_by
         FROM file_transfer_chases h JOIN leads l ON l.id = h.recorded_by ORDER BY h.chased_on, h.id",
    )
    .fetch_all(&mut store.db())
    .await?;
    Ok(all.into_iter().filter(|c| ids.contains(&c.transfer_id)).collect())
}

/// The case a package was received into, if it was.
pub(super) async fn received_as(conn: &mut Conn<'_>, package_id: &str) -> Result<Option<String>> {
    query("SELECT c.reference FROM received_files f JOIN cases c ON c.id = f.case_id WHERE f.package_id = $1")
        .bind(package_id)
        .scalar(conn)
        .await
}

/// A package received, kept as it arrived.
pub(super) struct ReceivedRow<'a> {
    pub case_id: i64,
    pub package_id: &'a str,
    pub from_organisation: &'a str,
    pub from_lead: &'a str,
    pub their_reference: &'a str,
    pub move_confirmed_on: NaiveDate,
    pub made_at: &'a str,
    pub digest: &'a str,
    pub body: &'a str,
    pub lead_id: i64,
    pub at: &'a str,
}

pub(super) async fn insert_received(conn: &mut Conn<'_>, r: &ReceivedRow<'_>) -> Result<i64> {
    query(
        "INSERT INTO received_files (case_id, package_id, from_organisation, from_lead, their_reference,
                                     move_confirmed_on, made_at, digest, body, received_at, received_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(r.case_id)
    .bind(r.package_id)
    .bind(r.from_organisation)
    .bind(r.from_lead)
    .bind(r.their_reference)
    .bind(r.move_confirmed_on)
    .bind(r.made_at)
    .bind(r.digest)
    .bind(r.body)
    .bind(r.at)
    .bind(r.lead_id)
    .one(conn)
    .await
}

/// The files a case was received with.
pub(super) async fn received_for_case(store: &Store, case_id: i64) -> Result<Vec<ReceivedFile>> {
    query(
        "SELECT f.id, f.from_organisation, f.from_lead, f.their_reference, f.move_confirmed_on, f.made_at, f.digest,
                f.received_at, l.name AS received_by
         FROM received_files f JOIN leads l ON l.id = f.received_by WHERE f.case_id = $1 ORDER BY f.id",
    )
    .bind(case_id)
    .fetch_all(&mut store.db())
    .await
}

/// What a received file held, as it arrived.
pub(super) async fn received_body(store: &Store, id: i64) -> Result<Option<String>> {
    query("SELECT body FROM received_files WHERE id = $1").bind(id).scalar(&mut store.db()).await
}

/// The transfers sent in a period, oldest first.
pub(super) async fn sent_between(store: &Store, from: NaiveDate, to: NaiveDate) -> Result<Vec<OutgoingTransfer>> {
    query(outgoing!("WHERE t.sent_on >= $1 AND t.sent_on <= $2 ORDER BY t.sent_on, t.id"))
        .bind(from)
        .bind(to)
        .fetch_all(&mut store.db())
        .await
}

/// The files received in a period (by the day they were received), oldest first, with the
/// case each became.
pub(super) async fn received_between(store: &Store, from: &str, to: &str) -> Result<Vec<(String, ReceivedFile)>> {
    let rows: Vec<ReceivedInCase> = query(
        "SELECT c.reference, f.id, f.from_organisation, f.from_lead, f.their_reference, f.move_confirmed_on, f.made_at,
                f.digest, f.received_at, l.name AS received_by
         FROM received_files f JOIN cases c ON c.id = f.case_id JOIN leads l ON l.id = f.received_by
         WHERE f.received_at >= $1 AND f.received_at < $2 ORDER BY f.received_at, f.id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(&mut store.db())
    .await?;
    Ok(rows.into_iter().map(|r| (r.reference, r.file)).collect())
}

#[derive(sqlx::FromRow)]
struct ReceivedInCase {
    reference: String,
    #[sqlx(flatten)]
    file: ReceivedFile,
}
