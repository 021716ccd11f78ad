//! Test helper for `tests/crash_safety.rs`: writes numbered rows in a loop, each in its own
//! transaction, and prints each number only after its commit returned. The test kills this
//! process with SIGKILL at a random moment and checks every printed number survived.

use std::io::Write;

use cp_core::store::{OpenMode, Store};
use cp_core::vault::DbKey;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (Some(db), Ok(key_hex)) = (std::env::args_os().nth(1), std::env::var("CRASH_TEST_KEY")) else {
        eprintln!("usage: CRASH_TEST_KEY=<hex> crash_writer DB_FILE");
        std::process::exit(2);
    };
    let bytes = hex::decode(key_hex).unwrap_or_default();
    let key = DbKey::from_slice(&bytes).unwrap_or_else(|e| fail(&e.message));
    let store =
        Store::open(std::path::Path::new(&db), &key, OpenMode::Existing).await.unwrap_or_else(|e| fail(&e.message));
    let mut out = std::io::stdout().lock();
    for i in 0u64.. {
        let mut tx = store.begin_write().await.unwrap_or_else(|e| fail(&e.message));
        cp_core::settings::set_in(&mut tx, &format!("crash-{i}"), &"x".repeat(200))
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
