//! What the first screen tells a lead about this installation before set-up.

use serde::Serialize;
use ts_rs::TS;

use crate::{Result, paths};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub product_name: String,
    pub version: String,
    /// Shown so a lead (or whoever looks after the laptop) knows what to back up.
    pub data_dir: String,
    /// The folder holds `demo-data`'s fictional records: every screen says so.
    pub demo: bool,
}

pub fn app_info() -> Result<AppInfo> {
    let dir = paths::data_dir()?;
    Ok(AppInfo {
        product_name: "CP Tracker".to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
        data_dir: dir.display().to_string(),
        demo: paths::is_demo(&dir),
    })
}
