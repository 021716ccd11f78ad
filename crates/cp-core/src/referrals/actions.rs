//! What a lead does with a referral, through the one write path. Each referral to children's
//! social care adds its chronology entry (by phone or in writing), and a phone referral's
//! written confirmation adds the entry in writing, so the timescales' clocks (48 hours to
//! confirm, then the strategy discussion) run as they do for entries typed by hand.

use chrono::{DateTime, NaiveDate, Utc};

use super::rules::{Agency, NewReferral, ReferralStep, StepKind, check_referral, check_step};
use super::sql::Made;
use super::{Referral, ReferralRow, sql};
use crate::audit::{Action, Actor};
use crate::chronology::rules::{EntryKind, NewEntry};
use crate::domain::calendar::{Holidays, Nation, uk_today};
use crate::domain::label::Label;
use crate::store::Store;
use crate::write::{self, ChangeKind, Write};
use crate::{Error, ErrorCode, Result};

/// The setting that says how many working days after a referral its decision is chased.
pub const CHASE_SETTING: &str = "referral_chase_days";

fn entry_kind(agency: Agency, by_phone: bool) -> EntryKind {
    match (agency, by_phone) {
        (Agency::ChildrensSocialCare, true) => EntryKind::ReferralByPhone,
        (Agency::ChildrensSocialCare, false) => EntryKind::ReferralInWriting,
        (_, true) => EntryKind::PhoneCall,
        (_, false) => EntryKind::EmailOrLetter,
    }
}

/// Records a referral made (with its chronology entry) or a decision not to refer.
pub async fn record(store: &Store, lead_id: i64, case_id: i64, r: &NewReferral, now: DateTime<Utc>) -> Result<i64> {
    let today = uk_today(now);
    // Checked before the write too, so a form's mistakes never wait for the write lock.
    check_referral(r, today)?;
    write::run(store, Actor::Lead(lead_id), now, async |w| record_in(w, lead_id, case_id, r, today).await).await
}

/// `record` inside a larger write (demo data).
pub async fn record_in(w: &mut Write, lead_id: i64, case_id: i64, r: &NewReferral, today: NaiveDate) -> Result<i64> {
    let made_on = check_referral(r, today)?;
    let (made_to, reasons) = (r.made_to.trim(), r.reasons.trim());
    let at = w.at().to_owned();
    w.case(case_id).await?;
    let entry_id = if r.referred {
        let entry = NewEntry {
            event_on: made_on,
            event_time: None,
            kind: entry_kind(r.agency, r.by_phone),
            info_source: made_to.chars().take(200).collect(),
            children: vec![],
            summary: format!("Referral to {}", r.agency.label()).chars().take(200).collect(),
            detail: reasons.to_owned(),
            action_required: String::new(),
            significant: false,
            tags: vec![],
        };
        Some(crate::chronology::add_entry_in(w, case_id, &entry).await?)
    } else {
        None
    };
    let made = Made {
        case_id,
        entry_id,
        agency: r.agency,
        referred: r.referred,
        by_phone: r.referred && r.by_phone,
        made_on,
        made_to: if r.referred { made_to } else { "" },
        reasons,
    };
    let id = sql::insert(&mut w.sql(), &made, lead_id, &at).await?;
    let words = if r.referred {
        format!("Referral to {} recorded", r.agency.label())
    } else {
        format!("Decision not to refer to {} recorded", r.agency.label())
    };
    w.changed(case_id, ChangeKind::ReferralRecorded, &words).await?;
    w.audit(Action::ReferralRecorded, "case_referral", id).await?;
    Ok(id)
}

/// Takes a step of a referral: written confirmation sent, acknowledgement or decision
/// received. Each once.
pub async fn step(store: &Store, lead_id: i64, id: i64, s: &ReferralStep, now: DateTime<Utc>) -> Result<()> {
    let today = uk_today(now);
    write::run(store, Actor::Lead(lead_id), now, async |w| step_in(w, id, s, today).await).await
}

