//! The laptops of an organisation, as whoever runs its database enrols and withdraws them
//! (`cp-tracker-admin shared add-device`, `revoke-device`, `devices`). Each laptop signs in to
//! the server as a role of its own, a member of the database's laptop group (which holds every
//! grant), so withdrawing one laptop is: no more logins for its role, and out of the group,
//! which takes every privilege from any connection it still has open at once.
//!
//! Passwords reach the server only as SCRAM-SHA-256 verifiers (`postgres-protocol`, the
//! PostgreSQL client's own), so no statement log on the server ever holds one.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use super::code::EnrolmentCode;
use crate::audit::{Action, Actor};
use crate::clock::stamp;
use crate::store::Store;
use crate::store::db::{query, query_composed};
use crate::{Error, ErrorCode, Result, write};

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Device {
    pub id: i64,
    pub name: String,
    pub role_name: String,
    pub added_at: String,
    pub revoked_at: Option<String>,
}

/// PostgreSQL cuts longer names short, which would leave a role other than the one recorded.
const MAX_ROLE_NAME: usize = 63;

/// The role a device signs in as.
pub fn laptop_role(database: &str, device_id: i64) -> String {
    format!("{database}_laptop_{device_id}")
}

pub(crate) fn laptop_group(database: &str) -> String {
    format!("{database}_laptops")
}

/// The role a device counts sign-in attempts as, before any passphrase (`desk.rs`).
pub fn desk_role(database: &str, device_id: i64) -> String {
    format!("{database}_desk_{device_id}")
}

fn desk_group(database: &str) -> String {
    format!("{database}_desks")
}

/// A role's name as SQL text (names are never bound as values).
pub(crate) fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A password as the server keeps it: a SCRAM-SHA-256 verifier, with no character that needs
/// escaping in SQL.
pub(crate) fn verifier(password: &str) -> String {
    postgres_protocol::password::scram_sha_256(password.as_bytes())
}

fn check_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 60 || name.chars().any(char::is_control) {
        return Err(Error::invalid(
            "Give the laptop a name of 1 to 60 characters that says whose or where it is, like \"Joanna's laptop\".",
        ));
    }
    Ok(name.to_owned())
}

/// Enrols a laptop called `name`: its own role, with the code's secret as its first password.
/// The code is shown once; the server keeps only its verifier.
pub async fn add(store: &Store, name: &str, now: DateTime<Utc>) -> Result<(Device, EnrolmentCode)> {
    let name = check_name(name)?;
    write::run(store, Actor::AdminCli, now, async |w| {
        let existing: Option<Device> =
            query("SELECT id, name, role_name, added_at, revoked_at FROM devices WHERE lower(name) = lower($1)")
                .bind(name.clone())
                .fetch_optional(&mut w.sql())
                .await?;
        if let Some(d) = existing {
            let was = if d.revoked_at.is_some() { "was enrolled and withdrawn" } else { "is already enrolled" };
            return Err(Error::new(
                ErrorCode::AlreadySetUp,
                format!("A laptop called \"{}\" {was}. Give this one another name.", d.name),
            ));
        }
        let database: String = query("SELECT current_database()::text").one(&mut w.sql()).await?;
        let id: i64 = query("INSERT INTO devices (name, role_name, added_at) VALUES ($1, $2, $3) RETURNING id")
            .bind(name.clone())
            .bind(format!("(being enrolled) {name}"))
            .bind(stamp(now))
            .one(&mut w.sql())
            .await?;
        let role = laptop_role(&database, id);
        if desk_role(&database, id).len() > MAX_ROLE_NAME {
            return Err(Error::invalid(
                "The database's name is too long to name its laptops' roles after it (PostgreSQL allows 63 \
                 characters in all). Use a database with a shorter name.",
            ));
        }
        query("UPDATE devices SET role_name = $1 WHERE id = $2")
            .bind(role.clone())
            .bind(id)
            .execute(&mut w.sql())
            .await?;
        let code = EnrolmentCode::generate(id)?;
        query_composed(format!(
            "CREATE ROLE {} LOGIN PASSWORD '{}' IN ROLE {}",
            quoted(&role),
            verifier(&code.secret),
            quoted(&laptop_group(&database))
        ))
        .execute(&mut w.sql())
        .await
        .map_err(|e| match e.code {
            ErrorCode::Internal => Error::new(
                ErrorCode::Internal,
                "The laptop's role could not be made. The role in the URL must be allowed to create roles \
                 (CREATEROLE). Nothing was changed.",
            ),
            _ => e,
        })?;
        query_composed(format!(
            "CREATE ROLE {} LOGIN PASSWORD '{}' IN ROLE {}",
            quoted(&desk_role(&database, id)),
            verifier(&super::desk::first_password(&code)),
            quoted(&desk_group(&database))
        ))
        .execute(&mut w.sql())
        .await?;
        w.audit(Action::DeviceAdded, "device", id).await?;
        let added_at = stamp(now);
        Ok((Device { id, name: name.clone(), role_name: role, added_at, revoked_at: None }, code))
    })
    .await
}

