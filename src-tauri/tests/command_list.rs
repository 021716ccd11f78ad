//! A command is named in six places: its `#[tauri::command]` function, the handler list in
//! `lib.rs`, `build.rs` (which makes its `allow-…` permission), the window's capability, and
//! `ui/src/lib/api.ts`. `build.rs`'s list is the reference; this test fails, naming the
//! command, when any other place disagrees with it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: impl AsRef<Path>) -> String {
    let path = root().join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text between `start` and the first `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("`{start}` not found")) + start.len();
    let to = text[from..].find(end).unwrap_or_else(|| panic!("`{end}` not found after `{start}`"));
    &text[from..from + to]
}

/// Every string literal that follows `prefix` in `text`: `('name'` after `call<…>`, say.
fn quoted_after(text: &str, prefix: &str, quote: char) -> BTreeSet<String> {
    text.match_indices(prefix)
        .filter_map(|(i, _)| {
            let rest = &text[i + prefix.len()..];
            let open = rest.find(quote)?;
            // Only `prefix<Type>('name'` or `prefix('name'`: the literal opens the argument list.
            let before = &rest[..open];
            if !(before.ends_with('(') && (before == "(" || before.starts_with('<'))) {
                return None;
            }
            let name = &rest[open + 1..];
            Some(name[..name.find(quote)?].to_owned())
        })
        .collect()
}

fn build_rs() -> BTreeSet<String> {
    let list = read("src-tauri/build.rs");
    between(&list, "const COMMANDS: &[&str] = &[", "];")
        .split(',')
        .map(|s| s.trim().trim_matches('"').to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

fn handler_list() -> BTreeSet<String> {
    let lib = read("src-tauri/src/lib.rs");
    between(&lib, "tauri::generate_handler![", "]")
        .split(',')
        .filter_map(|path| path.trim().rsplit("::").next().map(str::to_owned))
        .filter(|s| !s.is_empty())
        .collect()
}

fn command_functions() -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let dir = root().join("src-tauri/src/commands");
    for file in std::fs::read_dir(&dir).unwrap() {
        let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
        for (i, _) in text.match_indices("#[tauri::command]") {
            let after = &text[i..];
            let name = between(after, "fn ", "(");
            names.insert(name.chars().take_while(|c| *c == '_' || c.is_alphanumeric()).collect());
        }
    }
    names
}

fn capability() -> BTreeSet<String> {
    let json: serde_json::Value = serde_json::from_str(&read("src-tauri/capabilities/main-window.json")).unwrap();
    json["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        // Plugins' permissions are named `plugin:allow-…`; the app's own are bare.
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect()
}

fn api_ts() -> BTreeSet<String> {
    let api = read("ui/src/lib/api.ts");
    let mut names = quoted_after(&api, "call", '\'');
    names.extend(quoted_after(&api, "send", '\''));
    names
}

fn assert_same(place: &str, found: BTreeSet<String>, reference: &BTreeSet<String>) {
    let missing: Vec<_> = reference.difference(&found).collect();
    let extra: Vec<_> = found.difference(reference).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{place} disagrees with build.rs's COMMANDS: missing {missing:?}, not in build.rs {extra:?}"
    );
}

#[test]
fn every_command_is_named_alike_in_every_place() {
    let reference = build_rs();
    assert!(reference.len() > 50, "build.rs's list was read: {reference:?}");
    assert_same("the handler list in lib.rs", handler_list(), &reference);
    assert_same("the #[tauri::command] functions", command_functions(), &reference);
    assert_same("the window's capability", capability(), &reference);
    assert_same("ui/src/lib/api.ts", api_ts(), &reference);
}

#[test]
fn the_parsers_see_a_disagreement() {
    // The helpers above are what stands between a renamed command and a window that cannot
    // call it: check they read what they should.
    let api = "a: () => call<AppInfo>('app_info'),\n b: (x) => call('sign_in', { x }),\n c: send<R>('import', b, {})";
    let mut names = quoted_after(api, "call", '\'');
    names.extend(quoted_after(api, "send", '\''));
    assert_eq!(names, BTreeSet::from(["app_info".to_owned(), "sign_in".to_owned(), "import".to_owned()]));
    let result = std::panic::catch_unwind(|| {
        assert_same("x", BTreeSet::from(["a".to_owned()]), &BTreeSet::from(["a".to_owned(), "b".to_owned()]))
    });
    assert!(result.is_err(), "a missing command fails the check");
}
