//! A child protection file moving on, for the signed-in lead: a case's file sent as a package
//! and paper pack where the lead chose, a package from another setting opened and received,
//! and the log's receipts, chases and clock.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::file_transfers::rules::{Chase, NewTransfer, Receipt};
use crate::file_transfers::{self, PackagePreview, Received};
use crate::send_file::{self, Destinations, Sent};
use crate::{Error, Result};

use super::Session;

/// The largest package a laptop reads: far above any case's file (attachments included), short
/// of what would strain a laptop's memory.
const MOST_PACKAGE_BYTES: u64 = 512 * 1024 * 1024;

/// The paper pack goes beside the package: "Anna's file.cptransfer" and "Anna's file (paper
/// pack).pdf", so the lead chooses one place for both.
fn paper_pack_beside(package: &Path) -> PathBuf {
    let stem = package.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "file".into());
    package.with_file_name(format!("{stem} (paper pack).pdf"))
}

fn read_package(path: &Path) -> Result<Vec<u8>> {
    let unreadable = |e: std::io::Error| {
        Error::fields(vec![crate::FieldError::new(
            "file",
            format!("The package could not be read ({}). Choose the file again", e.kind()),
        )])
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::new();
    file.take(MOST_PACKAGE_BYTES + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() as u64 > MOST_PACKAGE_BYTES {
        return Err(Error::fields(vec![crate::FieldError::new(
            "file",
            "That file is far larger than any transfer package. Choose the file the sending setting sent you",
        )]));
    }
    Ok(bytes)
}

impl Session {
    /// Sends the case's file (or one child's): the package at `package`, the paper pack beside
    /// it, the transfer logged. The passphrase is in the answer, once.
    pub async fn send_file(&self, case_id: i64, t: &NewTransfer, package: &Path) -> Result<Sent> {
        let (ref store, me) = self.signed_in().await?;
        let paper = paper_pack_beside(package);
        let to = Destinations { package, paper_pack: Some(&paper), data_dir: &self.installation.data_dir };
        send_file::send(store, me.id, case_id, t, &to, None, self.clock.now()).await
    }

    pub async fn preview_package(&self, path: &Path, passphrase: &str) -> Result<PackagePreview> {
        let bytes = read_package(path)?;
        let (ref store, me) = self.signed_in().await?;
        file_transfers::preview(store, me.id, &bytes, passphrase, self.clock.now()).await
    }

    pub async fn receive_package(&self, path: &Path, passphrase: &str) -> Result<Received> {
        let bytes = read_package(path)?;
        let (ref store, me) = self.signed_in().await?;
        file_transfers::receive(store, me.id, &bytes, passphrase, self.clock.now()).await
    }

    pub async fn record_transfer_receipt(&self, transfer_id: i64, r: &Receipt) -> Result<()> {
        let (ref store, me) = self.signed_in().await?;
        file_transfers::record_receipt(store, me.id, transfer_id, r, self.clock.now()).await
    }

    pub async fn record_transfer_chase(&self, transfer_id: i64, c: &Chase) -> Result<()> {
        let (ref store, me) = self.signed_in().await?;
        file_transfers::record_chase(store, me.id, transfer_id, c, self.clock.now()).await
    }

    pub async fn transfer_days(&self) -> Result<u32> {
        let (ref store, _) = self.signed_in().await?;
        file_transfers::days(store).await
    }

    pub async fn set_transfer_days(&self, days: u32) -> Result<u32> {
        let (ref store, me) = self.signed_in().await?;
        file_transfers::set_days(store, me.id, days, self.clock.now()).await
    }

    pub async fn transfer_keeps_copy(&self) -> Result<bool> {
        let (ref store, _) = self.signed_in().await?;
        file_transfers::keeps_copy(store).await
    }

    pub async fn set_transfer_keeps_copy(&self, keep: bool) -> Result<bool> {
        let (ref store, me) = self.signed_in().await?;
        file_transfers::set_keeps_copy(store, me.id, keep, self.clock.now()).await
    }
}
