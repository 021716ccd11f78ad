//! Each step of an allegation through the one write path. A step reads the allegation inside
//! its own write, so two leads cannot both record the same step.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::rules::{
    FinalOutcome, LadoDiscussion, NewAllegation, Progress, check_allegation, check_lado, check_meeting, check_outcome,
    check_removal,
};
use super::{Allegation, Removal, sql};
use crate::audit::{Action, Actor};
use crate::cases::reference::CaseRef;
use crate::domain::calendar::uk_today;
use crate::store::Store;
use crate::store::db::Conn;
use crate::write;
use crate::{Error, ErrorCode, Result};

async fn found(conn: &mut Conn<'_>, id: i64) -> Result<Allegation> {
    sql::get(conn, id).await?.ok_or_else(not_found)
}

/// The allegation as `lead_id` may handle it: one about them does not exist for them (the
/// same answer as for one that does not exist, so it does not even tell them it is there).
async fn found_for(conn: &mut Conn<'_>, id: i64, lead_id: i64) -> Result<Allegation> {
    let a = found(conn, id).await?;
    if a.about_lead_id == Some(lead_id) { Err(not_found()) } else { Ok(a) }
}

fn not_found() -> Error {
    Error::new(ErrorCode::NotFound, "That allegation does not exist.")
}

fn progress(a: &Allegation) -> Result<Progress> {
    Ok(Progress {
        reported_on: a.reported_on,
        lado_recorded: a.lado_on.is_some(),
        outcome_recorded: a.final_outcome.is_some(),
    })
}

pub async fn get(store: &Store, id: i64) -> Result<Allegation> {
    found(&mut store.db(), id).await
}

pub async fn create(store: &Store, lead_id: i64, new: &NewAllegation, now: DateTime<Utc>) -> Result<i64> {
    let a = check_allegation(new, uk_today(now))?;
    if a.about_lead == Some(lead_id) {
        return Err(Error::fields(vec![crate::FieldError::new(
            "aboutLead",
            "An allegation about you must be recorded by another lead",
        )]));
    }
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        if let Some(about) = a.about_lead
            && !crate::leads::sql::exists(&mut w.sql(), about).await?
        {
            return Err(Error::fields(vec![crate::FieldError::new("aboutLead", "Choose one of the leads, or none")]));
        }
        let at = w.at().to_owned();
        let year = a.reported_on.year();
        let r = CaseRef::next(year, sql::highest_number(&mut w.sql(), year).await?);
        let reference = format!("AL-{}-{:04}", r.year, r.number);
        let id = sql::insert(&mut w.sql(), (year, r.number, &reference), &a, lead_id, &at).await?;
        w.audit(Action::AllegationRecorded, "allegation", id).await?;
        Ok(id)
    })
    .await
}

pub async fn record_lado(store: &Store, lead_id: i64, id: i64, d: &LadoDiscussion, now: DateTime<Utc>) -> Result<()> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let a = found_for(&mut w.sql(), id, lead_id).await?;
        check_lado(progress(&a)?, d, uk_today(now))?;
        sql::set_lado(&mut w.sql(), id, d).await?;
        w.audit(Action::AllegationUpdated, "allegation", id).await
    })
    .await
}

pub async fn add_meeting(
    store: &Store,
    lead_id: i64,
    id: i64,
    held_on: Option<NaiveDate>,
    note: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let a = found_for(&mut w.sql(), id, lead_id).await?;
        let held_on = check_meeting(progress(&a)?, held_on, note, uk_today(now))?;
        let at = w.at().to_owned();
        sql::insert_meeting(&mut w.sql(), id, held_on, note.trim(), lead_id, &at).await?;
        w.audit(Action::AllegationUpdated, "allegation", id).await
    })
    .await
}

pub async fn record_outcome(
    store: &Store,
    lead_id: i64,
    id: i64,
    outcome: FinalOutcome,
    on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let a = found_for(&mut w.sql(), id, lead_id).await?;
        check_outcome(progress(&a)?, on, uk_today(now))?;
        sql::set_outcome(&mut w.sql(), id, outcome, on).await?;
        w.audit(Action::AllegationUpdated, "allegation", id).await
    })
    .await
}

/// Removes a false or malicious allegation and its meetings, when two leads agree: the first
/// lead to ask records the request; another lead's asking removes it. Only the audit rows
/// remain: they say an allegation was removed, who asked, who confirmed and when, and
/// nothing of what it said.
pub async fn remove(store: &Store, lead_id: i64, id: i64, now: DateTime<Utc>) -> Result<Removal> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let a = found_for(&mut w.sql(), id, lead_id).await?;
        check_removal(a.final_outcome)?;
        match sql::removal_asked_by(&mut w.sql(), id).await? {
            None => {
                let at = w.at().to_owned();
                sql::ask_removal(&mut w.sql(), id, lead_id, &at).await?;
                w.audit(Action::AllegationRemovalAsked, "allegation", id).await?;
                Ok(Removal::Asked)
            }
            Some(asker) if asker == lead_id => {
                Err(Error::invalid("You have asked for this record to be removed: another lead must confirm it."))
            }
            Some(_) => {
                sql::delete(&mut w.sql(), id).await?;
                w.audit(Action::AllegationRemoved, "allegation", id).await?;
                Ok(Removal::Removed)
            }
        }
    })
    .await
}

/// Every allegation, newest first, as a lead sees them: each one shown is audited.
/// None about the lead is among them.
pub async fn list_for(store: &Store, lead_id: i64, now: DateTime<Utc>) -> Result<Vec<Allegation>> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let ids = sql::ids(&mut w.sql(), Some(lead_id)).await?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.push(found(&mut w.sql(), id).await?);
            w.audit(Action::AllegationViewed, "allegation", id).await?;
        }
        Ok(out)
    })
    .await
}

/// Newest first, unaudited: for the core's own reading (tests, the admin CLI's counts).
pub async fn list(store: &Store) -> Result<Vec<Allegation>> {
    let mut conn = store.db();
    let ids = sql::ids(&mut conn, None).await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.push(found(&mut conn, id).await?);
    }
    Ok(out)
}
