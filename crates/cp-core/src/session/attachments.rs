//! Attached files, for the signed-in lead: attached from a path the lead picked or dropped,
//! listed, opened (viewed or saved out, each audited) and withdrawn with a reason; and the
//! marks of a chronology entry's body map.

use std::path::Path;

use crate::Result;
use crate::attachments::rules::NewAttachment;
use crate::attachments::{self, AttachTo, Attachment};

use super::Session;

impl Session {
    pub async fn attach_file(
        &self,
        to: AttachTo,
        path: &Path,
        meta: &NewAttachment,
        progress: &(dyn Fn(u64, u64) + Sync),
    ) -> Result<i64> {
        let (ref store, me) = self.signed_in().await?;
        attachments::attach_path(store, me.id, to, path, meta, self.clock.now(), progress).await
    }

    /// What is attached to `on`: a case's own with its entries' and concerns', an enquiry's
    /// or an allegation's (not one about this lead).
    pub async fn attachments(&self, on: AttachTo) -> Result<Vec<Attachment>> {
        let (ref store, me) = self.signed_in().await?;
        match on {
            AttachTo::Case { case_id } => attachments::for_case(store, case_id).await,
            AttachTo::Enquiry { enquiry_id } => attachments::for_enquiry(store, enquiry_id).await,
            AttachTo::Allegation { allegation_id } => attachments::for_allegation(store, me.id, allegation_id).await,
            AttachTo::Entry { .. } | AttachTo::Concern { .. } => {
                Err(crate::Error::invalid("List a case's files from the case."))
            }
        }
    }

    /// The file's bytes, to show in the window or to save out; audited as either.
    pub async fn open_attachment(&self, id: i64, saved: bool) -> Result<(Attachment, Vec<u8>)> {
        let (ref store, me) = self.signed_in().await?;
        attachments::open(store, me.id, id, saved, self.clock.now()).await
    }

    /// Saves a copy of the file at `path` (chosen in the save dialog), audited as saved;
    /// never inside the data folder, nor over a file of another kind.
    pub async fn save_attachment_copy(&self, id: i64, path: &Path) -> Result<()> {
        let (_, bytes) = self.open_attachment(id, true).await?;
        crate::reports::write_copy(path, &bytes, &self.installation.data_dir)
    }

    pub async fn withdraw_attachment(&self, id: i64, reason: &str) -> Result<()> {
        let (ref store, me) = self.signed_in().await?;
        attachments::withdraw(store, me.id, id, reason, self.clock.now()).await
    }

    pub async fn add_body_mark(&self, entry_id: i64, mark: &crate::body_maps::rules::NewMark) -> Result<i64> {
        let (ref store, me) = self.signed_in().await?;
        crate::body_maps::add_mark(store, me.id, entry_id, mark, self.clock.now()).await
    }

    pub async fn withdraw_body_mark(&self, id: i64, reason: &str) -> Result<()> {
        let (ref store, me) = self.signed_in().await?;
        crate::body_maps::withdraw_mark(store, me.id, id, reason, self.clock.now()).await
    }

    pub async fn attachment_limit_mb(&self) -> Result<u32> {
        let (ref store, _) = self.signed_in().await?;
        attachments::limit_mb(store).await
    }

    pub async fn set_attachment_limit_mb(&self, mb: u32) -> Result<u32> {
        let (ref store, me) = self.signed_in().await?;
        attachments::set_limit_mb(store, me.id, mb, self.clock.now()).await
    }
}
