//! Children's plans: starting one (Child in Need or Child Protection Plan with categories) and
//! ending it. A plan is never deleted; ending it is the only change it accepts. `rules` checks
//! a plan (pure), `sql` is the area's only SQL, `actions` ties them to the write path.

mod actions;
pub mod rules;
mod sql;

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::FromRow;
use ts_rs::TS;

pub use actions::{end_plan, for_case, start_plan, start_plan_with_level};
pub(crate) use actions::{receive_in, start_plan_in};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub person_id: i64,
    pub child: String,
    pub kind: rules::PlanKind,
    /// In a fixed order; none for Child in Need.
    #[ts(as = "Vec<rules::Category>")]
    pub categories: crate::store::text::List<rules::Category>,
    #[ts(type = "string")]
    pub start_on: NaiveDate,
    #[ts(type = "string | null")]
    pub end_on: Option<NaiveDate>,
    pub local_authority: String,
}
