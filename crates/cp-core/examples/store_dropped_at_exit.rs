//! Test helper for `tests/foundations/exit_while_closing.rs`: opens an encrypted database in the folder it
//! is given, reads from it on every connection of the pool, then drops the store without
//! closing it and returns from `main` at once, as a test program does after its last test.
//! It must exit with status 0 every time.

use cp_core::store::{OpenMode, Store};
use cp_core::vault::DbKey;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: store_dropped_at_exit DATA_DIR");
        std::process::exit(2);
    };
    let path = std::path::Path::new(&dir).join("cp-tracker.db");
    let key = DbKey::generate().unwrap_or_else(|e| fail(&e.message));
    let store = Store::open(&path, &key, OpenMode::Create).await.unwrap_or_else(|e| fail(&e.message));
    store.close().await;
    let store = Store::open(&path, &key, OpenMode::Existing).await.unwrap_or_else(|e| fail(&e.message));
    // Four reads at once open the pool's four connections, so four close when it drops.
    let reads = (0..4).map(|_| {
        let store = store.clone();
        tokio::spawn(async move {
            let tables: Result<i64, cp_core::Error> =
                cp_core::store::db::query("SELECT count(*) FROM sqlite_master").one(&mut store.db()).await;
            tables
        })
    });
    for read in reads.collect::<Vec<_>>() {
        if !matches!(read.await, Ok(Ok(_))) {
            fail("a read failed");
        }
    }
    drop(store);
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(1);
}
