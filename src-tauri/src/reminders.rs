//! The reminder of a lead's actions due today or overdue (issue 22): an OS notification when a
//! lead signs in and at 08:00 UK time each morning while the app stays open. It says only how
//! many ("3 actions due today or overdue"): a notification is read by whoever is near the
//! screen, and stays in the OS's notification centre after the app locks.

use std::sync::Mutex;

use chrono::NaiveDate;
use tauri::{AppHandle, Manager};
use tauri_plugin_notification::NotificationExt;

/// The UK day of the last reminder given, so the morning's is not given twice.
#[derive(Default)]
pub struct LastReminder(Mutex<Option<NaiveDate>>);

/// Gives the signed-in lead's reminder now, if any action is due. A lead not signed in, or a
/// locked app, gets none; a notification the OS cannot show is logged and otherwise ignored.
pub async fn remind(app: &AppHandle) {
    let session = app.state::<cp_core::session::Session>();
    let Ok(Some(words)) = session.action_reminder().await else { return };
    let today = cp_core::domain::calendar::uk_today(session.now());
    *app.state::<LastReminder>().0.lock().unwrap_or_else(|p| p.into_inner()) = Some(today);
    if let Err(e) = app.notification().builder().title("CP Tracker").body(words).show() {
        cp_core::log::fault("the reminder of actions due could not be shown", &e);
    }
}

/// Each morning at 08:00 UK time, unless a reminder was already given that day (a lead who
/// signed in at 07:55 has had it).
pub fn each_morning(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        loop {
            let now = app.state::<cp_core::session::Session>().now();
            let next = cp_core::case_actions::rules::next_reminder(now);
            tokio::time::sleep((next - now).to_std().unwrap_or_default()).await;
            let today = cp_core::domain::calendar::uk_today(next);
            let given = *app.state::<LastReminder>().0.lock().unwrap_or_else(|p| p.into_inner());
            if given != Some(today) {
                remind(&app).await;
            }
        }
    });
}
