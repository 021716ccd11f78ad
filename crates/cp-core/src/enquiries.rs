//! Enquiries: the enquirer first, then the search, what was shared and the same-address flag,
//! then the task of telling the lead social worker. Each step is audited; none is undone.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::FromRow;
use ts_rs::TS;

use crate::audit::{self, Action, Actor, Entry};
use crate::cases::as_text;
use crate::clock::stamp;
use crate::domain::calendar::uk_today;
use crate::domain::chronology::{EntryKind, NewEntry};
use crate::domain::enquiry::{
    Enquirer, EnquiryAnswer, IdentityCheck, address_key, check_answer, check_enquirer, check_informed,
};
use crate::domain::search::CaseQuery;
use crate::search::CaseSearch;
use crate::store::{Store, db_error};
use crate::{Error, ErrorCode, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct EnquiryRow {
    #[ts(type = "number")]
    pub id: i64,
    pub received_at: String,
    pub enquired_on: String,
    pub lead: String,
    pub enquirer_name: String,
    pub enquirer_organisation: String,
    pub enquirer_role: String,
    pub enquirer_contact: String,
    pub identity_check: String,
    pub identity_detail: String,
    pub subject_name: Option<String>,
    pub about_adult: Option<bool>,
    pub case_reference: Option<String>,
    pub answered: Option<bool>,
    pub what_shared: Option<String>,
    pub social_worker_name_given: Option<bool>,
    pub same_address_reference: Option<String>,
    pub same_address_social_worker: Option<String>,
    pub completed_at: Option<String>,
    pub informed_on: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct EnquiryFilter {
    #[ts(type = "string | null")]
    pub from: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub to: Option<NaiveDate>,
    pub organisation: String,
    /// Only enquiries whose lead social worker has not been told yet.
    pub outstanding: bool,
}

const SELECT: &str =
    "SELECT q.id, q.received_at, q.enquired_on, l.name AS lead, q.enquirer_name, q.enquirer_organisation,
        q.enquirer_role, q.enquirer_contact, q.identity_check, q.identity_detail, q.subject_name, q.about_adult,
        c.reference AS case_reference, q.answered, q.what_shared, q.social_worker_name_given,
        s.reference AS same_address_reference, q.same_address_social_worker, q.completed_at, q.informed_on
 FROM enquiries q JOIN leads l ON l.id = q.lead_id LEFT JOIN cases c ON c.id = q.case_id
 LEFT JOIN cases s ON s.id = q.same_address_case_id";

pub async fn get(store: &Store, id: i64) -> Result<EnquiryRow> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE q.id = ?")))
        .bind(id)
        .fetch_optional(store.pool())
        .await
        .map_err(db_error)?
        .ok_or_else(|| Error::new(ErrorCode::NotFound, "That enquiry does not exist."))
}

/// Step one: who is asking. Nothing about any case is shown before this is recorded.
pub async fn start(store: &Store, lead_id: i64, enquirer: &Enquirer, now: DateTime<Utc>) -> Result<i64> {
    let e = check_enquirer(enquirer)?;
    let at = stamp(now);
    let mut tx = store.begin_write().await?;
    let id = sqlx::query(
        "INSERT INTO enquiries (lead_id, received_at, enquired_on, enquirer_name, enquirer_organisation, enquirer_role,
                                enquirer_contact, identity_check, identity_detail)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(lead_id)
    .bind(&at)
    .bind(uk_today(now).to_string())
    .bind(&e.name)
    .bind(&e.organisation)
    .bind(&e.role)
    .bind(&e.contact)
    .bind(as_text(e.identity_check)?)
    .bind(&e.identity_detail)
    .execute(&mut *tx)
    .await
    .map_err(db_error)?
    .last_insert_rowid();
    audit::append(&mut tx, Entry::new(at, Actor::Lead(lead_id), Action::EnquiryStarted).record("enquiry", id)).await?;
    tx.commit().await.map_err(db_error)?;
    Ok(id)
}

/// Step two's search, open only inside an enquiry whose enquirer is recorded.
pub async fn search(store: &Store, enquiry_id: i64, text: &str) -> Result<CaseSearch> {
    let row = get(store, enquiry_id).await?;
    if row.completed_at.is_some() {
        return Err(Error::invalid("This enquiry is already recorded."));
    }
    crate::search::search(
        store,
        &CaseQuery { text: text.to_owned(), status: crate::domain::search::StatusFilter::All, ..CaseQuery::default() },
    )
    .await
}

/// The case whose child on a running child protection plan lives at this address, if any,
/// with that child's lead social worker.
async fn same_address(store: &Store, line1: &str, postcode: &str) -> Result<Option<(i64, String)>> {
    let Some(key) = address_key(line1, postcode) else { return Ok(None) };
    let candidates: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT DISTINCT c.id, c.address_line1, c.postcode, c.social_worker_name FROM cases c
         JOIN plans pl ON pl.case_id = c.id
         WHERE pl.kind = 'child_protection_plan' AND pl.end_on IS NULL AND c.status <> 'archived' AND c.postcode = ?",
    )
    .bind(&key.0)
    .fetch_all(store.pool())
    .await
    .map_err(db_error)?;
    Ok(candidates
        .into_iter()
        .find(|(_, l, p, _)| address_key(l, p).as_ref() == Some(&key))
        .map(|(id, _, _, sw)| (id, sw)))
}

