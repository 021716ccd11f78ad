//! The annual report's figures (issue 25), on the run's engine: counted over a data set built
//! for the test, for the period asked and not outside it, anonymised (no names, no references,
//! no count below 5 given exactly), each timescale's clocks met or missed, and the cases open
//! at each month's end.

use crate::common;

use common::{JOANNA, MemoryKeys, day, new_case, now, phone_call, set_up};
use cp_core::cases::rules::{Closure, ClosureReason};
use cp_core::chronology::rules::{EntryKind, NewEntry};
use cp_core::statistics::Bar;
use cp_core::statistics::rules::Count;

#[tokio::test]
async fn a_years_figures_count_the_records_and_give_no_small_count_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Riverside").await;
    let mut ids = Vec::new();
    for n in 1..=6 {
        let case =
            cp_core::cases::open_case(&store, JOANNA.0, &new_case(&format!("{n} Elm Row")), now()).await.unwrap();
        ids.push(case.id);
        // Each referred by phone on 2 March; five confirmed in writing the next day (within 48
        // hours), the sixth never; no strategy discussion on any (due 12 March).
        let on = |kind, date: &str| NewEntry { kind, event_on: day(date), ..phone_call("Referral") };
        cp_core::chronology::add_entry(&store, JOANNA.0, case.id, &on(EntryKind::ReferralByPhone, "2026-03-02"), now())
            .await
            .unwrap();
        if n <= 5 {
            let written = on(EntryKind::ReferralInWriting, "2026-03-03");
            cp_core::chronology::add_entry(&store, JOANNA.0, case.id, &written, now()).await.unwrap();
        }
    }
    let closure = Closure {
        reason: ClosureReason::LongPeriodOfImprovement,
        reason_detail: String::new(),
        closing_note: "Six months without concerns".into(),
        closed_on: day("2026-11-23"),
    };
    for id in &ids[..5] {
        cp_core::cases::close_case(&store, JOANNA.0, *id, &closure, now()).await.unwrap();
    }

    let year = cp_core::statistics::annual(&store, day("2026-01-01"), day("2026-12-31"), now()).await.unwrap();
    assert_eq!((year.cases_opened, year.cases_closed), (Count::Exactly(6), Count::Exactly(5)));
    assert_eq!(year.live_at_end, Count::FewerThanFive, "one case open at the end");
    assert_eq!(year.by_closure_reason, [Bar { label: "Long period of improvement".into(), count: Count::Exactly(5) }]);
    assert_eq!(year.by_source, [Bar { label: "Reported by staff or a volunteer".into(), count: Count::Exactly(6) }]);
    assert_eq!((year.allegations, year.enquiries), (Count::FewerThanFive, Count::FewerThanFive), "none is below 5");
    let kept: Vec<(&str, Count, Count)> = year.timescales.iter().map(|t| (t.label.as_str(), t.met, t.missed)).collect();
    assert_eq!(
        kept,
        [
            ("Phone referral → written confirmation", Count::Exactly(5), Count::FewerThanFive),
            ("Referral → strategy discussion", Count::FewerThanFive, Count::Exactly(6)),
        ]
    );
    // Opened on 5 January, five closed on 23 November: six open at each month's end until then.
    let line: Vec<(&str, Count)> = year.open_by_month.iter().map(|b| (b.label.as_str(), b.count)).collect();
    assert_eq!(line.len(), 12);
    assert_eq!(
        (line[0], line[9], line[10]),
        (("Jan 2026", Count::Exactly(6)), ("Oct 2026", Count::Exactly(6)), ("Nov 2026", Count::FewerThanFive))
    );
    // A period ending before the strategy discussions fell due has none missed yet.
    let early = cp_core::statistics::annual(&store, day("2026-03-01"), day("2026-03-11"), now()).await.unwrap();
    assert_eq!(early.timescales.len(), 1, "{:?}", early.timescales);

    // Before the cases were opened: nothing, and nothing exact.
    let before = cp_core::statistics::annual(&store, day("2025-01-01"), day("2025-12-31"), now()).await.unwrap();
    assert_eq!((before.cases_opened, before.live_at_end), (Count::FewerThanFive, Count::FewerThanFive));
    // Mid-year, all six were open.
    let june = cp_core::statistics::annual(&store, day("2026-06-01"), day("2026-06-30"), now()).await.unwrap();
    assert_eq!((june.live_at_end, june.cases_closed), (Count::Exactly(6), Count::FewerThanFive));

    let shown = serde_json::to_string(&year).unwrap();
    for private in ["CP-", "Elm Row", "Joanna", "Elaine"] {
        assert!(!shown.contains(private), "{private} in {shown}");
    }
    let backwards = cp_core::statistics::annual(&store, day("2026-12-31"), day("2026-01-01"), now()).await.unwrap_err();
    assert_eq!(backwards.fields[0].field, "statsTo");
}

