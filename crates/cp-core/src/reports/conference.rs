//! The family conference pack: the chronology between two dates (of the chosen types), the
//! decisions in the period, the plans and categories, and the open timescales.

use chrono::NaiveDate;

use super::case_parts::{
    case_pairs, change_text, chronology_rows, detailed_chronology_columns, people_table, plans_table, timescales_table,
};
use super::layout::Block;
use super::words::short;
use super::{Context, pdf};
use crate::case_page;
use crate::chronology::rules::EntryKind;
use crate::domain::label::Label;
use crate::store::Store;
use crate::{Error, Result};

pub(super) async fn conference(
    store: &Store,
    ctx: &Context,
    case_id: i64,
    from: NaiveDate,
    to: NaiveDate,
    kinds: &[EntryKind],
) -> Result<Vec<u8>> {
    if from > to {
        return Err(Error::fields(vec![crate::FieldError::new(
            "to",
            "The end date must be on or after the start date",
        )]));
    }
    let p = case_page::page_data(store, case_id, ctx.now).await?;
    let in_range = |d: NaiveDate| d >= from && d <= to;
    let entries = p
        .chronology
        .iter()
        .rev()
        .filter(|e| in_range(e.current.event_on) && (kinds.is_empty() || kinds.contains(&e.current.kind)));
    let shown: Vec<i64> = entries.clone().map(|e| e.current.entry_id).collect();
    let title = "Evidence report for a family conference";
    let period = format!("{} to {}", from.format("%-d %B %Y"), to.format("%-d %B %Y"));
    let mut b = vec![
        Block::Title(format!("{title}: {}", super::case_parts::case_title(&p))),
        Block::Para(format!("Period: {period}")),
    ];
    if !kinds.is_empty() {
        b.push(Block::Para(format!(
            "Entries of these types only: {}",
            kinds.iter().map(|k| k.label()).collect::<Vec<_>>().join(", ")
        )));
    }
    b.push(Block::Heading("Case".into()));
    b.push(Block::Pairs(case_pairs(&p)));
    b.push(Block::Heading("People".into()));
    b.push(people_table(&p));
    b.push(Block::Heading("Plans and categories".into()));
    b.push(plans_table(&p));
    b.push(Block::Heading("Timescales".into()));
    b.push(timescales_table(&p.timescales));
    b.push(Block::Heading("Decisions: level changes in the period".into()));
    let levels: Vec<Vec<String>> = p
        .levels
        .iter()
        .rev()
        .filter(|l| in_range(l.effective_on))
        .map(|l| {
            vec![short(l.effective_on), change_text(l.from_level, l.to_level), l.decided_by.clone(), l.evidence.clone()]
        })
        .collect();
    b.push(Block::Table {
        columns: vec![
            ("From".into(), 2.0),
            ("Change".into(), 3.0),
            ("Decided by".into(), 2.0),
            ("Evidence".into(), 6.0),
        ],
        rows: levels,
        empty: "No level change in the period.".into(),
    });
    b.push(Block::Heading("Chronology: concerns and actions".into()));
    b.push(Block::Table {
        columns: detailed_chronology_columns(),
        rows: chronology_rows(entries, true),
        empty: "No chronology entries in the period.".into(),
    });
    super::case_parts::body_map_blocks(&p, |id| shown.contains(&id), &mut b);
    b.push(Block::Heading("Open actions".into()));
    b.push(super::case_parts::open_actions_table(&p));
    b.push(Block::Heading("Referrals".into()));
    b.push(super::case_parts::referrals_table(&p));
    b.push(Block::Heading("Escalations".into()));
    b.push(super::case_parts::escalations_table(&p));
    b.push(Block::Heading("Attached files".into()));
    b.push(super::case_parts::attachments_table(&p, |a| a.withdrawn_at.is_none()));
    pdf(ctx, title, Some(p.summary.reference.clone()), &b)
}
