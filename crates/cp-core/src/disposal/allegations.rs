//! Allegations against staff in the disposal review: kept until the person's normal pension
//! age or for years from the allegation, whichever is later; then kept for longer, held, or
//! destroyed by two leads, under the same rules as a case (`retention::standing`,
//! `check_decision`). The destruction takes the allegation, its meetings, actions and
//! decisions in one write, logs it in the removal log and leaves its audit rows. An allegation
//! about a lead is never shown to that lead, nor decided by them.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::RecordRemoval;
use super::allegation_sql as sql;
use super::retention::{self, Decision, NewDecision, RetentionRule, Standing, check_decision};
use super::review::{DecisionMade, destruction_asked_at, outcome, years_in};
use super::sql::DecisionRow;
use crate::audit::{Action, Actor};
use crate::domain::calendar::uk_today;
use crate::store::Store;
use crate::write;
use crate::{Error, ErrorCode, Result};

/// An allegation's retention, as the disposal review lists it: no names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AllegationRetention {
    #[ts(type = "number")]
    pub allegation_id: i64,
    pub reference: String,
    #[ts(type = "string")]
    pub reported_on: NaiveDate,
    pub rule: RetentionRule,
    /// After any decision to keep it for longer.
    #[ts(type = "string")]
    pub review_on: NaiveDate,
    pub standing: Standing,
    pub destruction_asked_by: Option<String>,
    pub decisions: Vec<DecisionMade>,
}

fn retention_of(
    a: &sql::KeptAllegation,
    decisions: &[DecisionRow],
    years: u32,
    today: NaiveDate,
) -> AllegationRetention {
    let review_on = crate::allegations::rules::retention_until_after(a.person_dob, a.reported_on, years);
    let o = outcome(review_on, decisions, today);
    AllegationRetention {
        allegation_id: a.id,
        reference: a.reference.clone(),
        reported_on: a.reported_on,
        rule: RetentionRule::AllegationAboutStaff,
        review_on: o.review_on,
        standing: o.standing,
        destruction_asked_by: o.destruction_asked_by,
        decisions: o.decisions,
    }
}

fn allegation_years(years: &HashMap<RetentionRule, u32>) -> u32 {
    let rule = RetentionRule::AllegationAboutStaff;
    years.get(&rule).copied().unwrap_or(retention::retention(rule).default_years)
}

/// The allegations in the disposal review on `now`'s UK date, as `lead_id` may see them:
/// those whose review date has come, that are held, or whose destruction was asked for; by
/// review date.
pub async fn allegation_review(store: &Store, lead_id: i64, now: DateTime<Utc>) -> Result<Vec<AllegationRetention>> {
    let today = uk_today(now);
    let mut conn = store.db();
    let years = allegation_years(&years_in(&mut conn).await?);
    let mut decisions: HashMap<i64, Vec<DecisionRow>> = HashMap::new();
    for d in sql::decisions(&mut conn).await? {
        decisions.entry(d.of_id).or_default().push(d);
    }
    let mut out: Vec<AllegationRetention> = sql::kept(&mut conn)
        .await?
        .iter()
        .filter(|a| a.about_lead_id != Some(lead_id))
        .map(|a| retention_of(a, decisions.get(&a.id).map_or(&[], Vec::as_slice), years, today))
        .filter(|r| r.standing != Standing::NotYet)
        .collect();
    out.sort_by_key(|r| (r.review_on, r.allegation_id));
    Ok(out)
}

/// A lead's decision on an allegation whose retention has ended (or a hold at any time). The
/// second lead's "destroy" destroys it and returns the removal log's entry.
pub async fn decide_allegation(
    store: &Store,
    lead_id: i64,
    allegation_id: i64,
    new: &NewDecision,
    now: DateTime<Utc>,
) -> Result<Option<RecordRemoval>> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let today = uk_today(w.now());
        let gone =
            || Error::new(ErrorCode::NotFound, "That allegation's records are not here: they may have been destroyed.");
        let a = sql::kept_one(&mut w.sql(), allegation_id).await?.ok_or_else(gone)?;
        if a.about_lead_id == Some(lead_id) {
            return Err(gone());
        }
        let years = allegation_years(&years_in(&mut w.sql()).await?);
        let decisions = sql::decisions_of(&mut w.sql(), allegation_id).await?;
        let standing = retention_of(&a, &decisions, years, today).standing;
        let new = check_decision(new, standing, lead_id)?;
        if let (Decision::Destroy, Standing::DestructionAsked { by }) = (new.decision, standing) {
            let asked_at = destruction_asked_at(&decisions, by)?;
            let at = w.at().to_owned();
            let entry = sql::Entry {
                allegation_id,
                reference: &a.reference,
                records: sql::records_of(&mut w.sql(), allegation_id).await?,
                asked_by: by,
                asked_at: &asked_at,
                confirmed_by: lead_id,
                at: &at,
            };
            let log_id = sql::log(&mut w.sql(), &entry).await?;
            sql::dispose(&mut w.sql(), allegation_id).await?;
            w.scrub_after_commit();
            w.audit(Action::AllegationRemoved, "allegation", allegation_id).await?;
            return Ok(Some(sql::removal(&mut w.sql(), log_id).await?));
        }
        let at = w.at().to_owned();
        sql::decide(&mut w.sql(), allegation_id, &new, today, lead_id, &at).await?;
        w.audit(Action::RetentionDecided, "allegation", allegation_id).await?;
        Ok(None)
    })
    .await
}

/// The removal log's entries for allegations, oldest first.
pub(super) async fn removals(store: &Store) -> Result<Vec<RecordRemoval>> {
    sql::removals(&mut store.db()).await
}
