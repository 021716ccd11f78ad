//! The enquiry flow through the real window: the enquirer must be recorded before any case
//! shows; an enquiry about the address of a child on a child protection plan is flagged for
//! that child's lead social worker; telling the social worker is recorded on the list.

use cp_tracker_e2e::{App, Locator};

#[tokio::test]
async fn an_enquiry_about_a_child_on_a_plan_is_flagged_and_passed_on() {
    let app = App::launch().await.unwrap_or_else(|e| panic!("{e}"));
    app.set_up("Barton Hill Settlement", "Amara Okafor", "a safe passphrase here").await.unwrap();

    // A family with a child on a child protection plan.
    app.click_button("New case").await.unwrap();
    app.fill("addressLine1", "12 Avon Street").await.unwrap();
    app.fill("postcode", "BS5 9QH").await.unwrap();
    app.click_button("Open case").await.unwrap();
    app.find(Locator::Css("[data-testid=case-status]")).await.unwrap();
    let reference = app.text_of("h1").await.unwrap();
    app.click_button("Add a person").await.unwrap();
    app.fill("fullName", "Mia Cole").await.unwrap();
    app.fill("dateOfBirth", "2").await.unwrap();
    app.fill("dateOfBirth-month", "2").await.unwrap();
    app.fill("dateOfBirth-year", "2019").await.unwrap();
    app.click_button("Add person").await.unwrap();
    app.wait_for_text(Locator::Css("[data-testid=people] tbody td"), "Mia Cole").await.unwrap();
    app.click_button("Start a plan").await.unwrap();
    app.find(Locator::Id("categories")).await.unwrap().click().await.unwrap();
    app.fill("localAuthority", "Bristol City Council").await.unwrap();
    app.click_button("Start plan").await.unwrap();
    app.find(Locator::Css("[data-testid=plans]")).await.unwrap();

    // The enquirer first: without them, nothing else is offered.
    app.click_button("Enquiries").await.unwrap();
    app.heading("Enquiries").await.unwrap();
    app.click_button("New enquiry").await.unwrap();
    app.heading("New enquiry").await.unwrap();
    assert!(app.client.find(Locator::Id("enquiry-search")).await.is_err(), "no search before the enquirer");
    app.click_button("Continue").await.unwrap();
    assert!(app.text_of("#name-error").await.unwrap().contains("enquirer's name"));
    app.fill("name", "PC Sarah Jones").await.unwrap();
    app.fill("organisation", "Avon and Somerset Police").await.unwrap();
    app.fill("role", "Child abuse investigation").await.unwrap();
    app.fill("contact", "101 ext 4521").await.unwrap();
    app.click_button("Continue").await.unwrap();
    assert!(app.text_of("[data-testid=enquirer]").await.unwrap().contains("PC Sarah Jones"));

    // The search, the case chosen, what was shared.
    app.fill("enquiry-search", "mia").await.unwrap();
    app.wait_for_text(Locator::Css("[data-testid=enquiry-matches] button"), &reference).await.unwrap();
    app.click_button(&reference).await.unwrap();
    assert_eq!(app.value_of("subjectName").await.unwrap(), "Mia Cole", "the chosen case's child");
    assert_eq!(app.value_of("subjectPostcode").await.unwrap(), "BS5 9QH", "the chosen case's address");
    app.fill("subjectPostcode", "bs59qh").await.unwrap();
    app.click_button("Record the enquiry").await.unwrap();
    assert!(app.text_of("#whatShared-error").await.unwrap().contains("what you shared"));
    app.fill("whatShared", "Mia is known to us and has a child protection plan.").await.unwrap();
    app.click_button("Record the enquiry").await.unwrap();
    let flag = app.text_of("[data-testid=same-address]").await.unwrap();
    assert!(
        flag.contains("A child with a child protection plan lives at this address") && flag.contains(&reference),
        "{flag}"
    );
    app.screenshot("50-enquiry-same-address").await.unwrap();

    // On the list until the lead social worker is told.
    app.click_button("Back to enquiries").await.unwrap();
    let list = app.text_of("[data-testid=enquiries]").await.unwrap();
    assert!(
        list.contains("Lead social worker still to be told") && list.contains("Avon and Somerset Police"),
        "{list}"
    );
    app.click_button("Record that you told them").await.unwrap();
    app.click_button("Save").await.unwrap();
    app.find(Locator::XPath("//*[@data-testid='enquiries']//span[starts-with(., 'Lead social worker told on')]"))
        .await
        .unwrap();
    app.click_button("Dashboard").await.unwrap();
    app.heading("Dashboard").await.unwrap();
    assert!(
        app.client.find(Locator::Css("[data-testid=enquiries-to-pass-on]")).await.is_err(),
        "nothing left to pass on"
    );

    // Another enquiry, written up later, about the same house number on another street at
    // that postcode: the lead must say whether it is the plan child's address.
    app.click_button("Enquiries").await.unwrap();
    app.click_button("New enquiry").await.unwrap();
    app.fill("name", "Jo Hill").await.unwrap();
    app.fill("organisation", "Easton Health Centre").await.unwrap();
    app.fill("role", "Health visitor").await.unwrap();
    app.fill("contact", "0117 000 0000").await.unwrap();
    // Received two days ago: in the past in UK time whatever the hour the test runs.
    let earlier = chrono::Utc::now().date_naive() - chrono::Days::new(2);
    app.fill("receivedOn", &earlier.format("%-d").to_string()).await.unwrap();
    app.fill("receivedOn-month", &earlier.format("%-m").to_string()).await.unwrap();
    app.fill("receivedOn-year", &earlier.format("%Y").to_string()).await.unwrap();
    app.fill("receivedTime", "25:00").await.unwrap();
    app.click_button("Continue").await.unwrap();
    assert!(app.text_of("#receivedTime-error").await.unwrap().contains("like 14:30"));
    app.fill("receivedTime", "08:15").await.unwrap();
    app.click_button("Continue").await.unwrap();
    app.find(Locator::Id("enquiry-search")).await.unwrap();
    app.fill("subjectName", "Leo Hart").await.unwrap();
    app.fill("subjectAddressLine1", "12 Avon Road").await.unwrap();
    app.fill("subjectPostcode", "BS5 9QH").await.unwrap();
    app.find(Locator::Id("answered-no")).await.unwrap().click().await.unwrap();
    app.click_button("Record the enquiry").await.unwrap();
    let asked = app.text_of("#sameAddressAnswer-error").await.unwrap();
    assert!(asked.contains("say whether it is the same address"), "{asked}");
    let question = app.text_of("[data-testid=possible-same-address]").await.unwrap();
    assert!(question.contains("No, a different address"), "{question}");
    app.find(Locator::Id("sameAddressAnswer-different")).await.unwrap().click().await.unwrap();
    app.click_button("Record the enquiry").await.unwrap();
    let done = app.text_of("[data-testid=enquiry-recorded]").await.unwrap();
    assert!(done.contains("nothing to pass on"), "{done}");
    assert!(app.client.find(Locator::Css("[data-testid=same-address]")).await.is_err(), "not flagged");

    // Nothing to pass on: closed as such, never waiting on the dashboard.
    app.click_button("Back to enquiries").await.unwrap();
    let list = app.text_of("[data-testid=enquiries]").await.unwrap();
    assert!(list.contains("you said it is a different address") && list.contains("at 08:15"), "{list}");
    app.click_button("Close it: nothing to pass on").await.unwrap();
    app.find(Locator::XPath("//*[@data-testid='enquiries']//span[contains(., 'nothing to pass on')]")).await.unwrap();
    app.screenshot("51-enquiry-closed-nothing-to-pass-on").await.unwrap();
    app.click_button("Dashboard").await.unwrap();
    app.heading("Dashboard").await.unwrap();
    assert!(app.client.find(Locator::Css("[data-testid=enquiries-to-pass-on]")).await.is_err());
    app.close().await.unwrap();
}
