//! Files kept with a case, through the real window: Amara attaches a GP's letter (a PDF) to
//! the case and a photo to the family's child, chosen in the open dialog; a blank form names
//! every problem first. She views the letter and the photo inside the app (the PDF's page
//! drawn from memory, the photo shown), withdraws the letter with a reason, and the section
//! passes axe-core. She then marks a bruise on Zephyrine's body map with the keyboard alone
//! (an area on the back, placed with the arrow keys and Enter) for the entry that records it.
//! Afterwards the letter's words are nowhere readable: not in the data folder, not in anything
//! WebKit stored or cached.
//!
//! The native open dialog cannot be driven by WebDriver: the app built with the `test-clock`
//! feature answers it from `CP_TRACKER_TEST_DIALOG_DIR` (the newest file there CP Tracker
//! keeps).

use cp_tracker_e2e::{App, Launch, Locator, files_under, target_dir};

const AMARA: &str = "a safe passphrase for Amara";
/// Words only the attached letter holds.
const LETTER_WORDS: &str = "Zephyrine attended surgery with a bruise";

fn launch(dialogs: &std::path::Path) -> Launch {
    let binary = std::env::var_os("CP_TRACKER_TEST_CLOCK_BIN")
        .map(Into::into)
        .unwrap_or_else(|| target_dir().join("release").join("cp-tracker-test-clock"));
    Launch {
        binary,
        env: vec![("CP_TRACKER_TEST_DIALOG_DIR".into(), dialogs.to_string_lossy().into_owned())],
        ..Launch::default()
    }
}

