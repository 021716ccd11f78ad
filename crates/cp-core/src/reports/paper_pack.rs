//! The paper pack (issue 23): a child protection file as it leaves for the child's new
//! setting, on paper, for a setting without CP Tracker or alongside the encrypted package.
//! A cover sheet (to whom, from whom, the clock, what is in it), the whole file (every
//! revision of every entry), and a receipt slip on a page of its own to sign and return.

use chrono::{DateTime, NaiveDate, Utc};

use super::case_parts::{case_pairs, case_title, change_text, detailed_chronology_columns, people_table, plans_table};
use super::layout::Block;
use super::words::{long_date, short, uk_date};
use super::{Context, context, pdf};
use crate::Result;
use crate::case_page::CasePage;
use crate::chronology::Revision;
use crate::domain::label::Label;
use crate::store::Store;

/// The transfer a paper pack belongs to.
pub struct Cover<'a> {
    pub setting: &'a str,
    pub dsl: &'a str,
    pub contact: &'a str,
    pub move_confirmed_on: NaiveDate,
    pub due_on: NaiveDate,
    /// The parts that went, in words.
    pub sections: Vec<&'static str>,
    /// SHA-256 of the package's manifest: the receipt names the package it confirms.
    pub digest: &'a str,
}

fn revision_row(r: &Revision, earlier: bool) -> Vec<String> {
    let when = format!("{}{}", short(r.event_on), r.event_time.as_deref().map(|t| format!(" {t}")).unwrap_or_default());
    let about = [when, r.kind.label().to_owned(), r.info_source.clone()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let mut what = if r.significant { format!("SIGNIFICANT: {}", r.summary) } else { r.summary.clone() };
    if !r.tags.is_empty() {
        what = format!("{what}\nTags: {}", r.tags.join(", "));
    }
    if !r.detail.is_empty() {
        what = format!("{what}\n{}", r.detail);
    }
    let recorded = if r.revision > 1 {
        format!("Revision {}, {} by {}: {}", r.revision, uk_date(r.recorded_at), r.recorded_by, r.amend_reason)
    } else {
        format!("Recorded {} by {}", uk_date(r.recorded_at), r.recorded_by)
    };
    what = format!("{}{what}\n({recorded})", if earlier { "EARLIER REVISION, REPLACED: " } else { "" });
    vec![about, what, r.action_required.clone()]
}

/// The whole file, every revision of every entry, as the paper pack and a subject access copy
/// print it: the case, its people, warnings, plans, level history, chronology, concerns and
/// actions.
pub(super) fn whole_file(p: &CasePage) -> Vec<Block> {
    let mut b = vec![
        Block::Heading("The case".into()),
        Block::Pairs(case_pairs(p)),
        Block::Heading("People".into()),
        people_table(p),
    ];
    if !p.flags.is_empty() {
        b.push(Block::Heading("Warnings".into()));
        b.push(Block::Table {
            columns: vec![("Warning".into(), 6.0), ("Added".into(), 3.0), ("Ended".into(), 3.0)],
            rows: p
                .flags
                .iter()
                .map(|f| {
                    let ended = f.ended_at.map(|at| format!("{}: {}", uk_date(at), f.end_reason)).unwrap_or_default();
                    vec![f.flag.clone(), format!("{} by {}", uk_date(f.added_at), f.added_by), ended]
                })
                .collect(),
            empty: String::new(),
        });
    }
    if !p.plans.is_empty() {
        b.push(Block::Heading("Plans".into()));
        b.push(plans_table(p));
    }
    if !p.levels.is_empty() {
        b.push(Block::Heading("Level history".into()));
        for l in p.levels.iter().rev() {
            b.push(Block::Pairs(vec![
                ("Change".into(), change_text(l.from_level, l.to_level)),
                ("From".into(), long_date(l.effective_on)),
                ("Decided by".into(), l.decided_by.clone()),
                ("Evidence".into(), l.evidence.clone()),
            ]));
        }
    }
    if !p.chronology.is_empty() {
        b.push(Block::Heading("Chronology, oldest first, with every revision".into()));
        let rows = p
            .chronology
            .iter()
            .rev()
            .flat_map(|e| {
                std::iter::once(revision_row(&e.current, false)).chain(e.earlier.iter().map(|r| revision_row(r, true)))
            })
            .collect();
        b.push(Block::Table { columns: detailed_chronology_columns(), rows, empty: String::new() });
    }
    if !p.concerns.is_empty() {
        b.push(Block::Heading("Concerns".into()));
        for c in &p.concerns {
            let mut pairs = vec![
                ("From".into(), c.info_from.clone()),
                ("Nature".into(), c.nature.label().to_owned()),
                ("Strategy discussion".into(), if c.strategy_needed { "Needed" } else { "Not needed" }.to_owned()),
                ("Decided by".into(), c.decided_by.clone()),
                ("Reasons".into(), c.reasons.clone()),
                ("Recorded".into(), format!("{} by {}", uk_date(c.recorded_at), c.recorded_by)),
            ];
            for x in &c.escalations {
                pairs.push((
                    format!("Escalated to {}", x.level.label().to_lowercase()),
                    format!("{}\nOutcome: {}", x.disagreement, x.outcome),
                ));
            }
            b.push(Block::Pairs(pairs));
        }
    }
    if !p.actions.is_empty() {
        b.push(Block::Heading("Actions".into()));
        b.push(Block::Table {
            columns: vec![("What".into(), 5.0), ("Who".into(), 3.0), ("Due".into(), 1.6), ("State".into(), 3.0)],
            rows: p
                .actions
                .iter()
                .map(|a| {
                    let state = if a.outcome.is_empty() {
                        a.state.label().to_owned()
                    } else {
                        format!("{}: {}", a.state.label(), a.outcome)
                    };
                    vec![a.what.clone(), a.owner.clone(), short(a.due_on), state]
                })
                .collect(),
            empty: String::new(),
        });
    }
    b
}

fn blocks(ctx: &Context, p: &CasePage, cover: &Cover<'_>) -> Vec<Block> {
    let children: Vec<&str> = p.people.iter().filter(|x| x.role.is_child()).map(|x| x.full_name.as_str()).collect();
    let mut b = vec![
        Block::Title(format!("Child protection file: {}", case_title(p))),
        Block::Para(format!(
            "This is the child protection file of {}, sent by {} to the designated safeguarding lead of {}. Keep it \
             separately from the main pupil file, where only safeguarding leads can read it. Sign the receipt on \
             the last page and return it to {} straight away.",
            if children.is_empty() { "the family".to_owned() } else { children.join(", ") },
            ctx.organisation,
            cover.setting,
            ctx.organisation,
        )),
        Block::Pairs(vec![
            ("To".into(), format!("{}, {}", cover.dsl, cover.setting)),
            ("Their contact".into(), cover.contact.to_owned()),
            ("From".into(), format!("{}, {}", ctx.lead, ctx.organisation)),
            ("Move confirmed".into(), long_date(cover.move_confirmed_on)),
            ("To arrive by".into(), long_date(cover.due_on)),
            ("What is in it".into(), cover.sections.join("\n")),
            ("Package check".into(), cover.digest.to_owned()),
        ]),
    ];
    b.extend(whole_file(p));
    b.push(Block::NewPage);
    b.push(Block::Title(format!("Receipt: please return to {}", ctx.organisation)));
    b.push(Block::Para(format!(
        "I confirm that {} received the child protection file of {} ({} reference {}), complete. Package check: {}.",
        cover.setting,
        if children.is_empty() { "the family".to_owned() } else { children.join(", ") },
        ctx.organisation,
        p.summary.reference,
        cover.digest,
    )));
    b.push(Block::Para(format!("Return this slip to {} at {}.", ctx.lead, ctx.organisation)));
    b.push(Block::Blanks(vec![
        "Name".into(),
        "Role".into(),
        "Setting".into(),
        "Signature".into(),
        "Date received".into(),
    ]));
    b
}

/// The paper pack of a narrowed case page (what the package holds).
pub async fn paper_pack(
    store: &Store,
    lead_id: i64,
    page: &CasePage,
    cover: &Cover<'_>,
    now: DateTime<Utc>,
) -> Result<Vec<u8>> {
    let ctx = context(store, lead_id, now).await?;
    pdf(&ctx, "Child protection file", Some(page.summary.reference.clone()), &blocks(&ctx, page, cover))
}
