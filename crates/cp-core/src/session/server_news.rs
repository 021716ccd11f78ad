//! Shared mode: what the signed-in laptop hears from its organisation's server, passed to
//! whoever shows it (the window). Another lead's change arrives as `Changed` the moment it
//! commits (`store::notify`: LISTEN/NOTIFY, no polling); a lost connection as `Unreachable`,
//! and `Reachable` once the listener has connected again by itself (then everything shown is
//! read again, as changes made meanwhile were not heard). Nothing in the news is case content.

use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use ts_rs::TS;

use super::Session;
use crate::ErrorCode;
use crate::store::Store;
use crate::store::notify::{Heard, Listener};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ServerNews {
    /// The records changed (here or on another laptop): read what is shown again.
    Changed,
    /// The organisation's database cannot be reached.
    Unreachable,
    /// It can be again.
    Reachable,
}

/// Whoever shows the news (the window); set once at start-up.
pub type Hearer = Arc<dyn Fn(ServerNews) + Send + Sync>;

/// How long the listener waits before trying the server again. Retrying, not waiting for a
/// race to settle: a stopped server refuses at once, and the listener must not spin.
const RETRY: Duration = Duration::from_secs(2);

impl Session {
    /// Where the news goes, for every sign-in from now on.
    pub fn on_server_news(&self, hearer: Hearer) {
        *self.hearer.lock().unwrap_or_else(|p| p.into_inner()) = Some(hearer);
    }

    /// Starts listening on `store` if it is the organisation's server (on a laptop's own file
    /// there is nobody else to hear), in place of any listener before.
    pub(super) fn start_listening(&self, store: &Store) {
        self.stop_listening();
        let Some(hearer) = self.hearer.lock().unwrap_or_else(|p| p.into_inner()).clone() else { return };
        if store.server_pool().is_none() {
            return;
        }
        let store = store.clone();
        let task = tokio::spawn(async move { listen(store, hearer).await });
        *self.listening.lock().unwrap_or_else(|p| p.into_inner()) = Some(task);
    }

    /// Stops listening; the listener's pooled connection goes back as the task ends, before
    /// the store is closed (closing waits for every connection).
    pub(super) fn stop_listening(&self) {
        if let Some(task) = self.listening.lock().unwrap_or_else(|p| p.into_inner()).take() {
            task.abort();
        }
    }
}

async fn listen(store: Store, hear: Hearer) {
    let mut reachable = true;
    let mut listener: Option<Listener> = None;
    loop {
        let heard = match listener.as_mut() {
            Some(l) => l.next().await,
            None => match Listener::start(&store).await {
                Ok(Some(l)) => {
                    listener = Some(l);
                    Ok(Heard::Reconnected)
                }
                Ok(None) => return,
                Err(e) => Err(e),
            },
        };
        match heard {
            Ok(Heard::Changed { .. }) => hear(ServerNews::Changed),
            Ok(Heard::Reconnected) => {
                if !reachable {
                    reachable = true;
                    hear(ServerNews::Reachable);
                }
                hear(ServerNews::Changed);
            }
            Err(e) => {
                if e.code == ErrorCode::ServerUnreachable && reachable {
                    reachable = false;
                    hear(ServerNews::Unreachable);
                } else if e.code != ErrorCode::ServerUnreachable {
                    // Not the server's absence (its listener closed, say): start a new one.
                    tracing::warn!(code = ?e.code, "listening for changes failed; listening again");
                    listener = None;
                }
                tokio::time::sleep(RETRY).await;
            }
        }
    }
}
