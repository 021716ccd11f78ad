//! The session as the app drives it, with a clock the test moves.

use crate::common;

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use common::{MemoryKeys, now, setup_input};
use cp_core::ErrorCode;
use cp_core::clock::Clock;
use cp_core::installation::Installation;
use cp_core::session::{AppView, Session};

struct TestClock(Mutex<DateTime<Utc>>);

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

impl TestClock {
    fn advance(&self, d: Duration) {
        *self.0.lock().unwrap() += d;
    }
}

fn session(dir: &std::path::Path, keys: Arc<MemoryKeys>, clock: Arc<TestClock>) -> Session {
    Session::new(Installation::new(dir), keys, clock, None)
}

#[tokio::test]
async fn set_up_lock_after_idle_unlock_and_sign_out() {
    let dir = tempfile::tempdir().unwrap();
    let keys = Arc::new(MemoryKeys::default());
    let clock = Arc::new(TestClock(Mutex::new(now())));
    let s = session(dir.path(), keys.clone(), clock.clone());
    assert_eq!(s.view().await, AppView::NotSetUp);

    let input = setup_input("Barton Hill");
    let sheet = s.begin_setup().await.unwrap();
    assert_eq!(sheet.groups.len(), 8);
    assert_eq!(s.begin_setup().await.unwrap().groups, sheet.groups, "asking again shows the same key");

    let err = s.complete_setup(&input, &["WRONG1".into(), "".into()]).await.unwrap_err();
    let fields: Vec<&str> = err.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["group3", "group7"]);
    assert!(!dir.path().join("cp-tracker.db").exists(), "nothing is written before the key is confirmed");

    let typed = vec![sheet.groups[2].to_lowercase(), sheet.groups[6].clone()];
    let AppView::SignedIn { lead, idle_lock_minutes, .. } = s.complete_setup(&input, &typed).await.unwrap() else {
        panic!("the first lead should be signed in")
    };
    assert_eq!(lead.name, "Joanna Holmes");
    assert_eq!(idle_lock_minutes, 5);

    clock.advance(Duration::minutes(4));
    assert!(matches!(s.touch().await.unwrap(), AppView::SignedIn { .. }));
    clock.advance(Duration::minutes(4));
    assert!(matches!(s.view().await, AppView::SignedIn { .. }), "activity postponed the lock");
    clock.advance(Duration::minutes(1) + Duration::seconds(1));
    assert!(matches!(s.view().await, AppView::Locked { .. }));
    assert_eq!(s.set_idle_minutes(10).await.unwrap_err().code, ErrorCode::NotSignedIn);

    assert_eq!(s.unlock("wrong passphrase here").await.unwrap_err().code, ErrorCode::SignInRefused);
    assert!(matches!(s.unlock("joanna's long passphrase").await.unwrap(), AppView::SignedIn { .. }));

    let AppView::SignedIn { idle_lock_minutes, .. } = s.set_idle_minutes(10).await.unwrap() else { panic!() };
    assert_eq!(idle_lock_minutes, 10);
    assert_eq!(s.set_idle_minutes(61).await.unwrap_err().fields[0].field, "idleMinutes");

    let AppView::SignedOut { leads, organisation } = s.sign_out().await.unwrap() else { panic!() };
    assert_eq!(organisation, "Barton Hill");
    assert_eq!(leads.len(), 2);

    s.shutdown().await;
    // A new app start on the same folder goes straight to sign-in.
    let again = session(dir.path(), keys, clock);
    assert!(matches!(again.view().await, AppView::SignedOut { .. }));
    assert_eq!(again.begin_setup().await.unwrap_err().code, ErrorCode::AlreadySetUp);
    again.shutdown().await;
}

#[tokio::test]
async fn a_missing_key_asks_for_recovery() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(TestClock(Mutex::new(now())));
    let (_, recovery) = common::set_up(dir.path(), &MemoryKeys::default(), "Org").await;

    // Another laptop: same folder, empty password store.
    let s = session(dir.path(), Arc::new(MemoryKeys::default()), clock);
    assert_eq!(s.view().await, AppView::NeedsRecovery);
    let err = s.recover("ABC").await.unwrap_err();
    assert_eq!(err.fields[0].field, "recoveryKey");
    assert!(matches!(s.recover(&recovery.grouped()).await.unwrap(), AppView::SignedOut { .. }));
    s.shutdown().await;
}

