//! The annual safeguarding report (issue 25): a period's figures for governors, trustees and
//! the local safeguarding partnership, anonymised (`statistics`): each group of figures as a
//! bar chart drawn with printpdf's own shapes, with its numbers printed beside the bars.

use chrono::NaiveDate;

use super::layout::Block;
use super::words::long_date;
use super::{Context, pdf};
use crate::Result;
use crate::statistics::{self, AnnualFigures, Bar};
use crate::store::Store;

/// Each bar's label, its drawn length and its number in words, as a chart block takes them.
fn drawn(bars: &[Bar]) -> Vec<(String, u32, String)> {
    bars.iter().map(|x| (x.label.clone(), x.count.drawn(), x.count.words())).collect()
}

fn chart(title: &str, bars: &[Bar], none: &str) -> Vec<Block> {
    let mut b = vec![Block::Heading(title.to_owned())];
    if bars.is_empty() {
        b.push(Block::Para(none.to_owned()));
    } else {
        b.push(Block::Bars(drawn(bars)));
    }
    b
}

fn blocks(ctx: &Context, f: &AnnualFigures) -> Vec<Block> {
    let mut b = vec![
        Block::Title(format!("Annual safeguarding report: {}", ctx.organisation)),
        Block::Para(format!(
            "Child protection work from {} to {}, counted from the records kept in CP Tracker. No family, child or \
             member of staff is named, and any count below 5 is shown as \"fewer than 5\" (and drawn as 5) so that \
             no one can be identified.",
            long_date(f.from),
            long_date(f.to)
        )),
        Block::Heading("The year in numbers".into()),
        Block::Pairs(vec![
            ("Cases opened".into(), f.cases_opened.words()),
            ("Cases closed".into(), f.cases_closed.words()),
            ("Cases open at the end".into(), f.live_at_end.words()),
            ("Child protection plans started".into(), f.plans_started.words()),
            ("Decisions not to refer (with reasons recorded)".into(), f.decisions_not_to_refer.words()),
            ("Referrals with their outcome received".into(), f.referrals_decided.words()),
            ("Enquiries from other agencies".into(), f.enquiries.words()),
            ("Allegations against staff or volunteers".into(), f.allegations.words()),
            ("Children transferred in on a plan".into(), f.transfers_in.words()),
            ("Child protection files sent to a new setting".into(), f.files_sent.words()),
            ("Child protection files received".into(), f.files_received.words()),
        ]),
    ];
    b.push(Block::Heading("Cases open through the period, at each month's end".into()));
    b.push(Block::Line(drawn(&f.open_by_month)));
    b.push(Block::Table {
        columns: vec![("Month".into(), 1.0), ("Cases open".into(), 1.0)],
        rows: f.open_by_month.iter().map(|x| vec![x.label.clone(), x.count.words()]).collect(),
        empty: String::new(),
    });
    b.extend(chart("Cases open at the end, by level", &f.by_level, "No case was open at the end."));
    b.extend(chart("Cases opened, by how they came to us", &f.by_source, "No case was opened."));
    b.extend(chart("Child protection plans started, by category", &f.by_category, "No plan was started."));
    b.extend(chart("Cases closed, by reason", &f.by_closure_reason, "No case was closed."));
    b.extend(chart("Referrals made, by agency", &f.referrals_by_agency, "No referral was made."));
    let kept: Vec<Bar> = f
        .timescales
        .iter()
        .flat_map(|t| {
            [
                Bar { label: format!("{}: met in time", t.label), count: t.met },
                Bar { label: format!("{}: missed", t.label), count: t.missed },
            ]
        })
        .collect();
    b.extend(chart("Statutory timescales due in the period, met and missed", &kept, "No timescale fell due."));
    b.extend(chart("Weeks of review signed off, by lead", &f.reviews_by_lead, "No week was signed off."));
    b
}

pub(super) async fn annual(store: &Store, ctx: &Context, from: NaiveDate, to: NaiveDate) -> Result<Vec<u8>> {
    let figures = statistics::annual(store, from, to, ctx.now).await?;
    pdf(ctx, "Annual safeguarding report", None, &blocks(ctx, &figures))
}
