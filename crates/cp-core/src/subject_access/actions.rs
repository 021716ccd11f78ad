//! A request's steps through the one write path, and reading requests back.

use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest, Sha256};

use super::rules::{self, NewRequest, Redaction, check_extension, check_redaction, check_request};
use super::{RedactionMade, SubjectAccess, sql};
use crate::audit::{Action, Actor};
use crate::domain::calendar::uk_today;
use crate::store::Store;
use crate::store::db::Conn;
use crate::write::{self, ChangeKind, Write};
use crate::{Error, ErrorCode, FieldError, Result};

fn not_found() -> Error {
    Error::new(ErrorCode::NotFound, "That subject access request does not exist.")
}

/// The request, refused once its copy is released (nothing about it changes then).
async fn open_request(w: &mut Write, id: i64) -> Result<sql::RequestRow> {
    let r = sql::request(&mut w.sql(), id).await?.ok_or_else(not_found)?;
    if r.released_at.is_some() {
        return Err(Error::invalid("This request's copy has been released, so the request is complete."));
    }
    w.case_for_rule(r.case_id).await?;
    Ok(r)
}

pub async fn record_request(
    store: &Store,
    lead_id: i64,
    case_id: i64,
    new: &NewRequest,
    now: DateTime<Utc>,
) -> Result<i64> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let new = check_request(new, uk_today(w.now()))?;
        w.case_for_rule(case_id).await?;
        if let Some(child) = new.person_id
            && !crate::people::sql::children_of(&mut w.sql(), case_id).await?.contains(&child)
        {
            return Err(Error::fields(vec![FieldError::new(
                "sarAbout",
                "Choose a child of this case, or the whole family",
            )]));
        }
        let at = w.at().to_owned();
        let id = sql::insert(&mut w.sql(), case_id, &new, lead_id, &at).await?;
        w.changed(case_id, ChangeKind::SubjectAccessStep, "Subject access request recorded").await?;
        w.audit(Action::SubjectAccessStep, "subject_access_request", id).await?;
        Ok(id)
    })
    .await
}

pub async fn confirm_identity(
    store: &Store,
    lead_id: i64,
    id: i64,
    on: NaiveDate,
    how: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let r = open_request(w, id).await?;
        if r.identity_checked_on.is_some() {
            return Err(Error::invalid("Their identity is already recorded as checked."));
        }
        let typed = NewRequest {
            requester_name: r.requester_name.clone(),
            requester: r.requester,
            person_id: r.person_id,
            received_on: r.received_on,
            identity_checked_on: Some(on),
            identity_how: how.to_owned(),
        };
        let checked = check_request(&typed, uk_today(w.now()))?;
        sql::identity(&mut w.sql(), id, on, &checked.identity_how).await?;
        w.changed(r.case_id, ChangeKind::SubjectAccessStep, "Requester's identity checked").await?;
        w.audit(Action::SubjectAccessStep, "subject_access_request", id).await
    })
    .await
}

pub async fn extend(store: &Store, lead_id: i64, id: i64, reason: &str, now: DateTime<Utc>) -> Result<()> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let r = open_request(w, id).await?;
        if r.extended_at.is_some() {
            return Err(Error::invalid("This request has already been extended: it can be, once, by two months."));
        }
        let reason = check_extension(reason)?;
        let at = w.at().to_owned();
        sql::extend(&mut w.sql(), id, &reason, &at).await?;
        w.changed(r.case_id, ChangeKind::SubjectAccessStep, "Subject access request extended by two months").await?;
        w.audit(Action::SubjectAccessStep, "subject_access_request", id).await
    })
    .await
}

pub async fn add_redaction(store: &Store, lead_id: i64, sar_id: i64, r: &Redaction, now: DateTime<Utc>) -> Result<i64> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let request = open_request(w, sar_id).await?;
        let r = check_redaction(r)?;
        let at = w.at().to_owned();
        let id = sql::add_redaction(&mut w.sql(), sar_id, &r, lead_id, &at).await?;
        w.changed(request.case_id, ChangeKind::SubjectAccessStep, "Text withheld from a subject access copy").await?;
        w.audit(Action::SubjectAccessStep, "subject_access_request", sar_id).await?;
        Ok(id)
    })
    .await
}

