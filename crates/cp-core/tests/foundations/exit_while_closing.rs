//! A program that drops its store and exits at once exits cleanly, every time: SQLCipher
//! frees its state when the process exits, and a connection still closing on its worker
//! thread then crashed it (SIGSEGV in about one exit in twenty, before `store/closing.rs`).
//! Test programs do exactly this after their last test, and so does the command line.

use crate::common;

use std::process::{Command, Stdio};

const TRIALS: usize = 100;

#[test]
fn a_store_dropped_just_before_exit_never_crashes_the_process() {
    let root = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for trial in 0..TRIALS {
        let data = root.path().join(format!("trial-{trial}"));
        std::fs::create_dir(&data).unwrap();
        let out = Command::new(common::example("store_dropped_at_exit"))
            .arg(&data)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        if !out.status.success() {
            failures.push(format!("trial {trial}: {} {}", out.status, String::from_utf8_lossy(&out.stderr)));
        }
    }
    assert!(failures.is_empty(), "{} of {TRIALS} exits failed:\n{}", failures.len(), failures.join("\n"));
}
