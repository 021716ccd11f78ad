//! Test helper for `tests/foundations/exit_while_closing.rs`: leaves a connection closing on
//! its worker thread, with a long write-ahead log to fold into the file as it closes, and
//! returns from `main` at once. That is what a connection dropped while it was being given
//! back to its pool does (its task cancelled as the runtime shuts down): the pool no longer
//! counts it, and nothing else waits for it. It must exit with status 0 every time, and the
//! rows it wrote must be in the file afterwards (the test reads them back).
//!
//! Usage: connection_dropped_at_exit DATA_DIR (writes, then exits) or
//! connection_dropped_at_exit DATA_DIR --count (prints the rows found).

use cp_core::store::{OpenMode, Store};
use cp_core::vault::DbKey;

/// Enough rows that folding the log into the file takes tens of milliseconds.
const ROWS: i64 = 4_000;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let mut args = std::env::args_os().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: connection_dropped_at_exit DATA_DIR [--count]");
        std::process::exit(2);
    };
    let path = std::path::Path::new(&dir).join("cp-tracker.db");
    let key_path = std::path::Path::new(&dir).join("key");
    if args.next().is_some_and(|a| a == "--count") {
        let key = std::fs::read(&key_path).unwrap_or_else(|e| fail(&e.to_string()));
        let key = DbKey::from_slice(&key).unwrap_or_else(|e| fail(&e.message));
        let store = Store::open(&path, &key, OpenMode::Existing).await.unwrap_or_else(|e| fail(&e.message));
        let pool = store.file_pool().unwrap_or_else(|| fail("not a file"));
        let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM filler").fetch_one(pool).await.unwrap_or(-1);
        println!("{rows}");
        store.close().await;
        return;
    }

    let key = DbKey::generate().unwrap_or_else(|e| fail(&e.message));
    std::fs::write(&key_path, key.as_bytes()).unwrap_or_else(|e| fail(&e.to_string()));
    let store = Store::open(&path, &key, OpenMode::Create).await.unwrap_or_else(|e| fail(&e.message));
    store.close().await;
    let store = Store::open(&path, &key, OpenMode::Existing).await.unwrap_or_else(|e| fail(&e.message));
    let pool = store.file_pool().unwrap_or_else(|| fail("not a file")).clone();
    let mut conn = pool.acquire().await.unwrap_or_else(|e| fail(&e.to_string()));
    // The log grows until this connection, the file's last, folds it in as it closes.
    let writes = [
        "PRAGMA wal_autocheckpoint = 0".to_owned(),
        "CREATE TABLE filler (id INTEGER PRIMARY KEY, body BLOB NOT NULL)".to_owned(),
        format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {ROWS}) \
             INSERT INTO filler (body) SELECT randomblob(4000) FROM n"
        ),
    ];
    for sql in writes {
        sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut *conn).await.unwrap_or_else(|e| fail(&e.to_string()));
    }
    let conn = conn.detach();
    drop(pool);
    // The pool's other connections close first; this one is the file's last.
    store.close().await;
    drop(conn);
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(1);
}
