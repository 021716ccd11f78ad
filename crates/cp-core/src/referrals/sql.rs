//! The referrals' SQL.

use chrono::NaiveDate;

use super::rules::{Agency, StepKind};
use super::{Referral, ReferralRow};
use crate::Result;
use crate::store::Store;
use crate::store::db::{Conn, query};
use crate::store::text::as_text;

macro_rules! referral_from {
    () => {
        "r.id, r.case_id, r.agency, r.referred, r.by_phone, r.made_on, r.made_to, r.reasons, r.confirmed_on,
         r.acknowledged_on, r.decision, r.decided_on, r.recorded_at, l.name AS recorded_by, c.nation
         FROM case_referrals r JOIN leads l ON l.id = r.recorded_by JOIN cases c ON c.id = r.case_id"
    };
}

/// What a referral row holds, as `insert` takes it.
pub(super) struct Made<'a> {
    pub case_id: i64,
    pub entry_id: Option<i64>,
    pub agency: Agency,
    pub referred: bool,
    pub by_phone: bool,
    pub made_on: NaiveDate,
    pub made_to: &'a str,
    pub reasons: &'a str,
}

pub(super) async fn insert(conn: &mut Conn<'_>, r: &Made<'_>, lead_id: i64, at: &str) -> Result<i64> {
    query(
        "INSERT INTO case_referrals (case_id, entry_id, agency, referred, by_phone, made_on, made_to, reasons,
                                     recorded_at, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(r.case_id)
    .bind(r.entry_id)
    .bind(as_text(r.agency)?)
    .bind(r.referred)
    .bind(r.by_phone)
    .bind(r.made_on)
    .bind(r.made_to)
    .bind(r.reasons)
    .bind(at)
    .bind(lead_id)
    .one(conn)
    .await
}

/// The referral as a step finds it, read inside the step's write.
pub(super) async fn find_in(conn: &mut Conn<'_>, id: i64) -> Result<Option<Referral>> {
    query(concat!("SELECT ", referral_from!(), " WHERE r.id = $1")).bind(id).fetch_optional(conn).await
}

pub(super) async fn take_step(
    conn: &mut Conn<'_>,
    id: i64,
    step: StepKind,
    on: NaiveDate,
    decision: &str,
) -> Result<()> {
    let sql = match step {
        StepKind::Confirmed => "UPDATE case_referrals SET confirmed_on = $1 WHERE id = $2 AND confirmed_on IS NULL",
        StepKind::Acknowledged => {
            "UPDATE case_referrals SET acknowledged_on = $1 WHERE id = $2 AND acknowledged_on IS NULL"
        }
        StepKind::Decided => {
            "UPDATE case_referrals SET decided_on = $1, decision = $3 WHERE id = $2 AND decided_on IS NULL"
        }
    };
    let q = query(sql).bind(on).bind(id);
    let q = if step == StepKind::Decided { q.bind(decision) } else { q };
    q.execute(conn).await?;
    Ok(())
}

/// A case's referrals and decisions not to refer, newest first.
pub(super) async fn for_case(store: &Store, case_id: i64) -> Result<Vec<Referral>> {
    query(concat!("SELECT ", referral_from!(), " WHERE r.case_id = $1 ORDER BY r.made_on DESC, r.id DESC"))
        .bind(case_id)
        .fetch_all(&mut store.db())
        .await
}

/// Referrals made with no decision received yet, oldest first, on cases not archived.
pub(super) async fn awaiting(store: &Store) -> Result<Vec<ReferralRow>> {
    query(concat!(
        "SELECT c.reference, ",
        referral_from!(),
        " WHERE r.referred = TRUE AND r.decided_on IS NULL AND c.status <> 'archived' ORDER BY r.made_on, r.id"
    ))
    .fetch_all(&mut store.db())
    .await
}
