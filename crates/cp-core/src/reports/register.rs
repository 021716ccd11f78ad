//! The register of children with a child protection plan: name and case, date of birth,
//! address, categories, plan start, local authority and lead social worker, by name.

use super::layout::Block;
use super::sql::{self, RegisterRow};
use super::words::{categories, or_not_recorded, short, uk_stamp};
use super::{Context, pdf};
use crate::Result;
use crate::store::Store;

pub(super) async fn register(store: &Store, ctx: &Context) -> Result<Vec<u8>> {
    let rows = sql::register(store).await?;
    let count = rows.len();
    let title = "Register of children with a child protection plan";
    let b = vec![
        Block::Title(title.into()),
        Block::Para(format!(
            "{count} {} with a child protection plan running on {}.",
            if count == 1 { "child" } else { "children" },
            uk_stamp(ctx.now).split(" at ").next().unwrap_or_default()
        )),
        Block::Table {
            // Seven columns fit A4 portrait: the case reference goes under the child's name.
            columns: vec![
                ("Name and case".into(), 2.4),
                ("Date of birth".into(), 1.7),
                ("Address".into(), 3.0),
                ("Categories".into(), 2.0),
                ("Plan start".into(), 1.7),
                ("Local authority".into(), 2.1),
                ("Lead social worker".into(), 2.1),
            ],
            rows: rows
                .into_iter()
                .map(|RegisterRow { name, dob, address, cats, start, la, sw, reference }| {
                    vec![
                        format!("{name}\n{reference}"),
                        dob.map_or_else(String::new, short),
                        address,
                        categories(&cats.0),
                        short(start),
                        la,
                        or_not_recorded(&sw),
                    ]
                })
                .collect(),
            empty: "No child has a child protection plan running.".into(),
        },
    ];
    pdf(ctx, title, None, &b)
}
