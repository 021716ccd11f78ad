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
    let launch =
        Launch { binary: PathBuf::from("/nonexistent/cp-tracker"), display: Some(":99".into()), ..Launch::default() };
    let err = App::launch_with(launch).await.err().expect("launch must fail");
    assert!(matches!(err, HarnessError::NoBinary(_)), "{err}");
    assert!(err.to_string().contains("cargo build --release -p cp-tracker"));
}

/// A window that never opens must say why there and then: the driver's log (where the app's
/// own output lands too) goes with the error, since the run's files are gone when it is read.
/// WebKitWebDriver waits for an app that ended at once until the deadline, so a short one.
#[tokio::test]
async fn a_window_that_never_opens_reports_what_the_app_printed() {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("an-app-that-fails-at-once");
    std::fs::write(&binary, "#!/bin/sh\necho 'the app could not start: marker 7f3a' >&2\nexit 3\n").unwrap();
    std::fs::set_permissions(&binary, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();

    let launch = Launch { binary, startup_deadline: Duration::from_secs(5), ..Launch::default() };
    let err = App::launch_with(launch).await.err().expect("a session of an app that exits at once must fail");
    assert!(matches!(err, HarnessError::SessionTimeout { .. }), "{err}");
    assert!(err.to_string().contains("the app could not start: marker 7f3a"), "{err}");
}

/// Two picks of a free port can be the same port. tauri-driver given it for both forwards the
/// session request to itself until it runs out of files: "webdriver server did not respond"
/// (CI, December 2026). The harness must see that and start again on two new ports.
#[tokio::test]
async fn a_driver_given_one_port_for_both_is_started_again_on_two() {
    let port = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap().local_addr().unwrap().port();
    let launch = Launch { ports: Some([port, port]), ..Launch::default() };
    let app = App::launch_with(launch).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(app.heading("Welcome to CP Tracker").await.unwrap(), "Welcome to CP Tracker");
    app.close().await.unwrap();
}

/// A port let go as free can be taken by another program before tauri-driver binds it; the
/// session request then reaches that program. The harness must not ask it for a session.
#[tokio::test]
async fn a_port_another_program_took_is_given_up_for_a_free_one() {
    let taken = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = taken.local_addr().unwrap().port();
    // The other program: takes each connection and says nothing.
    std::thread::spawn(move || {
        for stream in taken.incoming() {
            drop(stream);
        }
    });
    let native = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap().local_addr().unwrap().port();
    let launch = Launch { ports: Some([port, native]), ..Launch::default() };
    let app = App::launch_with(launch).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(app.heading("Welcome to CP Tracker").await.unwrap(), "Welcome to CP Tracker");
    app.close().await.unwrap();
}

/// Waiting for a text must fail when the page never shows it: a wait that ran out and went on
/// as if it had been met cost twenty seconds a time and asserted nothing (December 2026: four
/// of one test's waits asked for part of a text where the whole was meant).
#[tokio::test]
async fn a_text_that_never_appears_fails_the_wait_and_says_what_was_there() {
    let launch = Launch { element_deadline: Duration::from_secs(2), ..Launch::default() };
    let app = App::launch_with(launch).await.unwrap_or_else(|e| panic!("{e}"));
    let h1 = cp_tracker_e2e::Locator::Css("h1");
    let whole = app.wait_for_text_containing(h1, "Welcome").await.unwrap();
    assert_eq!(whole, "Welcome to CP Tracker");
    let err = app.wait_for_text(h1, "Welcome").await.expect_err("part of the heading is not the heading");
    assert!(matches!(&err, HarnessError::TextTimeout { last, .. } if last == "Welcome to CP Tracker"), "{err}");
    let err = app.wait_for_text_containing(h1, "Goodbye").await.expect_err("the heading never says goodbye");
    assert!(matches!(err, HarnessError::TextTimeout { .. }), "{err}");
    app.close().await.unwrap();
}
