//! Records management for the signed-in lead: the disposal review and its decisions, the
//! years each retention rule keeps records for, and the removal log.

use crate::Result;
use crate::disposal::retention::{NewDecision, RetentionRule};
use crate::disposal::{self, AllegationRetention, RecordRemoval, Retention, RetentionYears};

use super::Session;

impl Session {
    pub async fn disposal_review(&self) -> Result<Vec<Retention>> {
        let (ref store, _) = self.signed_in().await?;
        disposal::review(store, self.clock.now()).await
    }

    /// A decision in the disposal review; the second lead's "destroy" removes the records and
    /// returns the removal log's entry.
    pub async fn decide_retention(&self, case_id: i64, decision: &NewDecision) -> Result<Option<RecordRemoval>> {
        let (ref store, me) = self.signed_in().await?;
        disposal::decide(store, me.id, case_id, decision, self.clock.now()).await
    }

    /// The allegations against staff in the disposal review (none about this lead).
    pub async fn allegation_disposal_review(&self) -> Result<Vec<AllegationRetention>> {
        let (ref store, me) = self.signed_in().await?;
        disposal::allegation_review(store, me.id, self.clock.now()).await
    }

    /// A decision on an allegation in the disposal review; the second lead's "destroy"
    /// destroys it and returns the removal log's entry.
    pub async fn decide_allegation_retention(
        &self,
        allegation_id: i64,
        decision: &NewDecision,
    ) -> Result<Option<RecordRemoval>> {
        let (ref store, me) = self.signed_in().await?;
        disposal::decide_allegation(store, me.id, allegation_id, decision, self.clock.now()).await
    }

    pub async fn retention_years(&self) -> Result<Vec<RetentionYears>> {
        let (ref store, _) = self.signed_in().await?;
        disposal::years(store).await
    }

    pub async fn set_retention_years(&self, rule: RetentionRule, years: u32) -> Result<Vec<RetentionYears>> {
        let (ref store, me) = self.signed_in().await?;
        disposal::set_years(store, me.id, rule, years, self.clock.now()).await
    }

    /// Every case whose records were removed: the removal log.
    pub async fn removal_log(&self) -> Result<Vec<RecordRemoval>> {
        let (ref store, _) = self.signed_in().await?;
        disposal::removals(store).await
    }
}
