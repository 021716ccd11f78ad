//! A child protection file moving on, through two real windows on two data folders: Amara at
//! Riverside, which keeps no copy of a file it has sent (Settings), transfers Deniz's file (a
//! blank form first names every problem), reads the passphrase off the screen, sees the file
//! awaiting receipt on her dashboard, records the receipt (told what it will do) and closes the
//! case, whose records are then removed, leaving a line in the removal log (Records); Lan at
//! Oakfield Primary School opens the package (a wrong passphrase first) and receives it as a
//! new case whose entry names who recorded it at Riverside. Both screens pass axe-core.
//!
//! The native save and open dialogs cannot be driven by WebDriver: the app built with the
//! `test-clock` feature answers them from `CP_TRACKER_TEST_DIALOG_DIR` instead (the real
//! dialogs are what every release build shows).

use chrono::Datelike;
use cp_tracker_e2e::{App, Launch, Locator, target_dir};

const AMARA: &str = "a safe passphrase for Amara";
const LAN: &str = "a safe passphrase for Lan";

fn launch(dialogs: &std::path::Path) -> Launch {
    let binary = std::env::var_os("CP_TRACKER_TEST_CLOCK_BIN")
        .map(Into::into)
        .unwrap_or_else(|| target_dir().join("release").join("cp-tracker-test-clock"));
    Launch {
        binary,
        env: vec![("CP_TRACKER_TEST_DIALOG_DIR".into(), dialogs.to_string_lossy().into_owned())],
        ..Launch::default()
    }
}

async fn no_axe_problems(app: &App, screen: &str) {
    let found = app.axe().await.unwrap_or_else(|e| panic!("axe on {screen}: {e}"));
    assert!(found.is_empty(), "axe-core on {screen}:\n{}", found.join("\n"));
}

