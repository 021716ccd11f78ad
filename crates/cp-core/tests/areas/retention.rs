//! The disposal review (issue 25), on the run's engine: a closed case comes up when its
//! youngest child turns 25 (or 25 years after closure with no child's date of birth), not a
//! day before; a lead keeps it for longer, or holds it while a matter is open; destruction
//! takes two leads and never passes a hold; the destroyed records are gone from every table
//! and, on SQLite, from the database file itself and its write-ahead log, with a removal log
//! entry that names the rule, both leads and the reference and holds no personal content.

use crate::common;

use chrono::{DateTime, Utc};
use common::{ELAINE, JOANNA, MemoryKeys, at, day, new_case, now, person, phone_call, set_up, tables_holding};
use cp_core::cases::rules::{Closure, ClosureReason};
use cp_core::chronology::rules::NewEntry;
use cp_core::disposal::retention::{Decision, NewDecision, RetentionRule, Standing};
use cp_core::disposal::rules::RemovalRule;
use cp_core::people::rules::{NewPerson, Role};
use cp_core::store::Store;
use cp_core::store::db::Engine;

/// A closed case at `line1` with `children` and one entry about `word`; its id.
async fn closed_case(store: &Store, line1: &str, children: &[NewPerson], word: &str) -> i64 {
    let case = cp_core::cases::open_case(store, JOANNA.0, &new_case(line1), now()).await.unwrap();
    for c in children {
        cp_core::people::add_person(store, JOANNA.0, case.id, c, now()).await.unwrap();
    }
    let entry = NewEntry { ..phone_call(&format!("{word} said at school")) };
    cp_core::chronology::add_entry(store, JOANNA.0, case.id, &entry, now()).await.unwrap();
    let closure = Closure {
        reason: ClosureReason::LongPeriodOfImprovement,
        reason_detail: String::new(),
        closing_note: "Six months without concerns".into(),
        closed_on: day("2026-11-23"),
    };
    cp_core::cases::close_case(store, JOANNA.0, case.id, &closure, now()).await.unwrap();
    case.id
}

fn decision(decision: Decision, years: Option<u32>, reason: &str) -> NewDecision {
    NewDecision { decision, years, reason: reason.into() }
}

async fn queue(store: &Store, when: DateTime<Utc>) -> Vec<(i64, Standing)> {
    cp_core::disposal::review(store, when).await.unwrap().into_iter().map(|r| (r.case_id, r.standing)).collect()
}

