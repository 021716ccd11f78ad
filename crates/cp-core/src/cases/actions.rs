//! What a lead does to a case, each through the one write path: opening it, its details, a
//! level change with its evidence, closing and reopening. Each `x` is `x_in` in a write of its
//! own; `x_in` is the same step inside a larger write (an import, a plan with its level).

use chrono::{DateTime, Datelike, Utc};

use super::reference::CaseRef;
use super::rules::{self, CaseDetails, Closure, LevelChange, Status};
use super::sql::{self, NewCaseRow, StatusEvent};
use super::{CaseSummary, NewCase, summary};
use crate::audit::{Action, Actor};
use crate::domain::label::Label;
use crate::domain::postcode;
use crate::domain::typed_date::is_real;
use crate::store::Store;
use crate::store::text::as_text;
use crate::write::{self, CaseState, ChangeKind, Write};
use crate::{Error, FieldError, Result};

/// Longer than any real address line; a paste accident is caught.
const MAX_ADDRESS_CHARS: usize = 200;

/// Opens a case: live, at level "concern", with the next reference of its opening year.
pub async fn open_case(store: &Store, lead_id: i64, new: &NewCase, now: DateTime<Utc>) -> Result<CaseSummary> {
    let (id, _) = write::run(store, Actor::Lead(lead_id), now, async |w| open_case_in(w, new).await).await?;
    summary(store, id).await
}

/// `open_case` inside the caller's write transaction; returns the new case's id and reference.
pub(crate) async fn open_case_in(w: &mut Write, new: &NewCase) -> Result<(i64, CaseRef)> {
    let (lead_id, now) = (w.lead()?, w.now());
    let mut errors = Vec::new();
    if new.address_line1.trim().is_empty() {
        errors.push(FieldError::new("addressLine1", "Enter the first line of the address"));
    }
    for (field, value, name) in [
        ("addressLine1", &new.address_line1, "Address line 1"),
        ("addressLine2", &new.address_line2, "Address line 2"),
        ("town", &new.town, "Town or city"),
    ] {
        crate::domain::text::at_most(&mut errors, field, value, MAX_ADDRESS_CHARS, name);
    }
    let postcode =
        postcode::normalise(&new.postcode).map_err(|e| errors.push(FieldError::new("postcode", e.message))).ok();
    if !is_real(new.opened_on) {
        errors.push(FieldError::new("openedOn", "Enter the date the case was opened, for example 27 3 2026"));
    } else if new.opened_on > now.date_naive() {
        errors.push(FieldError::new("openedOn", "The date the case was opened must be today or in the past"));
    }
    let registration = CaseDetails {
        allocated_lead_id: Some(lead_id),
        local_authority: new.local_authority.clone(),
        social_worker_name: String::new(),
        social_worker_team: String::new(),
        social_worker_phone: String::new(),
        social_worker_email: String::new(),
        cc_registration: new.cc_registration,
        cc_registration_on: new.cc_registration_on,
        nation: Default::default(),
        version: 0,
    };
    let registration = rules::check_details(&registration, now.date_naive()).map_err(|e| errors.extend(e.fields)).ok();
    let (Some(postcode), Some(registration)) = (postcode, registration) else { return Err(Error::fields(errors)) };
    if !errors.is_empty() {
        return Err(Error::fields(errors));
    }

    let at = w.at().to_owned();
    let year = new.opened_on.year();
    let reference = CaseRef::next(year, sql::highest_number(&mut w.sql(), year).await?);
    // A new case follows the organisation's nation's procedures and bank holidays.
    let nation = crate::timescales::organisation_nation_in(&mut w.sql()).await?;
    let row = NewCaseRow {
        year,
        number: reference.number,
        reference: &reference.to_string(),
        address_line1: new.address_line1.trim(),
        address_line2: new.address_line2.trim(),
        town: new.town.trim(),
        postcode: &postcode,
        source: new.source,
        lead_id,
        local_authority: new.local_authority.trim(),
        opened_on: new.opened_on,
        cc_registration: registration.cc_registration,
        cc_registration_on: registration.cc_registration_on,
        nation,
        at: &at,
    };
    let id = sql::insert(&mut w.sql(), &row).await?;
    w.changed(id, ChangeKind::CaseOpened, &format!("Case {reference} opened")).await?;
    w.audit(Action::CaseOpened, "case", id).await?;
    Ok((id, reference))
}

/// Updates the lead social worker, local authority, allocated lead and registration.
pub async fn update_details(
    store: &Store,
    lead_id: i64,
    case_id: i64,
    details: &CaseDetails,
    now: DateTime<Utc>,
) -> Result<()> {
    let d = rules::check_details(details, now.date_naive())?;
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        w.case(case_id).await?;
        if let Some(allocated) = d.allocated_lead_id
            && !crate::leads::sql::is_active(&mut w.sql(), allocated).await?
        {
            return Err(Error::fields(vec![FieldError::new("allocatedLeadId", "Choose an active lead")]));
        }
        if !sql::update_details(&mut w.sql(), case_id, &d).await? {
            let (by, at) = sql::details_last_changed(&mut w.sql(), case_id).await?.unzip();
            return Err(rules::edited_meanwhile(by.flatten().as_deref(), at));
        }
        w.changed(case_id, ChangeKind::DetailsChanged, "Case details updated").await?;
        w.audit(Action::CaseDetailsChanged, "case", case_id).await
    })
    .await
}

