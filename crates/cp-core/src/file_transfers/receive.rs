//! A transfer package from another setting: what it holds, shown before anything is written,
//! then the file received as a new case in one write, every entry as it was. A wrong
//! passphrase, a damaged package or one already received changes nothing.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::format::{CaseRecord, Record};
use super::package::{self, Opened, Passphrase};
use super::{ReceivedFile, ReceivedPart, sql};
use crate::audit::{self, Action, Actor, Entry};
use crate::cases::{NewCase, Source};
use crate::chronology::ReceivedRevision;
use crate::chronology::rules::NewEntry;
use crate::clock::{parse_stamp, stamp};
use crate::domain::calendar::uk_today;
use crate::domain::case::Level;
use crate::domain::fold::search_form;
use crate::people::rules::NewPerson;
use crate::plans::rules::NewPlan;
use crate::store::Store;
use crate::write::{self, ChangeKind};
use crate::{Error, ErrorCode, FieldError, Result};

/// What a package holds, for the lead to check before receiving it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PackagePreview {
    pub from_organisation: String,
    pub from_lead: String,
    pub their_reference: String,
    pub made_at: String,
    #[ts(type = "string")]
    pub move_confirmed_on: NaiveDate,
    /// Who it was made for.
    pub setting: String,
    pub dsl: String,
    pub level: Level,
    pub children: Vec<PreviewChild>,
    /// Each kind of record and how many: "Chronology entries: 14".
    pub holds: Vec<(String, usize)>,
    pub digest: String,
    /// The case it was already received as, if it was.
    pub received_as: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PreviewChild {
    pub name: String,
    #[ts(type = "string | null")]
    pub date_of_birth: Option<NaiveDate>,
    /// The case of a child already recorded here with the same name, date of birth and
    /// postcode: they are linked, not added again.
    pub recorded_in: Option<String>,
}

/// A package received: the new case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Received {
    #[ts(type = "number")]
    pub case_id: i64,
    pub reference: String,
}

fn case_of(opened: &Opened) -> Result<&CaseRecord> {
    match opened.records.first() {
        Some(Record::Case(c)) => Ok(c),
        _ => Err(Error::internal("A checked package has no case record.")),
    }
}

fn postcode_of(case: &CaseRecord) -> String {
    crate::domain::postcode::normalise(&case.postcode).unwrap_or_else(|_| case.postcode.trim().to_uppercase())
}

/// Opens a package and says what it holds. Audited: its names are case content.
pub async fn preview(
    store: &Store,
    lead_id: i64,
    bytes: &[u8],
    passphrase: &str,
    now: DateTime<Utc>,
) -> Result<PackagePreview> {
    let opened = package::open(bytes, &Passphrase::parse(passphrase)?)?;
    let case = case_of(&opened)?;
    let postcode = postcode_of(case);
    let mut children = Vec::new();
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for r in &opened.records {
        if let Record::Person(p) = r
            && p.role.is_child()
        {
            let recorded_in = match p.date_of_birth {
                Some(born) => {
                    crate::people::sql::child_recorded(&mut store.db(), &search_form(&p.full_name), born, &postcode)
                        .await?
                        .map(|(_, reference)| reference)
                }
                None => None,
            };
            children.push(PreviewChild { name: p.full_name.clone(), date_of_birth: p.date_of_birth, recorded_in });
        }
        let what = match r {
            Record::Case(_) => continue,
            Record::Person(_) => "People",
            Record::Plan(_) => "Plans",
            Record::Entry(_) => "Chronology entries",
            Record::Level(_) => "Level changes",
            Record::Concern(_) => "Concerns",
            Record::Action(_) => "Actions",
            Record::Flag(_) => "Warnings",
        };
        match counts.iter_mut().find(|(w, _)| *w == what) {
            Some((_, n)) => *n += 1,
            None => counts.push((what, 1)),
        }
    }
    let received_as = sql::received_as(&mut store.db(), &opened.manifest.id).await?;
    audit::record(
        store,
        Entry::new(stamp(now), Actor::Lead(lead_id), Action::TransferPackageOpened).record("package", &opened.digest),
    )
    .await?;
    let m = &opened.manifest;
    Ok(PackagePreview {
        from_organisation: m.from.organisation.clone(),
        from_lead: m.from.lead.clone(),
        their_reference: m.case_reference.clone(),
        made_at: m.made_at.clone(),
        move_confirmed_on: m.move_confirmed_on,
        setting: m.to.setting.clone(),
        dsl: m.to.dsl.clone(),
        level: case.level,
        children,
        holds: counts.into_iter().map(|(w, n)| (w.to_owned(), n)).collect(),
        digest: opened.digest.clone(),
        received_as,
    })
}

