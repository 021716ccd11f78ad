//! Cases through the real window: open one, a level change without evidence is refused with
//! its message, then made with evidence; closing as "moved from the area" without evidence is
//! refused, then done with it.

use cp_tracker_e2e::{App, Locator};

#[tokio::test]
async fn open_change_level_and_close_a_case() {
    let app = App::launch().await.unwrap_or_else(|e| panic!("{e}"));
    app.set_up("Barton Hill Settlement", "Nguyễn Thị Lan", "a safe passphrase here").await.unwrap();

    assert!(app.text_of("[data-testid=no-cases]").await.unwrap().contains("No cases yet"));
    app.click_button("New case").await.unwrap();
    app.heading("New case").await.unwrap();
    app.fill("addressLine1", "12 Avon Street").await.unwrap();
    app.fill("postcode", "not one").await.unwrap();
    app.click_button("Open case").await.unwrap();
    let error = app.text_of("#postcode-error").await.unwrap();
    assert!(error.contains("Enter a real postcode"), "{error}");
    app.fill("postcode", "bs2 0qq").await.unwrap();
    app.click_button("Open case").await.unwrap();

    // The case page (only it has a status) shows the new reference as its heading.
    app.find(Locator::Css("[data-testid=case-status]")).await.unwrap();
    let reference = app.text_of("h1").await.unwrap();
    assert!(reference.starts_with("CP-") && reference.ends_with("-0001"), "{reference}");
    assert_eq!(app.text_of("[data-testid=case-status]").await.unwrap(), "Live");
    assert_eq!(app.text_of("[data-testid=case-level]").await.unwrap(), "Concern");

    // Two children: one without a date of birth is refused first.
    app.click_button("Add a person").await.unwrap();
    app.fill("fullName", "Deniz Öztürk").await.unwrap();
    app.click_button("Add person").await.unwrap();
    let error = app.text_of("#dateOfBirth-error").await.unwrap();
    assert!(error.contains("date of birth"), "{error}");
    app.fill("dateOfBirth", "1").await.unwrap();
    app.fill("dateOfBirth-month", "6").await.unwrap();
    app.fill("dateOfBirth-year", "2021").await.unwrap();
    app.click_button("Add person").await.unwrap();
    // The lead sees Deniz listed before adding Siân: "Add a person" is back as soon as the
    // first is saved, but the page read again after it puts the table above the button, and
    // a click reckoned before that moves it lands where the button was.
    app.wait_for_text(Locator::Css("[data-testid=people] tbody tr:nth-child(1) td"), "Deniz Öztürk").await.unwrap();
    app.click_button("Add a person").await.unwrap();
    app.fill("fullName", "Siân Öztürk").await.unwrap();
    app.fill("dateOfBirth", "14").await.unwrap();
    app.fill("dateOfBirth-month", "2").await.unwrap();
    app.fill("dateOfBirth-year", "2024").await.unwrap();
    app.click_button("Add person").await.unwrap();
    let people =
        app.wait_for_text(Locator::Css("[data-testid=people] tbody tr:nth-child(2) td"), "Siân Öztürk").await.unwrap();
    assert_eq!(people, "Siân Öztürk");
    assert!(app.text_of("[data-testid=people]").await.unwrap().contains("1 June 2021"));

    // No evidence: refused, with the message beside the field.
    app.click_button("Change level").await.unwrap();
    app.find(Locator::Css("#to option[value=section47_enquiry]")).await.unwrap().click().await.unwrap();
    app.click_button("Save level change").await.unwrap();
    let error = app.text_of("#evidence-error").await.unwrap();
    assert!(error.contains("Enter the evidence"), "{error}");
    assert_eq!(app.text_of("[data-testid=case-level]").await.unwrap(), "Concern");
    app.screenshot("20-level-without-evidence").await.unwrap();

    app.fill("evidence", "Strategy discussion decided a Section 47 enquiry is needed.").await.unwrap();
    app.click_button("Save level change").await.unwrap();
    assert_eq!(
        app.wait_for_text(Locator::Css("[data-testid=case-level]"), "Section 47 enquiry").await.unwrap(),
        "Section 47 enquiry"
    );
    assert!(app.text_of("[data-testid=level-history]").await.unwrap().contains("Strategy discussion decided"));

    // Moved from the area needs its evidence.
    app.click_button("Close case").await.unwrap();
    app.find(Locator::Css("#reason option[value=moved_from_area]")).await.unwrap().click().await.unwrap();
    app.fill("closingNote", "Family moved to Leeds.").await.unwrap();
    app.find(Locator::Css("form.action-form button[type=submit]")).await.unwrap().click().await.unwrap();
    let error = app.text_of("#reasonDetail-error").await.unwrap();
    assert!(error.contains("evidence of the move"), "{error}");
    assert_eq!(app.text_of("[data-testid=case-status]").await.unwrap(), "Live");
    app.fill("reasonDetail", "Leeds City Council told; new address on file.").await.unwrap();
    app.find(Locator::Css("form.action-form button[type=submit]")).await.unwrap().click().await.unwrap();
    assert_eq!(app.wait_for_text(Locator::Css("[data-testid=case-status]"), "Closed").await.unwrap(), "Closed");
    app.screenshot("21-case-closed").await.unwrap();

    app.click_button("Back to cases").await.unwrap();
    assert!(app.text_of("[data-testid=case-list]").await.unwrap().contains(&reference));
    app.close().await.unwrap();
}
