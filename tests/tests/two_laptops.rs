//! Two leads, each on their own laptop, on their organisation's database (the test run's
//! private PostgreSQL): two app windows with two data folders. Joanna's laptop joins through
//! the set-up screen, Elaine's through `cp-tracker-admin shared join`. Joanna records an entry
//! and changes a level; Elaine's dashboard shows it without her doing anything (the server's
//! notification, not polling), and both complete the week's review.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use cp_tracker_e2e::{App, Launch, Locator, target_dir};

const JOANNA: &str = "joanna's long passphrase";
const ELAINE: &str = "elaine's long passphrase";

fn admin_cli() -> PathBuf {
    target_dir().join("release").join("cp-tracker-admin")
}

/// cp-tracker-admin with `args`, on `data_dir`; its standard output, or the test fails with
/// what it said.
fn admin(data_dir: &std::path::Path, args: &[&str]) -> String {
    let out = Command::new(admin_cli())
        .env("CP_TRACKER_DATA_DIR", data_dir)
        .env("CP_TRACKER_PASSPHRASE", JOANNA)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{} runs: {e} (cargo test --release builds it)", admin_cli().display()));
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "cp-tracker-admin {args:?}: {said}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn psql(url: &str, ca: &str, sql: &str) {
    let out = Command::new("psql")
        .arg(format!("{url}?sslmode=verify-full&sslrootcert={ca}"))
        .args(["-v", "ON_ERROR_STOP=1", "-qc", sql])
        .output()
        .expect("psql runs");
    assert!(out.status.success(), "{sql}: {}", String::from_utf8_lossy(&out.stderr));
}

