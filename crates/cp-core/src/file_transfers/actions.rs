//! The transfer log through the one write path: a file sent, its receipt, its chases; and
//! reading the log with each transfer's next chase.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::rules::{self, Chase, NewTransfer, Receipt, Section, check_chase, check_receipt};
use super::{OutgoingTransfer, sql};
use crate::audit::{Action, Actor};
use crate::cases::CaseSummary;
use crate::cases::rules::Closure;
use crate::domain::calendar::uk_today;
use crate::domain::case::Status;
use crate::store::Store;
use crate::write::{self, ChangeKind, Write};
use crate::{Error, ErrorCode, Result};

/// A package made for a transfer, as the log records it.
pub(crate) struct SentFile<'a> {
    pub package_id: &'a str,
    pub digest: &'a str,
    pub records: usize,
    /// From `due_for`, as the paper pack's cover gives it.
    pub due_on: NaiveDate,
}

/// The day a file whose move was confirmed on `moved` must be at the new setting: the
/// working days in Settings, on the case's calendar.
pub async fn due_for(store: &Store, case_id: i64, moved: NaiveDate) -> Result<NaiveDate> {
    let calendar = crate::timescales::case_calendar_in(&mut store.db(), case_id).await?;
    Ok(rules::due_on(&calendar, moved, days(store).await?))
}

/// Records a file sent; returns the transfer's id.
pub(crate) async fn record_sent_in(w: &mut Write, case_id: i64, t: &NewTransfer, sent: &SentFile<'_>) -> Result<i64> {
    w.case(case_id).await?;
    let due_on = sent.due_on;
    let sections =
        serde_json::to_string(&t.sections).map_err(|_| Error::internal("The transfer could not be recorded."))?;
    let (lead_id, at) = (w.lead()?, w.at().to_owned());
    let row = sql::SentRow {
        case_id,
        t,
        package_id: sent.package_id,
        due_on,
        sent_on: uk_today(w.now()),
        sections: &sections,
        digest: sent.digest,
        records: i64::try_from(sent.records).unwrap_or(i64::MAX),
        lead_id,
        at: &at,
    };
    let id = sql::insert_sent(&mut w.sql(), &row).await?;
    let summary = format!("File sent to {} (due there by {})", t.setting, due_on.format("%d/%m/%Y"));
    w.changed(case_id, ChangeKind::FileSent, &summary).await?;
    w.audit(Action::FileSent, "file_transfer", id).await?;
    Ok(id)
}

/// The new setting confirmed the file arrived. Recorded once.
pub async fn record_receipt(store: &Store, lead_id: i64, id: i64, r: &Receipt, now: DateTime<Utc>) -> Result<()> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let (case_id, sent_on, received) = find(w, id).await?;
        if received.is_some() {
            return Err(Error::invalid("The receipt of this file is already recorded."));
        }
        let r = check_receipt(r, sent_on, uk_today(now))?;
        w.case(case_id).await?;
        let at = w.at().to_owned();
        sql::record_receipt(&mut w.sql(), id, &r, lead_id, &at).await?;
        w.changed(
            case_id,
            ChangeKind::FileReceiptRecorded,
            &format!("Receipt of the file confirmed by {}", r.confirmed_by),
        )
        .await?;
        w.audit(Action::FileReceiptRecorded, "file_transfer", id).await?;
        remove_if_due_in(w, case_id).await?;
        Ok(())
    })
    .await
}

/// Closes a case; when its whole file went to a new setting, the receipt is recorded and the
/// organisation keeps no copy, its records are removed in the same write. This is the app's
/// way to close a case: the area that keeps the copy rule is the one that knows to apply it.
pub async fn close_case(
    store: &Store,
    lead_id: i64,
    case_id: i64,
    closure: &Closure,
    now: DateTime<Utc>,
) -> Result<CaseSummary> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        crate::cases::close_case_in(w, case_id, closure).await?;
        remove_if_due_in(w, case_id).await.map(|_| ())
    })
    .await?;
    crate::cases::summary(store, case_id).await
}

/// Removes the case's records when the organisation keeps no copy of a file it has sent, the
/// whole case's file went, its receipt is recorded and the case is closed: called when a
/// receipt is recorded and when a case is closed, so whichever comes last removes them. A
/// file that went for one child leaves the case, and its other children, as they are.
async fn remove_if_due_in(w: &mut Write, case_id: i64) -> Result<bool> {
    if keeps_copy_in(&mut w.sql()).await? {
        return Ok(false);
    }
    if w.case_state(case_id).await?.status == Status::Live || !sql::whole_file_received(&mut w.sql(), case_id).await? {
        return Ok(false);
    }
    if crate::disposal::removal_of_in(&mut w.sql(), case_id).await?.is_some() {
        return Ok(false);
    }
    crate::disposal::remove_case_in(w, case_id, crate::disposal::rules::RemovalRule::FileTransferred, None).await?;
    Ok(true)
}

async fn keeps_copy_in(conn: &mut crate::store::db::Conn<'_>) -> Result<bool> {
    Ok(crate::settings::get_in(conn, rules::KEEP_COPY_SETTING).await?.as_deref() != Some("no"))
}

