//! The case list's SQL. Search reads one trigger-kept text per case (`cases.search_text`).
//! On SQLite, a typed word of three characters or more that matches at most
//! `INDEX_MAX_MATCHES` cases is looked up in an FTS5 trigram index over it (`case_search`);
//! any other word is matched by reading a `(status, search_text)` index in the list's order,
//! and, when every word is long enough, counted from a trigram index per status
//! (`case_search_live`, `_closed`, `_archived`).
//! On PostgreSQL a `pg_trgm` index over the column answers `ILIKE` itself, and the planner
//! chooses between it and the list's order, so every word is matched the one way.

use super::CaseRow;
use super::rules::{CaseQuery, INDEX_MAX_MATCHES, PAGE_SIZE, Sort, StatusFilter, Term, terms};
use crate::Result;
use crate::store::db::{Builder, Engine};
use crate::store::{Store, text};

const CP_PLAN: &str = "EXISTS (SELECT 1 FROM plans pl WHERE pl.case_id = c.id AND pl.kind = 'child_protection_plan'
                        AND pl.end_on IS NULL)";

/// A typed word, its trigram query when it is long enough for one, and whether the list looks
/// it up in `case_search` (it matches few enough cases).
pub(super) struct Word {
    term: Term,
    trigram: Option<String>,
    indexed: bool,
}

/// The typed words, each marked for the index when it is long enough for it (migration
/// 20261201000002) and matches at most `INDEX_MAX_MATCHES` cases: one query counts every
/// word's matches, stopping at one more than that.
pub(super) async fn words(store: &Store, typed: &str) -> Result<Vec<Word>> {
    // PostgreSQL's trigram index answers `ILIKE` itself: nothing is looked up there.
    let on_sqlite = store.engine() == Engine::Sqlite;
    let mut words: Vec<Word> = terms(typed)
        .into_iter()
        .map(|term| {
            let trigram = term.indexed_query();
            Word { indexed: on_sqlite && trigram.is_some(), trigram, term }
        })
        .collect();
    let probes: Vec<(usize, String)> = words
        .iter()
        .enumerate()
        .filter(|(_, w)| w.indexed)
        .filter_map(|(i, w)| Some((i, w.trigram.clone()?)))
        .collect();
    if probes.is_empty() {
        return Ok(words);
    }
    let mut q = Builder::new(store.engine(), "");
    for (n, (i, indexed)) in probes.into_iter().enumerate() {
        if n > 0 {
            q.push(" UNION ALL ");
        }
        q.push("SELECT ").push_bind(i as i64);
        q.push(", (SELECT count(*) FROM (SELECT 1 FROM case_search WHERE case_search MATCH ").push_bind(indexed);
        q.push(" LIMIT ").push_bind(i64::from(INDEX_MAX_MATCHES) + 1).push("))");
    }
    let counts: Vec<(i64, i64)> = q.build().fetch_all(&mut store.db()).await?;
    for (i, matches) in counts {
        if let Some(word) = words.get_mut(usize::try_from(i).unwrap_or(usize::MAX))
            && matches > i64::from(INDEX_MAX_MATCHES)
        {
            word.indexed = false;
        }
    }
    Ok(words)
}

