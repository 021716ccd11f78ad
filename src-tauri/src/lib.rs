//! The Tauri shell: window, state and IPC commands. Every command is a thin call into `cp-core`.

pub mod bindings;
mod commands;

/// Builds and runs the app. Returns only when the last window closes.
pub fn run() {
    let context = tauri::generate_context!("../tauri.conf.json");
    let result = tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![commands::app::app_info])
        .run(context);
    if let Err(err) = result {
        // Reached only when the window system itself fails (no display, no WebKit): nothing
        // about any case is in this message.
        eprintln!("CP Tracker could not start its window: {err}");
        std::process::exit(1);
    }
}
