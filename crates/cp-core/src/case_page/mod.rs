//! The case page: one case with everything every area holds about it. A read model above the
//! areas: it reads through each area's own functions and writes nothing but the audit row of
//! the view.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::audit::{self, Action, Actor, Entry};
use crate::cases::rules::{self as case, CaseDetails};
use crate::cases::{CaseSummary, LevelHistoryItem, StatusHistoryItem};
use crate::clock::stamp;
use crate::domain::label::Label;
use crate::store::Store;
use crate::{Error, ErrorCode, Result};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CasePage {
    pub summary: CaseSummary,
    /// The case's name from its children ("Łukasz and Siân Nowak"), empty when it has none.
    pub name: String,
    /// Warnings to see before acting: those in force first, then the ended ones.
    pub flags: Vec<crate::flags::Flag>,
    pub address_line2: String,
    pub town: String,
    pub source: crate::cases::Source,
    pub details: CaseDetails,
    /// The allocated lead's name.
    pub lead: Option<String>,
    pub people: Vec<crate::people::PersonInCase>,
    pub relationships: Vec<crate::people::Relationship>,
    pub plans: Vec<crate::plans::Plan>,
    pub chronology: Vec<crate::chronology::ChronologyEntry>,
    /// The organisation's entry tags, to choose from and to filter by.
    pub tag_choices: Vec<String>,
    pub concerns: Vec<crate::concerns::Concern>,
    /// Open ones first, soonest due first; then the ended ones.
    pub actions: Vec<crate::case_actions::CaseAction>,
    /// Referrals made and decisions not to refer, newest first.
    pub referrals: Vec<crate::referrals::Referral>,
    /// Professional disagreements escalated: the unresolved first, then newest first.
    pub escalations: Vec<crate::escalations::CaseEscalation>,
    pub transfers: Vec<crate::transfers::TransferRow>,
    /// The child protection files sent to a child's new setting, newest first.
    pub files_sent: Vec<crate::file_transfers::OutgoingTransfer>,
    /// The files from another setting this case was received with.
    pub files_received: Vec<crate::file_transfers::ReceivedFile>,
    /// What is due on a live case, most urgent first.
    pub timescales: Vec<crate::timescales::rules::DueItem>,
    /// When a closed case will be archived.
    #[ts(type = "string | null")]
    pub archives_on: Option<NaiveDate>,
    /// A closed or archived case's retention: when its records come up for review, and any
    /// legal hold or destruction asked for.
    pub retention: Option<crate::disposal::Retention>,
    /// Subject access requests, newest first.
    pub subject_access: Vec<crate::subject_access::SubjectAccess>,
    /// Files attached to the case, its entries and its concerns, newest first (withdrawn ones
    /// too, marked), each with its SHA-256; never their bytes.
    pub attachments: Vec<crate::attachments::Attachment>,
    /// The marks on the children's body maps, by entry and number (withdrawn ones too, marked).
    pub body_marks: Vec<crate::body_maps::BodyMark>,
    pub levels: Vec<LevelHistoryItem>,
    pub statuses: Vec<StatusHistoryItem>,
}

impl CasePage {
    /// The page as one child's file: that child and the adults (the other children's own
    /// records stay behind), that child's plans, and the entries about them or about the whole
    /// family. A file sent for one child and a subject access copy about one child read it.
    pub fn narrow_to_child(&mut self, child: i64) {
        self.people.retain(|p| p.id == child || !p.role.is_child());
        self.plans.retain(|p| p.person_id == child);
        self.chronology.retain(|e| e.current.children.is_empty() || e.current.children.contains(&child));
        self.attachments.retain(|a| a.children.is_empty() || a.children.contains(&child));
        self.body_marks.retain(|m| m.person_id == child);
        let kept: Vec<i64> = self.people.iter().map(|p| p.id).collect();
        let names: Vec<String> = self.people.iter().map(|p| p.full_name.clone()).collect();
        for e in &mut self.chronology {
            for r in std::iter::once(&mut e.current).chain(e.earlier.iter_mut()) {
                r.children.retain(|c| kept.contains(c));
            }
        }
        self.relationships.retain(|r| names.contains(&r.person) && names.contains(&r.other));
        self.transfers.clear();
        self.name = self.people.iter().find(|p| p.id == child).map(|p| p.full_name.clone()).unwrap_or_default();
    }
}

