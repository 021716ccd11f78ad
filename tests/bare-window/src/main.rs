//! A bare Tauri 2 window: a hello-world page that, like CP Tracker's first screen, tells the
//! process when it has been painted, so `scripts/lib/bench-app.sh` times both alike.
//!
//! `CP_BARE_PAGE=sign-in.html` shows instead CP Tracker's sign-in screen as static HTML in the
//! app's own styles, still with no core and no script but the paint mark: what drawing that
//! screen costs any window, apart from what the app does to make it.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::sync::OnceLock;
use std::time::Instant;

static STARTED: OnceLock<Instant> = OnceLock::new();

/// The same line CP Tracker prints with `CP_TRACKER_PAINT_MARK` set.
#[tauri::command]
fn first_paint() {
    if std::env::var_os("CP_TRACKER_PAINT_MARK").is_some()
        && let Some(started) = STARTED.get()
    {
        println!("cp-tracker painted after {:.1} ms", started.elapsed().as_secs_f64() * 1000.0);
    }
}

fn main() {
    STARTED.get_or_init(Instant::now);
    let mut context = tauri::generate_context!();
    // The same window from the same config, only its page changed.
    if let Some(page) = std::env::var_os("CP_BARE_PAGE")
        && let Some(window) = context.config_mut().app.windows.first_mut()
    {
        window.url = tauri::WebviewUrl::App(page.into());
    }
    let run = tauri::Builder::default().invoke_handler(tauri::generate_handler![first_paint]).run(context);
    if let Err(err) = run {
        eprintln!("the bare window failed: {err}");
        std::process::exit(1);
    }
}
