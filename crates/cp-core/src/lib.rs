//! CP Tracker's core: everything the app and the admin CLI share, with no UI in it.
//!
//! Each area of the records is a folder with its pure rules, its only SQL and its actions
//! (`cases/`, `people/`, `chronology/`, …), written through the one write path (`write`) over
//! the encrypted store (`store`) and the audit chain (`audit`); read models that join areas
//! (`case_page`, `dashboard`, `search`, `reports`) sit above them, and `session` on top.
//! ARCHITECTURE.md has the map. The Tauri shell in `src-tauri/` only translates IPC calls
//! into calls here.

pub mod about;
pub mod allegations;
pub mod attachments;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod batch;
pub mod body_maps;
pub mod case_actions;
pub mod case_page;
pub mod cases;
pub mod changes;
pub mod chronology;
pub mod clock;
pub mod concerns;
pub mod dashboard;
pub mod disposal;
pub mod domain;
pub mod drafts;
pub mod enquiries;
pub mod error;
pub mod escalations;
pub mod export;
pub mod file_transfers;
pub mod flags;
pub mod installation;
pub mod leads;
pub mod log;
pub mod maintenance;
pub mod paths;
pub mod people;
pub mod plans;
pub mod process;
pub mod referrals;
pub mod reports;
pub mod review;
pub mod search;
pub mod send_file;
pub mod session;
pub mod settings;
pub mod shared;
pub mod statistics;
pub mod store;
pub mod subject_access;
pub mod timescales;
pub mod transfers;
pub mod under5s;
pub mod vault;
pub mod write;

pub use error::{Error, ErrorCode, FieldError, Result};
