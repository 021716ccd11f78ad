//! A case's status and level (seed 000; DOMAIN.md "Status and level"): the words every area
//! shares, and the write path's "archived cases are read-only". The rules for changing them
//! are the cases area's (`cases::rules`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Closed cases are archived this long after closure (seed 000), unless the organisation
/// changes it in Settings (`timescales::RuleId::ArchiveAfterClosure`).
pub const ARCHIVE_AFTER_MONTHS: u32 = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum Status {
    Live,
    Closed,
    Archived,
}

crate::labels!(Status { Live => "Live", Closed => "Closed", Archived => "Archived" });

/// Lowest to highest; a case may move either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum Level {
    Concern,
    EarlyHelp,
    ChildInNeed,
    Section47Enquiry,
    ChildProtectionPlan,
    LookedAfter,
}

crate::labels!(Level {
    Concern => "Concern",
    EarlyHelp => "Early help",
    ChildInNeed => "Child in need (Section 17)",
    Section47Enquiry => "Section 47 enquiry",
    ChildProtectionPlan => "Child protection plan",
    LookedAfter => "Looked after",
});
