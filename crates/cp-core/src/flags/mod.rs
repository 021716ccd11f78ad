//! Flags on a case (issue 22): a short warning a lead must see before acting, shown at the top
//! of the case, in the case list and on the weekly review; added and ended with a reason,
//! never deleted. `rules` (pure), `sql` (the area's only SQL), `actions` (the write path).

mod actions;
pub mod rules;
mod sql;

use serde::Serialize;
use sqlx::FromRow;
use ts_rs::TS;

use crate::clock::Stamp;

pub use actions::{add, add_in, end, for_case, in_force_by_case, in_force_on};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Flag {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub case_id: i64,
    pub flag: String,
    #[ts(type = "string")]
    pub added_at: Stamp,
    pub added_by: String,
    #[ts(type = "string | null")]
    pub ended_at: Option<Stamp>,
    pub ended_by: Option<String>,
    pub end_reason: String,
}