#[tokio::test]
async fn leads_are_added_deactivated_never_deleted_and_change_their_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let keys = Arc::new(MemoryKeys::default());
    let clock = Arc::new(TestClock(Mutex::new(now())));
    common::set_up(dir.path(), keys.as_ref(), "Org").await;
    let s = session(dir.path(), keys, clock);
    let AppView::SignedOut { leads, .. } = s.view().await else { panic!() };
    let joanna = leads.iter().find(|l| l.name == "Joanna Holmes").unwrap().clone();
    let elaine = leads.iter().find(|l| l.name == "Elaine Martin").unwrap().clone();
    assert_eq!(s.leads().await.unwrap_err().code, ErrorCode::NotSignedIn);
    s.sign_in(joanna.id, "joanna's long passphrase").await.unwrap();

    let bad = cp_core::leads::rules::NewLead { name: " ".into(), role: "Deputy".into(), passphrase: "short".into() };
    let err = s.add_lead(&bad).await.unwrap_err();
    let fields: Vec<&str> = err.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["newLead.name", "newLead.passphrase"]);

    let new = cp_core::leads::rules::NewLead {
        name: "Łukasz Dvořák".into(),
        role: "Deputy".into(),
        passphrase: "łukasz passphrase".into(),
    };
    assert_eq!(s.add_lead(&new).await.unwrap().len(), 3);

    assert_eq!(s.deactivate_lead(joanna.id).await.unwrap_err().code, ErrorCode::Invalid, "not yourself");
    let after = s.deactivate_lead(elaine.id).await.unwrap();
    assert_eq!(after.len(), 3, "deactivated, not deleted");
    assert!(!after.iter().find(|l| l.id == elaine.id).unwrap().active);

    let err = s.change_passphrase("not it at all", "a brand new passphrase").await.unwrap_err();
    assert_eq!(err.fields[0].field, "currentPassphrase");
    assert_eq!(
        s.change_passphrase("joanna's long passphrase", "short").await.unwrap_err().fields[0].field,
        "newPassphrase"
    );
    s.change_passphrase("joanna's long passphrase", "a brand new passphrase").await.unwrap();
    s.sign_out().await.unwrap();
    assert_eq!(s.sign_in(joanna.id, "joanna's long passphrase").await.unwrap_err().code, ErrorCode::SignInRefused);
    assert!(matches!(s.sign_in(joanna.id, "a brand new passphrase").await.unwrap(), AppView::SignedIn { .. }));
    assert_eq!(s.sign_in(elaine.id, "elaine's long passphrase").await.unwrap_err().code, ErrorCode::SignInRefused);
    s.shutdown().await;
}

/// A report the lead asks to save in the data folder is refused before it is made: no PDF
/// there, and no audit row for a report nobody received.
#[tokio::test]
async fn a_report_is_not_made_for_a_save_in_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let keys = Arc::new(MemoryKeys::default());
    let clock = Arc::new(TestClock(Mutex::new(now())));
    common::set_up(dir.path(), keys.as_ref(), "Org").await;
    let s = session(dir.path(), keys.clone(), clock);
    let AppView::SignedOut { leads, .. } = s.view().await else { panic!() };
    let joanna = leads.iter().find(|l| l.name == "Joanna Holmes").unwrap();
    s.sign_in(joanna.id, "joanna's long passphrase").await.unwrap();

    let register = cp_core::reports::ReportRequest::Register;
    let inside = dir.path().join("register.pdf");
    let err = s.save_report(&register, &inside).await.unwrap_err();
    assert!(err.message.contains("data folder"), "{}", err.message);
    assert!(!inside.exists());
    let elsewhere = tempfile::tempdir().unwrap();
    s.save_report(&register, &elsewhere.path().join("register.pdf")).await.unwrap();
    s.shutdown().await;

    let store = common::inspect(dir.path(), keys.as_ref()).await;
    let made: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'report_generated'")
        .fetch_one(store.file_pool().unwrap())
        .await
        .unwrap();
    assert_eq!(made, 1, "only the report that was saved");
    store.close().await;
}

/// Closing the app while signed in (or locked) writes the sign-out row: the trail does not
/// leave the lead's session open.
#[tokio::test]
async fn closing_the_app_while_signed_in_signs_the_lead_out() {
    let dir = tempfile::tempdir().unwrap();
    let keys = Arc::new(MemoryKeys::default());
    let clock = Arc::new(TestClock(Mutex::new(now())));
    common::set_up(dir.path(), keys.as_ref(), "Org").await;
    let s = session(dir.path(), keys.clone(), clock);
    let AppView::SignedOut { leads, .. } = s.view().await else { panic!() };
    let joanna = leads.iter().find(|l| l.name == "Joanna Holmes").unwrap();
    s.sign_in(joanna.id, "joanna's long passphrase").await.unwrap();
    s.shutdown().await;

    let store = common::inspect(dir.path(), keys.as_ref()).await;
    let last: (String, Option<i64>) = sqlx::query_as("SELECT action, lead_id FROM audit_log ORDER BY id DESC LIMIT 1")
        .fetch_one(store.file_pool().unwrap())
        .await
        .unwrap();
    assert_eq!(last, ("sign_out".to_owned(), Some(joanna.id)));
    store.close().await;
}

