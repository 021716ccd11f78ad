//! A subject access request through the real window: Amara records Gwen's request with her
//! identity checked, withholds the name of a man in the chronology, and releases the copy
//! where she chooses; the saved PDF, read back with `pdftotext`, has the marker where the name
//! was and the name nowhere; the request then says it was released. The section passes
//! axe-core. The save dialog is answered from `CP_TRACKER_TEST_DIALOG_DIR` (see moving_on.rs).

use chrono::Datelike;
use cp_tracker_e2e::{App, Launch, Locator, target_dir};

const AMARA: &str = "a safe passphrase for Amara";

#[tokio::test]
async fn a_copy_is_released_with_a_third_partys_name_withheld() {
    let dialogs = tempfile::Builder::new().prefix("cp-e2e-dialogs-").tempdir().unwrap();
    let today = chrono::Local::now().date_naive();
    let binary = std::env::var_os("CP_TRACKER_TEST_CLOCK_BIN")
        .map(Into::into)
        .unwrap_or_else(|| target_dir().join("release").join("cp-tracker-test-clock"));
    let env = vec![("CP_TRACKER_TEST_DIALOG_DIR".into(), dialogs.path().to_string_lossy().into_owned())];
    let app = App::launch_with(Launch { binary, env, ..Launch::default() }).await.unwrap_or_else(|e| panic!("{e}"));
    app.set_up("Riverside", "Amara Okafor", AMARA).await.unwrap();
    app.click_button("New case").await.unwrap();
    app.fill("addressLine1", "11 Heron Row").await.unwrap();
    app.fill("postcode", "BS5 9QZ").await.unwrap();
    app.click_button("Open case").await.unwrap();
    app.find(Locator::Css("[data-testid=case-status]")).await.unwrap();
    app.click_button("Add an entry").await.unwrap();
    app.fill("infoSource", "Class teacher").await.unwrap();
    app.fill("summary", "Tamsin said Declan Furrow shouted at her mum").await.unwrap();
    app.click_button("Save entry").await.unwrap();
    app.wait_for_text_containing(Locator::Css("[data-testid=chronology] strong"), "Declan Furrow").await.unwrap();

    app.click_button("Record a subject access request").await.unwrap();
    app.fill("sarRequester", "Gwen Oakes").await.unwrap();
    app.fill("sarIdentityOn", &today.day().to_string()).await.unwrap();
    app.fill("sarIdentityOn-month", &today.month().to_string()).await.unwrap();
    app.fill("sarIdentityOn-year", &today.year().to_string()).await.unwrap();
    app.fill("sarIdentityHow", "Passport seen at the office").await.unwrap();
    app.click_button("Record the request").await.unwrap();
    let request =
        app.wait_for_text_containing(Locator::Css("[data-testid=subject-access]"), "Gwen Oakes").await.unwrap();
    assert!(request.contains("Reply due by") && request.contains("Passport seen"), "{request}");

    let words = app.find(Locator::Css("input[id^=redactionText-]")).await.unwrap();
    words.send_keys("declan furrow").await.unwrap();
    app.click_button("Withhold").await.unwrap();
    app.wait_for_text_containing(Locator::Css("[data-testid=redactions]"), "declan furrow").await.unwrap();
    let found = app.axe().await.unwrap_or_else(|e| panic!("axe: {e}"));
    assert!(found.is_empty(), "axe-core on a subject access request:\n{}", found.join("\n"));
    app.screenshot("73-subject-access").await.unwrap();

    app.click_button("Release the copy").await.unwrap();
    let released =
        app.wait_for_text_containing(Locator::Css("[data-testid=subject-access]"), "Released").await.unwrap();
    assert!(released.contains("kept with this request"), "{released}");
    let copy = std::fs::read_dir(dialogs.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with("subject access copy.pdf"))
        .expect("the released copy where Amara chose");
    let out = std::process::Command::new("pdftotext").arg("-layout").arg(&copy).arg("-").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Tamsin said [withheld: TP] shouted"), "{text}");
    assert!(!text.contains("Declan") && !text.contains("Furrow"), "{text}");
    app.close().await.unwrap();
}
