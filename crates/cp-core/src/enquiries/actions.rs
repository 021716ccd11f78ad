//! What a lead does with an enquiry, each step through the one write path. Each step reads the
//! enquiry inside its write, so two leads cannot both record the same step.

use chrono::{DateTime, NaiveDate, Utc};

use super::rules::{
    Enquirer, EnquiryAnswer, IdentityCheck, check_answer, check_enquirer, check_informed, needs_passing_on,
};
use super::{EnquiryFilter, EnquiryRow, PlanAddress, sql};
use crate::audit::{Action, Actor};
use crate::cases::rules::Status;
use crate::chronology::add_entry_in;
use crate::chronology::rules::{EntryKind, NewEntry};
use crate::domain::address::{Address, Match};
use crate::domain::calendar::uk_today;
use crate::search::CaseSearch;
use crate::search::rules::{CaseQuery, StatusFilter};
use crate::store::Store;
use crate::store::db::Conn;
use crate::write::{self, Write};
use crate::{Error, ErrorCode, FieldError, Result};

pub async fn get(store: &Store, id: i64) -> Result<EnquiryRow> {
    found(&mut store.db(), id).await
}

async fn found(db: &mut Conn<'_>, id: i64) -> Result<EnquiryRow> {
    sql::get(db, id).await?.ok_or_else(|| Error::new(ErrorCode::NotFound, "That enquiry does not exist."))
}

/// An enquiry whose second step (what was asked and shared) is still to be recorded.
async fn open(db: &mut Conn<'_>, id: i64) -> Result<EnquiryRow> {
    let row = found(db, id).await?;
    if row.completed_at.is_some() {
        return Err(Error::invalid("This enquiry is already recorded."));
    }
    Ok(row)
}

/// Step one: who is asking. Nothing about any case is shown before this is recorded.
pub async fn start(store: &Store, lead_id: i64, enquirer: &Enquirer, now: DateTime<Utc>) -> Result<i64> {
    let (e, received) = check_enquirer(enquirer, now)?;
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let at = w.at().to_owned();
        let id = sql::insert(&mut w.sql(), lead_id, &e, received, &at).await?;
        w.audit(Action::EnquiryStarted, "enquiry", id).await?;
        Ok(id)
    })
    .await
}

/// Step two's search, open only inside an enquiry whose enquirer is recorded.
pub async fn search(store: &Store, enquiry_id: i64, text: &str) -> Result<CaseSearch> {
    open(&mut store.db(), enquiry_id).await?;
    let query = CaseQuery { text: text.to_owned(), status: StatusFilter::All, ..CaseQuery::default() };
    crate::search::search(store, &query).await
}

/// The plan child's address this one matches: the same one first, else a possible one.
async fn plan_address(store: &Store, line1: &str, postcode: &str) -> Result<Option<PlanAddress>> {
    let Some(asked) = Address::new(line1, postcode) else { return Ok(None) };
    if !asked.has_line() {
        return Ok(None);
    }
    let mut found: Option<PlanAddress> = None;
    for c in sql::plan_cases_at(store, &asked.postcode).await? {
        let m = Address::new(&c.address_line1, &c.postcode).map_or(Match::Different, |a| asked.compare(&a));
        let possible = match m {
            Match::Same => false,
            Match::Possible => true,
            Match::Different => continue,
        };
        if found.as_ref().is_none_or(|f| f.possible && !possible) {
            found = Some(PlanAddress {
                case_id: c.case_id,
                reference: c.reference,
                address_line1: c.address_line1,
                postcode: c.postcode,
                possible,
                social_worker: c.social_worker,
            });
        }
    }
    Ok(found)
}

/// Whether the address asked about in an open enquiry is, or may be, a plan child's: the
/// screen asks the lead about a possible one before the enquiry can be recorded.
pub async fn check_address(store: &Store, enquiry_id: i64, line1: &str, postcode: &str) -> Result<Option<PlanAddress>> {
    open(&mut store.db(), enquiry_id).await?;
    plan_address(store, line1, postcode).await
}

