//! Issue 26: the app as it lives on a lead's laptop. Opening it again on the same records
//! brings the open window forward and ends (one app per data folder), while an installation
//! kept in another folder runs beside it; the window opens as large as it was left; and a new
//! version is offered for install only when its package carries the release key's signature
//! (an update server on 127.0.0.1 serving a good package, then the same package altered
//! after it was signed).

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use cp_tracker_e2e::{App, Launch, Locator, is_running, target_dir};

const PASSPHRASE: &str = "kettle on the landing by nine";
const DEADLINE: Duration = Duration::from_secs(20);

/// The app started as a lead starts it (not through WebDriver), on `data` with `profile` as
/// its HOME and XDG folders.
fn start(binary: &Path, data: &Path, profile: &Path) -> Child {
    Command::new(binary)
        .env("CP_TRACKER_DATA_DIR", data)
        .env("XDG_DATA_HOME", profile.join("data"))
        .env("XDG_CACHE_HOME", profile.join("cache"))
        .env("XDG_CONFIG_HOME", profile.join("config"))
        .env("XDG_STATE_HOME", profile.join("state"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the release binary starts")
}

fn default_binary() -> PathBuf {
    cp_tracker_e2e::Launch::default().binary
}

#[tokio::test]
async fn a_second_launch_on_the_same_records_hands_over_to_the_open_window_and_ends() {
    let app = App::launch().await.unwrap_or_else(|e| panic!("{e}"));
    app.heading("Welcome to CP Tracker").await.unwrap();
    assert!(is_running(&app.data_dir).unwrap(), "the open app holds its folder's name");

    // Opened again, as a lead double-clicking the icon with the window behind another.
    let mut second = start(&default_binary(), &app.data_dir, &app.profile_dir);
    let deadline = Instant::now() + DEADLINE;
    let ended = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "the second launch was still running after {DEADLINE:?}");
        tokio::time::sleep(Duration::from_millis(25)).await;
    };
    assert!(ended.success(), "the second launch ends quietly: {ended}");
    // The first still answers, where it was.
    app.heading("Welcome to CP Tracker").await.unwrap();
    assert!(is_running(&app.data_dir).unwrap());

    // An installation in another folder is another app, and runs beside it.
    let other = tempfile::Builder::new().prefix("cp-e2e-other-").tempdir().unwrap();
    let other_profile = tempfile::Builder::new().prefix("cp-e2e-profile-").tempdir().unwrap();
    let mut beside = start(&default_binary(), other.path(), other_profile.path());
    let deadline = Instant::now() + DEADLINE;
    while !is_running(other.path()).unwrap() {
        assert!(beside.try_wait().unwrap().is_none(), "the other folder's app ended instead of opening");
        assert!(Instant::now() < deadline, "the other folder's app did not open within {DEADLINE:?}");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    beside.kill().unwrap();
    beside.wait().unwrap();
    app.close().await.unwrap();
}

/// The app as it is packaged: `scripts/test` runs this again with `CP_TRACKER_BIN` set to the
/// binary the `.deb` installed and to the one the `.rpm` carries, so each is seen to start,
/// find its libraries, reach the password store and open the encrypted records.
#[tokio::test]
async fn a_set_up_folder_opens_at_the_sign_in_screen_and_signs_in() {
    let folder = tempfile::Builder::new().prefix("cp-e2e-package-").tempdir().unwrap();
    let data = folder.path().join("data");
    let made = Command::new(target_dir().join("release").join("cp-tracker-admin"))
        .args(["--data-dir".as_ref(), data.as_os_str()])
        .args(["demo-data", "--cases", "5"])
        .output()
        .expect("cp-tracker-admin runs (the README's test command builds it)");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let app =
        App::launch_with(Launch { data_dir: Some(data), ..Launch::default() }).await.unwrap_or_else(|e| panic!("{e}"));
    app.heading("Sign in to CP Tracker").await.unwrap();
    app.find(Locator::Id("lead-1")).await.unwrap().click().await.unwrap();
    app.fill("passphrase", "demo passphrase one").await.unwrap();
    app.click_button("Sign in").await.unwrap();
    app.heading("Dashboard").await.unwrap();
    app.close().await.unwrap();
}

#[tokio::test]
async fn the_window_opens_again_as_large_as_it_was_left() {
    let data = tempfile::Builder::new().prefix("cp-e2e-window-").tempdir().unwrap();
    let profile = tempfile::Builder::new().prefix("cp-e2e-profile-").tempdir().unwrap();
    for sub in ["data", "cache", "config", "state"] {
        std::fs::create_dir_all(profile.path().join(sub)).unwrap();
    }
    let launch = Launch {
        data_dir: Some(data.path().to_path_buf()),
        profile_dir: Some(profile.path().to_path_buf()),
        ..Launch::default()
    };
    let app = App::launch_with(launch.clone()).await.unwrap_or_else(|e| panic!("{e}"));
    app.heading("Welcome to CP Tracker").await.unwrap();
    let first = app.client.get_window_size().await.unwrap();
    assert_eq!(first, (1100, 760), "the first launch opens at tauri.conf.json's size");
    app.client.set_window_size(900, 640).await.unwrap();
    assert_eq!(app.client.get_window_size().await.unwrap(), (900, 640));

    // Written as the window stops changing, not only as the app ends (which WebDriver's end,
    // like a laptop's shut-down, may not wait for): only the window's place and size, beside
    // the app's settings, never a record.
    let kept = profile.path().join("config/uk.cptracker.desktop/.window-state.json");
    let deadline = Instant::now() + DEADLINE;
    let written = loop {
        let now = std::fs::read_to_string(&kept).unwrap_or_default();
        if now.contains("\"width\": 900") {
            break now;
        }
        assert!(Instant::now() < deadline, "the window's size was not kept within {DEADLINE:?}: {now:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(written.contains("\"height\": 640") && !written.contains(PASSPHRASE), "{written}");
    app.close().await.unwrap();

    let app = App::launch_with(launch).await.unwrap_or_else(|e| panic!("{e}"));
    app.heading("Welcome to CP Tracker").await.unwrap();
    assert_eq!(app.client.get_window_size().await.unwrap(), (900, 640));
    app.close().await.unwrap();
}

/// A release server on 127.0.0.1: the manifest, and a package that is as signed until
/// `tampered` is set, then altered by one byte (as a network between could alter it).
struct UpdateServer {
    url: String,
    tampered: Arc<AtomicBool>,
    packages_served: Arc<AtomicUsize>,
    server: Arc<tiny_http::Server>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl UpdateServer {
    fn start(key: &minisign::KeyPair, package: Vec<u8>) -> Self {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
        let port = server.server_addr().to_ip().unwrap().port();
        let url = format!("http://127.0.0.1:{port}");
        // As `tauri signer sign` writes it: the minisign signature file, in base64.
        let signature = minisign::sign(Some(&key.pk), &key.sk, Cursor::new(&package), None, None).unwrap();
        let manifest = serde_json::json!({
            "version": "0.2.0",
            "notes": "Body maps print in colour.",
            "pub_date": "2026-12-01T09:00:00Z",
            "platforms": { "linux-x86_64": {
                "signature": base64(signature.into_string().as_bytes()),
                "url": format!("{url}/cp-tracker_0.2.0_amd64.AppImage"),
            }},
        })
        .to_string();
        let tampered = Arc::new(AtomicBool::new(false));
        let packages_served = Arc::new(AtomicUsize::new(0));
        let thread = {
            let (server, tampered, served) = (server.clone(), tampered.clone(), packages_served.clone());
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    let body = if request.url() == "/latest.json" {
                        manifest.clone().into_bytes()
                    } else if request.url().ends_with(".AppImage") {
                        served.fetch_add(1, Ordering::SeqCst);
                        let mut bytes = package.clone();
                        if tampered.load(Ordering::SeqCst) {
                            bytes[100] ^= 1;
                        }
                        bytes
                    } else {
                        let _ = request.respond(tiny_http::Response::empty(404));
                        continue;
                    };
                    let _ = request.respond(tiny_http::Response::from_data(body));
                }
            })
        };
        Self { url, tampered, packages_served, server, thread: Some(thread) }
    }
}

