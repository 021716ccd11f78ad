//! No request waits for another one's queries: a search is answered while a weekly checklist
//! of 1,000 live cases is loading, and Lock while a long import is being written.
//!
//! Each test holds the long request part way (the checklist after the session has handed it
//! the store, the import inside its write at its first row) and asks for the short one
//! meanwhile: answered, it cannot have waited for the long one; had the session kept its lock
//! for a whole request, the short one would wait until the test gave up.

use crate::common;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use chrono::{DateTime, Utc};
use common::{MemoryKeys, now, set_up};
use cp_core::batch::Batch;
use cp_core::clock::Clock;
use cp_core::installation::Installation;
use cp_core::search::rules::CaseQuery;
use cp_core::session::{AppView, Session};
use cp_core::under5s::Field;
use tokio::sync::Notify;

/// The tests' one instant, 23 November 2026.
struct FixedClock;

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        now()
    }
}

/// Once armed, holds the request that asks the time for the `nth` time, until the test lets it
/// go, and tells the test when it is held.
struct HeldClock {
    armed: AtomicBool,
    calls: AtomicUsize,
    nth: usize,
    held: Notify,
    go: Mutex<mpsc::Receiver<()>>,
}

impl Clock for HeldClock {
    fn now(&self) -> DateTime<Utc> {
        if self.armed.load(Ordering::SeqCst) && self.calls.fetch_add(1, Ordering::SeqCst) + 1 == self.nth {
            self.held.notify_one();
            // A blocking wait, as the clock is not async: it holds this one request's thread.
            let _ = self.go.lock().unwrap().recv();
        }
        now()
    }
}

async fn signed_in<C: Clock + 'static>(
    cases: usize,
    clock: Arc<C>,
) -> (tempfile::TempDir, Arc<MemoryKeys>, Arc<Session>) {
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

    let session = Arc::new(Session::new(Installation::new(dir.path()), keys.clone(), clock, None));
    assert!(matches!(session.view().await, AppView::SignedOut { .. }));
    session.sign_in(1, "joanna's long passphrase").await.unwrap();
    (dir, keys, session)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_is_answered_while_the_weekly_checklist_of_1000_cases_loads() {
    let (go, wait) = mpsc::channel();
    // The checklist asks the time twice: under the session's lock (has the app been idle?),
    // then, the lock let go, for its week. It is held at the second.
    let clock =
        Arc::new(HeldClock { armed: false.into(), calls: 0.into(), nth: 2, held: Notify::new(), go: Mutex::new(wait) });
    let (_dir, _keys, session) = signed_in(1_000, clock.clone()).await;

    clock.armed.store(true, Ordering::SeqCst);
    let checklist = tokio::spawn({
        let session = session.clone();
        async move { session.checklist(None, None).await }
    });
    clock.held.notified().await;

    let query = CaseQuery { text: "7 Long".into(), ..CaseQuery::default() };
    let found = tokio::time::timeout(Duration::from_secs(60), session.search_cases(&query)).await;
    let running = !checklist.is_finished();
    go.send(()).unwrap();
    let found = found.expect("the search waited for the checklist to finish");
    assert!(running, "the checklist was still loading");
    assert!(found.unwrap().total > 0, "the search finds the cases");
    let list = checklist.await.unwrap().unwrap();
    assert_eq!(list.items.len(), 1_000, "the checklist still loads in full");
    session.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lock_is_answered_while_a_long_import_is_written() {
    let (dir, keys, session) = signed_in(0, Arc::new(FixedClock)).await;
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

    // The import is held inside its write, at its first row, until Lock has been answered.
    let held = Arc::new(Notify::new());
    let (go, wait) = mpsc::channel::<()>();
    let import = tokio::spawn({
        let (session, held) = (session.clone(), held.clone());
        let sha256 = preview.sha256.clone();
        async move {
            let mut progress = move |done: usize, _: usize| {
                if done == 1 {
                    held.notify_one();
                    let _ = wait.recv();
                }
            };
            session.under5s_import(csv.as_bytes(), &mapping, &[], &sha256, &mut progress).await
        }
    });
    held.notified().await;

    let view = tokio::time::timeout(Duration::from_secs(60), session.lock()).await;
    let writing = !import.is_finished();
    go.send(()).unwrap();
    let view = view.expect("Lock waited for the import to finish");
    assert!(writing, "the import was still being written");
    assert!(matches!(view.unwrap(), AppView::Locked { .. }), "the app locks at once");
    assert!(
        matches!(session.search_cases(&CaseQuery::default()).await, Err(e) if e.code == cp_core::ErrorCode::NotSignedIn),
        "nothing new is answered once locked"
    );
    let done = import.await.unwrap().unwrap();
    assert_eq!(done.cases_opened.len(), 3_000, "the import the lead started still completes");

    // The lock reaches the audit trail once the import lets go of the write lock.
    session.settle().await;
    session.shutdown().await;
    let store = common::inspect(dir.path(), keys.as_ref()).await;
    // After the import's rows, then the sign-out that closing the app writes.
    let last: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_log ORDER BY id DESC LIMIT 2")
        .fetch_all(store.file_pool().unwrap())
        .await
        .unwrap();
    assert_eq!(last, ["sign_out", "locked"]);
    store.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_import_writes_nothing() {
    let (_dir, _keys, session) = signed_in(0, Arc::new(FixedClock)).await;
    let mut csv = String::from("Surname,First name,DOB,Address,Postcode\n");
    for i in 0..500u32 {
        csv.push_str(&format!("Family{i},Child{i},{:02}/03/2024,{i} Long Road,BS{} 9QZ\n", 1 + i % 28, 1 + i % 40));
    }
    let preview = session.under5s_preview(csv.as_bytes(), None, &[]).await.unwrap();
    let mapping: Vec<Option<Field>> = preview.columns.iter().map(|c| c.field).collect();
    let before = session.search_cases(&CaseQuery::default()).await.unwrap().total;

    // The lead presses Cancel (another task, as the window would) once 100 rows are written.
    let (at_100, pressed) = mpsc::channel::<()>();
    let (cancelled, wait) = mpsc::channel::<()>();
    let canceller = tokio::spawn({
        let session = session.clone();
        async move {
            tokio::task::spawn_blocking(move || pressed.recv()).await.unwrap().unwrap();
            session.under5s_cancel();
            cancelled.send(()).unwrap();
        }
    });
    let mut progress = move |done: usize, _: usize| {
        if done == 100 {
            at_100.send(()).unwrap();
            wait.recv().unwrap();
        }
    };
    let err = session.under5s_import(csv.as_bytes(), &mapping, &[], &preview.sha256, &mut progress).await.unwrap_err();
    canceller.await.unwrap();
    assert_eq!(err.code, cp_core::ErrorCode::Cancelled);
    assert_eq!(err.message, "The import was cancelled: nothing was imported.");
    assert_eq!(session.search_cases(&CaseQuery::default()).await.unwrap().total, before, "no case was opened");

    // A cancel is for the import under way only: the next one runs in full.
    let done = session.under5s_import(csv.as_bytes(), &mapping, &[], &preview.sha256, &mut |_, _| {}).await.unwrap();
    assert_eq!(done.cases_opened.len(), 500);
    session.shutdown().await;
}
