//! The parts every case report shares: the case's details, its people, plans, level history,
//! chronology and timescales, as blocks.

use super::layout::Block;
use super::words::{categories, long_date, or_not_recorded, short, uk_date};
use crate::Result;
use crate::case_page::CasePage;
use crate::domain::case::Level;
use crate::domain::label::Label;
use crate::leads::{self, Lead};
use crate::store::Store;
use crate::timescales::rules::DueItem;

pub(super) fn case_pairs(p: &CasePage) -> Vec<(String, String)> {
    let d = &p.details;
    let sw = d.social_worker_line();
    let address = [p.summary.address_line1.as_str(), &p.address_line2, &p.town, &p.summary.postcode]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let mut rows = vec![
        ("Reference".to_owned(), p.summary.reference.clone()),
        ("Address".to_owned(), address),
        ("Status".to_owned(), p.summary.status.label().to_owned()),
        ("Level".to_owned(), p.summary.level.label().to_owned()),
        ("Opened".to_owned(), long_date(p.summary.opened_on)),
    ];
    if let Some(closed) = &p.summary.closed_on {
        rows.push(("Closed".to_owned(), long_date(*closed)));
    }
    rows.push(("Allocated lead".to_owned(), p.lead.clone().unwrap_or_else(|| "Not allocated".to_owned())));
    rows.push(("Local authority".to_owned(), or_not_recorded(&d.local_authority)));
    rows.push(("Lead social worker".to_owned(), or_not_recorded(&sw)));
    rows
}

/// The case as a report's title names it: its children first, the reference beside them.
pub(super) fn case_title(p: &CasePage) -> String {
    if p.name.is_empty() { p.summary.reference.clone() } else { format!("{} ({})", p.name, p.summary.reference) }
}

/// A person's row: name, role, and born or due.
pub(super) fn person_row(x: &crate::people::PersonInCase) -> Vec<String> {
    let born = match (&x.date_of_birth, &x.expected_date) {
        (Some(d), _) => short(*d),
        (None, Some(e)) => format!("Due {}", short(*e)),
        _ => String::new(),
    };
    vec![x.full_name.clone(), x.role.label().to_owned(), born]
}

pub(super) fn people_table(p: &CasePage) -> Block {
    Block::Table {
        columns: vec![("Name".into(), 3.0), ("Role".into(), 2.0), ("Born or due".into(), 2.0)],
        rows: p.people.iter().map(person_row).collect(),
        empty: "Nobody is recorded in this case.".into(),
    }
}

pub(super) fn plans_table(p: &CasePage) -> Block {
    Block::Table {
        columns: vec![
            ("Child".into(), 3.0),
            ("Plan".into(), 2.5),
            ("Categories".into(), 2.5),
            ("Started".into(), 2.0),
            ("Ended".into(), 2.0),
            ("Local authority".into(), 2.5),
        ],
        rows: p
            .plans
            .iter()
            .map(|x| {
                vec![
                    x.child.clone(),
                    x.kind.label().to_owned(),
                    categories(&x.categories.0),
                    short(x.start_on),
                    x.end_on.map_or_else(|| "Running".to_owned(), short),
                    x.local_authority.clone(),
                ]
            })
            .collect(),
        empty: "No child in this case has had a plan.".into(),
    }
}

pub(super) fn levels_blocks(p: &CasePage, out: &mut Vec<Block>) {
    if p.levels.is_empty() {
        out.push(Block::Para("The case has been at Concern since it was opened.".into()));
    }
    for l in p.levels.iter().rev() {
        out.push(Block::Pairs(vec![
            ("Change".into(), change_text(l.from_level, l.to_level)),
            ("From".into(), long_date(l.effective_on)),
            ("Decided by".into(), l.decided_by.clone()),
        ]));
        out.push(Block::Para(format!("Evidence: {}", l.evidence)));
    }
}

