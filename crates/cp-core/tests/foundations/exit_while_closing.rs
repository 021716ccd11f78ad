//! A program that drops its store and exits at once exits cleanly, every time: SQLCipher
//! frees its state when the process exits, and a connection still closing on its worker
//! thread then crashed it (SIGSEGV in about one exit in twenty, before `store/closing.rs`).
//! Test programs do exactly this after their last test, and so does the command line. A
//! connection the pool no longer counts (dropped as it was given back, its task cancelled) is
//! waited for too: its file is left whole, its write-ahead log folded in.

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

#[test]
fn a_connection_left_closing_at_exit_finishes_and_leaves_one_whole_file() {
    let root = tempfile::tempdir().unwrap();
    let example = common::example("connection_dropped_at_exit");
    for trial in 0..3 {
        let data = root.path().join(format!("trial-{trial}"));
        std::fs::create_dir(&data).unwrap();
        let out = Command::new(&example).arg(&data).stderr(Stdio::piped()).output().unwrap();
        assert!(out.status.success(), "trial {trial}: {} {}", out.status, String::from_utf8_lossy(&out.stderr));
        // The last connection to close folds the log into the file and removes it: before
        // the exit waited for that connection's thread, the process ended with 18 MB of log
        // left beside the file.
        let log = data.join("cp-tracker.db-wal");
        let left = std::fs::metadata(&log).map(|m| m.len()).unwrap_or(0);
        assert_eq!(left, 0, "trial {trial}: {left} bytes of write-ahead log left at exit");
        let out = Command::new(&example).arg(&data).arg("--count").output().unwrap();
        assert!(out.status.success(), "trial {trial}: {}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "4000", "trial {trial}: every row written is there");
    }
}
