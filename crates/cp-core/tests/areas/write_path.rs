//! The one write path refuses what an action must never do: change a case without telling the
//! other lead, or without an audit row. Nothing of such a write is saved.

use crate::common;

use common::{MemoryKeys, now, set_up};
use cp_core::ErrorCode;
use cp_core::audit::{Action, Actor};
use cp_core::cases::{self, NewCase, Source};
use cp_core::changes::ChangeKind;
use cp_core::store::Store;
use cp_core::store::db::{query, query_composed};
use cp_core::write::Write;

async fn count(store: &Store, table: &str) -> i64 {
    query_composed(format!("SELECT COUNT(*) FROM {table}")).one(&mut store.db()).await.unwrap()
}

#[tokio::test]
async fn a_change_without_its_change_record_or_audit_row_is_refused_and_nothing_saved() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Org").await;
    let new = NewCase {
        address_line1: "1 Mill Lane".into(),
        address_line2: String::new(),
        town: "Bristol".into(),
        postcode: "BS3 1AA".into(),
        source: Source::StaffReport,
        local_authority: String::new(),
        opened_on: "2026-01-05".parse().unwrap(),
        cc_registration: None,
        cc_registration_on: None,
    };
    let case = cases::open_case(&store, 1, &new, now()).await.unwrap();
    let before = (count(&store, "case_changes").await, count(&store, "audit_log").await);

    // Changed, audited, but the other lead not told.
    let mut w = Write::begin(&store, Actor::Lead(1), now()).await.unwrap();
    w.case(case.id).await.unwrap();
    query("UPDATE cases SET town = 'Bath' WHERE id = $1").bind(case.id).execute(&mut w.sql()).await.unwrap();
    w.audit(Action::CaseDetailsChanged, "case", case.id).await.unwrap();
    assert_eq!(w.commit().await.unwrap_err().code, ErrorCode::Internal);

    // Told, but not audited.
    let mut w = Write::begin(&store, Actor::Lead(1), now()).await.unwrap();
    w.case(case.id).await.unwrap();
    query("UPDATE cases SET town = 'Bath' WHERE id = $1").bind(case.id).execute(&mut w.sql()).await.unwrap();
    w.changed(case.id, ChangeKind::DetailsChanged, "Case details updated").await.unwrap();
    assert_eq!(w.commit().await.unwrap_err().code, ErrorCode::Internal);

    assert_eq!(cases::summary(&store, case.id).await.unwrap().address_line1, "1 Mill Lane");
    let town: String = query("SELECT town FROM cases WHERE id = $1").bind(case.id).one(&mut store.db()).await.unwrap();
    assert_eq!(town, "Bristol", "neither refused write was saved");
    assert_eq!((count(&store, "case_changes").await, count(&store, "audit_log").await), before);

    // Both: saved.
    let mut w = Write::begin(&store, Actor::Lead(1), now()).await.unwrap();
    w.case(case.id).await.unwrap();
    query("UPDATE cases SET town = 'Bath' WHERE id = $1").bind(case.id).execute(&mut w.sql()).await.unwrap();
    w.changed(case.id, ChangeKind::DetailsChanged, "Case details updated").await.unwrap();
    w.audit(Action::CaseDetailsChanged, "case", case.id).await.unwrap();
    w.commit().await.unwrap();
    assert_eq!((count(&store, "case_changes").await, count(&store, "audit_log").await), (before.0 + 1, before.1 + 1));
    store.close().await;
}
