//! A case's record through the real window: chronology entries (one refused, one amended with
//! the original still readable), a level change resting on an entry, a half-typed entry that
//! survives the app locking, search as you type from the keyboard, and (with the test-only
//! clock) a closed case archived 12 months and a day later, read-only.

use chrono::{Days, Months, Utc};
use cp_tracker_e2e::{App, Launch, Locator, target_dir};
use fantoccini::key::Key;

const PASSPHRASE: &str = "a safe passphrase here";

async fn open_case(app: &App, line1: &str, postcode: &str) -> String {
    app.click_button("New case").await.unwrap();
    app.heading("New case").await.unwrap();
    app.fill("addressLine1", line1).await.unwrap();
    app.fill("postcode", postcode).await.unwrap();
    app.click_button("Open case").await.unwrap();
    app.find(Locator::Css("[data-testid=case-status]")).await.unwrap();
    app.text_of("h1").await.unwrap()
}

#[tokio::test]
async fn chronology_search_and_a_draft_that_survives_the_lock() {
    let app = App::launch().await.unwrap_or_else(|e| panic!("{e}"));
    app.set_up("Knowle West Children's Centre", "Priya Shah", PASSPHRASE).await.unwrap();
    let first = open_case(&app, "4 Mina Road", "BS2 9YD").await;

    app.click_button("Add a person").await.unwrap();
    app.fill("fullName", "Łukasz Dvořák").await.unwrap();
    app.fill("dateOfBirth", "2").await.unwrap();
    app.fill("dateOfBirth-month", "4").await.unwrap();
    app.fill("dateOfBirth-year", "2019").await.unwrap();
    app.click_button("Add person").await.unwrap();
    app.wait_for_text(Locator::Css("[data-testid=people] tbody td"), "Łukasz Dvořák").await.unwrap();
    // The case is named by its child now, the reference beside.
    let named = format!("Łukasz Dvořák {first}");
    assert_eq!(app.heading(&named).await.unwrap(), named);

    // An entry without its source and summary is refused beside each field.
    app.click_button("Add an entry").await.unwrap();
    app.click_button("Save entry").await.unwrap();
    assert!(app.text_of("#infoSource-error").await.unwrap().contains("who the information came from"));
    assert!(app.text_of("#summary-error").await.unwrap().contains("short summary"));
    app.fill("infoSource", "Class teacher").await.unwrap();
    app.fill("summary", "Arrived hungry and in summer clothes").await.unwrap();
    app.click_button("Save entry").await.unwrap();
    let timeline =
        app.wait_for_text(Locator::Css("[data-testid=chronology] strong"), "Arrived hungry and in summer clothes");
    assert_eq!(timeline.await.unwrap(), "Arrived hungry and in summer clothes");
    assert!(app.text_of("[data-testid=chronology]").await.unwrap().contains("Concerns: Łukasz Dvořák"));

    // Amending keeps the original readable.
    app.find(Locator::XPath("//button[starts-with(normalize-space(), 'Amend')]")).await.unwrap().click().await.unwrap();
    app.fill("summary", "Arrived hungry, in summer clothes, on a cold day").await.unwrap();
    app.click_button("Save amendment").await.unwrap();
    let error = app.text_of("#amendReason-error").await.unwrap();
    assert!(error.contains("why the entry is being amended"), "{error}");
    app.fill("amendReason", "Added the weather").await.unwrap();
    app.click_button("Save amendment").await.unwrap();
    app.find(Locator::Css("[data-testid=chronology] details summary")).await.unwrap().click().await.unwrap();
    let timeline = app.text_of("[data-testid=chronology]").await.unwrap();
    assert!(timeline.contains("Arrived hungry, in summer clothes, on a cold day"), "{timeline}");
    assert!(timeline.contains("Amended") && timeline.contains("Added the weather"), "{timeline}");
    assert!(timeline.contains("Arrived hungry and in summer clothes"), "the original stays: {timeline}");
    app.screenshot("30-chronology-amended").await.unwrap();

    // A level change resting on that entry.
    app.click_button("Change level").await.unwrap();
    app.find(Locator::Css("#to option[value=early_help]")).await.unwrap().click().await.unwrap();
    app.fill("evidence", "Teacher's reports of hunger; family agreed to early help.").await.unwrap();
    app.find(Locator::Id("entries")).await.unwrap().click().await.unwrap();
    app.click_button("Save level change").await.unwrap();
    app.wait_for_text(Locator::Css("[data-testid=case-level]"), "Early help").await.unwrap();
    let history = app.text_of("[data-testid=level-history]").await.unwrap();
    assert!(history.contains("Rests on:") && history.contains("on a cold day"), "{history}");

    // Half an entry typed, then the app locks: unlocked, the form is back with the text.
    app.click_button("Add an entry").await.unwrap();
    app.fill("summary", "Half-typed note about the home visit").await.unwrap();
    app.click_button("Lock").await.unwrap();
    app.heading("CP Tracker is locked").await.unwrap();
    app.fill("passphrase", PASSPHRASE).await.unwrap();
    app.click_button("Unlock").await.unwrap();
    app.heading(&named).await.unwrap();
    assert_eq!(app.value_of("summary").await.unwrap(), "Half-typed note about the home visit");
    assert!(app.text_of("[data-testid=entry-form] .notice").await.unwrap().contains("not yet saved"));
    app.screenshot("31-draft-after-unlock").await.unwrap();
    // Cancelling typed work asks first.
    app.click_button("Cancel").await.unwrap();
    assert!(app.text_of("[role=alertdialog]").await.unwrap().contains("Discard what you have typed?"));
    app.click_button("Discard").await.unwrap();
    app.find(Locator::XPath("//button[normalize-space()='Add an entry']")).await.unwrap();

    // Search from the keyboard: `/`, a name typed without its accents, Enter.
    app.click_button("Back to cases").await.unwrap();
    app.heading("Cases").await.unwrap();
    let second = open_case(&app, "9 Filton Avenue", "BS7 0PA").await;
    assert_ne!(first, second);
    app.click_button("Back to cases").await.unwrap();
    app.heading("Cases").await.unwrap();
    app.wait_for_text(Locator::Css("[data-testid=case-counts]"), "2 cases found. Live 2, closed 0, archived 0.")
        .await
        .unwrap();
    app.find(Locator::Css("h1")).await.unwrap().click().await.unwrap();
    app.press('/').await.unwrap();
    app.press('l').await.unwrap();
    for c in "ukasz".chars() {
        app.press(c).await.unwrap();
    }
    let counts =
        app.wait_for_text(Locator::Css("[data-testid=case-counts]"), "1 case found. Live 1, closed 0, archived 0.");
    assert_eq!(counts.await.unwrap(), "1 case found. Live 1, closed 0, archived 0.");
    assert_eq!(app.value_of("case-search").await.unwrap(), "lukasz", "`/` focused the search box");
    app.press(Key::Enter).await.unwrap();
    assert_eq!(app.heading(&named).await.unwrap(), named);

    // Arrows move through the list; N starts a new case.
    app.click_button("Back to cases").await.unwrap();
    app.heading("Cases").await.unwrap();
    app.wait_for_text(Locator::Css("[data-testid=case-counts]"), "2 cases found. Live 2, closed 0, archived 0.")
        .await
        .unwrap();
    app.find(Locator::Css("h1")).await.unwrap().click().await.unwrap();
    app.press(Key::Down).await.unwrap();
    app.press(Key::Enter).await.unwrap();
    assert_eq!(app.heading(&named).await.unwrap(), named, "the second row (newest first) is the first case");
    app.click_button("Back to cases").await.unwrap();
    app.heading("Cases").await.unwrap();
    app.find(Locator::Css("h1")).await.unwrap().click().await.unwrap();
    app.press('n').await.unwrap();
    assert_eq!(app.heading("New case").await.unwrap(), "New case");
    app.close().await.unwrap();
}

