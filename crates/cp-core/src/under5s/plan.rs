//! What a file would do, worked out once for the preview and again, inside its write, for the
//! import: the file read (before the write begins: parsing holds no lock), its columns
//! mapped, each row checked and matched.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use super::columns::{self, Field};
use super::csv_table::{self, Table};
use super::matching::{self, Existing, KnownCase, Outcome, Planned as RowPlan};
use super::rows::{self, Child};
use super::{ImportCounts, MAPPING_SETTING, sql};
use crate::store::db::Conn;
use crate::{Error, Result};

/// Everything the preview and the import both work out from the file and the records.
pub(super) struct Planned {
    pub sha256: String,
    pub table: Table,
    pub mapping: Vec<Option<Field>>,
    pub problems: Vec<String>,
    pub rows: Vec<(u32, Option<Child>, RowPlan)>,
    /// Every row's address as the file has it, for the preview's possible matches.
    pub addresses: HashMap<u32, (String, String)>,
}

/// Reads a chosen file, refusing one too big to be a list before reading it.
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>> {
    let cant = |e: std::io::Error| Error::invalid(format!("The file could not be read ({}).", e.kind()));
    csv_table::check_size(std::fs::metadata(path).map_err(cant)?.len())?;
    std::fs::read(path).map_err(cant)
}

pub(super) fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The column choices last saved; one saved by a later version that this one cannot read is
/// simply not used.
async fn remembered(conn: &mut Conn<'_>) -> Result<HashMap<String, Field>> {
    let value = crate::settings::get_in(conn, MAPPING_SETTING).await?;
    Ok(value.and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default())
}

/// Every recorded child by name and date of birth, and every family by case postcode and the
/// surname of anyone in the case, each with its case's address: the address decides.
async fn existing(conn: &mut Conn<'_>) -> Result<Existing> {
    let mut found = Existing::default();
    for p in sql::known_people(conn).await? {
        let known = KnownCase {
            id: p.case_id,
            reference: p.reference,
            live: p.status == "live",
            address_line1: p.address_line1,
            postcode: p.postcode,
            social_worker: p.social_worker,
        };
        if p.role == "child"
            && let Some(dob) = p.date_of_birth
        {
            found.add_child(&p.full_name, dob, known.clone());
        }
        found.add_family(&p.full_name, known);
    }
    Ok(found)
}

/// The file read into its table, with the digest that ties an import to its preview.
pub(super) struct Parsed {
    pub sha256: String,
    pub table: Table,
}

pub(super) fn parse(bytes: &[u8]) -> Result<Parsed> {
    Ok(Parsed { sha256: sha256_hex(bytes), table: csv_table::read(bytes)? })
}

pub(super) async fn plan(
    conn: &mut Conn<'_>,
    Parsed { sha256, table }: Parsed,
    mapping: Option<&[Option<Field>]>,
    same_rows: &HashSet<u32>,
    today: NaiveDate,
) -> Result<Planned> {
    let mapping = match mapping {
        Some(m) if m.len() == table.headers.len() => m.to_vec(),
        Some(_) => return Err(Error::invalid("The file's columns have changed since the preview: preview it again.")),
        None => columns::auto_map(&table.headers, &remembered(conn).await?),
    };
    let problems = columns::mapping_problems(&mapping);
    let mut addresses = HashMap::new();
    let rows = if problems.is_empty() {
        let checked: Vec<_> = table.rows.iter().map(|(n, cells)| rows::check_row(*n, cells, &mapping, today)).collect();
        for c in checked.iter().flatten() {
            addresses.insert(c.row, (c.address_line1.clone(), c.postcode.clone().unwrap_or_default()));
        }
        let existing = existing(conn).await?;
        let numbers: Vec<u32> = table.rows.iter().map(|(n, _)| *n).collect();
        matching::plan(checked, &existing, same_rows).into_iter().zip(numbers).map(|((c, o), n)| (n, c, o)).collect()
    } else {
        Vec::new()
    };
    Ok(Planned { sha256, table, mapping, problems, rows, addresses })
}

pub(super) fn counts(rows: &[(u32, Option<Child>, RowPlan)]) -> ImportCounts {
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
