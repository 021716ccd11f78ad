use std::path::PathBuf;

/// A generated file is current, or (with `UPDATE_BINDINGS=1`) is rewritten.
fn current(relative: &str, fresh: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative);
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{relative} is stale: run `UPDATE_BINDINGS=1 cargo test -p cp-tracker --test bindings` and commit it"
    );
}

#[test]
fn committed_typescript_bindings_are_current() {
    current(cp_tracker_lib::bindings::BINDINGS_PATH, &cp_tracker_lib::bindings::render());
}

/// The words the screens show for each stored value are the core's, which the reports print.
#[test]
fn committed_words_are_the_cores() {
    current(cp_tracker_lib::words::WORDS_PATH, &cp_tracker_lib::words::render());
}