/// Records the social worker an imported list names as the case's lead social worker, when the
/// case has none yet; a case that has one keeps it (the import notes the difference).
pub(crate) async fn social_worker_from_list_in(w: &mut Write, case_id: i64, name: &str) -> Result<()> {
    let name = name.trim();
    if name.is_empty() {
        return Ok(());
    }
    if sql::set_social_worker_if_none(&mut w.sql(), case_id, name).await? {
        w.changed(case_id, ChangeKind::DetailsChanged, "Lead social worker recorded from the Under 5s list").await?;
        w.audit(Action::CaseDetailsChanged, "case", case_id).await?;
    }
    Ok(())
}

pub async fn change_level(
    store: &Store,
    lead_id: i64,
    case_id: i64,
    change: &LevelChange,
    now: DateTime<Utc>,
) -> Result<CaseSummary> {
    write::run(store, Actor::Lead(lead_id), now, async |w| change_level_in(w, case_id, change).await).await?;
    summary(store, case_id).await
}

/// `change_level` inside the caller's write transaction.
pub(crate) async fn change_level_in(w: &mut Write, case_id: i64, change: &LevelChange) -> Result<()> {
    let (lead_id, at) = (w.lead()?, w.at().to_owned());
    let CaseState { status, level: from, .. } = w.case_for_rule(case_id).await?;
    rules::check_level_change(status, from, change, w.now().date_naive())?;
    let mut entries = change.entries.clone();
    entries.sort_unstable();
    entries.dedup();
    for entry in &entries {
        if !crate::chronology::sql::entry_in_case(&mut w.sql(), *entry, case_id).await? {
            return Err(Error::fields(vec![FieldError::new("entries", "Choose entries from this case's chronology")]));
        }
    }
    let evidence = change.evidence.trim();
    let id = sql::insert_level_change(&mut w.sql(), case_id, from, change.to, evidence, change.effective, lead_id, &at)
        .await?;
    for entry in &entries {
        sql::link_entry(&mut w.sql(), id, *entry).await?;
    }
    sql::set_level(&mut w.sql(), case_id, change.to).await?;
    let what = format!("Level changed from {} to {}", from.label(), change.to.label());
    w.changed(case_id, ChangeKind::LevelChanged, &what).await?;
    w.audit(Action::LevelChanged, "case", case_id).await
}

pub async fn close_case(
    store: &Store,
    lead_id: i64,
    case_id: i64,
    closure: &Closure,
    now: DateTime<Utc>,
) -> Result<CaseSummary> {
    write::run(store, Actor::Lead(lead_id), now, async |w| close_case_in(w, case_id, closure).await).await?;
    summary(store, case_id).await
}

/// `close_case` inside the caller's write transaction.
pub(crate) async fn close_case_in(w: &mut Write, case_id: i64, closure: &Closure) -> Result<()> {
    let (lead_id, at) = (w.lead()?, w.at().to_owned());
    let CaseState { status, opened_on, .. } = w.case_for_rule(case_id).await?;
    rules::check_closure(status, closure, opened_on, w.now().date_naive())?;
    let event = StatusEvent {
        to: Status::Closed,
        reason: Some(as_text(closure.reason)?),
        reason_detail: closure.reason_detail.trim(),
        note: closure.closing_note.trim(),
        effective: closure.closed_on,
        lead_id: Some(lead_id),
    };
    sql::change_status(&mut w.sql(), case_id, &event, &at).await?;
    let what = format!("Case closed: {}", closure.reason.label().to_lowercase());
    w.changed(case_id, ChangeKind::CaseClosed, &what).await?;
    w.audit(Action::CaseClosed, "case", case_id).await
}

pub async fn reopen_case(
    store: &Store,
    lead_id: i64,
    case_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<CaseSummary> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let at = w.at().to_owned();
        let CaseState { status, .. } = w.case_for_rule(case_id).await?;
        rules::check_reopen(status, reason)?;
        let event = StatusEvent {
            to: Status::Live,
            reason: None,
            reason_detail: "",
            note: reason.trim(),
            effective: now.date_naive(),
            lead_id: Some(lead_id),
        };
        sql::change_status(&mut w.sql(), case_id, &event, &at).await?;
        w.changed(case_id, ChangeKind::CaseReopened, "Case reopened").await?;
        w.audit(Action::CaseReopened, "case", case_id).await
    })
    .await?;
    summary(store, case_id).await
}
