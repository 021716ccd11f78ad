//! Shared mode: an organisation's records on its own PostgreSQL server, every lead on their
//! own laptop. `connect` makes the one kind of connection CP Tracker ever makes to a server:
//! TLS with the certificate verified against the organisation's CA (or the system's roots) and
//! the address (`verify-full`), never clear text, and each way it can fail told apart in a
//! sentence a lead can act on. `devices` enrols and withdraws laptops (whoever runs the
//! database); a laptop joins with its code in `installation::shared`, and its leads' ways in
//! from any laptop are `lead_slots`.

pub mod code;
pub mod connect;
pub mod desk;
pub mod devices;
pub mod import_local;
pub mod init;
pub mod lead_slots;
pub mod organisation;
pub mod recovery;
pub(crate) mod tables;

pub use code::EnrolmentCode;
pub use connect::{ServerAddress, connect};

pub use crate::store::POSTGRES_MIGRATOR;
