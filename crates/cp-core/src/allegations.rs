//! Allegations against staff or volunteers: their own list and references, the LADO
//! discussion, further meetings, the outcome, and removal of a false or malicious one (which
//! leaves only its audit trace).

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::FromRow;
use ts_rs::TS;

use crate::audit::{Action, Actor};
use crate::cases::reference::CaseRef;
use crate::domain::allegation::{FinalOutcome, NewAllegation, check_allegation, retention_until};
use crate::domain::calendar::uk_today;
use crate::store::Store;
use crate::store::text::{as_text, from_text};
use crate::write;
use crate::{Error, ErrorCode, FieldError, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Meeting {
    #[serde(skip)]
    #[ts(skip)]
    pub allegation_id: i64,
    pub held_on: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Allegation {
    #[ts(type = "number")]
    pub id: i64,
    pub reference: String,
    pub person_name: String,
    pub person_role: String,
    pub setting: String,
    pub person_dob: Option<String>,
    /// Comma-separated harm tests.
    pub harm_tests: String,
    pub reported_by: String,
    pub reported_to: String,
    pub reported_on: String,
    pub written_record: String,
    pub lado_on: Option<String>,
    pub lado_advice: Option<String>,
    pub meets_criteria: Option<bool>,
    pub final_outcome: Option<String>,
    pub outcome_on: Option<String>,
    pub retention_until: String,
    #[sqlx(skip)]
    pub meetings: Vec<Meeting>,
}

/// The initial discussion with the LADO and whether the allegation meets the criteria
/// (then a multi-agency meeting follows; if not, the outcome is recorded here).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LadoDiscussion {
    #[ts(type = "string")]
    pub on: NaiveDate,
    pub advice: String,
    pub meets_criteria: bool,
}

fn step(field: &str, message: &str) -> Error {
    Error::fields(vec![FieldError::new(field, message)])
}

async fn id_for(store: &Store, id: i64) -> Result<Allegation> {
    let mut a: Allegation = sqlx::query_as(
        "SELECT id, reference, person_name, person_role, setting, person_dob, harm_tests, reported_by, reported_to,
                reported_on, written_record, lado_on, lado_advice, meets_criteria, final_outcome, outcome_on,
                retention_until FROM allegations WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(store.pool())
    .await?
    .ok_or_else(|| Error::new(ErrorCode::NotFound, "That allegation does not exist."))?;
    a.meetings = sqlx::query_as(
        "SELECT allegation_id, held_on, note FROM allegation_meetings WHERE allegation_id = ? ORDER BY held_on, id",
    )
    .bind(id)
    .fetch_all(store.pool())
    .await?;
    Ok(a)
}

pub async fn get(store: &Store, id: i64) -> Result<Allegation> {
    id_for(store, id).await
}

pub async fn create(store: &Store, lead_id: i64, new: &NewAllegation, now: DateTime<Utc>) -> Result<i64> {
    let a = check_allegation(new, uk_today(now))?;
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let at = w.at().to_owned();
        let year = a.reported_on.year();
        let highest: Option<i64> = sqlx::query_scalar("SELECT MAX(ref_number) FROM allegations WHERE ref_year = ?")
            .bind(year)
            .fetch_one(&mut *w.sql())
            .await?;
        let r = CaseRef::next(year, highest.and_then(|n| u32::try_from(n).ok()));
        let tests: Vec<String> = a.harm_tests.iter().map(|t| as_text(*t)).collect::<Result<_>>()?;
        let id = sqlx::query(
            "INSERT INTO allegations (ref_year, ref_number, reference, person_name, person_role, setting, person_dob,
                                      harm_tests, reported_by, reported_to, reported_on, written_record, retention_until,
                                      created_at, created_by)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(year)
        .bind(i64::from(r.number))
        .bind(format!("AL-{}-{:04}", r.year, r.number))
        .bind(&a.person_name)
        .bind(&a.person_role)
        .bind(&a.setting)
        .bind(a.person_dob.map(|d| d.to_string()))
        .bind(tests.join(","))
        .bind(&a.reported_by)
        .bind(&a.reported_to)
        .bind(a.reported_on.to_string())
        .bind(&a.written_record)
        .bind(retention_until(a.person_dob, a.reported_on).to_string())
        .bind(&at)
        .bind(lead_id)
        .execute(&mut *w.sql())
        .await?
        .last_insert_rowid();
        w.audit(Action::AllegationRecorded, "allegation", id).await?;
        Ok(id)
    })
    .await
}

