//! The import: every accepted row written in one write, or nothing, with one chronology entry
//! per case naming its children from the list.

use std::collections::{HashMap, HashSet};
use std::ops::ControlFlow;

use chrono::{DateTime, NaiveDate, Utc};

use super::columns::{self, Field};
use super::matching::{KnownCase, Outcome, Planned as RowPlan};
use super::plan::{counts, parse, plan};
use super::preview::other_worker;
use super::rows::Child;
use super::{ImportResult, LIST_NAME, MAPPING_SETTING};
use crate::audit::{Action, Actor};
use crate::cases::{NewCase, Source};
use crate::chronology::rules::{EntryKind, NewEntry};
use crate::domain::address::Match as AddressMatch;
use crate::domain::calendar::uk_today;
use crate::domain::label::Label;
use crate::people::rules::{NewPerson, Role};
use crate::store::Store;
use crate::write::Write;
use crate::{Error, ErrorCode, Result};

/// A case the import opens: its id, its children's person ids, and their rows.
type NewFamily<'a> = (i64, Vec<i64>, Vec<(&'a Child, &'a RowPlan)>);

/// Imports the list: every accepted row or, on any failure, nothing. `expected_sha256` is the
/// previewed file's, so a file changed after its preview is refused; `same_rows` are the rows
/// whose possible match the lead said is the same child or family (every other possible match
/// is kept apart and marked for checking). `progress(done, total)` is called as rows are
/// written; when it breaks, the import stops and nothing is written (the lead cancelled).
#[allow(clippy::too_many_arguments)]
pub async fn import(
    store: &Store,
    lead_id: i64,
    bytes: &[u8],
    mapping: &[Option<Field>],
    same_rows: &[u32],
    expected_sha256: &str,
    now: DateTime<Utc>,
    progress: &mut (dyn FnMut(usize, usize) -> ControlFlow<()> + Send),
) -> Result<ImportResult> {
    let parsed = parse(bytes)?;
    if parsed.sha256 != expected_sha256 {
        return Err(Error::invalid("The file has changed since the preview: preview it again."));
    }
    let mut w = Write::begin(store, Actor::Lead(lead_id), now).await?;
    let today = uk_today(now);
    let same: HashSet<u32> = same_rows.iter().copied().collect();
    let planned = plan(&mut w.sql(), parsed, Some(mapping), &same, today).await?;
    if let Some(first) = planned.problems.first() {
        return Err(Error::invalid(format!("{first}.")));
    }
    let total = planned.rows.len();
    // Each new case by its first row: the case, its address, and its children's ids and rows.
    let mut families: HashMap<u32, NewFamily> = HashMap::new();
    let mut cases_opened = Vec::new();
    for (done, (row, child, p)) in planned.rows.iter().enumerate() {
        let at_row = |e: Error| Error::invalid(format!("Row {row} could not be imported: {}", e.message));
        match (&p.outcome, child) {
            (Outcome::NewCase, Some(c)) => {
                let new = NewCase {
                    address_line1: c.address_line1.clone(),
                    address_line2: c.address_line2.clone(),
                    town: c.town.clone(),
                    postcode: c.postcode.clone().unwrap_or_default(),
                    source: Source::UnderFivesList,
                    local_authority: c.local_authority.clone(),
                    opened_on: today,
                    cc_registration: None,
                    cc_registration_on: None,
                };
                let (case_id, reference) = crate::cases::open_case_in(&mut w, &new).await.map_err(at_row)?;
                cases_opened.push(reference.to_string());
                let person = add_child(&mut w, case_id, c).await.map_err(at_row)?;
                families.insert(*row, (case_id, vec![person], vec![(c, p)]));
            }
            (Outcome::JoinsNewCase { family_row }, Some(c)) => {
                let (case_id, people, children) = families.get_mut(family_row).ok_or_else(|| {
                    Error::internal("A row joins a family whose case was not opened: nothing was imported.")
                })?;
                people.push(add_child(&mut w, *case_id, c).await.map_err(at_row)?);
                children.push((c, p));
            }
            (Outcome::AddsToCase(known), Some(c)) => {
                let person = add_child(&mut w, known.id, c).await.map_err(at_row)?;
                if known.social_worker.trim().is_empty() {
                    crate::cases::social_worker_from_list_in(&mut w, known.id, &c.social_worker)
                        .await
                        .map_err(at_row)?;
                }
                let entry = list_entry(&[(c, p)], Some(known), vec![person], today, "added to this case");
                crate::chronology::add_entry_in(&mut w, known.id, &entry).await.map_err(at_row)?;
            }
            _ => {}
        }
        if progress(done + 1, total).is_break() {
            return Err(Error::new(ErrorCode::Cancelled, "The import was cancelled: nothing was imported."));
        }
    }
    // One chronology entry per new case, naming all its children from the list; the first
    // social worker the list names for them becomes the case's lead social worker.
    for (case_id, people, children) in families.values() {
        if let Some(worker) = children.iter().map(|(c, _)| c.social_worker.trim()).find(|w| !w.is_empty()) {
            crate::cases::social_worker_from_list_in(&mut w, *case_id, worker).await?;
        }
        let entry = list_entry(children, None, people.clone(), today, "case opened from the list");
        crate::chronology::add_entry_in(&mut w, *case_id, &entry).await?;
    }
    let remembered: HashMap<String, Field> = planned
        .table
        .headers
        .iter()
        .zip(&planned.mapping)
        .filter_map(|(h, f)| f.map(|f| (columns::header_key(h), f)))
        .collect();
    let json =
        serde_json::to_string(&remembered).map_err(|_| Error::internal("The column choices could not be saved."))?;
    crate::settings::set_in(&mut w.sql(), MAPPING_SETTING, &json).await?;
    w.audit(Action::Under5sImported, "under5s_file", &planned.sha256).await?;
    w.commit().await?;
    cases_opened.sort();
    Ok(ImportResult { sha256: planned.sha256, counts: counts(&planned.rows), cases_opened })
}

