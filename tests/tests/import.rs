//! The Under 5s list import through the real window: the file chosen in the page's file
//! input, a column the import could not recognise chosen by hand, the preview with its
//! rejected row and reason, then the import and its summary.

use cp_tracker_e2e::{App, Locator};

#[tokio::test]
async fn a_list_is_mapped_previewed_and_imported() {
    let app = App::launch().await.unwrap_or_else(|e| panic!("{e}"));
    app.set_up("Barton Hill Settlement", "Amara Okafor", "a safe passphrase here").await.unwrap();

    let list_dir = tempfile::tempdir().unwrap();
    let list = list_dir.path().join("under 5s list.csv");
    // Windows-1252, as Excel saves "CSV" in the UK: ë is one byte, 0xEB.
    let mut csv = b"Surname,Forename,Born on,Address,Postcode\r\n".to_vec();
    csv.extend_from_slice(
        b"Nowak,Zo\xEB,01/05/2023,12 Avon Street,BS5 9QZ\r\nNowak,Jan,02/06/2024,12 Avon Street,BS5 9QZ\r\n",
    );
    csv.extend_from_slice(b"Reed,Tom,31/02/2024,9 Mill Lane,BS1 4DJ\r\n");
    std::fs::write(&list, csv).unwrap();

    app.click_button("Import Under 5s list").await.unwrap();
    app.heading("Import the Under 5s list").await.unwrap();
    app.find(Locator::Id("list-file")).await.unwrap().send_keys(&list.display().to_string()).await.unwrap();
    let problems = app.text_of("[data-testid=import-problems]").await.unwrap();
    assert!(problems.contains("Choose the column with the date of birth"), "{problems}");

    // "Born on" is not a name the import knows: the lead says what it holds.
    app.find(Locator::Id("column-2")).await.unwrap().select_by_value("dateOfBirth").await.unwrap();
    let counts = app.text_of("[data-testid=import-counts]").await.unwrap();
    assert!(counts.contains("1 new case, 2 children added in all") && counts.contains("1 row rejected"), "{counts}");
    let rejected = app.text_of("[data-testid=rejected-rows]").await.unwrap();
    assert!(rejected.contains("Tom Reed") && rejected.contains("\"31/02/2024\" is not a real date"), "{rejected}");
    let writing = app.text_of("[data-testid=writing-rows]").await.unwrap();
    assert!(writing.contains("Zoë Nowak") && writing.contains("Joins the new case of its family (row 2)"), "{writing}");
    app.screenshot("60-import-preview").await.unwrap();

    app.click_button("Import 2 children").await.unwrap();
    let done = app.text_of("[data-testid=import-result]").await.unwrap();
    assert!(done.contains("1 new case opened") && done.contains("2 children added"), "{done}");
    let reference = done.split("opened: ").nth(1).and_then(|s| s.split('.').next()).unwrap_or_default().to_owned();

    // The new case is on the list; the same file again would add nothing.
    app.click_button("Back to cases").await.unwrap();
    app.heading("Cases").await.unwrap();
    app.fill("case-search", "nowak").await.unwrap();
    // Named by its children, the reference beside them.
    let found = app.wait_for_text(Locator::Css("#case-results tbody tr td.case-ref"), &reference).await.unwrap();
    assert_eq!(found, reference);
    assert_eq!(app.text_of("#case-results tbody tr td button").await.unwrap(), "Zoë and Jan Nowak");
    app.click_button("Import Under 5s list").await.unwrap();
    app.find(Locator::Id("list-file")).await.unwrap().send_keys(&list.display().to_string()).await.unwrap();
    let again = app.text_of("[data-testid=import-counts]").await.unwrap();
    assert!(again.contains("2 already recorded"), "{again}");
    assert!(app.client.find(Locator::XPath("//button[starts-with(normalize-space(), 'Import ')]")).await.is_err());

    // A later list names a Zoë Nowak born the same day at another address: a possible match,
    // the lead's to decide, kept apart unless they say it is the same child.
    let later = list_dir.path().join("later list.csv");
    std::fs::write(&later, "Surname,Forename,DOB,Address,Postcode\nNowak,Zoë,01/05/2023,40 Oak Road,BS7 8AA\n")
        .unwrap();
    app.click_button("Back to cases").await.unwrap();
    app.click_button("Import Under 5s list").await.unwrap();
    app.find(Locator::Id("list-file")).await.unwrap().send_keys(&later.display().to_string()).await.unwrap();
    let possible = app.text_of("[data-testid=possible-rows]").await.unwrap();
    assert!(
        possible.contains("Row 2: Zoë Nowak")
            && possible.contains(&format!("a child in case {reference}, at 12 Avon Street")),
        "{possible}"
    );
    assert!(app.text_of("[data-testid=import-counts]").await.unwrap().contains("1 possible match for you to check"));
    app.find(Locator::Id("possible-2-same")).await.unwrap().click().await.unwrap();
    app.find(Locator::XPath("//p[normalize-space()='There is nothing new to import from this file.']")).await.unwrap();
    assert!(app.text_of("[data-testid=import-counts]").await.unwrap().contains("1 already recorded"));
    app.find(Locator::Id("possible-2-apart")).await.unwrap().click().await.unwrap();
    app.screenshot("61-import-possible-match").await.unwrap();
    app.click_button("Import 1 child").await.unwrap();
    let done = app.text_of("[data-testid=import-result]").await.unwrap();
    assert!(done.contains("1 new case opened"), "recorded apart: {done}");
    app.close().await.unwrap();
}
