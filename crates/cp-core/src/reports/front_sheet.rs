//! The case front sheet (issue 21): what a lead, a cover lead or a social worker needs first,
//! on one page: the case and its lead social worker, the warnings in force, the people, the
//! plans running, what is due and the open actions. A list longer than its share of the page
//! is cut, saying how many more there are and where they are.

use super::case_parts::{case_pairs, case_title, person_row, timescales_table};
use super::layout::Block;
use super::words::short;
use super::{Context, pdf};
use crate::Result;
use crate::case_actions::rules::ActionState;
use crate::case_page;
use crate::domain::label::Label;
use crate::store::Store;

/// The most people, plans and actions listed: with the case's details, warnings and
/// timescales, these fit one A4 page at the report's type size.
const MOST_PEOPLE: usize = 7;
const MOST_ACTIONS: usize = 4;

/// Cuts `rows` to `most`; then the sentence that says how many more there are.
fn cut(rows: &mut Vec<Vec<String>>, most: usize, what: &str) -> Option<Block> {
    let hidden = rows.len().checked_sub(most).filter(|&n| n > 0)?;
    rows.truncate(most);
    Some(Block::Para(format!("And {hidden} more {what}: see the case in CP Tracker.")))
}

pub(super) async fn front_sheet(store: &Store, ctx: &Context, case_id: i64) -> Result<Vec<u8>> {
    let p = case_page::page_data(store, case_id, ctx.now).await?;
    let title = "Case front sheet";
    // The title carries the reference; the warnings in force sit with the case's details.
    let warnings: Vec<String> = p.flags.iter().filter(|f| f.ended_at.is_none()).map(|f| f.flag.clone()).collect();
    let mut pairs: Vec<(String, String)> = case_pairs(&p).into_iter().filter(|(k, _)| k != "Reference").collect();
    pairs.push(("Warnings".into(), if warnings.is_empty() { "None in force".into() } else { warnings.join("\n") }));
    let mut b = vec![Block::Title(format!("{title}: {}", case_title(&p))), Block::Pairs(pairs)];

    let mut people: Vec<Vec<String>> = p.people.iter().map(person_row).collect();
    let more_people = cut(&mut people, MOST_PEOPLE, "people");
    b.push(Block::Heading("People".into()));
    b.push(Block::Table {
        columns: vec![("Name".into(), 4.0), ("Role".into(), 3.6), ("Born or due".into(), 2.0)],
        rows: people,
        empty: "Nobody is recorded in this case.".into(),
    });
    b.extend(more_people);

    b.push(Block::Heading("Plans running".into()));
    b.push(Block::Table {
        columns: vec![
            ("Child".into(), 3.0),
            ("Plan".into(), 2.5),
            ("Started".into(), 1.6),
            ("Local authority".into(), 2.9),
        ],
        rows: p
            .plans
            .iter()
            .filter(|x| x.end_on.is_none())
            .map(|x| vec![x.child.clone(), x.kind.label().to_owned(), short(x.start_on), x.local_authority.clone()])
            .collect(),
        empty: "No plan is running.".into(),
    });

    b.push(Block::Heading("Timescales".into()));
    b.push(timescales_table(&p.timescales));

    let mut actions: Vec<Vec<String>> = p
        .actions
        .iter()
        .filter(|a| a.state == ActionState::Open)
        .map(|a| vec![a.what.clone(), a.owner.clone(), short(a.due_on)])
        .collect();
    let more_actions = cut(&mut actions, MOST_ACTIONS, "open actions");
    b.push(Block::Heading("Open actions".into()));
    b.push(Block::Table {
        columns: vec![("What".into(), 5.5), ("Who".into(), 3.0), ("Due".into(), 1.5)],
        rows: actions,
        empty: "No action is open on this case.".into(),
    });
    b.extend(more_actions);
    pdf(ctx, title, Some(p.summary.reference.clone()), &b)
}