/// The case's open actions: what, who, due; an ended one is in the case's history.
pub(super) fn open_actions_table(p: &CasePage) -> Block {
    Block::Table {
        columns: vec![("What".into(), 5.0), ("Who".into(), 3.0), ("Due".into(), 2.0), ("Given by".into(), 2.5)],
        rows: p
            .actions
            .iter()
            .filter(|a| a.state == crate::case_actions::rules::ActionState::Open)
            .map(|a| {
                let who = if a.owner_contact.is_empty() {
                    a.owner.clone()
                } else {
                    format!("{} ({})", a.owner, a.owner_contact)
                };
                vec![a.what.clone(), who, short(a.due_on), a.created_by.clone()]
            })
            .collect(),
        empty: "No action is open on this case.".into(),
    }
}

/// The files attached to the case that `keep` picks, oldest first: what each is, its date and
/// who it came from, whom it concerns, who attached it, and the start of its SHA-256 (so a
/// copy on paper can be matched to the file); a withdrawn one says so, with the reason.
pub(super) fn attachments_table(p: &CasePage, keep: impl Fn(&crate::attachments::Attachment) -> bool) -> Block {
    let child =
        |id: &i64| p.people.iter().find(|x| x.id == *id).map_or_else(|| "a child".into(), |x| x.full_name.clone());
    Block::Table {
        columns: vec![
            ("File".into(), 4.2),
            ("Dated, from".into(), 3.3),
            ("Concerns".into(), 2.4),
            ("Attached".into(), 2.4),
            ("SHA-256".into(), 2.7),
        ],
        rows: p
            .attachments
            .iter()
            .rev()
            .filter(|a| keep(a))
            .map(|a| {
                let mut file = format!("{} ({}, {})", a.title, a.file_name, a.kind.label());
                if a.withdrawn_at.is_some() {
                    file.push_str(&format!(". WITHDRAWN: {}", a.withdrawn_reason));
                }
                let dated = a.document_on.map_or_else(|| "Undated".to_owned(), short);
                let concerns = if a.children.is_empty() {
                    "The family".into()
                } else {
                    a.children.iter().map(child).collect::<Vec<_>>().join(", ")
                };
                vec![
                    file,
                    format!("{dated}, {}", a.came_from),
                    concerns,
                    format!("{} by {}", uk_date(a.added_at), a.added_by),
                    a.sha256.chars().take(12).collect(),
                ]
            })
            .collect(),
        empty: "No file is attached.".into(),
    }
}

