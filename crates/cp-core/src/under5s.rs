//! Importing the "Under 5s known to Social Care" list: a preview that writes nothing, then the
//! import itself in one transaction (every accepted row or none), audited with the file's
//! SHA-256. Importing the same file again writes nothing new: its children are then recorded.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::audit::{self, Action, Actor, Entry};
use crate::cases::{NewCase, Source};
use crate::clock::stamp;
use crate::domain::calendar::uk_today;
use crate::domain::chronology::{EntryKind, NewEntry};
use crate::domain::csv_table::{self, Table};
use crate::domain::person::{NewPerson, Role};
use crate::domain::under5s::{self, Child, Existing, Field, KnownCase, Outcome};
use crate::store::{Store, db_error, leads};
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
    pub postcode: String,
    pub outcome: RowOutcome,
    /// The case matched, for a row that matches one.
    pub case_reference: Option<String>,
    /// The row whose new case this row joins.
    pub family_row: Option<u32>,
    pub reasons: Vec<String>,
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
    rows: Vec<(u32, Option<Child>, Outcome)>,
}

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
        .await
        .map_err(db_error)?;
    // A mapping saved by a later version that this one cannot read is simply not used.
    Ok(value.and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default())
}

/// Every recorded child by name and date of birth, and every family by case postcode and the
/// surname of anyone in the case. Where several cases match, a live one is preferred, then
/// the newest.
/// name, date of birth, role in the case, case id, reference, status, postcode
type KnownPerson = (String, Option<String>, String, i64, String, String, String);

