//! A concern on an open case through the real window: refused without the reasons for the
//! decision, then recorded with a strategy discussion decided (its clock starts), then a
//! disagreement escalated, team manager first.

use cp_tracker_e2e::{App, Locator};

#[tokio::test]
async fn a_concern_on_an_open_case_needs_its_reasons_and_escalates_in_order() {
    let app = App::launch().await.unwrap_or_else(|e| panic!("{e}"));
    app.set_up("Barton Hill Settlement", "Amara Okafor", "a safe passphrase here").await.unwrap();
    app.click_button("New case").await.unwrap();
    app.fill("addressLine1", "12 Avon Street").await.unwrap();
    app.fill("postcode", "BS5 9QH").await.unwrap();
    app.click_button("Open case").await.unwrap();
    app.find(Locator::Css("[data-testid=case-status]")).await.unwrap();

    app.click_button("Record a concern").await.unwrap();
    app.fill("infoFrom", "Nursery key worker").await.unwrap();
    app.fill("decidedBy", "Team manager, Bristol North").await.unwrap();
    app.find(Locator::Id("strategy-yes")).await.unwrap().click().await.unwrap();
    app.click_button("Save concern").await.unwrap();
    let error = app.text_of("#reasons-error").await.unwrap();
    assert!(error.contains("reasons for any action not taken"), "{error}");
    app.fill("reasons", "Second unexplained bruise in a month.").await.unwrap();
    app.click_button("Save concern").await.unwrap();
    let concerns = app.text_of("[data-testid=concerns]").await.unwrap();
    assert!(
        concerns.contains("strategy discussion needed") && concerns.contains("Second unexplained bruise"),
        "{concerns}"
    );
    let due = app.text_of("[data-testid=timescales]").await.unwrap();
    assert!(due.contains("Strategy discussion"), "the decision starts the clock: {due}");
    assert!(app.text_of("[data-testid=chronology]").await.unwrap().contains("Concern on an open case"));

    app.click_button("Escalate a disagreement").await.unwrap();
    app.find(Locator::Css("#level option[value=service_manager]")).await.unwrap().click().await.unwrap();
    app.fill("disagreement", "Social care say the threshold is not met").await.unwrap();
    app.fill("outcome", "Strategy discussion agreed").await.unwrap();
    app.click_button("Save escalation").await.unwrap();
    assert!(app.text_of(".error-summary").await.unwrap().contains("team manager first"));
    app.find(Locator::Css("#level option[value=team_manager]")).await.unwrap().click().await.unwrap();
    app.click_button("Save escalation").await.unwrap();
    app.find(Locator::XPath(
        "//*[@data-testid='concerns']//p[starts-with(normalize-space(), 'Escalated to the team manager')]",
    ))
    .await
    .unwrap();
    app.screenshot("55-concern-escalated").await.unwrap();
    app.close().await.unwrap();
}