/// The body maps of the entries `keep` picks: for each entry, each child's outlines with their
/// numbered marks, then the marks in words (the record itself; the picture shows where).
/// Withdrawn marks are left out. Nothing at all when no kept entry has a mark.
pub(super) fn body_map_blocks(p: &CasePage, keep: impl Fn(i64) -> bool, out: &mut Vec<Block>) {
    use crate::body_maps::outline::outlines;
    let marks: Vec<&crate::body_maps::BodyMark> =
        p.body_marks.iter().filter(|m| m.withdrawn_at.is_none() && keep(m.entry_id)).collect();
    if marks.is_empty() {
        return;
    }
    out.push(Block::Heading("Body maps".into()));
    let child =
        |id: i64| p.people.iter().find(|x| x.id == id).map_or_else(|| "A child".into(), |x| x.full_name.clone());
    let mut entries: Vec<i64> = marks.iter().map(|m| m.entry_id).collect();
    entries.dedup();
    for entry_id in entries {
        let of_entry: Vec<&&crate::body_maps::BodyMark> = marks.iter().filter(|m| m.entry_id == entry_id).collect();
        if let Some(e) = p.chronology.iter().find(|e| e.current.entry_id == entry_id) {
            out.push(Block::Para(format!(
                "Entry of {}: {}, {}",
                long_date(e.current.event_on),
                e.current.kind.label(),
                e.current.summary
            )));
        }
        let mut figures = Vec::new();
        let mut seen: Vec<(i64, crate::body_maps::rules::View)> = Vec::new();
        for m in &of_entry {
            if seen.contains(&(m.person_id, m.view)) {
                continue;
            }
            seen.push((m.person_id, m.view));
            let Some(o) = outlines().into_iter().find(|o| o.view == m.view) else { continue };
            figures.push(super::layout::Figure {
                caption: format!("{}: {}", child(m.person_id), m.view.label().to_lowercase()),
                aspect: o.aspect as f32,
                lines: o.lines.iter().map(|l| l.iter().map(|(x, y)| (*x as f32, *y as f32)).collect()).collect(),
                marks: of_entry
                    .iter()
                    .filter(|x| x.person_id == m.person_id && x.view == m.view)
                    .map(|x| (x.number, x.x as f32, x.y as f32, x.width as f32, x.height as f32))
                    .collect(),
            });
        }
        // As many outlines as fit across the page go on one row.
        for row in figures.chunks(4) {
            out.push(Block::BodyMap(row.to_vec()));
        }
        out.push(Block::Table {
            columns: vec![
                ("No.".into(), 0.7),
                ("Child, where".into(), 3.0),
                ("What was seen".into(), 4.0),
                ("Seen by, on".into(), 2.6),
                ("What the child said".into(), 3.2),
            ],
            rows: of_entry
                .iter()
                .map(|m| {
                    let mut seen = m.description.clone();
                    for extra in [&m.size, &m.colour].into_iter().filter(|x| !x.is_empty()) {
                        seen.push_str(&format!("; {extra}"));
                    }
                    let shape = if m.width > 0.0 { "an area" } else { "a point" };
                    vec![
                        m.number.to_string(),
                        format!("{}, {} ({shape})", child(m.person_id), m.view.label().to_lowercase()),
                        seen,
                        format!("{}, {}", m.seen_by, short(m.seen_on)),
                        if m.child_said.is_empty() { "Nothing recorded".into() } else { m.child_said.clone() },
                    ]
                })
                .collect(),
            empty: String::new(),
        });
    }
}

/// The case's referrals and decisions not to refer, oldest first: each step taken, and the
/// decision received or when to chase it.
pub(super) fn referrals_table(p: &CasePage) -> Block {
    Block::Table {
        columns: vec![("Made".into(), 2.6), ("To".into(), 3.0), ("Steps".into(), 3.2), ("Decision".into(), 4.2)],
        rows: p
            .referrals
            .iter()
            .rev()
            .map(|r| {
                let agency = r.agency.label();
                if !r.referred {
                    let made = format!("{}\nDecided not to refer to {agency}", short(r.made_on));
                    return vec![made, String::new(), String::new(), format!("Reasons: {}", r.reasons)];
                }
                let how = if r.by_phone { "by phone" } else { "in writing" };
                let mut steps = Vec::new();
                if let Some(on) = r.confirmed_on {
                    steps.push(format!("Confirmed in writing {}", short(on)));
                } else if r.by_phone {
                    steps.push("Not yet confirmed in writing".to_owned());
                }
                steps.push(
                    r.acknowledged_on
                        .map_or("Not yet acknowledged".to_owned(), |on| format!("Acknowledged {}", short(on))),
                );
                let decision = match (r.decided_on, r.chase_on) {
                    (Some(on), _) => format!("{}: {}", short(on), r.decision),
                    (None, Some(chase)) => format!("No decision yet; chase from {}", short(chase)),
                    (None, None) => "No decision yet".to_owned(),
                };
                vec![format!("{}\n{agency}, {how}", short(r.made_on)), r.made_to.clone(), steps.join("\n"), decision]
            })
            .collect(),
        empty: "No referral or decision not to refer is recorded.".into(),
    }
}