/// A record the package holds that this laptop cannot keep as it is: nothing is imported.
fn unusable(what: &str, e: &Error) -> Error {
    Error::fields(vec![FieldError::new(
        "file",
        format!("The package's {what} could not be kept ({}), so nothing was imported. Ask the sender to check it", {
            e.message.trim_end_matches('.')
        }),
    )])
}

/// Receives a package as a new case: its people (a child already recorded here is linked),
/// plans, every chronology entry with every revision and who recorded it there, and the
/// warnings in force; the package itself is kept as it arrived. One write: all or nothing.
pub async fn receive(
    store: &Store,
    lead_id: i64,
    bytes: &[u8],
    passphrase: &str,
    now: DateTime<Utc>,
) -> Result<Received> {
    let opened = package::open(bytes, &Passphrase::parse(passphrase)?)?;
    let case = case_of(&opened)?.clone();
    let m = &opened.manifest;
    let from = m.from.organisation.trim().to_owned();
    let made_at = parse_stamp(&m.made_at).map(stamp).ok_or_else(|| unusable("date", &Error::invalid("not a time")))?;
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        if let Some(reference) = sql::received_as(&mut w.sql(), &m.id).await? {
            return Err(Error::new(
                ErrorCode::Invalid,
                format!("This package was already received, as case {reference}. Nothing was imported again."),
            ));
        }
        let postcode = postcode_of(&case);
        let new = NewCase {
            address_line1: case.address_line1.clone(),
            address_line2: case.address_line2.clone(),
            town: case.town.clone(),
            postcode: postcode.clone(),
            source: Source::FileReceived,
            local_authority: case.local_authority.clone(),
            opened_on: uk_today(w.now()),
            cc_registration: None,
            cc_registration_on: None,
        };
        let (case_id, reference) = crate::cases::open_case_in(w, &new).await.map_err(|e| unusable("address", &e))?;
        let at = w.at().to_owned();
        let row = sql::ReceivedRow {
            case_id,
            package_id: &m.id,
            from_organisation: &from,
            from_lead: m.from.lead.trim(),
            their_reference: m.case_reference.trim(),
            move_confirmed_on: m.move_confirmed_on,
            made_at: &made_at,
            digest: &opened.digest,
            body: &opened.body,
            lead_id,
            at: &at,
        };
        let file_id = sql::insert_received(&mut w.sql(), &row).await?;
        let mut people = std::collections::HashMap::new();
        for r in &opened.records {
            match r {
                Record::Person(p) => {
                    let person = NewPerson {
                        full_name: p.full_name.clone(),
                        role: p.role,
                        date_of_birth: p.date_of_birth,
                        expected_date: p.expected_date,
                        gender: p.gender.clone(),
                        setting: p.setting.clone(),
                    };
                    let id = crate::people::add_or_match_in(w, case_id, &person, &postcode)
                        .await
                        .map_err(|e| unusable(&format!("record of {}", p.full_name), &e))?;
                    people.insert(p.id, id);
                }
                Record::Plan(p) => {
                    let plan = NewPlan {
                        person_id: people
                            .get(&p.person)
                            .copied()
                            .ok_or_else(|| unusable("plan", &Error::invalid("")))?,
                        kind: p.kind,
                        categories: p.categories.clone(),
                        start_on: p.start_on,
                        local_authority: p.local_authority.clone(),
                    };
                    crate::plans::receive_in(w, case_id, &plan, p.end_on).await?;
                }
                Record::Entry(e) => {
                    let mut revisions = Vec::with_capacity(e.revisions.len());
                    for r in &e.revisions {
                        let recorded_at = parse_stamp(&r.recorded_at)
                            .map(stamp)
                            .ok_or_else(|| unusable("chronology", &Error::invalid("a time is not a time")))?;
                        let event_time = match &r.event_time {
                            Some(t) => Some(
                                chrono::NaiveTime::parse_from_str(t, "%H:%M")
                                    .map_err(|_| unusable("chronology", &Error::invalid("a time is not a time")))?,
                            ),
                            None => None,
                        };
                        let entry = NewEntry {
                            event_on: r.event_on,
                            event_time,
                            kind: r.kind,
                            info_source: r.info_source.clone(),
                            children: r.children.iter().filter_map(|c| people.get(c).copied()).collect(),
                            summary: r.summary.clone(),
                            detail: r.detail.clone(),
                            action_required: r.action_required.clone(),
                            significant: r.significant,
                            tags: r.tags.clone(),
                        };
                        revisions.push(ReceivedRevision {
                            revision: r.revision,
                            entry,
                            amend_reason: r.amend_reason.clone(),
                            recorded_at,
                            recorded_by: r.recorded_by.clone(),
                        });
                    }
                    crate::chronology::receive_entry_in(w, case_id, &revisions, file_id).await?;
                }
                Record::Flag(f) if f.ended_at.is_none() => {
                    let flag = crate::flags::rules::NewFlag { flag: format!("{} (from {from})", f.flag) };
                    crate::flags::add_in(w, lead_id, case_id, &flag).await.map_err(|e| unusable("warning", &e))?;
                }
                // Kept in the package as it arrived: the level history, concerns, actions and
                // ended warnings are the other setting's record, shown with the received file.
                Record::Case(_) | Record::Flag(_) | Record::Level(_) | Record::Concern(_) | Record::Action(_) => {}
            }
        }
        let summary = format!("File received from {from} (their reference {})", m.case_reference.trim());
        w.changed(case_id, ChangeKind::FileReceived, &summary).await?;
        w.audit(Action::FileReceived, "case", case_id).await?;
        Ok(Received { case_id, reference: reference.to_string() })
    })
    .await
}

