//! The preview: what importing a file would do, row by row, and nothing written.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::columns::Field;
use super::matching::{KnownCase, Outcome, Planned as RowPlan, Possible};
use super::plan::{Planned, counts, parse, plan};
use super::rows::{self, Child};
use super::{ImportColumn, ImportPreview, PossibleKind, PossibleMatch, PreviewRow, RowOutcome, SocialWorkerDiffers};
use crate::Result;
use crate::audit::{self, Action};
use crate::domain::calendar::uk_today;
use crate::store::Store;

fn possible_match(p: &RowPlan, addresses: &HashMap<u32, (String, String)>) -> Option<PossibleMatch> {
    let possible = p.possible.as_ref()?;
    let kind = if possible.is_child() { PossibleKind::SameChild } else { PossibleKind::SameFamily };
    let (case_reference, row, (address_line1, postcode)) = match possible {
        Possible::ChildInCase(k) | Possible::FamilyCase(k) => {
            (Some(k.reference.clone()), None, (k.address_line1.clone(), k.postcode.clone()))
        }
        Possible::ChildInRow(r) | Possible::FamilyRow(r) => {
            (None, Some(*r), addresses.get(r).cloned().unwrap_or_default())
        }
    };
    Some(PossibleMatch {
        kind,
        case_reference,
        row,
        address_line1,
        postcode,
        same: p.same,
        to_check: possible.to_check(),
    })
}

/// The case a row is written to or matched with, when it is a recorded one.
pub(super) fn matched_case(o: &Outcome) -> Option<&KnownCase> {
    match o {
        Outcome::AlreadyRecorded(k) | Outcome::AddsToCase(k) | Outcome::FamilyCaseNotLive(k) => Some(k),
        _ => None,
    }
}

/// The list and the case each name a lead social worker, and not the same one.
pub(super) fn other_worker(c: &Child, k: &KnownCase) -> Option<SocialWorkerDiffers> {
    let on_list = Some(c.social_worker.trim()).filter(|s| !s.is_empty())?;
    let on_case = Some(k.social_worker.trim()).filter(|s| !s.is_empty())?;
    (rows::name_key(on_list) != rows::name_key(on_case))
        .then(|| SocialWorkerDiffers { on_list: on_list.to_owned(), on_case: on_case.to_owned() })
}

fn social_worker_differs(child: &Option<Child>, o: &Outcome) -> Option<SocialWorkerDiffers> {
    other_worker(child.as_ref()?, matched_case(o)?)
}

fn preview_row(row: u32, cells: &[String], planned: &Planned, child: &Option<Child>, p: &RowPlan) -> PreviewRow {
    let (kind, family_row, reasons) = match &p.outcome {
        Outcome::NewCase => (RowOutcome::NewCase, None, Vec::new()),
        Outcome::JoinsNewCase { family_row } => (RowOutcome::JoinsNewCase, Some(*family_row), Vec::new()),
        Outcome::AlreadyRecorded(_) => (RowOutcome::AlreadyRecorded, None, Vec::new()),
        Outcome::SameAsRow(r) => (RowOutcome::SameAsRow, Some(*r), Vec::new()),
        Outcome::AddsToCase(_) => (RowOutcome::AddsToCase, None, Vec::new()),
        Outcome::FamilyCaseNotLive(_) => (RowOutcome::FamilyCaseNotLive, None, Vec::new()),
        Outcome::Rejected(r) => (RowOutcome::Rejected, None, r.clone()),
    };
    let mapping = &planned.mapping;
    PreviewRow {
        row,
        child: child.as_ref().map_or_else(|| rows::raw_name(cells, mapping), |c| c.full_name.clone()),
        date_of_birth: child.as_ref().map(|c| c.date_of_birth.format("%d/%m/%Y").to_string()),
        address_line1: child.as_ref().map_or_else(
            || rows::raw_cell(cells, mapping, Field::AddressLine1).to_owned(),
            |c| c.address_line1.clone(),
        ),
        postcode: child
            .as_ref()
            .and_then(|c| c.postcode.clone())
            .unwrap_or_else(|| rows::raw_cell(cells, mapping, Field::Postcode).to_owned()),
        outcome: kind,
        case_reference: matched_case(&p.outcome).map(|k| k.reference.clone()),
        family_row,
        reasons,
        possible: possible_match(p, &planned.addresses),
        social_worker_differs: social_worker_differs(child, &p.outcome),
    }
}

/// What importing `bytes` would do, with `mapping` or (when `None`) the remembered or
/// recognised columns. Writes nothing.
pub async fn preview(
    store: &Store,
    bytes: &[u8],
    mapping: Option<&[Option<Field>]>,
    same_rows: &[u32],
    now: DateTime<Utc>,
) -> Result<ImportPreview> {
    let parsed = parse(bytes)?;
    let mut conn = store.db();
    let same: HashSet<u32> = same_rows.iter().copied().collect();
    let planned = plan(&mut conn, parsed, mapping, &same, uk_today(now)).await?;
    let imported_before = audit::last_at(&mut conn, Action::Under5sImported, &planned.sha256).await?;
    let columns = planned
        .table
        .headers
        .iter()
        .enumerate()
        .map(|(i, header)| ImportColumn {
            header: header.clone(),
            field: planned.mapping[i],
            sample: planned
                .table
                .rows
                .iter()
                .filter_map(|(_, cells)| cells.get(i))
                .find(|c| !c.is_empty())
                .cloned()
                .unwrap_or_default(),
        })
        .collect();
    let rows = planned
        .rows
        .iter()
        .zip(&planned.table.rows)
        .map(|((n, c, o), (_, cells))| preview_row(*n, cells, &planned, c, o))
        .collect();
    Ok(ImportPreview {
        counts: counts(&planned.rows),
        sha256: planned.sha256,
        columns,
        problems: planned.problems,
        rows,
        imported_before,
    })
}
