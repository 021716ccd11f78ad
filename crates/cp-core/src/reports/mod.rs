//! Printed reports (DOMAIN.md "Printed reports"): closure, evidence for a level change or a
//! family conference, the weekly review summary, the register of children with a child
//! protection plan, and the recovery key sheet. Each is built as blocks (`layout`), flowed
//! onto A4 pages and drawn with printpdf (`render`). Generating one is audited; the file is
//! written only where the lead chose, completely or not at all.

pub mod fonts;
pub mod layout;
pub mod render;

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::London;
use serde::Deserialize;
use ts_rs::TS;

use crate::audit::{self, Action, Actor, Entry};
use crate::case_page::{self, CasePage};
use crate::cases::rules::{ClosureReason, Level};
use crate::chronology::rules::EntryKind;
use crate::clock::stamp;
use crate::leads;
use crate::people::rules::Role;
use crate::plans::rules::Category;
use crate::store::Store;
use crate::{Error, ErrorCode, Result};
use layout::{Block, Metrics};
pub use render::{Frame, MARKING};

/// Which report, and for what.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case", rename_all_fields = "camelCase")]
pub enum ReportRequest {
    Closure {
        #[ts(type = "number")]
        case_id: i64,
    },
    LevelChange {
        #[ts(type = "number")]
        case_id: i64,
        #[ts(type = "number")]
        level_change_id: i64,
    },
    /// A family conference: the chronology between two dates, of the chosen types (all when
    /// none are chosen).
    Conference {
        #[ts(type = "number")]
        case_id: i64,
        #[ts(type = "string")]
        from: NaiveDate,
        #[ts(type = "string")]
        to: NaiveDate,
        kinds: Vec<EntryKind>,
    },
    WeeklySummary {
        week: String,
    },
    Register,
    /// Every enquiry received in a period.
    EnquiriesLog {
        #[ts(type = "string")]
        from: NaiveDate,
        #[ts(type = "string")]
        to: NaiveDate,
    },
}

/// "23 November 2026 at 14:05", UK time.
pub fn uk_stamp(at: DateTime<Utc>) -> String {
    at.with_timezone(&London).format("%-d %B %Y at %H:%M").to_string()
}

fn uk_date(iso: &str) -> String {
    iso.get(..10)
        .and_then(|d| d.parse::<NaiveDate>().ok())
        .map_or_else(|| iso.to_owned(), |d| d.format("%-d %B %Y").to_string())
}

/// Dates inside tables: 07/01/2025, the UK short form, so a column stays narrow.
fn short_date(iso: &str) -> String {
    iso.get(..10)
        .and_then(|d| d.parse::<NaiveDate>().ok())
        .map_or_else(|| iso.to_owned(), |d| d.format("%d/%m/%Y").to_string())
}

fn label<T: for<'de> Deserialize<'de>>(stored: &str, f: impl Fn(T) -> String) -> String {
    crate::store::text::from_text::<T>(stored).map(f).unwrap_or_else(|_| stored.to_owned())
}

fn level(stored: &str) -> String {
    label::<Level>(stored, |l| l.label().to_owned())
}

fn kind(stored: &str) -> String {
    label::<EntryKind>(stored, |k| k.label().to_owned())
}

fn role(stored: &str) -> String {
    label::<Role>(stored, |r| {
        match r {
            Role::Child => "Child",
            Role::UnbornChild => "Unborn child",
            Role::Parent => "Parent",
            Role::Carer => "Carer",
            Role::HouseholdMember => "Household member",
            Role::AllegedPerpetrator => "Alleged perpetrator",
        }
        .to_owned()
    })
}