#[tokio::test]
async fn a_file_sent_from_one_laptop_is_received_on_another() {
    let dialogs = tempfile::Builder::new().prefix("cp-e2e-dialogs-").tempdir().unwrap();
    let today = chrono::Local::now().date_naive();

    // Riverside sends.
    let app = App::launch_with(launch(dialogs.path())).await.unwrap_or_else(|e| panic!("{e}"));
    app.set_up("Riverside", "Amara Okafor", AMARA).await.unwrap();
    app.click_button("Settings").await.unwrap();
    app.find(Locator::Css("#transferKeep-no")).await.unwrap().click().await.unwrap();
    let settings = "section[aria-labelledby=transfer-settings-title]";
    app.find(Locator::Css(&format!("{settings} button[type=submit]"))).await.unwrap().click().await.unwrap();
    app.wait_for_text(Locator::Css(&format!("{settings} [role=status]")), "Saved").await.unwrap();
    app.click_button("Dashboard").await.unwrap();
    app.click_button("New case").await.unwrap();
    app.fill("addressLine1", "4 Mill Lane").await.unwrap();
    app.fill("postcode", "BS5 9QZ").await.unwrap();
    app.click_button("Open case").await.unwrap();
    app.find(Locator::Css("[data-testid=case-status]")).await.unwrap();
    app.click_button("Add a person").await.unwrap();
    app.fill("fullName", "Deniz Öztürk").await.unwrap();
    app.fill("dateOfBirth", "1").await.unwrap();
    app.fill("dateOfBirth-month", "6").await.unwrap();
    app.fill("dateOfBirth-year", "2019").await.unwrap();
    app.click_button("Add person").await.unwrap();
    app.wait_for_text(Locator::Css("[data-testid=people] tbody tr td"), "Deniz Öztürk").await.unwrap();
    app.click_button("Add an entry").await.unwrap();
    app.fill("infoSource", "Class teacher").await.unwrap();
    app.fill("summary", "Arrived hungry and in summer clothes").await.unwrap();
    app.click_button("Save entry").await.unwrap();
    app.wait_for_text(Locator::Css("[data-testid=chronology] strong"), "Arrived hungry and in summer clothes")
        .await
        .unwrap();

    app.click_button("Transfer this file").await.unwrap();
    app.click_button("Make the package and paper pack").await.unwrap();
    let summary = app.text_of(".error-summary").await.unwrap();
    for problem in ["name of the child's new setting", "designated safeguarding lead", "how to reach", "date the move"]
    {
        assert!(summary.contains(problem), "{problem:?} missing from {summary}");
    }
    app.fill("transferSetting", "Oakfield Primary School").await.unwrap();
    app.fill("transferDsl", "Nguyễn Thị Lan").await.unwrap();
    app.fill("transferContact", "01632 960123").await.unwrap();
    app.fill("moveConfirmedOn", &today.day().to_string()).await.unwrap();
    app.fill("moveConfirmedOn-month", &today.month().to_string()).await.unwrap();
    app.fill("moveConfirmedOn-year", &today.year().to_string()).await.unwrap();
    no_axe_problems(&app, "the transfer form").await;
    app.click_button("Make the package and paper pack").await.unwrap();
    let passphrase = app.text_of("[data-testid=passphrase]").await.unwrap().trim().to_owned();
    assert_eq!(passphrase.len(), 29, "{passphrase}");
    let focused = app.client.active_element().await.unwrap().attr("id").await.unwrap();
    assert_eq!(focused.as_deref(), Some("passphrase-title"), "focus goes to the passphrase");
    no_axe_problems(&app, "the passphrase shown").await;
    app.screenshot("70-transfer-passphrase").await.unwrap();
    let sent = app.text_of("[data-testid=files-sent]").await.unwrap();
    assert!(sent.contains("sent to Oakfield Primary School") && sent.contains("Due there by"), "{sent}");
    let files: Vec<String> = std::fs::read_dir(dialogs.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(files.iter().any(|f| f.ends_with(".cptransfer")), "{files:?}");
    assert!(files.iter().any(|f| f.ends_with("(paper pack).pdf")), "{files:?}");
    app.click_button("I have given the passphrase").await.unwrap();
    app.click_button("Dashboard").await.unwrap();
    let awaiting = app.text_of("[data-testid=transfers-awaiting]").await.unwrap();
    assert!(awaiting.contains("Oakfield Primary School"), "{awaiting}");

    // The receipt comes; the case closes; its records go.
    app.find(Locator::Css("[data-testid=transfers-awaiting] .case-link")).await.unwrap().click().await.unwrap();
    let receipt = "//button[starts-with(normalize-space(), 'Record the receipt')]";
    app.find(Locator::XPath(receipt)).await.unwrap().click().await.unwrap();
    let warning = app.text_of("[data-testid=removes-records]").await.unwrap();
    assert!(warning.contains("this case's records are removed"), "{warning}");
    app.fill("confirmedBy", "Nguyễn Thị Lan, Oakfield Primary School").await.unwrap();
    let moving_on = "section[aria-labelledby=moving-on-title] form.action-form button[type=submit]";
    app.find(Locator::Css(moving_on)).await.unwrap().click().await.unwrap();
    app.wait_for_text_containing(
        Locator::Css("[data-testid=files-sent]"),
        "confirmed by Nguyễn Thị Lan, Oakfield Primary School",
    )
    .await
    .unwrap();
    let reference = app.text_of(".case-ref").await.unwrap_or_default();
    app.click_button("Close case").await.unwrap();
    app.fill("closingNote", "File received by Oakfield Primary School.").await.unwrap();
    app.find(Locator::Css("form.action-form button[type=submit]")).await.unwrap().click().await.unwrap();
    let gone = app.wait_for_text_containing(Locator::Css(".error-summary"), "were removed").await.unwrap();
    assert!(gone.contains(reference.trim()), "{gone}");
    assert!(
        app.client.find(fantoccini::Locator::Css("[data-testid=chronology]")).await.is_err(),
        "nothing of the case"
    );
    no_axe_problems(&app, "a case whose records were removed").await;
    app.click_button("Records").await.unwrap();
    app.heading("Records kept and removed").await.unwrap();
    let log = app.text_of("[data-testid=removal-log]").await.unwrap();
    assert!(log.contains(reference.trim()) && log.contains("no copy kept"), "{log}");
    no_axe_problems(&app, "records kept and removed").await;
    app.screenshot("72-removal-log").await.unwrap();
    app.close().await.unwrap();

    // Oakfield receives.
    let app = App::launch_with(launch(dialogs.path())).await.unwrap_or_else(|e| panic!("{e}"));
    app.set_up("Oakfield Primary School", "Nguyễn Thị Lan", LAN).await.unwrap();
    app.click_button("Cases").await.unwrap();
    app.click_button("Transferred files").await.unwrap();
    app.heading("Transferred files").await.unwrap();
    app.click_button("Choose the file").await.unwrap();
    app.find(Locator::Css("[data-testid=package-chosen]")).await.unwrap();
    app.fill("passphrase", "22222-22222-22222-22222-22222").await.unwrap();
    app.click_button("Open the package").await.unwrap();
    let error = app.text_of("#passphrase-error").await.unwrap();
    assert!(error.contains("does not open this package"), "{error}");
    app.fill("passphrase", &passphrase.to_lowercase().replace('-', " ")).await.unwrap();
    app.click_button("Open the package").await.unwrap();
    let preview = app.text_of("[data-testid=package-preview]").await.unwrap();
    assert!(preview.contains("Amara Okafor, Riverside") && preview.contains("Deniz Öztürk"), "{preview}");
    no_axe_problems(&app, "a package's preview").await;
    app.screenshot("71-package-preview").await.unwrap();
    app.click_button("Receive as a new case").await.unwrap();
    let received = app.text_of("[data-testid=file-received]").await.unwrap();
    let heading = app.text_of("h1").await.unwrap();
    assert!(heading.starts_with("Deniz Öztürk CP-"), "{heading}");
    assert!(received.contains("received from Riverside"), "{received}");
    let chronology = app.text_of("[data-testid=chronology]").await.unwrap();
    assert!(chronology.contains("Arrived hungry and in summer clothes"), "{chronology}");
    assert!(chronology.contains("Amara Okafor, Riverside"), "who recorded it there: {chronology}");
    app.close().await.unwrap();
}
