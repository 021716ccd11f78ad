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

/// The period a pack covers, and the entry types it keeps (all when empty).
pub(super) struct Period<'a> {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub kinds: &'a [EntryKind],
}

/// The pack, with the attached PDFs and images `files` (the case's, not withdrawn) after its
/// last page, each read as lead `lead_id` (so audited as viewed).
pub(super) async fn conference(
    store: &Store,
    ctx: &Context,
    lead_id: i64,
    case_id: i64,
    period: &Period<'_>,
    files: &[i64],
) -> Result<Vec<u8>> {
    let Period { from, to, kinds } = *period;
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
    let chosen: Vec<&crate::attachments::Attachment> = files
        .iter()
        .map(|id| {
            p.attachments.iter().find(|a| a.id == *id && a.withdrawn_at.is_none() && a.viewable).ok_or_else(|| {
                Error::fields(vec![crate::FieldError::new("packFiles", "Choose PDFs and images attached to this case")])
            })
        })
        .collect::<Result<_>>()?;
    if !chosen.is_empty() {
        b.push(Block::Heading("Files at the end of this pack".into()));
        b.push(Block::Table {
            columns: vec![("No.".into(), 0.7), ("File".into(), 6.0), ("Dated, from".into(), 4.0)],
            rows: chosen
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let dated = a.document_on.map_or_else(|| "Undated".to_owned(), short);
                    vec![
                        (i + 1).to_string(),
                        format!("{} ({})", a.title, a.file_name),
                        format!("{dated}, {}", a.came_from),
                    ]
                })
                .collect(),
            empty: String::new(),
        });
    }
    let pack = pdf(ctx, title, Some(p.summary.reference.clone()), &b)?;
    let mut opened = Vec::with_capacity(chosen.len());
    for a in &chosen {
        opened.push(crate::attachments::open(store, lead_id, a.id, false, ctx.now).await?);
    }
    let appended: Vec<super::appended::Appended<'_>> =
        opened.iter().map(|(a, bytes)| super::appended::Appended { title: &a.title, kind: a.kind, bytes }).collect();
    super::appended::append(&pack, &appended)
}