fn categories(stored: &str) -> String {
    stored
        .split(',')
        .filter_map(Category::parse)
        .map(|c| match c {
            Category::Neglect => "Neglect",
            Category::Physical => "Physical",
            Category::Sexual => "Sexual",
            Category::Emotional => "Emotional",
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn plan_kind(stored: &str) -> String {
    if stored == "child_protection_plan" { "Child Protection Plan" } else { "Child in Need plan" }.to_owned()
}

fn case_pairs(p: &CasePage) -> Vec<(String, String)> {
    let d = &p.details;
    let sw = [&d.social_worker_name, &d.social_worker_team, &d.social_worker_phone, &d.social_worker_email]
        .into_iter()
        .filter(|s| !s.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    let address = [p.summary.address_line1.as_str(), &p.address_line2, &p.town, &p.summary.postcode]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let mut rows = vec![
        ("Reference".to_owned(), p.summary.reference.clone()),
        ("Address".to_owned(), address),
        ("Status".to_owned(), capitalise(&p.summary.status)),
        ("Level".to_owned(), level(&p.summary.level)),
        ("Opened".to_owned(), uk_date(&p.summary.opened_on)),
    ];
    if let Some(closed) = &p.summary.closed_on {
        rows.push(("Closed".to_owned(), uk_date(closed)));
    }
    rows.push(("Allocated lead".to_owned(), p.lead.clone().unwrap_or_else(|| "Not allocated".to_owned())));
    rows.push(("Local authority".to_owned(), or_not_recorded(&d.local_authority)));
    rows.push(("Lead social worker".to_owned(), or_not_recorded(&sw)));
    rows
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

fn or_not_recorded(s: &str) -> String {
    if s.is_empty() { "Not recorded".to_owned() } else { s.to_owned() }
}

fn people_table(p: &CasePage) -> Block {
    Block::Table {
        columns: vec![("Name".into(), 3.0), ("Role".into(), 2.0), ("Born or due".into(), 2.0)],
        rows: p
            .people
            .iter()
            .map(|x| {
                let born = match (&x.date_of_birth, &x.expected_date) {
                    (Some(d), _) => short_date(d),
                    (None, Some(e)) => format!("Due {}", short_date(e)),
                    _ => String::new(),
                };
                vec![x.full_name.clone(), role(&x.role), born]
            })
            .collect(),
        empty: "Nobody is recorded in this case.".into(),
    }
}

fn plans_table(p: &CasePage) -> Block {
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
                    plan_kind(&x.kind),
                    categories(&x.categories),
                    short_date(&x.start_on),
                    x.end_on.as_deref().map_or_else(|| "Running".to_owned(), short_date),
                    x.local_authority.clone(),
                ]
            })
            .collect(),
        empty: "No child in this case has had a plan.".into(),
    }
}

fn levels_blocks(p: &CasePage, out: &mut Vec<Block>) {
    if p.levels.is_empty() {
        out.push(Block::Para("The case has been at Concern since it was opened.".into()));
    }
    for l in p.levels.iter().rev() {
        out.push(Block::Pairs(vec![
            ("Change".into(), change_text(l.from_level.as_deref(), &l.to_level)),
            ("From".into(), uk_date(&l.effective_on)),
            ("Decided by".into(), l.decided_by.clone()),
        ]));
        out.push(Block::Para(format!("Evidence: {}", l.evidence)));
    }
}

/// "Concern to Child protection plan".
fn change_text(from: Option<&str>, to: &str) -> String {
    format!("{} to {}", from.map_or_else(String::new, level), level(to))
}

/// The columns of a chronology table that shows each entry's detail and action required.
fn detailed_chronology_columns() -> Vec<(String, f32)> {
    vec![
        ("Date".into(), 2.0),
        ("Type".into(), 2.2),
        ("From".into(), 2.0),
        ("What happened".into(), 5.0),
        ("Action required".into(), 2.5),
    ]
}

async fn active_leads(store: &Store) -> Result<Vec<leads::Lead>> {
    Ok(leads::list_leads(store).await?.into_iter().filter(|l| l.active).collect())
}

fn chronology_rows<'a>(
    entries: impl Iterator<Item = &'a crate::chronology::ChronologyEntry>,
    detail: bool,
) -> Vec<Vec<String>> {
    entries
        .map(|e| {
            let r = &e.current;
            let when = format!(
                "{}{}",
                short_date(&r.event_on),
                r.event_time.as_deref().map(|t| format!(" {t}")).unwrap_or_default()
            );
            let mut summary = r.summary.clone();
            if detail && !r.detail.is_empty() {
                summary = format!("{summary}\n{}", r.detail);
            }
            if r.revision > 1 {
                summary = format!(
                    "{summary}\n(Amended {} by {}: {})",
                    uk_date(&r.recorded_at),
                    r.recorded_by,
                    r.amend_reason
                );
            }
            let mut row = vec![when, kind(&r.kind), r.info_source.clone(), summary];
            if detail {
                row.push(r.action_required.clone());
            }
            row
        })
        .collect()
}