/// The files a case was received with, each with what it holds that is the other setting's
/// record (read back from the package as it arrived).
pub async fn received_for_case(store: &Store, case_id: i64) -> Result<Vec<ReceivedFile>> {
    let mut files = sql::received_for_case(store, case_id).await?;
    for f in &mut files {
        f.parts = received_records(store, f.id).await?.iter().filter_map(part).collect();
    }
    Ok(files)
}

/// A record of the other setting's, in words; `None` for what became this case's own (the
/// case, people, plans, entries, warnings in force).
fn part(r: &Record) -> Option<ReceivedPart> {
    use crate::domain::label::Label;
    let day = |stamp: &str| parse_stamp(stamp).map(crate::domain::calendar::uk_today);
    Some(match r {
        Record::Level(l) => ReceivedPart {
            kind: "Level change".into(),
            on: Some(l.effective_on),
            title: match l.from {
                Some(from) => format!("{} to {}", from.label(), l.to.label()),
                None => l.to.label().to_owned(),
            },
            detail: l.evidence.clone(),
            by: l.decided_by.clone(),
        },
        Record::Concern(c) => {
            let mut detail = c.reasons.clone();
            for x in &c.escalations {
                detail.push_str(&format!(
                    "\nEscalated to the {}: {} Outcome: {}",
                    x.level.label().to_lowercase(),
                    x.disagreement,
                    x.outcome
                ));
            }
            ReceivedPart {
                kind: "Concern".into(),
                on: c.incident_on.or_else(|| day(&c.recorded_at)),
                title: format!(
                    "{} from {}; strategy discussion {}",
                    c.nature.label(),
                    c.info_from,
                    if c.strategy_needed { "needed" } else { "not needed" }
                ),
                detail,
                by: c.recorded_by.clone(),
            }
        }
        Record::Action(a) => ReceivedPart {
            kind: "Action".into(),
            on: Some(a.due_on),
            title: a.what.clone(),
            detail: if a.outcome.is_empty() {
                format!("For {}. {}", a.owner, a.state.label())
            } else {
                format!("For {}. {}: {}", a.owner, a.state.label(), a.outcome)
            },
            by: a.created_by.clone(),
        },
        Record::Flag(f) if f.ended_at.is_some() => ReceivedPart {
            kind: "Warning (ended)".into(),
            on: f.ended_at.as_deref().and_then(day),
            title: f.flag.clone(),
            detail: f.end_reason.clone(),
            by: f.added_by.clone(),
        },
        Record::Case(_) | Record::Person(_) | Record::Plan(_) | Record::Entry(_) | Record::Flag(_) => return None,
    })
}

/// What a received file held, as it arrived (the manifest line left out).
pub async fn received_records(store: &Store, id: i64) -> Result<Vec<Record>> {
    let body = sql::received_body(store, id)
        .await?
        .ok_or_else(|| Error::new(ErrorCode::NotFound, "That received file does not exist."))?;
    body.lines()
        .skip(1)
        .map(|line| serde_json::from_str(line).map_err(|_| Error::internal("A received file could not be read back.")))
        .collect()
}
