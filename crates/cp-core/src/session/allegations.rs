//! Allegations against staff or volunteers, for the signed-in lead.

use chrono::NaiveDate;

use crate::Result;
use crate::allegations::rules::{FinalOutcome, NewAllegation};
use crate::allegations::{self, Allegation, LadoDiscussion, Removal};

use super::Session;

impl Session {
    /// Every allegation, each audited as seen by the lead.
    pub async fn allegations(&self) -> Result<Vec<Allegation>> {
        let (ref store, me) = self.signed_in().await?;
        allegations::list_for(store, me.id, self.clock.now()).await
    }

    pub async fn record_allegation(&self, new: &NewAllegation) -> Result<i64> {
        let (ref store, me) = self.signed_in().await?;
        allegations::create(store, me.id, new, self.clock.now()).await
    }

    pub async fn allegation_lado(&self, id: i64, d: &LadoDiscussion) -> Result<()> {
        let (ref store, me) = self.signed_in().await?;
        allegations::record_lado(store, me.id, id, d, self.clock.now()).await
    }

    pub async fn allegation_meeting(&self, id: i64, held_on: Option<NaiveDate>, note: &str) -> Result<()> {
        let (ref store, me) = self.signed_in().await?;
        allegations::add_meeting(store, me.id, id, held_on, note, self.clock.now()).await
    }

    pub async fn allegation_outcome(&self, id: i64, outcome: FinalOutcome, on: NaiveDate) -> Result<()> {
        let (ref store, me) = self.signed_in().await?;
        allegations::record_outcome(store, me.id, id, outcome, on, self.clock.now()).await
    }

    pub async fn remove_allegation(&self, id: i64) -> Result<Removal> {
        let (ref store, me) = self.signed_in().await?;
        allegations::remove(store, me.id, id, self.clock.now()).await
    }
}
