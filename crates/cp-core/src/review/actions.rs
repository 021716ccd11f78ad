//! Recording the weekly review through the one write path: an outcome per case (changeable
//! until the week is signed off), the sign-off, and late notes after it.

use chrono::{DateTime, Utc};

use super::checklist::{checklist, on_checklist, parse_week};
use super::rules::{self, Outcome};
use super::{LateNote, Recorded, sql};
use crate::audit::{Action, Actor};
use crate::clock::Stamp;
use crate::domain::calendar::uk_today;
use crate::store::Store;
use crate::write;
use crate::{Error, ErrorCode, Result};

/// Records (or changes, until the week is signed off) one case's outcome for the lead.
pub async fn record(
    store: &Store,
    lead_id: i64,
    week: &str,
    case_id: i64,
    outcome: Outcome,
    note: &str,
    now: DateTime<Utc>,
) -> Result<Recorded> {
    let week = parse_week(week)?;
    rules::check_week_started(week, uk_today(now))?;
    let note = rules::check_outcome(outcome, note)?;
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        if sql::signed_off_at(&mut w.sql(), lead_id, week).await?.is_some() {
            return Err(Error::invalid("You have signed off this week: add a late note instead."));
        }
        if !on_checklist(&mut w.sql(), case_id, week).await? {
            return Err(Error::new(ErrorCode::NotFound, "That case is not on this week's checklist."));
        }
        let at = w.at().to_owned();
        sql::put_outcome(&mut w.sql(), (lead_id, week, case_id), outcome, &note, &at).await?;
        w.audit(Action::ReviewRecorded, "case", case_id).await?;
        Ok(Recorded { outcome, note, recorded_at: Stamp(w.now()) })
    })
    .await
}

/// Signs off the lead's week once every case has an outcome: the other lead sees it.
pub async fn sign_off(store: &Store, lead_id: i64, week: &str, now: DateTime<Utc>) -> Result<()> {
    let list = checklist(store, lead_id, lead_id, week, now).await?;
    let parsed = parse_week(week)?;
    rules::check_week_started(parsed, uk_today(now))?;
    rules::check_sign_off(list.items.len(), list.done as usize, list.signed_off_at.is_some())?;
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let at = w.at().to_owned();
        sql::sign_off(&mut w.sql(), lead_id, parsed, &at).await?;
        w.audit(Action::WeekSignedOff, "review_week", parsed.to_string()).await
    })
    .await
}

/// A note added to a signed-off week: the week's outcomes stay as they were.
pub async fn late_note(
    store: &Store,
    lead_id: i64,
    week: &str,
    case_id: i64,
    note: &str,
    now: DateTime<Utc>,
) -> Result<LateNote> {
    let week = parse_week(week)?;
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        if sql::signed_off_at(&mut w.sql(), lead_id, week).await?.is_none() {
            return Err(Error::invalid("This week is not signed off yet: change the outcome instead."));
        }
        let note = rules::check_outcome(Outcome::FurtherAction, note)?;
        if !on_checklist(&mut w.sql(), case_id, week).await? {
            return Err(Error::new(ErrorCode::NotFound, "That case is not on this week's checklist."));
        }
        let at = w.at().to_owned();
        sql::add_late_note(&mut w.sql(), (lead_id, week, case_id), &note, &at).await?;
        w.audit(Action::LateNoteAdded, "case", case_id).await?;
        Ok(LateNote { case_id, note, recorded_at: Stamp(w.now()) })
    })
    .await
}
