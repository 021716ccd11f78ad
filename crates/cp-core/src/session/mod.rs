//! The app's session: what start-up found, who is signed in, and when the app locks. The
//! Tauri commands and tests drive this one object; it holds no UI. What a signed-in lead
//! manages (leads, passphrase, idle lock, backups) is in `settings.rs`.

mod allegations;
mod attachments;
mod cases;
mod disposal;
mod enquiries;
pub mod file_transfers;
mod recovery_key;
mod reports;
mod review;
mod server_news;
mod settings;
mod setup;
mod statistics;
mod subject_access;
mod under5s;

pub use review::TimescaleSetup;
pub use server_news::{Hearer, ServerNews};

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use tokio::sync::Mutex;
use tokio::task::JoinSet;
use ts_rs::TS;

use crate::audit::{self, Action, Actor, Entry};
use crate::clock::{Clock, stamp};
use crate::installation::{Installation, Unlocked, sign_in_list};
use crate::leads::rules::IDLE_LOCK_DEFAULT_MINUTES;
use crate::leads::{self, Lead};
use crate::store::Store;
use crate::vault::{DbKey, Directory, KeyStore, RecoveryKey, VaultFile};
use crate::{Error, ErrorCode, FieldError, Result};

const IDLE_SETTING: &str = "idle_lock_minutes";
/// The two groups of the recovery key a lead types back at set-up (1-based).
pub const CONFIRM_GROUPS: [usize; 2] = [3, 7];

/// Everything the UI needs to choose its screen. Case data never appears here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "state", rename_all = "snake_case", rename_all_fields = "camelCase")]
pub enum AppView {
    NotSetUp,
    NeedsRecovery,
    /// Start-up could not open the data; the error says why and what to do.
    Problem {
        error: Error,
    },
    SignedOut {
        organisation: String,
        leads: Vec<Lead>,
    },
    SignedIn {
        organisation: String,
        lead: Lead,
        idle_lock_seconds: u32,
        idle_lock_minutes: u32,
        /// The records are on the organisation's server (shared mode): settings word backups
        /// and the recovery key for it.
        shared_mode: bool,
    },
    /// Shows who is signed in and nothing else.
    Locked {
        organisation: String,
        lead: Lead,
    },
}

/// Shown once at set-up.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecoverySheet {
    pub groups: Vec<String>,
    #[ts(type = "[number, number]")]
    pub confirm_groups: [usize; 2],
}

enum Phase {
    Unopened,
    NotSetUp {
        pending: Option<RecoveryKey>,
    },
    NeedsRecovery(VaultFile),
    Problem(Error),
    /// The records are closed: the sign-in screen, drawn from `vault.json`.
    SignedOut {
        vault: VaultFile,
        directory: Directory,
    },
    /// The records, open for a signed-in lead (locked or not). The database key stays for
    /// wrapping the slots of leads added meanwhile; it is wiped when the records close.
    Open {
        store: Store,
        vault: VaultFile,
        key: DbKey,
        user: User,
    },
}

struct User {
    lead: Lead,
    locked: bool,
    last_activity: DateTime<Utc>,
}

pub struct Session {
    installation: Installation,
    keys: Arc<dyn KeyStore>,
    clock: Arc<dyn Clock>,
    /// Tests set a lock timeout in seconds; it can only make locking sooner.
    idle_override_seconds: Option<u32>,
    phase: Mutex<Phase>,
    /// The session's own audit rows (locked, signed out) are written in the background: the
    /// app must lock at once, even while an import holds the database's write lock for a
    /// minute. Shutdown waits for them.
    background: std::sync::Mutex<JoinSet<()>>,
    /// A new recovery key shown to the signed-in lead, until they type part of it back.
    new_recovery_key: std::sync::Mutex<Option<RecoveryKey>>,
    /// Set when the lead cancels the Under 5s import under way; it stops at its next row.
    import_cancelled: std::sync::atomic::AtomicBool,
    /// Shared mode: where the server's news goes (`server_news.rs`), and the task listening.
    hearer: std::sync::Mutex<Option<server_news::Hearer>>,
    listening: std::sync::Mutex<Option<tokio::task::JoinHandle<()>>>,
}

