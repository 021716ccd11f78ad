//! `cp-tracker-admin shared import-local`: a laptop's records moved into its organisation's
//! new, empty shared database, every row as it was (ids, dates, the audit trail with its
//! hashes and signatures), in one transaction: all of it or none.
//!
//! Rows are copied table by table in the order their foreign keys need, each column read from
//! the SQLCipher file as the type the server's schema gives it. The server's own triggers are
//! off for the copy (as owner of the tables, whoever runs the database may turn them off inside
//! the transaction): the rows arrive as the laptop's rules left them, derived rows included, and
//! the append-only guards, which refuse changes and not additions, are back on at the commit.
//! Then the trail gets its own row saying so, and is checked whole.
//!
//! What stays on the laptop: its recovery record and backup key (`vault_secrets`), which are the
//! laptop's, and its sign-in counts. Each lead gets a server slot from their passphrase, so they
//! sign in on every enrolled laptop as before.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;
use sqlx::postgres::PgArguments;
use sqlx::sqlite::SqliteRow;

use super::devices::quoted;
use super::lead_slots;
use super::organisation::server_slot_key;
use super::tables::{Kind, copy_order, server_columns};
use crate::audit::{self, Action, Actor};
use crate::store::Store;
use crate::store::db::{Conn, query};
use crate::vault::{DbKey, ServerSlot};
use crate::{Error, ErrorCode, Result, write};

/// What was moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub tables: usize,
    pub rows: u64,
    pub audit_rows: u64,
}

/// Moves every record of `from` (a laptop's file, opened by a lead) into `to` (the server, as
/// whoever runs it), with a server slot for each lead in `leads` (id, passphrase, signing seed):
/// every active lead must be there, so nobody is left unable to sign in.
pub async fn import_local(
    from: &Store,
    to: &Store,
    leads: &[(i64, zeroize::Zeroizing<String>, DbKey)],
    now: DateTime<Utc>,
) -> Result<Imported> {
    copy_into_server(from, to, &server_slots(leads).await?, Action::ImportedFromLaptop, now).await
}

/// Each lead's server slot from their passphrase and signing seed. Argon2id takes a while for
/// each: made before any transaction.
pub async fn server_slots(leads: &[(i64, zeroize::Zeroizing<String>, DbKey)]) -> Result<Vec<ServerSlot>> {
    let mut slots = Vec::with_capacity(leads.len());
    for (id, passphrase, seed) in leads {
        slots.push(server_slot_key(passphrase).await?.wrap(*id, seed)?);
    }
    Ok(slots)
}

/// Every record of `from` (a SQLCipher file: a laptop's, or a backup's) into `to`, an empty
/// prepared database, with `slots` as the leads' ways in (one for every active lead), then
/// `action` audited on the server and the whole trail checked there.
pub(crate) async fn copy_into_server(
    from: &Store,
    to: &Store,
    slots: &[ServerSlot],
    action: Action,
    now: DateTime<Utc>,
) -> Result<Imported> {
    let file = from.file_pool().ok_or_else(|| Error::invalid("The records to import must be a laptop's own."))?;
    let server = to.server_pool().ok_or_else(|| Error::invalid("The records go to the organisation's server."))?;
    let organisations: i64 = query("SELECT count(*) FROM organisation").one(&mut to.db()).await?;
    if organisations > 0 {
        return Err(Error::new(
            ErrorCode::AlreadySetUp,
            "The organisation's database already holds records, so these cannot be moved into it: nothing was \
             changed. Use a database just prepared with `shared init`, without --demo or --lead.",
        ));
    }
    let active: Vec<i64> =
        crate::leads::list_leads(from).await?.into_iter().filter(|l| l.active).map(|l| l.id).collect();
    if let Some(missing) = active.iter().find(|id| !slots.iter().any(|s| s.lead_id == **id)) {
        return Err(Error::internal(format!("Lead {missing} has no way in on the server.")));
    }

    let tables = copy_order(server).await?;
    let mut columns = BTreeMap::new();
    for table in &tables {
        columns.insert(table.clone(), server_columns(server, table).await?);
    }
    // One transaction for the rows and the slots (behind the same lock every write takes); the
    // import's own audit row after it, as an ordinary write, so it seals nothing of the copy.
    let mut tx = to.begin_write().await?;
    let mut rows = 0;
    for table in &tables {
        turn_triggers(&mut tx.conn(), table, false).await?;
    }
    for table in &tables {
        rows += copy_table(file, &mut tx.conn(), table, &columns[table]).await?;
    }
    for table in &tables {
        turn_triggers(&mut tx.conn(), table, true).await?;
        if columns[table].iter().any(|(name, _)| name == "id") {
            // Identity columns carry on from the highest id copied (a plain id has no sequence,
            // and setval of nothing is nothing).
            let sequence = quoted(table).replace('\'', "''");
            crate::store::db::query_composed(format!(
                "SELECT setval(pg_get_serial_sequence('{sequence}', 'id'), COALESCE((SELECT MAX(id) FROM {}), 0) + 1, false)",
                quoted(table)
            ))
            .execute(&mut tx.conn())
            .await?;
        }
    }
    let at = crate::clock::stamp(now);
    for slot in slots {
        lead_slots::put(&mut tx.conn(), slot, &at).await?;
    }
    tx.commit().await?;
    let audit_rows: i64 = query("SELECT count(*) FROM audit_log").one(&mut to.db()).await?;
    write::run(to, Actor::AdminCli, now, async |w| w.audit(action, "audit_rows", audit_rows).await).await?;
    let imported = Imported { tables: tables.len(), rows, audit_rows: audit_rows as u64 };
    // The whole trail, the laptop's and the import's row, checked on the server.
    audit::ensure_intact(to).await?;
    Ok(imported)
}

