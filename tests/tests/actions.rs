//! An action and a warning through the real window: Amara puts a warning on a case and gives
//! Priya an action on it; Priya finds it among her actions on the dashboard and ends it there,
//! without opening the case; Amara sees on the case who did it and what was done, under the
//! warning.

use cp_tracker_e2e::{App, Locator};

const AMARA: &str = "a safe passphrase for Amara";
const PRIYA: &str = "a safe passphrase for Priya";
const WHAT: &str = "Ask the nursery for attendance since September";

#[tokio::test]
async fn one_lead_gives_another_an_action_who_ends_it_from_the_dashboard() {
    let app = App::launch().await.unwrap_or_else(|e| panic!("{e}"));
    app.set_up("Barton Hill Settlement", "Amara Okafor", AMARA).await.unwrap();
    app.click_button("Settings").await.unwrap();
    app.fill("newLead.name", "Priya Shah").await.unwrap();
    app.fill("newLead.role", "Deputy lead").await.unwrap();
    app.fill("newLead.passphrase", PRIYA).await.unwrap();
    app.click_button("Add lead").await.unwrap();
    app.find(Locator::XPath("//td[normalize-space()='Priya Shah']")).await.unwrap();

    app.click_button("Dashboard").await.unwrap();
    app.click_button("New case").await.unwrap();
    app.fill("addressLine1", "12 Avon Street").await.unwrap();
    app.fill("postcode", "BS5 9QH").await.unwrap();
    app.click_button("Open case").await.unwrap();
    app.find(Locator::Css("[data-testid=case-status]")).await.unwrap();
    let reference = app.text_of("h1").await.unwrap();

    app.click_button("Add a warning").await.unwrap();
    app.fill("flag", "Do not contact the father").await.unwrap();
    app.click_button("Add the warning").await.unwrap();
    assert!(app.text_of("[data-testid=flags]").await.unwrap().contains("Do not contact the father"));

    // "A" opens the form from anywhere on the case; a blank action is refused with every
    // problem at once; then Priya's, in 2 working days.
    app.find(Locator::Css("h1")).await.unwrap().click().await.unwrap();
    app.press('a').await.unwrap();
    assert_eq!(app.client.active_element().await.unwrap().attr("id").await.unwrap().as_deref(), Some("what"));
    app.click_button("Save action").await.unwrap();
    let summary = app.text_of(".error-summary").await.unwrap();
    assert!(summary.contains("Enter what is to be done") && summary.contains("Choose who will do it"), "{summary}");
    app.fill("what", WHAT).await.unwrap();
    app.find(Locator::XPath("//select[@id='owner-lead-id']/option[normalize-space()='Priya Shah']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.click_button("Save action").await.unwrap();
    let actions = app.text_of("[data-testid=actions]").await.unwrap();
    assert!(actions.contains(WHAT) && actions.contains("For Priya Shah, due"), "{actions}");

    // Priya ends it from her dashboard.
    app.click_button("Sign out").await.unwrap();
    app.sign_in("Priya Shah", PRIYA).await.unwrap();
    let mine = app.text_of("[data-testid=my-actions]").await.unwrap();
    assert!(mine.contains(WHAT) && mine.contains(&reference), "{mine}");
    app.find(Locator::XPath("//*[@data-testid='my-actions']//button[starts-with(normalize-space(), 'End')]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.fill("dashboard-note", "Attendance 92%, no concerns from the nursery").await.unwrap();
    app.click_button("Save").await.unwrap();
    app.wait_for_text(Locator::Css("#my-actions-title"), "My actions (0)").await.unwrap();

    // Amara sees it done, by Priya, on the case.
    app.click_button("Sign out").await.unwrap();
    app.sign_in("Amara Okafor", AMARA).await.unwrap();
    app.find(Locator::XPath(&format!("//button[normalize-space()='{reference}']")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.find(Locator::XPath(
        "//section[@aria-labelledby='actions-title']//p[contains(., 'Done') and contains(., 'by Priya Shah: Attendance 92%')]",
    ))
    .await
    .unwrap();
    assert!(app.text_of("[data-testid=flags]").await.unwrap().contains("Do not contact the father"));
    app.screenshot("57-action-done").await.unwrap();
    app.close().await.unwrap();
}
