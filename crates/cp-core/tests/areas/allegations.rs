//! Allegations against staff on a real encrypted file: their own references, the steps in
//! order, and removal of a malicious one leaving only the audit trace.

use crate::common;

use common::{MemoryKeys, at, day, set_up};
use cp_core::ErrorCode;
use cp_core::allegations::rules::{FinalOutcome, HarmTest, NewAllegation};
use cp_core::allegations::{self, LadoDiscussion, Removal};
use cp_core::store::db::query;

fn allegation(name: &str) -> NewAllegation {
    NewAllegation {
        person_name: name.into(),
        person_role: "Play worker".into(),
        setting: "Saturday club".into(),
        person_dob: Some(day("1990-05-01")),
        harm_tests: vec![HarmTest::HarmedChild],
        reported_by: "Volunteer".into(),
        reported_to: "Centre manager".into(),
        reported_on: day("2026-11-20"),
        written_record: "Grabbed a child's arm hard enough to bruise.".into(),
        about_lead: None,
    }
}

#[tokio::test]
async fn an_allegation_from_report_to_outcome_and_removal() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let now = at("2026-11-23T10:00:00Z");
    let first = allegations::create(&store, 1, &allegation("Mark Ellis"), now).await.unwrap();
    let second = allegations::create(&store, 1, &allegation("Dana Byrne"), now).await.unwrap();
    let a = allegations::get(&store, first).await.unwrap();
    assert_eq!((a.reference.as_str(), a.retention_until), ("AL-2026-0001", day("2057-05-01")));
    assert_eq!(allegations::get(&store, second).await.unwrap().reference, "AL-2026-0002");

    let outcome = |id| allegations::record_outcome(&store, 1, id, FinalOutcome::Malicious, day("2026-11-23"), now);
    assert!(outcome(first).await.unwrap_err().message.contains("LADO first"));
    let lado = LadoDiscussion {
        on: day("2026-11-21"),
        advice: "Meets the harm test; strategy meeting".into(),
        meets_criteria: true,
    };
    let early = LadoDiscussion { on: day("2026-11-19"), ..lado.clone() };
    assert_eq!(allegations::record_lado(&store, 1, first, &early, now).await.unwrap_err().fields[0].field, "on");
    allegations::record_lado(&store, 1, first, &lado, now).await.unwrap();
    assert!(allegations::record_lado(&store, 1, first, &lado, now).await.is_err(), "once");
    allegations::add_meeting(
        &store,
        1,
        first,
        Some(day("2026-11-22")),
        "Multi-agency meeting: police not to pursue",
        now,
    )
    .await
    .unwrap();
    assert_eq!(allegations::get(&store, first).await.unwrap().meetings.len(), 1);

    // An unfounded allegation stays; a malicious one can be removed.
    allegations::record_lado(&store, 1, second, &lado, now).await.unwrap();
    allegations::record_outcome(&store, 1, second, FinalOutcome::Unfounded, day("2026-11-23"), now).await.unwrap();
    assert!(allegations::remove(&store, 1, second, now).await.is_err());
    assert!(query("DELETE FROM allegations WHERE id = $1").bind(second).execute(&mut store.db()).await.is_err());
    // An action on each: the unfounded one's stays; the malicious one's goes with it.
    let ring = cp_core::case_actions::rules::NewAction {
        what: "Tell the volunteer the outcome".into(),
        assignment: cp_core::case_actions::rules::Assignment {
            owner_lead_id: Some(1),
            due_working_days: Some(2),
            ..Default::default()
        },
        ..Default::default()
    };
    for id in [first, second] {
        let on = cp_core::case_actions::rules::ActionOn::Allegation { allegation_id: id };
        cp_core::case_actions::add_on(&store, 1, on, &ring, now).await.unwrap();
    }
    outcome(first).await.unwrap();
    // Two leads: the first asks, the same lead cannot confirm, another lead removes it.
    assert_eq!(allegations::remove(&store, 1, first, now).await.unwrap(), Removal::Asked);
    assert_eq!(allegations::get(&store, first).await.unwrap().removal_asked_by.as_deref(), Some("Joanna Holmes"));
    let alone = allegations::remove(&store, 1, first, now).await.unwrap_err();
    assert!(alone.message.contains("another lead must confirm"), "{alone}");
    assert_eq!(allegations::remove(&store, 2, first, now).await.unwrap(), Removal::Removed);
    assert!(allegations::get(&store, first).await.is_err());
    let left: Vec<Option<i64>> =
        query("SELECT allegation_id FROM case_actions").scalars(&mut store.db()).await.unwrap();
    assert_eq!(left, [Some(second)], "the removed allegation's action went with it");
    assert_eq!(allegations::list(&store).await.unwrap().len(), 1);
    let trace: Vec<(String, Option<String>)> =
        query("SELECT action, record_id FROM audit_log WHERE record_type = 'allegation' AND record_id = $1")
            .bind(first.to_string())
            .fetch_all(&mut store.db())
            .await
            .unwrap();
    assert!(trace.iter().any(|(a, _)| a == "allegation_removal_asked"), "{trace:?}");
    assert!(trace.iter().any(|(a, _)| a == "allegation_removed"), "{trace:?}");
    assert_eq!(cp_core::audit::verify(&store).await.unwrap().first_bad_row, None);
    store.close().await;
}

