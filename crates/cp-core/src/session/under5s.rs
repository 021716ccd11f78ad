//! The Under 5s list import for the signed-in lead.

use std::ops::ControlFlow;
use std::sync::atomic::Ordering;

use crate::Result;
use crate::under5s::Field;
use crate::under5s::{self, ImportPreview, ImportResult};

use super::Session;

impl Session {
    pub async fn under5s_preview(
        &self,
        bytes: &[u8],
        mapping: Option<&[Option<Field>]>,
        same_rows: &[u32],
    ) -> Result<ImportPreview> {
        let (ref store, _) = self.signed_in().await?;
        under5s::preview(store, bytes, mapping, same_rows, self.clock.now()).await
    }

    pub async fn under5s_import(
        &self,
        bytes: &[u8],
        mapping: &[Option<Field>],
        same_rows: &[u32],
        sha256: &str,
        progress: &mut (dyn FnMut(usize, usize) + Send),
    ) -> Result<ImportResult> {
        let (ref store, me) = self.signed_in().await?;
        self.import_cancelled.store(false, Ordering::SeqCst);
        let mut step = |done: usize, total: usize| {
            progress(done, total);
            if self.import_cancelled.load(Ordering::SeqCst) {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        };
        under5s::import(store, me.id, bytes, mapping, same_rows, sha256, self.clock.now(), &mut step).await
    }

    /// Stops the import under way at its next row; it writes nothing. With no import under
    /// way, nothing happens.
    pub fn under5s_cancel(&self) {
        self.import_cancelled.store(true, Ordering::SeqCst);
    }
}