/// The app built with the `test-clock` feature (scripts/test builds it beside the real one).
fn test_clock_binary() -> std::path::PathBuf {
    std::env::var_os("CP_TRACKER_TEST_CLOCK_BIN")
        .map(Into::into)
        .unwrap_or_else(|| target_dir().join("release").join("cp-tracker-test-clock"))
}

#[tokio::test]
async fn a_closed_case_is_archived_twelve_months_and_a_day_later_and_is_read_only() {
    let data = tempfile::Builder::new().prefix("cp-e2e-archive-").tempdir().unwrap();
    let launch = Launch { binary: test_clock_binary(), data_dir: Some(data.path().to_path_buf()), ..Launch::default() };
    let app = App::launch_with(launch.clone()).await.unwrap_or_else(|e| panic!("{e}"));
    app.set_up("Barton Hill Settlement", "Amara Okafor", PASSPHRASE).await.unwrap();
    let reference = open_case(&app, "12 Avon Street", "BS2 0QQ").await;
    app.click_button("Close case").await.unwrap();
    app.fill("closingNote", "Six months without concerns.").await.unwrap();
    app.find(Locator::Css("form.action-form button[type=submit]")).await.unwrap().click().await.unwrap();
    app.wait_for_text(Locator::Css("[data-testid=case-status]"), "Closed").await.unwrap();
    app.close().await.unwrap();

    // Closed today; the app starts 12 months and a day later and sweeps at start-up.
    let later = Utc::now().checked_add_months(Months::new(12)).and_then(|t| t.checked_add_days(Days::new(1))).unwrap();
    let env = vec![("CP_TRACKER_TEST_NOW".to_owned(), later.to_rfc3339())];
    let app = App::launch_with(Launch { env, ..launch }).await.unwrap_or_else(|e| panic!("{e}"));
    app.heading("Sign in to CP Tracker").await.unwrap();
    app.fill("passphrase", PASSPHRASE).await.unwrap();
    app.click_button("Sign in").await.unwrap();
    app.heading("Dashboard").await.unwrap();
    let archived = app.text_of("[data-testid=week-progress]").await.unwrap();
    assert!(archived.contains("0 of 0"), "an archived case is on no checklist: {archived}");
    app.click_button("Cases").await.unwrap();
    app.heading("Cases").await.unwrap();
    let hidden = app.text_of("[data-testid=no-cases]").await.unwrap();
    assert!(hidden.contains("1 archived case is hidden"), "archived cases leave the default list: {hidden}");
    app.find(Locator::Css("#filter-status option[value=archived]")).await.unwrap().click().await.unwrap();
    app.wait_for_text(Locator::Css("[data-testid=case-list] tbody td"), &reference).await.unwrap();
    app.click_button(&reference).await.unwrap();
    assert_eq!(app.wait_for_text(Locator::Css("[data-testid=case-status]"), "Archived").await.unwrap(), "Archived");
    assert!(app.text_of("[data-testid=read-only]").await.unwrap().contains("Read-only"));
    let page = app.text_of("main").await.unwrap();
    for action in
        ["Reopen case", "Change level", "Add an entry", "Add a person", "Start a plan", "Change these details"]
    {
        assert!(!page.contains(action), "an archived case offers no {action:?}: {page}");
    }
    assert!(page.contains("Archived on"), "{page}");
    app.screenshot("32-archived-read-only").await.unwrap();
    app.close().await.unwrap();
}