impl Session {
    pub fn new(
        installation: Installation,
        keys: Arc<dyn KeyStore>,
        clock: Arc<dyn Clock>,
        idle_override_seconds: Option<u32>,
    ) -> Self {
        Self {
            installation,
            keys,
            clock,
            idle_override_seconds,
            phase: Mutex::new(Phase::Unopened),
            background: std::sync::Mutex::new(JoinSet::new()),
            import_cancelled: std::sync::atomic::AtomicBool::new(false),
            new_recovery_key: std::sync::Mutex::new(None),
            hearer: std::sync::Mutex::new(None),
            listening: std::sync::Mutex::new(None),
        }
    }

    /// The current view; opens the data folder on first call.
    pub async fn view(&self) -> AppView {
        let mut phase = self.phase.lock().await;
        if matches!(*phase, Phase::Unopened) {
            *phase = self.reopen().await;
        }
        self.lock_if_idle(&mut phase).await;
        self.render(&phase).await.unwrap_or_else(|error| AppView::Problem { error })
    }

    async fn render(&self, phase: &Phase) -> Result<AppView> {
        Ok(match phase {
            Phase::Unopened | Phase::NotSetUp { .. } => AppView::NotSetUp,
            Phase::NeedsRecovery(_) => AppView::NeedsRecovery,
            Phase::Problem(error) => AppView::Problem { error: error.clone() },
            Phase::SignedOut { vault, directory } => AppView::SignedOut {
                organisation: directory.organisation.clone(),
                leads: sign_in_list(vault, directory),
            },
            Phase::Open { store, user, .. } if user.locked => {
                AppView::Locked { organisation: leads::organisation_name(store).await?, lead: user.lead.clone() }
            }
            Phase::Open { store, user, .. } => {
                let minutes = idle_minutes(store).await?;
                AppView::SignedIn {
                    organisation: leads::organisation_name(store).await?,
                    lead: user.lead.clone(),
                    idle_lock_seconds: self.idle_seconds(minutes),
                    idle_lock_minutes: minutes,
                    shared_mode: store.server_pool().is_some(),
                }
            }
        })
    }

    fn idle_seconds(&self, minutes: u32) -> u32 {
        let configured = minutes * 60;
        self.idle_override_seconds.map_or(configured, |s| s.min(configured))
    }

    async fn lock_if_idle(&self, phase: &mut Phase) {
        let Phase::Open { store, user, .. } = phase else { return };
        if user.locked {
            return;
        }
        let Ok(minutes) = idle_minutes(store).await else { return };
        let now = self.clock.now();
        if now - user.last_activity >= Duration::seconds(i64::from(self.idle_seconds(minutes))) {
            user.locked = true;
            self.record_in_background(store, Entry::new(stamp(now), Actor::Lead(user.lead.id), Action::Locked), false);
        }
    }

