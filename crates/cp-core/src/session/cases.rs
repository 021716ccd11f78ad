//! Case actions for the signed-in, unlocked lead: each one is a call into `crate::cases`.

use crate::cases::{self, CaseSummary, NewCase};
use crate::domain::case::{Closure, LevelChange};
use crate::{Error, ErrorCode, Result};

use super::Session;

impl Session {
    pub async fn open_case(&self, new: &NewCase) -> Result<CaseSummary> {
        let mut phase = self.phase.lock().await;
        let (store, me) = self.as_lead(&mut phase).await?;
        cases::open_case(store, me.id, new, self.clock.now()).await
    }

    /// Live and closed cases, newest first; archived ones only when asked for.
    pub async fn list_cases(&self, include_archived: bool) -> Result<Vec<CaseSummary>> {
        let mut phase = self.phase.lock().await;
        let (store, _) = self.as_lead(&mut phase).await?;
        cases::list(store, include_archived).await
    }

    pub async fn case(&self, id: i64) -> Result<cases::CasePage> {
        let mut phase = self.phase.lock().await;
        let (store, me) = self.as_lead(&mut phase).await?;
        cases::page(store, me.id, id, self.clock.now()).await
    }

    pub async fn add_person(
        &self,
        case_id: i64,
        person: &crate::domain::person::NewPerson,
    ) -> Result<crate::people::PersonInCase> {
        let mut phase = self.phase.lock().await;
        let (store, me) = self.as_lead(&mut phase).await?;
        crate::people::add_person(store, me.id, case_id, person, self.clock.now()).await
    }

    pub async fn change_level(&self, id: i64, change: &LevelChange) -> Result<CaseSummary> {
        let mut phase = self.phase.lock().await;
        let (store, me) = self.as_lead(&mut phase).await?;
        cases::change_level(store, me.id, id, change, self.clock.now()).await
    }

    pub async fn close_case(&self, id: i64, closure: &Closure) -> Result<CaseSummary> {
        let mut phase = self.phase.lock().await;
        let (store, me) = self.as_lead(&mut phase).await?;
        cases::close_case(store, me.id, id, closure, self.clock.now()).await
    }

    pub async fn reopen_case(&self, id: i64, reason: &str) -> Result<CaseSummary> {
        let mut phase = self.phase.lock().await;
        let (store, me) = self.as_lead(&mut phase).await?;
        cases::reopen_case(store, me.id, id, reason, self.clock.now()).await
    }

    /// The archive rule, run at start-up and daily while the app runs. Needs the records open
    /// but nobody signed in: the archive is the installation's own act.
    pub async fn archive_sweep(&self) -> Result<Vec<String>> {
        let phase = self.phase.lock().await;
        match &*phase {
            super::Phase::Open { store, .. } => cases::archive_sweep(store, self.clock.now()).await,
            _ => Err(Error::new(ErrorCode::NotSetUp, "The records are not open.")),
        }
    }
}