/// Step two: what was asked about and what was shared. Flags a same-address child on a
/// plan; an enquiry about a case is added to its chronology.
pub async fn complete(
    store: &Store,
    lead_id: i64,
    id: i64,
    answer: &EnquiryAnswer,
    now: DateTime<Utc>,
) -> Result<EnquiryRow> {
    let row = get(store, id).await?;
    if row.completed_at.is_some() {
        return Err(Error::invalid("This enquiry is already recorded."));
    }
    let anonymous = row.identity_check == as_text(IdentityCheck::Anonymous)?;
    let a = check_answer(answer, anonymous)?;
    let flag = same_address(store, &a.subject_address_line1, &a.subject_postcode).await?;
    if let Some(case_id) = a.case_id {
        crate::cases::summary(store, case_id).await?;
    }
    let at = stamp(now);
    let mut tx = store.begin_write().await?;
    sqlx::query(
        "UPDATE enquiries SET subject_name = ?, about_adult = ?, subject_address_line1 = ?, subject_postcode = ?,
                case_id = ?, answered = ?, what_shared = ?, social_worker_name_given = ?, same_address_case_id = ?,
                same_address_social_worker = ?, completed_at = ?
         WHERE id = ?",
    )
    .bind(&a.subject_name)
    .bind(a.about_adult)
    .bind(&a.subject_address_line1)
    .bind(&a.subject_postcode)
    .bind(a.case_id)
    .bind(a.answered)
    .bind(&a.what_shared)
    .bind(a.social_worker_name_given)
    .bind(flag.as_ref().map(|f| f.0))
    .bind(flag.as_ref().map(|f| f.1.clone()))
    .bind(&at)
    .bind(id)
    .execute(&mut *tx)
    .await
    .map_err(db_error)?;
    audit::append(&mut tx, Entry::new(at, Actor::Lead(lead_id), Action::EnquiryRecorded).record("enquiry", id)).await?;
    tx.commit().await.map_err(db_error)?;
    if let Some(case_id) = a.case_id {
        let summary = format!(
            "Enquiry from {} ({}): {}",
            if row.enquirer_organisation.is_empty() {
                "an anonymous enquirer"
            } else {
                row.enquirer_organisation.as_str()
            },
            if row.enquirer_name.is_empty() { "name not given" } else { row.enquirer_name.as_str() },
            if a.answered { "information shared" } else { "nothing shared" },
        );
        let entry = NewEntry {
            event_on: uk_today(now),
            event_time: None,
            kind: EntryKind::Enquiry,
            info_source: if row.enquirer_organisation.is_empty() {
                "Anonymous".into()
            } else {
                row.enquirer_organisation.clone()
            },
            children: vec![],
            summary: summary.chars().take(200).collect(),
            detail: a.what_shared.clone(),
            action_required: "Inform the lead social worker of this enquiry".into(),
        };
        // An archived case keeps its record as it was; the enquiry itself is still kept.
        let _ = crate::chronology::add_entry(store, lead_id, case_id, &entry, now).await;
    }
    get(store, id).await
}

/// The lead social worker was told of the enquiry on `on`.
pub async fn informed(store: &Store, lead_id: i64, id: i64, on: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    let row = get(store, id).await?;
    if row.informed_on.is_some() {
        return Err(Error::invalid("The lead social worker was already recorded as told."));
    }
    let enquired = row.enquired_on.parse().map_err(|_| Error::internal("A stored date is damaged."))?;
    check_informed(on, enquired, uk_today(now))?;
    let at = stamp(now);
    let mut tx = store.begin_write().await?;
    sqlx::query("UPDATE enquiries SET informed_on = ?, informed_by = ? WHERE id = ?")
        .bind(on.to_string())
        .bind(lead_id)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    audit::append(&mut tx, Entry::new(at, Actor::Lead(lead_id), Action::EnquiryInformed).record("enquiry", id)).await?;
    tx.commit().await.map_err(db_error)
}

/// Enquiries newest first, filtered.
pub async fn list(store: &Store, f: &EnquiryFilter) -> Result<Vec<EnquiryRow>> {
    let organisation = f.organisation.trim().to_lowercase();
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE (?1 IS NULL OR q.enquired_on >= ?1) AND (?2 IS NULL OR q.enquired_on <= ?2)
           AND (?3 = '' OR lower(q.enquirer_organisation) LIKE ?4 ESCAPE '\\')
           AND (?5 = 0 OR (q.completed_at IS NOT NULL AND q.informed_on IS NULL))
         ORDER BY q.received_at DESC, q.id DESC"
    )))
    .bind(f.from.map(|d| d.to_string()))
    .bind(f.to.map(|d| d.to_string()))
    .bind(&organisation)
    .bind(crate::search::contains_pattern(&organisation))
    .bind(f.outstanding)
    .fetch_all(store.pool())
    .await
    .map_err(db_error)
}