/// The case's escalations: each step with its response due date, and the resolution.
pub(super) fn escalations_table(p: &CasePage) -> Block {
    Block::Table {
        columns: vec![
            ("With".into(), 2.6),
            ("Disagreement".into(), 4.0),
            ("Steps".into(), 4.0),
            ("Outcome".into(), 3.0),
        ],
        rows: p
            .escalations
            .iter()
            .map(|e| {
                let steps: Vec<String> = e
                    .steps
                    .iter()
                    .map(|s| {
                        format!(
                            "{}: {} with {}, response due {}",
                            s.level,
                            short(s.raised_on),
                            s.raised_with,
                            short(s.response_due)
                        )
                    })
                    .collect();
                let outcome = match e.resolved_on {
                    Some(on) => format!("Resolved {}: {}", short(on), e.outcome),
                    None => "Awaiting a response".to_owned(),
                };
                vec![e.with_whom.clone(), e.disagreement.clone(), steps.join("\n"), outcome]
            })
            .collect(),
        empty: "No disagreement has been escalated.".into(),
    }
}

/// "Concern to Child protection plan".
pub(super) fn change_text(from: Option<Level>, to: Level) -> String {
    format!("{} to {}", from.map_or("", Label::label), to.label())
}

/// The columns of a chronology table that shows each entry's detail and action required.
/// The chronology with each entry's detail: the date, type and source stacked in one narrow
/// column, so what happened gets most of the width (a 10,000-character entry in a fifth of the
/// page took six pages).
pub(super) fn detailed_chronology_columns() -> Vec<(String, f32)> {
    vec![("Date, type, from".into(), 3.0), ("What happened".into(), 8.6), ("Action required".into(), 2.6)]
}

pub(super) async fn active_leads(store: &Store) -> Result<Vec<Lead>> {
    Ok(leads::list_leads(store).await?.into_iter().filter(|l| l.active).collect())
}

pub(super) fn chronology_rows<'a>(
    entries: impl Iterator<Item = &'a crate::chronology::ChronologyEntry>,
    detail: bool,
) -> Vec<Vec<String>> {
    entries
        .map(|e| {
            let r = &e.current;
            let when = format!(
                "{}{}",
                short(r.event_on),
                r.event_time.as_deref().map(|t| format!(" {t}")).unwrap_or_default()
            );
            // A significant entry is marked where print has no colour to mark it: in words.
            let mut summary = if r.significant { format!("SIGNIFICANT: {}", r.summary) } else { r.summary.clone() };
            if !r.tags.is_empty() {
                summary = format!("{summary}\nTags: {}", r.tags.join(", "));
            }
            if detail && !r.detail.is_empty() {
                summary = format!("{summary}\n{}", r.detail);
            }
            if r.revision > 1 {
                summary =
                    format!("{summary}\n(Amended {} by {}: {})", uk_date(r.recorded_at), r.recorded_by, r.amend_reason);
            }
            if detail {
                let about = [when, r.kind.label().to_owned(), r.info_source.clone()];
                vec![
                    about.into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join("\n"),
                    summary,
                    r.action_required.clone(),
                ]
            } else {
                vec![when, r.kind.label().to_owned(), r.info_source.clone(), summary]
            }
        })
        .collect()
}

/// A due date as every printed page gives it: its weekday, its time when counted in hours.
fn due_when(d: &DueItem) -> String {
    let day = d.due_on.format("%A %-d %B %Y").to_string();
    d.due_time.as_ref().map_or_else(|| day.clone(), |t| format!("{day} at {t}"))
}

/// What a lead must know of a due date beyond the date, as on screen.
fn due_notes(d: &DueItem) -> String {
    let mut notes = Vec::new();
    if let Some(day) = d.falls_on {
        notes.push(format!("Falls on {}: plan for the working day before.", day.label()));
    }
    if let Some(year) = d.calendar_ends {
        notes.push(format!(
            "Bank holidays after {year} are not known yet: working days after it were counted without them."
        ));
    }
    notes.join(" ")
}

pub(super) fn timescales_table(due: &[DueItem]) -> Block {
    Block::Table {
        columns: vec![("Step".into(), 3.0), ("Due".into(), 3.0), ("State".into(), 1.5), ("Note".into(), 4.0)],
        rows: due
            .iter()
            .map(|d| vec![d.label.clone(), due_when(d), d.state.label().to_owned(), due_notes(d)])
            .collect(),
        empty: "Nothing is due.".into(),
    }
}
