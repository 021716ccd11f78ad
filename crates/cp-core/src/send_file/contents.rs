//! What goes with a file: the case page narrowed to one child and the parts chosen, and that
//! page as the package's records. The paper pack prints the same narrowed page, so the
//! package and the paper say the same thing.

use crate::case_page::CasePage;
use crate::chronology::Revision;
use crate::file_transfers::format::{
    ActionRecord, CaseRecord, ConcernEscalationRecord, ConcernRecord, EntryRecord, FlagRecord, LevelRecord,
    PersonRecord, PlanRecord, Record, RevisionRecord,
};
use crate::file_transfers::rules::Section;

/// Keeps only what goes: for one child, that child and the adults (other children's own
/// records stay behind), their plans, and the entries about them or about the whole family;
/// and only the parts chosen.
pub(crate) fn narrow(page: &mut CasePage, child: Option<i64>, sections: &[Section]) {
    if let Some(child) = child {
        page.narrow_to_child(child);
    }
    let has = |s: Section| sections.contains(&s);
    if !has(Section::Chronology) {
        page.chronology.clear();
    }
    if !has(Section::Plans) {
        page.plans.clear();
    }
    if !has(Section::Levels) {
        page.levels.clear();
    }
    if !has(Section::Concerns) {
        page.concerns.clear();
    }
    if !has(Section::Actions) {
        page.actions.clear();
    }
    if !has(Section::Flags) {
        page.flags.clear();
    }
    // Neither travels: the receiving setting keeps its own clocks and makes its own referrals.
    page.timescales.clear();
    page.files_sent.clear();
    page.referrals.clear();
    page.escalations.clear();
}

fn revision(r: &Revision) -> RevisionRecord {
    RevisionRecord {
        revision: r.revision,
        event_on: r.event_on,
        event_time: r.event_time.clone(),
        kind: r.kind,
        info_source: r.info_source.clone(),
        summary: r.summary.clone(),
        detail: r.detail.clone(),
        action_required: r.action_required.clone(),
        amend_reason: r.amend_reason.clone(),
        recorded_at: r.recorded_at.to_string(),
        recorded_by: r.recorded_by.clone(),
        children: r.children.clone(),
        significant: r.significant,
        tags: r.tags.clone(),
    }
}

/// The narrowed page as records: the case, the people, then each part, oldest first.
pub(crate) fn records(page: &CasePage) -> Vec<Record> {
    let d = &page.details;
    let mut out = vec![Record::Case(CaseRecord {
        reference: page.summary.reference.clone(),
        address_line1: page.summary.address_line1.clone(),
        address_line2: page.address_line2.clone(),
        town: page.town.clone(),
        postcode: page.summary.postcode.clone(),
        level: page.summary.level,
        opened_on: page.summary.opened_on,
        local_authority: d.local_authority.clone(),
        social_worker: d.social_worker_line(),
    })];
    out.extend(page.people.iter().map(|p| {
        Record::Person(PersonRecord {
            id: p.id,
            full_name: p.full_name.clone(),
            role: p.role,
            date_of_birth: p.date_of_birth,
            expected_date: p.expected_date,
            gender: p.gender.clone(),
            setting: p.setting.clone(),
        })
    }));
    out.extend(page.plans.iter().map(|p| {
        Record::Plan(PlanRecord {
            person: p.person_id,
            kind: p.kind,
            categories: p.categories.0.clone(),
            start_on: p.start_on,
            end_on: p.end_on,
            local_authority: p.local_authority.clone(),
        })
    }));
    // The page lists entries newest first and each entry's earlier revisions newest first.
    out.extend(page.chronology.iter().rev().map(|e| {
        let mut revisions: Vec<RevisionRecord> = e.earlier.iter().rev().map(revision).collect();
        revisions.push(revision(&e.current));
        Record::Entry(EntryRecord { revisions })
    }));
    out.extend(page.levels.iter().rev().map(|l| {
        Record::Level(LevelRecord {
            from: l.from_level,
            to: l.to_level,
            evidence: l.evidence.clone(),
            effective_on: l.effective_on,
            decided_by: l.decided_by.clone(),
            recorded_at: l.recorded_at.to_string(),
        })
    }));
    out.extend(page.concerns.iter().map(|c| {
        let worker = [&c.worker_name, &c.worker_role, &c.worker_contact]
            .into_iter()
            .filter(|s| !s.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        Record::Concern(ConcernRecord {
            info_from: c.info_from.clone(),
            nature: c.nature,
            incident_on: c.incident_on,
            worker,
            strategy_needed: c.strategy_needed,
            decided_by: c.decided_by.clone(),
            reasons: c.reasons.clone(),
            recorded_at: c.recorded_at.to_string(),
            recorded_by: c.recorded_by.clone(),
            escalations: c
                .escalations
                .iter()
                .map(|x| ConcernEscalationRecord {
                    level: x.level,
                    disagreement: x.disagreement.clone(),
                    outcome: x.outcome.clone(),
                    recorded_at: x.recorded_at.to_string(),
                    recorded_by: x.recorded_by.clone(),
                })
                .collect(),
        })
    }));
    out.extend(page.actions.iter().map(|a| {
        Record::Action(ActionRecord {
            what: a.what.clone(),
            owner: a.owner.clone(),
            owner_contact: a.owner_contact.clone(),
            due_on: a.due_on,
            state: a.state,
            outcome: a.outcome.clone(),
            created_at: a.created_at.to_string(),
            created_by: a.created_by.clone(),
        })
    }));
    out.extend(page.flags.iter().map(|f| {
        Record::Flag(FlagRecord {
            flag: f.flag.clone(),
            added_at: f.added_at.to_string(),
            added_by: f.added_by.clone(),
            ended_at: f.ended_at.map(|s| s.to_string()),
            end_reason: f.end_reason.clone(),
        })
    }));
    out
}
