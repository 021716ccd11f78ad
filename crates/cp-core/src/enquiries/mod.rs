//! Enquiries: the enquirer first, then the search, what was shared and the same-address flag,
//! then the task of telling the lead social worker. Each step is audited; none is undone.
//! `rules` checks what a lead typed, `sql` is the area's only SQL, `actions` ties them to the
//! write path.

mod actions;
pub mod rules;
mod sql;

use crate::clock::Stamp;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::FromRow;
use ts_rs::TS;

pub use actions::{check_address, close_nothing_to_pass_on, complete, get, informed, list, search, start};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
pub struct EnquiryRow {
    #[ts(type = "number")]
    pub id: i64,
    /// When the enquiry came in, as the lead recorded it.
    #[ts(type = "string")]
    pub received_at: Stamp,
    /// When the lead recorded it.
    #[ts(type = "string | null")]
    pub recorded_at: Option<Stamp>,
    #[ts(type = "string")]
    pub enquired_on: NaiveDate,
    pub lead: String,
    pub enquirer_name: String,
    pub enquirer_organisation: String,
    pub enquirer_role: String,
    pub enquirer_contact: String,
    pub identity_check: rules::IdentityCheck,
    pub identity_detail: String,
    pub subject_name: Option<String>,
    pub about_adult: Option<bool>,
    pub case_reference: Option<String>,
    pub answered: Option<bool>,
    pub what_shared: Option<String>,
    pub social_worker_name_given: Option<bool>,
    pub same_address_reference: Option<String>,
    pub same_address_social_worker: Option<String>,
    #[ts(type = "string | null")]
    pub completed_at: Option<Stamp>,
    #[ts(type = "string | null")]
    pub informed_on: Option<NaiveDate>,
    /// A possible same address the lead was asked about, and their answer ("same", "different").
    pub possible_same_address_reference: Option<String>,
    pub possible_same_address_answer: Option<String>,
    /// Something to tell a lead social worker: the enquiry concerns a case, something was
    /// shared, or it is flagged.
    pub needs_passing_on: bool,
    /// Closed with nothing to pass on.
    #[ts(type = "string | null")]
    pub closed_nothing_to_pass_on_at: Option<Stamp>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct EnquiryFilter {
    #[ts(type = "string | null")]
    pub from: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub to: Option<NaiveDate>,
    pub organisation: String,
    /// Only enquiries with something to pass on whose lead social worker has not been told yet.
    pub outstanding: bool,
}

/// An address asked about that is, or may be, where a child on a running child protection plan
/// lives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlanAddress {
    #[ts(type = "number")]
    pub case_id: i64,
    pub reference: String,
    pub address_line1: String,
    pub postcode: String,
    /// Only possibly the same (same postcode and house number, or another flat of the
    /// building): the lead must say whether it is before the enquiry is recorded.
    pub possible: bool,
    #[serde(skip)]
    pub social_worker: String,
}