struct Context {
    organisation: String,
    lead: String,
    now: DateTime<Utc>,
}

async fn context(store: &Store, lead_id: i64, now: DateTime<Utc>) -> Result<Context> {
    Ok(Context {
        organisation: leads::organisation_name(store).await?,
        lead: leads::find_lead(store, lead_id).await?.name,
        now,
    })
}

fn pdf(ctx: &Context, title: &str, reference: Option<String>, blocks: &[Block]) -> Result<Vec<u8>> {
    let m = Metrics::new(fonts::REGULAR, fonts::BOLD).ok_or_else(|| Error::internal("The report font is damaged."))?;
    let pages = layout::layout(blocks, &m);
    let frame = Frame {
        organisation: ctx.organisation.clone(),
        title: title.to_owned(),
        reference,
        generated: uk_stamp(ctx.now),
        lead: ctx.lead.clone(),
    };
    render::render(&frame, &pages)
}

async fn closure(store: &Store, ctx: &Context, case_id: i64) -> Result<Vec<u8>> {
    let p = case_page::page_data(store, case_id, ctx.now).await?;
    if p.summary.status == "live" {
        return Err(Error::invalid("The closure report is for a closed case: this case is live."));
    }
    let closure = p.statuses.iter().find(|s| s.to_status == "closed");
    let title = "Closure report";
    let mut b = vec![Block::Title(format!("{title}: {}", p.summary.reference)), Block::Heading("Case".into())];
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
    b.push(Block::Heading("Closure".into()));
    if let Some(c) = closure {
        let reason =
            c.reason.as_deref().map_or_else(String::new, |r| label::<ClosureReason>(r, |x| capitalise(x.label())));
        b.push(Block::Pairs(vec![
            ("Reason".into(), reason),
            ("Evidence or details".into(), or_not_recorded(&c.reason_detail)),
            ("Closed on".into(), uk_date(&c.effective_on)),
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

async fn level_change(store: &Store, ctx: &Context, case_id: i64, change_id: i64) -> Result<Vec<u8>> {
    let p = case_page::page_data(store, case_id, ctx.now).await?;
    let change = p
        .levels
        .iter()
        .find(|l| l.id == change_id)
        .ok_or_else(|| Error::new(ErrorCode::NotFound, "That level change is not on this case."))?;
    let title = "Evidence for a level change";
    let mut b = vec![Block::Title(format!("{title}: {}", p.summary.reference)), Block::Heading("Case".into())];
    b.push(Block::Pairs(case_pairs(&p)));
    b.push(Block::Heading("The change".into()));
    b.push(Block::Pairs(vec![
        ("Change".into(), change_text(change.from_level.as_deref(), &change.to_level)),
        ("From".into(), uk_date(&change.effective_on)),
        ("Decided by".into(), change.decided_by.clone()),
        ("Recorded".into(), uk_date(&change.recorded_at)),
    ]));
    b.push(Block::Heading("Evidence".into()));
    b.push(Block::Para(change.evidence.clone()));
    b.push(Block::Heading("Chronology entries it rests on".into()));
    b.push(Block::Table {
        columns: detailed_chronology_columns(),
        rows: chronology_rows(p.chronology.iter().rev().filter(|e| change.entries.contains(&e.current.entry_id)), true),
        empty: "The change was not linked to chronology entries.".into(),
    });
    b.push(Block::Heading("Plans".into()));
    b.push(plans_table(&p));
    pdf(ctx, title, Some(p.summary.reference.clone()), &b)
}

/// A due date as every printed page gives it: its weekday, its time when counted in hours.
fn due_when(d: &crate::timescales::rules::DueItem) -> String {
    let day = d.due_on.format("%A %-d %B %Y").to_string();
    d.due_time.as_ref().map_or_else(|| day.clone(), |t| format!("{day} at {t}"))
}

/// What a lead must know of a due date beyond the date, as on screen.
fn due_notes(d: &crate::timescales::rules::DueItem) -> String {
    use crate::domain::calendar::NonWorkingDay as N;
    let mut notes = Vec::new();
    if let Some(day) = d.falls_on {
        let day = match day {
            N::Saturday => "a Saturday",
            N::Sunday => "a Sunday",
            N::BankHoliday => "a bank holiday",
        };
        notes.push(format!("Falls on {day}: plan for the working day before."));
    }
    if let Some(year) = d.calendar_ends {
        notes.push(format!(
            "Bank holidays after {year} are not known yet: working days after it were counted without them."
        ));
    }
    notes.join(" ")
}

fn timescales_table(due: &[crate::timescales::rules::DueItem]) -> Block {
    use crate::timescales::rules::DueState as S;
    Block::Table {
        columns: vec![("Step".into(), 3.0), ("Due".into(), 3.0), ("State".into(), 1.5), ("Note".into(), 4.0)],
        rows: due
            .iter()
            .map(|d| {
                let state = match d.state {
                    S::Overdue => "Overdue",
                    S::DueSoon => "Due soon",
                    S::Due => "Due",
                };
                vec![d.label.clone(), due_when(d), state.into(), due_notes(d)]
            })
            .collect(),
        empty: "Nothing is due.".into(),
    }
}

async fn conference(
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
    let kinds: Vec<String> = kinds.iter().map(|k| crate::store::text::as_text(*k)).collect::<Result<_>>()?;
    let in_range = |on: &str| on.parse::<NaiveDate>().is_ok_and(|d| d >= from && d <= to);
    let entries = p
        .chronology
        .iter()
        .rev()
        .filter(|e| in_range(&e.current.event_on) && (kinds.is_empty() || kinds.contains(&e.current.kind)));
    let title = "Evidence report for a family conference";
    let period = format!("{} to {}", from.format("%-d %B %Y"), to.format("%-d %B %Y"));
    let mut b =
        vec![Block::Title(format!("{title}: {}", p.summary.reference)), Block::Para(format!("Period: {period}"))];
    if !kinds.is_empty() {
        b.push(Block::Para(format!(
            "Entries of these types only: {}",
            kinds.iter().map(|k| kind(k)).collect::<Vec<_>>().join(", ")
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
        .filter(|l| in_range(&l.effective_on))
        .map(|l| {
            vec![
                short_date(&l.effective_on),
                change_text(l.from_level.as_deref(), &l.to_level),
                l.decided_by.clone(),
                l.evidence.clone(),
            ]
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
    pdf(ctx, title, Some(p.summary.reference.clone()), &b)
}

async fn weekly_summary(store: &Store, ctx: &Context, lead_id: i64, week: &str) -> Result<Vec<u8>> {
    let mut b = Vec::new();
    let mut span = String::new();
    for leads::Lead { id, name, .. } in active_leads(store).await? {
        let list = crate::review::checklist(store, lead_id, id, week, ctx.now).await?;
        if span.is_empty() {
            span = format!("{} to {}", uk_date(&list.monday), uk_date(&list.sunday));
            b.push(Block::Title(format!("Weekly review summary: {}", list.week)));
            b.push(Block::Para(format!("The week of {span}.")));
        }
        b.push(Block::Heading(name.clone()));
        b.push(Block::Para(match &list.signed_off_at {
            Some(at) => format!("Signed off {}: {} of {} cases reviewed.", uk_date(at), list.done, list.items.len()),
            None => format!("Not signed off: {} of {} cases reviewed.", list.done, list.items.len()),
        }));
        b.push(Block::Table {
            columns: vec![("Case".into(), 2.0), ("Outcome".into(), 2.2), ("Issue, concern or question".into(), 6.0)],
            rows: list
                .items
                .iter()
                .map(|i| {
                    let outcome = match i.outcome {
                        Some(crate::review::rules::Outcome::NoChange) => "No change",
                        Some(crate::review::rules::Outcome::FurtherAction) => "Further action needed",
                        None => "Not reviewed",
                    };
                    let mut note = i.note.clone();
                    for late in &i.late_notes {
                        note = format!("{note}\nLate note, {}: {}", uk_date(&late.recorded_at), late.note);
                    }
                    vec![format!("{}\n{}", i.reference, i.address), outcome.to_owned(), note]
                })
                .collect(),
            empty: "No case was live this week.".into(),
        });
    }
    pdf(ctx, "Weekly review summary", Some(week.to_owned()), &b)
}

/// One child on the register, in the query's column order.
#[derive(sqlx::FromRow)]
struct RegisterRow {
    name: String,
    dob: Option<String>,
    address: String,
    cats: String,
    start: String,
    la: String,
    sw: String,
    reference: String,
}

async fn register(store: &Store, ctx: &Context) -> Result<Vec<u8>> {
    let rows: Vec<RegisterRow> = sqlx::query_as(
        "SELECT p.full_name AS name, p.date_of_birth AS dob,
                c.address_line1 || CASE WHEN c.town <> '' THEN ', ' || c.town ELSE '' END || ', ' || c.postcode AS address,
                pl.categories AS cats, pl.start_on AS start,
                pl.local_authority || COALESCE((SELECT CASE t.kind WHEN 'visiting' THEN ' (visiting' ELSE ' (moved in' END
                                                       || ', transferred in)'
                                                FROM transfer_ins t WHERE t.plan_id = pl.id), '') AS la,
                COALESCE((SELECT t.social_worker FROM transfer_ins t WHERE t.plan_id = pl.id), c.social_worker_name) AS sw,
                c.reference AS reference
         FROM plans pl JOIN people p ON p.id = pl.person_id JOIN cases c ON c.id = pl.case_id
         WHERE pl.kind = 'child_protection_plan' AND pl.end_on IS NULL AND c.status <> 'archived'
         ORDER BY p.search_name, p.full_name, pl.start_on",
    )
    .fetch_all(store.pool())
    .await?;
    let count = rows.len();
    let title = "Register of children with a child protection plan";
    let b = vec![
        Block::Title(title.into()),
        Block::Para(format!(
            "{count} {} with a child protection plan running on {}.",
            if count == 1 { "child" } else { "children" },
            uk_stamp(ctx.now).split(" at ").next().unwrap_or_default()
        )),
        Block::Table {
            // Seven columns fit A4 portrait: the case reference goes under the child's name.
            columns: vec![
                ("Name and case".into(), 2.4),
                ("Date of birth".into(), 1.7),
                ("Address".into(), 3.0),
                ("Categories".into(), 2.0),
                ("Plan start".into(), 1.7),
                ("Local authority".into(), 2.1),
                ("Lead social worker".into(), 2.1),
            ],
            rows: rows
                .into_iter()
                .map(|RegisterRow { name, dob, address, cats, start, la, sw, reference }| {
                    vec![
                        format!("{name}\n{reference}"),
                        dob.as_deref().map_or_else(String::new, short_date),
                        address,
                        categories(&cats),
                        short_date(&start),
                        la,
                        or_not_recorded(&sw),
                    ]
                })
                .collect(),
            empty: "No child has a child protection plan running.".into(),
        },
    ];
    pdf(ctx, title, None, &b)
}

async fn enquiries_log(store: &Store, ctx: &Context, from: NaiveDate, to: NaiveDate) -> Result<Vec<u8>> {
    if from > to {
        return Err(Error::fields(vec![crate::FieldError::new(
            "to",
            "The end date must be on or after the start date",
        )]));
    }
    let filter = crate::enquiries::EnquiryFilter { from: Some(from), to: Some(to), ..Default::default() };
    let mut rows = crate::enquiries::list(store, &filter).await?;
    rows.reverse();
    let period = format!("{} to {}", from.format("%-d %B %Y"), to.format("%-d %B %Y"));
    let title = "Enquiries log";
    let b = vec![
        Block::Title(format!("{title}: {period}")),
        Block::Para(format!("{} {} received.", rows.len(), if rows.len() == 1 { "enquiry" } else { "enquiries" })),
        Block::Table {
            columns: vec![
                ("Received".into(), 1.8),
                ("Enquirer".into(), 3.0),
                ("Identity checked".into(), 2.0),
                ("About".into(), 2.6),
                ("What was shared".into(), 4.0),
                ("Lead social worker told".into(), 1.9),
            ],
            rows: rows
                .into_iter()
                .map(|q| {
                    let enquirer = [q.enquirer_name, q.enquirer_organisation, q.enquirer_role, q.enquirer_contact]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join("\n");
                    let identity = label::<crate::enquiries::rules::IdentityCheck>(&q.identity_check, |c| {
                        use crate::enquiries::rules::IdentityCheck as I;
                        match c {
                            I::CallBackSwitchboard => "Called back through the switchboard",
                            I::KnownContact => "Known contact",
                            I::SecureEmail => "Secure email",
                            I::Other => "Other",
                            I::Anonymous => "Anonymous",
                        }
                        .to_owned()
                    });
                    let identity = if q.identity_detail.is_empty() {
                        identity
                    } else {
                        format!("{identity}: {}", q.identity_detail)
                    };
                    let mut about = q.subject_name.unwrap_or_else(|| "Not finished".into());
                    if q.about_adult == Some(true) {
                        about.push_str(" (adult)");
                    }
                    if let Some(r) = q.case_reference {
                        about = format!("{about}\n{r}");
                    }
                    if let Some(r) = q.same_address_reference {
                        about = format!("{about}\nSame address as a child on a plan ({r})");
                    }
                    let shared = match q.answered {
                        Some(true) => {
                            let named = if q.social_worker_name_given == Some(true) {
                                "\nLead social worker named."
                            } else {
                                ""
                            };
                            format!("{}{named}", q.what_shared.unwrap_or_default())
                        }
                        Some(false) => "Nothing shared.".into(),
                        None => String::new(),
                    };
                    vec![
                        short_date(&q.received_at),
                        enquirer,
                        identity,
                        about,
                        shared,
                        q.informed_on.as_deref().map_or_else(|| "Not yet".to_owned(), short_date),
                    ]
                })
                .collect(),
            empty: "No enquiries in this period.".into(),
        },
    ];
    pdf(ctx, title, Some(format!("{} to {}", from.format("%d/%m/%Y"), to.format("%d/%m/%Y"))), &b)
}

/// Makes a report's PDF and audits it. `lead_id` is the lead generating it.
pub async fn generate(store: &Store, lead_id: i64, request: &ReportRequest, now: DateTime<Utc>) -> Result<Vec<u8>> {
    let ctx = context(store, lead_id, now).await?;
    let (bytes, record) = match request {
        ReportRequest::Closure { case_id } => (closure(store, &ctx, *case_id).await?, ("case", case_id.to_string())),
        ReportRequest::LevelChange { case_id, level_change_id } => {
            (level_change(store, &ctx, *case_id, *level_change_id).await?, ("case", case_id.to_string()))
        }
        ReportRequest::Conference { case_id, from, to, kinds } => {
            (conference(store, &ctx, *case_id, *from, *to, kinds).await?, ("case", case_id.to_string()))
        }
        ReportRequest::WeeklySummary { week } => {
            (weekly_summary(store, &ctx, lead_id, week).await?, ("review_week", week.clone()))
        }
        ReportRequest::Register => (register(store, &ctx).await?, ("report", "register".to_owned())),
        ReportRequest::EnquiriesLog { from, to } => {
            (enquiries_log(store, &ctx, *from, *to).await?, ("report", format!("enquiries {from} to {to}")))
        }
    };
    audit::record(
        store,
        Entry::new(stamp(now), Actor::Lead(lead_id), Action::ReportGenerated).record(record.0, record.1),
    )
    .await?;
    Ok(bytes)
}

/// The recovery key sheet, printed at set-up (nothing is stored yet, so nothing to audit).
pub fn recovery_sheet(organisation: &str, groups: &[String], now: DateTime<Utc>) -> Result<Vec<u8>> {
    let ctx = Context { organisation: organisation.to_owned(), lead: "the person setting up CP Tracker".into(), now };
    let numbered: Vec<(String, String)> =
        groups.iter().enumerate().map(|(i, g)| (format!("Group {}", i + 1), g.clone())).collect();
    let b = vec![
        Block::Title("CP Tracker recovery key".into()),
        Block::Para(
            "This key opens the records if this computer's password store is lost or the records are moved to \
             a new computer. Keep this sheet locked away, apart from the laptop. Anyone with this key and the \
             records file can read the records."
                .into(),
        ),
        Block::Pairs(numbered),
        Block::Para(format!("Key: {}", groups.join("-"))),
    ];
    pdf(&ctx, "Recovery key", None, &b)
}

/// Writes `bytes` to `path` whole: into a temporary file beside it, then renamed, so a
/// failure never leaves half a report where the lead chose to save it.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let cannot = |e: std::io::Error| {
        Error::new(
            ErrorCode::DataFolder,
            format!("The report could not be saved there ({}). Choose another folder.", e.kind()),
        )
    };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(cannot)?;
    std::io::Write::write_all(&mut tmp, bytes).map_err(cannot)?;
    tmp.as_file().sync_all().map_err(cannot)?;
    tmp.persist(path).map_err(|e| cannot(e.error))?;
    Ok(())
}
