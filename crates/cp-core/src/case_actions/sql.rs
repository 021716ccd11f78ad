//! The actions' SQL.

use chrono::NaiveDate;

use super::rules::{ActionOn, ActionState, Owner};
use super::{ActionRow, CaseAction};
use crate::Result;
use crate::store::Store;
use crate::store::db::{Builder, Conn, query};
use crate::store::text::as_text;

/// An action as the screens show it, with the names of the leads it names.
macro_rules! action_from {
    () => {
        "a.id, a.case_id, a.entry_id, a.concern_id, a.enquiry_id, a.allegation_id, a.what, a.owner_lead_id, COALESCE(o.name, a.owner_name) AS owner,
         a.owner_contact, a.due_on, a.state, a.outcome, a.closed_at, cl.name AS closed_by, a.created_at,
         cr.name AS created_by
         FROM case_actions a LEFT JOIN leads o ON o.id = a.owner_lead_id
         LEFT JOIN leads cl ON cl.id = a.closed_by JOIN leads cr ON cr.id = a.created_by"
    };
}

/// Which open actions a list holds: $1 the owner (any when NULL), $2 due before (any when
/// NULL), $3 the lead reading (not one on an allegation about them). After `case_actions a`.
macro_rules! open_to {
    () => {
        "LEFT JOIN allegations al ON al.id = a.allegation_id
         WHERE a.state = 'open' AND ($1 IS NULL OR a.owner_lead_id = $1) AND ($2 IS NULL OR a.due_on < $2)
           AND (al.id IS NULL OR al.about_lead_id IS NULL OR $3 IS NULL OR al.about_lead_id <> $3)"
    };
}

fn owner_columns(owner: &Owner) -> (Option<i64>, &str, &str) {
    match owner {
        Owner::Lead(id) => (Some(*id), "", ""),
        Owner::Person { name, contact } => (None, name.as_str(), contact.as_str()),
    }
}

/// What an action is on, as its row holds it.
pub(super) struct On {
    pub case_id: Option<i64>,
    pub entry_id: Option<i64>,
    pub concern_id: Option<i64>,
    pub enquiry_id: Option<i64>,
    pub allegation_id: Option<i64>,
}

