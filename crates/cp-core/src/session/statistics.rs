//! The annual report's figures for the Statistics screen.

use chrono::NaiveDate;

use crate::Result;
use crate::statistics::{self, AnnualFigures};

use super::Session;

impl Session {
    pub async fn annual_figures(&self, from: NaiveDate, to: NaiveDate) -> Result<AnnualFigures> {
        let (ref store, _) = self.signed_in().await?;
        statistics::annual(store, from, to, self.clock.now()).await
    }
}
