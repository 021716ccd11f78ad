//! A subject access copy (issue 25): the case's whole file as the requester is given it, with
//! every withheld word taken out of the text before the page is drawn, so nothing of it is in
//! the PDF at all (not a black box over live text), and a marker with its reason's code in its
//! place. A draft to check, and the copy released, kept whole with the request.

use chrono::{DateTime, Utc};

use super::layout::Block;
use super::paper_pack::whole_file;
use super::words::long_date;
use super::{Context, context, pdf};
use crate::Result;
use crate::domain::label::Label;
use crate::store::Store;
use crate::subject_access::rules::{Reason, Redaction, apply};

/// Every text of `block` with the redactions applied.
fn redact(block: Block, redactions: &[Redaction]) -> Block {
    let r = |s: String| apply(&s, redactions);
    match block {
        Block::Title(s) => Block::Title(r(s)),
        Block::Heading(s) => Block::Heading(r(s)),
        Block::Para(s) => Block::Para(r(s)),
        Block::Pairs(pairs) => Block::Pairs(pairs.into_iter().map(|(k, v)| (r(k), r(v))).collect()),
        Block::Table { columns, rows, empty } => Block::Table {
            columns: columns.into_iter().map(|(c, w)| (r(c), w)).collect(),
            rows: rows.into_iter().map(|row| row.into_iter().map(r).collect()).collect(),
            empty: r(empty),
        },
        Block::SignOff(lines) => Block::SignOff(lines.into_iter().map(r).collect()),
        Block::Blanks(lines) => Block::Blanks(lines.into_iter().map(r).collect()),
        Block::NewPage => Block::NewPage,
        Block::Bars(bars) => Block::Bars(bars.into_iter().map(|(l, n, w)| (r(l), n, r(w))).collect()),
        Block::Line(points) => Block::Line(points.into_iter().map(|(l, n, w)| (r(l), n, r(w))).collect()),
        Block::BodyMap(figures) => {
            Block::BodyMap(figures.into_iter().map(|f| super::layout::Figure { caption: r(f.caption), ..f }).collect())
        }
    }
}

async fn copy(store: &Store, ctx: &Context, sar_id: i64, now: DateTime<Utc>, draft: bool) -> Result<Vec<u8>> {
    let of = crate::subject_access::redactions_of(&mut store.db(), sar_id).await?;
    let mut page = crate::case_page::page_data(store, of.case_id, now).await?;
    let about = match of.child {
        Some(child) => {
            page.narrow_to_child(child);
            page.name.clone()
        }
        None => "the family".to_owned(),
    };
    let mut b = vec![
        Block::Title(if draft { "DRAFT: not for release".to_owned() } else { "Your records".to_owned() }),
        Block::Para(format!(
            "This is a copy of the records {} keeps about {about} in case {}, given to {} on {} in answer to \
             their request under article 15 of the UK General Data Protection Regulation. Where words are \
             withheld, a marker stands in their place with the reason's code.",
            ctx.organisation,
            page.summary.reference,
            of.requester,
            long_date(crate::domain::calendar::uk_today(now)),
        )),
        Block::Pairs(Reason::ALL.iter().map(|r| (format!("[withheld: {}]", r.code()), r.label().to_owned())).collect()),
    ];
    b.extend(whole_file(&page).into_iter().map(|block| redact(block, &of.redactions)));
    pdf(ctx, "Subject access copy", Some(page.summary.reference.clone()), &b)
}

/// The copy as it would be released, marked as a draft, to check (`ReportRequest`).
pub(super) async fn draft(store: &Store, ctx: &Context, sar_id: i64, now: DateTime<Utc>) -> Result<Vec<u8>> {
    copy(store, ctx, sar_id, now, true).await
}

/// Releases the copy: drawn, kept whole with the request (once, after the requester's
/// identity is checked), and returned to be saved where the lead chooses.
pub async fn release(store: &Store, lead_id: i64, sar_id: i64, now: DateTime<Utc>) -> Result<Vec<u8>> {
    let ctx = context(store, lead_id, now).await?;
    let bytes = copy(store, &ctx, sar_id, now, false).await?;
    crate::subject_access::record_release(store, lead_id, sar_id, &bytes, now).await?;
    Ok(bytes)
}
