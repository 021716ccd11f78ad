use cp_core::about::AppInfo;

#[tauri::command]
pub fn app_info() -> Result<AppInfo, cp_core::Error> {
    cp_core::about::app_info()
}

/// When the process started, for `first_paint`.
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// The UI calls this once, when its first screen has been painted. With `CP_TRACKER_PAINT_MARK`
/// set (only `scripts/bench` sets it) the time since start is printed, so a benchmark can read
/// the cold start from outside; otherwise it does nothing. Nothing about any case is in it.
#[tauri::command]
pub fn first_paint() {
    if std::env::var_os("CP_TRACKER_PAINT_MARK").is_some()
        && let Some(started) = STARTED.get()
    {
        println!("cp-tracker painted after {:.1} ms", started.elapsed().as_secs_f64() * 1000.0);
    }
}