/// `step` inside a larger write (demo data).
pub async fn step_in(w: &mut Write, id: i64, s: &ReferralStep, today: NaiveDate) -> Result<()> {
    let not_found = || Error::new(ErrorCode::NotFound, "That referral does not exist.");
    let r = sql::find_in(&mut w.sql(), id).await?.ok_or_else(not_found)?;
    let case_id = r.case_id;
    w.case(case_id).await?;
    if !r.referred {
        return Err(Error::invalid("A decision not to refer has no steps to follow."));
    }
    let taken = match s.step {
        StepKind::Confirmed => r.confirmed_on.is_some(),
        StepKind::Acknowledged => r.acknowledged_on.is_some(),
        StepKind::Decided => r.decided_on.is_some(),
    };
    if taken {
        return Err(Error::invalid(
            "That step of the referral is already recorded (another lead may have just recorded it).",
        ));
    }
    let on = check_step(s, r.made_on, today)?;
    let words = match s.step {
        StepKind::Confirmed => {
            if r.by_phone {
                // The written confirmation meets the phone referral's clock.
                let entry = NewEntry {
                    event_on: on,
                    event_time: None,
                    kind: entry_kind(r.agency, false),
                    info_source: r.made_to.clone(),
                    children: vec![],
                    summary: format!("Written confirmation of the referral to {}", r.agency.label()),
                    detail: String::new(),
                    action_required: String::new(),
                    significant: false,
                    tags: vec![],
                };
                crate::chronology::add_entry_in(w, case_id, &entry).await?;
            }
            "Referral confirmed in writing"
        }
        StepKind::Acknowledged => "Referral acknowledged",
        StepKind::Decided => "Referral decision received",
    };
    sql::take_step(&mut w.sql(), id, s.step, on, s.decision.trim()).await?;
    w.changed(case_id, ChangeKind::ReferralStep, words).await?;
    w.audit(Action::ReferralStep, "case_referral", id).await
}

/// When each referral without a decision is to be chased: `days` working days after it was
/// made, on its case's calendar.
async fn with_chase<'a>(store: &Store, referrals: impl Iterator<Item = &'a mut Referral>) -> Result<()> {
    let days = chase_days(store).await?;
    let extra = crate::timescales::extra_holidays(store).await?;
    let mut calendars: std::collections::HashMap<Nation, Holidays> = std::collections::HashMap::new();
    for r in referrals.filter(|r| r.referred && r.decided_on.is_none()) {
        let nation: Nation = crate::store::text::from_text(&r.nation).unwrap_or_default();
        let calendar = calendars.entry(nation).or_insert_with(|| Holidays::for_nation(nation, &extra));
        r.chase_on = Some(calendar.add_working_days(r.made_on, days));
    }
    Ok(())
}

/// Working days after a referral before its missing decision is chased (Settings).
pub async fn chase_days(store: &Store) -> Result<u32> {
    Ok(crate::settings::get(store, CHASE_SETTING)
        .await?
        .and_then(|v| v.parse::<u32>().ok())
        .and_then(|d| super::rules::check_chase_days(d).ok())
        .unwrap_or(super::rules::CHASE_DAYS_DEFAULT))
}

/// Sets how many working days a decision is awaited before it is chased; audited.
pub async fn set_chase_days(store: &Store, lead_id: i64, days: u32, now: DateTime<Utc>) -> Result<u32> {
    let days = super::rules::check_chase_days(days)?;
    crate::settings::set(store, lead_id, CHASE_SETTING, &days.to_string(), now).await?;
    Ok(days)
}

/// A case's referrals and decisions not to refer, newest first.
pub async fn for_case(store: &Store, case_id: i64) -> Result<Vec<Referral>> {
    let mut referrals = sql::for_case(store, case_id).await?;
    with_chase(store, referrals.iter_mut()).await?;
    Ok(referrals)
}

/// Every referral still without a decision ("no outcome yet"), oldest first, with when to chase it.
pub async fn awaiting(store: &Store) -> Result<Vec<ReferralRow>> {
    let mut rows = sql::awaiting(store).await?;
    with_chase(store, rows.iter_mut().map(|r| &mut r.referral)).await?;
    Ok(rows)
}

/// Whether a referral's chase date has come (`today` or earlier).
pub fn chase_due(r: &Referral, today: NaiveDate) -> bool {
    r.chase_on.is_some_and(|on| on <= today)
}
