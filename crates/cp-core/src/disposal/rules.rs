//! Why a case's records may be removed. Pure.

use serde::Serialize;
use ts_rs::TS;

/// The rule that removed a case's records; stored as the snake_case name. Add, never rename.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum RemovalRule {
    /// The whole case's file went to the child's new setting, its receipt is recorded, the
    /// case is closed, and the organisation keeps no copy of a file it has sent (the setting
    /// `file_transfers::KEEP_COPY_SETTING`; KCSIE Annex C leaves this to local practice).
    FileTransferred,
    /// Its retention ended (`retention::RETENTION`), one lead asked for its destruction in
    /// the disposal review and another confirmed it.
    RetentionEnded,
}

crate::labels!(RemovalRule {
    FileTransferred => "File sent to the child's new setting, receipt confirmed, no copy kept",
    RetentionEnded => "Retention ended; destruction confirmed by a second lead",
});
