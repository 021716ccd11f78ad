//! "My actions": the open actions a lead is to do, soonest due first, overdue ones marked, to
//! carry to a meeting or tick off on paper.

use super::layout::Block;
use super::words::{long_date, short};
use super::{Context, pdf};
use crate::Result;
use crate::domain::calendar::uk_today;
use crate::store::Store;

pub(super) async fn my_actions(store: &Store, ctx: &Context, lead_id: i64) -> Result<Vec<u8>> {
    let today = uk_today(ctx.now);
    let rows = crate::case_actions::mine(store, lead_id).await?;
    let overdue = rows.iter().filter(|r| r.action.due_on < today).count();
    let title = "My actions";
    let count = match rows.len() {
        1 => "1 open action".to_owned(),
        n => format!("{n} open actions"),
    };
    let b = vec![
        Block::Title(format!("{title}: {}", ctx.lead)),
        Block::Para(format!("{count} on {}, {overdue} overdue.", long_date(today))),
        Block::Table {
            columns: vec![("Due".into(), 2.2), ("Case".into(), 2.2), ("What".into(), 6.0), ("Given by".into(), 2.5)],
            rows: rows
                .into_iter()
                .map(|r| {
                    let a = r.action;
                    let due = if a.due_on < today {
                        format!("{}\nOverdue", short(a.due_on))
                    } else if a.due_on == today {
                        format!("{}\nToday", short(a.due_on))
                    } else {
                        short(a.due_on)
                    };
                    vec![due, r.reference, a.what, a.created_by]
                })
                .collect(),
            empty: "No action is open for you.".into(),
        },
    ];
    pdf(ctx, title, None, &b)
}