/// Seeing an allegation is audited: which lead saw which allegation, and when.
#[tokio::test]
async fn each_allegation_a_lead_sees_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let now = at("2026-11-23T10:00:00Z");
    let first = allegations::create(&store, 1, &allegation("Mark Ellis"), now).await.unwrap();
    let second = allegations::create(&store, 1, &allegation("Dana Byrne"), now).await.unwrap();

    let seen = allegations::list_for(&store, 2, now).await.unwrap();
    assert_eq!(seen.iter().map(|a| a.id).collect::<Vec<_>>(), [second, first]);
    let viewed: Vec<(Option<i64>, String)> =
        query("SELECT lead_id, record_id FROM audit_log WHERE action = 'allegation_viewed' ORDER BY id")
            .fetch_all(&mut store.db())
            .await
            .unwrap();
    assert_eq!(viewed, [(Some(2), second.to_string()), (Some(2), first.to_string())]);
    assert_eq!(cp_core::audit::verify(&store).await.unwrap().first_bad_row, None);
    store.close().await;
}

/// One lead alone could remove a false or malicious allegation, even one against themselves,
/// and every lead saw every allegation. Now removal needs the schema's request row too.
#[tokio::test]
async fn one_lead_alone_cannot_remove_an_allegation() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let now = at("2026-11-23T10:00:00Z");
    let id = allegations::create(&store, 1, &allegation("Mark Ellis"), now).await.unwrap();
    let lado = LadoDiscussion { on: day("2026-11-21"), advice: "No".into(), meets_criteria: false };
    allegations::record_lado(&store, 1, id, &lado, now).await.unwrap();
    allegations::record_outcome(&store, 1, id, FinalOutcome::False, day("2026-11-23"), now).await.unwrap();
    let direct = query("DELETE FROM allegations WHERE id = $1").bind(id).execute(&mut store.db()).await;
    assert!(direct.is_err(), "the schema refuses a removal nobody asked for");
    store.close().await;
}

/// An allegation about one of the leads: hidden from that lead, who cannot act on it either.
#[tokio::test]
async fn the_lead_an_allegation_is_about_never_sees_it() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let now = at("2026-11-23T10:00:00Z");
    let leads = cp_core::leads::list_leads(&store).await.unwrap();
    let (joanna, elaine) = (leads[0].id, leads[1].id);
    let about_elaine = NewAllegation { about_lead: Some(elaine), ..allegation("Elaine Martin") };
    let hidden = allegations::create(&store, joanna, &about_elaine, now).await.unwrap();
    let open = allegations::create(&store, joanna, &allegation("Mark Ellis"), now).await.unwrap();

    let ids = |list: Vec<allegations::Allegation>| list.into_iter().map(|a| a.id).collect::<Vec<_>>();
    assert_eq!(ids(allegations::list_for(&store, elaine, now).await.unwrap()), [open]);
    assert_eq!(ids(allegations::list_for(&store, joanna, now).await.unwrap()), [open, hidden]);
    let lado = LadoDiscussion { on: day("2026-11-21"), advice: "Strategy meeting".into(), meets_criteria: true };
    let err = allegations::record_lado(&store, elaine, hidden, &lado, now).await.unwrap_err();
    assert_eq!((err.code, err.message.as_str()), (ErrorCode::NotFound, "That allegation does not exist."));
    allegations::record_lado(&store, joanna, hidden, &lado, now).await.unwrap();

    let about_me = NewAllegation { about_lead: Some(joanna), ..allegation("Joanna Holmes") };
    let err = allegations::create(&store, joanna, &about_me, now).await.unwrap_err();
    assert_eq!(err.fields[0].field, "aboutLead");
    let nobody = NewAllegation { about_lead: Some(99), ..allegation("Someone") };
    assert_eq!(allegations::create(&store, joanna, &nobody, now).await.unwrap_err().fields[0].field, "aboutLead");
    let rewrite = query("UPDATE allegations SET about_lead_id = NULL WHERE id = $1").bind(hidden);
    assert!(rewrite.execute(&mut store.db()).await.is_err(), "who it is about is never changed");
    store.close().await;
}
