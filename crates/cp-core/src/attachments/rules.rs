//! What may be attached, and what a lead typed about it. Pure: a file's name, its first bytes
//! and its size go in; its kind, or the sentence that refuses it, comes out.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::label::Label;
use crate::{Error, FieldError, Result};

/// The kinds of file a lead may attach; stored as the snake_case name. Only PDFs and images
/// are shown inside the app; the rest are saved out on request, never opened by the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum FileKind {
    Pdf,
    Jpeg,
    Png,
    Heic,
    Word,
    Excel,
    Email,
    Text,
}

crate::labels!(FileKind {
    Pdf => "PDF",
    Jpeg => "Photo (JPEG)",
    Png => "Image (PNG)",
    Heic => "Photo (HEIC)",
    Word => "Word document",
    Excel => "Excel spreadsheet",
    Email => "Email",
    Text => "Text",
});

impl FileKind {
    /// The media type the viewer is given.
    pub fn media_type(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::Heic => "image/heic",
            Self::Word => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Self::Excel => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Self::Email => "message/rfc822",
            Self::Text => "text/plain",
        }
    }

    /// Shown inside the app (the webview draws it from memory).
    pub fn viewable(self) -> bool {
        matches!(self, Self::Pdf | Self::Jpeg | Self::Png)
    }
}

/// Each extension a lead may attach, and what its first bytes must be when the kind has a
/// signature (so a renamed program is not taken for a letter).
const KINDS: &[(&str, FileKind, &[&[u8]])] = &[
    ("pdf", FileKind::Pdf, &[b"%PDF-"]),
    ("jpg", FileKind::Jpeg, &[b"\xFF\xD8\xFF"]),
    ("jpeg", FileKind::Jpeg, &[b"\xFF\xD8\xFF"]),
    ("png", FileKind::Png, &[b"\x89PNG\r\n\x1a\n"]),
    ("heic", FileKind::Heic, &[]),
    ("docx", FileKind::Word, &[b"PK\x03\x04"]),
    ("doc", FileKind::Word, &[b"\xD0\xCF\x11\xE0"]),
    ("xlsx", FileKind::Excel, &[b"PK\x03\x04"]),
    ("xls", FileKind::Excel, &[b"\xD0\xCF\x11\xE0"]),
    ("eml", FileKind::Email, &[]),
    ("msg", FileKind::Email, &[b"\xD0\xCF\x11\xE0"]),
    ("txt", FileKind::Text, &[]),
];

/// The extensions a file picker offers, in the table's order.
pub fn extensions() -> Vec<&'static str> {
    KINDS.iter().map(|(e, _, _)| *e).collect()
}

/// 50 MB unless Settings say otherwise.
pub const DEFAULT_LIMIT_MB: u32 = 50;

/// The largest file a lead may attach, in MB, at most: a bigger one belongs in a system made
/// for it, and the whole database is read into backups.
pub const MOST_LIMIT_MB: u32 = 500;

const MAX_TITLE_CHARS: usize = 200;
const MAX_FROM_CHARS: usize = 200;
const MAX_REASON_CHARS: usize = 1000;
const MAX_NAME_CHARS: usize = 255;

fn refused(message: impl Into<String>) -> Error {
    Error::fields(vec![FieldError::new("attachFile", message)])
}

/// The file's name as kept: its last part only (never a folder), at most 255 characters.
pub fn file_name(name: &str) -> Result<String> {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default().trim();
    if last.is_empty() {
        return Err(refused("Choose a file to attach"));
    }
    Ok(last.chars().take(MAX_NAME_CHARS).collect())
}

/// What kind of file `name` is, from its extension, with its first bytes checked against the
/// kind's signature where it has one.
pub fn kind_of(name: &str, head: &[u8]) -> Result<FileKind> {
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let Some((_, kind, signatures)) = KINDS.iter().find(|(e, _, _)| *e == extension) else {
        return Err(refused(
            "CP Tracker keeps PDFs, photos (JPEG, PNG, HEIC), Word and Excel documents, emails (.eml, .msg) and text \
             files: this is none of them",
        ));
    };
    if !signatures.is_empty() && !signatures.iter().any(|s| head.starts_with(s)) {
        return Err(refused(format!(
            "This file's contents are not a {} although its name says so: it may be damaged, or renamed",
            kind.label().to_lowercase()
        )));
    }
    Ok(*kind)
}

