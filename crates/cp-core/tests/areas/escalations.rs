//! A professional disagreement escalated step by step (seed 004): the children's social care
//! front door decides no further action on Joanna's referral; she escalates to the team
//! manager, whose response is due two working days later (the procedure in Settings); with no
//! resolution Elaine takes it to the service manager under a procedure changed meanwhile (its
//! own words and days, while the first step keeps its own); it is resolved once. A procedure
//! with no further step says so. Nothing is deleted or changed after. On the run's engine.

use crate::common;

use common::{ELAINE, JOANNA, MemoryKeys, at, day, new_case, now, set_up};
use cp_core::ErrorCode;
use cp_core::escalations::rules::{
    EscalationNextStep, EscalationResolution, NewCaseEscalation, ProcedureStep, default_procedure,
};
use cp_core::referrals::rules::{Agency, NewReferral};
use cp_core::store::db::query;

fn disagreement(referral_id: Option<i64>) -> NewCaseEscalation {
    NewCaseEscalation {
        referral_id,
        with_whom: "Bristol front door".into(),
        disagreement: "No further action after a second unexplained bruise; we think the threshold is met".into(),
        raised_on: Some(day("2026-11-23")),
        raised_with: "Sam Patel, team manager".into(),
    }
}

fn step(level: &str, working_days: u32) -> ProcedureStep {
    ProcedureStep { level: level.into(), working_days }
}

