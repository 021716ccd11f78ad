//! Each nation's pack of timescale rules, each rule with its source: which chronology entries
//! start its clock, which meet it, and its default period.

use std::collections::BTreeMap;

use super::rules::{ARCHIVE_DEFAULT, Period, Rule, RuleId};
use crate::chronology::rules::EntryKind as K;
use crate::domain::calendar::Nation;

/// The rules triggered by chronology entries.
pub const RULES: [Rule; 6] = [
    // A referral made by phone is confirmed in writing within 48 hours (Working Together
    // 2023, chapter 2, "Making a referral"; seed 003).
    Rule {
        id: RuleId::WrittenConfirmation,
        label: "Written confirmation of the phone referral",
        starts: &[K::ReferralByPhone],
        met_by: &[K::ReferralInWriting],
        default: Period::Hours(48),
        needs_cp_plan: false,
    },
    // Referral (or a concern on an open case decided to need one, seed 004) to strategy
    // discussion: within 10 days (seed 003; areas set their own).
    Rule {
        id: RuleId::StrategyDiscussion,
        label: "Strategy discussion",
        starts: &[K::ReferralByPhone, K::ReferralInWriting, K::ConcernStrategyNeeded],
        met_by: &[K::StrategyDiscussion],
        default: Period::Days(10),
        needs_cp_plan: false,
    },
    // Strategy discussion to initial child protection conference: within 15 working days
    // (Working Together 2023, chapter 4, "Initial child protection conferences").
    Rule {
        id: RuleId::InitialConference,
        label: "Initial child protection conference",
        starts: &[K::StrategyDiscussion],
        met_by: &[K::InitialConference],
        default: Period::WorkingDays(15),
        needs_cp_plan: false,
    },
    // Initial conference to the first core group: within 10 working days (Working Together
    // 2023, chapter 4, "The child protection plan").
    Rule {
        id: RuleId::FirstCoreGroup,
        label: "First core group",
        starts: &[K::InitialConference],
        met_by: &[K::CoreGroup],
        default: Period::WorkingDays(10),
        needs_cp_plan: false,
    },
    // First review conference within 3 months of the initial one (Working Together 2023,
    // chapter 4, "Child protection review conferences").
    Rule {
        id: RuleId::FirstReviewConference,
        label: "First review conference",
        starts: &[K::InitialConference],
        met_by: &[K::ReviewConference],
        default: Period::Months(3),
        needs_cp_plan: true,
    },
    // Then a review conference at least every 6 months while the plan lasts (ibid.).
    Rule {
        id: RuleId::NextReviewConference,
        label: "Next review conference",
        starts: &[K::ReviewConference],
        met_by: &[K::ReviewConference],
        default: Period::Months(6),
        needs_cp_plan: true,
    },
];

/// Scotland's steps and periods (National Guidance for Child Protection in Scotland 2021,
/// updated 2023, Appendix D "Timescales for stages in child protection processes"): the
/// strategy discussion is the inter-agency referral discussion (IRD), the conference is the
/// child protection planning meeting (CPPM), and some periods are in calendar days. Each
/// step is England's but for what is named beside it.
pub const SCOTLAND_RULES: [Rule; 6] = [
    // The organisation's own local procedure (seed 003), as in England.
    Rule { label: "Written confirmation of the phone referral", ..RULES[0] },
    // IRD "as soon as reasonably practical", normally by the next working day (Appendix D).
    Rule { label: "Inter-agency referral discussion (IRD)", default: Period::WorkingDays(1), ..RULES[1] },
    // A CPPM within 28 calendar days of the investigation going ahead (Appendix D).
    Rule { label: "Child protection planning meeting (CPPM)", default: Period::Days(28), ..RULES[2] },
    // The core group meets within 15 working days of the CPPM (Appendix D, updated 2023).
    Rule { label: "First core group", default: Period::WorkingDays(15), ..RULES[3] },
    // A review CPPM within 6 months of the CPPM (Appendix D; 3 months for a pre-birth CPPM,
    // which a lead records as an earlier review), then every 6 months while on the register.
    Rule { label: "Review child protection planning meeting", default: Period::Months(6), ..RULES[4] },
    Rule { label: "Next review child protection planning meeting", ..RULES[5] },
];

/// Northern Ireland's (SBNI Regional Core Child Protection Policies and Procedures, "Child
/// Protection Case Conferences"): the same working-day clocks as England under the names the
/// procedures use; the strategy discussion's period is the organisation's local one.
pub const NORTHERN_IRELAND_RULES: [Rule; 6] = [
    Rule { label: "Written confirmation of the phone referral", ..RULES[0] },
    Rule { label: "Strategy discussion", ..RULES[1] },
    // Initial child protection case conference within 15 working days of the strategy
    // discussion.
    Rule { label: "Initial child protection case conference", ..RULES[2] },
    // The first core group within 10 working days of the initial conference.
    Rule { label: "First core group", ..RULES[3] },
    // The first review within 3 months, then at most every 6 months.
    Rule { label: "First review child protection case conference", ..RULES[4] },
    Rule { label: "Next review child protection case conference", ..RULES[5] },
];

/// The rules of the procedures a case follows, by its nation. England's and Wales's (Wales
/// Safeguarding Procedures 2019: 15 working days to the initial conference, 10 to the core
/// group, 3 then 6 months to reviews) are the same.
pub fn rules(nation: Nation) -> &'static [Rule] {
    match nation {
        Nation::EnglandAndWales => &RULES,
        Nation::Scotland => &SCOTLAND_RULES,
        Nation::NorthernIreland => &NORTHERN_IRELAND_RULES,
    }
}

/// Each step's default period in a nation's pack, the archive included, for the settings screen.
pub fn defaults(nation: Nation) -> BTreeMap<RuleId, Period> {
    let mut out: BTreeMap<RuleId, Period> = rules(nation).iter().map(|r| (r.id, r.default)).collect();
    out.insert(RuleId::ArchiveAfterClosure, ARCHIVE_DEFAULT);
    out
}
