//! tauri-build reads tauri.conf.json from the package folder, which is the repository root
//! (see the root Cargo.toml), so every path inside the config is relative to the root.

/// Every IPC command; each gets an `allow-…` permission that the window's capability grants.
const COMMANDS: &[&str] = &[
    "app_info",
    "first_paint",
    "app_view",
    "check_setup",
    "begin_setup",
    "complete_setup",
    "recover",
    "sign_in",
    "unlock",
    "sign_out",
    "lock",
    "touch",
    "set_idle_minutes",
    "leads",
    "add_lead",
    "deactivate_lead",
    "change_passphrase",
    "make_backup",
    "restore_backup",
    "open_case",
    "search_cases",
    "case_page",
    "change_level",
    "close_case",
    "reopen_case",
    "add_person",
    "update_case_details",
    "find_people",
    "link_person",
    "add_relationship",
    "start_plan",
    "end_plan",
    "add_entry",
    "amend_entry",
    "save_draft",
    "draft",
    "discard_draft",
    "dashboard",
    "checklist",
    "record_review",
    "sign_off_week",
    "add_late_note",
    "review_history",
    "unacknowledged_changes",
    "acknowledge_changes",
    "timescale_setup",
    "set_timescales",
    "add_bank_holiday",
    "save_report",
    "save_recovery_sheet",
    "open_report",
    "start_enquiry",
    "enquiry_search",
    "complete_enquiry",
    "enquiry_informed",
    "list_enquiries",
    "record_concern",
    "escalate_concern",
    "allegations",
    "record_allegation",
    "allegation_lado",
    "allegation_meeting",
    "allegation_outcome",
    "remove_allegation",
    "record_transfer_in",
    "under5s_preview",
    "under5s_import",
];

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(err) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {err:#}");
    }
}
