//! The annual report's figures (issue 25), on the run's engine: counted over a data set built
//! for the test, for the period asked and not outside it, anonymised (no names, no references,
//! no count below 5 given exactly).

mod common;

use common::{JOANNA, MemoryKeys, day, new_case, now, set_up};
use cp_core::cases::rules::{Closure, ClosureReason};
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

    let year = cp_core::statistics::annual(&store, day("2026-01-01"), day("2026-12-31")).await.unwrap();
    assert_eq!((year.cases_opened, year.cases_closed), (Count::Exactly(6), Count::Exactly(5)));
    assert_eq!(year.live_at_end, Count::FewerThanFive, "one case open at the end");
    assert_eq!(year.by_closure_reason, [Bar { label: "Long period of improvement".into(), count: Count::Exactly(5) }]);
    assert_eq!(year.by_source, [Bar { label: "Reported by staff or a volunteer".into(), count: Count::Exactly(6) }]);
    assert_eq!((year.allegations, year.enquiries), (Count::FewerThanFive, Count::FewerThanFive), "none is below 5");

    // Before the cases were opened: nothing, and nothing exact.
    let before = cp_core::statistics::annual(&store, day("2025-01-01"), day("2025-12-31")).await.unwrap();
    assert_eq!((before.cases_opened, before.live_at_end), (Count::FewerThanFive, Count::FewerThanFive));
    // Mid-year, all six were open.
    let june = cp_core::statistics::annual(&store, day("2026-06-01"), day("2026-06-30")).await.unwrap();
    assert_eq!((june.live_at_end, june.cases_closed), (Count::Exactly(6), Count::FewerThanFive));

    let shown = serde_json::to_string(&year).unwrap();
    for private in ["CP-", "Elm Row", "Joanna", "Elaine"] {
        assert!(!shown.contains(private), "{private} in {shown}");
    }
    let backwards = cp_core::statistics::annual(&store, day("2026-12-31"), day("2026-01-01")).await.unwrap_err();
    assert_eq!(backwards.fields[0].field, "statsTo");
}
