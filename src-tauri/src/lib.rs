//! The Tauri shell: window, state and IPC commands. Every command is a thin call into `cp-core`.

pub mod bindings;
mod commands;
mod reminders;
mod renderer;
mod state;
mod window_place;
pub mod words;

/// The archive rule runs at each sign-in and then once a day while the app stays open (only
/// while a lead is signed in: nothing changes the records before one is).
fn daily_archive_sweep(app: tauri::AppHandle) {
    use tauri::Manager;
    tauri::async_runtime::spawn(async move {
        let mut daily = tokio::time::interval(std::time::Duration::from_secs(24 * 60 * 60));
        daily.tick().await; // the first tick is immediate; start-up already swept
        loop {
            daily.tick().await;
            let _ = app.state::<cp_core::session::Session>().archive_sweep().await;
        }
    });
}

/// The first screen depends on the data folder and the keyring (a round trip to the system's
/// secret store): looked at as the window opens, while its page loads, so the page's first
/// `app_view` finds the answer ready instead of starting it.
fn look_at_the_folder(app: tauri::AppHandle) {
    use tauri::Manager;
    tauri::async_runtime::spawn(async move {
        app.state::<cp_core::session::Session>().view().await;
    });
}

/// Shared mode: what the session hears from the organisation's server goes to the window as
/// `server-news` (`changed`, `unreachable`, `reachable`; never case content), so the screens
/// read again what another lead changed, and the banner says when the server is out of reach.
fn pass_on_server_news(app: tauri::AppHandle) {
    use tauri::{Emitter, Manager};
    let window = app.clone();
    app.state::<cp_core::session::Session>().on_server_news(std::sync::Arc::new(move |news| {
        let _ = window.emit("server-news", news);
    }));
}

/// The end-to-end tests' update server: `CP_TRACKER_TEST_UPDATES` holds the updater's config
/// (their own key, an endpoint on 127.0.0.1 over plain HTTP). Compiled only with the
/// `test-clock` feature; a release's key and address are in tauri.conf.json and the release
/// workflow.
#[cfg(feature = "test-clock")]
fn test_updates(context: &mut tauri::Context<tauri::Wry>) {
    if let Some(config) = std::env::var("CP_TRACKER_TEST_UPDATES").ok().and_then(|c| serde_json::from_str(&c).ok()) {
        context.config_mut().plugins.0.insert("updater".into(), config);
    }
}