/// The printed report: its figures in words, the small-number rule kept, and its charts there
/// as drawn bars (the page rendered with `pdftoppm`, the bars' colour counted: none on a page
/// with no chart).
#[tokio::test]
async fn the_printed_annual_report_has_its_charts_and_names_no_one() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Riverside").await;
    for n in 1..=7 {
        cp_core::cases::open_case(&store, JOANNA.0, &new_case(&format!("{n} Birch Lane")), now()).await.unwrap();
    }
    let request = cp_core::reports::ReportRequest::Annual { from: day("2026-01-01"), to: day("2026-12-31") };
    let pdf = cp_core::reports::generate(&store, JOANNA.0, &request, now()).await.unwrap();
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("annual.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let text = std::process::Command::new("pdftotext").arg("-layout").arg(&path).arg("-").output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Annual safeguarding report"), "{text}");
    assert!(text.contains("Cases opened") && text.contains("7"), "{text}");
    assert!(text.contains("fewer than 5"), "the rule is kept: {text}");
    assert!(text.contains("Reported by staff or a"), "a chart's label: {text}");
    assert!(text.contains("Cases open through the period") && text.contains("Dec 2026"), "the line's table: {text}");
    for private in ["Birch Lane", "CP-2026"] {
        assert!(!text.contains(private), "{private} in the report");
    }
    let rendered = std::process::Command::new("pdftoppm")
        .args(["-r", "50", "-f", "1", "-l", "1"])
        .arg(&path)
        .arg(out.path().join("page"))
        .status()
        .unwrap();
    assert!(rendered.success());
    let png = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "ppm"))
        .unwrap();
    assert!(bar_pixels(&png) > 100, "the bars are drawn on the first page");

    let no_chart = cp_core::reports::ReportRequest::Register;
    let register = cp_core::reports::generate(&store, JOANNA.0, &no_chart, now()).await.unwrap();
    let path = out.path().join("register.pdf");
    std::fs::write(&path, &register).unwrap();
    std::process::Command::new("pdftoppm")
        .args(["-r", "50", "-f", "1", "-l", "1"])
        .arg(&path)
        .arg(out.path().join("reg"))
        .status()
        .unwrap();
    let png = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("reg-"))
        .unwrap();
    assert_eq!(bar_pixels(&png), 0, "a report without a chart has none of the bars' colour");
}

/// Pixels of the bars' colour (`reports::render::BAR_RGB`), give or take anti-aliasing, in a
/// page `pdftoppm` drew as a binary PPM ("P6", its size, 255, then RGB bytes).
fn bar_pixels(ppm: &std::path::Path) -> usize {
    let bytes = std::fs::read(ppm).unwrap();
    // The header is three whitespace-separated fields after "P6", then one whitespace byte.
    let mut fields = 0;
    let mut at = 2;
    while fields < 3 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields += 1;
    }
    let pixels = &bytes[at + 1..];
    let (r, g, b) = cp_core::reports::render::BAR_RGB;
    let want = [(r * 255.0) as i32, (g * 255.0) as i32, (b * 255.0) as i32];
    pixels.chunks(3).filter(|p| p.len() == 3 && (0..3).all(|i| (i32::from(p[i]) - want[i]).abs() <= 6)).count()
}
