//! IPC commands, one file per area of the product. Each parses, calls `cp-core` and returns
//! `Result<T, cp_core::Error>`, which Tauri serialises as `{code, message}`.

pub mod allegations;
pub mod app;
pub mod attachments;
pub mod cases;
pub mod destinations;
pub mod disposal;
pub mod enquiries;
pub mod file_transfers;
pub mod import;
pub mod reports;
pub mod review;
pub mod session;
pub mod statistics;
pub mod subject_access;
pub mod updates;