/// The WHERE clause every part of the search shares: the typed words, level, lead, CP plan.
fn push_filters(q: &mut Builder, query: &CaseQuery, words: &[Word]) {
    // Both ignore case: SQLite's LIKE does for the ASCII letters search_text's folding leaves.
    let like = match q.engine() {
        Engine::Sqlite => " LIKE ",
        Engine::Postgres => " ILIKE ",
    };
    // A case whose records were removed keeps only its reference: nothing to find.
    q.push(" WHERE NOT EXISTS (SELECT 1 FROM record_removals r WHERE r.case_id = c.id)");
    for Word { term, trigram, indexed } in words {
        // `search_text` holds the folded reference, address, compact postcode and names (see
        // migration 0010). A word the index answers is looked up there; any other is matched
        // against every case's text, in the list's order. Both ignore case.
        if let (true, Some(trigram)) = (indexed, trigram) {
            q.push(" AND (c.id IN (SELECT rowid FROM case_search WHERE case_search MATCH ")
                .push_bind(trigram.clone())
                .push(")");
        } else {
            q.push(" AND (c.search_text").push(like);
            q.push_bind(text::contains_pattern(&term.folded)).push(" ESCAPE '\\'");
            if !term.compact.eq_ignore_ascii_case(&term.folded) {
                q.push(" OR c.search_text").push(like);
                q.push_bind(text::contains_pattern(&term.compact)).push(" ESCAPE '\\'");
            }
        }
        if let Some(date) = term.date {
            q.push(" OR c.id IN (SELECT cp.case_id FROM people p JOIN case_people cp ON cp.person_id = p.id");
            q.push(" WHERE p.date_of_birth = ").push_bind(date).push(")");
        }
        q.push(")");
    }
    if let Some(level) = query.level {
        q.push(" AND c.level = ").push_bind(crate::store::text::as_text(level).unwrap_or_default());
    }
    if let Some(lead) = query.lead_id {
        q.push(" AND c.allocated_lead_id = ").push_bind(lead);
    }
    if query.has_cp_plan {
        q.push(" AND ").push(CP_PLAN);
    }
}

/// How many cases match, by status (as stored), whatever the status filter, and where the
/// count stopped: a word the index answers is counted in full (`None`); otherwise each status
/// is counted up to `up_to` and one more, which says there are more, from the status's own
/// trigram index when it can answer (`status_index_query`), else by reading the status's cases.
/// A short word matches most cases, and counting every one of 100,000 would cost ten times what
/// 10,000 did; stopping keeps it to the few thousand a page can need (issue 27).
pub(super) async fn count_by_status(
    store: &Store,
    query: &CaseQuery,
    words: &[Word],
    up_to: u32,
) -> Result<(Vec<(String, i64)>, Option<u32>)> {
    if words.iter().any(|w| w.indexed) {
        // Each match is looked up from the index's list, and there are few. Asked for one
        // status at a time, SQLite would read every case of that status instead.
        let mut q = Builder::new(store.engine(), "SELECT c.status, count(*) FROM cases c");
        push_filters(&mut q, query, words);
        q.push(" GROUP BY c.status");
        return Ok((q.build().fetch_all(&mut store.db()).await?, None));
    }
    let mut q = Builder::new(store.engine(), "");
    let by_status_index = status_index_query(store, query, words);
    for (n, status) in STATUSES.into_iter().enumerate() {
        if n > 0 {
            q.push(" UNION ALL ");
        }
        // The status is one of `STATUSES`, never typed, so it is written into the SQL.
        q.push("SELECT '").push(status).push("', (SELECT count(*) FROM (SELECT 1 FROM ");
        if let Some(matching) = &by_status_index {
            // From the status's own trigram index alone: no case is read (migration
            // 20261223000000). A case whose records were removed has no text there already.
            let table = status_index(status);
            q.push(table).push(" WHERE ").push(table).push(" MATCH ").push_bind(matching.clone());
            q.push(" AND NOT EXISTS (SELECT 1 FROM record_removals r WHERE r.case_id = ").push(table).push(".rowid)");
        } else {
            q.push("cases c");
            push_filters(&mut q, query, words);
            q.push(" AND c.status = '").push(status).push("'");
        }
        q.push(" LIMIT ").push_bind(i64::from(up_to) + 1).push(") AS matched)");
    }
    Ok((q.build().fetch_all(&mut store.db()).await?, Some(up_to)))
}