/// A new recovery key from Settings: shown, typed back, then the installation's; before it is
/// confirmed nothing changes, and signing out forgets it.
#[tokio::test]
async fn a_lead_makes_a_new_recovery_key() {
    let dir = tempfile::tempdir().unwrap();
    let keys = Arc::new(MemoryKeys::default());
    let clock = Arc::new(TestClock(Mutex::new(now())));
    let s = session(dir.path(), keys.clone(), clock.clone());
    s.view().await;
    let first = s.begin_setup().await.unwrap();
    let typed = |sheet: &cp_core::session::RecoverySheet| vec![sheet.groups[2].clone(), sheet.groups[6].clone()];
    s.complete_setup(&setup_input("Org"), &typed(&first)).await.unwrap();
    let vault_before = cp_core::vault::file::read(dir.path()).unwrap().unwrap();

    let shown = s.begin_recovery_key_change().await.unwrap();
    assert_ne!(shown.groups, first.groups);
    assert_eq!(s.begin_recovery_key_change().await.unwrap().groups, shown.groups, "the same key until confirmed");
    let err = s.complete_recovery_key_change(&["NOPE".into(), "".into()]).await.unwrap_err();
    assert_eq!(err.fields.iter().map(|f| f.field.as_str()).collect::<Vec<_>>(), ["group3", "group7"]);
    assert_eq!(cp_core::vault::file::read(dir.path()).unwrap().unwrap(), vault_before, "nothing changed yet");

    s.complete_recovery_key_change(&typed(&shown)).await.unwrap();
    assert_ne!(cp_core::vault::file::read(dir.path()).unwrap().unwrap().recovery, vault_before.recovery);
    assert!(s.complete_recovery_key_change(&typed(&shown)).await.is_err(), "used once");

    let another = s.begin_recovery_key_change().await.unwrap();
    s.sign_out().await.unwrap();
    assert_eq!(s.complete_recovery_key_change(&typed(&another)).await.unwrap_err().code, ErrorCode::Invalid);
    s.shutdown().await;
}

async fn case_status(dir: &std::path::Path, keys: &MemoryKeys, case_id: i64) -> cp_core::cases::rules::Status {
    let store = common::inspect(dir, keys).await;
    let status = cp_core::cases::summary(&store, case_id).await.unwrap().status;
    store.close().await;
    status
}

/// The archive rule ran when the app opened the records, before anyone signed in. Now it runs
/// at sign-in (and daily while a lead is signed in), never before.
#[tokio::test]
async fn the_archive_rule_waits_for_a_lead_to_sign_in() {
    use cp_core::cases::rules::{Closure, ClosureReason, Status};
    let dir = tempfile::tempdir().unwrap();
    let keys = Arc::new(MemoryKeys::default());
    let (store, _) = common::set_up(dir.path(), keys.as_ref(), "Org").await;
    let case = cp_core::cases::open_case(&store, 1, &common::new_case("12 Avon Street"), now()).await.unwrap();
    let closure = Closure {
        reason: ClosureReason::MovedFromArea,
        reason_detail: "Leeds City Council told".into(),
        closing_note: "Family moved to Leeds.".into(),
        closed_on: now().date_naive(),
    };
    cp_core::cases::close_case(&store, 1, case.id, &closure, now()).await.unwrap();
    store.close().await;

    // Thirteen months on, the app starts.
    let clock = Arc::new(TestClock(Mutex::new(now() + Duration::days(400))));
    let s = session(dir.path(), keys.clone(), clock);
    let AppView::SignedOut { leads, .. } = s.view().await else { panic!("signed out") };
    assert_eq!(case_status(dir.path(), &keys, case.id).await, Status::Closed, "nothing changed before sign-in");
    assert_eq!(s.archive_sweep().await.unwrap_err().code, ErrorCode::NotSignedIn);
    let joanna = leads.iter().find(|l| l.name == "Joanna Holmes").unwrap().id;
    s.sign_in(joanna, "joanna's long passphrase").await.unwrap();
    assert_eq!(case_status(dir.path(), &keys, case.id).await, Status::Archived, "archived at sign-in");
    s.shutdown().await;
}
