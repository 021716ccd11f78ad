//! Printed reports (DOMAIN.md "Printed reports"): closure, evidence for a level change or a
//! family conference, the weekly review summary, the register of children with a child
//! protection plan, the enquiries log and the recovery key sheet, one file each. Each is built
//! as blocks (`layout`), flowed onto A4 pages and drawn with printpdf (`render`), in the
//! screen's words (`words`). Generating one is audited; the file is written only where the
//! lead chose, completely or not at all.

mod annual;
mod appended;
mod case_parts;
mod closure;
mod conference;
mod enquiries_log;
mod evidence;
pub mod fonts;
mod front_sheet;
pub mod layout;
mod my_actions;
pub mod paper_pack;
mod register;
pub mod render;
mod sql;
pub mod subject_access;
mod transfer_log;
mod weekly;
mod words;

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use ts_rs::TS;

use crate::audit::{self, Action, Actor, Entry};
use crate::chronology::rules::EntryKind;
use crate::clock::stamp;
use crate::leads;
use crate::store::Store;
use crate::{Error, ErrorCode, Result};
use layout::{Block, Metrics};
pub use render::{Frame, MARKING};
pub use words::uk_stamp;

/// Which report, and for what.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case", rename_all_fields = "camelCase")]
pub enum ReportRequest {
    Closure {
        #[ts(type = "number")]
        case_id: i64,
    },
    LevelChange {
        #[ts(type = "number")]
        case_id: i64,
        #[ts(type = "number")]
        level_change_id: i64,
    },
    /// A family conference: the chronology between two dates, of the chosen types (all when
    /// none are chosen).
    Conference {
        #[ts(type = "number")]
        case_id: i64,
        #[ts(type = "string")]
        from: NaiveDate,
        #[ts(type = "string")]
        to: NaiveDate,
        kinds: Vec<EntryKind>,
        /// Attached PDFs and images of the case to put after the pack's last page, in order.
        #[serde(default)]
        #[ts(type = "Array<number>")]
        files: Vec<i64>,
    },
    /// One case on one page: its details, warnings, people, plans running, timescales and open
    /// actions.
    FrontSheet {
        #[ts(type = "number")]
        case_id: i64,
    },
    WeeklySummary {
        week: String,
    },
    Register,
    /// The generating lead's open actions.
    MyActions,
    /// Every enquiry received in a period.
    EnquiriesLog {
        #[ts(type = "string")]
        from: NaiveDate,
        #[ts(type = "string")]
        to: NaiveDate,
    },
    /// Every child protection file sent to a new setting and received from one in a period.
    TransferLog {
        #[ts(type = "string")]
        from: NaiveDate,
        #[ts(type = "string")]
        to: NaiveDate,
    },
    /// The annual safeguarding report for a period: anonymised figures with charts.
    Annual {
        #[ts(type = "string")]
        from: NaiveDate,
        #[ts(type = "string")]
        to: NaiveDate,
    },
    /// A subject access copy as it would be released, marked as a draft, to check.
    SubjectAccessDraft {
        #[ts(type = "number")]
        sar_id: i64,
    },
    /// The copy released to the requester, as it was kept.
    SubjectAccessReleased {
        #[ts(type = "number")]
        sar_id: i64,
    },
}

/// Who a report is for and when: every page says so.
struct Context {
    organisation: String,
    lead: String,
    now: DateTime<Utc>,
}

/// A letter of a page or so in the reports' type, from `from`: the demo's attached letter
/// (a PDF a lead might scan in), and tests'.
pub fn letter(from: &str, title: &str, paragraphs: &[&str], now: DateTime<Utc>) -> Result<Vec<u8>> {
    let ctx = Context { organisation: from.to_owned(), lead: from.to_owned(), now };
    let mut blocks = vec![Block::Title(title.to_owned())];
    blocks.extend(paragraphs.iter().map(|p| Block::Para((*p).to_owned())));
    pdf(&ctx, title, None, &blocks)
}

async fn context(store: &Store, lead_id: i64, now: DateTime<Utc>) -> Result<Context> {
    Ok(Context {
        organisation: leads::organisation_name(store).await?,
        lead: leads::find_lead(store, lead_id).await?.name,
        now,
    })
}

