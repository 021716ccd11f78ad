//! The archive sweep: a closed case becomes read-only 12 months after closure (or the period
//! the organisation chose), at start-up and daily.

use chrono::{DateTime, Utc};

use super::rules::{self, Status};
use super::sql::{self, StatusEvent};
use crate::Result;
use crate::audit::{Action, Actor};
use crate::store::Store;
use crate::write::{self, ChangeKind};

/// Archives every closed case whose time has passed on `now`'s date; returns the references
/// archived.
pub async fn archive_sweep(store: &Store, now: DateTime<Utc>) -> Result<Vec<String>> {
    let today = crate::domain::calendar::uk_today(now);
    let months = crate::timescales::archive_months(store).await?;
    write::run(store, Actor::System, now, async |w| {
        let at = w.at().to_owned();
        // Only the closures old enough to be due, by index; the rule still decides each one.
        let closed = sql::closed_by(&mut w.sql(), rules::latest_closure_archived_by(today, months)).await?;
        let mut archived = Vec::new();
        for (id, reference, closed_on) in closed {
            if !rules::should_archive(Status::Closed, closed_on, today, months) {
                continue;
            }
            w.case_for_rule(id).await?;
            let event = StatusEvent {
                to: Status::Archived,
                reason: None,
                reason_detail: "",
                note: "",
                effective: today,
                lead_id: None,
            };
            sql::change_status(&mut w.sql(), id, &event, &at).await?;
            w.changed(id, ChangeKind::CaseArchived, "Case archived, 12 months after closure").await?;
            w.audit(Action::CaseArchived, "case", id).await?;
            archived.push(reference);
        }
        Ok(archived)
    })
    .await
}
