//! A writer killed with SIGKILL at random moments loses nothing it acknowledged, and the file
//! always passes `PRAGMA integrity_check`. Every trial writes rows of its own, and after each
//! trial every row acknowledged in any trial so far must still be there: thousands in all.

use crate::common;

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::MemoryKeys;
use cp_core::store::{self, OpenMode, Store};
use cp_core::vault::DbKey;

const TRIALS: usize = 30;
/// Fewer acknowledged writes than this and the test would prove too little.
const AT_LEAST: usize = 2_000;

#[tokio::test]
async fn killed_writers_lose_nothing_they_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (store, _) = common::set_up(dir.path(), &keys, "Crash Org").await;
    store.close().await;
    let key: DbKey = common::data_key(dir.path(), &keys);
    let db = store::db_path(dir.path());
    let writer = common::example("crash_writer");

    let mut acknowledged: HashSet<String> = HashSet::new();
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    for trial in 0..TRIALS {
        // xorshift: a spread of kill moments from 5 to ~300 ms, repeatable run to run.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let after = Duration::from_millis(5 + seed % 600);

        let mut child = Command::new(&writer)
            .arg(&db)
            .arg(trial.to_string())
            .env("CRASH_TEST_KEY", hex::encode(key.as_bytes()))
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .filter_map(|l| l.parse::<u64>().ok())
                .collect::<Vec<u64>>()
        });
        let started = Instant::now();
        while started.elapsed() < after {
            if child.try_wait().unwrap().is_some() {
                panic!("trial {trial}: the writer stopped by itself");
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        acknowledged.extend(reader.join().unwrap().into_iter().map(|i| format!("crash-{trial}-{i}")));

        let store = Store::open(&db, &key, OpenMode::Existing).await.unwrap();
        let check: String =
            sqlx::query_scalar("PRAGMA integrity_check").fetch_one(store.file_pool().unwrap()).await.unwrap();
        assert_eq!(check, "ok", "trial {trial}");
        let stored: HashSet<String> = sqlx::query_scalar("SELECT key FROM settings WHERE key LIKE 'crash-%'")
            .fetch_all(store.file_pool().unwrap())
            .await
            .unwrap()
            .into_iter()
            .collect();
        let mut lost: Vec<&String> = acknowledged.difference(&stored).collect();
        lost.sort();
        assert!(lost.is_empty(), "trial {trial}: {} acknowledged writes lost after SIGKILL: {lost:?}", lost.len());
        store.close().await;
    }
    eprintln!("{} acknowledged writes over {TRIALS} kills, none lost", acknowledged.len());
    assert!(acknowledged.len() >= AT_LEAST, "only {} writes were acknowledged", acknowledged.len());
}
