//! Pure rules: no I/O, no clock. Each returns what is wrong in words a lead understands.

pub mod address;
pub mod calendar;
pub mod case;
pub mod fold;
pub mod label;
pub mod postcode;
pub mod text;
pub mod typed_date;
