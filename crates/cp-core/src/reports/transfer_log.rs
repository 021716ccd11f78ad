//! The transfer log (issue 23): every child protection file sent to a new setting and every
//! one received in a period, with the clock, the chases and the receipts, as a local
//! authority asks to see it.

use chrono::NaiveDate;

use super::layout::Block;
use super::words::{short, short_date};
use super::{Context, pdf};
use crate::domain::label::Label;
use crate::store::Store;
use crate::{Error, Result};

pub(super) async fn transfer_log(store: &Store, ctx: &Context, from: NaiveDate, to: NaiveDate) -> Result<Vec<u8>> {
    if from > to {
        return Err(Error::fields(vec![crate::FieldError::new(
            "to",
            "The end date must be on or after the start date",
        )]));
    }
    let sent = crate::file_transfers::sent_between(store, from, to).await?;
    let received = crate::file_transfers::received_between(store, from, to).await?;
    let period = format!("{} to {}", from.format("%-d %B %Y"), to.format("%-d %B %Y"));
    let title = "Transfer log";
    let on_time = sent.iter().filter(|t| t.receipt_on.is_some_and(|r| r <= t.due_on)).count();
    let b = vec![
        Block::Title(format!("{title}: {period}")),
        Block::Para(format!(
            "{} {} sent to a new setting, {on_time} received there by the day it was due; {} received from another \
             setting.",
            sent.len(),
            if sent.len() == 1 { "file" } else { "files" },
            received.len()
        )),
        Block::Heading("Files sent".into()),
        Block::Table {
            columns: vec![
                ("Case".into(), 2.6),
                ("Sent to".into(), 3.2),
                ("Move confirmed".into(), 1.6),
                ("Due there".into(), 1.6),
                ("Sent".into(), 2.2),
                ("Receipt".into(), 3.0),
            ],
            rows: sent
                .iter()
                .map(|t| {
                    let whose = t.child.clone().unwrap_or_else(|| t.name.clone());
                    let receipt = match t.receipt_on {
                        Some(on) => format!("{}, {}", short(on), t.receipt_by),
                        None => {
                            let mut words = "Not yet".to_owned();
                            for c in &t.chases {
                                words.push_str(&format!("\nChased {}: {}", short(c.chased_on), c.note));
                            }
                            words
                        }
                    };
                    vec![
                        format!("{whose}\n{}", t.reference),
                        format!("{}\n{}, {}", t.setting, t.dsl, t.contact),
                        short(t.move_confirmed_on),
                        short(t.due_on),
                        format!("{}\n{}", short(t.sent_on), t.sent_how.label()),
                        receipt,
                    ]
                })
                .collect(),
            empty: "No file was sent in this period.".into(),
        },
        Block::Heading("Files received".into()),
        Block::Table {
            columns: vec![
                ("Received".into(), 2.0),
                ("From".into(), 4.0),
                ("Their reference".into(), 2.0),
                ("Became case".into(), 2.0),
                ("Received by".into(), 2.4),
            ],
            rows: received
                .iter()
                .map(|(reference, f)| {
                    vec![
                        short_date(f.received_at),
                        format!("{}\n{}", f.from_organisation, f.from_lead),
                        f.their_reference.clone(),
                        reference.clone(),
                        f.received_by.clone(),
                    ]
                })
                .collect(),
            empty: "No file was received in this period.".into(),
        },
    ];
    pdf(ctx, title, None, &b)
}
