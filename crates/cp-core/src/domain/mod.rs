//! Pure rules: no I/O, no clock. Each returns what is wrong in words a lead understands.

pub mod setup;