/// A case page's data. Viewing a case is audited.
pub async fn page(store: &Store, lead_id: i64, id: i64, now: DateTime<Utc>) -> Result<CasePage> {
    let page = page_data(store, id, now).await?;
    audit::record(store, Entry::new(stamp(now), Actor::Lead(lead_id), Action::CaseViewed).record("case", id)).await?;
    Ok(page)
}

/// The case page's data without the view being audited (reports audit their own act).
pub(crate) async fn page_data(store: &Store, id: i64, now: DateTime<Utc>) -> Result<CasePage> {
    if let Some(removal) = crate::disposal::removal_of(store, id).await? {
        return Err(Error::new(
            ErrorCode::NotFound,
            format!(
                "The records of case {} were removed {} ({}). Only its reference is kept, with the removal log's \
                 entry.",
                removal.reference,
                removal.removed_at.uk_time_and_date(),
                removal.rule.label().to_lowercase(),
            ),
        ));
    }
    let summary = crate::cases::summary(store, id).await?;
    let row = crate::cases::details(store, id).await?;
    let (levels, statuses) = crate::cases::history(store, id).await?;
    let people = crate::people::in_case(store, id).await?;
    let relationships = crate::people::relationships(store, id).await?;
    let plans = crate::plans::for_case(store, id).await?;
    let chronology = crate::chronology::for_case(store, id).await?;
    let tag_choices = crate::chronology::tags(store).await?;
    let concerns = crate::concerns::for_case(store, id).await?;
    let actions = crate::case_actions::for_case(store, id).await?;
    let flags = crate::flags::for_case(store, id).await?;
    let referrals = crate::referrals::for_case(store, id).await?;
    let escalations = crate::escalations::for_case(store, id).await?;
    let transfers = crate::transfers::for_case(store, id).await?;
    let files_sent = crate::file_transfers::for_case(store, id).await?;
    let files_received = crate::file_transfers::received_for_case(store, id).await?;
    let timescales = crate::timescales::due_by_case(store, Some(&[id]), now).await?.remove(&id).unwrap_or_default();
    let archives_on = match summary.closed_on {
        Some(closed) if summary.status == crate::domain::case::Status::Closed => {
            Some(case::archive_due(closed, crate::timescales::archive_months(store).await?))
        }
        _ => None,
    };
    let retention = crate::disposal::retention_for(store, id, now).await?;
    let subject_access = crate::subject_access::for_case(store, id).await?;
    let attachments = crate::attachments::for_case(store, id).await?;
    let body_marks = crate::body_maps::for_case(store, id).await?;
    let details = CaseDetails {
        allocated_lead_id: row.allocated_lead_id,
        local_authority: row.local_authority,
        social_worker_name: row.social_worker_name,
        social_worker_team: row.social_worker_team,
        social_worker_phone: row.social_worker_phone,
        social_worker_email: row.social_worker_email,
        cc_registration: row.cc_registration,
        cc_registration_on: row.cc_registration_on,
        nation: row.nation,
        version: row.details_version,
    };
    let children: Vec<&str> = people.iter().filter(|p| p.role.is_child()).map(|p| p.full_name.as_str()).collect();
    Ok(CasePage {
        name: crate::people::rules::family_name(&children),
        summary,
        flags,
        address_line2: row.address_line2,
        town: row.town,
        source: row.source,
        details,
        lead: row.lead,
        people,
        relationships,
        plans,
        chronology,
        tag_choices,
        concerns,
        actions,
        referrals,
        escalations,
        transfers,
        files_sent,
        files_received,
        timescales,
        archives_on,
        retention,
        subject_access,
        attachments,
        body_marks,
        levels,
        statuses,
    })
}
