//! The disposal review: every closed case whose retention has ended (or that is held, or whose
//! destruction one lead has asked for), what each lead decided, the years each rule keeps
//! records for (Settings), and a decision made through the one write path. The second lead's
//! "destroy" removes the case's records (`remove_case_in`).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::actions::{Asked, remove_case_in};
use super::retention::{
    self, Decided, Decision, NewDecision, RETENTION, RetentionRule, Standing, check_decision, check_years,
};
use super::rules::RemovalRule;
use super::{RecordRemoval, sql};
use crate::audit::{Action, Actor};
use crate::domain::calendar::uk_today;
use crate::domain::case::Status;
use crate::domain::label::Label;
use crate::store::Store;
use crate::store::db::Conn;
use crate::write::{self, ChangeKind};
use crate::{Error, ErrorCode, Result};

/// One decision, as the review and the case page list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DecisionMade {
    pub decision: Decision,
    #[ts(type = "number | null")]
    pub years: Option<i64>,
    pub reason: String,
    #[ts(type = "string")]
    pub decided_on: NaiveDate,
    pub decided_by: String,
}

/// A closed case's retention: the rule, when it comes up for review, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Retention {
    #[ts(type = "number")]
    pub case_id: i64,
    pub reference: String,
    /// The case's children, as leads name it.
    pub name: String,
    pub status: Status,
    #[ts(type = "string")]
    pub closed_on: NaiveDate,
    pub rule: RetentionRule,
    /// After any decision to keep it for longer.
    #[ts(type = "string")]
    pub review_on: NaiveDate,
    pub standing: Standing,
    /// Who asked for its destruction, while another lead has not confirmed it.
    pub destruction_asked_by: Option<String>,
    pub decisions: Vec<DecisionMade>,
}

/// The years each rule keeps records for: the organisation's own, or the default.
pub(super) async fn years_in(conn: &mut Conn<'_>) -> Result<HashMap<RetentionRule, u32>> {
    let mut out = HashMap::new();
    for r in RETENTION {
        let set = crate::settings::get_in(conn, r.setting).await?.and_then(|v| v.parse().ok());
        out.insert(r.rule, set.and_then(|y| check_years(y).ok()).unwrap_or(r.default_years));
    }
    Ok(out)
}

/// What a record's decisions make of it: its review date after any "keep", its standing on
/// `today`, who asked for its destruction (while no other lead has confirmed it), and the
/// decisions as the review lists them. A case's and an allegation's alike.
pub(super) struct Outcome {
    pub review_on: NaiveDate,
    pub standing: Standing,
    pub destruction_asked_by: Option<String>,
    pub decisions: Vec<DecisionMade>,
}

pub(super) fn outcome(review_on: NaiveDate, decisions: &[sql::DecisionRow], today: NaiveDate) -> Outcome {
    let decided: Vec<Decided> = decisions
        .iter()
        .map(|d| Decided {
            decision: d.decision,
            years: d.years.and_then(|y| u32::try_from(y).ok()),
            on: d.decided_on,
            by: d.decided_by_id,
        })
        .collect();
    let (review_on, standing) = retention::standing(review_on, &decided, today);
    let destruction_asked_by = match standing {
        Standing::DestructionAsked { by } => {
            decisions.iter().rev().find(|d| d.decided_by_id == by).map(|d| d.decided_by.clone())
        }
        _ => None,
    };
    Outcome {
        review_on,
        standing,
        destruction_asked_by,
        decisions: decisions
            .iter()
            .map(|d| DecisionMade {
                decision: d.decision,
                years: d.years,
                reason: d.reason.clone(),
                decided_on: d.decided_on,
                decided_by: d.decided_by.clone(),
            })
            .collect(),
    }
}

/// The time the lead `by` asked for a record's destruction, as the removal log keeps it.
pub(super) fn destruction_asked_at(decisions: &[sql::DecisionRow], by: i64) -> Result<String> {
    decisions
        .iter()
        .rev()
        .find(|d| d.decision == Decision::Destroy && d.decided_by_id == by)
        .map(|d| d.decided_at.clone())
        .ok_or_else(|| Error::internal("The asked destruction could not be found."))
}

fn retention_of(
    case: sql::ClosedCase,
    decisions: &[sql::DecisionRow],
    years: &HashMap<RetentionRule, u32>,
    today: NaiveDate,
) -> Retention {
    let (rule, review_on) = retention::review_on(case.youngest, case.closed_on, |rule| {
        years.get(&rule).copied().unwrap_or(retention::retention(rule).default_years)
    });
    let o = outcome(review_on, decisions, today);
    Retention {
        case_id: case.id,
        reference: case.reference,
        // The review names its cases all at once, after it has picked them.
        name: String::new(),
        status: case.status,
        closed_on: case.closed_on,
        rule,
        review_on: o.review_on,
        standing: o.standing,
        destruction_asked_by: o.destruction_asked_by,
        decisions: o.decisions,
    }
}

