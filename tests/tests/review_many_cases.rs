//! A week with more live cases than the checklist shows at once: the first hundred appear,
//! the rest come with "Show more" or as the lead moves down the list from the keyboard, their
//! changes read as they come. Each case shows its newest changes, and all of them when the
//! lead asks.

use std::process::Command;

use cp_tracker_e2e::{App, Launch, Locator, target_dir};
use fantoccini::key::Key;

const STATUS: &str = "[data-testid=review-status]";
const ITEMS: &str = "[data-testid=checklist] > li";
const SHOW_MORE: &str = "//button[starts-with(normalize-space(), 'Show ') and contains(., ' more cases')]";
const SHOW_ALL_CHANGES: &str = "//button[starts-with(normalize-space(), 'Show all ')]";

/// The week's total from "You have reviewed 0 of N cases."
async fn total(app: &App) -> usize {
    let status = app.text_of(STATUS).await.unwrap();
    let n = status.split(" of ").nth(1).and_then(|rest| rest.split(' ').next()).and_then(|n| n.parse().ok());
    n.unwrap_or_else(|| panic!("no total in {status:?}"))
}

async fn shown(app: &App) -> usize {
    app.client.find_all(Locator::Css(ITEMS)).await.unwrap().len()
}

async fn open_checklist(app: &App) -> usize {
    app.click_button("Weekly review").await.unwrap();
    app.find(Locator::Css(ITEMS)).await.unwrap();
    total(app).await
}

#[tokio::test]
async fn a_long_week_is_shown_a_hundred_cases_at_a_time() {
    let folder = tempfile::tempdir().unwrap();
    let data = folder.path().join("data");
    let made = Command::new(target_dir().join("release").join("cp-tracker-admin"))
        .args(["--data-dir".as_ref(), data.as_os_str()])
        // More cases than the demo makes look lived-in (`LIVED_IN_CASES`): no week has been
        // reviewed, so every change is new to the lead.
        .args(["demo-data", "--cases", "230", "--live", "120", "--entries-per-case", "1", "--seed", "2"])
        .output()
        .expect("cp-tracker-admin runs (the README's test command builds it)");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));

    let app =
        App::launch_with(Launch { data_dir: Some(data), ..Launch::default() }).await.unwrap_or_else(|e| panic!("{e}"));
    app.find(Locator::Id("lead-1")).await.unwrap().click().await.unwrap();
    app.fill("passphrase", "demo passphrase one").await.unwrap();
    app.click_button("Sign in").await.unwrap();
    app.heading("Dashboard").await.unwrap();

    let week = open_checklist(&app).await;
    assert!(week > 100, "the demo week has {week} cases");
    assert_eq!(shown(&app).await, 100);
    let more = app.find(Locator::XPath(SHOW_MORE)).await.unwrap();
    assert_eq!(more.text().await.unwrap(), format!("Show {0} more cases ({0} not shown)", week - 100));
    // Under a hundred cases, each laid out only as it nears the window: until the cases
    // around the button have their real heights the button is not where it was reckoned to
    // be, and a click can miss it (see `App::scroll_to`).
    app.scroll_to(&more).await.unwrap();
    more.click().await.unwrap();
    assert_eq!(shown(&app).await, week);
    assert!(app.client.find(Locator::XPath(SHOW_MORE)).await.is_err(), "nothing left to show");
    // The list came with the first hundred cases' changes; the rest are read once shown: the
    // last case's "Reading…" line gives way to them, and cases past the hundredth show theirs.
    let last = format!("//li[@id='review-item-{}']", week - 1);
    app.find(Locator::XPath(&format!("{last}[not(.//p[starts-with(., 'Reading what changed')])]"))).await.unwrap();
    let changed = "//li[number(substring-after(@id, 'review-item-')) >= 100]//p[starts-with(., 'Changed since')]";
    let changed = app.client.find_all(Locator::XPath(changed)).await.unwrap();
    assert!(!changed.is_empty(), "a case past the hundredth shows its changes");
    app.screenshot("45-review-many-cases").await.unwrap();

    // No week was reviewed: each case shows its newest three changes, and all on asking.
    // Cases below the window are not laid out until the lead scrolls to them: the first case
    // with more than three changes is brought into view, as a lead would scroll to it.
    let show_all = app.find(Locator::XPath(SHOW_ALL_CHANGES)).await.unwrap();
    app.scroll_to(&show_all).await.unwrap();
    let label = show_all.text().await.unwrap();
    let all: usize = label.split_whitespace().nth(2).and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("{label}"));
    assert!(all > 3, "{label}");
    show_all.click().await.unwrap();
    // The list that now holds them takes the focus once they have arrived.
    app.find(Locator::Css("ul:focus > li")).await.unwrap();
    let listed = app.client.find_all(Locator::Css("ul:focus > li")).await.unwrap().len();
    assert_eq!(listed, all, "every change since the last review");

    // From the keyboard: down the list from the first case; moving onto the last case shown
    // brings the next ones. (Clicking the 98th case instead lands wherever its middle is,
    // which can be one of its buttons: the focus then leaves the list.)
    app.click_button("Dashboard").await.unwrap();
    app.heading("Dashboard").await.unwrap();
    open_checklist(&app).await;
    app.press_times(Key::Down, 98).await.unwrap();
    app.find(Locator::Css("#review-item-98.active")).await.unwrap();
    assert_eq!(shown(&app).await, 100, "the next cases come only at the last one shown");
    app.press(Key::Down).await.unwrap();
    app.find(Locator::Id(&format!("review-item-{}", week - 1))).await.unwrap();
    assert_eq!(shown(&app).await, week);
    let focused = app.client.active_element().await.unwrap().attr("id").await.unwrap();
    assert_eq!(focused.as_deref(), Some("review-item-99"), "focus moved one case down");
    app.press('n').await.unwrap();
    app.wait_for_text(Locator::Css(STATUS), &format!("You have reviewed 1 of {week} cases.")).await.unwrap();
    app.close().await.unwrap();
}
