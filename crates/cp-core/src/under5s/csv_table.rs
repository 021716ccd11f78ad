//! A CSV file exported from a spreadsheet, read into a header and rows, whatever its shape:
//! UTF-8 with or without a byte order mark, UTF-16 (Excel's "Unicode text"), Windows-1252,
//! CRLF or LF, comma, semicolon or tab between cells.

use crate::{Error, Result};

/// Larger than any list of children a local authority sends (10,000 rows is about 1 MB);
/// a bigger file is almost certainly the wrong one, and reading it would only be slow.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// A list has a dozen or two columns; a spreadsheet's stray columns rarely reach 100. More is
/// the wrong file, and each column costs work on every row (a 1,000,000-column header took the
/// preview 22 seconds).
pub const MAX_COLUMNS: usize = 200;
/// Longer than any name, address or note a list holds.
pub const MAX_CELL_CHARS: usize = 1_000;
/// Five times the largest list a local authority sends.
pub const MAX_ROWS: usize = 50_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    /// Each row with its spreadsheet row number (the header is row 1). Rows whose cells are
    /// all empty (a spreadsheet's trailing ",,,,") are left out.
    pub rows: Vec<(u32, Vec<String>)>,
}

/// Reads a whole file. The error says what is wrong with the file in words a lead can act on.
pub fn read(bytes: &[u8]) -> Result<Table> {
    check_size(bytes.len() as u64)?;
    let text = decode(bytes)?;
    if text.trim().is_empty() {
        return Err(Error::invalid("The file is empty. Export the list from the spreadsheet again."));
    }
    let delimiter = sniff_delimiter(&text);
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut records = reader.records();
    let headers: Vec<String> = match records.next() {
        Some(Ok(r)) => cells(1, &r)?,
        Some(Err(e)) => return Err(unreadable(1, &e)),
        None => return Err(Error::invalid("The file is empty. Export the list from the spreadsheet again.")),
    };
    let mut rows = Vec::new();
    for (i, record) in records.enumerate() {
        let number = u32::try_from(i + 2).unwrap_or(u32::MAX);
        if rows.len() >= MAX_ROWS {
            return Err(Error::invalid(format!(
                "The file has more than {} rows of children. An Under 5s list is much shorter: check you chose \
                 the right file, or split it and import each part.",
                group_thousands(MAX_ROWS)
            )));
        }
        let record = record.map_err(|e| unreadable(number, &e))?;
        let cells = cells(number, &record)?;
        if cells.iter().any(|c| !c.is_empty()) {
            rows.push((number, cells));
        }
    }
    if rows.is_empty() {
        return Err(Error::invalid("The file has a header row but no rows of children under it."));
    }
    Ok(Table { headers, rows })
}

/// A row's cells, trimmed, once its shape is one a list can have.
fn cells(row: u32, record: &csv::StringRecord) -> Result<Vec<String>> {
    if record.len() > MAX_COLUMNS {
        return Err(Error::invalid(format!(
            "Row {row} of the file has {} columns. An Under 5s list has far fewer (at most {MAX_COLUMNS}): \
             check you chose the right file, or delete the empty columns in the spreadsheet and export it again.",
            group_thousands(record.len())
        )));
    }
    if let Some((column, cell)) = record.iter().enumerate().find(|(_, c)| c.chars().count() > MAX_CELL_CHARS) {
        return Err(Error::invalid(format!(
            "Row {row}, column {} of the file holds {} characters, more than any name, address or note in a \
             list (at most {}): check you chose the right file.",
            column + 1,
            group_thousands(cell.chars().count()),
            group_thousands(MAX_CELL_CHARS)
        )));
    }
    Ok(record.iter().map(|c| c.trim().to_owned()).collect())
}

/// 1000000 as "1,000,000", as a lead reads a number.
fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// Refuses a file too big to be a list, before it is read.
pub fn check_size(bytes: u64) -> Result<()> {
    if bytes > MAX_FILE_BYTES as u64 {
        return Err(Error::invalid(format!(
            "This file is {:.1} MB. An Under 5s list is much smaller (at most {} MB): check you chose the right file.",
            bytes as f64 / (1024.0 * 1024.0),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    Ok(())
}

fn unreadable(row: u32, e: &csv::Error) -> Error {
    let why = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "it is not text",
        _ => "it is not in CSV form",
    };
    Error::invalid(format!("Row {row} of the file could not be read: {why}. Export the list as CSV again."))
}

/// Text from the file's bytes: a byte order mark decides; else UTF-8 if it is valid UTF-8;
/// else Windows-1252, which is what Excel on Windows writes for "CSV" in the UK.
fn decode(bytes: &[u8]) -> Result<String> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return not_binary(text.into_owned());
    }
    if looks_binary(bytes) {
        return Err(binary());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => not_binary(s.to_owned()),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            not_binary(text.into_owned())
        }
    }
}

