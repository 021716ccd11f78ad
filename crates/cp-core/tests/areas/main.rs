//! Each area's tests on the engine `CP_TEST_ENGINE` names: a real SQLCipher file by default,
//! the private PostgreSQL with `postgres` (scripts/test runs this program a second time so).
//! One program for every area, where each was a program of its own: each linked its own copy
//! of the core and its dependencies, and building the 23 took most of CI's time.

#[path = "../common/mod.rs"]
mod common;

mod allegations;
mod attachments;
mod audit_chain;
mod body_maps;
mod case_actions;
mod case_records;
mod cases;
mod concerns;
mod enquiries;
mod escalations;
mod every_problem_at_once;
mod file_transfers;
mod flags;
mod record_removal;
mod referrals;
mod reports;
mod retention;
mod review;
mod statistics;
mod subject_access;
mod transfers;
mod under5s;
mod write_path;
