//! Enquiries: the enquirer first, then the search, what was shared and the same-address flag,
//! then the task of telling the lead social worker. Each step is audited; none is undone.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::FromRow;
use ts_rs::TS;

use crate::audit::{self, Action, Actor, Entry};
use crate::clock::stamp;
use crate::domain::address::{Address, Match};
use crate::domain::calendar::uk_today;
use crate::domain::chronology::{EntryKind, NewEntry};
use crate::domain::enquiry::{
    Enquirer, EnquiryAnswer, IdentityCheck, check_answer, check_enquirer, check_informed, needs_passing_on,
};
use crate::domain::search::CaseQuery;
use crate::search::CaseSearch;
use crate::store::text::as_text;
use crate::store::{Store, db_error};
use crate::{Error, ErrorCode, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct EnquiryRow {
    #[ts(type = "number")]
    pub id: i64,
    /// When the enquiry came in, as the lead recorded it.
    pub received_at: String,
    /// When the lead recorded it.
    pub recorded_at: Option<String>,
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
    /// A possible same address the lead was asked about, and their answer ("same", "different").
    pub possible_same_address_reference: Option<String>,
    pub possible_same_address_answer: Option<String>,
    /// Something to tell a lead social worker: the enquiry concerns a case, something was
    /// shared, or it is flagged.
    pub needs_passing_on: bool,
    /// Closed with nothing to pass on.
    pub closed_nothing_to_pass_on_at: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct EnquiryFilter {
    #[ts(type = "string | null")]
    pub from: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub to: Option<NaiveDate>,
    pub organisation: String,
    /// Only enquiries with something to pass on whose lead social worker has not been told yet.
    pub outstanding: bool,
}

/// The SQL form of `needs_passing_on`, for the list's column and its filter; the rule itself is
/// the domain's.
macro_rules! needs_passing_on_sql {
    () => {
        "(q.case_id IS NOT NULL OR coalesce(q.answered, 0) = 1 OR q.same_address_case_id IS NOT NULL)"
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

pub async fn get(store: &Store, id: i64) -> Result<EnquiryRow> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE q.id = ?")))
        .bind(id)
        .fetch_optional(store.pool())
        .await?
        .ok_or_else(|| Error::new(ErrorCode::NotFound, "That enquiry does not exist."))
}

/// Step one: who is asking. Nothing about any case is shown before this is recorded.
pub async fn start(store: &Store, lead_id: i64, enquirer: &Enquirer, now: DateTime<Utc>) -> Result<i64> {
    let (e, received) = check_enquirer(enquirer, now)?;
    let at = stamp(now);
    let mut tx = store.begin_write().await?;
    let id = sqlx::query(
        "INSERT INTO enquiries (lead_id, received_at, recorded_at, enquired_on, enquirer_name, enquirer_organisation,
                                enquirer_role, enquirer_contact, identity_check, identity_detail)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(lead_id)
    .bind(stamp(received))
    .bind(&at)
    .bind(uk_today(received).to_string())
    .bind(&e.name)
    .bind(&e.organisation)
    .bind(&e.role)
    .bind(&e.contact)
    .bind(as_text(e.identity_check)?)
    .bind(&e.identity_detail)
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    audit::append(&mut tx, Entry::new(at, Actor::Lead(lead_id), Action::EnquiryStarted).record("enquiry", id)).await?;
    tx.commit().await?;
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

/// An address asked about that is, or may be, where a child on a running child protection plan
/// lives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlanAddress {
    #[ts(type = "number")]
    pub case_id: i64,
    pub reference: String,
    pub address_line1: String,
    pub postcode: String,
    /// Only possibly the same (same postcode and house number, or another flat of the
    /// building): the lead must say whether it is before the enquiry is recorded.
    pub possible: bool,
    #[serde(skip)]
    pub social_worker: String,
}

/// The plan child's address this one matches: the same one first, else a possible one.
async fn plan_address(store: &Store, line1: &str, postcode: &str) -> Result<Option<PlanAddress>> {
    let Some(asked) = Address::new(line1, postcode) else { return Ok(None) };
    if !asked.has_line() {
        return Ok(None);
    }
    let candidates: Vec<(i64, String, String, String, String)> = sqlx::query_as(
        "SELECT DISTINCT c.id, c.reference, c.address_line1, c.postcode, c.social_worker_name FROM cases c
         JOIN plans pl ON pl.case_id = c.id
         WHERE pl.kind = 'child_protection_plan' AND pl.end_on IS NULL AND c.status <> 'archived' AND c.postcode = ?
         ORDER BY c.id",
    )
    .bind(&asked.postcode)
    .fetch_all(store.pool())
    .await?;
    let mut found: Option<PlanAddress> = None;
    for (case_id, reference, address_line1, postcode, social_worker) in candidates {
        let m = Address::new(&address_line1, &postcode).map_or(Match::Different, |a| asked.compare(&a));
        let possible = match m {
            Match::Same => false,
            Match::Possible => true,
            Match::Different => continue,
        };
        if found.as_ref().is_none_or(|f| f.possible && !possible) {
            found = Some(PlanAddress { case_id, reference, address_line1, postcode, possible, social_worker });
        }
    }
    Ok(found)
}

/// Whether the address asked about in an open enquiry is, or may be, a plan child's: the
/// screen asks the lead about a possible one before the enquiry can be recorded.
pub async fn check_address(store: &Store, enquiry_id: i64, line1: &str, postcode: &str) -> Result<Option<PlanAddress>> {
    let row = get(store, enquiry_id).await?;
    if row.completed_at.is_some() {
        return Err(Error::invalid("This enquiry is already recorded."));
    }
    plan_address(store, line1, postcode).await
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
    let found = plan_address(store, &a.subject_address_line1, &a.subject_postcode).await?;
    // A possible same address is the lead's to answer; the answer is kept either way.
    let (flag, possible) = match &found {
        Some(p) if !p.possible => (Some((p.case_id, p.social_worker.clone())), None),
        Some(p) => match a.same_address_answer.filter(|ans| ans.case_id == p.case_id) {
            Some(ans) => (ans.same.then(|| (p.case_id, p.social_worker.clone())), Some((p.case_id, ans.same))),
            None => {
                return Err(Error::fields(vec![crate::FieldError::new(
                    "sameAddressAnswer",
                    "This address may be where a child on a child protection plan lives: say whether it is the same address",
                )]));
            }
        },
        None => (None, None),
    };
    if let Some(case_id) = a.case_id {
        crate::cases::summary(store, case_id).await?;
    }
    let at = stamp(now);
    let mut tx = store.begin_write().await?;
    sqlx::query(
        "UPDATE enquiries SET subject_name = ?, about_adult = ?, subject_address_line1 = ?, subject_postcode = ?,
                case_id = ?, answered = ?, what_shared = ?, social_worker_name_given = ?, same_address_case_id = ?,
                same_address_social_worker = ?, completed_at = ?, possible_same_address_case_id = ?,
                possible_same_address_answer = ?
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
    .bind(possible.map(|p| p.0))
    .bind(possible.map(|p| if p.1 { "same" } else { "different" }))
    .bind(id)
    .execute(&mut *tx)
    .await?;
    audit::append(&mut tx, Entry::new(at, Actor::Lead(lead_id), Action::EnquiryRecorded).record("enquiry", id)).await?;
    tx.commit().await?;
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
    if row.closed_nothing_to_pass_on_at.is_some() {
        return Err(Error::invalid("This enquiry was closed with nothing to pass on."));
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
        .await?;
    audit::append(&mut tx, Entry::new(at, Actor::Lead(lead_id), Action::EnquiryInformed).record("enquiry", id)).await?;
    Ok(tx.commit().await?)
}

/// Closes a recorded enquiry that has nothing to pass on to a lead social worker, so it no
/// longer waits on the dashboard for a step that does not apply.
pub async fn close_nothing_to_pass_on(store: &Store, lead_id: i64, id: i64, now: DateTime<Utc>) -> Result<()> {
    let row = get(store, id).await?;
    if row.completed_at.is_none() {
        return Err(Error::invalid("Record what the enquiry was about first."));
    }
    if row.closed_nothing_to_pass_on_at.is_some() {
        return Err(Error::invalid("This enquiry is already closed."));
    }
    let flagged = row.same_address_reference.is_some();
    if needs_passing_on(row.case_reference.is_some(), row.answered == Some(true), flagged) {
        return Err(Error::invalid(
            "This enquiry has something to pass on to the lead social worker: record when they were told instead.",
        ));
    }
    let at = stamp(now);
    let mut tx = store.begin_write().await?;
    sqlx::query("UPDATE enquiries SET closed_nothing_to_pass_on_at = ?, closed_by = ? WHERE id = ?")
        .bind(&at)
        .bind(lead_id)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit::append(&mut tx, Entry::new(at, Actor::Lead(lead_id), Action::EnquiryClosed).record("enquiry", id)).await?;
    Ok(tx.commit().await?)
}

/// Enquiries newest first, filtered.
pub async fn list(store: &Store, f: &EnquiryFilter) -> Result<Vec<EnquiryRow>> {
    let organisation = f.organisation.trim().to_lowercase();
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE (?1 IS NULL OR q.enquired_on >= ?1) AND (?2 IS NULL OR q.enquired_on <= ?2)
           AND (?3 = '' OR lower(q.enquirer_organisation) LIKE ?4 ESCAPE '\\')
           AND (?5 = 0 OR (q.completed_at IS NOT NULL AND q.informed_on IS NULL
                            AND q.closed_nothing_to_pass_on_at IS NULL AND {NEEDS_PASSING_ON}))
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