fn binary() -> Error {
    Error::invalid(
        "This is not a CSV file: it holds binary data. If it is an Excel workbook, open it and save it \
         as \"CSV (Comma delimited)\" first.",
    )
}

/// Zip (.xlsx, .ods), the old Office format (.xls), or NUL bytes, which no text file has.
fn looks_binary(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) || bytes.contains(&0)
}

fn not_binary(text: String) -> Result<String> {
    let control = text.chars().filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')).count();
    if text.contains('\0') || control * 100 > text.chars().count().max(1) {
        return Err(binary());
    }
    Ok(text)
}

/// The separator the header row uses most, outside quotes: Excel writes ';' where the comma
/// is a decimal mark, and tabs for "Unicode text".
fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0].1 += 1,
            ';' if !quoted => counts[1].1 += 1,
            '\t' if !quoted => counts[2].1 += 1,
            _ => {}
        }
    }
    counts.iter().max_by_key(|(_, n)| *n).filter(|(_, n)| *n > 0).map_or(b',', |(d, _)| *d)
}

/// A cell as written into any CSV the app makes: a cell a spreadsheet would run as a formula
/// (starting `=`, `+`, `-` or `@`, or a tab or carriage return before one) gets a leading
/// apostrophe, so it is shown as text and never evaluated.
pub fn safe_cell(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{cell}") } else { cell.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_crlf_and_quotes() {
        let t = read(b"\xEF\xBB\xBFSurname,\"First, name\"\r\nNowak,\"Zo\xC3\xAB\"\r\n,\r\n").unwrap();
        assert_eq!(t.headers, ["Surname", "First, name"]);
        assert_eq!(t.rows, [(2, vec!["Nowak".to_owned(), "Zoë".to_owned()])]);
    }

    #[test]
    fn windows_1252_and_semicolons() {
        let t = read(b"Surname;First name\nO\x92Brien;Zo\xEB\n").unwrap();
        assert_eq!(t.rows[0].1, ["O\u{2019}Brien", "Zoë"]);
    }

    #[test]
    fn utf16_with_bom_and_tabs() {
        let text = "Surname\tFirst name\r\nŁukasz\tAnna\r\n";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let t = read(&bytes).unwrap();
        assert_eq!(t.rows[0].1, ["Łukasz", "Anna"]);
    }

    #[test]
    fn awkward_files_are_refused_with_reasons() {
        assert!(read(b"").unwrap_err().message.contains("empty"));
        assert!(read(b"  \r\n\r\n").unwrap_err().message.contains("empty"));
        assert!(read(b"Surname,DOB\r\n").unwrap_err().message.contains("no rows"));
        assert!(read(b"PK\x03\x04\x14\x00rest").unwrap_err().message.contains("binary"));
        assert!(read(b"a,b\n\x01\x02\x03\x04\x05\x06\x07\x08,x\n").unwrap_err().message.contains("binary"));
        let big = vec![b'a'; MAX_FILE_BYTES + 1];
        assert!(read(&big).unwrap_err().message.contains("MB"));
    }

    #[test]
    fn shapes_no_list_has_are_refused_by_row() {
        let mut wide = vec!["c"; 1_000_000].join(",");
        wide.push_str("\na,b\n");
        let err = read(wide.as_bytes()).unwrap_err().message;
        assert!(err.starts_with("Row 1 of the file has 1,000,000 columns"), "{err}");

        let long = format!("Surname,Notes\nNowak,{}\n", "x".repeat(MAX_CELL_CHARS + 1));
        let err = read(long.as_bytes()).unwrap_err().message;
        assert!(err.starts_with("Row 2, column 2 of the file holds 1,001 characters"), "{err}");

        let wide_row = format!("Surname\nNowak{}\n", ",x".repeat(MAX_COLUMNS));
        assert!(read(wide_row.as_bytes()).unwrap_err().message.starts_with("Row 2 of the file has 201 columns"));

        let many = format!("Surname\n{}", "Nowak\n".repeat(MAX_ROWS + 1));
        assert!(read(many.as_bytes()).unwrap_err().message.contains("more than 50,000 rows"));
        let most = format!("Surname\n{}", "Nowak\n".repeat(MAX_ROWS));
        assert_eq!(read(most.as_bytes()).unwrap().rows.len(), MAX_ROWS);
        let at_most = format!("{}\n{}\n", vec!["c"; MAX_COLUMNS].join(","), "é".repeat(MAX_CELL_CHARS));
        assert_eq!(read(at_most.as_bytes()).unwrap().headers.len(), MAX_COLUMNS);
    }

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(safe_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe_cell("+44 117"), "'+44 117");
        assert_eq!(safe_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe_cell("-1"), "'-1");
        assert_eq!(safe_cell("Nowak"), "Nowak");
    }
}
