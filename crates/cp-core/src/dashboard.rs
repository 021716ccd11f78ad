//! The first screen after sign-in: this week's checklists, what is overdue or due soon, what
//! the other lead changed, which cases archive soon, and live cases by level. A read model
//! above the areas: it reads through each area's own functions and has no SQL of its own.

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::cases::rules::{archive_due, latest_closure_archived_by};
use crate::changes::{self, CaseChanges};
use crate::domain::calendar::{Week, uk_today};
use crate::review::{self, WeekStatus};
use crate::store::Store;
use crate::timescales::rules::{DueItem, DueState};
use crate::{Result, timescales};

/// Cases archiving within this many days are listed.
pub const ARCHIVE_NOTICE_DAYS: u64 = 30;
/// The dashboard lists this many of a lead's actions and of the overdue ones, the most urgent
/// first, and says how many there are in all: an organisation with thousands open would
/// otherwise read and lay out every one at each start ("My actions" prints them all).
pub const ACTIONS_LISTED: i64 = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DueRow {
    #[ts(type = "number")]
    pub case_id: i64,
    pub reference: String,
    /// The case's name from its children, empty when it has none.
    pub name: String,
    pub item: DueItem,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ArchivingSoon {
    #[ts(type = "number")]
    pub case_id: i64,
    pub reference: String,
    /// The case's name from its children, empty when it has none.
    pub name: String,
    #[ts(type = "string")]
    pub archives_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    pub week: String,
    /// This week, for every active lead (the viewer's first).
    pub this_week: Vec<WeekStatus>,
    /// Past weeks not signed off, by anyone.
    pub overdue_weeks: Vec<WeekStatus>,
    /// Overdue and due soon, oldest due date first.
    pub due: Vec<DueRow>,
    pub changes: Vec<CaseChanges>,
    pub archiving_soon: Vec<ArchivingSoon>,
    /// Live cases by level, lowest level first.
    pub live_by_level: Vec<(crate::domain::case::Level, u32)>,
    /// Enquiries whose lead social worker has not been told yet.
    pub enquiries_to_pass_on: Vec<crate::enquiries::EnquiryRow>,
    /// The bank holidays known run out within a year: working days after them are counted
    /// without any.
    pub calendar_warnings: Vec<String>,
    /// The open actions given to the viewer, the soonest due first (at most `ACTIONS_LISTED`).
    pub my_actions: Vec<crate::case_actions::ActionRow>,
    pub my_actions_total: u32,
    /// Open actions past their due date, whoever's, the longest overdue first (at most
    /// `ACTIONS_LISTED`).
    pub overdue_actions: Vec<crate::case_actions::ActionRow>,
    pub overdue_actions_total: u32,
    /// Referrals with no decision received yet, oldest first, each with when to chase it.
    pub referrals_awaiting: Vec<crate::referrals::ReferralRow>,
    /// Escalations not yet resolved, the soonest response due first.
    pub escalations_open: Vec<crate::escalations::EscalationRow>,
    /// Child protection files sent with no receipt recorded, soonest due first, each with when
    /// to chase the new setting.
    pub transfers_awaiting: Vec<crate::file_transfers::OutgoingTransfer>,
    /// Closed cases whose records wait for a decision in the disposal review (Records).
    pub records_for_review: u32,
}

pub async fn dashboard(store: &Store, lead_id: i64, now: DateTime<Utc>) -> Result<Dashboard> {
    let today = uk_today(now);
    let week = Week::containing(today);
    // The areas' reads are independent, so they run at once, each on a connection of the pool:
    // on a server, the dashboard waits for the slowest of them rather than for their sum.
    let enquiries = crate::enquiries::EnquiryFilter { outstanding: true, ..Default::default() };
    let (
        history,
        refs,
        due_by_case,
        months,
        changes,
        live_by_level,
        enquiries_to_pass_on,
        calendar_warnings,
        my_actions,
        overdue_actions,
        referrals_awaiting,
        escalations_open,
        transfers_awaiting,
        records_for_review,
    ) = tokio::try_join!(
        review::history(store, now),
        crate::cases::live_references(store),
        timescales::due_by_case(store, None, now),
        timescales::archive_months(store),
        changes::unacknowledged(store, lead_id),
        crate::cases::live_by_level(store),
        crate::enquiries::list(store, &enquiries),
        crate::timescales::calendar_warnings(store, now),
        crate::case_actions::mine_first(store, lead_id, ACTIONS_LISTED),
        crate::case_actions::overdue_first(store, today, lead_id, ACTIONS_LISTED),
        crate::referrals::awaiting(store),
        crate::escalations::open(store),
        crate::file_transfers::awaiting_receipt(store),
        crate::disposal::awaiting_decision(store, now),
    )?;
    let (mut this_week, past): (Vec<WeekStatus>, Vec<WeekStatus>) =
        history.into_iter().partition(|w| w.week == week.to_string());
    this_week.sort_by_key(|w| w.lead_id != lead_id);
    let overdue_weeks = past.into_iter().filter(|w| w.overdue).collect();

    let refs: std::collections::HashMap<i64, String> = refs.into_iter().collect();
    let mut due: Vec<DueRow> = due_by_case
        .into_iter()
        .flat_map(|(case_id, items)| {
            let reference = refs.get(&case_id).cloned().unwrap_or_default();
            items.into_iter().filter(|i| i.state != DueState::Due).map(move |item| DueRow {
                case_id,
                reference: reference.clone(),
                name: String::new(),
                item,
            })
        })
        .collect();
    due.sort_by(|a, b| (a.item.due_on, &a.reference).cmp(&(b.item.due_on, &b.reference)));

    // Which closed cases archive soon depends on the archive months read above.
    let horizon = today.checked_add_days(Days::new(ARCHIVE_NOTICE_DAYS)).unwrap_or(NaiveDate::MAX);
    let closed = crate::cases::closed_by(store, latest_closure_archived_by(horizon, months)).await?;
    let mut archiving_soon: Vec<ArchivingSoon> = closed
        .into_iter()
        .filter_map(|(case_id, reference, closed_on)| {
            Some(ArchivingSoon {
                case_id,
                reference,
                name: String::new(),
                archives_on: archive_due(closed_on?, months),
            })
        })
        .collect();
    archiving_soon.sort_by_key(|a| a.archives_on);
    let named: Vec<i64> = due.iter().map(|d| d.case_id).chain(archiving_soon.iter().map(|a| a.case_id)).collect();
    let names = crate::people::case_names(store, &named).await?;
    let name_of = |id: i64| names.get(&id).cloned().unwrap_or_default();
    for d in &mut due {
        d.name = name_of(d.case_id);
    }
    for a in &mut archiving_soon {
        a.name = name_of(a.case_id);
    }

    Ok(Dashboard {
        week: week.to_string(),
        this_week,
        overdue_weeks,
        due,
        changes,
        archiving_soon,
        live_by_level: live_by_level.into_iter().map(|(l, n)| (l, u32::try_from(n).unwrap_or(0))).collect(),
        enquiries_to_pass_on,
        calendar_warnings,
        my_actions_total: u32::try_from(my_actions.1).unwrap_or(u32::MAX),
        my_actions: my_actions.0,
        overdue_actions_total: u32::try_from(overdue_actions.1).unwrap_or(u32::MAX),
        overdue_actions: overdue_actions.0,
        referrals_awaiting,
        escalations_open,
        transfers_awaiting,
        records_for_review,
    })
}
