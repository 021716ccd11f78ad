//! Two leads each review every case of the week from the keyboard; the first signs off and the
//! second sees the sign-off and its note; a change made by the first appears in the second's
//! "changes since you last looked" until acknowledged.

use cp_tracker_e2e::{App, Locator};
use fantoccini::key::Key;

const AMARA: &str = "a safe passphrase for Amara";
const PRIYA: &str = "a safe passphrase for Priya";
const LATE_NOTE: &str = "School confirmed an attendance plan";
const SIGNED_OFF: &str = "//*[@data-testid='review-status']/strong[starts-with(., 'Signed off')]";

async fn open_case(app: &App, line1: &str, postcode: &str) -> String {
    app.click_button("New case").await.unwrap();
    app.heading("New case").await.unwrap();
    app.fill("addressLine1", line1).await.unwrap();
    app.fill("postcode", postcode).await.unwrap();
    app.click_button("Open case").await.unwrap();
    app.find(Locator::Css("[data-testid=case-status]")).await.unwrap();
    let reference = app.text_of("h1").await.unwrap();
    app.click_button("Back to cases").await.unwrap();
    app.heading("Cases").await.unwrap();
    reference
}

async fn status(app: &App) -> String {
    app.text_of("[data-testid=review-status]").await.unwrap()
}