    /// The store and the signed-in, unlocked lead; refuses otherwise.
    async fn as_lead<'a>(&self, phase: &'a mut Phase) -> Result<(&'a Store, Lead)> {
        self.lock_if_idle(phase).await;
        match phase {
            Phase::Open { store, user: u, .. } if !u.locked => Ok((store, u.lead.clone())),
            _ => Err(not_signed_in()),
        }
    }

    /// The open store and the signed-in, unlocked lead, for one action. The session's lock is
    /// let go before the action's queries run, so a long checklist, report or import never
    /// keeps Lock, or any other request, waiting. An action already running when the app
    /// locks finishes: the lead was signed in when they asked for it.
    async fn signed_in(&self) -> Result<(Store, Lead)> {
        let mut phase = self.phase.lock().await;
        let (store, lead) = self.as_lead(&mut phase).await?;
        Ok((store.clone(), lead))
    }

    /// Opens the records for the lead whose passphrase this is (`Installation::sign_in`). A
    /// lead already signed in (the app locked) is signed out first, unless it is them.
    pub async fn sign_in(&self, lead_id: i64, passphrase: &str) -> Result<AppView> {
        if passphrase.is_empty() {
            return Err(Error::fields(vec![FieldError::new("passphrase", "Enter your passphrase")]));
        }
        let mut phase = self.phase.lock().await;
        if let Phase::Open { user, .. } = &*phase {
            if user.lead.id == lead_id {
                drop(phase);
                return self.unlock(passphrase).await;
            }
            self.close_records(&mut phase);
        }
        let Phase::SignedOut { vault, .. } = &*phase else { return Err(not_open()) };
        let now = self.clock.now();
        let Unlocked { store, key, lead, vault } = self
            .installation
            .sign_in(vault, self.keys.as_ref(), lead_id, passphrase, now)
            .await
            .map_err(on_passphrase)?;
        // The archive rule runs once a lead is signed in, never before; a failure here must
        // not keep the lead out of their records, and the next daily run tries again.
        let _ = crate::cases::archive_sweep(&store, now).await;
        self.start_listening(&store);
        *phase = Phase::Open { store, vault, key, user: User { lead, locked: false, last_activity: now } };
        self.render(&phase).await
    }

    /// Unlocks for the lead who locked; anyone else signs out first.
    pub async fn unlock(&self, passphrase: &str) -> Result<AppView> {
        if passphrase.is_empty() {
            return Err(Error::fields(vec![FieldError::new("passphrase", "Enter your passphrase")]));
        }
        let mut phase = self.phase.lock().await;
        let Phase::Open { store, vault, user, .. } = &mut *phase else { return Err(not_signed_in()) };
        let now = self.clock.now();
        let lead = self
            .installation
            .unlock(store, vault, self.keys.as_ref(), user.lead.id, passphrase, now)
            .await
            .map_err(on_passphrase)?;
        *user = User { lead, locked: false, last_activity: now };
        self.render(&phase).await
    }

    /// Signs the lead out and closes the records.
    pub async fn sign_out(&self) -> Result<AppView> {
        let mut phase = self.phase.lock().await;
        self.follow_server(&mut phase).await;
        self.close_records(&mut phase);
        self.render(&phase).await
    }

    /// On a joined laptop, the sign-in screen that follows lists the leads the server has now,
    /// each with a way in (`Installation::follow_server`). Signing out never waits long on it:
    /// a server out of reach leaves the list as it was, and the next sign-in tries again.
    async fn follow_server(&self, phase: &mut Phase) {
        let Phase::Open { store, vault, key, .. } = phase else { return };
        if store.server_pool().is_none() {
            return;
        }
        let following = self.installation.follow_server(store, vault, key, self.keys.as_ref());
        match tokio::time::timeout(std::time::Duration::from_secs(5), following).await {
            Ok(Ok(updated)) => *vault = updated,
            Ok(Err(e)) => tracing::warn!(code = ?e.code, "the sign-in list could not follow the server"),
            Err(_) => tracing::warn!("the sign-in list could not follow the server in 5 seconds"),
        }
    }

    /// Closes the records, if open, leaving the sign-in screen. The sign-out row is written
    /// and the records closed in the background, so signing out is immediate even while an
    /// import holds the write lock; an action already running finishes first.
    fn close_records(&self, phase: &mut Phase) {
        // A new recovery key shown to this lead and not confirmed is never shown to the next.
        *self.new_recovery_key.lock().unwrap_or_else(|p| p.into_inner()) = None;
        if !matches!(phase, Phase::Open { .. }) {
            return;
        }
        let Phase::Open { store, vault, user, .. } = std::mem::replace(phase, Phase::Unopened) else { return };
        self.stop_listening();
        let entry = Entry::new(stamp(self.clock.now()), Actor::Lead(user.lead.id), Action::SignOut);
        self.record_in_background(&store, entry, true);
        *phase = self.signed_out(vault);
    }

    pub async fn lock(&self) -> Result<AppView> {
        let mut phase = self.phase.lock().await;
        if let Phase::Open { store, user: u, .. } = &mut *phase
            && !u.locked
        {
            u.locked = true;
            self.record_in_background(
                store,
                Entry::new(stamp(self.clock.now()), Actor::Lead(u.lead.id), Action::Locked),
                false,
            );
        }
        self.render(&phase).await
    }

    /// The UI reports a lead's activity (throttled), which postpones the idle lock.
    pub async fn touch(&self) -> Result<AppView> {
        let mut phase = self.phase.lock().await;
        self.lock_if_idle(&mut phase).await;
        if let Phase::Open { user: u, .. } = &mut *phase
            && !u.locked
        {
            u.last_activity = self.clock.now();
        }
        self.render(&phase).await
    }

    /// Closes the records before the process exits. SQLCipher's exit handler frees its locked
    /// memory; a connection still closing on a worker thread at that moment crashes the
    /// process (seen in 1 of 20 test runs), and a crash may write memory to a core file.
    pub async fn shutdown(&self) {
        self.settle().await;
        self.stop_listening();
        let mut phase = self.phase.lock().await;
        if let Phase::Open { store, user, .. } = std::mem::replace(&mut *phase, Phase::Unopened) {
            // Closing the app ends the lead's session, locked or not: the trail says so. A
            // failure here is already in the local log (the store logs its cause), and the app
            // is closing either way.
            let entry = Entry::new(stamp(self.clock.now()), Actor::Lead(user.lead.id), Action::SignOut);
            let _ = audit::record(&store, entry).await;
            store.close().await;
        }
    }
}

