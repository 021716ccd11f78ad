//! TypeScript types for everything the UI receives, generated from the Rust types so the two
//! can never drift. `tests/bindings.rs` fails when `ui/src/lib/bindings.ts` is stale and
//! rewrites it when run with `UPDATE_BINDINGS=1`.

use ts_rs::{Config, TS};

/// Path of the generated file, relative to the repository root.
pub const BINDINGS_PATH: &str = "ui/src/lib/bindings.ts";

macro_rules! declarations {
    ($cfg:expr; $($ty:ty),+ $(,)?) => {
        vec![$(declaration::<$ty>($cfg)),+]
    };
}

fn declaration<T: TS + 'static>(cfg: &Config) -> String {
    let docs = T::docs().unwrap_or_default();
    format!("{docs}export {};\n", T::decl(cfg).trim_end_matches(';'))
}

/// The whole generated file. Every type that crosses IPC is listed here.
pub fn render() -> String {
    let cfg = Config::new();
    let parts = declarations![&cfg;
        cp_core::ErrorCode,
        cp_core::under5s::Field,
        cp_core::under5s::ImportColumn,
        cp_core::under5s::RowOutcome,
        cp_core::under5s::PreviewRow,
        cp_core::under5s::PossibleKind,
        cp_core::under5s::PossibleMatch,
        cp_core::under5s::SocialWorkerDiffers,
        cp_core::under5s::ImportCounts,
        cp_core::under5s::ImportPreview,
        cp_core::under5s::ImportResult,
        cp_core::Error,
        cp_core::FieldError,
        cp_core::about::AppInfo,
        cp_core::leads::Lead,
        cp_core::session::AppView,
        cp_core::session::RecoverySheet,
        cp_core::leads::rules::NewLead,
        cp_core::leads::rules::SetupInput,
        cp_core::installation::JoinInput,
        cp_core::session::ServerNews,
        cp_core::backup::BackupSummary,
        cp_core::cases::Source,
        cp_core::cases::NewCase,
        cp_core::cases::CaseSummary,
        cp_core::cases::LevelHistoryItem,
        cp_core::cases::StatusHistoryItem,
        cp_core::case_page::CasePage,
        cp_core::cases::rules::Level,
        cp_core::cases::rules::Status,
        cp_core::cases::rules::ClosureReason,
        cp_core::cases::rules::LevelChange,
        cp_core::cases::rules::Closure,
        cp_core::people::rules::Role,
        cp_core::people::rules::NewPerson,
        cp_core::people::PersonInCase,
        cp_core::people::PersonMatch,
        cp_core::people::Relationship,
        cp_core::people::rules::RelationshipKind,
        cp_core::people::rules::NewRelationship,
        cp_core::cases::rules::CaseDetails,
        cp_core::plans::rules::PlanKind,
        cp_core::plans::rules::Category,
        cp_core::plans::rules::NewPlan,
        cp_core::plans::Plan,
        cp_core::chronology::rules::EntryKind,
        cp_core::chronology::rules::NewEntry,
        cp_core::chronology::Revision,
        cp_core::chronology::ChronologyEntry,
        cp_core::search::rules::StatusFilter,
        cp_core::search::rules::Sort,
        cp_core::search::rules::CaseQuery,
        cp_core::search::CaseRow,
        cp_core::search::StatusCounts,
        cp_core::search::CaseSearch,
        cp_core::domain::calendar::Nation,
        cp_core::domain::calendar::NonWorkingDay,
        cp_core::domain::calendar::ExtraHoliday,
        cp_core::timescales::rules::RuleId,
        cp_core::timescales::rules::Period,
        cp_core::timescales::rules::TimescaleSettings,
        cp_core::timescales::rules::DueState,
        cp_core::timescales::rules::DueItem,
        cp_core::review::rules::Outcome,
        cp_core::write::ChangeKind,
        cp_core::changes::Change,
        cp_core::changes::CaseChanges,
        cp_core::review::LateNote,
        cp_core::review::Recorded,
        cp_core::review::ChecklistItem,
        cp_core::review::Checklist,
        cp_core::review::WeekStatus,
        cp_core::dashboard::DueRow,
        cp_core::dashboard::ArchivingSoon,
        cp_core::dashboard::Dashboard,
        cp_core::session::TimescaleSetup,
        cp_core::reports::ReportRequest,
        cp_core::enquiries::rules::IdentityCheck,
        cp_core::enquiries::rules::Enquirer,
        cp_core::enquiries::rules::EnquiryAnswer,
        cp_core::enquiries::EnquiryRow,
        cp_core::enquiries::EnquiryFilter,
        cp_core::enquiries::PlanAddress,
        cp_core::enquiries::rules::SameAddressAnswer,
        cp_core::concerns::rules::Nature,
        cp_core::concerns::rules::NewConcern,
        cp_core::concerns::rules::EscalationLevel,
        cp_core::concerns::rules::NewEscalation,
        cp_core::concerns::Escalation,
        cp_core::concerns::Concern,
        cp_core::case_actions::rules::ActionState,
        cp_core::case_actions::rules::Assignment,
        cp_core::case_actions::rules::NewAction,
        cp_core::case_actions::rules::ActionEnd,
        cp_core::case_actions::CaseAction,
        cp_core::case_actions::ActionRow,
        cp_core::flags::rules::NewFlag,
        cp_core::flags::rules::FlagEnd,
        cp_core::flags::Flag,
        cp_core::referrals::rules::Agency,
        cp_core::referrals::rules::NewReferral,
        cp_core::referrals::rules::StepKind,
        cp_core::referrals::rules::ReferralStep,
        cp_core::referrals::Referral,
        cp_core::referrals::ReferralRow,
        cp_core::case_actions::rules::ActionOn,
        cp_core::escalations::rules::ProcedureStep,
        cp_core::escalations::rules::NewCaseEscalation,
        cp_core::escalations::rules::EscalationNextStep,
        cp_core::escalations::rules::EscalationResolution,
        cp_core::escalations::EscalationStep,
        cp_core::escalations::CaseEscalation,
        cp_core::escalations::EscalationRow,
        cp_core::allegations::rules::HarmTest,
        cp_core::allegations::rules::FinalOutcome,
        cp_core::allegations::rules::NewAllegation,
        cp_core::allegations::Meeting,
        cp_core::allegations::Allegation,
        cp_core::allegations::Removal,
        cp_core::allegations::LadoDiscussion,
        cp_core::transfers::rules::StayKind,
        cp_core::transfers::rules::AgencyNotified,
        cp_core::transfers::rules::TransferIn,
        cp_core::transfers::TransferRow,
    ];
    let mut out = String::from(
        "// Generated from the Rust types by src-tauri/src/bindings.rs. Do not edit by hand:\n\
         // run `UPDATE_BINDINGS=1 cargo test -p cp-tracker --test bindings` instead.\n\n",
    );
    out.push_str(&parts.join("\n"));
    out
}
