//! The annual report's figures, anonymised, for the Statistics screen.

use chrono::NaiveDate;
use cp_core::session::Session;
use cp_core::statistics::AnnualFigures;
use tauri::State;

type Result<T> = std::result::Result<T, cp_core::Error>;

#[tauri::command]
pub async fn annual_figures(
    session: State<'_, Session>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<AnnualFigures> {
    let missing = |field: &str, what: &str| {
        cp_core::Error::fields(vec![cp_core::FieldError::new(
            field,
            format!("Enter the {what} of the period, for example 1 9 2025"),
        )])
    };
    let from = from.ok_or_else(|| missing("statsFrom", "start"))?;
    let to = to.ok_or_else(|| missing("statsTo", "end"))?;
    session.annual_figures(from, to).await
}