impl Session {
    /// The sign-in screen for `vault`, or the problem that stops it being drawn.
    fn signed_out(&self, vault: VaultFile) -> Phase {
        match self.installation.directory(&vault, self.keys.as_ref()) {
            Ok(directory) => Phase::SignedOut { vault, directory },
            Err(error) => Phase::Problem(error),
        }
    }
}

pub(super) async fn idle_minutes(store: &Store) -> Result<u32> {
    Ok(crate::settings::get(store, IDLE_SETTING)
        .await?
        .and_then(|v| v.parse().ok())
        .unwrap_or(IDLE_LOCK_DEFAULT_MINUTES))
}

impl Session {
    /// Writes `entry`, and then closes the records if `then_close`.
    fn record_in_background(&self, store: &Store, entry: Entry, then_close: bool) {
        const ATTEMPTS: u32 = 6;
        let store = store.clone();
        let mut pending = self.background.lock().unwrap_or_else(|p| p.into_inner());
        while pending.try_join_next().is_some() {}
        pending.spawn(async move {
            // Each try waits out the store's busy timeout: a long import may hold the write
            // lock for longer than one.
            for attempt in 1..=ATTEMPTS {
                match audit::record(&store, entry.clone()).await {
                    Ok(()) => break,
                    Err(err) if attempt == ATTEMPTS => {
                        tracing::error!(code = ?err.code, cause = %err, "the session's audit row could not be written")
                    }
                    Err(_) => {}
                }
            }
            if then_close {
                store.close().await;
            }
        });
    }

    /// Waits for the audit rows being written in the background (tests read them next).
    pub async fn settle(&self) {
        let mut pending = std::mem::take(&mut *self.background.lock().unwrap_or_else(|p| p.into_inner()));
        while pending.join_next().await.is_some() {}
    }
}

/// A wrong or delayed passphrase is shown beside the passphrase field.
fn on_passphrase(e: Error) -> Error {
    match e.code {
        ErrorCode::SignInRefused | ErrorCode::SignInDelayed => {
            Error { fields: vec![FieldError::new("passphrase", e.message.clone())], ..e }
        }
        _ => e,
    }
}

/// Turns an error of one of `codes` into form input errors beside `field`; others pass unchanged.
fn beside(field: &'static str, codes: &'static [ErrorCode]) -> impl Fn(Error) -> Error {
    move |e| if codes.contains(&e.code) { Error::fields(vec![FieldError::new(field, e.message)]) } else { e }
}

fn already_set_up() -> Error {
    Error::new(ErrorCode::AlreadySetUp, "CP Tracker is already set up on this laptop.")
}

fn not_open() -> Error {
    Error::new(ErrorCode::NotSetUp, "CP Tracker's records are not open. Close and reopen the app.")
}

fn not_signed_in() -> Error {
    Error::new(ErrorCode::NotSignedIn, "Sign in first.")
}