pub async fn record_lado(store: &Store, lead_id: i64, id: i64, d: &LadoDiscussion, now: DateTime<Utc>) -> Result<()> {
    let a = id_for(store, id).await?;
    if a.lado_on.is_some() {
        return Err(Error::invalid("The discussion with the LADO is already recorded."));
    }
    let reported: NaiveDate = a.reported_on.parse().map_err(|_| Error::internal("A stored date is damaged."))?;
    if d.on > uk_today(now) || d.on < reported {
        return Err(step("on", "The date must be between the report and today"));
    }
    if d.advice.trim().is_empty() {
        return Err(step("advice", "Enter the LADO's advice"));
    }
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        sqlx::query("UPDATE allegations SET lado_on = ?, lado_advice = ?, meets_criteria = ? WHERE id = ?")
            .bind(d.on.to_string())
            .bind(d.advice.trim())
            .bind(d.meets_criteria)
            .bind(id)
            .execute(&mut *w.sql())
            .await?;
        w.audit(Action::AllegationUpdated, "allegation", id).await?;
        Ok(())
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
    let a = id_for(store, id).await?;
    if a.final_outcome.is_some() {
        return Err(Error::invalid("The outcome is recorded: no further meetings are added."));
    }
    if held_on > uk_today(now) {
        return Err(step("heldOn", "The meeting date must be today or in the past"));
    }
    if note.trim().is_empty() {
        return Err(step("note", "Enter what the meeting decided"));
    }
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let at = w.at().to_owned();
        sqlx::query("INSERT INTO allegation_meetings (allegation_id, held_on, note, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?)")
            .bind(id)
            .bind(held_on.to_string())
            .bind(note.trim())
            .bind(&at)
            .bind(lead_id)
            .execute(&mut *w.sql())
            .await?;
        w.audit(Action::AllegationUpdated, "allegation", id).await?;
        Ok(())
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
    let a = id_for(store, id).await?;
    if a.final_outcome.is_some() {
        return Err(Error::invalid("The outcome is already recorded."));
    }
    if a.lado_on.is_none() {
        return Err(Error::invalid("Record the discussion with the LADO first."));
    }
    if on > uk_today(now) {
        return Err(step("outcomeOn", "The date of the outcome must be today or in the past"));
    }
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        sqlx::query("UPDATE allegations SET final_outcome = ?, outcome_on = ? WHERE id = ?")
            .bind(as_text(outcome)?)
            .bind(on.to_string())
            .bind(id)
            .execute(&mut *w.sql())
            .await?;
        w.audit(Action::AllegationUpdated, "allegation", id).await?;
        Ok(())
    })
    .await
}

/// Removes a false or malicious allegation and its meetings. Only the audit rows remain: they
/// say an allegation was removed, by whom and when, and nothing of what it said.
pub async fn remove(store: &Store, lead_id: i64, id: i64, now: DateTime<Utc>) -> Result<()> {
    let a = id_for(store, id).await?;
    let removable =
        a.final_outcome.as_deref().and_then(|o| from_text::<FinalOutcome>(o).ok()).is_some_and(FinalOutcome::removable);
    if !removable {
        return Err(Error::invalid("Only an allegation found to be false or malicious can be removed."));
    }
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        sqlx::query("DELETE FROM allegation_meetings WHERE allegation_id = ?").bind(id).execute(&mut *w.sql()).await?;
        sqlx::query("DELETE FROM allegations WHERE id = ?").bind(id).execute(&mut *w.sql()).await?;
        w.audit(Action::AllegationRemoved, "allegation", id).await?;
        Ok(())
    })
    .await
}

/// Newest first.
pub async fn list(store: &Store) -> Result<Vec<Allegation>> {
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM allegations ORDER BY ref_year DESC, ref_number DESC")
        .fetch_all(store.pool())
        .await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.push(id_for(store, id).await?);
    }
    Ok(out)
}
