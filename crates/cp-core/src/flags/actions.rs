//! What a lead does with a case's flags, through the one write path.

use chrono::{DateTime, Utc};
use std::collections::HashMap;

use super::rules::{FlagEnd, NewFlag};
use super::{Flag, rules, sql};
use crate::audit::{Action, Actor};
use crate::store::Store;
use crate::write::{self, ChangeKind, Write};
use crate::{Error, ErrorCode, Result};

/// Puts a warning on a case (not an archived one).
pub async fn add(store: &Store, lead_id: i64, case_id: i64, flag: &NewFlag, now: DateTime<Utc>) -> Result<i64> {
    rules::check_flag(flag)?;
    write::run(store, Actor::Lead(lead_id), now, async |w| add_in(w, lead_id, case_id, flag).await).await
}

/// `add` inside a larger write (demo data).
pub async fn add_in(w: &mut Write, lead_id: i64, case_id: i64, flag: &NewFlag) -> Result<i64> {
    let flag = rules::check_flag(flag)?;
    let at = w.at().to_owned();
    w.case(case_id).await?;
    let id = sql::insert(&mut w.sql(), case_id, &flag, lead_id, &at).await?;
    w.changed(case_id, ChangeKind::FlagAdded, &format!("Warning added: {flag}")).await?;
    w.audit(Action::FlagAdded, "case_flag", id).await?;
    Ok(id)
}

/// Ends a flag that no longer applies, with the reason; it stays in the case's history.
pub async fn end(store: &Store, lead_id: i64, id: i64, e: &FlagEnd, now: DateTime<Utc>) -> Result<()> {
    let reason = rules::check_end(e)?;
    let not_found = || Error::new(ErrorCode::NotFound, "That warning does not exist.");
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let at = w.at().to_owned();
        let case_id = match sql::case_and_ended(&mut w.sql(), id).await? {
            None => return Err(not_found()),
            Some((_, true)) => {
                return Err(Error::invalid("That warning has already ended (another lead may have just ended it)."));
            }
            Some((case_id, false)) => case_id,
        };
        w.case(case_id).await?;
        sql::end(&mut w.sql(), id, &reason, lead_id, &at).await?;
        w.changed(case_id, ChangeKind::FlagEnded, &format!("Warning ended: {reason}")).await?;
        w.audit(Action::FlagEnded, "case_flag", id).await
    })
    .await
}

pub async fn for_case(store: &Store, case_id: i64) -> Result<Vec<Flag>> {
    sql::for_case(store, case_id).await
}

/// The words of every flag in force, by case (the weekly review shows them).
pub async fn in_force_by_case(store: &Store) -> Result<HashMap<i64, Vec<String>>> {
    Ok(by_case(sql::in_force(store).await?))
}

/// The words of the flags in force on the cases `ids` (a page of the case list), by case.
pub async fn in_force_on(store: &Store, ids: &[i64]) -> Result<HashMap<i64, Vec<String>>> {
    Ok(by_case(sql::in_force_on(store, ids).await?))
}

fn by_case(rows: Vec<(i64, String)>) -> HashMap<i64, Vec<String>> {
    let mut by_case: HashMap<i64, Vec<String>> = HashMap::new();
    for (case_id, flag) in rows {
        by_case.entry(case_id).or_default().push(flag);
    }
    by_case
}
