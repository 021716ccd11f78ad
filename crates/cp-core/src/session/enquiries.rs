//! Enquiries for the signed-in lead.

use chrono::NaiveDate;

use crate::Result;
use crate::enquiries::rules::{Enquirer, EnquiryAnswer};
use crate::enquiries::{self, EnquiryFilter, EnquiryRow, PlanAddress};
use crate::search::CaseSearch;

use super::Session;

impl Session {
    pub async fn start_enquiry(&self, enquirer: &Enquirer) -> Result<i64> {
        let (ref store, me) = self.signed_in().await?;
        enquiries::start(store, me.id, enquirer, self.clock.now()).await
    }

    pub async fn enquiry_search(&self, enquiry_id: i64, text: &str) -> Result<CaseSearch> {
        let (ref store, _) = self.signed_in().await?;
        enquiries::search(store, enquiry_id, text).await
    }

    pub async fn complete_enquiry(&self, enquiry_id: i64, answer: &EnquiryAnswer) -> Result<EnquiryRow> {
        let (ref store, me) = self.signed_in().await?;
        enquiries::complete(store, me.id, enquiry_id, answer, self.clock.now()).await
    }

    pub async fn enquiry_informed(&self, enquiry_id: i64, on: NaiveDate) -> Result<()> {
        let (ref store, me) = self.signed_in().await?;
        enquiries::informed(store, me.id, enquiry_id, on, self.clock.now()).await
    }

    pub async fn list_enquiries(&self, filter: &EnquiryFilter) -> Result<Vec<EnquiryRow>> {
        let (ref store, _) = self.signed_in().await?;
        enquiries::list(store, filter).await
    }

    pub async fn enquiry_check_address(
        &self,
        enquiry_id: i64,
        line1: &str,
        postcode: &str,
    ) -> Result<Option<PlanAddress>> {
        let (ref store, _) = self.signed_in().await?;
        enquiries::check_address(store, enquiry_id, line1, postcode).await
    }

    pub async fn close_enquiry(&self, enquiry_id: i64) -> Result<()> {
        let (ref store, me) = self.signed_in().await?;
        enquiries::close_nothing_to_pass_on(store, me.id, enquiry_id, self.clock.now()).await
    }
}
