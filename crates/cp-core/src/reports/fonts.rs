//! The embedded font: DejaVu Sans, regular and bold (free licence, `assets/fonts/LICENSE`).
//! It covers every Latin-script name (Polish, Czech, Turkish, Vietnamese, Welsh…), and it is
//! embedded and subset into each PDF, so a report never depends on the computer's fonts.

pub const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
