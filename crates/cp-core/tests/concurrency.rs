//! No request waits for another one's queries: a search is answered while a weekly checklist
//! of 1,000 live cases is loading, and Lock while a long import is being written.
//!
//! Each test starts the long request, waits until the session has taken it in (the session
//! asks the clock the time while it holds its lock), then races the short request against it.
//! When the session held its lock for a whole request, the long one always won.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Utc};
use common::{MemoryKeys, now, set_up};
use cp_core::batch::Batch;
use cp_core::clock::Clock;
use cp_core::installation::{Installation, Opened};
use cp_core::search::rules::CaseQuery;
use cp_core::session::{AppView, Session};
use cp_core::under5s::Field;
use tokio::sync::Notify;

/// Tells the test when the session has asked the time, once armed.
#[derive(Default)]
struct WatchedClock {
    armed: AtomicBool,
    asked: Notify,
}

impl Clock for WatchedClock {
    fn now(&self) -> DateTime<Utc> {
        if self.armed.swap(false, Ordering::SeqCst) {
            self.asked.notify_one();
        }
        now()
    }
}

async fn signed_in(cases: usize) -> (tempfile::TempDir, Arc<MemoryKeys>, Arc<Session>, Arc<WatchedClock>) {
    let dir = tempfile::tempdir().unwrap();
    let keys = Arc::new(MemoryKeys::default());
    let (store, _) = set_up(dir.path(), keys.as_ref(), "Concurrent Org").await;
    let mut batch = Batch::begin(&store).await.unwrap();
    for i in 0..cases {
        let new = common::new_case(&format!("{} Long Road", i + 1));
        batch.open_case(1, &new, now()).await.unwrap();
    }
    batch.commit().await.unwrap();
    store.close().await;

    let clock = Arc::new(WatchedClock::default());
    let session = Arc::new(Session::new(Installation::new(dir.path()), keys.clone(), clock.clone(), None));
    assert!(matches!(session.view().await, AppView::SignedOut { .. }));
    session.sign_in(1, "joanna's long passphrase").await.unwrap();
    (dir, keys, session, clock)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_is_answered_while_the_weekly_checklist_of_1000_cases_loads() {
    let (_dir, _keys, session, clock) = signed_in(1_000).await;

    clock.armed.store(true, Ordering::SeqCst);
    let checklist = tokio::spawn({
        let session = session.clone();
        async move { session.checklist(None, None).await }
    });
    clock.asked.notified().await;

    let query = CaseQuery { text: "7 Long".into(), ..CaseQuery::default() };
    let mut checklist = checklist;
    tokio::select! {
        biased;
        found = session.search_cases(&query) => {
            assert!(found.unwrap().total > 0, "the search finds the cases");
        }
        _ = &mut checklist => panic!("the search waited for the checklist to finish"),
    }
    let list = checklist.await.unwrap().unwrap();
    assert_eq!(list.items.len(), 1_000, "the checklist still loads in full");
    session.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lock_is_answered_while_a_long_import_is_written() {
    let (dir, keys, session, clock) = signed_in(0).await;
    let mut csv = String::from("Surname,First name,DOB,Address,Postcode\n");
    for i in 0..3_000u32 {
        csv.push_str(&format!(
            "Family{i},Child{i},{:02}/{:02}/2024,{i} Long Road,BS{} 9QZ\n",
            1 + i % 28,
            1 + i % 12,
            1 + i % 40
        ));
    }
    let preview = session.under5s_preview(csv.as_bytes(), None, &[]).await.unwrap();
    let mapping: Vec<Option<Field>> = preview.columns.iter().map(|c| c.field).collect();

    clock.armed.store(true, Ordering::SeqCst);
    let mut import = tokio::spawn({
        let session = session.clone();
        let sha256 = preview.sha256.clone();
        async move { session.under5s_import(csv.as_bytes(), &mapping, &[], &sha256, &mut |_, _| {}).await }
    });
    clock.asked.notified().await;

    tokio::select! {
        biased;
        view = session.lock() => {
            assert!(matches!(view.unwrap(), AppView::Locked { .. }), "the app locks at once");
        }
        _ = &mut import => panic!("Lock waited for the import to finish"),
    }
    assert!(
        matches!(session.search_cases(&CaseQuery::default()).await, Err(e) if e.code == cp_core::ErrorCode::NotSignedIn),
        "nothing new is answered once locked"
    );
    let done = import.await.unwrap().unwrap();
    assert_eq!(done.cases_opened.len(), 3_000, "the import the lead started still completes");

    // The lock reaches the audit trail once the import lets go of the write lock.
    session.settle().await;
    session.shutdown().await;
    let Ok(Opened::Ready { store, .. }) = Installation::new(dir.path()).open(keys.as_ref()).await else {
        panic!("the records reopen")
    };
    let last: String = sqlx::query_scalar("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(last, "locked");
    store.close().await;
}
