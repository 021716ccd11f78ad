//! A text field as every form checks it, so each says the same thing in the same way:
//! empty, the form's own sentence ("Enter who reported it"); too long, a sentence that names
//! the field ("Who reported it must be 500 characters or fewer").

use crate::FieldError;

/// Adds `field`'s problem to `errors`, if it has one: blank (after trimming) or over `max`
/// characters. `name` starts the too-long sentence.
pub fn required(errors: &mut Vec<FieldError>, field: &str, value: &str, empty: &str, max: usize, name: &str) {
    let value = value.trim();
    if value.is_empty() {
        errors.push(FieldError::new(field, empty));
    } else if value.chars().count() > max {
        errors.push(too_long(field, max, name));
    }
}

/// Adds `field`'s problem to `errors` if it is over `max` characters (after trimming): an
/// optional field, or one whose emptiness the form judges itself.
pub fn at_most(errors: &mut Vec<FieldError>, field: &str, value: &str, max: usize, name: &str) {
    if value.trim().chars().count() > max {
        errors.push(too_long(field, max, name));
    }
}

fn too_long(field: &str, max: usize, name: &str) -> FieldError {
    FieldError::new(field, format!("{name} must be {max} characters or fewer"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_and_too_long_each_have_their_sentence() {
        let mut errors = Vec::new();
        required(&mut errors, "a", " ", "Enter who reported it", 5, "Who reported it");
        required(&mut errors, "b", "abcdef", "Enter the role", 5, "The role");
        required(&mut errors, "c", " abcde ", "Enter it", 5, "It");
        let said: Vec<(String, String)> = errors.into_iter().map(|e| (e.field, e.message)).collect();
        assert_eq!(
            said,
            [
                ("a".to_owned(), "Enter who reported it".to_owned()),
                ("b".to_owned(), "The role must be 5 characters or fewer".to_owned())
            ]
        );
    }
}
