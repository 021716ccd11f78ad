//! A transfer package on the wire: the `age` format (age-encryption.org/v1) with one
//! passphrase (scrypt) recipient, around UTF-8 JSON lines: the manifest, then one record a
//! line, each listed in the manifest with its SHA-256. `docs/transfer-format.md` is the full
//! description; `age -d` opens a package with the passphrase, so a setting without CP Tracker
//! can read one too.
//!
//! Reading trusts nothing: a wrong passphrase, a package cut short or altered (age's own
//! authentication), a record missing, added, reordered or changed (the manifest), or a
//! package from a newer version each end in a sentence a lead can act on, never a panic.

use std::io::{Read, Write};

use age::secrecy::SecretString;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::format::{FORMAT, Listed, Manifest, Record, VERSION};
use crate::vault::recovery::{random_symbols, typed_symbols};
use crate::{Error, FieldError, Result};

/// scrypt's cost for the package's key: 2^15 (32 MiB, a fraction of a second). The passphrase
/// is CP Tracker's own 25 symbols (about 124 bits), so guessing it is hopeless whatever the
/// cost; a higher one would only keep a lead waiting.
const WORK_FACTOR: u8 = 15;
/// The most a package may ask of the receiving laptop (2^18: 256 MiB): a package that asks for
/// more is refused rather than tying the laptop up.
const MOST_WORK_FACTOR: u8 = 18;
/// The largest decrypted package read: far above any case's file, short of a laptop's memory.
const MOST_BYTES: u64 = 256 * 1024 * 1024;

const GROUPS: usize = 5;
const GROUP_LEN: usize = 5;

/// The one-time passphrase a package is made for: 25 symbols without look-alikes, read out by
/// phone in five groups. Wiped on drop.
#[derive(Clone)]
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    pub fn generate() -> Result<Self> {
        Ok(Self(random_symbols(GROUPS * GROUP_LEN)?))
    }

    /// What a lead types: any case, spaces or dashes anywhere.
    pub fn parse(typed: &str) -> Result<Self> {
        let wrong = || {
            Error::fields(vec![FieldError::new(
                "passphrase",
                "Enter the passphrase as the sender read it out: 25 letters and digits in five groups",
            )])
        };
        match typed_symbols(typed) {
            Some(out) if out.len() == GROUPS * GROUP_LEN => Ok(Self(out)),
            _ => Err(wrong()),
        }
    }

    /// In groups of five, as the lead reads it out.
    pub fn grouped(&self) -> String {
        self.0
            .as_bytes()
            .chunks(GROUP_LEN)
            .map(|g| String::from_utf8_lossy(g).into_owned())
            .collect::<Vec<_>>()
            .join("-")
    }

    fn secret(&self) -> SecretString {
        SecretString::from(self.0.as_str().to_owned())
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A package made: its bytes, and the SHA-256 of its manifest line (the receipt slip's).
pub struct Sealed {
    pub bytes: Vec<u8>,
    pub digest: String,
    pub records: usize,
}

/// Makes a package of `records` for `passphrase`; `manifest` is filled in with each record's
/// kind and hash.
pub fn seal(mut manifest: Manifest, records: &[Record], passphrase: &Passphrase) -> Result<Sealed> {
    let cannot = |_| Error::internal("The transfer package could not be made.");
    let mut lines = Vec::with_capacity(records.len());
    for r in records {
        lines.push(serde_json::to_string(r).map_err(cannot)?);
    }
    manifest.format = FORMAT.to_owned();
    manifest.version = VERSION;
    manifest.records = records
        .iter()
        .zip(&lines)
        .map(|(r, line)| Listed { kind: r.kind().to_owned(), sha256: sha256_hex(line.as_bytes()) })
        .collect();
    let head = serde_json::to_string(&manifest).map_err(cannot)?;
    let mut recipient = age::scrypt::Recipient::new(passphrase.secret());
    recipient.set_work_factor(WORK_FACTOR);
    let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
        .map_err(|_| Error::internal("The transfer package could not be encrypted."))?;
    let mut bytes = Vec::new();
    let io = |_| Error::internal("The transfer package could not be encrypted.");
    let mut writer = encryptor.wrap_output(&mut bytes).map_err(io)?;
    for line in std::iter::once(&head).chain(&lines) {
        writer.write_all(line.as_bytes()).map_err(io)?;
        writer.write_all(b"\n").map_err(io)?;
    }
    writer.finish().map_err(io)?;
    Ok(Sealed { bytes, digest: sha256_hex(head.as_bytes()), records: records.len() })
}

/// A package opened and checked against its manifest.
#[derive(Debug, Clone)]
pub struct Opened {
    pub manifest: Manifest,
    /// SHA-256 of the manifest line.
    pub digest: String,
    pub records: Vec<Record>,
    /// The lines as they arrived (manifest first), kept with the received case.
    pub body: String,
}

fn damaged() -> Error {
    Error::fields(vec![FieldError::new(
        "file",
        "This transfer package is damaged or incomplete, so nothing was imported. Ask the sender to send it again",
    )])
}

fn not_package() -> Error {
    Error::fields(vec![FieldError::new(
        "file",
        "That file is not a CP Tracker transfer package. Choose the file the sending setting sent you (its name \
         ends in .cptransfer)",
    )])
}

/// Opens `bytes` with `passphrase`; checks every record against the manifest.
pub fn open(bytes: &[u8], passphrase: &Passphrase) -> Result<Opened> {
    let decryptor = match age::Decryptor::new(bytes) {
        Ok(d) => d,
        Err(age::DecryptError::UnknownFormat) => return Err(not_package()),
        Err(_) if !bytes.starts_with(b"age-encryption.org/") => return Err(not_package()),
        Err(_) => return Err(damaged()),
    };
    if !decryptor.is_scrypt() {
        return Err(not_package());
    }
    let mut identity = age::scrypt::Identity::new(passphrase.secret());
    identity.set_max_work_factor(MOST_WORK_FACTOR);
    let reader = decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity)).map_err(|e| match e {
        age::DecryptError::DecryptionFailed
        | age::DecryptError::KeyDecryptionFailed
        | age::DecryptError::NoMatchingKeys => Error::fields(vec![FieldError::new(
            "passphrase",
            "That passphrase does not open this package, so nothing was imported. Check each group with the sender \
             by phone; if it is right, the package was damaged on its way: ask for it again",
        )]),
        _ => damaged(),
    })?;
    let mut plain = Zeroizing::new(Vec::new());
    reader.take(MOST_BYTES + 1).read_to_end(&mut plain).map_err(|_| damaged())?;
    if plain.len() as u64 > MOST_BYTES {
        return Err(damaged());
    }
    let text = std::str::from_utf8(&plain).map_err(|_| damaged())?;
    read_lines(text)
}

