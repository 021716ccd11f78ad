//! The JSON export: every case's page data (or one case's), in a documented, versioned shape.
//!
//! Format `cp-tracker-export`, version 1: `{format, version, exportedAt, organisation,
//! cases: [CasePage]}`, where each `CasePage` is exactly what the case page shows (the
//! TypeScript type of the same name in `ui/src/lib/bindings.ts` documents every field).
//! A new field is added without a version change; a field renamed or removed bumps it.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::Result;
use crate::audit::{self, Action, Actor, Entry};
use crate::case_page::{self, CasePage};
use crate::clock::stamp;
use crate::store::Store;

pub const FORMAT: &str = "cp-tracker-export";
pub const VERSION: u32 = 1;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Export {
    pub format: &'static str,
    pub version: u32,
    pub exported_at: String,
    pub organisation: String,
    pub cases: Vec<CasePage>,
}

/// How an export's file starts (pretty-printed JSON of `Export`), to check where it goes before
/// it is made.
pub const JSON_START: &[u8] = b"{\n  \"";

pub async fn case_id(store: &Store, reference: &str) -> Result<i64> {
    crate::cases::find_by_reference(store, reference).await
}

/// Exports one case or all, audited as `lead_id`.
pub async fn export(store: &Store, lead_id: i64, only: Option<i64>, now: DateTime<Utc>) -> Result<Export> {
    let ids: Vec<i64> = match only {
        Some(id) => vec![id],
        None => crate::cases::all_ids(store).await?,
    };
    let mut pages = Vec::with_capacity(ids.len());
    for id in ids {
        pages.push(case_page::page_data(store, id, now).await?);
    }
    let record = only.map_or_else(|| "all".to_owned(), |id| id.to_string());
    audit::record(store, Entry::new(stamp(now), Actor::Lead(lead_id), Action::ExportMade).record("export", record))
        .await?;
    Ok(Export {
        format: FORMAT,
        version: VERSION,
        exported_at: stamp(now),
        organisation: crate::leads::organisation_name(store).await?,
        cases: pages,
    })
}
