//! The organisation's server stopped at once (as a crash or a pulled cable would) during 100
//! writes, then started again: every write the lead was told was saved is there, every one
//! they were told was not is not, none is both, and the writes after the restart are saved
//! without the app being restarted. The one test of its file: it stops the test run's own
//! server, and starts it again whatever happens.

mod common;

use std::time::{Duration, Instant};

use cp_core::ErrorCode;
use cp_core::chronology::rules::NewEntry;
use cp_core::store::db::query;
use cp_core::store::notify::{Heard, Listener};

const WRITES: usize = 100;

/// The test run's server, started again when the test ends however it ends.
struct Server {
    ctl: String,
    stopped: bool,
}

impl Server {
    fn run(&mut self, what: &str) {
        let status = std::process::Command::new(&self.ctl).arg(what).status().unwrap();
        assert!(status.success(), "the server did not {what}");
        self.stopped = what == "stop";
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.stopped {
            let _ = std::process::Command::new(&self.ctl).arg("start").status();
        }
    }
}

fn entry(i: usize) -> NewEntry {
    common::phone_call(&format!("Fault write {i}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_stopped_mid_write_loses_nothing_it_confirmed_and_is_found_again() {
    let dir = tempfile::tempdir().unwrap();
    let records = common::shared_records(dir.path(), "Fault Org").await;
    let store = records.store.clone();
    // A second laptop listening for changes throughout.
    let other = cp_core::store::Store::open_shared(cp_core::shared::connect(&records.laptop, 2).await.unwrap(), None)
        .await
        .unwrap();
    let mut listener = Listener::start(&other).await.unwrap().expect("a server to listen to");
    let case = cp_core::cases::open_case(&store, 1, &common::new_case("1 Fault Road"), common::now()).await.unwrap().id;
    let mut server = Server {
        ctl: std::env::var("CP_TEST_POSTGRES_CTL").expect("CP_TEST_POSTGRES_CTL: run under with-test-postgres.sh"),
        stopped: false,
    };

    let (sent, mut results) = tokio::sync::mpsc::unbounded_channel();
    let writer = tokio::spawn(async move {
        for i in 0..WRITES {
            let done = cp_core::chronology::add_entry(&store, 1, case, &entry(i), common::now()).await;
            if sent.send((i, done.map(|_| ()))).is_err() {
                return;
            }
        }
    });

    // Stopped once 30 writes are saved, while the writer keeps going; started again once two
    // writes have been refused.
    let mut outcomes = Vec::with_capacity(WRITES);
    let (mut stopped_at, mut outage_secs) = (None, None);
    while let Some((i, done)) = results.recv().await {
        let saved = outcomes.iter().filter(|(_, d): &&(usize, cp_core::Result<()>)| d.is_ok()).count();
        if !server.stopped && stopped_at.is_none() && saved + usize::from(done.is_ok()) >= 30 {
            server.run("stop");
            stopped_at = Some(Instant::now());
        }
        outcomes.push((i, done));
        let refused = outcomes.iter().filter(|(_, d)| d.is_err()).count();
        if server.stopped && refused >= 2 {
            server.run("start");
            outage_secs = stopped_at.map(|at: Instant| at.elapsed().as_secs_f64());
        }
    }
    writer.await.unwrap();
    assert!(!server.stopped, "the server was started again");

    let store = &records.store;
    let (mut saved, mut not_saved, mut unconfirmed) = (0, 0, 0);
    for (i, done) in &outcomes {
        let kept: i64 = query("SELECT count(*) FROM chronology_revisions WHERE summary = $1")
            .bind(format!("Fault write {i}"))
            .one(&mut store.db())
            .await
            .unwrap();
        match done {
            Ok(()) => {
                assert_eq!(kept, 1, "write {i} was reported saved");
                saved += 1;
            }
            Err(e) if e.code == ErrorCode::ServerUnreachable => {
                assert_eq!(kept, 0, "write {i} was reported not saved: {}", e.message);
                assert!(e.message.contains("cannot reach your organisation's database"), "{}", e.message);
                not_saved += 1;
            }
            Err(e) if e.code == ErrorCode::SaveUnconfirmed => unconfirmed += 1,
            Err(e) => panic!("write {i}: {:?} {}", e.code, e.message),
        }
    }
    let after_restart = outcomes.iter().rev().take_while(|(_, d)| d.is_ok()).count();
    println!(
        "{WRITES} writes with the server stopped and started again: {saved} saved, {not_saved} reported not saved, \
         {unconfirmed} reported unconfirmed; {after_restart} saved after the restart; the outage lasted {:.1} s",
        outage_secs.unwrap_or_default()
    );
    assert_eq!(outcomes.len(), WRITES);
    assert!(not_saved + unconfirmed >= 2, "the outage was felt");
    assert!(after_restart > 0, "saving works again without restarting the app");
    let report = cp_core::audit::verify(store).await.unwrap();
    assert_eq!(report.first_bad_row, None, "nothing half-written: the chain is whole");
    assert!(report.altered_records.is_empty() && report.forged_rows == 0, "{report:?}");

    // The listening laptop is told its connection was lost (so it reads everything again),
    // listens again by itself, and hears the next change.
    let mut heard_loss = false;
    while !heard_loss {
        let heard = tokio::time::timeout(Duration::from_secs(2), listener.next()).await.expect("heard").unwrap();
        heard_loss = heard == Heard::Reconnected;
    }
    cp_core::chronology::add_entry(store, 1, case, &entry(WRITES), common::now()).await.unwrap();
    let row = cp_core::audit::anchor::current(store).await.unwrap().unwrap().rows;
    let next = tokio::time::timeout(Duration::from_secs(2), listener.next()).await.expect("heard").unwrap();
    assert_eq!(next, Heard::Changed { row }, "listening again after the restart");
    drop(listener);
    other.close().await;
}
