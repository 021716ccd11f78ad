//! CP Tracker's core: everything the app and the admin CLI share, with no UI in it.
//!
//! `domain` holds pure rules (no I/O, the clock injected); the store, timescales and reports
//! layers sit beside it. The Tauri shell in `src-tauri/` only translates IPC calls into calls here.

pub mod about;
pub mod error;
pub mod paths;

pub use error::{Error, ErrorCode, Result};
