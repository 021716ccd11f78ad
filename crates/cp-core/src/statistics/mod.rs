//! The annual safeguarding report's figures (issue 25): for any period, what governors,
//! trustees and the local safeguarding partnership ask for, counted from the records and
//! anonymised (no names, no references, no count below 5 given exactly: `rules::Count`).
//! A read model over the areas; the printed report and the Statistics screen draw from it.

pub mod rules;
mod sql;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::domain::label::Label;
use crate::store::Store;
use crate::store::text::from_text;
use crate::{Error, FieldError, Result};
use rules::Count;
use sql::Period;

/// One bar: what it counts and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Bar {
    pub label: String,
    pub count: Count,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AnnualFigures {
    #[ts(type = "string")]
    pub from: NaiveDate,
    #[ts(type = "string")]
    pub to: NaiveDate,
    pub cases_opened: Count,
    pub cases_closed: Count,
    pub live_at_end: Count,
    /// Cases open on the last day, by the level they were at then.
    pub by_level: Vec<Bar>,
    /// Cases opened, by how they came to the lead.
    pub by_source: Vec<Bar>,
    /// Child protection plans started, and by category of abuse (a plan under two counts in
    /// both).
    pub plans_started: Count,
    pub by_category: Vec<Bar>,
    pub by_closure_reason: Vec<Bar>,
    /// Referrals made, by agency; those whose decision has come; decisions not to refer.
    pub referrals_by_agency: Vec<Bar>,
    pub referrals_decided: Count,
    pub decisions_not_to_refer: Count,
    pub enquiries: Count,
    /// Allegations against staff and volunteers: a count only.
    pub allegations: Count,
    pub transfers_in: Count,
    pub files_sent: Count,
    pub files_received: Count,
    /// Weeks signed off in the weekly review by each lead, as "Lead 1", "Lead 2"….
    pub reviews_by_lead: Vec<Bar>,
}

fn label_of<T: Label + for<'de> serde::Deserialize<'de>>(stored: &str) -> String {
    from_text::<T>(stored).map(|v| v.label().to_owned()).unwrap_or_else(|_| stored.to_owned())
}

fn bars<T: Label + for<'de> serde::Deserialize<'de>>(rows: Vec<(String, i64)>) -> Vec<Bar> {
    rows.into_iter().map(|(what, n)| Bar { label: label_of::<T>(&what), count: Count::of(n) }).collect()
}

pub fn check_period(from: NaiveDate, to: NaiveDate) -> Result<()> {
    if from > to {
        return Err(Error::fields(vec![FieldError::new(
            "statsTo",
            "The end of the period must be on or after its start",
        )]));
    }
    Ok(())
}

/// The figures for `from` to `to`, both days in.
pub async fn annual(store: &Store, from: NaiveDate, to: NaiveDate) -> Result<AnnualFigures> {
    check_period(from, to)?;
    let p = Period { from, to };
    let mut c = store.db();
    let mut categories: std::collections::BTreeMap<String, i64> = Default::default();
    for (stored, n) in sql::grouped(&mut c, sql::PLAN_CATEGORIES, &p).await? {
        for category in stored.split(',').filter(|s| !s.is_empty()) {
            *categories.entry(category.to_owned()).or_default() += n;
        }
    }
    let reviews = sql::grouped_stamped(&mut c, sql::REVIEWS_BY_LEAD, &p).await?;
    Ok(AnnualFigures {
        from,
        to,
        cases_opened: Count::of(sql::count(&mut c, sql::OPENED, &p).await?),
        cases_closed: Count::of(sql::count(&mut c, sql::CLOSED, &p).await?),
        live_at_end: Count::of(sql::count(&mut c, sql::LIVE_AT_END, &p).await?),
        by_level: bars::<crate::domain::case::Level>(sql::grouped(&mut c, sql::LEVEL_AT_END, &p).await?),
        by_source: bars::<crate::cases::Source>(sql::grouped(&mut c, sql::BY_SOURCE, &p).await?),
        plans_started: Count::of(sql::count(&mut c, sql::PLANS_STARTED, &p).await?),
        by_category: bars::<crate::plans::rules::Category>(categories.into_iter().collect()),
        by_closure_reason: bars::<crate::cases::rules::ClosureReason>(
            sql::grouped(&mut c, sql::BY_CLOSURE_REASON, &p).await?,
        ),
        referrals_by_agency: bars::<crate::referrals::rules::Agency>(
            sql::grouped(&mut c, sql::REFERRALS_BY_AGENCY, &p).await?,
        ),
        referrals_decided: Count::of(sql::count(&mut c, sql::REFERRALS_DECIDED, &p).await?),
        decisions_not_to_refer: Count::of(sql::count(&mut c, sql::NOT_REFERRED, &p).await?),
        enquiries: Count::of(sql::count(&mut c, sql::ENQUIRIES, &p).await?),
        allegations: Count::of(sql::count(&mut c, sql::ALLEGATIONS, &p).await?),
        transfers_in: Count::of(sql::count_stamped(&mut c, sql::TRANSFERS_IN, &p).await?),
        files_sent: Count::of(sql::count(&mut c, sql::FILES_SENT, &p).await?),
        files_received: Count::of(sql::count_stamped(&mut c, sql::FILES_RECEIVED, &p).await?),
        reviews_by_lead: reviews
            .into_iter()
            .enumerate()
            .map(|(i, (_, n))| Bar { label: format!("Lead {}", i + 1), count: Count::of(n) })
            .collect(),
    })
}