#[tokio::test]
async fn two_leads_review_the_week_from_the_keyboard_and_see_each_others_work() {
    let app = App::launch().await.unwrap_or_else(|e| panic!("{e}"));
    app.set_up("Barton Hill Settlement", "Amara Okafor", AMARA).await.unwrap();
    let first = open_case(&app, "12 Avon Street", "BS2 0QQ").await;
    let second = open_case(&app, "9 Filton Avenue", "BS7 0PA").await;

    // A second lead.
    app.click_button("Settings").await.unwrap();
    app.fill("newLead.name", "Priya Shah").await.unwrap();
    app.fill("newLead.role", "Deputy lead").await.unwrap();
    app.fill("newLead.passphrase", PRIYA).await.unwrap();
    app.click_button("Add lead").await.unwrap();
    app.find(Locator::XPath("//td[normalize-space()='Priya Shah']")).await.unwrap();

    // Amara's checklist, from the keyboard: N, then F with a note and Ctrl+Enter.
    app.click_button("Weekly review").await.unwrap();
    app.wait_for_text(Locator::Css("[data-testid=review-status]"), "You have reviewed 0 of 2 cases.").await.unwrap();
    app.find(Locator::Css("h1")).await.unwrap().click().await.unwrap();
    app.press('n').await.unwrap();
    app.wait_for_text(Locator::Css("[data-testid=review-status]"), "You have reviewed 1 of 2 cases.").await.unwrap();
    app.press('f').await.unwrap();
    let note = app.find(Locator::Id("review-note")).await.unwrap();
    assert_eq!(app.client.active_element().await.unwrap().attr("id").await.unwrap().as_deref(), Some("review-note"));
    app.press_ctrl(Key::Enter).await.unwrap();
    assert!(
        app.text_of("#note-error").await.unwrap().contains("issue, concern or question"),
        "an empty note is refused"
    );
    note.send_keys("Ask the school about attendance this week").await.unwrap();
    app.press_ctrl(Key::Enter).await.unwrap();
    app.wait_for_text(Locator::Css("[data-testid=review-status]"), "You have reviewed 2 of 2 cases.").await.unwrap();
    let list = app.text_of("[data-testid=checklist]").await.unwrap();
    assert!(list.contains(&first) && list.contains(&second), "{list}");
    assert!(list.contains("Further action needed") && list.contains("Ask the school about attendance"), "{list}");
    app.screenshot("40-review-done").await.unwrap();
    app.find(Locator::XPath("//button[starts-with(normalize-space(), 'Sign off week')]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.find(Locator::XPath(SIGNED_OFF)).await.unwrap();
    assert!(status(&app).await.ends_with("by you: 2 of 2 cases reviewed."));
    // Signed off: F now adds a late note beside the outcome, which stays as it was.
    app.press('f').await.unwrap();
    app.find(Locator::Id("review-note")).await.unwrap().send_keys(LATE_NOTE).await.unwrap();
    app.press_ctrl(Key::Enter).await.unwrap();
    app.find(Locator::XPath(&format!("//p[strong[starts-with(., 'Late note,')] and contains(., '{LATE_NOTE}')]")))
        .await
        .unwrap();
    let list = app.text_of("[data-testid=checklist]").await.unwrap();
    assert!(list.contains("Ask the school about attendance this week"), "{list}");

    // Amara changes a case after her review: Priya must hear of it.
    app.click_button("Cases").await.unwrap();
    app.heading("Cases").await.unwrap();
    app.click_button(&first).await.unwrap();
    app.heading(&first).await.unwrap();
    app.click_button("Add an entry").await.unwrap();
    app.fill("infoSource", "Class teacher").await.unwrap();
    app.fill("summary", "Attendance down to 80 per cent").await.unwrap();
    app.click_button("Save entry").await.unwrap();
    app.wait_for_text(Locator::Css("[data-testid=chronology] strong"), "Attendance down to 80 per cent").await.unwrap();
    app.click_button("Sign out").await.unwrap();

    // Priya: sees the sign-off and the change, acknowledges it, then reviews her own week.
    app.sign_in("Priya Shah", PRIYA).await.unwrap();
    let progress = app.text_of("[data-testid=week-progress]").await.unwrap();
    assert!(progress.contains("Amara Okafor: signed off"), "{progress}");
    assert!(progress.contains("You: 0 of 2 cases reviewed"), "{progress}");
    let changes = app.text_of("[data-testid=changes]").await.unwrap();
    assert!(changes.contains(&first) && changes.contains("Attendance down to 80 per cent"), "{changes}");
    app.screenshot("41-dashboard-changes").await.unwrap();
    // One group per case, each marked as seen on its own.
    let mark = "//button[starts-with(normalize-space(), 'Mark as seen')]";
    app.find(Locator::XPath(mark)).await.unwrap().click().await.unwrap();
    let next = app.wait_for_text(Locator::Css("[data-testid=changes] > li:first-child p"), &second).await.unwrap();
    assert_eq!(next, second, "the first case's changes are acknowledged, the second's remain");
    app.find(Locator::XPath(mark)).await.unwrap().click().await.unwrap();
    let none = app.text_of("[data-testid=no-changes]").await.unwrap();
    assert_eq!(none, "Nothing new from the other lead.");

    app.click_button("See Amara Okafor's checklist").await.unwrap();
    app.find(Locator::XPath(SIGNED_OFF)).await.unwrap();
    let theirs = status(&app).await;
    assert!(theirs.contains("by Amara Okafor: 2 of 2 cases reviewed."), "{theirs}");
    let theirs = app.text_of("[data-testid=checklist]").await.unwrap();
    assert!(theirs.contains("Ask the school about attendance") && theirs.contains(LATE_NOTE), "{theirs}");
    assert!(
        app.client.find(Locator::XPath("//button[starts-with(normalize-space(), 'No change')]")).await.is_err(),
        "another lead's checklist is read-only"
    );

    app.click_button("Weekly review").await.unwrap();
    app.wait_for_text(Locator::Css("[data-testid=review-status]"), "You have reviewed 0 of 2 cases.").await.unwrap();
    let list = app.text_of("[data-testid=checklist]").await.unwrap();
    assert!(list.contains("Changed since your last review") && list.contains("Attendance down to 80"), "{list}");
    app.find(Locator::Css("h1")).await.unwrap().click().await.unwrap();
    app.press('n').await.unwrap();
    app.wait_for_text(Locator::Css("[data-testid=review-status]"), "You have reviewed 1 of 2 cases.").await.unwrap();
    app.press(Key::Up).await.unwrap();
    app.press(Key::Down).await.unwrap();
    app.press('n').await.unwrap();
    app.wait_for_text(Locator::Css("[data-testid=review-status]"), "You have reviewed 2 of 2 cases.").await.unwrap();
    app.find(Locator::XPath("//button[starts-with(normalize-space(), 'Sign off week')]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.find(Locator::XPath(SIGNED_OFF)).await.unwrap();
    app.screenshot("42-review-signed-off").await.unwrap();
    app.close().await.unwrap();
}
