//! On Linux the window's icon is the first PNG in `tauri.conf.json`'s `bundle.icon` (Tauri's
//! rule, tauri-codegen's `find_icon`), stored in the binary already decoded, four bytes a
//! pixel, and handed to GTK at every start. The 1,024-pixel source image there made 4 MB of the
//! binary that each start read and copied (the app's resident memory 4 MB higher for an icon
//! no desktop shows larger than 256 pixels). The packages take every size from the list, in
//! any order.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The first PNG in a config's icon list, as Tauri picks the window's icon.
fn window_icon(config: &str) -> PathBuf {
    let path = root().join(config);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{config}: {e}"));
    let first = json["bundle"]["icon"]
        .as_array()
        .and_then(|icons| icons.iter().filter_map(|i| i.as_str()).find(|i| i.ends_with(".png")))
        .unwrap_or_else(|| panic!("{config} names no PNG icon"));
    path.parent().map(|dir| dir.join(first)).unwrap_or_else(|| PathBuf::from(first))
}

/// A PNG's width and height, from its header chunk.
fn size(png: &Path) -> (u32, u32) {
    let bytes = std::fs::read(png).unwrap_or_else(|e| panic!("{}: {e}", png.display()));
    assert!(bytes.len() > 24 && bytes[..8] == *b"\x89PNG\r\n\x1a\n", "{} is not a PNG", png.display());
    let word = |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    (word(16), word(20))
}

#[test]
fn the_window_icon_is_no_larger_than_a_desktop_shows_it() {
    let icon = window_icon("tauri.conf.json");
    let (width, height) = size(&icon);
    assert!(
        width <= 256 && height <= 256,
        "the window icon {} is {width}×{height}: {} kB decoded in the binary",
        icon.display(),
        width * height * 4 / 1024
    );
}

/// The benchmark's bare window shows the same icon, so the two are measured like for like.
#[test]
fn the_bare_window_has_the_same_icon() {
    let app = window_icon("tauri.conf.json").canonicalize().expect("the app's icon exists");
    let bare = window_icon("tests/bare-window/tauri.conf.json").canonicalize().expect("the bare window's icon exists");
    assert_eq!(app, bare);
}