#[tokio::test]
async fn a_closed_case_comes_up_at_its_review_date_and_two_leads_destroy_it_past_any_hold() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (store, _) = set_up(dir.path(), &keys, "Riverside").await;
    // Yusuf is 17: reviewed when he is 25.
    let grown = closed_case(
        &store,
        "3 Juniper Walk",
        &[person("Yusuf Okonkwo-Brightwater", Role::Child, Some("2009-03-01"))],
        "Porcupine",
    )
    .await;
    // Mia is 11: reviewed when she is 25.
    let young =
        closed_case(&store, "5 Juniper Walk", &[person("Mia Lindqvist", Role::Child, Some("2015-01-01"))], "Walrus")
            .await;
    // No child recorded (a concern about an expectant mother, say): 25 years from closure.
    let mother = NewPerson { role: Role::Parent, ..person("Hester Fairweather", Role::Child, Some("1995-05-05")) };
    let unknown = closed_case(&store, "7 Juniper Walk", &[mother], "Ocelot").await;
    let open = cp_core::cases::open_case(&store, JOANNA.0, &new_case("9 Juniper Walk"), now()).await.unwrap();
    // Two sisters, the younger recorded first: reviewed when the younger is 25, not the elder.
    let sisters = closed_case(
        &store,
        "21 Rowan Close",
        &[
            person("Ada Brightwater", Role::Child, Some("2012-06-01")),
            person("Bea Brightwater", Role::Child, Some("2009-03-01")),
        ],
        "Heron",
    )
    .await;

    assert_eq!(queue(&store, at("2034-02-28T12:00:00Z")).await, []);
    assert_eq!(queue(&store, at("2034-03-01T12:00:00Z")).await, [(grown, Standing::Due)]);
    assert!(!queue(&store, at("2039-12-31T12:00:00Z")).await.iter().any(|(id, _)| *id == young));
    assert!(queue(&store, at("2040-01-01T12:00:00Z")).await.contains(&(young, Standing::Due)));
    assert!(!queue(&store, at("2037-05-31T12:00:00Z")).await.iter().any(|(id, _)| *id == sisters));
    assert!(queue(&store, at("2037-06-01T12:00:00Z")).await.contains(&(sisters, Standing::Due)));
    let on_page = cp_core::disposal::retention_for(&store, unknown, now()).await.unwrap().unwrap();
    assert_eq!((on_page.rule, on_page.review_on), (RetentionRule::NoChildsBirthDate, day("2051-11-23")));
    assert!(!queue(&store, at("2051-11-22T12:00:00Z")).await.iter().any(|(id, _)| *id == unknown));
    assert!(queue(&store, at("2051-11-23T12:00:00Z")).await.contains(&(unknown, Standing::Due)), "on the day");
    assert!(cp_core::disposal::retention_for(&store, open.id, now()).await.unwrap().is_none(), "a live case has none");
    // A child not yet born when the case closed: 25 years from the expected date, whatever the
    // years kept from closure (30 here for a while, so that only the expected date brings it).
    let unborn =
        NewPerson { expected_date: Some(day("2027-01-15")), ..person("Baby Fairweather", Role::UnbornChild, None) };
    let expected = closed_case(&store, "11 Juniper Walk", &[unborn], "Narwhal").await;
    let from_closure =
        |years| cp_core::disposal::set_years(&store, ELAINE.0, RetentionRule::NoChildsBirthDate, years, now());
    from_closure(30).await.unwrap();
    assert!(!queue(&store, at("2052-01-14T12:00:00Z")).await.iter().any(|(id, _)| *id == expected));
    assert!(queue(&store, at("2052-01-15T12:00:00Z")).await.contains(&(expected, Standing::Due)), "on the day");
    from_closure(25).await.unwrap();

    // The organisation keeps files 30 years: Mia's comes up five years later.
    cp_core::disposal::set_years(&store, ELAINE.0, RetentionRule::ChildProtectionFile, 30, now()).await.unwrap();
    assert!(!queue(&store, at("2040-01-01T12:00:00Z")).await.iter().any(|(id, _)| *id == young));
    assert!(queue(&store, at("2045-01-01T12:00:00Z")).await.contains(&(young, Standing::Due)));
    let refused = cp_core::disposal::set_years(&store, ELAINE.0, RetentionRule::ChildProtectionFile, 3, now()).await;
    assert_eq!(refused.unwrap_err().fields[0].field, "retentionYears");
    cp_core::disposal::set_years(&store, ELAINE.0, RetentionRule::ChildProtectionFile, 25, now()).await.unwrap();

    // Not before its date, and never a live case.
    let early = decision(Decision::Destroy, None, "No open matters");
    let e = cp_core::disposal::decide(&store, JOANNA.0, young, &early, now()).await.unwrap_err();
    assert!(e.message.contains("review date"), "{}", e.message);
    let e = cp_core::disposal::decide(&store, JOANNA.0, open.id, &early, now()).await.unwrap_err();
    assert!(e.message.contains("live case"), "{}", e.message);

    // A legal hold blocks destruction until it is lifted.
    let later = at("2034-03-02T10:00:00Z");
    let hold = decision(Decision::Hold, None, "Civil claim by the family's solicitor");
    cp_core::disposal::decide(&store, JOANNA.0, grown, &hold, later).await.unwrap();
    assert!(queue(&store, later).await.contains(&(grown, Standing::OnHold)));
    let waiting = |when| {
        let store = store.clone();
        async move { cp_core::dashboard::dashboard(&store, JOANNA.0, when).await.unwrap().records_for_review }
    };
    assert_eq!(waiting(later).await, 0, "a held case waits for no decision");
    assert_eq!(waiting(at("2045-01-01T12:00:00Z")).await, 2, "Mia's and the sisters' are due then; Yusuf's is held");
    let destroy = decision(Decision::Destroy, None, "No open matters");
    let e = cp_core::disposal::decide(&store, ELAINE.0, grown, &destroy, later).await.unwrap_err();
    assert!(e.message.contains("legal hold"), "{}", e.message);
    let e = cp_core::disposal::decide(&store, ELAINE.0, grown, &destroy, at("2090-01-01T10:00:00Z")).await.unwrap_err();
    assert!(e.message.contains("legal hold"), "a hold has no end date: {}", e.message);
    cp_core::disposal::decide(&store, ELAINE.0, grown, &decision(Decision::Release, None, "Claim settled"), later)
        .await
        .unwrap();

    // Two leads: the first asks, the same lead cannot confirm, the second does.
    assert_eq!(cp_core::disposal::decide(&store, JOANNA.0, grown, &destroy, later).await.unwrap(), None);
    assert!(queue(&store, later).await.contains(&(grown, Standing::DestructionAsked { by: JOANNA.0 })));
    assert_eq!(waiting(later).await, 1, "the second lead's confirmation is awaited");
    let e = cp_core::disposal::decide(&store, JOANNA.0, grown, &destroy, later).await.unwrap_err();
    assert!(e.message.contains("another lead"), "{}", e.message);
    for word in ["Porcupine", "Okonkwo-Brightwater", "Civil claim"] {
        assert!(!tables_holding(&store, word).await.is_empty(), "{word} is stored before");
    }
    let plain_before = plaintext_copy(&store, dir.path(), &keys, "before").await;
    let confirm = decision(Decision::Destroy, None, "");
    let removal = cp_core::disposal::decide(&store, ELAINE.0, grown, &confirm, later).await.unwrap().unwrap();
    if let Some(path) = store.path() {
        let wal = std::fs::metadata(format!("{}-wal", path.display())).map(|m| m.len()).unwrap_or(0);
        assert_eq!(wal, 0, "the write-ahead log, which held the destroyed records' pages, is emptied");
    }

    assert_eq!(removal.rule, RemovalRule::RetentionEnded);
    assert_eq!((removal.asked_by.as_str(), removal.confirmed_by.as_deref()), ("Joanna Holmes", Some("Elaine Martin")));
    assert_eq!(cp_core::disposal::removals(&store).await.unwrap(), std::slice::from_ref(&removal));
    for word in ["Porcupine", "Okonkwo-Brightwater", "3 Juniper Walk", "Civil claim", "Claim settled"] {
        assert_eq!(tables_holding(&store, word).await, Vec::<String>::new(), "{word} is still stored");
    }
    assert!(!tables_holding(&store, "Walrus").await.is_empty(), "other cases are untouched");
    assert!(!queue(&store, later).await.iter().any(|(id, _)| *id == grown));
    if let Some(before) = plain_before {
        // The database file itself: read whole, after VACUUM, without its encryption.
        let after = plaintext_copy(&store, dir.path(), &keys, "after").await.unwrap();
        for word in ["Porcupine", "Okonkwo-Brightwater"] {
            assert!(contains(&before, word), "{word} was in the file before");
            assert!(!contains(&after, word), "{word} is still in the file");
        }
        assert!(contains(&after, "Walrus"));
    }
    let report = cp_core::audit::ensure_intact(&store).await.unwrap();
    assert!(report.intact(), "{report:?}");

    // Kept for longer: three more years from the day it was decided.
    let review = at("2051-11-24T10:00:00Z");
    assert!(queue(&store, review).await.contains(&(unknown, Standing::Due)));
    let keep = decision(Decision::Keep, Some(3), "A sibling's case is still open");
    cp_core::disposal::decide(&store, ELAINE.0, unknown, &keep, review).await.unwrap();
    let kept = cp_core::disposal::retention_for(&store, unknown, review).await.unwrap().unwrap();
    assert_eq!((kept.review_on, kept.standing), (day("2054-11-24"), Standing::NotYet));
    assert_eq!(kept.decisions[0].decided_by, "Elaine Martin");

    // A hold may be placed long before the review date: the case is in the review, held.
    let early_hold = decision(Decision::Hold, None, "A police investigation is open");
    cp_core::disposal::decide(&store, JOANNA.0, expected, &early_hold, now()).await.unwrap();
    assert!(queue(&store, now()).await.contains(&(expected, Standing::OnHold)));
}

