//! Saving a report where the lead chose, and the recovery key sheet at set-up.

use std::path::Path;

use crate::reports::{self, ReportRequest};
use crate::{Error, ErrorCode, Result};

use super::{Phase, Session};

impl Session {
    /// Generates the report (audited) and writes it to `path`, chosen in the save dialog.
    pub async fn save_report(&self, request: &ReportRequest, path: &Path) -> Result<()> {
        reports::check_destination(path, reports::PDF_START, &self.installation.data_dir)?;
        let bytes = {
            let (ref store, me) = self.signed_in().await?;
            reports::generate(store, me.id, request, self.clock.now()).await?
        };
        reports::write_file(path, &bytes, &self.installation.data_dir)
    }

    /// The recovery key sheet for the key being shown, at set-up or when a lead makes a new
    /// one (before anything is stored).
    pub async fn save_recovery_sheet(&self, organisation: &str, path: &Path) -> Result<()> {
        reports::check_destination(path, reports::PDF_START, &self.installation.data_dir)?;
        let bytes = {
            let phase = self.phase.lock().await;
            let shown = match &*phase {
                Phase::NotSetUp { pending: Some(key) } => Some(key.clone()),
                Phase::Open { user: u, .. } if !u.locked => self.shown_recovery_key(),
                _ => None,
            };
            let Some(key) = shown else {
                return Err(Error::new(ErrorCode::Invalid, "There is no recovery key to print: start again."));
            };
            let grouped = key.grouped();
            let groups: Vec<String> = grouped.split('-').map(str::to_owned).collect();
            reports::recovery_sheet(organisation.trim(), &groups, self.clock.now())?
        };
        reports::write_file(path, &bytes, &self.installation.data_dir)
    }
}