async fn existing(conn: &mut SqliteConnection) -> Result<Existing> {
    let rows: Vec<KnownPerson> = sqlx::query_as(
        "SELECT p.full_name, p.date_of_birth, cp.role, c.id, c.reference, c.status, c.postcode
         FROM case_people cp JOIN people p ON p.id = cp.person_id JOIN cases c ON c.id = cp.case_id
         ORDER BY c.id",
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    let mut found = Existing::default();
    let better = |old: &KnownCase, new: &KnownCase| new.live || !old.live;
    for (name, dob, role, id, reference, status, postcode) in rows {
        let known = KnownCase { id, reference, live: status == "live" };
        if role == "child"
            && let Some(dob) = dob.and_then(|d| d.parse::<NaiveDate>().ok())
        {
            let key = (under5s::name_key(&name), dob);
            match found.children.get(&key) {
                Some(old) if !better(old, &known) => {}
                _ => {
                    found.children.insert(key, known.clone());
                }
            }
        }
        let key = (postcode, under5s::surname_key(&name));
        match found.families.get(&key) {
            Some(old) if !better(old, &known) => {}
            _ => {
                found.families.insert(key, known);
            }
        }
    }
    Ok(found)
}

async fn plan(
    conn: &mut SqliteConnection,
    bytes: &[u8],
    mapping: Option<&[Option<Field>]>,
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
    let rows = if problems.is_empty() {
        let checked: Vec<_> =
            table.rows.iter().map(|(n, cells)| under5s::check_row(*n, cells, &mapping, today)).collect();
        let existing = existing(conn).await?;
        let numbers: Vec<u32> = table.rows.iter().map(|(n, _)| *n).collect();
        under5s::plan(checked, &existing).into_iter().zip(numbers).map(|((c, o), n)| (n, c, o)).collect()
    } else {
        Vec::new()
    };
    Ok(Planned { sha256, table, mapping, problems, rows })
}

fn counts(rows: &[(u32, Option<Child>, Outcome)]) -> ImportCounts {
    let mut c = ImportCounts::default();
    for (_, _, o) in rows {
        match o {
            Outcome::NewCase => {
                c.new_cases += 1;
                c.children_added += 1;
            }
            Outcome::JoinsNewCase { .. } | Outcome::AddsToCase(_) => c.children_added += 1,
            Outcome::AlreadyRecorded(_) => c.already_recorded += 1,
            Outcome::FamilyCaseNotLive(_) => c.family_case_not_live += 1,
            Outcome::Rejected(_) => c.rejected += 1,
        }
    }
    c
}

fn preview_row(
    row: u32,
    cells: &[String],
    mapping: &[Option<Field>],
    child: &Option<Child>,
    outcome: &Outcome,
) -> PreviewRow {
    let (kind, case, family_row, reasons) = match outcome {
        Outcome::NewCase => (RowOutcome::NewCase, None, None, Vec::new()),
        Outcome::JoinsNewCase { family_row } => (RowOutcome::JoinsNewCase, None, Some(*family_row), Vec::new()),
        Outcome::AlreadyRecorded(k) => (RowOutcome::AlreadyRecorded, Some(k), None, Vec::new()),
        Outcome::AddsToCase(k) => (RowOutcome::AddsToCase, Some(k), None, Vec::new()),
        Outcome::FamilyCaseNotLive(k) => (RowOutcome::FamilyCaseNotLive, Some(k), None, Vec::new()),
        Outcome::Rejected(r) => (RowOutcome::Rejected, None, None, r.clone()),
    };
    PreviewRow {
        row,
        child: child.as_ref().map_or_else(|| under5s::raw_name(cells, mapping), |c| c.full_name.clone()),
        date_of_birth: child.as_ref().map(|c| c.date_of_birth.format("%d/%m/%Y").to_string()),
        postcode: child
            .as_ref()
            .and_then(|c| c.postcode.clone())
            .unwrap_or_else(|| under5s::raw_cell(cells, mapping, Field::Postcode).to_owned()),
        outcome: kind,
        case_reference: case.map(|k| k.reference.clone()),
        family_row,
        reasons,
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
    now: DateTime<Utc>,
) -> Result<ImportPreview> {
    let mut conn = store.pool().acquire().await.map_err(db_error)?;
    let planned = plan(&mut conn, bytes, mapping, uk_today(now)).await?;
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
    Ok(ImportPreview {
        sha256: planned.sha256,
        columns,
        problems: planned.problems,
        counts: counts(&planned.rows),
        rows: planned
            .rows
            .iter()
            .zip(&planned.table.rows)
            .map(|((n, c, o), (_, cells))| preview_row(*n, cells, &planned.mapping, c, o))
            .collect(),
        imported_before,
    })
}

/// Imports the list: every accepted row or, on any failure, nothing. `expected_sha256` is the
/// previewed file's, so a file changed after its preview is refused. `progress(done, total)`
/// is called as rows are written.
pub async fn import(
    store: &Store,
    lead_id: i64,
    bytes: &[u8],
    mapping: &[Option<Field>],
    expected_sha256: &str,
    now: DateTime<Utc>,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> Result<ImportResult> {
    let mut tx = store.begin_write().await?;
    let today = uk_today(now);
    let planned = plan(&mut tx, bytes, Some(mapping), today).await?;
    if planned.sha256 != expected_sha256 {
        return Err(Error::invalid("The file has changed since the preview: preview it again."));
    }
    if let Some(first) = planned.problems.first() {
        return Err(Error::invalid(format!("{first}.")));
    }
    let total = planned.rows.len();
    // Each new case by its first row: the case, and its children's ids and rows, for its entry.
    let mut families: HashMap<u32, (i64, Vec<i64>, Vec<&Child>)> = HashMap::new();
    let mut cases_opened = Vec::new();
    for (done, (row, child, outcome)) in planned.rows.iter().enumerate() {
        let at_row = |e: Error| Error::invalid(format!("Row {row} could not be imported: {}", e.message));
        match (outcome, child) {
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
                let (case_id, reference) =
                    crate::cases::open_case_in(&mut tx, lead_id, &new, now).await.map_err(at_row)?;
                cases_opened.push(reference.to_string());
                let person = add_child(&mut tx, lead_id, case_id, c, now).await.map_err(at_row)?;
                families.insert(*row, (case_id, vec![person], vec![c]));
            }
            (Outcome::JoinsNewCase { family_row }, Some(c)) => {
                let (case_id, people, children) = families.get_mut(family_row).ok_or_else(|| {
                    Error::internal("A row joins a family whose case was not opened: nothing was imported.")
                })?;
                people.push(add_child(&mut tx, lead_id, *case_id, c, now).await.map_err(at_row)?);
                children.push(c);
            }
            (Outcome::AddsToCase(known), Some(c)) => {
                let person = add_child(&mut tx, lead_id, known.id, c, now).await.map_err(at_row)?;
                let entry = list_entry(&[c], vec![person], today, "added to this case");
                crate::chronology::add_entry_in(&mut tx, lead_id, known.id, &entry, now).await.map_err(at_row)?;
            }
            _ => {}
        }
        progress(done + 1, total);
    }
    // One chronology entry per new case, naming all its children from the list.
    for (case_id, people, children) in families.values() {
        let entry = list_entry(children, people.clone(), today, "case opened from the list");
        crate::chronology::add_entry_in(&mut tx, lead_id, *case_id, &entry, now).await?;
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
    leads::set_setting(&mut tx, MAPPING_SETTING, &json).await?;
    audit::append(
        &mut tx,
        Entry::new(stamp(now), Actor::Lead(lead_id), Action::Under5sImported).record("under5s_file", &planned.sha256),
    )
    .await?;
    tx.commit().await.map_err(db_error)?;
    cases_opened.sort();
    Ok(ImportResult { sha256: planned.sha256, counts: counts(&planned.rows), cases_opened })
}

async fn add_child(
    tx: &mut SqliteConnection,
    lead_id: i64,
    case_id: i64,
    c: &Child,
    now: DateTime<Utc>,
) -> Result<i64> {
    let person = NewPerson {
        full_name: c.full_name.clone(),
        role: Role::Child,
        date_of_birth: Some(c.date_of_birth),
        expected_date: None,
        gender: c.gender.to_owned(),
        setting: String::new(),
    };
    crate::people::add_person_in(tx, lead_id, case_id, &person, now).await
}

fn list_entry(children: &[&Child], ids: Vec<i64>, today: NaiveDate, what: &str) -> NewEntry {
    let detail = children
        .iter()
        .map(|c| {
            let mut line = format!("{} (born {}), row {}", c.full_name, c.date_of_birth.format("%d/%m/%Y"), c.row);
            if let Some(s) = c.status {
                line.push_str(&format!("; social care status: {}", s.label()));
            }
            if !c.social_worker.is_empty() {
                line.push_str(&format!("; social worker: {}", c.social_worker));
            }
            if !c.local_authority.is_empty() {
                line.push_str(&format!("; local authority: {}", c.local_authority));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n");
    NewEntry {
        event_on: today,
        event_time: None,
        kind: EntryKind::Other,
        info_source: LIST_NAME.to_owned(),
        children: ids,
        summary: format!("On the {LIST_NAME}: {what}"),
        detail,
        action_required: "Check the family's details, the level and the lead social worker.".to_owned(),
    }
}