fn pdf(ctx: &Context, title: &str, reference: Option<String>, blocks: &[Block]) -> Result<Vec<u8>> {
    let m = Metrics::new(fonts::REGULAR, fonts::BOLD).ok_or_else(|| Error::internal("The report font is damaged."))?;
    let pages = layout::layout(blocks, &m);
    let frame = Frame {
        organisation: ctx.organisation.clone(),
        title: title.to_owned(),
        reference,
        generated: uk_stamp(ctx.now),
        made_at: ctx.now,
        lead: ctx.lead.clone(),
    };
    render::render(&frame, &pages)
}

/// Makes a report's PDF and audits it. `lead_id` is the lead generating it.
pub async fn generate(store: &Store, lead_id: i64, request: &ReportRequest, now: DateTime<Utc>) -> Result<Vec<u8>> {
    let ctx = context(store, lead_id, now).await?;
    let (bytes, record) = match request {
        ReportRequest::Closure { case_id } => {
            (closure::closure(store, &ctx, *case_id).await?, ("case", case_id.to_string()))
        }
        ReportRequest::LevelChange { case_id, level_change_id } => {
            (evidence::level_change(store, &ctx, *case_id, *level_change_id).await?, ("case", case_id.to_string()))
        }
        ReportRequest::Conference { case_id, from, to, kinds, files } => {
            let period = conference::Period { from: *from, to: *to, kinds };
            (
                conference::conference(store, &ctx, lead_id, *case_id, &period, files).await?,
                ("case", case_id.to_string()),
            )
        }
        ReportRequest::FrontSheet { case_id } => {
            (front_sheet::front_sheet(store, &ctx, *case_id).await?, ("case", case_id.to_string()))
        }
        ReportRequest::WeeklySummary { week } => {
            (weekly::weekly_summary(store, &ctx, lead_id, week).await?, ("review_week", week.clone()))
        }
        ReportRequest::Register => (register::register(store, &ctx).await?, ("report", "register".to_owned())),
        ReportRequest::MyActions => {
            (my_actions::my_actions(store, &ctx, lead_id).await?, ("report", "my actions".to_owned()))
        }
        ReportRequest::EnquiriesLog { from, to } => (
            enquiries_log::enquiries_log(store, &ctx, *from, *to).await?,
            ("report", format!("enquiries {from} to {to}")),
        ),
        ReportRequest::TransferLog { from, to } => (
            transfer_log::transfer_log(store, &ctx, *from, *to).await?,
            ("report", format!("transfers {from} to {to}")),
        ),
        ReportRequest::Annual { from, to } => {
            (annual::annual(store, &ctx, *from, *to).await?, ("report", format!("annual {from} to {to}")))
        }
        ReportRequest::SubjectAccessDraft { sar_id } => {
            (subject_access::draft(store, &ctx, *sar_id, now).await?, ("subject_access_request", sar_id.to_string()))
        }
        ReportRequest::SubjectAccessReleased { sar_id } => (
            crate::subject_access::released_copy(store, *sar_id).await?,
            ("subject_access_request", sar_id.to_string()),
        ),
    };
    audit::record(
        store,
        Entry::new(stamp(now), Actor::Lead(lead_id), Action::ReportGenerated).record(record.0, record.1),
    )
    .await?;
    Ok(bytes)
}

/// The recovery key sheet, printed at set-up (nothing is stored yet, so nothing to audit).
pub fn recovery_sheet(organisation: &str, groups: &[String], now: DateTime<Utc>) -> Result<Vec<u8>> {
    let ctx = Context { organisation: organisation.to_owned(), lead: "the person setting up CP Tracker".into(), now };
    let numbered: Vec<(String, String)> =
        groups.iter().enumerate().map(|(i, g)| (format!("Group {}", i + 1), g.clone())).collect();
    let b = vec![
        Block::Title("CP Tracker recovery key".into()),
        Block::Para(
            "This key opens the records if this computer's password store is lost or the records are moved to \
             a new computer. Keep this sheet locked away, apart from the laptop. Anyone with this key and the \
             records file can read the records."
                .into(),
        ),
        Block::Pairs(numbered),
        Block::Para(format!("Key: {}", groups.join("-"))),
    ];
    pdf(&ctx, "Recovery key", None, &b)
}

