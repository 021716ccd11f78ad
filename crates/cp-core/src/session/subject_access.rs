//! Subject access requests for the signed-in lead: recorded, the identity check, the
//! extension, the words withheld, and the copy released where the lead chose.

use std::path::Path;

use chrono::NaiveDate;

use crate::Result;
use crate::reports;
use crate::subject_access::rules::{NewRequest, Redaction};
use crate::subject_access::{self};

use super::Session;

impl Session {
    pub async fn record_subject_access(&self, case_id: i64, request: &NewRequest) -> Result<i64> {
        let (ref store, me) = self.signed_in().await?;
        subject_access::record_request(store, me.id, case_id, request, self.clock.now()).await
    }

    pub async fn confirm_sar_identity(&self, sar_id: i64, on: NaiveDate, how: &str) -> Result<()> {
        let (ref store, me) = self.signed_in().await?;
        subject_access::confirm_identity(store, me.id, sar_id, on, how, self.clock.now()).await
    }

    pub async fn extend_subject_access(&self, sar_id: i64, reason: &str) -> Result<()> {
        let (ref store, me) = self.signed_in().await?;
        subject_access::extend(store, me.id, sar_id, reason, self.clock.now()).await
    }

    pub async fn add_redaction(&self, sar_id: i64, redaction: &Redaction) -> Result<i64> {
        let (ref store, me) = self.signed_in().await?;
        subject_access::add_redaction(store, me.id, sar_id, redaction, self.clock.now()).await
    }

    pub async fn remove_redaction(&self, redaction_id: i64) -> Result<()> {
        let (ref store, me) = self.signed_in().await?;
        subject_access::remove_redaction(store, me.id, redaction_id, self.clock.now()).await
    }

    pub async fn redaction_suggestions(&self, sar_id: i64) -> Result<Vec<String>> {
        let (ref store, _) = self.signed_in().await?;
        subject_access::suggestions(store, sar_id).await
    }

    /// Releases the copy (kept with the request) and saves it at `path`. Saved again later as
    /// the report `SubjectAccessReleased` if this save fails after the release.
    pub async fn release_subject_access(&self, sar_id: i64, path: &Path) -> Result<()> {
        reports::check_destination(path, reports::PDF_START, &self.installation.data_dir)?;
        let bytes = {
            let (ref store, me) = self.signed_in().await?;
            reports::subject_access::release(store, me.id, sar_id, self.clock.now()).await?
        };
        reports::write_file(path, &bytes, &self.installation.data_dir)
    }
}
