//! Concerns on open cases on a real encrypted file: reasons required, the chronology entry and
//! the concern written together, the strategy discussion's clock, escalation in order.

use crate::common;

use common::{MemoryKeys, at, day, set_up};
use cp_core::case_page;
use cp_core::cases::{self, NewCase, Source};
use cp_core::concerns;
use cp_core::concerns::rules::{EscalationLevel, Nature, NewConcern, NewEscalation};
use cp_core::store::db::query;
use cp_core::timescales::rules::RuleId;

fn concern(strategy_needed: bool, reasons: &str) -> NewConcern {
    NewConcern {
        info_from: "Nursery key worker".into(),
        nature: Nature::Incident,
        incident_on: Some(day("2026-11-20")),
        worker_name: "Jo Patel".into(),
        worker_role: "Key worker".into(),
        worker_contact: "0117 000 0000".into(),
        strategy_needed,
        decided_by: "Team manager, Bristol North".into(),
        reasons: reasons.into(),
    }
}

#[tokio::test]
async fn a_concern_on_an_open_case_with_its_decision_and_escalation() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let now = at("2026-11-23T10:00:00Z");
    let new = NewCase {
        address_line1: "12 Avon Street".into(),
        address_line2: String::new(),
        town: String::new(),
        postcode: "BS5 9QH".into(),
        source: Source::StaffReport,
        local_authority: String::new(),
        opened_on: day("2026-01-05"),
        cc_registration: None,
        cc_registration_on: None,
    };
    let case = cases::open_case(&store, 1, &new, now).await.unwrap().id;

    let err = concerns::record(&store, 1, case, &concern(false, " "), now).await.unwrap_err();
    assert_eq!(err.fields[0].field, "reasons");
    let entries: i64 = query("SELECT count(*) FROM chronology_entries").one(&mut store.db()).await.unwrap();
    assert_eq!(entries, 0, "nothing half-written");

    let no = concerns::record(&store, 1, case, &concern(false, "Below threshold: bruise explained, seen by GP."), now)
        .await
        .unwrap();
    let page = case_page::page(&store, 1, case, now).await.unwrap();
    assert_eq!(page.chronology[0].current.kind, cp_core::chronology::rules::EntryKind::ConcernRaised);
    assert!(page.chronology[0].current.detail.contains("bruise explained"));
    assert!(page.timescales.is_empty(), "no strategy discussion decided, no clock");

    concerns::record(&store, 1, case, &concern(true, "Second injury in a month."), now).await.unwrap();
    let page = case_page::page(&store, 1, case, now).await.unwrap();
    let due = page.timescales.iter().find(|d| d.rule == RuleId::StrategyDiscussion).expect("the strategy clock runs");
    assert_eq!(due.due_on, day("2026-11-30"), "10 days from the incident");
    assert_eq!(page.concerns.len(), 2);

    let esc = |level, outcome: &str| NewEscalation {
        level,
        disagreement: "Threshold not met, say social care".into(),
        outcome: outcome.into(),
    };
    let err = concerns::escalate(&store, 1, no, &esc(EscalationLevel::ServiceManager, "x"), now).await.unwrap_err();
    assert_eq!(err.fields[0].field, "level");
    concerns::escalate(&store, 1, no, &esc(EscalationLevel::TeamManager, "Team manager agreed with social care"), now)
        .await
        .unwrap();
    concerns::escalate(&store, 1, no, &esc(EscalationLevel::ServiceManager, "Strategy discussion agreed"), now)
        .await
        .unwrap();
    let listed = concerns::for_case(&store, case).await.unwrap();
    let escalated = listed.iter().find(|c| c.id == no).unwrap();
    assert_eq!(
        escalated.escalations.iter().map(|e| e.level).collect::<Vec<_>>(),
        [EscalationLevel::TeamManager, EscalationLevel::ServiceManager]
    );
    assert!(query("UPDATE concerns SET reasons = 'x'").execute(&mut store.db()).await.is_err());
    assert!(concerns::escalate(&store, 1, 999, &esc(EscalationLevel::TeamManager, "x"), now).await.is_err());
    store.close().await;
}