/// A package's decrypted text (as `age -d` gives it) checked against its manifest: every line
/// present, in order, with its hash and kind, and every person a record names in the package.
pub fn read_lines(text: &str) -> Result<Opened> {
    let body = text.strip_suffix('\n').ok_or_else(damaged)?;
    let mut lines = body.split('\n');
    let head = lines.next().ok_or_else(damaged)?;
    let probe: serde_json::Value = serde_json::from_str(head).map_err(|_| damaged())?;
    if probe.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(not_package());
    }
    match probe.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(VERSION) => {}
        Some(v) if v > u64::from(VERSION) => {
            return Err(Error::fields(vec![FieldError::new(
                "file",
                "This package was made by a newer CP Tracker. Update CP Tracker on this laptop, then open it again",
            )]));
        }
        _ => return Err(damaged()),
    }
    let manifest: Manifest = serde_json::from_value(probe).map_err(|_| damaged())?;
    let lines: Vec<&str> = lines.collect();
    if lines.len() != manifest.records.len() {
        return Err(damaged());
    }
    let mut records = Vec::with_capacity(lines.len());
    for (line, listed) in lines.iter().zip(&manifest.records) {
        if sha256_hex(line.as_bytes()) != listed.sha256 {
            return Err(damaged());
        }
        let record: Record = serde_json::from_str(line).map_err(|_| damaged())?;
        if record.kind() != listed.kind {
            return Err(damaged());
        }
        records.push(record);
    }
    check_links(&records)?;
    Ok(Opened { digest: sha256_hex(head.as_bytes()), manifest, records, body: text.to_owned() })
}

/// One case record, first; every person id once; every plan and revision naming people the
/// package holds.
fn check_links(records: &[Record]) -> Result<()> {
    if !matches!(records.first(), Some(Record::Case(_))) || records.iter().skip(1).any(|r| matches!(r, Record::Case(_)))
    {
        return Err(damaged());
    }
    let mut people = std::collections::HashSet::new();
    for r in records {
        if let Record::Person(p) = r
            && !people.insert(p.id)
        {
            return Err(damaged());
        }
    }
    for r in records {
        let named: Vec<i64> = match r {
            Record::Plan(p) => vec![p.person],
            Record::Entry(e) => {
                if e.revisions.is_empty() || e.revisions.iter().enumerate().any(|(i, rev)| rev.revision != i as i64 + 1)
                {
                    return Err(damaged());
                }
                e.revisions.iter().flat_map(|rev| rev.children.iter().copied()).collect()
            }
            _ => Vec::new(),
        };
        if named.iter().any(|id| !people.contains(id)) {
            return Err(damaged());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passphrase_reads_back_however_it_was_typed() {
        let p = Passphrase::generate().unwrap();
        let grouped = p.grouped();
        assert_eq!(grouped.len(), 29);
        let typed = grouped.to_lowercase().replace('-', " ");
        assert_eq!(Passphrase::parse(&typed).unwrap().grouped(), grouped);
        assert!(Passphrase::parse("ABCDE").is_err());
        assert!(Passphrase::parse(&grouped.replace(&grouped[..1], "0")).is_err(), "0 is not in the alphabet");
    }
}
