//! Set-up is all or nothing, even when the process is killed part-way (a crash, a laptop
//! turned off). The database and `vault.json` are built in a folder of their own inside the
//! data folder, then moved into place: the database first, then `vault.json`, whose arrival
//! is the moment set-up is done. Killed before that, the next start finds the staging folder
//! and removes it (set-up runs again); killed between the two moves, it finds the complete
//! database and its `vault.json` beside each other and finishes the move.
//!
//! Before, the database was written in place before `vault.json`, so a kill between them left
//! a database no vault could open: "stuck" 3 times in 30 random kills.

use std::path::{Path, PathBuf};

use crate::Result;
use crate::error::io_error;
use crate::store;
use crate::vault::file::{VAULT_FILE, sync_dir};

const STAGING_DIR: &str = "setup-in-progress";

pub(super) fn dir(data_dir: &Path) -> PathBuf {
    data_dir.join(STAGING_DIR)
}

/// Moves a finished set-up from the staging folder into the data folder.
pub(super) fn commit(data_dir: &Path) -> Result<()> {
    let staging = dir(data_dir);
    let moved = || -> std::io::Result<()> {
        std::fs::rename(store::db_path(&staging), store::db_path(data_dir))?;
        sync_dir(data_dir)?;
        std::fs::rename(staging.join(VAULT_FILE), data_dir.join(VAULT_FILE))?;
        sync_dir(data_dir)
    };
    moved().map_err(|e| io_error(&e, "move the new records into the data folder"))?;
    remove(data_dir);
    Ok(())
}

/// What a set-up killed part-way left: finished if its database is in place, else removed.
pub(super) fn finish_interrupted(data_dir: &Path) -> Result<()> {
    let staging = dir(data_dir);
    if !staging.exists() {
        return Ok(());
    }
    let staged_vault = staging.join(VAULT_FILE);
    let vault = data_dir.join(VAULT_FILE);
    if store::db_path(data_dir).exists() && !vault.exists() && staged_vault.exists() {
        std::fs::rename(&staged_vault, &vault)
            .and_then(|()| sync_dir(data_dir))
            .map_err(|e| io_error(&e, "finish a set-up that was interrupted"))?;
        tracing::info!("finished a set-up that was interrupted after its database was in place");
    }
    remove(data_dir);
    Ok(())
}

/// The staging folder holds only what set-up wrote there.
pub(super) fn remove(data_dir: &Path) {
    let _ = std::fs::remove_dir_all(dir(data_dir));
}