async fn add_child(w: &mut Write, case_id: i64, c: &Child) -> Result<i64> {
    let person = NewPerson {
        full_name: c.full_name.clone(),
        role: Role::Child,
        date_of_birth: Some(c.date_of_birth),
        expected_date: None,
        gender: c.gender.to_owned(),
        setting: String::new(),
    };
    crate::people::add_person_in(w, case_id, &person).await
}

/// The chronology entry for children written from the list: each child's row and what the
/// list says of them, the address the list gives when it is not the case's, any other social
/// worker the list names, and every possible match kept apart, for the lead to check.
fn list_entry(
    children: &[(&Child, &RowPlan)],
    case: Option<&KnownCase>,
    ids: Vec<i64>,
    today: NaiveDate,
    what: &str,
) -> NewEntry {
    let mut to_check = Vec::new();
    let detail = children
        .iter()
        .map(|(c, p)| {
            let mut line = format!("{} (born {}), row {}", c.full_name, c.date_of_birth.format("%d/%m/%Y"), c.row);
            if let Some(s) = c.status {
                line.push_str(&format!("; social care status: {}", s.label()));
            }
            if !c.social_worker.is_empty() {
                line.push_str(&format!("; social worker: {}", c.social_worker));
            }
            if let Some(differs) = case.and_then(|k| other_worker(c, k)) {
                line.push_str(&format!(" (the case's lead social worker is {})", differs.on_case));
                to_check.push(format!("The list names another social worker for {}: check who it is", c.full_name));
            }
            if !c.local_authority.is_empty() {
                line.push_str(&format!("; local authority: {}", c.local_authority));
            }
            if let (Some(own), Some(theirs)) = (c.address(), case.and_then(KnownCase::address))
                && own.compare(&theirs) != AddressMatch::Same
            {
                let pc = c.postcode.as_deref().unwrap_or_default();
                line.push_str(&format!("; address on the list: {}, {pc}", c.address_line1));
            }
            if let Some(possible) = p.possible.as_ref().filter(|_| !p.same) {
                line.push_str(&format!("; {}", possible.to_check()));
                to_check.push(format!("{}: {}", c.full_name, possible.to_check()));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n");
    to_check.push("Check the family's details, the level and the lead social worker.".to_owned());
    NewEntry {
        event_on: today,
        event_time: None,
        kind: EntryKind::Other,
        info_source: LIST_NAME.to_owned(),
        children: ids,
        summary: format!("On the {LIST_NAME}: {what}"),
        detail,
        action_required: to_check.join("\n"),
        significant: false,
        tags: vec![],
    }
}
