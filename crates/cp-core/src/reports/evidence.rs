//! The evidence for one level change: the change, its evidence, the chronology entries it
//! rests on, and the plans.

use super::case_parts::{case_pairs, change_text, chronology_rows, detailed_chronology_columns, plans_table};
use super::layout::Block;
use super::words::{long_date, uk_date};
use super::{Context, pdf};
use crate::case_page;
use crate::store::Store;
use crate::{Error, ErrorCode, Result};

pub(super) async fn level_change(store: &Store, ctx: &Context, case_id: i64, change_id: i64) -> Result<Vec<u8>> {
    let p = case_page::page_data(store, case_id, ctx.now).await?;
    let change = p
        .levels
        .iter()
        .find(|l| l.id == change_id)
        .ok_or_else(|| Error::new(ErrorCode::NotFound, "That level change is not on this case."))?;
    let title = "Evidence for a level change";
    let mut b =
        vec![Block::Title(format!("{title}: {}", super::case_parts::case_title(&p))), Block::Heading("Case".into())];
    b.push(Block::Pairs(case_pairs(&p)));
    b.push(Block::Heading("The change".into()));
    b.push(Block::Pairs(vec![
        ("Change".into(), change_text(change.from_level, change.to_level)),
        ("From".into(), long_date(change.effective_on)),
        ("Decided by".into(), change.decided_by.clone()),
        ("Recorded".into(), uk_date(change.recorded_at)),
    ]));
    b.push(Block::Heading("Evidence".into()));
    b.push(Block::Para(change.evidence.clone()));
    b.push(Block::Heading("Chronology entries it rests on".into()));
    b.push(Block::Table {
        columns: detailed_chronology_columns(),
        rows: chronology_rows(p.chronology.iter().rev().filter(|e| change.entries.contains(&e.current.entry_id)), true),
        empty: "The change was not linked to chronology entries.".into(),
    });
    super::case_parts::body_map_blocks(&p, |e| change.entries.contains(&e), &mut b);
    b.push(Block::Heading("Files attached to those entries".into()));
    b.push(super::case_parts::attachments_table(&p, |a| {
        a.withdrawn_at.is_none() && a.entry_id.is_some_and(|e| change.entries.contains(&e))
    }));
    b.push(Block::Heading("Plans".into()));
    b.push(plans_table(&p));
    pdf(ctx, title, Some(p.summary.reference.clone()), &b)
}
