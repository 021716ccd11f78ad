//! A SQLCipher file's connections have all closed, and their threads ended, before the
//! process ends.
//!
//! SQLCipher frees its own state (its mutexes, its private heap, the OpenSSL provider) in an
//! `atexit` handler, and OpenSSL frees its own after it. sqlx runs each SQLite connection on a
//! worker thread of its own and closes it there, in the background: a pool dropped without
//! `Store::close`, or a connection dropped while it was being given back to its pool (its
//! task cancelled as a runtime shut down), is closed by a thread nobody waits for. A process
//! that exits while one of those threads is still closing its file, or still ending, can crash
//! in those handlers (SIGSEGV or "double free", about one exit in twenty when four connections
//! close unwaited; one in a thousand when only the threads' ends were unwaited): a test
//! program after its last test, the command line after printing its answer. A crash may also
//! dump memory that holds the key. So:
//!
//! - a pool dropped without `Store::close` is closed on a thread of its own;
//! - every thread that opens a SQLCipher connection (sqlx's workers) is counted while it
//!   lives: SQLite calls `count_this_thread` as it opens each connection, on the thread that
//!   opens it, and the count drops as that thread ends, once it has freed its OpenSSL state;
//! - a handler registered after SQLCipher's (so `exit` runs it first) waits, for a few seconds
//!   at most, for the closes under way and, once no pool is left open, for every counted
//!   thread to end. A pool still open at exit keeps its connections (and their threads) open:
//!   waiting for those would only delay the exit, so they are not waited for.

use std::ffi::{c_char, c_int};
use std::sync::{Condvar, Mutex, MutexGuard, Once, PoisonError};
use std::time::{Duration, Instant};

use libsqlite3_sys as ffi;
use sqlx::sqlite::SqlitePool;

/// How long a dropped pool's close may take: its last connection folds the write-ahead log
/// into the file, which a large log makes slower. A close that takes longer is abandoned.
const CLOSE_WAIT: Duration = Duration::from_secs(10);

/// How long `exit` waits for closes and threads still under way.
const EXIT_WAIT: Duration = Duration::from_secs(10);

/// What `exit` waits on.
struct Counts {
    /// Pools handed out in a `Store` and not yet dropped.
    open_pools: usize,
    /// Pools dropped and still closing.
    closing: usize,
    /// Threads that have opened a SQLCipher connection and not yet ended.
    threads: usize,
}

impl Counts {
    fn done(&self) -> bool {
        self.closing == 0 && (self.open_pools > 0 || self.threads == 0)
    }
}

static COUNTS: Mutex<Counts> = Mutex::new(Counts { open_pools: 0, closing: 0, threads: 0 });
static CHANGED: Condvar = Condvar::new();
static EXIT_HANDLER: Once = Once::new();
static THREAD_COUNTER: Once = Once::new();

fn counts() -> MutexGuard<'static, Counts> {
    COUNTS.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Before the first connection opens: SQLite then calls `count_this_thread` for every
/// connection it opens, in this process, on the opening thread.
pub(super) fn count_connection_threads() {
    THREAD_COUNTER.call_once(|| {
        // SAFETY: `count_this_thread` has the signature SQLite calls an automatic extension
        // with, and never unwinds.
        if unsafe { ffi::sqlite3_auto_extension(Some(count_this_thread)) } != ffi::SQLITE_OK {
            tracing::warn!("could not count the threads that open databases, to wait for them at exit");
        }
    });
}

/// Held in a thread-local by each thread that opened a connection: dropped as the thread
/// ends, after its connection (which the thread closed before returning) is gone.
struct ConnectionThread;

// OpenSSL, which SQLCipher links on every platform (the system's on Linux, built in on
// Windows and macOS), has it since 1.1.0.
unsafe extern "C" {
    /// Frees the calling thread's OpenSSL state now, rather than in OpenSSL's own destructor
    /// as the thread ends.
    fn OPENSSL_thread_stop();
}

impl Drop for ConnectionThread {
    fn drop(&mut self) {
        // The thread's OpenSSL state would otherwise be freed after this count drops, and
        // OpenSSL's exit handler, free to run by then, frees the same lists: "double free or
        // corruption" about once in a thousand exits (caught in a core dump: the handler in
        // `OPENSSL_cleanup`, the thread in its key destructors). Freed here, nothing of OpenSSL's
        // is left for the thread's end.
        // SAFETY: takes no arguments; the thread uses no OpenSSL after its connection closed.
        unsafe { OPENSSL_thread_stop() };
        let mut counts = counts();
        counts.threads = counts.threads.saturating_sub(1);
        CHANGED.notify_all();
    }
}

thread_local! {
    static THIS_THREAD: ConnectionThread = {
        counts().threads += 1;
        ConnectionThread
    };
}

unsafe extern "C" fn count_this_thread(
    _db: *mut ffi::sqlite3,
    _error: *mut *mut c_char,
    _api: *const ffi::sqlite3_api_routines,
) -> c_int {
    // Only fails while the thread is already ending, when it has nothing more to count.
    let _ = THIS_THREAD.try_with(|_| ());
    ffi::SQLITE_OK
}

/// Held by a file's `Store` and every clone of it; the last one dropped closes the pool.
#[derive(Debug)]
pub(super) struct CloseOnDrop(SqlitePool);

/// Once a connection has been tried (opened or refused), so SQLCipher and OpenSSL have
/// registered their handlers already: `exit` runs this one before theirs.
pub(super) fn wait_at_exit() {
    EXIT_HANDLER.call_once(|| {
        // SAFETY: `wait_for_closing` is an `extern "C" fn()` that never unwinds.
        if unsafe { libc::atexit(wait_for_closing) } != 0 {
            tracing::warn!("could not register the wait for closing databases at exit");
        }
    });
}

impl CloseOnDrop {
    /// For a pool that has opened its first connection.
    pub(super) fn new(pool: SqlitePool) -> Self {
        wait_at_exit();
        counts().open_pools += 1;
        Self(pool)
    }
}

impl Drop for CloseOnDrop {
    fn drop(&mut self) {
        // `Store::close` closed it already.
        let closed = self.0.is_closed() && self.0.size() == 0;
        {
            // Counted as closing in the same step as it stops counting as open, so `exit`
            // never sees neither.
            let mut counts = counts();
            counts.open_pools = counts.open_pools.saturating_sub(1);
            if !closed {
                counts.closing += 1;
            }
        }
        CHANGED.notify_all();
        if closed {
            return;
        }
        let pool = self.0.clone();
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
        let mut counts = counts();
        counts.closing = counts.closing.saturating_sub(1);
        CHANGED.notify_all();
    }
}

extern "C" fn wait_for_closing() {
    let deadline = Instant::now() + EXIT_WAIT;
    let mut counts = counts();
    while !counts.done() {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return;
        }
        counts = CHANGED.wait_timeout(counts, left).unwrap_or_else(PoisonError::into_inner).0;
    }
}
