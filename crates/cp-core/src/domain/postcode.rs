//! UK postcodes: validated against the formats Royal Mail issues (plus GIR 0AA) and stored
//! normalised, upper case with one space before the inward code, so addresses compare.

use crate::{Error, Result};

/// Normalises `typed` (any case and spacing) or says what a postcode looks like.
pub fn normalise(typed: &str) -> Result<String> {
    let compact: String = typed.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    let bad = || Error::invalid("Enter a real postcode, like BS5 9QZ.");
    if compact == "GIR0AA" {
        return Ok("GIR 0AA".to_owned());
    }
    if !(5..=7).contains(&compact.len()) || !compact.is_ascii() {
        return Err(bad());
    }
    let (outward, inward) = compact.split_at(compact.len() - 3);
    let inward_ok = {
        let b = inward.as_bytes();
        b[0].is_ascii_digit() && b[1].is_ascii_uppercase() && b[2].is_ascii_uppercase()
            // Royal Mail never uses C, I, K, M, O or V in the inward code's letters.
            && !b"CIKMOV".contains(&b[1]) && !b"CIKMOV".contains(&b[2])
    };
    if !inward_ok || !outward_ok(outward) {
        return Err(bad());
    }
    Ok(format!("{outward} {inward}"))
}

/// Outward code shapes: A9, A99, AA9, AA99, A9A, AA9A.
fn outward_ok(o: &str) -> bool {
    let b = o.as_bytes();
    let a = |i: usize| b.get(i).is_some_and(u8::is_ascii_uppercase);
    let n = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    match b.len() {
        2 => a(0) && n(1),
        3 => a(0) && ((n(1) && (n(2) || a(2))) || (a(1) && n(2))),
        4 => a(0) && a(1) && n(2) && (n(3) || a(3)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_shapes_normalise() {
        for (typed, want) in [
            ("bs5 9qz", "BS5 9QZ"),
            ("BS59QZ", "BS5 9QZ"),
            (" m1  1ae ", "M1 1AE"),
            ("B33 8TH", "B33 8TH"),
            ("CR2 6XH", "CR2 6XH"),
            ("DN55 1PT", "DN55 1PT"),
            ("W1A 0AX", "W1A 0AX"),
            ("EC1A 1BB", "EC1A 1BB"),
            ("gir0aa", "GIR 0AA"),
        ] {
            assert_eq!(normalise(typed).unwrap(), want, "{typed}");
        }
    }

    #[test]
    fn non_postcodes_are_refused() {
        for typed in ["", "BS5", "12345", "BS5 9QC", "BS5 QZ9", "BSS5 9QZ", "B5555 9QZ", "ŁS5 9QZ", "BS5 9QZ X"] {
            assert!(normalise(typed).is_err(), "{typed}");
        }
    }
}
