use std::path::PathBuf;

use cp_tracker_lib::bindings::{BINDINGS_PATH, render};

#[test]
fn committed_typescript_bindings_are_current() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(BINDINGS_PATH);
    let fresh = render();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{BINDINGS_PATH} is stale: run `UPDATE_BINDINGS=1 cargo test -p cp-tracker --test bindings` and commit it"
    );
}
