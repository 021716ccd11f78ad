//! Two leads on their own laptops, each with the app's session on the organisation's
//! database: what one records, the other's session hears at once (no polling) and shows on
//! the dashboard and in "changes since you last looked"; both complete the week's review. The
//! window's part of this is tested end to end in tests/tests/two_laptops.rs.

use crate::common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use common::{ELAINE, JOANNA, MemoryKeys, new_case, now, shared_records};
use cp_core::ErrorCode;
use cp_core::cases::rules::LevelChange;
use cp_core::clock::Clock;
use cp_core::domain::case::Level;
use cp_core::installation::Installation;
use cp_core::review::rules::Outcome;
use cp_core::session::{AppView, ServerNews, Session};
use cp_core::shared::devices;
use cp_core::store::Store;
use tokio::sync::mpsc::{UnboundedReceiver, unbounded_channel};

struct FixedClock(Mutex<DateTime<Utc>>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

impl FixedClock {
    fn at_now() -> Arc<Self> {
        Arc::new(FixedClock(Mutex::new(now())))
    }

    fn advance(&self, by: chrono::Duration) {
        *self.0.lock().unwrap() += by;
    }
}

/// A laptop enrolled and joined, with its session (on `clock`), and what that session hears.
async fn laptop(
    admin: &Store,
    address: &cp_core::shared::ServerAddress,
    name: &str,
    clock: Arc<FixedClock>,
) -> (Session, UnboundedReceiver<ServerNews>, tempfile::TempDir) {
    let (_, code) = devices::add(admin, name, now()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let keys = Arc::new(MemoryKeys::default());
    let input = common::join_input(address, &code);
    let session = Session::new(Installation::new(dir.path()), keys, clock, None);
    assert_eq!(session.view().await, AppView::NotSetUp);
    assert!(matches!(session.join(&input).await.unwrap(), AppView::SignedOut { .. }));
    let (tell, heard) = unbounded_channel();
    session.on_server_news(Arc::new(move |news| {
        let _ = tell.send(news);
    }));
    (session, heard, dir)
}

/// The next news heard, within a bound far above what it takes (a failure, not a wait).
async fn next(heard: &mut UnboundedReceiver<ServerNews>) -> ServerNews {
    tokio::time::timeout(Duration::from_secs(10), heard.recv()).await.expect("news within 10 s").unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_one_lead_records_the_others_session_hears_at_once_and_both_complete_the_review() {
    let scratch = tempfile::tempdir().unwrap();
    let records = shared_records(scratch.path(), "Riverside Children's Centre").await;
    records.store.close().await;
    let admin = Store::open_shared(cp_core::shared::connect(&records.admin, 2).await.unwrap(), None).await.unwrap();
    let (joanna, mut joanna_hears, _a) = laptop(&admin, &records.admin, "Joanna's laptop", FixedClock::at_now()).await;
    let (elaine, mut elaine_hears, _b) = laptop(&admin, &records.admin, "Elaine's laptop", FixedClock::at_now()).await;
    admin.close().await;

    joanna.sign_in(JOANNA.0, JOANNA.1).await.unwrap();
    elaine.sign_in(ELAINE.0, ELAINE.1).await.unwrap();
    // Listening: each session reads everything once as it starts.
    assert_eq!(next(&mut joanna_hears).await, ServerNews::Changed);
    assert_eq!(next(&mut elaine_hears).await, ServerNews::Changed);

    // Joanna opens a case, records an entry and changes its level.
    let case = joanna.open_case(&new_case("1 Quay Street")).await.unwrap();
    while elaine_hears.try_recv().is_ok() {}
    let entry = common::phone_call("Bruising seen at drop-off");
    let saved = Instant::now();
    let entry_id = joanna.add_entry(case.id, &entry).await.unwrap();
    assert_eq!(next(&mut elaine_hears).await, ServerNews::Changed);
    let heard_in = saved.elapsed();
    let change = LevelChange {
        to: Level::ChildInNeed,
        evidence: "Referral accepted by children's social care".into(),
        effective: common::day("2026-11-21"),
        entries: vec![entry_id],
    };
    joanna.change_level(case.id, &change).await.unwrap();
    assert_eq!(next(&mut elaine_hears).await, ServerNews::Changed);
    println!("Elaine's session heard Joanna's entry {} ms after it was saved", heard_in.as_millis());

    // Elaine's dashboard and changes show it without anything being opened again.
    let changes = elaine.unacknowledged_changes().await.unwrap();
    assert!(changes.iter().any(|c| c.case_id == case.id && c.changes.len() >= 3), "{changes:?}");
    let board = elaine.dashboard().await.unwrap();
    assert!(format!("{board:?}").contains(&case.reference));

    // Both complete the week's review.
    for lead in [&joanna, &elaine] {
        let list = lead.checklist(None, None).await.unwrap();
        assert!(list.items.iter().any(|i| i.case_id == case.id));
        for item in &list.items {
            lead.record_review(&list.week, item.case_id, Outcome::NoChange, "").await.unwrap();
        }
        lead.sign_off_week(&list.week).await.unwrap();
    }
    let week = joanna.checklist(None, None).await.unwrap().week;
    let done: Vec<bool> =
        joanna.dashboard().await.unwrap().this_week.iter().map(|w| w.signed_off_at.is_some()).collect();
    assert_eq!(done, [true, true], "both leads signed off {week}");

    joanna.sign_out().await.unwrap();
    elaine.sign_out().await.unwrap();
    joanna.shutdown().await;
    elaine.shutdown().await;
}

/// Issue 12's protections on a joined laptop: the app locks after the idle time, a wrong
/// passphrase at the lock screen is refused and counted at the laptop's sign-in desk, the
/// right one unlocks; Settings' backup is the organisation's; signing out closes the records.
#[tokio::test]
async fn a_joined_laptop_locks_when_idle_unlocks_backs_up_and_signs_out() {
    let scratch = tempfile::tempdir().unwrap();
    let records = shared_records(scratch.path(), "Riverside Children's Centre").await;
    records.store.close().await;
    let admin = Store::open_shared(cp_core::shared::connect(&records.admin, 2).await.unwrap(), None).await.unwrap();
    cp_core::shared::recovery::make(&admin).await.unwrap();
    let clock = FixedClock::at_now();
    let (joanna, _hears, _dir) = laptop(&admin, &records.admin, "Joanna's laptop", clock.clone()).await;

    let AppView::SignedIn { shared_mode, idle_lock_minutes, .. } = joanna.sign_in(JOANNA.0, JOANNA.1).await.unwrap()
    else {
        panic!("signed in")
    };
    assert!(shared_mode);
    clock.advance(chrono::Duration::minutes(i64::from(idle_lock_minutes)) + chrono::Duration::seconds(1));
    assert!(matches!(joanna.view().await, AppView::Locked { .. }));
    assert_eq!(joanna.open_case(&new_case("1 Quay Street")).await.unwrap_err().code, ErrorCode::NotSignedIn);

    let wrong = joanna.unlock("not her passphrase").await.unwrap_err();
    assert_eq!(wrong.code, ErrorCode::SignInRefused, "{}", wrong.message);
    let counted: i64 = cp_core::store::db::query("SELECT failed FROM sign_in_counts WHERE lead_id = $1")
        .bind(JOANNA.0)
        .one(&mut admin.db())
        .await
        .unwrap();
    assert_eq!(counted, 1, "counted across the organisation's laptops");
    assert!(matches!(joanna.unlock(JOANNA.1).await.unwrap(), AppView::SignedIn { .. }));

    let out = tempfile::tempdir().unwrap();
    let made = joanna.backup(&out.path().join("riverside.cptbackup")).await.unwrap();
    assert!(made.bytes > 0);
    assert!(matches!(joanna.sign_out().await.unwrap(), AppView::SignedOut { .. }));
    assert_eq!(joanna.open_case(&new_case("1 Quay Street")).await.unwrap_err().code, ErrorCode::NotSignedIn);
    let actions: Vec<String> =
        sqlx::query_scalar("SELECT action FROM audit_log WHERE lead_id = $1 OR lead_id IS NULL ORDER BY id")
            .bind(JOANNA.0)
            .fetch_all(&cp_core::shared::connect(&records.admin, 1).await.unwrap())
            .await
            .unwrap();
    let tail: Vec<&str> = actions.iter().rev().take(5).rev().map(String::as_str).collect();
    assert_eq!(tail, ["locked", "sign_in_failed", "sign_in", "backup_made", "sign_out"], "{actions:?}");
    joanna.shutdown().await;
    admin.close().await;
}

/// A lead added on one laptop can sign in on another once its lead signs out there: the
/// sign-in list that follows is the server's, with a way in for the new lead. (Before, they
/// could not until some lead had signed in on that laptop again.)
#[tokio::test]
async fn a_lead_added_on_another_laptop_can_sign_in_here_after_this_laptop_signs_out() {
    let scratch = tempfile::tempdir().unwrap();
    let records = shared_records(scratch.path(), "Riverside Children's Centre").await;
    records.store.close().await;
    let admin = Store::open_shared(cp_core::shared::connect(&records.admin, 2).await.unwrap(), None).await.unwrap();
    let (joanna, _j, _a) = laptop(&admin, &records.admin, "Joanna's laptop", FixedClock::at_now()).await;
    let (elaine, _e, _b) = laptop(&admin, &records.admin, "Elaine's laptop", FixedClock::at_now()).await;
    admin.close().await;

    joanna.sign_in(JOANNA.0, JOANNA.1).await.unwrap();
    elaine.sign_in(ELAINE.0, ELAINE.1).await.unwrap();
    let priya = cp_core::leads::rules::NewLead {
        name: "Priya Shah".into(),
        role: "Deputy lead".into(),
        passphrase: "a safe passphrase for Priya".into(),
    };
    let added = elaine.add_lead(&priya).await.unwrap();
    let priya_id = added.iter().find(|l| l.name == "Priya Shah").unwrap().id;

    let AppView::SignedOut { leads, .. } = joanna.sign_out().await.unwrap() else { panic!("signed out") };
    assert!(leads.iter().any(|l| l.id == priya_id), "Priya is on Joanna's laptop's sign-in list: {leads:?}");
    let AppView::SignedIn { lead, .. } = joanna.sign_in(priya_id, &priya.passphrase).await.unwrap() else {
        panic!("Priya signed in on Joanna's laptop")
    };
    assert_eq!(lead.name, "Priya Shah");
    joanna.sign_out().await.unwrap();
    elaine.sign_out().await.unwrap();
    joanna.shutdown().await;
    elaine.shutdown().await;
}