/// The cases in the disposal review on `now`'s UK date, unnamed, in no order.
async fn queue(store: &Store, now: DateTime<Utc>) -> Result<Vec<Retention>> {
    let today = uk_today(now);
    let mut conn = store.db();
    let years = years_in(&mut conn).await?;
    // Every rule is in `years`; were one not, 0 years would bound nothing out.
    let bound = |rule| retention::can_have_run_out_since(today, years.get(&rule).copied().unwrap_or(0));
    let cases = sql::closed_cases_may_be_due(
        &mut conn,
        bound(RetentionRule::ChildProtectionFile),
        bound(RetentionRule::NoChildsBirthDate),
    )
    .await?;
    let mut decisions: HashMap<i64, Vec<sql::DecisionRow>> = HashMap::new();
    for d in sql::decisions(&mut conn).await? {
        decisions.entry(d.of_id).or_default().push(d);
    }
    Ok(cases
        .into_iter()
        .map(|c| {
            let made = decisions.remove(&c.id).unwrap_or_default();
            retention_of(c, &made, &years, today)
        })
        .filter(|r| r.standing != Standing::NotYet)
        .collect())
}

/// The disposal review on `now`'s UK date: every closed case whose review date has come, that
/// is held, or whose destruction was asked for, by review date.
pub async fn review(store: &Store, now: DateTime<Utc>) -> Result<Vec<Retention>> {
    let mut out = queue(store, now).await?;
    let ids: Vec<i64> = out.iter().map(|r| r.case_id).collect();
    let names = crate::people::case_names(store, &ids).await?;
    for r in &mut out {
        r.name = names.get(&r.case_id).cloned().unwrap_or_default();
    }
    out.sort_by_key(|r| (r.review_on, r.case_id));
    Ok(out)
}

/// How many cases wait for a decision in the disposal review (for the dashboard): those due,
/// and those whose destruction one lead asked for; not those under a legal hold.
pub async fn awaiting_decision(store: &Store, now: DateTime<Utc>) -> Result<u32> {
    let waiting = queue(store, now).await?.iter().filter(|r| r.standing != Standing::OnHold).count();
    Ok(u32::try_from(waiting).unwrap_or(u32::MAX))
}

/// A closed or archived case's retention, for its page; none for a live case.
pub async fn retention_for(store: &Store, case_id: i64, now: DateTime<Utc>) -> Result<Option<Retention>> {
    let mut conn = store.db();
    let Some(case) = sql::closed_case(&mut conn, case_id).await? else { return Ok(None) };
    let years = years_in(&mut conn).await?;
    let decisions = sql::decisions_of(&mut conn, case_id).await?;
    Ok(Some(retention_of(case, &decisions, &years, uk_today(now))))
}

/// A lead's decision on a closed case's records. The second lead's "destroy" removes them and
/// returns the removal log's entry.
pub async fn decide(
    store: &Store,
    lead_id: i64,
    case_id: i64,
    new: &NewDecision,
    now: DateTime<Utc>,
) -> Result<Option<RecordRemoval>> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let today = uk_today(w.now());
        if w.case_for_rule(case_id).await?.status == Status::Live {
            return Err(Error::invalid("A live case has no retention review: its records are kept while it is open."));
        }
        let case = sql::closed_case(&mut w.sql(), case_id)
            .await?
            .ok_or_else(|| Error::new(ErrorCode::NotFound, "This case's records have already been removed."))?;
        let years = years_in(&mut w.sql()).await?;
        let decisions = sql::decisions_of(&mut w.sql(), case_id).await?;
        let now_standing = retention_of(case, &decisions, &years, today).standing;
        let new = check_decision(new, now_standing, lead_id)?;
        if let (Decision::Destroy, Standing::DestructionAsked { by }) = (new.decision, now_standing) {
            let asked_at = destruction_asked_at(&decisions, by)?;
            let asked = Asked { by, at: &asked_at };
            return Ok(Some(remove_case_in(w, case_id, RemovalRule::RetentionEnded, Some(asked)).await?));
        }
        let at = w.at().to_owned();
        sql::decide(&mut w.sql(), case_id, &new, today, lead_id, &at).await?;
        let what = match new.years {
            Some(years) => format!("{}: {years} more years", new.decision.label()),
            None => new.decision.label().to_owned(),
        };
        w.changed(case_id, ChangeKind::RetentionDecided, &what).await?;
        w.audit(Action::RetentionDecided, "case", case_id).await?;
        Ok(None)
    })
    .await
}

/// Each rule with its source and the years it keeps records for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RetentionYears {
    pub rule: RetentionRule,
    pub source: String,
    pub years: u32,
    pub default_years: u32,
}

pub async fn years(store: &Store) -> Result<Vec<RetentionYears>> {
    let set = years_in(&mut store.db()).await?;
    Ok(RETENTION
        .iter()
        .map(|r| RetentionYears {
            rule: r.rule,
            source: r.source.to_owned(),
            years: set.get(&r.rule).copied().unwrap_or(r.default_years),
            default_years: r.default_years,
        })
        .collect())
}

/// Sets the years a rule keeps records for; audited. Review dates follow at once.
pub async fn set_years(
    store: &Store,
    lead_id: i64,
    rule: RetentionRule,
    years: u32,
    now: DateTime<Utc>,
) -> Result<Vec<RetentionYears>> {
    let years = check_years(years)?;
    crate::settings::set(store, lead_id, retention::retention(rule).setting, &years.to_string(), now).await?;
    self::years(store).await
}
