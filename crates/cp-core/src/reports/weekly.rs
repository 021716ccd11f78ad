//! The weekly review summary: each active lead's outcomes, notes, late notes and sign-off.

use super::case_parts::active_leads;
use super::layout::Block;
use super::words::{long_date, uk_date};
use super::{Context, pdf};
use crate::Result;
use crate::domain::label::Label;
use crate::leads::Lead;
use crate::store::Store;

pub(super) async fn weekly_summary(store: &Store, ctx: &Context, lead_id: i64, week: &str) -> Result<Vec<u8>> {
    let mut b = Vec::new();
    let mut span = String::new();
    for Lead { id, name, .. } in active_leads(store).await? {
        let list = crate::review::checklist(store, lead_id, id, week, ctx.now).await?;
        if span.is_empty() {
            span = format!("{} to {}", long_date(list.monday), long_date(list.sunday));
            b.push(Block::Title(format!("Weekly review summary: {}", list.week)));
            b.push(Block::Para(format!("The week of {span}.")));
        }
        b.push(Block::Heading(name.clone()));
        b.push(Block::Para(match &list.signed_off_at {
            Some(at) => format!("Signed off {}: {} of {} cases reviewed.", uk_date(*at), list.done, list.items.len()),
            None => format!("Not signed off: {} of {} cases reviewed.", list.done, list.items.len()),
        }));
        b.push(Block::Table {
            columns: vec![("Case".into(), 2.0), ("Outcome".into(), 2.2), ("Issue, concern or question".into(), 6.0)],
            rows: list
                .items
                .iter()
                .map(|i| {
                    let outcome = i.outcome.map_or("Not reviewed", Label::label);
                    let mut note = i.note.clone();
                    for late in &i.late_notes {
                        note = format!("{note}\nLate note, {}: {}", uk_date(late.recorded_at), late.note);
                    }
                    vec![format!("{}\n{}", i.reference, i.address), outcome.to_owned(), note]
                })
                .collect(),
            empty: "No case was live this week.".into(),
        });
    }
    pdf(ctx, "Weekly review summary", Some(week.to_owned()), &b)
}
