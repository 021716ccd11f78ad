//! The Tauri config lives at the repository root (one file for tauri-build, the CLI and
//! `generate_context!`). tauri-build looks for it in the build script's working directory, so
//! the script moves there first; every path inside the config is therefore relative to the root.

use std::path::PathBuf;

/// Every IPC command; each gets an `allow-…` permission that the window's capability grants.
const COMMANDS: &[&str] = &[
    "app_info",
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
];

fn main() {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let root = manifest_dir.join("..");
    println!("cargo:rerun-if-changed=../tauri.conf.json");
    println!("cargo:rerun-if-changed=capabilities");
    if let Err(err) = std::env::set_current_dir(&root) {
        panic!("cannot enter the repository root {}: {err}", root.display());
    }
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(err) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {err:#}");
    }
}