/// Writes `bytes` to `path` whole: into a temporary file beside it, then renamed, so a
/// failure never leaves half a report where the lead chose to save it. Never inside the data
/// folder `data_dir` (a report there could replace the records, and would lie beside them
/// unencrypted), and never over a file of another kind: an earlier report (or export) may be
/// replaced, as the save dialog asked, but not a database, a backup or a letter.
pub fn write_file(path: &Path, bytes: &[u8], data_dir: &Path) -> Result<()> {
    check_destination(path, &bytes[..bytes.len().min(KIND_BYTES)], data_dir)?;
    write_checked(path, bytes)
}

/// A copy of an attached file saved where the lead chose: as a report is (never inside the
/// data folder, never over a file of another kind, whole or not at all), in its own words.
pub fn write_copy(path: &Path, bytes: &[u8], data_dir: &Path) -> Result<()> {
    match refusal(path, &bytes[..bytes.len().min(KIND_BYTES)], data_dir)? {
        Some(Refusal::InDataFolder) => Err(Error::invalid(
            "A copy cannot be saved in CP Tracker's data folder. Choose another folder; nothing was saved.",
        )),
        Some(Refusal::OtherKind) => Err(Error::invalid(
            "A file with that name already exists and is not this file. Choose another name; nothing was overwritten.",
        )),
        None => write_checked(path, bytes),
    }
}

fn write_checked(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = parent(path);
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(cannot_save)?;
    std::io::Write::write_all(&mut tmp, bytes).map_err(cannot_save)?;
    tmp.as_file().sync_all().map_err(cannot_save)?;
    tmp.persist(path).map_err(|e| cannot_save(e.error))?;
    Ok(())
}

/// How a report's file starts (`%PDF-`), to check where it goes before it is made.
pub const PDF_START: &[u8] = b"%PDF-";

/// Whether a file that starts with `kind` may be saved at `path`: not inside the data folder
/// `data_dir`, and not over a file that starts otherwise. Checked before a report is made (so
/// nothing is generated, or audited, for a save that cannot happen) and again as it is written.
pub fn check_destination(path: &Path, kind: &[u8], data_dir: &Path) -> Result<()> {
    match refusal(path, kind, data_dir)? {
        Some(Refusal::InDataFolder) => Err(Error::invalid(
            "Reports cannot be saved in CP Tracker's data folder. Choose another folder; nothing was saved.",
        )),
        Some(Refusal::OtherKind) => Err(Error::invalid(
            "A file with that name already exists and is not a CP Tracker report. Choose another name; \
             nothing was overwritten.",
        )),
        None => Ok(()),
    }
}

/// Why a file may not be written where the lead chose.
enum Refusal {
    InDataFolder,
    OtherKind,
}

fn refusal(path: &Path, kind: &[u8], data_dir: &Path) -> Result<Option<Refusal>> {
    // Real locations, so a link or `..` cannot lead into the data folder.
    let real = |p: &Path| p.canonicalize().or_else(|_| std::path::absolute(p));
    if let (Ok(dir), Ok(data)) = (real(parent(path)), real(data_dir))
        && dir.starts_with(&data)
    {
        return Ok(Some(Refusal::InDataFolder));
    }
    match std::fs::File::open(path) {
        Ok(file) => {
            let mut start = Vec::with_capacity(KIND_BYTES);
            std::io::Read::read_to_end(&mut std::io::Read::take(file, KIND_BYTES as u64), &mut start)
                .map_err(cannot_save)?;
            Ok((start.as_slice() != kind).then_some(Refusal::OtherKind))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(cannot_save(e)),
    }
}

fn parent(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

fn cannot_save(e: std::io::Error) -> Error {
    Error::new(
        ErrorCode::DataFolder,
        format!("The report could not be saved there ({}). Choose another folder.", e.kind()),
    )
}

/// How much of a file's start says what kind it is: `%PDF-` for a report, the export's first
/// JSON bytes for an export.
pub const KIND_BYTES: usize = 5;
