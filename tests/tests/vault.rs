//! The real window against the real keyring: set-up wizard, sign out, sign in, a wrong
//! passphrase, the idle lock (shortened for the test) and unlocking.

use cp_tracker_e2e::{App, Launch, Locator, files_under};

const PASSPHRASE: &str = "four words of passphrase";

#[tokio::test]
async fn set_up_sign_out_sign_in_and_idle_lock() {
    let launch = Launch { env: vec![("CP_TRACKER_IDLE_LOCK_SECONDS".into(), "4".into())], ..Launch::default() };
    let app = App::launch_with(launch).await.unwrap_or_else(|e| panic!("{e}"));

    // The wizard.
    assert_eq!(app.heading("Welcome to CP Tracker").await.unwrap(), "Welcome to CP Tracker");
    app.click_button("Keep records on this laptop").await.unwrap();
    app.find(Locator::Css("[data-testid=data-dir]")).await.unwrap();
    app.click_button("Continue").await.unwrap();
    assert_eq!(app.heading("Set up CP Tracker").await.unwrap(), "Set up CP Tracker");

    // Continue with nothing filled in: the summary lists what is missing.
    app.click_button("Continue").await.unwrap();
    let summary = app.find(Locator::Css(".error-summary")).await.unwrap().text().await.unwrap();
    assert!(summary.contains("Enter the name of your organisation"), "{summary}");
    assert!(summary.contains("Enter a passphrase"), "{summary}");
    app.screenshot("10-setup-errors").await.unwrap();

    app.fill("organisation", "Barton Hill Settlement").await.unwrap();
    app.fill("leads.0.name", "Siân Öztürk").await.unwrap();
    app.fill("leads.0.role", "Designated Safeguarding Lead").await.unwrap();
    app.fill("leads.0.passphrase", PASSPHRASE).await.unwrap();
    app.click_button("Continue").await.unwrap();
    assert_eq!(app.heading("Your recovery key").await.unwrap(), "Your recovery key");

    let groups = app.client.find_all(Locator::Css("[data-testid=recovery-key] code")).await.unwrap();
    assert_eq!(groups.len(), 8);
    let mut texts = Vec::new();
    for g in &groups {
        texts.push(g.text().await.unwrap());
    }
    assert!(texts.iter().all(|t| t.len() == 6), "{texts:?}");
    app.screenshot("11-recovery-key").await.unwrap();

    // A wrong group is refused beside its field; the right ones finish set-up.
    app.fill("group3", "AAAAAA").await.unwrap();
    app.fill("group7", &texts[6]).await.unwrap();
    app.click_button("Finish set-up").await.unwrap();
    let summary = app.find(Locator::Css(".error-summary")).await.unwrap().text().await.unwrap();
    assert!(summary.contains("Group 3 does not match"), "{summary}");
    app.fill("group3", &texts[2].to_lowercase()).await.unwrap();
    app.click_button("Finish set-up").await.unwrap();
    assert_eq!(app.heading("Dashboard").await.unwrap(), "Dashboard");
    assert!(app.data_dir.join("cp-tracker.db").is_file());

    // Sign out, then a wrong passphrase, then the right one.
    app.click_button("Sign out").await.unwrap();
    assert_eq!(app.heading("Sign in to CP Tracker").await.unwrap(), "Sign in to CP Tracker");
    app.fill("passphrase", "not my passphrase at all").await.unwrap();
    app.click_button("Sign in").await.unwrap();
    let error = app.find(Locator::Css("#passphrase-error")).await.unwrap().text().await.unwrap();
    assert!(error.contains("The passphrase is not right"), "{error}");
    app.screenshot("12-wrong-passphrase").await.unwrap();
    app.fill("passphrase", PASSPHRASE).await.unwrap();
    app.click_button("Sign in").await.unwrap();
    assert_eq!(app.heading("Dashboard").await.unwrap(), "Dashboard");

    // Left alone, the app locks itself, showing nothing but who it is locked for.
    assert_eq!(app.heading("CP Tracker is locked").await.unwrap(), "CP Tracker is locked");
    let body = app.find(Locator::Css("body")).await.unwrap().text().await.unwrap();
    assert!(!body.contains("Barton Hill"), "the locked screen must not show records: {body}");
    app.screenshot("13-locked").await.unwrap();
    app.fill("passphrase", PASSPHRASE).await.unwrap();
    app.click_button("Unlock").await.unwrap();
    assert_eq!(app.heading("Dashboard").await.unwrap(), "Dashboard");

    // A new recovery key from Settings: shown, typed back, then in use.
    let vault_before = std::fs::read_to_string(app.data_dir.join("vault.json")).unwrap();
    app.click_button("Settings").await.unwrap();
    app.click_button("Make a new recovery key").await.unwrap();
    // The key arrives from Rust after the click: wait for it before counting its groups (the
    // count was taken at once, and found none when the answer came a moment later).
    app.find(Locator::Css("[data-testid=new-recovery-key] code")).await.unwrap();
    let fresh = app.client.find_all(Locator::Css("[data-testid=new-recovery-key] code")).await.unwrap();
    let mut groups = Vec::new();
    for g in &fresh {
        groups.push(g.text().await.unwrap());
    }
    assert_eq!(groups.len(), 8);
    assert_ne!(groups, texts, "a new key, not the one from set-up");
    app.fill("group3", &groups[2]).await.unwrap();
    app.fill("group7", &groups[6]).await.unwrap();
    app.click_button("Use the new recovery key").await.unwrap();
    app.wait_for_text(Locator::Css("#recovery-key-changed"), "The new recovery key is in use.").await.unwrap();
    assert_ne!(std::fs::read_to_string(app.data_dir.join("vault.json")).unwrap(), vault_before);

    // What the lead typed is nowhere readable: not in the data folder, not in anything WebKit
    // stored or cached (checked as UTF-8 and as UTF-16, which WebKit's storage uses).
    let data_dir = app.data_dir.clone();
    let profile_dir = app.profile_dir.clone();
    let _kept = app.close().await.unwrap();
    let mut files = files_under(&data_dir);
    files.extend(files_under(&profile_dir));
    assert!(files.iter().any(|f| f.ends_with("cp-tracker.db")), "{files:?}");
    for marker in ["Barton Hill Settlement", "Öztürk", PASSPHRASE] {
        let utf16: Vec<u8> = marker.encode_utf16().flat_map(u16::to_le_bytes).collect();
        for file in &files {
            // A file the exiting app removed meanwhile (-shm, WebKit's locks) holds nothing.
            let Ok(bytes) = std::fs::read(file) else { continue };
            for needle in [marker.as_bytes(), utf16.as_slice()] {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle),
                    "{marker:?} is readable in {}",
                    file.display()
                );
            }
        }
    }
}