/// Step two: what was asked about and what was shared. Flags a same-address child on a
/// plan; an enquiry about a case is added to its chronology in the same write.
pub async fn complete(
    store: &Store,
    lead_id: i64,
    id: i64,
    answer: &EnquiryAnswer,
    now: DateTime<Utc>,
) -> Result<EnquiryRow> {
    let row = open(&mut store.db(), id).await?;
    let anonymous = row.identity_check == IdentityCheck::Anonymous;
    let a = check_answer(answer, anonymous)?;
    let plan = plan_address(store, &a.subject_address_line1, &a.subject_postcode).await?;
    // A possible same address is the lead's to answer; the answer is kept either way.
    let (flag, possible) = match &plan {
        Some(p) if !p.possible => (Some((p.case_id, p.social_worker.clone())), None),
        Some(p) => match a.same_address_answer.filter(|ans| ans.case_id == p.case_id) {
            Some(ans) => (ans.same.then(|| (p.case_id, p.social_worker.clone())), Some((p.case_id, ans.same))),
            None => {
                return Err(Error::fields(vec![FieldError::new(
                    "sameAddressAnswer",
                    "This address may be where a child on a child protection plan lives: say whether it is the same address",
                )]));
            }
        },
        None => (None, None),
    };
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let row = open(&mut w.sql(), id).await?;
        let about = match a.case_id {
            Some(case_id) => Some((case_id, w.case_state(case_id).await?.status)),
            None => None,
        };
        let at = w.at().to_owned();
        sql::complete(&mut w.sql(), id, &a, flag.as_ref(), possible, &at).await?;
        w.audit(Action::EnquiryRecorded, "enquiry", id).await?;
        // An archived case keeps its record as it was; the enquiry itself is still kept.
        if let Some((case_id, status)) = about
            && status != Status::Archived
        {
            let entry = chronology_entry(&row, &a, uk_today(w.now()));
            add_entry_in(w, case_id, &entry).await?;
        }
        found(&mut w.sql(), id).await
    })
    .await
}

/// The enquiry as its case's chronology shows it.
fn chronology_entry(row: &EnquiryRow, a: &EnquiryAnswer, today: NaiveDate) -> NewEntry {
    let organisation = row.enquirer_organisation.as_str();
    let summary = format!(
        "Enquiry from {} ({}): {}",
        if organisation.is_empty() { "an anonymous enquirer" } else { organisation },
        if row.enquirer_name.is_empty() { "name not given" } else { row.enquirer_name.as_str() },
        if a.answered { "information shared" } else { "nothing shared" },
    );
    NewEntry {
        event_on: today,
        event_time: None,
        kind: EntryKind::Enquiry,
        info_source: if organisation.is_empty() { "Anonymous".into() } else { organisation.to_owned() },
        children: vec![],
        summary: summary.chars().take(200).collect(),
        detail: a.what_shared.clone(),
        action_required: "Inform the lead social worker of this enquiry".into(),
        significant: false,
        tags: vec![],
    }
}

/// The lead social worker was told of the enquiry on `on`.
pub async fn informed(store: &Store, lead_id: i64, id: i64, on: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let row = found(&mut w.sql(), id).await?;
        if row.informed_on.is_some() {
            return Err(Error::invalid("The lead social worker was already recorded as told."));
        }
        if row.closed_nothing_to_pass_on_at.is_some() {
            return Err(Error::invalid("This enquiry was closed with nothing to pass on."));
        }
        check_informed(on, row.enquired_on, uk_today(w.now()))?;
        sql::set_informed(&mut w.sql(), id, on, lead_id).await?;
        w.audit(Action::EnquiryInformed, "enquiry", id).await
    })
    .await
}

/// Closes a recorded enquiry that has nothing to pass on to a lead social worker, so it no
/// longer waits on the dashboard for a step that does not apply.
pub async fn close_nothing_to_pass_on(store: &Store, lead_id: i64, id: i64, now: DateTime<Utc>) -> Result<()> {
    write::run(store, Actor::Lead(lead_id), now, async |w: &mut Write| {
        let row = found(&mut w.sql(), id).await?;
        if row.completed_at.is_none() {
            return Err(Error::invalid("Record what the enquiry was about first."));
        }
        if row.closed_nothing_to_pass_on_at.is_some() {
            return Err(Error::invalid("This enquiry is already closed."));
        }
        let flagged = row.same_address_reference.is_some();
        if needs_passing_on(row.case_reference.is_some(), row.answered == Some(true), flagged) {
            return Err(Error::invalid(
                "This enquiry has something to pass on to the lead social worker: record when they were told instead.",
            ));
        }
        let at = w.at().to_owned();
        sql::set_closed(&mut w.sql(), id, lead_id, &at).await?;
        w.audit(Action::EnquiryClosed, "enquiry", id).await
    })
    .await
}

/// Enquiries newest first, filtered.
pub async fn list(store: &Store, f: &EnquiryFilter) -> Result<Vec<EnquiryRow>> {
    sql::list(store, f).await
}
