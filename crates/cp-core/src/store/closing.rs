//! A SQLCipher file's pool is always closed before the process ends.
//!
//! SQLCipher frees its own state (its mutexes, its private heap, the OpenSSL provider) in an
//! `atexit` handler. sqlx closes a dropped pool's connections on their worker threads, in the
//! background, and a process that exits while one of them is still closing its file can
//! crash in that handler (SIGSEGV, about one exit in twenty when four connections close): a
//! test program after its last test, the command line after printing its answer. A crash may
//! also dump memory that holds the key. So a pool dropped without `Store::close` is closed
//! on a thread of its own, and a handler registered after SQLCipher's (so `exit` runs it
//! first) waits for those closes to finish, for a few seconds at most.

use std::sync::{Condvar, Mutex, Once, PoisonError};
use std::time::{Duration, Instant};

use sqlx::sqlite::SqlitePool;

/// How long a dropped pool's close may take: its last connection folds the write-ahead log
/// into the file, which a large log makes slower. A close that takes longer is abandoned.
const CLOSE_WAIT: Duration = Duration::from_secs(10);

/// How long `exit` waits for closes still under way.
const EXIT_WAIT: Duration = Duration::from_secs(10);

/// Pools dropped and still closing.
static CLOSING: Mutex<usize> = Mutex::new(0);
static CLOSED: Condvar = Condvar::new();
static EXIT_HANDLER: Once = Once::new();

/// Held by a file's `Store` and every clone of it; the last one dropped closes the pool.
#[derive(Debug)]
pub(super) struct CloseOnDrop(SqlitePool);

impl CloseOnDrop {
    /// For a pool that has opened its first connection, so SQLCipher has registered its own
    /// handler already.
    pub(super) fn new(pool: SqlitePool) -> Self {
        EXIT_HANDLER.call_once(|| {
            // SAFETY: `wait_for_closing` is an `extern "C" fn()` that never unwinds.
            if unsafe { libc::atexit(wait_for_closing) } != 0 {
                tracing::warn!("could not register the wait for closing databases at exit");
            }
        });
        Self(pool)
    }
}

impl Drop for CloseOnDrop {
    fn drop(&mut self) {
        // `Store::close` closed it already.
        if self.0.is_closed() && self.0.size() == 0 {
            return;
        }
        let pool = self.0.clone();
        *CLOSING.lock().unwrap_or_else(PoisonError::into_inner) += 1;
        let counted = Counted;
        let closing = std::thread::Builder::new().name("cp-store-close".to_owned()).spawn(move || {
            let _counted = counted;
            match tokio::runtime::Builder::new_current_thread().enable_all().build() {
                Ok(runtime) => {
                    if runtime.block_on(async { tokio::time::timeout(CLOSE_WAIT, pool.close()).await }).is_err() {
                        tracing::warn!("a database's connections took too long to close");
                    }
                }
                Err(e) => tracing::warn!(error = %e, "a database could not be closed in the background"),
            }
        });
        // A thread that could not start dropped its `Counted` with its closure.
        if let Err(e) = closing {
            tracing::warn!(error = %e, "a database could not be closed in the background");
        }
    }
}

/// One close under way, counted off when dropped, however the close ends.
struct Counted;

impl Drop for Counted {
    fn drop(&mut self) {
        let mut closing = CLOSING.lock().unwrap_or_else(PoisonError::into_inner);
        *closing = closing.saturating_sub(1);
        CLOSED.notify_all();
    }
}

extern "C" fn wait_for_closing() {
    let deadline = Instant::now() + EXIT_WAIT;
    let mut closing = CLOSING.lock().unwrap_or_else(PoisonError::into_inner);
    while *closing > 0 {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return;
        }
        closing = CLOSED.wait_timeout(closing, left).unwrap_or_else(PoisonError::into_inner).0;
    }
}
