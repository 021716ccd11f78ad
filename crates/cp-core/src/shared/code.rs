//! The one-time enrolment code `shared add-device` prints and a laptop's set-up screen (or
//! `shared join`) takes: the device's number, then 20 characters of Crockford's base32 in
//! groups of four (100 random bits), like `7-K3QF-9XMB-2WPR-HT6C-N4DZ`. The number names the
//! laptop's role on the server; the characters are that role's first password, which the
//! laptop replaces with its own as it joins, so the code works once.

use crate::vault::key::fill_random;
use crate::{Error, Result};

/// Crockford's base32: no I, L, O or U, so nothing read aloud or copied by hand is ambiguous.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const SECRET_LEN: usize = 20;

#[derive(Clone, PartialEq, Eq)]
pub struct EnrolmentCode {
    pub device_id: i64,
    /// The role's first password (the 20 characters, without dashes).
    pub secret: zeroize::Zeroizing<String>,
}

impl std::fmt::Debug for EnrolmentCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "EnrolmentCode({}-…)", self.device_id)
    }
}

impl EnrolmentCode {
    pub fn generate(device_id: i64) -> Result<Self> {
        let mut bytes = [0u8; SECRET_LEN];
        fill_random(&mut bytes)?;
        let secret: String = bytes.iter().map(|b| ALPHABET[usize::from(b % 32)] as char).collect();
        Ok(Self { device_id, secret: secret.into() })
    }

    /// As printed: the number, then the characters in groups of four.
    pub fn grouped(&self) -> String {
        let groups: Vec<&str> =
            self.secret.as_bytes().chunks(4).map(|c| std::str::from_utf8(c).unwrap_or_default()).collect();
        format!("{}-{}", self.device_id, groups.join("-"))
    }

    /// A code as typed: any case, spaces or dashes anywhere after the number, and the letters
    /// people confuse with digits (O, I, L) read as the digits.
    pub fn parse(typed: &str) -> Result<Self> {
        let bad = || {
            Error::invalid(
                "The enrolment code is not right: it looks like 7-K3QF-9XMB-2WPR-HT6C-N4DZ. Check it with whoever gave \
                 it to you.",
            )
        };
        let typed = typed.trim();
        let (number, rest) = typed.split_once(['-', ' ']).ok_or_else(bad)?;
        let device_id: i64 = number.trim().parse().ok().filter(|n| *n > 0).ok_or_else(bad)?;
        let mut secret = String::with_capacity(SECRET_LEN);
        for c in rest.chars().filter(|c| !matches!(c, '-' | ' ')) {
            let c = match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            if !ALPHABET.contains(&(c as u8)) || !c.is_ascii() {
                return Err(bad());
            }
            secret.push(c);
        }
        if secret.len() != SECRET_LEN {
            return Err(bad());
        }
        Ok(Self { device_id, secret: secret.into() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_reads_back_as_printed_and_as_typed_carelessly() {
        let code = EnrolmentCode::generate(7).unwrap();
        let printed = code.grouped();
        assert_eq!(printed.len(), "7-".len() + 20 + 4);
        assert_eq!(EnrolmentCode::parse(&printed).unwrap(), code);
        let careless = format!(" {} ", printed.to_lowercase().replace('-', " "));
        assert_eq!(EnrolmentCode::parse(&careless).unwrap(), code);
        let read_aloud = EnrolmentCode::parse("12-oooo-iiii-llll-0000-1111").unwrap();
        assert_eq!((read_aloud.device_id, read_aloud.secret.as_str()), (12, "00001111111100001111"));
        for bad in
            ["", "K3QF-9XMB-2WPR-HT6C-N4DZ", "0-K3QF-9XMB-2WPR-HT6C-N4DZ", "7-K3QF-9XMB", "7-K3QF-9XMB-2WPR-HT6C-N4DU"]
        {
            assert!(EnrolmentCode::parse(bad).is_err(), "{bad}");
        }
        assert!(!format!("{code:?}").contains(code.secret.as_str()), "never printed by Debug");
    }
}
