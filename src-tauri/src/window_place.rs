//! The window opens where, and as large as, the lead left it (Tauri's window-state plugin).
//! The plugin writes the size and place down only as the app ends; an app ended by the system
//! at shut-down, or killed, would forget them. So they are also written half a second after
//! the window stops moving or changing size. Only the window's geometry, never anything shown
//! in it, in the app's configuration folder.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tauri::{AppHandle, Runtime};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

/// What is remembered: not whether the window was visible, nor its decorations.
pub fn flags() -> StateFlags {
    StateFlags::SIZE | StateFlags::POSITION | StateFlags::MAXIMIZED
}

pub fn plugin<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri_plugin_window_state::Builder::new().with_state_flags(flags()).build()
}

/// Each move or resize; only the last of a run is written.
static LATEST: AtomicU64 = AtomicU64::new(0);

pub fn changed<R: Runtime>(app: &AppHandle<R>) {
    let this = LATEST.fetch_add(1, Ordering::SeqCst) + 1;
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(Duration::from_millis(500)).await;
        if LATEST.load(Ordering::SeqCst) != this {
            return;
        }
        // On the window's own thread: the plugin reads the window while it holds its lock,
        // and as the app ends it takes that lock there too; from any other thread the two
        // could each wait for the other.
        let handle = app.clone();
        let _ = app.run_on_main_thread(move || {
            if let Err(err) = handle.save_window_state(flags()) {
                cp_core::log::fault("the window's size and place were not kept", &err);
            }
        });
    });
}
