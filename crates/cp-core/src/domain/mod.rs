//! Pure rules: no I/O, no clock. Each returns what is wrong in words a lead understands.

pub mod case;
pub mod person;
pub mod postcode;
pub mod reference;
pub mod setup;