async fn turn_triggers(conn: &mut Conn<'_>, table: &str, on: bool) -> Result<()> {
    let how = if on { "ENABLE" } else { "DISABLE" };
    crate::store::db::query_composed(format!("ALTER TABLE {} {how} TRIGGER USER", quoted(table))).execute(conn).await?;
    Ok(())
}

/// Statements of this many values at most (PostgreSQL takes 65,535 in one).
const VALUES_PER_STATEMENT: usize = 30_000;

async fn copy_table(
    file: &sqlx::SqlitePool,
    conn: &mut Conn<'_>,
    table: &str,
    columns: &[(String, Kind)],
) -> Result<u64> {
    // Names as the server's catalogue gives them, quoted: never a value, never trusted as SQL.
    let list = columns.iter().map(|(n, _)| quoted(n)).collect::<Vec<_>>().join(", ");
    let select = format!("SELECT {list} FROM {}", quoted(table));
    let rows: Vec<SqliteRow> = sqlx::query(sqlx::AssertSqlSafe(select)).fetch_all(file).await.map_err(|e| {
        Error::caused(ErrorCode::DatabaseUnreadable, format!("The laptop's {table} could not be read."), &e)
    })?;
    let Conn::Postgres(tx) = conn else { return Err(Error::internal("The import runs in a server transaction.")) };
    let per_statement = (VALUES_PER_STATEMENT / columns.len().max(1)).max(1);
    for chunk in rows.chunks(per_statement) {
        let mut sql = format!("INSERT INTO {} ({list}) VALUES ", quoted(table));
        let mut args = PgArguments::default();
        let mut n = 0;
        for (r, row) in chunk.iter().enumerate() {
            sql.push_str(if r == 0 { "(" } else { ", (" });
            for (c, (name, kind)) in columns.iter().enumerate() {
                n += 1;
                sql.push_str(&format!("{}${n}", if c == 0 { "" } else { ", " }));
                bind(&mut args, row, name, *kind).map_err(|e| {
                    Error::caused(
                        ErrorCode::DatabaseUnreadable,
                        format!("The laptop's {table}.{name} could not be read."),
                        &*e,
                    )
                })?;
            }
            sql.push(')');
        }
        sqlx::query_with(sqlx::AssertSqlSafe(sql), args)
            .execute(&mut **tx)
            .await
            .map_err(crate::store::server_error)?;
    }
    Ok(rows.len() as u64)
}

fn bind(
    args: &mut PgArguments,
    row: &SqliteRow,
    name: &str,
    kind: Kind,
) -> std::result::Result<(), sqlx::error::BoxDynError> {
    use sqlx::Arguments;
    match kind {
        Kind::Integer => args.add(row.try_get::<Option<i64>, _>(name)?),
        Kind::Real => args.add(row.try_get::<Option<f64>, _>(name)?),
        // SQLite keeps yes/no as 0 and 1.
        Kind::Boolean => args.add(row.try_get::<Option<i64>, _>(name)?.map(|v| v != 0)),
        Kind::Date => args.add(row.try_get::<Option<NaiveDate>, _>(name)?),
        Kind::Text => args.add(row.try_get::<Option<String>, _>(name)?),
        Kind::Bytes => args.add(row.try_get::<Option<Vec<u8>>, _>(name)?),
    }
}
