//! The audit trail's head (how many rows, and the last row's hash), kept beside the database
//! in `audit-head.json` after every write that adds rows. The chain alone cannot show rows
//! removed from its end, nor commits the database lost (a deleted `-wal` file took 411 rows to
//! 407 and `verify` said intact), nor a chain recomputed after an edit: the head written
//! outside the database can. It holds no case content.
//!
//! Written after the commit, never before, so it never runs ahead of what was saved; several
//! processes (the app, the CLI) only ever move it forward.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::store::Store;
use crate::store::db::query;
use crate::vault::file::sync_dir;

pub const ANCHOR_FILE: &str = "audit-head.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Head {
    pub rows: i64,
    pub hash: String,
}

fn path(store: &Store) -> Option<PathBuf> {
    Some(store.path()?.parent()?.join(ANCHOR_FILE))
}

/// The chain's head as the database holds it now.
pub async fn current(store: &Store) -> crate::Result<Option<Head>> {
    super::head(&mut store.db()).await
}

/// The head last written, if any. A file that cannot be read as one counts as none: `verify`
/// then checks the chain alone, as before anchors existed.
pub fn read(store: &Store) -> Option<Head> {
    let bytes = std::fs::read(path(store)?).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Moves the anchor forward to `head`, only if the chain still holds the anchored row as it
/// was: a chain rewritten and lengthened must not carry the anchor along with it. A failure is
/// logged and otherwise ignored: the write it follows is already saved, and the next write
/// tries again.
pub async fn advance(store: &Store, head: &Head) {
    let Some(target) = path(store) else { return };
    if let Some(old) = read(store) {
        if old.rows >= head.rows {
            return;
        }
        let at_old: Option<String> = query("SELECT hash FROM audit_log WHERE id = $1")
            .bind(old.rows)
            .scalar(&mut store.db())
            .await
            .ok()
            .flatten();
        if at_old.as_deref() != Some(old.hash.as_str()) {
            tracing::warn!("the audit trail no longer holds its anchored row: the anchor is kept for verify to report");
            return;
        }
    }
    if let Err(e) = write(&target, head) {
        tracing::warn!(cause = %e, "the audit trail's anchor could not be written");
    }
}

fn write(target: &Path, head: &Head) -> std::io::Result<()> {
    let dir = target.parent().unwrap_or(Path::new("."));
    let json = serde_json::to_vec(head).map_err(std::io::Error::other)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(&json)?;
    tmp.as_file().sync_all()?;
    tmp.persist(target).map_err(|e| e.error)?;
    sync_dir(dir)
}
