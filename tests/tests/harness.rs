//! The harness must fail fast and say why when something it needs is missing.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use cp_tracker_e2e::{App, HarnessError, Launch};

#[tokio::test]
async fn missing_display_fails_at_once_with_advice() {
    let started = Instant::now();
    let launch = Launch { display: None, ..Launch::default() };
    let err = App::launch_with(launch).await.err().expect("launch must fail");
    assert!(matches!(err, HarnessError::NoDisplay), "{err}");
    assert!(err.to_string().contains("xvfb-run"));
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn missing_binary_fails_at_once_with_advice() {
    let launch = Launch {
        binary: PathBuf::from("/nonexistent/cp-tracker"),
        display: Some(":99".into()),
        data_dir: None,
        env: Vec::new(),
        profile_dir: None,
    };
    let err = App::launch_with(launch).await.err().expect("launch must fail");
    assert!(matches!(err, HarnessError::NoBinary(_)), "{err}");
    assert!(err.to_string().contains("cargo build --release -p cp-tracker"));
}
