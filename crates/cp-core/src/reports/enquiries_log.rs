//! The enquiries log: every enquiry received in a period, who asked, how their identity was
//! checked, what it was about, what was shared, and when the lead social worker was told.

use chrono::NaiveDate;

use super::layout::Block;
use super::words::{short, short_date};
use super::{Context, pdf};
use crate::domain::label::Label;
use crate::store::Store;
use crate::{Error, Result};

pub(super) async fn enquiries_log(store: &Store, ctx: &Context, from: NaiveDate, to: NaiveDate) -> Result<Vec<u8>> {
    if from > to {
        return Err(Error::fields(vec![crate::FieldError::new(
            "to",
            "The end date must be on or after the start date",
        )]));
    }
    let filter = crate::enquiries::EnquiryFilter { from: Some(from), to: Some(to), ..Default::default() };
    let mut rows = crate::enquiries::list(store, &filter).await?;
    rows.reverse();
    let period = format!("{} to {}", from.format("%-d %B %Y"), to.format("%-d %B %Y"));
    let title = "Enquiries log";
    let b = vec![
        Block::Title(format!("{title}: {period}")),
        Block::Para(format!("{} {} received.", rows.len(), if rows.len() == 1 { "enquiry" } else { "enquiries" })),
        Block::Table {
            columns: vec![
                ("Received".into(), 1.8),
                ("Enquirer".into(), 3.0),
                ("Identity checked".into(), 2.0),
                ("About".into(), 2.6),
                ("What was shared".into(), 4.0),
                ("Lead social worker told".into(), 1.9),
            ],
            rows: rows
                .into_iter()
                .map(|q| {
                    let enquirer = [q.enquirer_name, q.enquirer_organisation, q.enquirer_role, q.enquirer_contact]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join("\n");
                    let identity = q.identity_check.label().to_owned();
                    let identity = if q.identity_detail.is_empty() {
                        identity
                    } else {
                        format!("{identity}: {}", q.identity_detail)
                    };
                    let mut about = q.subject_name.unwrap_or_else(|| "Not finished".into());
                    if q.about_adult == Some(true) {
                        about.push_str(" (adult)");
                    }
                    if let Some(r) = q.case_reference {
                        about = format!("{about}\n{r}");
                    }
                    if let Some(r) = q.same_address_reference {
                        about = format!("{about}\nSame address as a child on a plan ({r})");
                    }
                    let shared = match q.answered {
                        Some(true) => {
                            let named = if q.social_worker_name_given == Some(true) {
                                "\nLead social worker named."
                            } else {
                                ""
                            };
                            format!("{}{named}", q.what_shared.unwrap_or_default())
                        }
                        Some(false) => "Nothing shared.".into(),
                        None => String::new(),
                    };
                    vec![
                        short_date(q.received_at),
                        enquirer,
                        identity,
                        about,
                        shared,
                        q.informed_on.map_or_else(|| "Not yet".to_owned(), short),
                    ]
                })
                .collect(),
            empty: "No enquiries in this period.".into(),
        },
    ];
    pdf(ctx, title, Some(format!("{} to {}", from.format("%d/%m/%Y"), to.format("%d/%m/%Y"))), &b)
}