/// Fills the per-status trigram indexes from every case's text, for a file whose rows were
/// copied in with its triggers off (a backup of the server's records).
pub(crate) const FILL_STATUS_INDEXES: [&str; 3] = [
    "INSERT INTO case_search_live (rowid, search_text) SELECT id, search_text FROM cases WHERE status = 'live' AND search_text <> ''",
    "INSERT INTO case_search_closed (rowid, search_text) SELECT id, search_text FROM cases WHERE status = 'closed' AND search_text <> ''",
    "INSERT INTO case_search_archived (rowid, search_text) SELECT id, search_text FROM cases WHERE status = 'archived' AND search_text <> ''",
];

/// A case's statuses as stored, in the order the counts are read.
const STATUSES: [&str; 3] = ["live", "closed", "archived"];

/// The trigram index of one status's cases.
fn status_index(status: &str) -> &'static str {
    match status {
        "live" => "case_search_live",
        "closed" => "case_search_closed",
        _ => "case_search_archived",
    }
}

/// The full-text query that counts the search's matches from the per-status indexes, when
/// they alone can answer it: on a laptop's file, with every word long enough for trigrams and
/// none a date of birth (found among people, not in the text), and no filter but the status.
/// At 100,000 cases a word in 4,141 of them ("now") was counted in 0.5 ms so, against 9 ms
/// reading each status's cases until a thousand and one matched.
fn status_index_query(store: &Store, query: &CaseQuery, words: &[Word]) -> Option<String> {
    if store.engine() != Engine::Sqlite
        || words.is_empty()
        || query.level.is_some()
        || query.lead_id.is_some()
        || query.has_cp_plan
    {
        return None;
    }
    let each: Option<Vec<String>> = words
        .iter()
        .map(|w| if w.term.date.is_some() { None } else { w.trigram.as_ref().map(|q| format!("({q})")) })
        .collect();
    Some(each?.join(" AND "))
}

/// The query's page of cases, in its order, each with its plan flag.
pub(super) async fn page(store: &Store, query: &CaseQuery, words: &[Word]) -> Result<Vec<CaseRow>> {
    // The page's cases are picked first, from the sort columns alone; the plan flag is then read
    // for those 100 only, not for every match before the sort.
    let order = match query.sort {
        Sort::Newest => " ORDER BY c.ref_year DESC, c.ref_number DESC",
        Sort::Oldest => " ORDER BY c.ref_year, c.ref_number",
        Sort::RecentlyChanged => " ORDER BY c.updated_at DESC, c.id DESC",
        Sort::HighestLevel => {
            " ORDER BY CASE c.level WHEN 'looked_after' THEN 0 WHEN 'child_protection_plan' THEN 1
               WHEN 'section47_enquiry' THEN 2 WHEN 'child_in_need' THEN 3 WHEN 'early_help' THEN 4 ELSE 5 END,
               c.ref_year DESC, c.ref_number DESC"
        }
        Sort::Postcode => " ORDER BY c.postcode, c.address_line1, c.id",
    };
    let mut q = Builder::new(
        store.engine(),
        "SELECT c.id, c.reference, c.status, c.level, c.address_line1, c.postcode, c.opened_on, l.name AS lead, ",
    );
    q.push(CP_PLAN).push(" AS has_cp_plan FROM cases c LEFT JOIN leads l ON l.id = c.allocated_lead_id");
    q.push(" WHERE c.id IN (SELECT c.id FROM cases c");
    push_filters(&mut q, query, words);
    q.push(match query.status {
        StatusFilter::Open => " AND c.status <> 'archived'",
        StatusFilter::Live => " AND c.status = 'live'",
        StatusFilter::Closed => " AND c.status = 'closed'",
        StatusFilter::Archived => " AND c.status = 'archived'",
        StatusFilter::All => "",
    });
    q.push(order);
    q.push(" LIMIT ").push_bind(i64::from(PAGE_SIZE)).push(" OFFSET ").push_bind(i64::from(query.offset));
    q.push(")").push(order);
    q.build().fetch_all(&mut store.db()).await
}