pub async fn remove_redaction(store: &Store, lead_id: i64, redaction_id: i64, now: DateTime<Utc>) -> Result<()> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let sar_id = sql::redaction_request(&mut w.sql(), redaction_id)
            .await?
            .ok_or_else(|| Error::new(ErrorCode::NotFound, "That redaction does not exist."))?;
        let request = open_request(w, sar_id).await?;
        sql::remove_redaction(&mut w.sql(), redaction_id).await?;
        w.changed(request.case_id, ChangeKind::SubjectAccessStep, "A withheld text released").await?;
        w.audit(Action::SubjectAccessStep, "subject_access_request", sar_id).await
    })
    .await
}

/// What a request's copy is drawn from.
pub(crate) struct CopyOf {
    pub case_id: i64,
    /// The child it is about, if not the whole family.
    pub child: Option<i64>,
    pub requester: String,
    pub redactions: Vec<Redaction>,
}

/// The request's redactions, for drawing its copy.
pub(crate) async fn redactions_of(conn: &mut Conn<'_>, sar_id: i64) -> Result<CopyOf> {
    let r = sql::request(conn, sar_id).await?.ok_or_else(not_found)?;
    let redactions = sql::redactions(conn, &[sar_id])
        .await?
        .into_iter()
        .map(|x| Redaction { text: x.text, reason: x.reason })
        .collect();
    Ok(CopyOf { case_id: r.case_id, child: r.person_id, requester: r.requester_name, redactions })
}

/// Keeps the released copy with the request, once: its identity must have been checked.
pub(crate) async fn record_release(
    store: &Store,
    lead_id: i64,
    sar_id: i64,
    pdf: &[u8],
    now: DateTime<Utc>,
) -> Result<()> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let r = open_request(w, sar_id).await?;
        if r.identity_checked_on.is_none() {
            return Err(Error::fields(vec![FieldError::new(
                "sarIdentityOn",
                "Check the requester's identity before releasing their records",
            )]));
        }
        let digest = hex::encode(Sha256::digest(pdf));
        let at = w.at().to_owned();
        sql::release(&mut w.sql(), sar_id, pdf, &digest, lead_id, &at).await?;
        w.changed(r.case_id, ChangeKind::SubjectAccessStep, "Subject access copy released").await?;
        w.audit(Action::SubjectAccessReleased, "subject_access_request", sar_id).await
    })
    .await
}

/// The copy as it was released, to save again (`reports::generate` audits it).
pub async fn released_copy(store: &Store, sar_id: i64) -> Result<Vec<u8>> {
    sql::released_pdf(&mut store.db(), sar_id)
        .await?
        .ok_or_else(|| Error::new(ErrorCode::NotFound, "This request's copy has not been released."))
}

/// A case's requests, newest first, each with its due date on the case's calendar.
pub async fn for_case(store: &Store, case_id: i64) -> Result<Vec<SubjectAccess>> {
    let mut conn = store.db();
    let rows = sql::for_case(&mut conn, case_id).await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let calendar = crate::timescales::case_calendar_in(&mut conn, case_id).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let redactions = sql::redactions(&mut conn, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|r| SubjectAccess {
            due_on: rules::due_on(&calendar, r.received_on, r.identity_checked_on, r.extended_at.is_some()),
            redactions: redactions
                .iter()
                .filter(|x| x.sar_id == r.id)
                .map(|x| RedactionMade {
                    id: x.id,
                    text: x.text.clone(),
                    reason: x.reason,
                    added_by: x.added_by.clone(),
                })
                .collect(),
            id: r.id,
            case_id: r.case_id,
            requester_name: r.requester_name,
            requester: r.requester,
            person_id: r.person_id,
            about: r.about,
            received_on: r.received_on,
            identity_checked_on: r.identity_checked_on,
            identity_how: r.identity_how,
            extension_reason: r.extension_reason,
            recorded_at: r.recorded_at,
            recorded_by: r.recorded_by,
            released_at: r.released_at,
            released_by: r.released_by,
            digest: r.digest,
        })
        .collect())
}

/// Names the copy may have to withhold, not yet withheld: everyone in the case but the
/// requester, the leads, and staff named in its concerns.
pub async fn suggestions(store: &Store, sar_id: i64) -> Result<Vec<String>> {
    let mut conn = store.db();
    let r = sql::request(&mut conn, sar_id).await?.ok_or_else(not_found)?;
    let made = sql::redactions(&mut conn, &[sar_id]).await?;
    let fold = |s: &str| s.trim().to_lowercase();
    let mut names: Vec<String> = sql::names(&mut conn, r.case_id)
        .await?
        .into_iter()
        .filter(|n| fold(n) != fold(&r.requester_name) && !made.iter().any(|m| fold(&m.text) == fold(n)))
        .collect();
    names.sort();
    names.dedup();
    Ok(names)
}
