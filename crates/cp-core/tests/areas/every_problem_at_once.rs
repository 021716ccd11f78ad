//! Issue 21: a form shows every problem in one round. Each form goes in as the window sends it
//! (JSON, a date its boxes did not make as null or "not-a-date"), and the core names every
//! problem, the date among them, and writes nothing.

use crate::common;

use common::{MemoryKeys, at, count, set_up};
use cp_core::store::Store;
use serde::de::DeserializeOwned;
use serde_json::json;

const NOW: &str = "2026-11-23T10:00:00Z";

fn form<T: DeserializeOwned>(value: serde_json::Value) -> T {
    serde_json::from_value(value).expect("the window's form")
}

fn fields(err: cp_core::Error) -> Vec<String> {
    err.fields.into_iter().map(|f| f.field).collect()
}

async fn case(store: &Store) -> i64 {
    cp_core::cases::open_case(store, 1, &common::new_case("12 Avon Street"), at(NOW)).await.unwrap().id
}

#[tokio::test]
async fn a_new_case_with_a_wrong_date_and_a_wrong_postcode_hears_of_both() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let typed = json!({
        "addressLine1": " ", "addressLine2": "", "town": "x".repeat(201), "postcode": "BS5", "source": "staff_report",
        "localAuthority": "", "openedOn": null, "ccRegistration": true, "ccRegistrationOn": "not-a-date",
    });
    let err = cp_core::cases::open_case(&store, 1, &form(typed), at(NOW)).await.unwrap_err();
    assert_eq!(fields(err), ["addressLine1", "town", "postcode", "openedOn", "ccRegistrationOn"]);
    assert_eq!(count(&store, "SELECT count(*) FROM cases").await, 0, "nothing written");
    store.close().await;
}

#[tokio::test]
async fn an_entry_a_person_a_level_change_and_a_closure_each_name_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let now = at(NOW);
    let case = case(&store).await;

    let entry = json!({
        "eventOn": null, "eventTime": "not-a-time", "kind": "home_visit", "infoSource": "", "children": [],
        "summary": "", "detail": "", "actionRequired": "",
    });
    let err = cp_core::chronology::add_entry(&store, 1, case, &form(entry), now).await.unwrap_err();
    assert_eq!(fields(err), ["eventOn", "eventTime", "infoSource", "summary"]);

    let child = json!({
        "fullName": " ", "role": "child", "dateOfBirth": "not-a-date", "expectedDate": null, "gender": "", "setting": "",
    });
    let err = cp_core::people::add_person(&store, 1, case, &form(child), now).await.unwrap_err();
    assert_eq!(fields(err), ["fullName", "dateOfBirth"]);
    assert!(people_named(&store, case).await.is_empty());

    let level = json!({ "to": "concern", "evidence": "short", "effective": null, "entries": [] });
    let err = cp_core::cases::change_level(&store, 1, case, &form(level), now).await.unwrap_err();
    assert_eq!(fields(err), ["to", "evidence", "effective"]);

    let closure = json!({ "reason": "other", "reasonDetail": "", "closingNote": "", "closedOn": null });
    let err = cp_core::cases::close_case(&store, 1, case, &form(closure), now).await.unwrap_err();
    assert_eq!(fields(err), ["reasonDetail", "closingNote", "closedOn"]);

    let messages: Vec<String> = cp_core::cases::close_case(
        &store,
        1,
        case,
        &form(json!({ "reason": "other", "reasonDetail": "x", "closingNote": "x", "closedOn": "2026-02-30" })),
        now,
    )
    .await
    .unwrap_err()
    .fields
    .into_iter()
    .map(|f| f.message)
    .collect();
    assert_eq!(messages, ["Enter the date the case closed, for example 27 3 2026"], "a date that is not one");
    assert_eq!(count(&store, "SELECT count(*) FROM chronology_entries").await, 0, "nothing written");
    assert_eq!(count(&store, "SELECT count(*) FROM case_people").await, 0, "nothing written");
    store.close().await;
}

/// The people of the case, as the page lists them: nobody was added by a refused form.
async fn people_named(store: &Store, case: i64) -> Vec<String> {
    cp_core::people::in_case(store, case).await.unwrap().into_iter().map(|p| p.full_name).collect()
}

#[tokio::test]
async fn a_blank_transfer_in_shows_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let case = case(&store).await;
    let blank = json!({
        "kind": "visiting", "childName": "", "childDob": null, "originatingAuthority": "", "planStart": null,
        "categories": [], "socialWorker": "", "stayFrom": "not-a-date", "stayTo": null,
        "agencies": [{ "agency": "Police", "on": null }],
    });
    let err = cp_core::transfers::record(&store, 1, case, &form(blank), at(NOW)).await.unwrap_err();
    assert_eq!(
        fields(err),
        ["childName", "childDob", "originatingAuthority", "planStart", "categories", "stayFrom", "agencies.0.on"]
    );
    assert_eq!(count(&store, "SELECT count(*) FROM transfer_ins").await, 0, "nothing written");
    store.close().await;
}

#[tokio::test]
async fn an_allegation_its_lado_discussion_and_a_meeting_name_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let now = at(NOW);
    let blank = json!({
        "personName": "", "personRole": "", "setting": "", "personDob": "not-a-date", "harmTests": [],
        "reportedBy": "", "reportedTo": "", "reportedOn": null, "writtenRecord": "",
    });
    let err = cp_core::allegations::create(&store, 1, &form(blank), now).await.unwrap_err();
    assert_eq!(
        fields(err),
        [
            "personName",
            "personRole",
            "setting",
            "personDob",
            "harmTests",
            "reportedBy",
            "reportedTo",
            "reportedOn",
            "writtenRecord"
        ]
    );
    let made = json!({
        "personName": "Mark Ellis", "personRole": "Play worker", "setting": "Saturday club", "personDob": null,
        "harmTests": ["harmed_child"], "reportedBy": "Volunteer", "reportedTo": "Centre manager",
        "reportedOn": "2026-11-20", "writtenRecord": "Grabbed a child's arm.",
    });
    let id = cp_core::allegations::create(&store, 1, &form(made), now).await.unwrap();
    let lado = json!({ "on": null, "advice": " ", "meetsCriteria": true });
    let err = cp_core::allegations::record_lado(&store, 1, id, &form(lado), now).await.unwrap_err();
    assert_eq!(fields(err), ["on", "advice"]);
    let lado = json!({ "on": "2026-11-21", "advice": "Strategy meeting", "meetsCriteria": true });
    cp_core::allegations::record_lado(&store, 1, id, &form(lado), now).await.unwrap();
    let err = cp_core::allegations::add_meeting(&store, 1, id, None, " ", now).await.unwrap_err();
    assert_eq!(fields(err), ["heldOn", "note"]);

    let holiday = json!({ "nation": "england_and_wales", "date": null, "title": "" });
    let err = cp_core::timescales::add_holiday(&store, 1, &form(holiday), now).await.unwrap_err();
    assert_eq!(fields(err), ["date", "title"]);
    store.close().await;
}