/// Reviews every case on the lead's checklist from the keyboard and signs the week off.
async fn review_the_week(app: &App) {
    app.click_button("Weekly review").await.unwrap();
    app.wait_for_text(Locator::Css("[data-testid=review-status]"), "You have reviewed 0 of 1 cases.").await.unwrap();
    app.find(Locator::Css("h1")).await.unwrap().click().await.unwrap();
    app.press('n').await.unwrap();
    app.wait_for_text(Locator::Css("[data-testid=review-status]"), "You have reviewed 1 of 1 cases.").await.unwrap();
    app.find(Locator::XPath("//button[starts-with(normalize-space(), 'Sign off week')]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.find(Locator::XPath("//*[@data-testid='review-status']/strong[starts-with(., 'Signed off')]")).await.unwrap();
}

#[tokio::test]
async fn two_laptops_one_database_each_lead_sees_the_others_change_and_both_review_the_week() {
    let url = std::env::var("CP_TEST_POSTGRES_URL")
        .expect("CP_TEST_POSTGRES_URL is not set: run the tests with scripts/test, which starts a private PostgreSQL");
    let ca = std::env::var("CP_TEST_POSTGRES_CA").unwrap();
    let database = format!("cp_two_laptops_{}", std::process::id());
    psql(&url, &ca, &format!("DROP DATABASE IF EXISTS {database}"));
    psql(&url, &ca, &format!("CREATE DATABASE {database}"));
    let db_url = format!("{}/{database}", url.rsplit_once('/').unwrap().0);
    let server = url.rsplit_once('@').unwrap().1.rsplit_once('/').unwrap().0.to_owned();

    // Whoever runs the database: the organisation, Joanna as its first lead, two laptops.
    let nowhere = tempfile::tempdir().unwrap();
    let ca_flag = ["--ca-cert", ca.as_str()];
    let init = ["shared", "init", "--database-url", &db_url, "--organisation", "Riverside Children's Centre"];
    admin(nowhere.path(), &[&init[..], &["--lead", "Joanna Holmes"], &ca_flag].concat());
    let code = |name: &str| {
        let said = admin(
            nowhere.path(),
            &[&["shared", "add-device", "--database-url", &db_url, "--name", name][..], &ca_flag].concat(),
        );
        said.lines().last().unwrap().to_owned()
    };
    let (code_a, code_b) = (code("Joanna's laptop"), code("Elaine's laptop"));

    // Joanna's laptop joins through the set-up screen.
    let data_a = tempfile::tempdir().unwrap();
    let a = App::launch_with(Launch { data_dir: Some(data_a.path().to_path_buf()), ..Launch::default() })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    a.click_button("Connect to my organisation's database").await.unwrap();
    a.heading("Connect to your organisation's database").await.unwrap();
    a.fill("server", &server).await.unwrap();
    a.fill("database", &database).await.unwrap();
    a.fill("code", &code_a).await.unwrap();
    // WebDriver types it without its line breaks, as an email often delivers it: the app lays
    // it out again.
    a.fill("caCertificate", &std::fs::read_to_string(&ca).unwrap()).await.unwrap();
    a.click_button("Connect this laptop").await.unwrap();
    let joined = a.heading("Sign in to CP Tracker").await.unwrap();
    assert_eq!(joined, "Sign in to CP Tracker", "{}", a.text_of("main").await.unwrap());
    a.sign_in("Joanna Holmes", JOANNA).await.unwrap();
    // She adds Elaine, whose way in every laptop enrolled from now on holds.
    a.click_button("Settings").await.unwrap();
    a.fill("newLead.name", "Elaine Martin").await.unwrap();
    a.fill("newLead.role", "Deputy lead").await.unwrap();
    a.fill("newLead.passphrase", ELAINE).await.unwrap();
    a.click_button("Add lead").await.unwrap();
    a.find(Locator::XPath("//td[normalize-space()='Elaine Martin']")).await.unwrap();

    // Elaine's laptop joins from the command line, exactly as the screen does.
    let data_b = tempfile::tempdir().unwrap();
    let location = format!("postgres://{server}/{database}");
    admin(data_b.path(), &[&["shared", "join", &code_b, "--database-url", &location][..], &ca_flag].concat());
    let b = App::launch_with(Launch { data_dir: Some(data_b.path().to_path_buf()), ..Launch::default() })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    b.sign_in("Elaine Martin", ELAINE).await.unwrap();
    b.find(Locator::Css("[data-testid=no-changes]")).await.unwrap();

    // Joanna opens a case, records an entry and changes its level.
    a.click_button("Dashboard").await.unwrap();
    a.click_button("New case").await.unwrap();
    a.heading("New case").await.unwrap();
    a.fill("addressLine1", "1 Quay Street").await.unwrap();
    a.fill("postcode", "BS1 4DJ").await.unwrap();
    a.click_button("Open case").await.unwrap();
    a.find(Locator::Css("[data-testid=case-status]")).await.unwrap();
    let reference = a.text_of("h1").await.unwrap();
    a.click_button("Add an entry").await.unwrap();
    a.fill("infoSource", "Class teacher").await.unwrap();
    a.fill("summary", "Bruising seen at drop-off").await.unwrap();
    a.click_button("Save entry").await.unwrap();
    a.wait_for_text(Locator::Css("[data-testid=chronology] strong"), "Bruising seen at drop-off").await.unwrap();
    let saved = Instant::now();

    // Elaine, who has not touched her laptop, sees it on her dashboard.
    let deadline = saved + Duration::from_secs(20);
    let seen_in = loop {
        let changes = match b.client.find(Locator::Css("[data-testid=changes]")).await {
            Ok(list) => list.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        if changes.contains(&reference) && changes.contains("Bruising seen at drop-off") {
            break saved.elapsed();
        }
        assert!(Instant::now() < deadline, "Elaine's dashboard did not show Joanna's entry: {changes:?}");
        tokio::time::sleep(Duration::from_millis(25)).await;
    };
    println!("Elaine's window showed Joanna's entry {} ms after it was saved", seen_in.as_millis());

    a.click_button("Change level").await.unwrap();
    a.find(Locator::Css("#to option[value=early_help]")).await.unwrap().click().await.unwrap();
    a.fill("evidence", "Family agreed to early help.").await.unwrap();
    a.click_button("Save level change").await.unwrap();
    a.wait_for_text(Locator::Css("[data-testid=case-level]"), "Early help").await.unwrap();
    let level = loop {
        let changes = b.text_of("[data-testid=changes]").await.unwrap();
        if changes.contains("Early help") {
            break changes;
        }
        assert!(Instant::now() < deadline, "Elaine's dashboard did not show the level change: {changes:?}");
        tokio::time::sleep(Duration::from_millis(25)).await;
    };
    assert!(level.contains(&reference), "{level}");
    b.screenshot("60-two-laptops-changes").await.unwrap();

    // Both review the week.
    review_the_week(&a).await;
    review_the_week(&b).await;
    b.click_button("Dashboard").await.unwrap();
    let progress = b.text_of("[data-testid=week-progress]").await.unwrap();
    assert!(progress.contains("Joanna Holmes: signed off") && progress.contains("You: signed off"), "{progress}");

    a.close().await.unwrap();
    b.close().await.unwrap();
    psql(&url, &ca, &format!("DROP DATABASE {database}"));
    for role in [format!("{database}_laptop_1"), format!("{database}_laptop_2"), format!("{database}_laptops")] {
        psql(&url, &ca, &format!("DROP ROLE {role}"));
    }
}
