//! Recording and withdrawing a body map's marks through the one write path.

use chrono::{DateTime, Utc};

use super::rules::{NewMark, check_mark, check_withdrawal};
use super::{BodyMark, sql};
use crate::audit::{Action, Actor};
use crate::domain::calendar::uk_today;
use crate::store::Store;
use crate::write::{self, ChangeKind};
use crate::{Error, ErrorCode, Result};

fn not_found() -> Error {
    Error::new(ErrorCode::NotFound, "That mark is not in the records.")
}

/// Adds a mark to the body map of chronology entry `entry_id`; its number, the entry's next.
pub async fn add_mark(store: &Store, lead_id: i64, entry_id: i64, mark: &NewMark, now: DateTime<Utc>) -> Result<i64> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let case_id = sql::case_of_entry(&mut w.sql(), entry_id)
            .await?
            .ok_or_else(|| Error::new(ErrorCode::NotFound, "That chronology entry is not in the records."))?;
        w.case(case_id).await?;
        let children = crate::people::sql::children_of(&mut w.sql(), case_id).await?;
        let mark = check_mark(mark, &children, uk_today(now))?;
        let seen_on = mark.seen_on.ok_or_else(|| Error::internal("A checked mark has its date."))?;
        let at = w.at().to_owned();
        let id = sql::insert(&mut w.sql(), case_id, entry_id, &mark, seen_on, lead_id, &at).await?;
        w.changed(case_id, ChangeKind::BodyMarkAdded, "Body map mark added").await?;
        w.audit(Action::BodyMarkAdded, "body_mark", id).await?;
        Ok(id)
    })
    .await
}

/// Withdraws a mark with the reason: it stays in the history, marked withdrawn.
pub async fn withdraw_mark(store: &Store, lead_id: i64, id: i64, reason: &str, now: DateTime<Utc>) -> Result<()> {
    let reason = check_withdrawal(reason)?;
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let (case_id, withdrawn) = sql::one(&mut w.sql(), id).await?.ok_or_else(not_found)?;
        if withdrawn.is_some() {
            return Err(Error::invalid("This mark is already withdrawn."));
        }
        w.case(case_id).await?;
        let at = w.at().to_owned();
        sql::withdraw(&mut w.sql(), id, &reason, lead_id, &at).await?;
        w.changed(case_id, ChangeKind::BodyMarkWithdrawn, "Body map mark withdrawn").await?;
        w.audit(Action::BodyMarkWithdrawn, "body_mark", id).await
    })
    .await
}

/// A case's marks, by entry and number (withdrawn ones included, marked).
pub async fn for_case(store: &Store, case_id: i64) -> Result<Vec<BodyMark>> {
    sql::of_case(&mut store.db(), case_id).await
}
