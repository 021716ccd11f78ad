//! The words the UI shows for every stored value, generated from the core's `Label`s so the
//! screens and the printed reports say the same thing. `tests/bindings.rs` fails when
//! `ui/src/lib/words.ts` is stale and rewrites it when run with `UPDATE_BINDINGS=1`.

use cp_core::domain::label::{Label, table};
use ts_rs::TS;

/// Path of the generated file, relative to the repository root.
pub const WORDS_PATH: &str = "ui/src/lib/words.ts";

/// `export const NAME: [Type, string][] = [...]`: every value in order with its words.
fn list<T: Label + TS>(name: &str) -> String {
    let rows: Vec<String> =
        table::<T>().into_iter().map(|(value, words)| format!("  [{}, {}],\n", json(&value), json(words))).collect();
    format!("export const {name}: [{}, string][] = [\n{}];\n", T::name(&ts_rs::Config::new()), rows.concat())
}

fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// The whole generated file.
pub fn render() -> String {
    use cp_core::{
        allegations, case_actions, cases, chronology, concerns, domain, enquiries, people, plans, referrals, review,
        search,
    };
    use cp_core::{timescales, under5s};
    let lists = [
        list::<domain::case::Status>("STATUSES"),
        list::<domain::case::Level>("LEVELS"),
        list::<domain::calendar::Nation>("NATIONS"),
        list::<domain::calendar::NonWorkingDay>("NON_WORKING_DAYS"),
        list::<cases::Source>("SOURCES"),
        list::<cases::rules::ClosureReason>("CLOSURE_REASONS"),
        list::<people::rules::Role>("ROLES"),
        list::<people::rules::RelationshipKind>("RELATIONSHIPS"),
        list::<chronology::rules::EntryKind>("ENTRY_KINDS"),
        list::<plans::rules::PlanKind>("PLAN_KINDS"),
        list::<plans::rules::Category>("CATEGORIES"),
        list::<search::rules::StatusFilter>("STATUS_FILTERS"),
        list::<search::rules::Sort>("SORTS"),
        list::<timescales::rules::RuleId>("RULES"),
        list::<timescales::rules::DueState>("DUE_STATES"),
        list::<enquiries::rules::IdentityCheck>("IDENTITY_CHECKS"),
        identity_answers(),
        list::<under5s::Field>("IMPORT_FIELDS"),
        list::<under5s::RowOutcome>("ROW_OUTCOMES"),
        list::<review::rules::Outcome>("REVIEW_OUTCOMES"),
        list::<allegations::rules::HarmTest>("HARM_TESTS"),
        list::<allegations::rules::FinalOutcome>("FINAL_OUTCOMES"),
        list::<concerns::rules::Nature>("CONCERN_NATURES"),
        list::<concerns::rules::EscalationLevel>("ESCALATION_LEVELS"),
        list::<case_actions::rules::ActionState>("ACTION_STATES"),
        list::<referrals::rules::Agency>("AGENCIES"),
        list::<cp_core::file_transfers::rules::Section>("TRANSFER_SECTIONS"),
        list::<cp_core::file_transfers::rules::SentHow>("SENT_HOW"),
        list::<cp_core::disposal::rules::RemovalRule>("REMOVAL_RULES"),
        list::<cp_core::disposal::retention::RetentionRule>("RETENTION_RULES"),
        list::<cp_core::disposal::retention::Decision>("RETENTION_DECISIONS"),
        list::<cp_core::subject_access::rules::Requester>("REQUESTERS"),
        list::<cp_core::subject_access::rules::Reason>("REDACTION_REASONS"),
        list::<cp_core::attachments::rules::FileKind>("FILE_KINDS"),
        list::<cp_core::body_maps::rules::View>("BODY_VIEWS"),
        list::<cp_core::body_maps::rules::Shape>("MARK_SHAPES"),
    ];
    let types = [
        "Status",
        "Level",
        "Nation",
        "NonWorkingDay",
        "Source",
        "ClosureReason",
        "Role",
        "RelationshipKind",
        "EntryKind",
        "PlanKind",
        "Category",
        "StatusFilter",
        "Sort",
        "RuleId",
        "DueState",
        "IdentityCheck",
        "Field",
        "RowOutcome",
        "Outcome",
        "HarmTest",
        "FinalOutcome",
        "Nature",
        "EscalationLevel",
        "ActionState",
        "Agency",
        "Section",
        "SentHow",
        "RemovalRule",
        "RetentionRule",
        "Decision",
        "Requester",
        "Reason",
        "FileKind",
        "View",
        "Shape",
    ];
    let outlines = format!(
        "/** The body map's outlines, as the printed reports draw them (`body_maps::outline`). */\n\
         export const BODY_OUTLINES: {{ view: View; aspect: number; lines: [number, number][][]; words: [string, number, number][] }}[] = {};\n",
        serde_json::to_string(&cp_core::body_maps::outline::outlines()).unwrap_or_else(|_| "[]".into())
    );
    let lists: Vec<String> = lists.into_iter().chain(std::iter::once(outlines)).collect();
    format!(
        "// Generated from the core's labels by src-tauri/src/words.rs. Do not edit by hand:\n\
         // run `UPDATE_BINDINGS=1 cargo test -p cp-tracker --test bindings` instead.\n\
         // The printed reports use the same words.\n\n\
         import type {{ {} }} from './bindings';\n\n{}",
        types.join(", "),
        lists.join("\n")
    )
}

/// The enquiry form's answers to "How did you check who they are?", in the lead's own voice.
fn identity_answers() -> String {
    use cp_core::enquiries::rules::IdentityCheck;
    let rows: Vec<String> = IdentityCheck::ALL
        .iter()
        .zip(table::<IdentityCheck>())
        .map(|(c, (value, _))| format!("  [{}, {}],\n", json(&value), json(c.answer())))
        .collect();
    format!("export const IDENTITY_ANSWERS: [IdentityCheck, string][] = [\n{}];\n", rows.concat())
}
