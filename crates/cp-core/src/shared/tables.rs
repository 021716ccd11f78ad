//! The server's record tables as a copy between the engines needs them (`import_local`, and
//! backups made from or restored into the server): each after every table its foreign keys
//! name, and each column with the type the server's schema gives it. Read from the server's
//! catalogue, so a table or column added by a later migration is copied without a change
//! here.

use std::collections::{BTreeMap, BTreeSet};

use crate::{Error, Result};

/// The server's tables that are not the organisation's records, or are a laptop's own.
const NOT_COPIED: &[&str] = &["_sqlx_migrations", "devices", "lead_slots", "sign_in_counts", "vault_secrets"];

/// A column as the server's schema types it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Integer,
    /// A body map mark's place, a fraction of the outline: REAL on a laptop.
    Real,
    Boolean,
    Date,
    Text,
    /// A file kept whole (a released subject access copy): BLOB on a laptop, bytea here.
    Bytes,
}

/// The server's record tables, each after every table its foreign keys name.
pub(crate) async fn copy_order(server: &sqlx::PgPool) -> Result<Vec<String>> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
         ORDER BY table_name",
    )
    .fetch_all(server)
    .await
    .map_err(crate::store::server_error)?;
    let edges: Vec<(String, String)> = sqlx::query_as(
        "SELECT DISTINCT c.conrelid::regclass::text, c.confrelid::regclass::text FROM pg_constraint c
         JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = 'public'",
    )
    .fetch_all(server)
    .await
    .map_err(crate::store::server_error)?;
    let wanted: BTreeSet<String> = tables.into_iter().filter(|t| !NOT_COPIED.contains(&t.as_str())).collect();
    let mut needs: BTreeMap<&str, BTreeSet<&str>> = wanted.iter().map(|t| (t.as_str(), BTreeSet::new())).collect();
    for (table, named) in &edges {
        if table != named
            && wanted.contains(named)
            && let Some(n) = needs.get_mut(table.as_str())
        {
            n.insert(named.as_str());
        }
    }
    let mut order: Vec<String> = Vec::with_capacity(needs.len());
    while !needs.is_empty() {
        let ready: Vec<&str> = needs.iter().filter(|(_, n)| n.is_empty()).map(|(t, _)| *t).collect();
        if ready.is_empty() {
            return Err(Error::internal("The server's tables name each other in a circle."));
        }
        for table in ready {
            needs.remove(table);
            for n in needs.values_mut() {
                n.remove(table);
            }
            order.push(table.to_owned());
        }
    }
    Ok(order)
}

pub(crate) async fn server_columns(server: &sqlx::PgPool, table: &str) -> Result<Vec<(String, Kind)>> {
    let columns: Vec<(String, String)> = sqlx::query_as(
        "SELECT column_name::text, data_type::text FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
    )
    .bind(table)
    .fetch_all(server)
    .await
    .map_err(crate::store::server_error)?;
    columns
        .into_iter()
        .map(|(name, kind)| {
            let kind = match kind.as_str() {
                "bigint" | "integer" | "smallint" => Kind::Integer,
                "double precision" | "real" => Kind::Real,
                "boolean" => Kind::Boolean,
                "date" => Kind::Date,
                "text" | "character varying" => Kind::Text,
                "bytea" => Kind::Bytes,
                other => {
                    return Err(Error::internal(format!(
                        "{table}.{name} is of a type the import does not know ({other})."
                    )));
                }
            };
            Ok((name, kind))
        })
        .collect()
}