fn contains(haystack: &[u8], word: &str) -> bool {
    haystack.windows(word.len()).any(|w| w == word.as_bytes())
}

/// On SQLite, the database as it is on disk after `VACUUM`, written out unencrypted by
/// SQLCipher's own export (`sqlcipher_export`), on a connection of its own, for a byte search.
/// None on PostgreSQL, whose files are the server's.
async fn plaintext_copy(store: &Store, dir: &std::path::Path, keys: &MemoryKeys, name: &str) -> Option<Vec<u8>> {
    if store.engine() != Engine::Sqlite {
        return None;
    }
    sqlx::query("VACUUM").execute(store.file_pool().unwrap()).await.unwrap();
    let own = common::inspect(dir, keys).await;
    let path = dir.join(format!("plain-{name}.db"));
    // The records' connections may open files but not create them: an empty file is an empty
    // database.
    std::fs::write(&path, b"").unwrap();
    let mut conn = own.file_pool().unwrap().acquire().await.unwrap();
    let attach = format!("ATTACH DATABASE '{}' AS plain KEY ''", path.display());
    sqlx::query(sqlx::AssertSqlSafe(attach)).persistent(false).execute(&mut *conn).await.unwrap();
    sqlx::query("SELECT sqlcipher_export('plain')").persistent(false).execute(&mut *conn).await.unwrap();
    sqlx::query("DETACH DATABASE plain").persistent(false).execute(&mut *conn).await.unwrap();
    drop(conn);
    own.close().await;
    let bytes = std::fs::read(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    Some(bytes)
}

/// An allegation against staff comes up when the person reaches normal pension age or ten
/// years after it (whichever is later), is held, then destroyed by two leads with its meetings
/// and actions; the removal log keeps its reference and no more. An allegation about a lead is
/// not in that lead's review.
#[tokio::test]
async fn an_allegation_about_staff_comes_up_at_pension_age_or_ten_years_and_two_leads_destroy_it() {
    use cp_core::allegations::rules::{HarmTest, NewAllegation};
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (store, _) = set_up(dir.path(), &keys, "Riverside").await;
    let allegation = |name: &str, dob: &str, reported: &str, about_lead| NewAllegation {
        person_name: name.into(),
        person_role: "Caretaker".into(),
        setting: "Main site".into(),
        person_dob: Some(day(dob)),
        harm_tests: vec![HarmTest::HarmedChild],
        reported_by: "Teaching assistant".into(),
        reported_to: "Head teacher".into(),
        reported_on: day(reported),
        written_record: format!("{name} shouted at a pupil in the Xylophone room."),
        about_lead,
    };
    // Born 1950: pension age in 2017, so ten years from the 2012 report is later (2022).
    let old = cp_core::allegations::create(
        &store,
        JOANNA.0,
        &allegation("Barnaby Quillfeather", "1950-01-01", "2012-05-01", None),
        now(),
    )
    .await
    .unwrap();
    // Born 1990: pension age (2057) is later than ten years from 2026.
    cp_core::allegations::create(&store, JOANNA.0, &allegation("Dana Byrne", "1990-01-01", "2026-11-20", None), now())
        .await
        .unwrap();
    // About Elaine, and as old: never in her review.
    let about_elaine = cp_core::allegations::create(
        &store,
        JOANNA.0,
        &allegation("Elaine Martin", "1950-01-01", "2012-06-01", Some(ELAINE.0)),
        now(),
    )
    .await
    .unwrap();
    let action = cp_core::case_actions::rules::NewAction {
        what: "Tell the Xylophone room's staff the outcome".into(),
        assignment: cp_core::case_actions::rules::Assignment {
            owner_lead_id: Some(JOANNA.0),
            due_working_days: Some(2),
            ..Default::default()
        },
        ..Default::default()
    };
    let on = cp_core::case_actions::rules::ActionOn::Allegation { allegation_id: old };
    cp_core::case_actions::add_on(&store, JOANNA.0, on, &action, now()).await.unwrap();

    let review = |lead| {
        let store = store.clone();
        async move {
            cp_core::disposal::allegation_review(&store, lead, now())
                .await
                .unwrap()
                .into_iter()
                .map(|r| (r.allegation_id, r.review_on, r.standing))
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        review(JOANNA.0).await,
        [(old, day("2022-05-01"), Standing::Due), (about_elaine, day("2022-06-01"), Standing::Due)]
    );
    assert_eq!(review(ELAINE.0).await, [(old, day("2022-05-01"), Standing::Due)], "not the one about her");
    let e = cp_core::disposal::decide_allegation(
        &store,
        ELAINE.0,
        about_elaine,
        &decision(Decision::Hold, None, "x"),
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code, cp_core::ErrorCode::NotFound, "nor can she decide on it");
    // Kept 20 years from the report instead: not due until 2032.
    cp_core::disposal::set_years(&store, ELAINE.0, RetentionRule::AllegationAboutStaff, 20, now()).await.unwrap();
    assert_eq!(review(ELAINE.0).await, []);
    cp_core::disposal::set_years(&store, ELAINE.0, RetentionRule::AllegationAboutStaff, 10, now()).await.unwrap();

    let hold = decision(Decision::Hold, None, "Employment tribunal claim");
    cp_core::disposal::decide_allegation(&store, JOANNA.0, old, &hold, now()).await.unwrap();
    let destroy = decision(Decision::Destroy, None, "No open matters");
    let e = cp_core::disposal::decide_allegation(&store, ELAINE.0, old, &destroy, now()).await.unwrap_err();
    assert!(e.message.contains("legal hold"), "{}", e.message);
    let lift = decision(Decision::Release, None, "Tribunal decided");
    cp_core::disposal::decide_allegation(&store, ELAINE.0, old, &lift, now()).await.unwrap();
    assert_eq!(cp_core::disposal::decide_allegation(&store, JOANNA.0, old, &destroy, now()).await.unwrap(), None);
    let e = cp_core::disposal::decide_allegation(&store, JOANNA.0, old, &destroy, now()).await.unwrap_err();
    assert!(e.message.contains("another lead"), "{}", e.message);
    for word in ["Quillfeather", "Xylophone", "Employment tribunal"] {
        assert!(!tables_holding(&store, word).await.is_empty(), "{word} is stored before");
    }

    let confirm = decision(Decision::Destroy, None, "");
    let removal = cp_core::disposal::decide_allegation(&store, ELAINE.0, old, &confirm, now()).await.unwrap().unwrap();
    assert_eq!((removal.kind.as_str(), removal.reference.as_str(), removal.records), ("allegation", "AL-2012-0001", 2));
    assert_eq!((removal.asked_by.as_str(), removal.confirmed_by.as_deref()), ("Joanna Holmes", Some("Elaine Martin")));
    for word in ["Quillfeather", "Employment tribunal"] {
        assert_eq!(tables_holding(&store, word).await, Vec::<String>::new(), "{word} is gone");
    }
    assert!(cp_core::allegations::get(&store, old).await.is_err());
    let log = cp_core::disposal::removals(&store).await.unwrap();
    assert!(log.iter().any(|r| r.kind == "allegation" && r.reference == "AL-2012-0001"), "{log:?}");
    assert!(!serde_json::to_string(&log).unwrap().contains("Quillfeather"));
    assert_eq!(review(ELAINE.0).await, [], "nothing left to review");
    let refused = cp_core::store::db::query("DELETE FROM allegation_removals").execute(&mut store.db()).await;
    assert!(refused.is_err(), "the removal log is kept");
    let refused = cp_core::store::db::query("DELETE FROM allegations").execute(&mut store.db()).await;
    assert!(refused.is_err(), "and no other allegation can be deleted by hand");
    assert!(cp_core::audit::ensure_intact(&store).await.unwrap().intact());
}
