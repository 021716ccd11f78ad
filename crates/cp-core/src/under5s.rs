//! Importing the "Under 5s known to Social Care" list: a preview that writes nothing, then the
//! import itself in one transaction (every accepted row or none), audited with the file's
//! SHA-256. Importing the same file again writes nothing new: its children are then recorded.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::audit::{Action, Actor};
use crate::cases::{NewCase, Source};
use crate::chronology::rules::{EntryKind, NewEntry};
use crate::domain::address::Match as AddressMatch;
use crate::domain::calendar::uk_today;
use crate::domain::csv_table::{self, Table};
use crate::domain::under5s::{self, Child, Existing, Field, KnownCase, Outcome, Planned as RowPlan, Possible};
use crate::people::rules::{NewPerson, Role};
use crate::store::{Store, db_error};
use crate::write::Write;
use crate::{Error, Result};

/// The lead's last column choices, by column name: the next list from the same local
/// authority is mapped without asking again.
const MAPPING_SETTING: &str = "under5s_import_mapping";
const LIST_NAME: &str = "Under 5s known to Social Care list";

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportColumn {
    pub header: String,
    pub field: Option<Field>,
    /// The first non-empty value under it, to help the lead choose.
    pub sample: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RowOutcome {
    NewCase,
    JoinsNewCase,
    AlreadyRecorded,
    /// The same child as an earlier row, as the lead chose.
    SameAsRow,
    AddsToCase,
    FamilyCaseNotLive,
    Rejected,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PreviewRow {
    pub row: u32,
    pub child: String,
    pub date_of_birth: Option<String>,
    pub address_line1: String,
    pub postcode: String,
    pub outcome: RowOutcome,
    /// The case matched, for a row that matches one.
    pub case_reference: Option<String>,
    /// The row whose new case this row joins (or, for `same_as_row`, whose child this is).
    pub family_row: Option<u32>,
    pub reasons: Vec<String>,
    /// A record this row may belong to, for the lead to decide.
    pub possible: Option<PossibleMatch>,
    /// The list names a social worker other than the one the matched case has.
    pub social_worker_differs: Option<SocialWorkerDiffers>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PossibleKind {
    /// The same name and date of birth at another address.
    SameChild,
    /// The same surname and postcode at another address.
    SameFamily,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PossibleMatch {
    pub kind: PossibleKind,
    /// The recorded case, or the earlier row, it may be.
    pub case_reference: Option<String>,
    pub row: Option<u32>,
    /// That record's address, to compare with the row's.
    pub address_line1: String,
    pub postcode: String,
    /// The lead said it is the same; otherwise the row is kept apart and marked for checking.
    pub same: bool,
    /// What the import writes down for the lead to check when kept apart.
    pub to_check: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SocialWorkerDiffers {
    pub on_list: String,
    pub on_case: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportCounts {
    pub new_cases: u32,
    /// Children the import writes: in new cases and added to live ones.
    pub children_added: u32,
    pub already_recorded: u32,
    pub family_case_not_live: u32,
    pub rejected: u32,
    /// Rows that may be a recorded child or family (or an earlier row's), for the lead to decide.
    pub possible_matches: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    /// Hex SHA-256 of the file: the import checks it is still the file previewed.
    pub sha256: String,
    pub columns: Vec<ImportColumn>,
    /// What stops the import with this mapping (a required column not chosen); empty if none.
    pub problems: Vec<String>,
    pub rows: Vec<PreviewRow>,
    pub counts: ImportCounts,
    /// When a file with the same SHA-256 was last imported.
    pub imported_before: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportResult {
    pub sha256: String,
    pub counts: ImportCounts,
    pub cases_opened: Vec<String>,
}

/// Everything the preview and the import both work out from the file and the records.
struct Planned {
    sha256: String,
    table: Table,
    mapping: Vec<Option<Field>>,
    problems: Vec<String>,
    rows: Vec<(u32, Option<Child>, RowPlan)>,
    /// Every row's address as the file has it, for the preview's possible matches.
    addresses: HashMap<u32, (String, String)>,
}

/// A case the import opens: its id, its children's person ids, and their rows.
type NewFamily<'a> = (i64, Vec<i64>, Vec<(&'a Child, &'a RowPlan)>);

/// Reads a chosen file, refusing one too big to be a list before reading it.
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>> {
    let cant = |e: std::io::Error| Error::invalid(format!("The file could not be read ({}).", e.kind()));
    csv_table::check_size(std::fs::metadata(path).map_err(cant)?.len())?;
    std::fs::read(path).map_err(cant)
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

async fn remembered(conn: &mut SqliteConnection) -> Result<HashMap<String, Field>> {
    let value: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
        .bind(MAPPING_SETTING)
        .fetch_optional(&mut *conn)
        .await?;
    // A mapping saved by a later version that this one cannot read is simply not used.
    Ok(value.and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default())
}

/// name, date of birth, role in the case, case id, reference, status, address line 1,
/// postcode, lead social worker
type KnownPerson = (String, Option<String>, String, i64, String, String, String, String, String);

/// Every recorded child by name and date of birth, and every family by case postcode and the
/// surname of anyone in the case, each with its case's address: the address decides.
async fn existing(conn: &mut SqliteConnection) -> Result<Existing> {
    let rows: Vec<KnownPerson> = sqlx::query_as(
        "SELECT p.full_name, p.date_of_birth, cp.role, c.id, c.reference, c.status, c.address_line1, c.postcode,
                c.social_worker_name
         FROM case_people cp JOIN people p ON p.id = cp.person_id JOIN cases c ON c.id = cp.case_id
         ORDER BY c.id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut found = Existing::default();
    for (name, dob, role, id, reference, status, address_line1, postcode, social_worker) in rows {
        let known = KnownCase { id, reference, live: status == "live", address_line1, postcode, social_worker };
        if role == "child"
            && let Some(dob) = dob.and_then(|d| d.parse::<NaiveDate>().ok())
        {
            found.add_child(&name, dob, known.clone());
        }
        found.add_family(&name, known);
    }
    Ok(found)
}

async fn plan(
    conn: &mut SqliteConnection,
    bytes: &[u8],
    mapping: Option<&[Option<Field>]>,
    same_rows: &HashSet<u32>,
    today: NaiveDate,
) -> Result<Planned> {
    let sha256 = sha256_hex(bytes);
    let table = csv_table::read(bytes)?;
    let mapping = match mapping {
        Some(m) if m.len() == table.headers.len() => m.to_vec(),
        Some(_) => return Err(Error::invalid("The file's columns have changed since the preview: preview it again.")),
        None => under5s::auto_map(&table.headers, &remembered(conn).await?),
    };
    let problems = under5s::mapping_problems(&mapping);
    let mut addresses = HashMap::new();
    let rows = if problems.is_empty() {
        let checked: Vec<_> =
            table.rows.iter().map(|(n, cells)| under5s::check_row(*n, cells, &mapping, today)).collect();
        for c in checked.iter().flatten() {
            addresses.insert(c.row, (c.address_line1.clone(), c.postcode.clone().unwrap_or_default()));
        }
        let existing = existing(conn).await?;
        let numbers: Vec<u32> = table.rows.iter().map(|(n, _)| *n).collect();
        under5s::plan(checked, &existing, same_rows).into_iter().zip(numbers).map(|((c, o), n)| (n, c, o)).collect()
    } else {
        Vec::new()
    };
    Ok(Planned { sha256, table, mapping, problems, rows, addresses })
}

fn counts(rows: &[(u32, Option<Child>, RowPlan)]) -> ImportCounts {
    let mut c = ImportCounts::default();
    for (_, _, p) in rows {
        if p.possible.is_some() {
            c.possible_matches += 1;
        }
        match &p.outcome {
            Outcome::NewCase => {
                c.new_cases += 1;
                c.children_added += 1;
            }
            Outcome::JoinsNewCase { .. } | Outcome::AddsToCase(_) => c.children_added += 1,
            Outcome::AlreadyRecorded(_) | Outcome::SameAsRow(_) => c.already_recorded += 1,
            Outcome::FamilyCaseNotLive(_) => c.family_case_not_live += 1,
            Outcome::Rejected(_) => c.rejected += 1,
        }
    }
    c
}

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
fn matched_case(o: &Outcome) -> Option<&KnownCase> {
    match o {
        Outcome::AlreadyRecorded(k) | Outcome::AddsToCase(k) | Outcome::FamilyCaseNotLive(k) => Some(k),
        _ => None,
    }
}

/// The list and the case each name a lead social worker, and not the same one.
fn other_worker(c: &Child, k: &KnownCase) -> Option<SocialWorkerDiffers> {
    let on_list = Some(c.social_worker.trim()).filter(|s| !s.is_empty())?;
    let on_case = Some(k.social_worker.trim()).filter(|s| !s.is_empty())?;
    (under5s::name_key(on_list) != under5s::name_key(on_case))
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
        child: child.as_ref().map_or_else(|| under5s::raw_name(cells, mapping), |c| c.full_name.clone()),
        date_of_birth: child.as_ref().map(|c| c.date_of_birth.format("%d/%m/%Y").to_string()),
        address_line1: child.as_ref().map_or_else(
            || under5s::raw_cell(cells, mapping, Field::AddressLine1).to_owned(),
            |c| c.address_line1.clone(),
        ),
        postcode: child
            .as_ref()
            .and_then(|c| c.postcode.clone())
            .unwrap_or_else(|| under5s::raw_cell(cells, mapping, Field::Postcode).to_owned()),
        outcome: kind,
        case_reference: matched_case(&p.outcome).map(|k| k.reference.clone()),
        family_row,
        reasons,
        possible: possible_match(p, &planned.addresses),
        social_worker_differs: social_worker_differs(child, &p.outcome),
    }
}

async fn imported_before(conn: &mut SqliteConnection, sha256: &str) -> Result<Option<String>> {
    sqlx::query_scalar("SELECT MAX(at) FROM audit_log WHERE action = ? AND record_id = ?")
        .bind(Action::Under5sImported.as_str())
        .bind(sha256)
        .fetch_one(&mut *conn)
        .await
        .map_err(db_error)
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
    let mut conn = store.pool().acquire().await?;
    let same: HashSet<u32> = same_rows.iter().copied().collect();
    let planned = plan(&mut conn, bytes, mapping, &same, uk_today(now)).await?;
    let imported_before = imported_before(&mut conn, &planned.sha256).await?;
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

/// Imports the list: every accepted row or, on any failure, nothing. `expected_sha256` is the
/// previewed file's, so a file changed after its preview is refused; `same_rows` are the rows
/// whose possible match the lead said is the same child or family (every other possible match
/// is kept apart and marked for checking). `progress(done, total)` is called as rows are
/// written.
#[allow(clippy::too_many_arguments)]
pub async fn import(
    store: &Store,
    lead_id: i64,
    bytes: &[u8],
    mapping: &[Option<Field>],
    same_rows: &[u32],
    expected_sha256: &str,
    now: DateTime<Utc>,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> Result<ImportResult> {
    let mut w = Write::begin(store, Actor::Lead(lead_id), now).await?;
    let today = uk_today(now);
    let same: HashSet<u32> = same_rows.iter().copied().collect();
    let planned = plan(w.sql(), bytes, Some(mapping), &same, today).await?;
    if planned.sha256 != expected_sha256 {
        return Err(Error::invalid("The file has changed since the preview: preview it again."));
    }
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
        progress(done + 1, total);
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
        .filter_map(|(h, f)| f.map(|f| (under5s::header_key(h), f)))
        .collect();
    let json =
        serde_json::to_string(&remembered).map_err(|_| Error::internal("The column choices could not be saved."))?;
    crate::settings::set_in(w.sql(), MAPPING_SETTING, &json).await?;
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
    }
}
