//! Passphrases are stored only as Argon2id hashes (PHC strings, salt and cost inside).

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use crate::{Error, FieldError, Result};

pub const MIN_CHARS: usize = 12;
pub const MAX_CHARS: usize = 1024;

/// The rule, for a form field. Counted in characters, so "é" is one.
pub fn check(field: &str, passphrase: &str) -> Option<FieldError> {
    let n = passphrase.chars().count();
    if n == 0 {
        Some(FieldError::new(field, "Enter a passphrase"))
    } else if n < MIN_CHARS {
        Some(FieldError::new(field, format!("Passphrase must be {MIN_CHARS} characters or more")))
    } else if n > MAX_CHARS {
        Some(FieldError::new(field, format!("Passphrase must be {MAX_CHARS} characters or fewer")))
    } else {
        None
    }
}

pub fn hash(passphrase: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(passphrase.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| Error::internal("The passphrase could not be protected."))
}

pub fn verify(passphrase: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|parsed| Argon2::default().verify_password(passphrase.as_bytes(), &parsed).is_ok())
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_verifies_only_the_same_passphrase() {
        let h = hash("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("correct horse battery", &h));
        assert!(!verify("correct horse batterY", &h));
        assert!(!verify("correct horse battery", "not a hash"));
    }

    #[test]
    fn length_rule_counts_characters() {
        assert!(check("p", "").is_some());
        assert!(check("p", "elevenchars").is_some());
        assert!(check("p", "twelve chars").is_none());
        assert!(check("p", "ééééééééééé").is_some());
        assert!(check("p", "éééééééééééé").is_none());
    }
}
