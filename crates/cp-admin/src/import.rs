//! `import-under5s`: the same preview and import as the app's, printed as text.

use std::path::Path;

use std::ops::ControlFlow;

use chrono::{DateTime, Utc};
use cp_core::domain::label::Label;
use cp_core::store::Store;
use cp_core::under5s::Field;
use cp_core::under5s::{self, ImportPreview, RowOutcome};
use cp_core::{Error, Result};

/// The names `--column FIELD=COLUMN` takes.
fn field_name(f: Field) -> String {
    let json = serde_json::to_value(f).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
    // camelCase → kebab-case: dateOfBirth → date-of-birth
    json.chars()
        .flat_map(|c| if c.is_ascii_uppercase() { vec!['-', c.to_ascii_lowercase()] } else { vec![c] })
        .collect()
}

fn parse_field(name: &str) -> Result<Field> {
    Field::ALL.iter().copied().find(|f| field_name(*f) == name.trim()).ok_or_else(|| {
        let names: Vec<String> = Field::ALL.iter().copied().map(field_name).collect();
        Error::invalid(format!("There is no field {name:?}; the fields are: {}.", names.join(", ")))
    })
}

/// The mapping the import would choose, with each `FIELD=COLUMN` from the command line put
/// in its place.
fn mapping(preview: &ImportPreview, overrides: &[String]) -> Result<Vec<Option<Field>>> {
    let mut mapping: Vec<Option<Field>> = preview.columns.iter().map(|c| c.field).collect();
    for o in overrides {
        let (field, column) = o.split_once('=').ok_or_else(|| {
            Error::invalid(format!("--column takes FIELD=COLUMN, like date-of-birth=DOB, not {o:?}."))
        })?;
        let field = parse_field(field)?;
        let i = preview
            .columns
            .iter()
            .position(|c| c.header.eq_ignore_ascii_case(column.trim()))
            .ok_or_else(|| Error::invalid(format!("The file has no column called {:?}.", column.trim())))?;
        for m in mapping.iter_mut() {
            if *m == Some(field) {
                *m = None;
            }
        }
        mapping[i] = Some(field);
    }
    Ok(mapping)
}

fn outcome_words(r: &cp_core::under5s::PreviewRow) -> String {
    let case = r.case_reference.as_deref().unwrap_or("");
    match r.outcome {
        RowOutcome::NewCase => "new case".to_owned(),
        RowOutcome::JoinsNewCase => format!("joins the new case of row {}", r.family_row.unwrap_or(0)),
        RowOutcome::AlreadyRecorded => format!("already recorded in case {case}: nothing written"),
        RowOutcome::SameAsRow => format!("the same child as row {}: nothing written", r.family_row.unwrap_or(0)),
        RowOutcome::AddsToCase => format!("added to the family's live case {case}"),
        RowOutcome::FamilyCaseNotLive => format!("the family's case {case} is not live: nothing written"),
        RowOutcome::Rejected => format!("rejected: {}", r.reasons.join("; ")),
    }
}

/// What the lead should look at after the import, for a row that has it.
fn notes(r: &cp_core::under5s::PreviewRow) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(p) = &r.possible {
        // The command line never merges a possible match: it is kept apart and marked.
        notes.push(format!("{} (kept apart; the case's chronology asks the lead to check)", p.to_check));
    }
    if let Some(sw) = &r.social_worker_differs {
        notes.push(format!("the list names social worker {}, the case has {}", sw.on_list, sw.on_case));
    }
    notes
}

fn print_preview(p: &ImportPreview) {
    println!("SHA-256: {}", p.sha256);
    if let Some(at) = &p.imported_before {
        println!("This file was imported before, at {at}.");
    }
    println!("Columns:");
    for c in &p.columns {
        let to = c.field.map_or_else(|| "not imported".to_owned(), |f| format!("{} ({})", f.label(), field_name(f)));
        println!("  {:?} → {to}", c.header);
    }
    for problem in &p.problems {
        println!("To fix: {problem} (use --column FIELD=COLUMN).");
    }
    let c = &p.counts;
    println!(
        "Rows: {}. New cases: {}. Children added: {}. Already recorded: {}. Family case not live: {}. Rejected: {}. \
         Possible matches to check: {}.",
        p.rows.len(),
        c.new_cases,
        c.children_added,
        c.already_recorded,
        c.family_case_not_live,
        c.rejected,
        c.possible_matches
    );
    println!("Row numbers are as in the spreadsheet: the header is row 1.");
    for r in &p.rows {
        let dob = r.date_of_birth.as_deref().unwrap_or("");
        println!("Row {}: {} ({}, {}): {}", r.row, r.child, dob, r.postcode, outcome_words(r));
        for note in notes(r) {
            println!("  Check: {note}");
        }
    }
}

pub async fn run(
    store: &Store,
    lead: i64,
    file: &Path,
    columns: &[String],
    dry_run: bool,
    now: DateTime<Utc>,
) -> Result<()> {
    let bytes = under5s::read_file(file)?;
    let first = under5s::preview(store, &bytes, None, &[], now).await?;
    let mapping = mapping(&first, columns)?;
    let preview = under5s::preview(store, &bytes, Some(&mapping), &[], now).await?;
    print_preview(&preview);
    if let Some(problem) = preview.problems.first() {
        return Err(Error::invalid(format!("Nothing imported: {problem}.")));
    }
    if dry_run {
        println!("Dry run: nothing written.");
        return Ok(());
    }
    let done =
        under5s::import(
            store,
            lead,
            &bytes,
            &mapping,
            &[],
            &preview.sha256,
            now,
            &mut |_, _| ControlFlow::Continue(()),
        )
        .await?;
    println!(
        "Imported: {} new case(s){}; children added: {}.",
        done.cases_opened.len(),
        if done.cases_opened.is_empty() { String::new() } else { format!(" ({})", done.cases_opened.join(", ")) },
        done.counts.children_added
    );
    Ok(())
}