impl On {
    pub fn new(on: ActionOn, entry_id: Option<i64>, concern_id: Option<i64>) -> Self {
        let none = On { case_id: None, entry_id: None, concern_id: None, enquiry_id: None, allegation_id: None };
        match on {
            ActionOn::Case { case_id } => On { case_id: Some(case_id), entry_id, concern_id, ..none },
            ActionOn::Enquiry { enquiry_id } => On { enquiry_id: Some(enquiry_id), ..none },
            ActionOn::Allegation { allegation_id } => On { allegation_id: Some(allegation_id), ..none },
        }
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn insert(
    conn: &mut Conn<'_>,
    on: &On,
    what: &str,
    owner: &Owner,
    due_on: NaiveDate,
    lead_id: i64,
    at: &str,
) -> Result<i64> {
    let (owner_lead_id, owner_name, owner_contact) = owner_columns(owner);
    query(
        "INSERT INTO case_actions (case_id, entry_id, concern_id, enquiry_id, allegation_id, what, owner_lead_id,
                                   owner_name, owner_contact, due_on, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(on.case_id)
    .bind(on.entry_id)
    .bind(on.concern_id)
    .bind(on.enquiry_id)
    .bind(on.allegation_id)
    .bind(what)
    .bind(owner_lead_id)
    .bind(owner_name)
    .bind(owner_contact)
    .bind(due_on)
    .bind(at)
    .bind(lead_id)
    .one(conn)
    .await
}

/// The action's case (or allegation) and state, read inside the write that changes it.
pub(super) async fn target_and_state(
    conn: &mut Conn<'_>,
    id: i64,
) -> Result<Option<(Option<i64>, Option<i64>, ActionState)>> {
    query("SELECT case_id, allegation_id, state FROM case_actions WHERE id = $1").bind(id).fetch_optional(conn).await
}

/// Whether the concern is one of the case's.
pub(super) async fn concern_on_case(conn: &mut Conn<'_>, concern_id: i64, case_id: i64) -> Result<bool> {
    query("SELECT EXISTS (SELECT 1 FROM concerns WHERE id = $1 AND case_id = $2)")
        .bind(concern_id)
        .bind(case_id)
        .one(conn)
        .await
}

pub(super) async fn enquiry_exists(conn: &mut Conn<'_>, enquiry_id: i64) -> Result<bool> {
    query("SELECT EXISTS (SELECT 1 FROM enquiries WHERE id = $1)").bind(enquiry_id).one(conn).await
}

/// Whether the allegation exists and is not about `lead_id` (who never sees it).
pub(super) async fn allegation_open_to(conn: &mut Conn<'_>, allegation_id: i64, lead_id: i64) -> Result<bool> {
    query(
        "SELECT EXISTS (SELECT 1 FROM allegations WHERE id = $1
                        AND (about_lead_id IS NULL OR about_lead_id <> $2))",
    )
    .bind(allegation_id)
    .bind(lead_id)
    .one(conn)
    .await
}

/// Whether the entry is one of the case's (an action follows an entry of its own case).
pub(super) async fn entry_on_case(conn: &mut Conn<'_>, entry_id: i64, case_id: i64) -> Result<bool> {
    query("SELECT EXISTS (SELECT 1 FROM chronology_entries WHERE id = $1 AND case_id = $2)")
        .bind(entry_id)
        .bind(case_id)
        .one(conn)
        .await
}

/// Whether `lead_id` is an active lead, who can be given an action.
pub(super) async fn active_lead(conn: &mut Conn<'_>, lead_id: i64) -> Result<bool> {
    query("SELECT EXISTS (SELECT 1 FROM leads WHERE id = $1 AND active = TRUE)").bind(lead_id).one(conn).await
}

pub(super) async fn reassign(conn: &mut Conn<'_>, id: i64, owner: &Owner, due_on: NaiveDate) -> Result<()> {
    let (owner_lead_id, owner_name, owner_contact) = owner_columns(owner);
    query(
        "UPDATE case_actions SET owner_lead_id = $1, owner_name = $2, owner_contact = $3, due_on = $4
         WHERE id = $5 AND state = 'open'",
    )
    .bind(owner_lead_id)
    .bind(owner_name)
    .bind(owner_contact)
    .bind(due_on)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

pub(super) async fn end(
    conn: &mut Conn<'_>,
    id: i64,
    state: ActionState,
    note: &str,
    lead_id: i64,
    at: &str,
) -> Result<()> {
    query(
        "UPDATE case_actions SET state = $1, outcome = $2, closed_at = $3, closed_by = $4
         WHERE id = $5 AND state = 'open'",
    )
    .bind(as_text(state)?)
    .bind(note)
    .bind(at)
    .bind(lead_id)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

/// The actions on a case, an enquiry or an allegation: open ones first by due date, then
/// ended ones, newest first.
pub(super) async fn for_target(store: &Store, on: ActionOn) -> Result<Vec<CaseAction>> {
    macro_rules! on_column {
        ($column:literal) => {
            concat!(
                "SELECT ",
                action_from!(),
                " WHERE a.",
                $column,
                " = $1 ORDER BY CASE WHEN a.state = 'open' THEN 0 ELSE 1 END,
                 CASE WHEN a.state = 'open' THEN a.due_on END, a.id DESC"
            )
        };
    }
    let (sql, id) = match on {
        ActionOn::Case { case_id } => (on_column!("case_id"), case_id),
        ActionOn::Enquiry { enquiry_id } => (on_column!("enquiry_id"), enquiry_id),
        ActionOn::Allegation { allegation_id } => (on_column!("allegation_id"), allegation_id),
    };
    query(sql).bind(id).fetch_all(&mut store.db()).await
}

/// Open actions with their case's reference, due first: a lead's own, or every one due
/// before `before` (overdue).
///
/// `viewer` is the lead reading them: an action on an allegation about them is not among them.
pub(super) async fn open_rows(
    store: &Store,
    owner: Option<i64>,
    before: Option<NaiveDate>,
    viewer: Option<i64>,
    limit: Option<i64>,
) -> Result<Vec<ActionRow>> {
    query(concat!(
        "SELECT COALESCE(c.reference, al.reference, 'Enquiry ' || a.enquiry_id) AS reference, ",
        action_from!(),
        " LEFT JOIN cases c ON c.id = a.case_id ",
        open_to!(),
        " ORDER BY a.due_on, a.id
         LIMIT $4"
    ))
    .bind(owner)
    .bind(before)
    .bind(viewer)
    .bind(limit.unwrap_or(i64::MAX))
    .fetch_all(&mut store.db())
    .await
}

/// The first `n` open actions of each of `case_ids` (not empty), soonest due first, each with
/// how many its case has open: numbered per case in one pass over their open actions, the
/// leads' names joined to the ones kept (a case can have dozens; the checklist shows a few).
pub(super) async fn open_first_by_case(store: &Store, case_ids: &[i64], n: i64) -> Result<Vec<(i64, CaseAction)>> {
    let mut q = Builder::new(
        store.engine(),
        "WITH numbered AS (
           SELECT id, ROW_NUMBER() OVER (PARTITION BY case_id ORDER BY due_on, id) AS place,
                  COUNT(*) OVER (PARTITION BY case_id) AS open_on_case
           FROM case_actions WHERE state = 'open' AND case_id IN (",
    );
    q.push_binds(case_ids).push("))\n SELECT numbered.open_on_case, ");
    q.push(concat!(action_from!(), " JOIN numbered ON numbered.id = a.id WHERE numbered.place <= "));
    q.push_bind(n).push(" ORDER BY a.case_id, a.due_on, a.id");
    let rows: Vec<Counted> = q.build().fetch_all(&mut store.db()).await?;
    Ok(rows.into_iter().map(|r| (r.open_on_case, r.action)).collect())
}

#[derive(sqlx::FromRow)]
struct Counted {
    open_on_case: i64,
    #[sqlx(flatten)]
    action: CaseAction,
}

/// How many open actions `open_rows` would list without its limit.
pub(super) async fn open_count(
    store: &Store,
    owner: Option<i64>,
    before: Option<NaiveDate>,
    viewer: Option<i64>,
) -> Result<i64> {
    query(concat!("SELECT COUNT(*) FROM case_actions a ", open_to!()))
        .bind(owner)
        .bind(before)
        .bind(viewer)
        .one(&mut store.db())
        .await
}

/// How many open actions `owner` has due on or before `day`, on cases not archived.
pub(super) async fn due_count(store: &Store, owner: i64, day: NaiveDate) -> Result<i64> {
    query(
        "SELECT COUNT(*) FROM case_actions a LEFT JOIN cases c ON c.id = a.case_id
         WHERE a.state = 'open' AND a.owner_lead_id = $1 AND a.due_on <= $2
           AND (c.id IS NULL OR c.status <> 'archived')",
    )
    .bind(owner)
    .bind(day)
    .one(&mut store.db())
    .await
}
