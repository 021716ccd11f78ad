//! The words a lead reads for each stored value, on screen and on paper. Every enum a lead
//! sees implements `Label`; the UI's lists of options and its labels are generated from it
//! (`ui/src/lib/words.ts`, by src-tauri's bindings), and the reports call it, so a printed
//! report and the screen cannot disagree.

use serde::Serialize;

pub trait Label: Copy + Serialize + 'static {
    /// Every value, in the order a lead is offered them.
    const ALL: &'static [Self];

    /// The words for the value, capitalised as a label or a table cell.
    fn label(self) -> &'static str;
}

/// Every value as stored (its serde name, as the UI receives it) with its words, in order.
pub fn table<T: Label>() -> Vec<(String, &'static str)> {
    T::ALL
        .iter()
        .filter_map(|v| match serde_json::to_value(v) {
            Ok(serde_json::Value::String(stored)) => Some((stored, v.label())),
            _ => None,
        })
        .collect()
}

/// Implements `Label` from a list of `Variant => "words"`, in the order a lead is offered them.
#[macro_export]
macro_rules! labels {
    ($ty:ty { $($variant:ident => $words:expr),+ $(,)? }) => {
        impl $crate::domain::label::Label for $ty {
            const ALL: &'static [Self] = &[$(<$ty>::$variant),+];
            fn label(self) -> &'static str {
                match self {
                    $(<$ty>::$variant => $words),+
                }
            }
        }
    };
}
