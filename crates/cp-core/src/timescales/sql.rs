//! The timescales' SQL: the entries that start and meet each clock, read from
//! `chronology_latest` (each entry's newest revision, kept by a trigger).

use chrono::NaiveDate;

use crate::Result;
use crate::chronology::rules::EntryKind;
use crate::store::Store;
use crate::store::db::{Builder, query};
use crate::store::text::as_text;

/// One entry of a kind that starts or meets a clock: (case, its nation, whether a Child
/// Protection Plan runs, kind, date, time).
pub(super) type ClockEntry = (i64, String, bool, String, NaiveDate, Option<String>);

/// The entries of `kinds` on every live case, or on those of `only` (not empty). Every rule's clock starts at an
/// entry, so a case without one of these kinds has nothing due and is not read.
pub(super) async fn clock_entries(store: &Store, only: Option<&[i64]>, kinds: &[EntryKind]) -> Result<Vec<ClockEntry>> {
    let kinds: Vec<String> = kinds.iter().copied().map(as_text).collect::<Result<_>>()?;
    let mut q = Builder::new(
        store.engine(),
        "SELECT l.case_id, c.nation, EXISTS (SELECT 1 FROM plans pl WHERE pl.case_id = c.id
                                             AND pl.kind = 'child_protection_plan' AND pl.end_on IS NULL),
                l.kind, l.event_on, l.event_time
         FROM cases c JOIN chronology_latest l ON l.case_id = c.id
         WHERE c.status = 'live'",
    );
    if let Some(ids) = only {
        q.push(" AND c.id IN (").push_binds(ids).push(")");
    }
    q.push(" AND l.kind IN (");
    push_kinds(&mut q, kinds);
    q.build().fetch_all(&mut store.db()).await
}

/// The stored kinds, as binds, and the list's closing bracket.
fn push_kinds(q: &mut Builder, kinds: Vec<String>) {
    for (n, kind) in kinds.into_iter().enumerate() {
        if n > 0 {
            q.push(", ");
        }
        q.push_bind(kind);
    }
    q.push(")");
}

/// The nations of the live cases, as stored.
pub(super) async fn live_nations(store: &Store) -> Result<Vec<String>> {
    query("SELECT DISTINCT nation FROM cases WHERE status = 'live'").scalars(&mut store.db()).await
}

/// A case's nation, whose bank holidays its working days skip.
pub(super) async fn case_nation_in(conn: &mut crate::store::db::Conn<'_>, case_id: i64) -> Result<Option<String>> {
    query("SELECT nation FROM cases WHERE id = $1").bind(case_id).scalar(conn).await
}

/// The entries of `kinds` on every case: (case, its nation, kind, date, time).
pub(super) async fn all_clock_entries(
    store: &Store,
    kinds: &[EntryKind],
) -> Result<Vec<(i64, String, String, NaiveDate, Option<String>)>> {
    let kinds: Vec<String> = kinds.iter().copied().map(as_text).collect::<Result<_>>()?;
    let mut q = Builder::new(
        store.engine(),
        "SELECT l.case_id, c.nation, l.kind, l.event_on, l.event_time
         FROM cases c JOIN chronology_latest l ON l.case_id = c.id WHERE l.kind IN (",
    );
    push_kinds(&mut q, kinds);
    q.build().fetch_all(&mut store.db()).await
}

/// Every Child Protection Plan's days: (case, start, end if ended).
pub(super) async fn cp_plans(store: &Store) -> Result<Vec<(i64, NaiveDate, Option<NaiveDate>)>> {
    query("SELECT case_id, start_on, end_on FROM plans WHERE kind = 'child_protection_plan'")
        .fetch_all(&mut store.db())
        .await
}