/// Builds and runs the app. Returns only when the last window closes.
pub fn run() {
    let _ = commands::app::STARTED.set(std::time::Instant::now());
    renderer::choose_before_any_thread();
    // Before any record is opened: a crash must not leave the key and a case in a core file.
    let no_core_dumps = cp_core::process::forbid_core_dumps();
    // The log is for diagnosing faults; without it the app still opens the records.
    if let Err(err) = cp_core::paths::data_dir().and_then(|dir| cp_core::log::init(&dir)) {
        eprintln!("CP Tracker is running without its log: {}", err.message);
    }
    if let Err(err) = no_core_dumps {
        eprintln!("CP Tracker could not turn off core dumps: {err}");
    }
    let session = match state::session() {
        Ok(s) => s,
        Err(err) => {
            eprintln!("CP Tracker cannot start: {}", err.message);
            std::process::exit(1);
        }
    };
    #[allow(unused_mut)] // changed only in the end-to-end tests' build
    let mut context = tauri::generate_context!();
    #[cfg(feature = "test-clock")]
    test_updates(&mut context);
    let instance = cp_core::paths::data_dir().map(|dir| cp_core::paths::instance_name(&dir));
    let result = tauri::Builder::default()
        // First, so a second launch on the same data folder ends before it opens anything.
        .plugin(
            tauri_plugin_single_instance::Builder::new()
                .dbus_id(instance.unwrap_or_else(|_| cp_core::paths::APP_IDENTIFIER.to_owned()))
                .callback(|app, _args, _cwd| {
                    use tauri::Manager;
                    if let Some(window) = app.get_webview_window("main") {
                        let _ = window.unminimize();
                        let _ = window.show();
                        let _ = window.set_focus();
                    }
                })
                .build(),
        )
        .plugin(window_place::plugin())
        .plugin(tauri_plugin_updater::Builder::new().build())
        .manage(commands::updates::Downloaded::default())
        .plugin(tauri_plugin_dialog::init())
        // Used from Rust only (`open_report`); the window has no opener permission itself.
        .plugin(tauri_plugin_opener::init())
        // Used from Rust only (`reminders`): a count of actions due, never content.
        .plugin(tauri_plugin_notification::init())
        .manage(reminders::LastReminder::default())
        .manage(session)
        .manage(commands::reports::SavedReports::default())
        .manage(commands::destinations::Chosen::default())
        // A file dropped on the window may be attached: the path comes from the system's
        // drop, not from the window, so it is held as one picked in the open dialog is.
        .on_window_event(|window, event| {
            use tauri::Manager;
            match event {
                tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) => {
                    let chosen = window.state::<commands::destinations::Chosen>();
                    for path in paths {
                        chosen.hold(path.clone());
                    }
                }
                tauri::WindowEvent::Moved(_) | tauri::WindowEvent::Resized(_) => {
                    window_place::changed(window.app_handle())
                }
                _ => {}
            }
        })
        .setup(|app| {
            look_at_the_folder(app.handle().clone());
            daily_archive_sweep(app.handle().clone());
            pass_on_server_news(app.handle().clone());
            reminders::each_morning(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::first_paint,
            commands::updates::check_for_update,
            commands::updates::download_update,
            commands::updates::install_update,
            commands::session::app_view,
            commands::session::check_setup,
            commands::session::join_organisation,
            commands::session::begin_setup,
            commands::session::complete_setup,
            commands::session::recover,
            commands::session::sign_in,
            commands::session::unlock,
            commands::session::sign_out,
            commands::session::lock,
            commands::session::touch,
            commands::session::set_idle_minutes,
            commands::session::leads,
            commands::session::add_lead,
            commands::session::deactivate_lead,
            commands::session::change_passphrase,
            commands::session::begin_recovery_key_change,
            commands::session::complete_recovery_key_change,
            commands::session::make_backup,
            commands::session::restore_backup,
            commands::cases::open_case,
            commands::cases::search_cases,
            commands::cases::case_page,
            commands::cases::change_level,
            commands::cases::close_case,
            commands::cases::reopen_case,
            commands::cases::add_person,
            commands::cases::update_case_details,
            commands::cases::find_people,
            commands::cases::link_person,
            commands::cases::add_relationship,
            commands::cases::start_plan,
            commands::cases::end_plan,
            commands::cases::add_entry,
            commands::cases::amend_entry,
            commands::cases::save_draft,
            commands::cases::draft,
            commands::cases::discard_draft,
            commands::review::dashboard,
            commands::review::checklist,
            commands::review::checklist_changes,
            commands::review::checklist_details,
            commands::review::record_review,
            commands::review::sign_off_week,
            commands::review::add_late_note,
            commands::review::review_history,
            commands::review::unacknowledged_changes,
            commands::review::acknowledge_changes,
            commands::review::timescale_setup,
            commands::review::set_timescales,
            commands::review::add_bank_holiday,
            commands::destinations::choose_destination,
            commands::reports::save_report,
            commands::reports::save_recovery_sheet,
            commands::reports::open_report,
            commands::enquiries::start_enquiry,
            commands::enquiries::enquiry_search,
            commands::enquiries::complete_enquiry,
            commands::enquiries::enquiry_informed,
            commands::enquiries::list_enquiries,
            commands::enquiries::enquiry_check_address,
            commands::enquiries::close_enquiry,
            commands::cases::record_concern,
            commands::cases::escalate_concern,
            commands::cases::reassign_action,
            commands::cases::end_action,
            commands::cases::add_flag,
            commands::cases::end_flag,
            commands::cases::record_referral,
            commands::cases::referral_step,
            commands::cases::referral_chase_days,
            commands::cases::set_referral_chase_days,
            commands::cases::add_action_on,
            commands::cases::actions_on,
            commands::cases::raise_escalation,
            commands::cases::escalation_next_step,
            commands::cases::resolve_escalation,
            commands::cases::entry_tags,
            commands::cases::set_entry_tags,
            commands::cases::escalation_procedure,
            commands::cases::set_escalation_procedure,
            commands::allegations::allegations,
            commands::allegations::record_allegation,
            commands::allegations::allegation_lado,
            commands::allegations::allegation_meeting,
            commands::allegations::allegation_outcome,
            commands::allegations::remove_allegation,
            commands::cases::record_transfer_in,
            commands::file_transfers::send_file,
            commands::file_transfers::choose_package,
            commands::file_transfers::preview_package,
            commands::file_transfers::receive_package,
            commands::file_transfers::record_transfer_receipt,
            commands::file_transfers::record_transfer_chase,
            commands::file_transfers::transfer_days,
            commands::file_transfers::set_transfer_days,
            commands::file_transfers::transfer_keeps_copy,
            commands::file_transfers::set_transfer_keeps_copy,
            commands::disposal::disposal_review,
            commands::disposal::decide_retention,
            commands::disposal::allegation_disposal_review,
            commands::disposal::decide_allegation_retention,
            commands::disposal::retention_years,
            commands::disposal::set_retention_years,
            commands::disposal::removal_log,
            commands::attachments::choose_attachment,
            commands::attachments::attach_file,
            commands::attachments::attachments_on,
            commands::attachments::view_attachment,
            commands::attachments::save_attachment,
            commands::attachments::withdraw_attachment,
            commands::attachments::attachment_limit,
            commands::attachments::set_attachment_limit,
            commands::attachments::add_body_mark,
            commands::attachments::withdraw_body_mark,
            commands::statistics::annual_figures,
            commands::subject_access::record_subject_access,
            commands::subject_access::confirm_sar_identity,
            commands::subject_access::extend_subject_access,
            commands::subject_access::add_redaction,
            commands::subject_access::remove_redaction,
            commands::subject_access::redaction_suggestions,
            commands::subject_access::release_subject_access,
            commands::import::under5s_preview,
            commands::import::under5s_import,
            commands::import::under5s_cancel,
        ])
        .build(context);
    match result {
        Ok(app) => app.run(|handle, event| {
            if let tauri::RunEvent::Exit = event {
                use tauri::Manager;
                tauri::async_runtime::block_on(handle.state::<cp_core::session::Session>().shutdown());
            }
        }),
        Err(err) => {
            // Reached only when the window system itself fails (no display, no WebKit):
            // nothing about any case is in this message.
            eprintln!("CP Tracker could not start its window: {err}");
            std::process::exit(1);
        }
    }
}