impl Drop for UpdateServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Tauri's updater reads its key and signatures as base64 of minisign's text files.
fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[tokio::test]
async fn a_new_version_is_offered_for_install_only_when_its_signature_holds() {
    let key = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    let pubkey = base64(key.pk.to_box().unwrap().into_string().as_bytes());
    let mut package = b"\x7fELF CP Tracker 0.2.0, as a release would carry it".to_vec();
    package.resize(4096, 0);
    let server = UpdateServer::start(&key, package);
    let binary = std::env::var_os("CP_TRACKER_TEST_CLOCK_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("release").join("cp-tracker-test-clock"));
    let before = std::fs::read(&binary).unwrap();
    let config = serde_json::json!({
        "pubkey": pubkey,
        "endpoints": [format!("{}/latest.json", server.url)],
        "dangerousInsecureTransportProtocol": true,
    });
    let env = vec![("CP_TRACKER_TEST_UPDATES".to_owned(), config.to_string())];
    let app = App::launch_with(Launch { binary: binary.clone(), env, ..Launch::default() })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    app.set_up("Barton Hill Settlement", "Amara Okafor", PASSPHRASE).await.unwrap();
    app.click_button("Settings").await.unwrap();
    app.heading("Settings").await.unwrap();

    // Nothing is asked of the server until the lead asks.
    assert_eq!(server.packages_served.load(Ordering::SeqCst), 0);
    app.click_button("Look for a new version").await.unwrap();
    let status = Locator::Css("[aria-labelledby=update-settings-title] [role=status]");
    app.wait_for_text_containing(status, "Version 0.2.0 is available. You have 0.1.0.").await.unwrap();
    app.click_button("Download version 0.2.0").await.unwrap();
    app.wait_for_text_containing(status, "Version 0.2.0 is downloaded and its signature checked.").await.unwrap();
    app.find(Locator::XPath("//button[normalize-space()='Install and restart']")).await.unwrap();
    assert_eq!(server.packages_served.load(Ordering::SeqCst), 1);

    // The same release, its package altered on the way.
    server.tampered.store(true, Ordering::SeqCst);
    app.click_button("Cases").await.unwrap();
    app.heading("Cases").await.unwrap();
    app.click_button("Settings").await.unwrap();
    app.heading("Settings").await.unwrap();
    app.click_button("Look for a new version").await.unwrap();
    app.wait_for_text_containing(status, "Version 0.2.0 is available.").await.unwrap();
    app.click_button("Download version 0.2.0").await.unwrap();
    let refused = app
        .wait_for_text_containing(
            Locator::Css("[aria-labelledby=update-settings-title] .error-summary"),
            "did not carry CP Tracker's signature, so it was not installed",
        )
        .await
        .unwrap();
    assert!(refused.contains("Nothing has changed"), "{refused}");
    assert_eq!(server.packages_served.load(Ordering::SeqCst), 2);
    let install =
        app.client.find_all(Locator::XPath("//button[normalize-space()='Install and restart']")).await.unwrap();
    assert!(install.is_empty(), "an altered package is never offered for install");
    assert_eq!(std::fs::read(&binary).unwrap(), before, "nothing was installed");
    let broken = app.axe().await.unwrap();
    assert!(broken.is_empty(), "axe-core on Settings with the refusal:\n{}", broken.join("\n"));
    app.close().await.unwrap();
}
