//! Leads signing in: passphrases (Argon2id) and the growing delay after failed attempts.

pub mod lockout;
pub mod passphrase;