#[tokio::test]
async fn a_disagreement_goes_up_the_procedure_with_its_due_dates_and_is_resolved_once() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Riverside").await;
    let case = cp_core::cases::open_case(&store, JOANNA.0, &new_case("1 Quay Street"), now()).await.unwrap();
    let other = cp_core::cases::open_case(&store, JOANNA.0, &new_case("9 Mill Lane"), now()).await.unwrap();
    let referral = NewReferral {
        agency: Agency::ChildrensSocialCare,
        referred: true,
        by_phone: false,
        made_on: Some(day("2026-11-20")),
        made_to: "Bristol front door".into(),
        reasons: "Second unexplained bruise".into(),
    };
    let referral_id = cp_core::referrals::record(&store, JOANNA.0, case.id, &referral, now()).await.unwrap();
    let monday = at("2026-11-23T10:00:00Z");

    // Every problem at once; a referral from another case is refused.
    let blank = cp_core::escalations::raise(&store, JOANNA.0, case.id, &NewCaseEscalation::default(), monday).await;
    assert_eq!(blank.unwrap_err().fields.len(), 4);
    let elsewhere = disagreement(Some(referral_id));
    let refused = cp_core::escalations::raise(&store, JOANNA.0, other.id, &elsewhere, monday).await.unwrap_err();
    assert_eq!(refused.fields[0].field, "referralId");

    // The first step of the default procedure: the team manager, two working days to respond.
    assert_eq!(cp_core::escalations::procedure(&store).await.unwrap(), default_procedure());
    let id =
        cp_core::escalations::raise(&store, JOANNA.0, case.id, &disagreement(Some(referral_id)), monday).await.unwrap();
    let [e] = cp_core::escalations::for_case(&store, case.id).await.unwrap().try_into().unwrap();
    assert_eq!(
        (e.referral_id, e.resolved_on, e.next_level.as_deref()),
        (Some(referral_id), None, Some("Service manager"))
    );
    let [first] = e.steps.as_slice() else { panic!("{:?}", e.steps) };
    assert_eq!(
        (first.step, first.level.as_str(), first.raised_on, first.response_due),
        (1, "Team manager", day("2026-11-23"), day("2026-11-25"))
    );
    let board = cp_core::dashboard::dashboard(&store, ELAINE.0, monday).await.unwrap();
    let [row] = board.escalations_open.as_slice() else { panic!("{:?}", board.escalations_open) };
    assert_eq!(
        (row.reference.as_str(), row.level.as_str(), row.response_due),
        (case.reference.as_str(), "Team manager", day("2026-11-25"))
    );
    // Elaine hears of it among the changes since she last looked.
    let changes = cp_core::changes::unacknowledged(&store, ELAINE.0).await.unwrap();
    assert!(
        changes
            .iter()
            .flat_map(|c| &c.changes)
            .any(|c| c.summary.starts_with("Escalated a disagreement with Bristol front door")),
        "{changes:?}"
    );

    // The procedure changes: the service manager now has one working day.
    let refused = cp_core::escalations::set_procedure(&store, JOANNA.0, &[step(" ", 0)], now()).await.unwrap_err();
    assert_eq!(refused.fields.iter().map(|f| f.field.as_str()).collect::<Vec<_>>(), ["level-0", "days-0"]);
    let changed = [step("Team manager", 2), step("Service manager", 1), step("Head of service", 5)];
    cp_core::escalations::set_procedure(&store, JOANNA.0, &changed, now()).await.unwrap();

    // No resolution by Thursday: Elaine takes it to the service manager.
    let thursday = at("2026-11-26T09:00:00Z");
    let early = EscalationNextStep { raised_on: Some(day("2026-11-22")), raised_with: "Ann Lee".into() };
    let refused = cp_core::escalations::next_step(&store, ELAINE.0, id, &early, thursday).await.unwrap_err();
    assert_eq!(refused.fields[0].field, "raisedOn", "not before the step before it");
    let next =
        EscalationNextStep { raised_on: Some(day("2026-11-26")), raised_with: "Ann Lee, service manager".into() };
    cp_core::escalations::next_step(&store, ELAINE.0, id, &next, thursday).await.unwrap();
    let e = &cp_core::escalations::for_case(&store, case.id).await.unwrap()[0];
    let steps: Vec<_> =
        e.steps.iter().map(|s| (s.step, s.level.as_str(), s.response_due, s.recorded_by.as_str())).collect();
    assert_eq!(
        steps,
        [
            (1, "Team manager", day("2026-11-25"), "Joanna Holmes"),
            (2, "Service manager", day("2026-11-27"), "Elaine Martin")
        ]
    );
    assert_eq!(e.next_level.as_deref(), Some("Head of service"));

    // Resolved on Friday, once; no step after it.
    let friday = at("2026-11-27T15:00:00Z");
    let blank = EscalationResolution { resolved_on: Some(day("2026-11-27")), outcome: " ".into() };
    assert_eq!(
        cp_core::escalations::resolve(&store, JOANNA.0, id, &blank, friday).await.unwrap_err().fields[0].field,
        "escalationOutcome"
    );
    let resolved = EscalationResolution {
        resolved_on: Some(day("2026-11-27")),
        outcome: "Strategy discussion held; section 47 enquiry".into(),
    };
    cp_core::escalations::resolve(&store, JOANNA.0, id, &resolved, friday).await.unwrap();
    assert_eq!(
        cp_core::escalations::resolve(&store, ELAINE.0, id, &resolved, friday).await.unwrap_err().code,
        ErrorCode::Invalid
    );
    let after = EscalationNextStep { raised_on: Some(day("2026-11-27")), raised_with: "Head of service".into() };
    assert_eq!(
        cp_core::escalations::next_step(&store, ELAINE.0, id, &after, friday).await.unwrap_err().code,
        ErrorCode::Invalid
    );
    let page = cp_core::case_page::page(&store, JOANNA.0, case.id, friday).await.unwrap();
    let [e] = page.escalations.as_slice() else { panic!("{:?}", page.escalations) };
    assert_eq!(
        (e.resolved_on, e.resolved_by.as_deref(), e.next_level.as_deref()),
        (Some(day("2026-11-27")), Some("Joanna Holmes"), None)
    );
    assert!(cp_core::dashboard::dashboard(&store, JOANNA.0, friday).await.unwrap().escalations_open.is_empty());

    // A procedure of one step has no next one, and says so.
    cp_core::escalations::set_procedure(&store, JOANNA.0, &[step("Team manager", 2)], now()).await.unwrap();
    let second = cp_core::escalations::raise(&store, JOANNA.0, other.id, &disagreement(None), monday).await.unwrap();
    let refused = cp_core::escalations::next_step(&store, JOANNA.0, second, &next, thursday).await.unwrap_err();
    assert!(refused.message.contains("no further step"), "{}", refused.message);

    assert!(query("DELETE FROM escalation_steps").execute(&mut store.db()).await.is_err());
    assert!(query("DELETE FROM case_escalations").execute(&mut store.db()).await.is_err());
    assert!(query("UPDATE escalation_steps SET level = 'x'").execute(&mut store.db()).await.is_err());
    assert!(
        query("UPDATE case_escalations SET outcome = 'x' WHERE resolved_on IS NOT NULL")
            .execute(&mut store.db())
            .await
            .is_err()
    );
    let trail: Vec<String> = query("SELECT action FROM audit_log WHERE record_type = 'case_escalation' ORDER BY id")
        .scalars(&mut store.db())
        .await
        .unwrap();
    assert_eq!(trail, ["escalation_raised", "escalation_step", "escalation_resolved", "escalation_raised"]);
    assert!(cp_core::audit::verify(&store).await.unwrap().intact());
    store.close().await;
}
