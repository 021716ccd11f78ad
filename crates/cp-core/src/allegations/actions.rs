//! Each step of an allegation through the one write path. A step reads the allegation inside
//! its own write, so two leads cannot both record the same step.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sqlx::SqliteConnection;

use super::rules::{
    FinalOutcome, LadoDiscussion, NewAllegation, Progress, check_allegation, check_lado, check_meeting, check_outcome,
    check_removal,
};
use super::{Allegation, sql};
use crate::audit::{Action, Actor};
use crate::cases::reference::CaseRef;
use crate::domain::calendar::uk_today;
use crate::store::Store;
use crate::write;
use crate::{Error, ErrorCode, Result};

async fn found(conn: &mut SqliteConnection, id: i64) -> Result<Allegation> {
    sql::get(conn, id).await?.ok_or_else(|| Error::new(ErrorCode::NotFound, "That allegation does not exist."))
}

fn progress(a: &Allegation) -> Result<Progress> {
    Ok(Progress {
        reported_on: a.reported_on,
        lado_recorded: a.lado_on.is_some(),
        outcome_recorded: a.final_outcome.is_some(),
    })
}

pub async fn get(store: &Store, id: i64) -> Result<Allegation> {
    found(&mut *store.pool().acquire().await?, id).await
}

pub async fn create(store: &Store, lead_id: i64, new: &NewAllegation, now: DateTime<Utc>) -> Result<i64> {
    let a = check_allegation(new, uk_today(now))?;
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let at = w.at().to_owned();
        let year = a.reported_on.year();
        let r = CaseRef::next(year, sql::highest_number(w.sql(), year).await?);
        let reference = format!("AL-{}-{:04}", r.year, r.number);
        let id = sql::insert(w.sql(), (year, r.number, &reference), &a, lead_id, &at).await?;
        w.audit(Action::AllegationRecorded, "allegation", id).await?;
        Ok(id)
    })
    .await
}

pub async fn record_lado(store: &Store, lead_id: i64, id: i64, d: &LadoDiscussion, now: DateTime<Utc>) -> Result<()> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let a = found(w.sql(), id).await?;
        check_lado(progress(&a)?, d, uk_today(now))?;
        sql::set_lado(w.sql(), id, d).await?;
        w.audit(Action::AllegationUpdated, "allegation", id).await
    })
    .await
}

pub async fn add_meeting(
    store: &Store,
    lead_id: i64,
    id: i64,
    held_on: NaiveDate,
    note: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let a = found(w.sql(), id).await?;
        check_meeting(progress(&a)?, held_on, note, uk_today(now))?;
        let at = w.at().to_owned();
        sql::insert_meeting(w.sql(), id, held_on, note.trim(), lead_id, &at).await?;
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
        let a = found(w.sql(), id).await?;
        check_outcome(progress(&a)?, on, uk_today(now))?;
        sql::set_outcome(w.sql(), id, outcome, on).await?;
        w.audit(Action::AllegationUpdated, "allegation", id).await
    })
    .await
}

/// Removes a false or malicious allegation and its meetings. Only the audit rows remain: they
/// say an allegation was removed, by whom and when, and nothing of what it said.
pub async fn remove(store: &Store, lead_id: i64, id: i64, now: DateTime<Utc>) -> Result<()> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let a = found(w.sql(), id).await?;
        check_removal(a.final_outcome)?;
        sql::delete(w.sql(), id).await?;
        w.audit(Action::AllegationRemoved, "allegation", id).await
    })
    .await
}

/// Every allegation, newest first, as a lead sees them: each one shown is audited.
pub async fn list_for(store: &Store, lead_id: i64, now: DateTime<Utc>) -> Result<Vec<Allegation>> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let ids = sql::ids(w.sql()).await?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.push(found(w.sql(), id).await?);
            w.audit(Action::AllegationViewed, "allegation", id).await?;
        }
        Ok(out)
    })
    .await
}

/// Newest first, unaudited: for the core's own reading (tests, the admin CLI's counts).
pub async fn list(store: &Store) -> Result<Vec<Allegation>> {
    let mut conn = store.pool().acquire().await?;
    let ids = sql::ids(&mut conn).await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.push(found(&mut conn, id).await?);
    }
    Ok(out)
}
