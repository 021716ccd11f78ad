//! Test helper for `tests/foundations/crash_safety.rs`: writes numbered rows in a loop, each in its own
//! transaction, and prints each number only after its commit returned. The test kills this
//! process with SIGKILL at a random moment and checks every printed number survived. Each
//! trial's rows carry its own name, so a row lost in one trial is never hidden by a later
//! trial writing the same key again.

use std::io::Write;

use cp_core::store::{OpenMode, Store};
use cp_core::vault::DbKey;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut args = std::env::args_os().skip(1);
    let (Some(db), Some(trial), Ok(key_hex)) = (args.next(), args.next(), std::env::var("CRASH_TEST_KEY")) else {
        eprintln!("usage: CRASH_TEST_KEY=<hex> crash_writer DB_FILE TRIAL");
        std::process::exit(2);
    };
    let bytes = hex::decode(key_hex).unwrap_or_default();
    let key = DbKey::from_slice(&bytes).unwrap_or_else(|e| fail(&e.message));
    let store =
        Store::open(std::path::Path::new(&db), &key, OpenMode::Existing).await.unwrap_or_else(|e| fail(&e.message));
    let mut out = std::io::stdout().lock();
    for i in 0u64.. {
        let mut tx = store.begin_write().await.unwrap_or_else(|e| fail(&e.message));
        cp_core::settings::set_in(&mut tx.conn(), &format!("crash-{}-{i}", trial.to_string_lossy()), &"x".repeat(200))
            .await
            .unwrap_or_else(|e| fail(&e.message));
        tx.commit().await.unwrap_or_else(|e| fail(&e.to_string()));
        if writeln!(out, "{i}").and_then(|()| out.flush()).is_err() {
            return;
        }
    }
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(1);
}
