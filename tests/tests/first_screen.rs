//! The real window: welcome screen → data folder screen, whose text comes from the Rust
//! `app_info` command (the data folder the harness chose for this app).

use cp_tracker_e2e::{App, Locator};

#[tokio::test]
async fn welcome_leads_to_the_data_folder_reported_by_rust() {
    let app = App::launch().await.unwrap_or_else(|e| panic!("{e}"));

    let title = app.client.title().await.unwrap();
    assert_eq!(title, "CP Tracker");
    let heading = app.wait_for_text(Locator::Css("h1"), "Welcome to CP Tracker").await.unwrap();
    assert_eq!(heading, "Welcome to CP Tracker");
    // On Linux the page asks for the desktop's sans-serif by its generic name: matching any
    // named family cost WebKitGTK 40 to 60 ms on the way to the first screen (issue 27).
    let font = app.client.execute("return getComputedStyle(document.body).fontFamily", vec![]).await.unwrap();
    assert_eq!(font.as_str(), Some("sans-serif"), "the first screen's font on Linux");
    app.screenshot("01-welcome").await.unwrap();
    let broken = app.axe().await.unwrap();
    assert!(broken.is_empty(), "axe-core on the welcome screen:\n{}", broken.join("\n"));

    app.find(Locator::Css("button.button-start")).await.unwrap().click().await.unwrap();

    let expected = app.data_dir.display().to_string();
    let shown = app.wait_for_text(Locator::Css("[data-testid=data-dir]"), &expected).await.unwrap();
    assert_eq!(shown, expected, "the screen must show the data folder the app was started with");
    let version = app.find(Locator::Css("[data-testid=version]")).await.unwrap().text().await.unwrap();
    assert_eq!(version, format!("CP Tracker version {}", env!("CARGO_PKG_VERSION")));
    let shot = app.screenshot("02-data-folder").await.unwrap();
    let broken = app.axe().await.unwrap();
    assert!(broken.is_empty(), "axe-core on the data folder screen:\n{}", broken.join("\n"));
    assert!(std::fs::metadata(&shot).unwrap().len() > 1000, "screenshot is empty");

    app.close().await.unwrap();
}
