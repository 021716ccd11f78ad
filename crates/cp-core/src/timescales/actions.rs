//! Saving the organisation's timescale settings and extra bank holidays, each an audited
//! write of its setting.

use chrono::{DateTime, Utc};

use super::rules::{self, TimescaleSettings};
use super::{HOLIDAYS_KEY, SETTINGS_KEY};
use crate::audit::{Action, Actor};
use crate::domain::calendar::ExtraHoliday;
use crate::store::Store;
use crate::write;
use crate::{Error, FieldError, Result};

/// Saves the timescale settings a lead chose, within each rule's bounds.
pub async fn save_settings(store: &Store, lead_id: i64, s: &TimescaleSettings, now: DateTime<Utc>) -> Result<()> {
    let s = rules::check_settings(s)?;
    let json = serde_json::to_string(&s).map_err(|_| Error::internal("Settings could not be stored."))?;
    crate::settings::set(store, lead_id, SETTINGS_KEY, &json, now).await
}

/// Adds an organisation's own bank holiday (kept sorted; the same date twice is refused). The
/// list is read inside the write, so two leads adding holidays at once both keep theirs.
pub async fn add_holiday(store: &Store, lead_id: i64, h: &ExtraHoliday, now: DateTime<Utc>) -> Result<()> {
    let title = h.title.trim();
    let mut errors = Vec::new();
    if !crate::domain::typed_date::is_real(h.date) {
        errors.push(FieldError::new("date", "Enter the holiday's date, for example 1 1 2031"));
    }
    if title.is_empty() || title.chars().count() > 100 {
        errors.push(FieldError::new("title", "Enter the holiday's name, up to 100 characters"));
    }
    if !errors.is_empty() {
        return Err(Error::fields(errors));
    }
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let stored = crate::settings::get_in(&mut w.sql(), HOLIDAYS_KEY).await?;
        let mut all: Vec<ExtraHoliday> = stored.and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default();
        if all.iter().any(|x| x.nation == h.nation && x.date == h.date) {
            return Err(Error::fields(vec![FieldError::new("date", "That date is already in the list")]));
        }
        all.push(ExtraHoliday { title: title.to_owned(), ..h.clone() });
        all.sort_by_key(|x| (x.date, x.nation));
        let json = serde_json::to_string(&all).map_err(|_| Error::internal("Settings could not be stored."))?;
        crate::settings::set_in(&mut w.sql(), HOLIDAYS_KEY, &json).await?;
        w.audit(Action::SettingsChanged, "setting", HOLIDAYS_KEY).await
    })
    .await
}