/// Whether the organisation keeps its copy of a file it has sent (Settings; yes unless set).
pub async fn keeps_copy(store: &Store) -> Result<bool> {
    keeps_copy_in(&mut store.db()).await
}

/// Sets whether the organisation keeps its copy of a file it has sent; audited. Files whose
/// receipt is already recorded are not removed by this: each goes when its case is next closed
/// or a receipt recorded.
pub async fn set_keeps_copy(store: &Store, lead_id: i64, keep: bool, now: DateTime<Utc>) -> Result<bool> {
    crate::settings::set(store, lead_id, rules::KEEP_COPY_SETTING, if keep { "yes" } else { "no" }, now).await?;
    Ok(keep)
}

/// The new setting was chased for a receipt that has not come.
pub async fn record_chase(store: &Store, lead_id: i64, id: i64, c: &Chase, now: DateTime<Utc>) -> Result<()> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let (case_id, sent_on, received) = find(w, id).await?;
        if received.is_some() {
            return Err(Error::invalid("The receipt of this file is already recorded, so there is nothing to chase."));
        }
        let c = check_chase(c, sent_on, uk_today(now))?;
        w.case(case_id).await?;
        let at = w.at().to_owned();
        sql::insert_chase(&mut w.sql(), id, &c, lead_id, &at).await?;
        w.changed(case_id, ChangeKind::FileChased, &format!("New setting chased for the file's receipt: {}", c.note))
            .await?;
        w.audit(Action::FileChased, "file_transfer", id).await
    })
    .await
}

async fn find(w: &mut Write, id: i64) -> Result<(i64, NaiveDate, Option<NaiveDate>)> {
    sql::case_sent_received(&mut w.sql(), id)
        .await?
        .ok_or_else(|| Error::new(ErrorCode::NotFound, "That file transfer does not exist."))
}

/// Working days from a confirmed move by which the file must be at the new setting (Settings).
pub async fn days(store: &Store) -> Result<u32> {
    Ok(crate::settings::get(store, rules::DAYS_SETTING)
        .await?
        .and_then(|v| v.parse().ok())
        .and_then(|d| rules::check_days(d).ok())
        .unwrap_or(rules::DEFAULT_DAYS))
}

/// Sets the working days a transfer has; audited. Transfers already sent keep their due date.
pub async fn set_days(store: &Store, lead_id: i64, days: u32, now: DateTime<Utc>) -> Result<u32> {
    let days = rules::check_days(days)?;
    crate::settings::set(store, lead_id, rules::DAYS_SETTING, &days.to_string(), now).await?;
    Ok(days)
}

/// Each transfer's sections, chases and next chase.
async fn complete(store: &Store, mut rows: Vec<OutgoingTransfer>) -> Result<Vec<OutgoingTransfer>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut chases: HashMap<i64, Vec<super::ChaseRow>> = HashMap::new();
    for c in sql::chases(store, &ids).await? {
        chases.entry(c.transfer_id).or_default().push(c);
    }
    let case_ids: Vec<i64> = rows.iter().map(|r| r.case_id).collect();
    let names = crate::people::case_names(store, &case_ids).await?;
    let mut calendars = HashMap::new();
    for r in &mut rows {
        r.sections = serde_json::from_str::<Vec<Section>>(&r.sections_json).unwrap_or_default();
        r.chases = chases.remove(&r.id).unwrap_or_default();
        r.name = names.get(&r.case_id).cloned().unwrap_or_default();
        if let std::collections::hash_map::Entry::Vacant(e) = calendars.entry(r.case_id) {
            e.insert(crate::timescales::case_calendar_in(&mut store.db(), r.case_id).await?);
        }
        if let Some(calendar) = calendars.get(&r.case_id) {
            let last = r.chases.last().map(|c| c.chased_on);
            r.chase_on = rules::chase_on(calendar, r.due_on, last, r.receipt_on.is_some());
        }
    }
    Ok(rows)
}

/// A case's files sent, newest first.
pub async fn for_case(store: &Store, case_id: i64) -> Result<Vec<OutgoingTransfer>> {
    complete(store, sql::for_case(store, case_id).await?).await
}

/// Every file sent whose receipt is not recorded, soonest due first: the dashboard's
/// "files awaiting receipt", each overdue once its chase date has come.
pub async fn awaiting_receipt(store: &Store) -> Result<Vec<OutgoingTransfer>> {
    complete(store, sql::awaiting_receipt(store).await?).await
}

/// The files sent in a period (the transfer log's), oldest first, each with its chases.
pub async fn sent_between(store: &Store, from: NaiveDate, to: NaiveDate) -> Result<Vec<OutgoingTransfer>> {
    complete(store, sql::sent_between(store, from, to).await?).await
}

/// The files received in a period, oldest first: the case each became, and the file.
pub async fn received_between(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(String, super::ReceivedFile)>> {
    // Received times are stored in UTC; the period is of UK days.
    let start = crate::clock::stamp(crate::domain::calendar::uk_midnight(from));
    let end = crate::clock::stamp(crate::domain::calendar::uk_midnight(to.succ_opt().unwrap_or(to)));
    sql::received_between(store, &start, &end).await
}
