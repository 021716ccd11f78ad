//! A bare Tauri 2 window: a hello-world page that, like CP Tracker's first screen, tells the
//! process when it has been painted, so `scripts/lib/bench-app.sh` times both alike.

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
    let run =
        tauri::Builder::default().invoke_handler(tauri::generate_handler![first_paint]).run(tauri::generate_context!());
    if let Err(err) = run {
        eprintln!("the bare window failed: {err}");
        std::process::exit(1);
    }
}