/// Refuses an empty file and one over the limit (in MB), saying both sizes.
pub fn check_size(size: u64, limit_mb: u32) -> Result<()> {
    if size == 0 {
        return Err(refused("The file is empty"));
    }
    let limit = u64::from(limit_mb) * 1024 * 1024;
    if size > limit {
        let mb = size.div_ceil(1024 * 1024);
        return Err(refused(format!(
            "The file is {mb} MB: the largest CP Tracker keeps is {limit_mb} MB (a lead can change this in Settings)"
        )));
    }
    Ok(())
}

/// What a lead types about a file they attach.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewAttachment {
    pub title: String,
    /// The document's own date (a letter's, a photo's), if known.
    #[serde(default, deserialize_with = "crate::domain::typed_date::optional")]
    #[ts(type = "string | null")]
    pub document_on: Option<NaiveDate>,
    /// Who it came from: "Social worker, Bristol City Council", "Class teacher".
    pub came_from: String,
    /// The children of the case it concerns; none for the whole family.
    #[serde(default)]
    #[ts(type = "Array<number>")]
    pub children: Vec<i64>,
}

pub fn check_attachment(a: &NewAttachment, today: NaiveDate) -> Result<NewAttachment> {
    let mut errors = Vec::new();
    let title = a.title.trim();
    if title.is_empty() {
        errors.push(FieldError::new("attachTitle", "Enter a title, for example \"Referral form\""));
    } else if title.chars().count() > MAX_TITLE_CHARS {
        errors.push(FieldError::new("attachTitle", format!("The title must be {MAX_TITLE_CHARS} characters or fewer")));
    }
    let from = a.came_from.trim();
    if from.is_empty() {
        errors.push(FieldError::new("attachFrom", "Enter who it came from"));
    } else if from.chars().count() > MAX_FROM_CHARS {
        errors.push(FieldError::new("attachFrom", format!("This must be {MAX_FROM_CHARS} characters or fewer")));
    }
    if a.document_on.is_some_and(|d| d > today) {
        errors.push(FieldError::new("attachDate", "The document's date must be today or in the past"));
    }
    if !errors.is_empty() {
        return Err(Error::fields(errors));
    }
    let mut children = a.children.clone();
    children.sort_unstable();
    children.dedup();
    Ok(NewAttachment { title: title.to_owned(), document_on: a.document_on, came_from: from.to_owned(), children })
}

pub fn check_withdrawal(reason: &str) -> Result<String> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::fields(vec![FieldError::new("withdrawReason", "Enter why the file is withdrawn")]));
    }
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(Error::fields(vec![FieldError::new(
            "withdrawReason",
            format!("The reason must be {MAX_REASON_CHARS} characters or fewer"),
        )]));
    }
    Ok(reason.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_known_by_its_name_and_checked_by_its_first_bytes() {
        assert_eq!(kind_of("Referral form.PDF", b"%PDF-1.7\n").unwrap(), FileKind::Pdf);
        assert_eq!(kind_of("drawing.jpg", b"\xFF\xD8\xFF\xE0").unwrap(), FileKind::Jpeg);
        assert_eq!(kind_of("notes.txt", b"anything").unwrap(), FileKind::Text);
        let renamed = kind_of("letter.pdf", b"MZ\x90\x00").unwrap_err();
        assert!(renamed.fields[0].message.contains("not a pdf"), "{renamed}");
        assert_eq!(kind_of("setup.exe", b"MZ").unwrap_err().fields[0].field, "attachFile");
        assert_eq!(kind_of("no extension", b"%PDF-").unwrap_err().fields[0].field, "attachFile");
        assert_eq!(file_name("C:\\Users\\jo\\Letter.pdf").unwrap(), "Letter.pdf");
        assert_eq!(file_name("/home/jo/scan.png").unwrap(), "scan.png");
    }

    #[test]
    fn the_size_limit_says_both_sizes() {
        let mb = 1024 * 1024;
        assert!(check_size(50 * mb, DEFAULT_LIMIT_MB).is_ok(), "exactly 50 MB is kept");
        let over = check_size(50 * mb + 1, DEFAULT_LIMIT_MB).unwrap_err();
        assert!(over.fields[0].message.contains("51 MB") && over.fields[0].message.contains("50 MB"), "{over}");
        assert!(check_size(0, DEFAULT_LIMIT_MB).unwrap_err().fields[0].message.contains("empty"));
    }
}
