//! Warnings on a case: Joanna flags "Do not contact the father"; it shows at the top of the
//! case, in the case list and on the case's item in the weekly review, and Elaine hears of it;
//! it ends once with a reason and stays in the case's history; nothing deletes or rewords it.
//! On the run's engine.

use crate::common;

use common::{ELAINE, JOANNA, MemoryKeys, day, new_case, now, set_up};
use cp_core::ErrorCode;
use cp_core::flags::rules::{FlagEnd, NewFlag};
use cp_core::search::rules::CaseQuery;
use cp_core::store::db::query;

#[tokio::test]
async fn a_flag_is_seen_everywhere_the_case_is_and_ends_once_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Riverside").await;
    let case = cp_core::cases::open_case(&store, JOANNA.0, &new_case("1 Quay Street"), now()).await.unwrap();
    let other = cp_core::cases::open_case(&store, JOANNA.0, &new_case("2 Quay Street"), now()).await.unwrap();

    let blank = cp_core::flags::add(&store, JOANNA.0, case.id, &NewFlag::default(), now()).await.unwrap_err();
    assert_eq!(blank.fields[0].field, "flag");
    let flag = NewFlag { flag: " Do not contact the father ".into() };
    let id = cp_core::flags::add(&store, JOANNA.0, case.id, &flag, now()).await.unwrap();
    let interpreter = NewFlag { flag: "Interpreter: Polish".into() };
    cp_core::flags::add(&store, JOANNA.0, case.id, &interpreter, now()).await.unwrap();

    let page = cp_core::case_page::page(&store, JOANNA.0, case.id, now()).await.unwrap();
    let shown: Vec<&str> = page.flags.iter().map(|f| f.flag.as_str()).collect();
    assert_eq!(shown, ["Do not contact the father", "Interpreter: Polish"]);
    assert_eq!(page.flags[0].added_by, "Joanna Holmes");

    let found = cp_core::search::search(&store, &CaseQuery::default()).await.unwrap();
    let row = |id: i64| found.rows.iter().find(|r| r.id == id).unwrap().flags.clone();
    assert_eq!(row(case.id), ["Do not contact the father", "Interpreter: Polish"]);
    assert!(row(other.id).is_empty());

    let week = cp_core::domain::calendar::Week::containing(day("2026-11-23")).to_string();
    let list = cp_core::review::checklist(&store, ELAINE.0, ELAINE.0, &week, now()).await.unwrap();
    let item = list.items.iter().find(|i| i.case_id == case.id).unwrap();
    assert_eq!(item.flags.len(), 2);
    let elaine = cp_core::dashboard::dashboard(&store, ELAINE.0, now()).await.unwrap();
    let heard: Vec<&str> = elaine.changes.iter().flat_map(|c| &c.changes).map(|c| c.summary.as_str()).collect();
    assert!(heard.contains(&"Warning added: Do not contact the father"), "{heard:?}");

    // Ended with a reason, once; it stays on the case, below those in force.
    let no_reason = cp_core::flags::end(&store, ELAINE.0, id, &FlagEnd::default(), now()).await.unwrap_err();
    assert_eq!(no_reason.fields[0].field, "endReason");
    let moved = FlagEnd { reason: "Father has moved to Scotland; social worker agrees".into() };
    cp_core::flags::end(&store, ELAINE.0, id, &moved, now()).await.unwrap();
    let again = cp_core::flags::end(&store, ELAINE.0, id, &moved, now()).await.unwrap_err();
    assert_eq!(again.code, ErrorCode::Invalid);
    let page = cp_core::case_page::page(&store, JOANNA.0, case.id, now()).await.unwrap();
    let states: Vec<(&str, Option<&str>)> =
        page.flags.iter().map(|f| (f.flag.as_str(), f.ended_by.as_deref())).collect();
    assert_eq!(states, [("Interpreter: Polish", None), ("Do not contact the father", Some("Elaine Martin"))]);
    let found = cp_core::search::search(&store, &CaseQuery::default()).await.unwrap();
    assert_eq!(found.rows.iter().find(|r| r.id == case.id).unwrap().flags, ["Interpreter: Polish"]);

    assert!(query("DELETE FROM case_flags").execute(&mut store.db()).await.is_err());
    assert!(query("UPDATE case_flags SET flag = 'Nothing'").execute(&mut store.db()).await.is_err());
    assert!(
        query("UPDATE case_flags SET end_reason = 'x' WHERE ended_at IS NOT NULL")
            .execute(&mut store.db())
            .await
            .is_err()
    );
    let trail: Vec<String> = query("SELECT action FROM audit_log WHERE record_type = 'case_flag' ORDER BY id")
        .scalars(&mut store.db())
        .await
        .unwrap();
    assert_eq!(trail, ["flag_added", "flag_added", "flag_ended"]);
    assert!(cp_core::audit::verify(&store).await.unwrap().intact());
    store.close().await;
}