/// A one-page PDF whose page says `words` in Helvetica, with a true cross-reference table.
fn letter(words: &str) -> Vec<u8> {
    let stream = format!("BT /F1 18 Tf 72 720 Td ({words}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_owned(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        pdf.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    pdf
}

/// A 1×1 PNG.
const PHOTO: [u8; 70] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49,
    0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0xfc, 0xcf, 0xc0, 0x50, 0x0f, 0x00, 0x04, 0x85, 0x01, 0x80, 0x84, 0xa9, 0x8c,
    0x21, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

async fn no_axe_problems(app: &App, screen: &str) {
    let found = app.axe().await.unwrap_or_else(|e| panic!("axe on {screen}: {e}"));
    assert!(found.is_empty(), "axe-core on {screen}:\n{}", found.join("\n"));
}

async fn script_number(app: &App, script: &str) -> u64 {
    app.client.execute(script, vec![]).await.unwrap().as_u64().unwrap_or(0)
}

#[tokio::test]
async fn a_letter_and_a_photo_attached_viewed_and_the_letter_withdrawn() {
    let dialogs = tempfile::Builder::new().prefix("cp-e2e-dialogs-").tempdir().unwrap();
    let app = App::launch_with(launch(dialogs.path())).await.unwrap_or_else(|e| panic!("{e}"));
    app.set_up("Riverside", "Amara Okafor", AMARA).await.unwrap();
    app.click_button("New case").await.unwrap();
    app.fill("addressLine1", "4 Mill Lane").await.unwrap();
    app.fill("postcode", "BS5 9QZ").await.unwrap();
    app.click_button("Open case").await.unwrap();
    app.find(Locator::Css("[data-testid=case-status]")).await.unwrap();
    app.click_button("Add a person").await.unwrap();
    app.fill("fullName", "Zephyrine Ash").await.unwrap();
    app.fill("dateOfBirth", "1").await.unwrap();
    app.fill("dateOfBirth-month", "6").await.unwrap();
    app.fill("dateOfBirth-year", "2019").await.unwrap();
    app.click_button("Add person").await.unwrap();
    app.wait_for_text(Locator::Css("[data-testid=people] tbody tr td"), "Zephyrine Ash").await.unwrap();

    // A blank form names every problem at once.
    app.click_button("Attach a file").await.unwrap();
    app.click_button("Attach the file").await.unwrap();
    let summary = app.text_of(".error-summary").await.unwrap();
    assert!(summary.contains("Choose a file to attach"), "{summary}");

    // The GP's letter, on the case, about the whole family.
    std::fs::write(dialogs.path().join("gp-letter.pdf"), letter(LETTER_WORDS)).unwrap();
    app.click_button("Choose a file").await.unwrap();
    app.wait_for_text(Locator::Css("[data-testid=attach-chosen]"), "gp-letter.pdf").await.unwrap();
    assert_eq!(app.value_of("attachTitle").await.unwrap(), "gp-letter", "the title starts as the file's name");
    app.click_button("Attach the file").await.unwrap();
    let summary = app.text_of(".error-summary").await.unwrap();
    assert!(summary.contains("Enter who it came from"), "{summary}");
    app.fill("attachTitle", "Letter from the GP").await.unwrap();
    app.fill("attachFrom", "Dr Okoro, Mill Lane Surgery").await.unwrap();
    app.click_button("Attach the file").await.unwrap();
    app.wait_for_text_containing(Locator::Css("[data-testid=attachments]"), "Letter from the GP").await.unwrap();

    // The photo, about Zephyrine (newer than the letter, so the dialog answers it).
    std::fs::write(dialogs.path().join("drawing.png"), PHOTO).unwrap();
    app.click_button("Attach a file").await.unwrap();
    app.click_button("Choose a file").await.unwrap();
    app.wait_for_text(Locator::Css("[data-testid=attach-chosen]"), "drawing.png").await.unwrap();
    app.fill("attachTitle", "Photo of Zephyrine's drawing").await.unwrap();
    app.fill("attachFrom", "Class teacher").await.unwrap();
    app.find(Locator::XPath("//label[normalize-space()='Zephyrine Ash']")).await.unwrap().click().await.unwrap();
    app.click_button("Attach the file").await.unwrap();
    app.wait_for_text_containing(Locator::Css("[data-testid=attachments]"), "Photo of Zephyrine's drawing")
        .await
        .unwrap();
    let listed = app.text_of("[data-testid=attachments]").await.unwrap();
    assert!(listed.contains("Zephyrine Ash") && listed.contains("The family"), "{listed}");

    // Each is shown inside the app.
    app.click_button("View Photo of Zephyrine's drawing").await.unwrap();
    app.find(Locator::Css("[data-testid=attachment-image]")).await.unwrap();
    let drawn = "const i = document.querySelector('[data-testid=attachment-image]'); \
                 return new Promise((ok) => i.complete ? ok(i.naturalWidth) : i.onload = () => ok(i.naturalWidth));";
    assert_eq!(script_number(&app, drawn).await, 1, "the photo is drawn");
    no_axe_problems(&app, "the photo shown").await;
    app.click_button("Close Photo of Zephyrine's drawing").await.unwrap();

    app.click_button("View Letter from the GP").await.unwrap();
    app.wait_for_text(Locator::Css("[data-testid=page-count]"), "1 page").await.unwrap();
    let width = "return document.querySelector('[data-testid=attachment-pages] canvas')?.width ?? 0";
    assert!(script_number(&app, width).await > 500, "the letter's page is drawn");
    no_axe_problems(&app, "the letter shown").await;
    app.screenshot("60-attachment-viewed").await.unwrap();
    app.click_button("Close Letter from the GP").await.unwrap();

    // Both at the end of the family conference pack: the letter's page, then the photo's.
    app.click_button("Print a family conference pack").await.unwrap();
    app.fill("from", "1").await.unwrap();
    app.fill("from-month", "1").await.unwrap();
    app.fill("from-year", "2026").await.unwrap();
    app.find(Locator::XPath("//label[normalize-space()='Letter from the GP (gp-letter.pdf)']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.find(Locator::XPath("//label[normalize-space()=\"Photo of Zephyrine's drawing (drawing.png)\"]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.click_button("Save the PDF").await.unwrap();
    app.wait_for_text_containing(Locator::Css(".action-form [role=status]"), "Saved to").await.unwrap();
    let pack = std::fs::read_dir(dialogs.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with("conference pack.pdf"))
        .expect("the pack is saved where the dialog answered");
    let text = std::process::Command::new("pdftotext").arg(&pack).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Files at the end of this pack") && text.contains(LETTER_WORDS), "{text}");
    std::fs::remove_file(&pack).unwrap();

    // Withdrawn with a reason, and kept in the history.
    app.click_button("Withdraw Letter from the GP").await.unwrap();
    app.click_button("Withdraw the file").await.unwrap();
    assert!(app.text_of(".error-summary").await.unwrap().contains("Enter why the file is withdrawn"));
    app.fill("withdrawReason", "Attached to the wrong family").await.unwrap();
    app.click_button("Withdraw the file").await.unwrap();
    app.wait_for_text(
        Locator::Css("section[aria-labelledby=attachments-title] details summary"),
        "Withdrawn files (1)",
    )
    .await
    .unwrap();
    no_axe_problems(&app, "the attached files").await;

    // A bruise on Zephyrine's back, marked by keyboard with the entry that records it.
    app.click_button("Add an entry").await.unwrap();
    app.fill("infoSource", "Class teacher").await.unwrap();
    app.fill("summary", "Bruise seen when changing for PE").await.unwrap();
    app.click_button("Save entry").await.unwrap();
    app.wait_for_text_containing(Locator::Css("[data-testid=chronology] strong"), "Bruise seen when changing for PE")
        .await
        .unwrap();
    app.click_button("Add a mark to a body map").await.unwrap();
    app.click_button("Save the mark").await.unwrap();
    let summary = app.text_of(".error-summary").await.unwrap();
    for problem in ["Place the mark on the outline", "Enter what was seen", "Enter who saw it"] {
        assert!(summary.contains(problem), "{problem:?} missing from {summary}");
    }
    app.find(Locator::Css("label[for=mark-view-back]")).await.unwrap().click().await.unwrap();
    app.find(Locator::Css("label[for=mark-shape-area]")).await.unwrap().click().await.unwrap();
    app.client.execute("document.querySelector('[data-testid=outline-back]').focus()", vec![]).await.unwrap();
    app.press(fantoccini::key::Key::Enter).await.unwrap();
    app.wait_for_text_containing(Locator::Css("[data-testid=mark-placed]"), "One corner placed").await.unwrap();
    app.press(fantoccini::key::Key::Right).await.unwrap();
    app.press(fantoccini::key::Key::Down).await.unwrap();
    app.press(fantoccini::key::Key::Enter).await.unwrap();
    app.wait_for_text_containing(Locator::Css("[data-testid=mark-placed]"), "Area placed").await.unwrap();
    app.fill("markDescription", "Bruise, yellow-green, lower back").await.unwrap();
    app.fill("markSize", "3 cm by 2 cm").await.unwrap();
    app.fill("markSeenBy", "Class teacher").await.unwrap();
    app.fill("markChildSaid", "I fell off my scooter").await.unwrap();
    no_axe_problems(&app, "the body map form").await;
    app.click_button("Save the mark").await.unwrap();
    app.wait_for_text_containing(Locator::Css("[data-testid=body-map]"), "Bruise, yellow-green, lower back")
        .await
        .unwrap();
    let map = app.text_of("[data-testid=body-map]").await.unwrap();
    assert!(map.contains("Back of the body, an area") && map.contains("said: I fell off my scooter"), "{map}");
    let boxes = "return document.querySelectorAll('[data-testid=body-map] svg rect').length";
    assert_eq!(script_number(&app, boxes).await, 1, "the area is drawn on the outline");
    no_axe_problems(&app, "the body map").await;
    app.screenshot("61-body-map").await.unwrap();

    // The letter's words are nowhere readable (as UTF-8, and as UTF-16 as WebKit stores text).
    let data_dir = app.data_dir.clone();
    let profile_dir = app.profile_dir.clone();
    let _kept = app.close().await.unwrap();
    let mut files = files_under(&data_dir);
    files.extend(files_under(&profile_dir));
    assert!(files.iter().any(|f| f.ends_with("cp-tracker.db")), "{files:?}");
    let utf16: Vec<u8> = LETTER_WORDS.encode_utf16().flat_map(u16::to_le_bytes).collect();
    for file in &files {
        let Ok(bytes) = std::fs::read(file) else { continue };
        for needle in [LETTER_WORDS.as_bytes(), utf16.as_slice()] {
            assert!(!bytes.windows(needle.len()).any(|w| w == needle), "the letter is readable in {}", file.display());
        }
    }
}
