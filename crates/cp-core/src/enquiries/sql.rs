//! The enquiries area's SQL: the `enquiries` table, and the plan addresses an enquiry is
//! checked against.

use chrono::{DateTime, NaiveDate, Utc};

use super::rules::{Enquirer, EnquiryAnswer};
use super::{EnquiryFilter, EnquiryRow};
use crate::Result;
use crate::clock::stamp;
use crate::domain::calendar::uk_today;
use crate::store::Store;
use crate::store::db::{Conn, query, query_composed};
use crate::store::text::as_text;

/// The SQL form of `rules::needs_passing_on`, for the list's column and its filter; the rule
/// itself is the rules'.
macro_rules! needs_passing_on_sql {
    () => {
        "(q.case_id IS NOT NULL OR q.answered IS TRUE OR q.same_address_case_id IS NOT NULL)"
    };
}
const NEEDS_PASSING_ON: &str = needs_passing_on_sql!();

const SELECT: &str = concat!(
    "SELECT q.id, q.received_at, q.recorded_at, q.enquired_on, l.name AS lead, q.enquirer_name, q.enquirer_organisation,
        q.enquirer_role, q.enquirer_contact, q.identity_check, q.identity_detail, q.subject_name, q.about_adult,
        c.reference AS case_reference, q.answered, q.what_shared, q.social_worker_name_given,
        s.reference AS same_address_reference, q.same_address_social_worker, q.completed_at, q.informed_on,
        ps.reference AS possible_same_address_reference, q.possible_same_address_answer, ",
    needs_passing_on_sql!(),
    " AS needs_passing_on, q.closed_nothing_to_pass_on_at
 FROM enquiries q JOIN leads l ON l.id = q.lead_id LEFT JOIN cases c ON c.id = q.case_id
 LEFT JOIN cases s ON s.id = q.same_address_case_id LEFT JOIN cases ps ON ps.id = q.possible_same_address_case_id"
);

/// The enquiry, read on the pool or inside a write (which then sees it as the write leaves it).
pub(super) async fn get(db: &mut Conn<'_>, id: i64) -> Result<Option<EnquiryRow>> {
    query_composed(format!("{SELECT} WHERE q.id = $1")).bind(id).fetch_optional(db).await
}

pub(super) async fn insert(
    conn: &mut Conn<'_>,
    lead_id: i64,
    e: &Enquirer,
    received: DateTime<Utc>,
    at: &str,
) -> Result<i64> {
    query(
        "INSERT INTO enquiries (lead_id, received_at, recorded_at, enquired_on, enquirer_name, enquirer_organisation,
                                enquirer_role, enquirer_contact, identity_check, identity_detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(lead_id)
    .bind(stamp(received))
    .bind(at)
    .bind(uk_today(received))
    .bind(&e.name)
    .bind(&e.organisation)
    .bind(&e.role)
    .bind(&e.contact)
    .bind(as_text(e.identity_check)?)
    .bind(&e.identity_detail)
    .one(conn)
    .await
}

/// A case on a running child protection plan, with its address, as a same-address candidate.
pub(super) struct PlanCase {
    pub case_id: i64,
    pub reference: String,
    pub address_line1: String,
    pub postcode: String,
    pub social_worker: String,
}

/// The cases not archived with a running child protection plan at `postcode`.
pub(super) async fn plan_cases_at(store: &Store, postcode: &str) -> Result<Vec<PlanCase>> {
    let rows: Vec<(i64, String, String, String, String)> = query(
        "SELECT DISTINCT c.id, c.reference, c.address_line1, c.postcode, c.social_worker_name FROM cases c
         JOIN plans pl ON pl.case_id = c.id
         WHERE pl.kind = 'child_protection_plan' AND pl.end_on IS NULL AND c.status <> 'archived' AND c.postcode = $1
         ORDER BY c.id",
    )
    .bind(postcode)
    .fetch_all(&mut store.db())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(case_id, reference, address_line1, postcode, social_worker)| PlanCase {
            case_id,
            reference,
            address_line1,
            postcode,
            social_worker,
        })
        .collect())
}

/// What was asked about and shared, the same-address flag (case and social worker) and a
/// possible same address with the lead's answer.
pub(super) async fn complete(
    conn: &mut Conn<'_>,
    id: i64,
    a: &EnquiryAnswer,
    flag: Option<&(i64, String)>,
    possible: Option<(i64, bool)>,
    at: &str,
) -> Result<()> {
    query(
        "UPDATE enquiries SET subject_name = $1, about_adult = $2, subject_address_line1 = $3, subject_postcode = $4,
                case_id = $5, answered = $6, what_shared = $7, social_worker_name_given = $8, same_address_case_id = $9,
                same_address_social_worker = $10, completed_at = $11, possible_same_address_case_id = $12,
                possible_same_address_answer = $13
         WHERE id = $14",
    )
    .bind(&a.subject_name)
    .bind(a.about_adult)
    .bind(&a.subject_address_line1)
    .bind(&a.subject_postcode)
    .bind(a.case_id)
    .bind(a.answered)
    .bind(&a.what_shared)
    .bind(a.social_worker_name_given)
    .bind(flag.map(|f| f.0))
    .bind(flag.map(|f| f.1.clone()))
    .bind(at)
    .bind(possible.map(|p| p.0))
    .bind(possible.map(|p| if p.1 { "same" } else { "different" }))
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

pub(super) async fn set_informed(conn: &mut Conn<'_>, id: i64, on: NaiveDate, lead_id: i64) -> Result<()> {
    query("UPDATE enquiries SET informed_on = $1, informed_by = $2 WHERE id = $3")
        .bind(on)
        .bind(lead_id)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

pub(super) async fn set_closed(conn: &mut Conn<'_>, id: i64, lead_id: i64, at: &str) -> Result<()> {
    query("UPDATE enquiries SET closed_nothing_to_pass_on_at = $1, closed_by = $2 WHERE id = $3")
        .bind(at)
        .bind(lead_id)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

pub(super) async fn list(store: &Store, f: &EnquiryFilter) -> Result<Vec<EnquiryRow>> {
    let organisation = f.organisation.trim().to_lowercase();
    query_composed(format!(
        "{SELECT} WHERE ($1 IS NULL OR q.enquired_on >= $1) AND ($2 IS NULL OR q.enquired_on <= $2)
           AND ($3 = '' OR lower(q.enquirer_organisation) LIKE $4 ESCAPE '\\')
           AND (NOT $5 OR (q.completed_at IS NOT NULL AND q.informed_on IS NULL
                           AND q.closed_nothing_to_pass_on_at IS NULL AND {NEEDS_PASSING_ON}))
         ORDER BY q.received_at DESC, q.id DESC"
    ))
    .bind(f.from)
    .bind(f.to)
    .bind(&organisation)
    .bind(crate::store::text::contains_pattern(&organisation))
    .bind(f.outstanding)
    .fetch_all(&mut store.db())
    .await
}