/// Every laptop ever enrolled, in the order they were.
pub async fn list(store: &Store) -> Result<Vec<Device>> {
    query("SELECT id, name, role_name, added_at, revoked_at FROM devices ORDER BY id").fetch_all(&mut store.db()).await
}

/// Withdraws the laptop called `name`: its role may no longer sign in, and leaves the laptop
/// group, so a connection it still holds can read and write nothing from the next statement.
pub async fn revoke(store: &Store, name: &str, now: DateTime<Utc>) -> Result<Device> {
    let device = write::run(store, Actor::AdminCli, now, async |w| {
        let device: Device =
            query("SELECT id, name, role_name, added_at, revoked_at FROM devices WHERE lower(name) = lower($1)")
                .bind(name.trim().to_owned())
                .fetch_optional(&mut w.sql())
                .await?
                .ok_or_else(|| {
                    Error::new(
                        ErrorCode::NotFound,
                        format!(
                            "No laptop called \"{}\" is enrolled. `cp-tracker-admin shared devices` lists them.",
                            name.trim()
                        ),
                    )
                })?;
        if let Some(when) = &device.revoked_at {
            return Err(Error::invalid(format!("\"{}\" was already withdrawn ({when}).", device.name)));
        }
        let database: String = query("SELECT current_database()::text").one(&mut w.sql()).await?;
        let role = quoted(&device.role_name);
        query_composed(format!("ALTER ROLE {role} NOLOGIN")).execute(&mut w.sql()).await?;
        query_composed(format!("REVOKE {} FROM {role}", quoted(&laptop_group(&database))))
            .execute(&mut w.sql())
            .await?;
        // Its sign-in desk too (laptops enrolled before desks existed have none).
        let desk = desk_role(&database, device.id);
        let has_desk: bool = query("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)")
            .bind(desk.clone())
            .one(&mut w.sql())
            .await?;
        if has_desk {
            query_composed(format!("ALTER ROLE {} NOLOGIN", quoted(&desk))).execute(&mut w.sql()).await?;
            query_composed(format!("REVOKE {} FROM {}", quoted(&desk_group(&database)), quoted(&desk)))
                .execute(&mut w.sql())
                .await?;
        }
        query("UPDATE devices SET revoked_at = $1 WHERE id = $2")
            .bind(stamp(now))
            .bind(device.id)
            .execute(&mut w.sql())
            .await?;
        w.audit(Action::DeviceRevoked, "device", device.id).await?;
        Ok(Device { revoked_at: Some(stamp(now)), ..device })
    })
    .await?;
    // Its open connections end now where the server lets this role end them; where it does
    // not, they already have no privileges left.
    if let Some(pool) = store.server_pool() {
        let database = device.role_name.rsplit_once("_laptop_").map(|(db, _)| db.to_owned()).unwrap_or_default();
        let ended = sqlx::query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename IN ($1, $2)")
            .bind(&device.role_name)
            .bind(desk_role(&database, device.id))
            .execute(pool)
            .await;
        if let Err(e) = ended {
            tracing::info!(error = %crate::error::chain(&e), "a withdrawn laptop's open connections were not ended");
        }
    }
    Ok(device)
}
