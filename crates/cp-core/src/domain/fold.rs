//! Names and addresses as they are compared: lower case, with accents and other scripts'
//! letters spelled in ASCII. Search, the people finder, the address comparison and the Under 5s
//! import all fold the same way, so what one finds the others match.

/// A name folded for searching, so "lukasz" finds "Łukasz" and "ozturk" finds "Öztürk".
pub fn search_form(name: &str) -> String {
    deunicode::deunicode(name).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_form_folds_accents_and_case() {
        assert_eq!(search_form("Łukasz Dvořák"), "lukasz dvorak");
        assert_eq!(search_form("Nguyễn Öztürk Siân"), "nguyen ozturk sian");
    }
}
