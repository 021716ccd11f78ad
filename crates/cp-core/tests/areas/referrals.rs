//! A referral followed to its outcome, as seed 003 asks: Joanna refers by phone to children's
//! social care (the 48-hour clock for its written confirmation starts from the entry it adds),
//! confirms it in writing (the clock is met), is acknowledged, and with no decision yet the
//! referral shows on the dashboard to be chased after a working day; once the decision is
//! received it leaves that list. A decision not to refer keeps its reasons and has no steps.
//! Each step once; nothing deleted. On the run's engine.

use crate::common;

use common::{JOANNA, MemoryKeys, at, day, new_case, now, set_up};
use cp_core::ErrorCode;
use cp_core::referrals::rules::{Agency, NewReferral, ReferralStep, StepKind};
use cp_core::store::db::query;
use cp_core::timescales::rules::RuleId;

fn by_phone() -> NewReferral {
    NewReferral {
        agency: Agency::ChildrensSocialCare,
        referred: true,
        by_phone: true,
        made_on: Some(day("2026-11-23")),
        made_to: "Bristol front door, duty social worker".into(),
        reasons: "Second unexplained bruise in a month; Łukasz said he fell".into(),
    }
}

fn step(kind: StepKind, on: &str, decision: &str) -> ReferralStep {
    ReferralStep { step: kind, on: Some(day(on)), decision: decision.into() }
}

#[tokio::test]
async fn a_referral_is_confirmed_acknowledged_chased_and_decided_each_once() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Riverside").await;
    let case = cp_core::cases::open_case(&store, JOANNA.0, &new_case("1 Quay Street"), now()).await.unwrap();

    let id = cp_core::referrals::record(&store, JOANNA.0, case.id, &by_phone(), now()).await.unwrap();
    let page = cp_core::case_page::page(&store, JOANNA.0, case.id, now()).await.unwrap();
    let [r] = page.referrals.as_slice() else { panic!("{:?}", page.referrals) };
    assert_eq!((r.agency, r.by_phone, r.made_on), (Agency::ChildrensSocialCare, true, day("2026-11-23")));
    // Chased one working day after it was made.
    assert_eq!(r.chase_on, Some(day("2026-11-24")));
    assert!(page.timescales.iter().any(|d| d.rule == RuleId::WrittenConfirmation), "{:?}", page.timescales);
    // Settings may give a decision longer before it is chased: 3 working days from Monday.
    let refused = cp_core::referrals::set_chase_days(&store, JOANNA.0, 0, now()).await.unwrap_err();
    assert_eq!(refused.fields[0].field, "chaseDays");
    assert_eq!(cp_core::referrals::set_chase_days(&store, JOANNA.0, 3, now()).await.unwrap(), 3);
    assert_eq!(cp_core::referrals::for_case(&store, case.id).await.unwrap()[0].chase_on, Some(day("2026-11-26")));
    cp_core::referrals::set_chase_days(&store, JOANNA.0, 1, now()).await.unwrap();

    // Confirmed in writing the next day: the 48-hour clock is met.
    let next_day = at("2026-11-24T10:00:00Z");
    cp_core::referrals::step(&store, JOANNA.0, id, &step(StepKind::Confirmed, "2026-11-24", ""), next_day)
        .await
        .unwrap();
    let page = cp_core::case_page::page(&store, JOANNA.0, case.id, next_day).await.unwrap();
    assert!(!page.timescales.iter().any(|d| d.rule == RuleId::WrittenConfirmation), "{:?}", page.timescales);
    let twice = cp_core::referrals::step(&store, JOANNA.0, id, &step(StepKind::Confirmed, "2026-11-24", ""), next_day)
        .await
        .unwrap_err();
    assert_eq!(twice.code, ErrorCode::Invalid);
    let before =
        cp_core::referrals::step(&store, JOANNA.0, id, &step(StepKind::Acknowledged, "2026-11-20", ""), next_day)
            .await
            .unwrap_err();
    assert_eq!(before.fields[0].field, "stepOn", "not before the referral");
    cp_core::referrals::step(&store, JOANNA.0, id, &step(StepKind::Acknowledged, "2026-11-24", ""), next_day)
        .await
        .unwrap();

    // No decision yet: on the dashboard, due to be chased.
    let board = cp_core::dashboard::dashboard(&store, JOANNA.0, next_day).await.unwrap();
    let [waiting] = board.referrals_awaiting.as_slice() else { panic!("{:?}", board.referrals_awaiting) };
    assert_eq!((waiting.reference.as_str(), waiting.referral.id), (case.reference.as_str(), id));
    assert!(cp_core::referrals::chase_due(&waiting.referral, day("2026-11-24")));

    let no_decision = step(StepKind::Decided, "2026-11-25", " ");
    let refused =
        cp_core::referrals::step(&store, JOANNA.0, id, &no_decision, at("2026-11-25T10:00:00Z")).await.unwrap_err();
    assert_eq!(refused.fields[0].field, "decision");
    let decided = step(StepKind::Decided, "2026-11-25", "Section 47 enquiry; strategy discussion on 26/11");
    cp_core::referrals::step(&store, JOANNA.0, id, &decided, at("2026-11-25T10:00:00Z")).await.unwrap();
    let board = cp_core::dashboard::dashboard(&store, JOANNA.0, at("2026-11-25T10:00:00Z")).await.unwrap();
    assert!(board.referrals_awaiting.is_empty());
    let r = &cp_core::referrals::for_case(&store, case.id).await.unwrap()[0];
    assert_eq!(
        (r.confirmed_on, r.acknowledged_on, r.decided_on, r.decision.as_str(), r.chase_on),
        (
            Some(day("2026-11-24")),
            Some(day("2026-11-24")),
            Some(day("2026-11-25")),
            "Section 47 enquiry; strategy discussion on 26/11",
            None
        )
    );

    // A decision not to refer, with its reasons; it has no steps.
    let not = NewReferral {
        agency: Agency::Police,
        referred: false,
        by_phone: false,
        made_on: Some(day("2026-11-25")),
        made_to: String::new(),
        reasons: "No offence disclosed; parents engaging with early help".into(),
    };
    let kept = cp_core::referrals::record(&store, JOANNA.0, case.id, &not, at("2026-11-25T11:00:00Z")).await.unwrap();
    let none = cp_core::referrals::step(
        &store,
        JOANNA.0,
        kept,
        &step(StepKind::Decided, "2026-11-25", "x"),
        at("2026-11-25T11:00:00Z"),
    )
    .await
    .unwrap_err();
    assert_eq!(none.code, ErrorCode::Invalid);
    let all = cp_core::referrals::for_case(&store, case.id).await.unwrap();
    assert_eq!(
        all.iter().map(|r| (r.agency, r.referred)).collect::<Vec<_>>(),
        [(Agency::Police, false), (Agency::ChildrensSocialCare, true)]
    );

    assert!(query("DELETE FROM case_referrals").execute(&mut store.db()).await.is_err());
    assert!(query("UPDATE case_referrals SET decision = 'None'").execute(&mut store.db()).await.is_err());
    assert!(query("UPDATE case_referrals SET reasons = 'None'").execute(&mut store.db()).await.is_err());
    let trail: Vec<String> = query("SELECT action FROM audit_log WHERE record_type = 'case_referral' ORDER BY id")
        .scalars(&mut store.db())
        .await
        .unwrap();
    assert_eq!(trail, ["referral_recorded", "referral_step", "referral_step", "referral_step", "referral_recorded"]);
    assert!(cp_core::audit::verify(&store).await.unwrap().intact());
    store.close().await;
}
