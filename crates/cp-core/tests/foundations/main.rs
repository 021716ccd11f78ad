//! What the areas stand on: the laptop's files (the SQLCipher file, the vault, the keyring,
//! sign-in, backups, a kill mid-write) and shared mode's connection, sign-in and enrolment. One
//! program, built and linked once. `log` and `server_faults` are programs of their own: a
//! process has one log, and the server stopped under one test would fail the others.

#[path = "../common/mod.rs"]
mod common;

mod audit_laptop_file;
mod backup;
mod backup_across_modes;
mod changes_heard;
mod concurrency;
mod crash_safety;
mod exit_while_closing;
mod import_local;
mod keyring;
mod module_layers;
mod one_sql_two_engines;
mod postgres_schema;
mod recovery_key_change;
mod server_connect;
mod session;
mod setup_killed;
mod shared_enrolment;
mod shared_session;
mod shared_sign_in_desk;
mod sign_in;
mod store_files;
mod stored_values;
mod two_laptops_writing;
mod wrong_key;
