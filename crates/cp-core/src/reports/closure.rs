//! The closure report: the case, its people, plans, level history and chronology summary, why
//! it closed, and a sign-off line for every active lead.

use super::case_parts::{
    active_leads, case_pairs, chronology_rows, levels_blocks, open_actions_table, people_table, plans_table,
};
use super::layout::Block;
use super::words::{long_date, or_not_recorded};
use super::{Context, pdf};
use crate::case_page;
use crate::domain::case::Status;
use crate::domain::label::Label;
use crate::store::Store;
use crate::{Error, Result};

pub(super) async fn closure(store: &Store, ctx: &Context, case_id: i64) -> Result<Vec<u8>> {
    let p = case_page::page_data(store, case_id, ctx.now).await?;
    if p.summary.status == Status::Live {
        return Err(Error::invalid("The closure report is for a closed case: this case is live."));
    }
    let closure = p.statuses.iter().find(|s| s.to_status == Status::Closed);
    let title = "Closure report";
    let mut b =
        vec![Block::Title(format!("{title}: {}", super::case_parts::case_title(&p))), Block::Heading("Case".into())];
    b.push(Block::Pairs(case_pairs(&p)));
    b.push(Block::Heading("People".into()));
    b.push(people_table(&p));
    b.push(Block::Heading("Plans".into()));
    b.push(plans_table(&p));
    b.push(Block::Heading("Level history".into()));
    levels_blocks(&p, &mut b);
    b.push(Block::Heading(format!("Chronology summary ({} entries)", p.chronology.len())));
    b.push(Block::Table {
        columns: vec![("Date".into(), 2.0), ("Type".into(), 2.5), ("From".into(), 2.2), ("Summary".into(), 5.0)],
        rows: chronology_rows(p.chronology.iter().rev(), false),
        empty: "No chronology entries.".into(),
    });
    // Closing a case does not end its actions: what is still open is handed over here.
    b.push(Block::Heading("Open actions".into()));
    b.push(open_actions_table(&p));
    b.push(Block::Heading("Referrals".into()));
    b.push(super::case_parts::referrals_table(&p));
    b.push(Block::Heading("Escalations".into()));
    b.push(super::case_parts::escalations_table(&p));
    b.push(Block::Heading("Attached files".into()));
    b.push(super::case_parts::attachments_table(&p, |_| true));
    b.push(Block::Heading("Closure".into()));
    if let Some(c) = closure {
        let reason = c.reason.map_or("", Label::label).to_owned();
        b.push(Block::Pairs(vec![
            ("Reason".into(), reason),
            ("Evidence or details".into(), or_not_recorded(&c.reason_detail)),
            ("Closed on".into(), long_date(c.effective_on)),
            ("Closed by".into(), c.lead.clone().unwrap_or_default()),
        ]));
        b.push(Block::Heading("Closing note".into()));
        b.push(Block::Para(c.note.clone()));
    }
    let leads = active_leads(store).await?.into_iter().map(|l| l.name).collect();
    b.push(Block::Heading("Sign-off".into()));
    b.push(Block::SignOff(leads));
    pdf(ctx, title, Some(p.summary.reference.clone()), &b)
}
