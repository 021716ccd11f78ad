//! Body maps (issue 24), on the run's engine: marks on a child's body map recorded with the
//! chronology entry they belong to, numbered within it, every problem with a blank mark named
//! at once, read back with the case page (a copy about one child keeps only that child's),
//! heard by the other lead, withdrawn once with a reason, never changed or deleted, and the
//! audit trail intact.

use crate::common;

use common::{ELAINE, JOANNA, MemoryKeys, day, new_case, now, person, phone_call, set_up};
use cp_core::body_maps::rules::{NewMark, Shape, View};
use cp_core::people::rules::Role;

fn bruise(child: i64) -> NewMark {
    NewMark {
        person_id: Some(child),
        view: View::Back,
        shape: Shape::Area,
        x: 0.42,
        y: 0.55,
        width: 0.08,
        height: 0.05,
        description: "Bruise, yellow-green, on the lower back".into(),
        size: "3 cm by 2 cm".into(),
        colour: "Yellow-green".into(),
        seen_by: "Class teacher, getting changed for PE".into(),
        seen_on: Some(day("2026-11-18")),
        child_said: "\"Daddy pushed me into the door\"".into(),
    }
}

#[tokio::test]
async fn marks_are_kept_with_their_entry_numbered_and_withdrawn_never_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Riverside").await;
    let case = cp_core::cases::open_case(&store, JOANNA.0, &new_case("4 Mill Lane"), now()).await.unwrap();
    let ada = cp_core::people::add_person(
        &store,
        JOANNA.0,
        case.id,
        &person("Ada Lim", Role::Child, Some("2019-03-01")),
        now(),
    )
    .await
    .unwrap();
    let bo = cp_core::people::add_person(
        &store,
        JOANNA.0,
        case.id,
        &person("Bo Lim", Role::Child, Some("2021-07-09")),
        now(),
    )
    .await
    .unwrap();
    let entry = cp_core::chronology::add_entry(&store, JOANNA.0, case.id, &phone_call("Bruise seen at PE"), now())
        .await
        .unwrap();

    // A blank mark: every problem at once, nothing kept.
    let blank = NewMark {
        person_id: None,
        description: String::new(),
        seen_by: String::new(),
        seen_on: None,
        x: 1.5,
        ..bruise(ada)
    };
    let refused = cp_core::body_maps::add_mark(&store, JOANNA.0, entry, &blank, now()).await.unwrap_err();
    let fields: Vec<&str> = refused.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["markChild", "markPlace", "markDescription", "markSeenBy", "markSeenOn"], "{refused}");
    let other_case = cp_core::cases::open_case(&store, JOANNA.0, &new_case("9 Elm Road"), now()).await.unwrap();
    let stranger = cp_core::people::add_person(
        &store,
        JOANNA.0,
        other_case.id,
        &person("Cy Stone", Role::Child, Some("2018-01-02")),
        now(),
    )
    .await
    .unwrap();
    let not_theirs = cp_core::body_maps::add_mark(&store, JOANNA.0, entry, &bruise(stranger), now()).await.unwrap_err();
    assert_eq!(not_theirs.fields[0].message, "Choose a child of this case");

    // An area on Ada's back and a point on Bo's face: numbered 1 and 2 within the entry.
    let first = cp_core::body_maps::add_mark(&store, JOANNA.0, entry, &bruise(ada), now()).await.unwrap();
    let cheek = NewMark {
        view: View::Head,
        shape: Shape::Point,
        description: "Scratch on the left cheek".into(),
        child_said: String::new(),
        ..bruise(bo)
    };
    let second = cp_core::body_maps::add_mark(&store, ELAINE.0, entry, &cheek, now()).await.unwrap();
    let page = cp_core::case_page::page(&store, JOANNA.0, case.id, now()).await.unwrap();
    let marks: Vec<(i64, i64, View, f64)> = page.body_marks.iter().map(|m| (m.id, m.number, m.view, m.width)).collect();
    assert_eq!(marks, [(first, 1, View::Back, 0.08), (second, 2, View::Head, 0.0)], "a point has no size");
    assert_eq!(page.body_marks[0].child_said, "\"Daddy pushed me into the door\"");
    assert_eq!(page.body_marks[0].seen_on, day("2026-11-18"));
    let mut adas = page.clone();
    adas.narrow_to_child(ada);
    assert_eq!(adas.body_marks.iter().map(|m| m.id).collect::<Vec<_>>(), [first], "a copy about Ada has only hers");

    // Joanna hears of Elaine's mark.
    let changes = cp_core::changes::unacknowledged(&store, JOANNA.0).await.unwrap();
    let words = format!("{changes:?}");
    assert!(words.contains("body map mark added"), "{words}");

    // Withdrawn with a reason, once; never changed or deleted by hand.
    let no_reason = cp_core::body_maps::withdraw_mark(&store, JOANNA.0, second, " ", now()).await.unwrap_err();
    assert_eq!(no_reason.fields[0].field, "markWithdrawReason");
    cp_core::body_maps::withdraw_mark(&store, JOANNA.0, second, "Placed on the wrong child", now()).await.unwrap();
    assert!(cp_core::body_maps::withdraw_mark(&store, JOANNA.0, second, "Again", now()).await.is_err(), "once");
    let kept = cp_core::body_maps::for_case(&store, case.id).await.unwrap();
    assert_eq!(kept[1].withdrawn_reason, "Placed on the wrong child");
    assert_eq!(kept[1].withdrawn_by.as_deref(), Some("Joanna Holmes"));
    for statement in
        ["DELETE FROM body_marks", "UPDATE body_marks SET description = 'Changed'", "UPDATE body_marks SET x = 0.1"]
    {
        let refused = cp_core::store::db::query(statement).execute(&mut store.db()).await;
        assert!(refused.is_err(), "{statement} is refused");
    }
    assert!(cp_core::audit::ensure_intact(&store).await.unwrap().intact());
    store.close().await;
}
