//! The leads area's SQL: the organisation, leads and settings.

use sqlx::SqliteConnection;

use crate::store::{Store, db_error};
use crate::{Error, ErrorCode, Result};

pub use super::Lead;

pub async fn insert_organisation(conn: &mut SqliteConnection, name: &str, at: &str) -> Result<()> {
    sqlx::query("INSERT INTO organisation (id, name, created_at) VALUES (1, ?, ?)")
        .bind(name)
        .bind(at)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn organisation_name(store: &Store) -> Result<String> {
    sqlx::query_scalar("SELECT name FROM organisation WHERE id = 1")
        .fetch_optional(store.pool())
        .await?
        .ok_or_else(|| Error::new(ErrorCode::NotSetUp, "CP Tracker has not been set up in this data folder."))
}

pub async fn insert_lead(conn: &mut SqliteConnection, name: &str, role: &str, hash: &str, at: &str) -> Result<i64> {
    let id = sqlx::query("INSERT INTO leads (name, role, passphrase_hash, created_at) VALUES (?, ?, ?, ?)")
        .bind(name)
        .bind(role)
        .bind(hash)
        .bind(at)
        .execute(conn)
        .await?
        .last_insert_rowid();
    Ok(id)
}

pub async fn list_leads(store: &Store) -> Result<Vec<Lead>> {
    sqlx::query_as("SELECT id, name, role, active FROM leads ORDER BY name COLLATE NOCASE, id")
        .fetch_all(store.pool())
        .await
        .map_err(db_error)
}

pub async fn find_lead(store: &Store, id: i64) -> Result<Lead> {
    sqlx::query_as("SELECT id, name, role, active FROM leads WHERE id = ?")
        .bind(id)
        .fetch_optional(store.pool())
        .await?
        .ok_or_else(|| Error::new(ErrorCode::NotFound, "That lead does not exist."))
}

pub async fn passphrase_hash(store: &Store, id: i64) -> Result<Option<String>> {
    sqlx::query_scalar("SELECT passphrase_hash FROM leads WHERE id = ? AND active = 1")
        .bind(id)
        .fetch_optional(store.pool())
        .await
        .map_err(db_error)
}

pub async fn set_passphrase_hash(conn: &mut SqliteConnection, id: i64, hash: &str) -> Result<()> {
    sqlx::query("UPDATE leads SET passphrase_hash = ? WHERE id = ?").bind(hash).bind(id).execute(conn).await?;
    Ok(())
}

pub async fn deactivate_lead(conn: &mut SqliteConnection, id: i64, at: &str) -> Result<()> {
    sqlx::query("UPDATE leads SET active = 0, deactivated_at = ? WHERE id = ? AND active = 1")
        .bind(at)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Whether `id` is a lead of this organisation (active or not).
pub async fn exists(conn: &mut SqliteConnection, id: i64) -> Result<bool> {
    Ok(sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM leads WHERE id = ?)").bind(id).fetch_one(conn).await?)
}

pub async fn count_active_leads(conn: &mut SqliteConnection) -> Result<i64> {
    sqlx::query_scalar("SELECT count(*) FROM leads WHERE active = 1").fetch_one(conn).await.map_err(db_error)
}

/// Whether `id` is a lead who can still sign in (and so be allocated a case).
pub(crate) async fn is_active(conn: &mut SqliteConnection, id: i64) -> Result<bool> {
    Ok(sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM leads WHERE id = ? AND active = 1)")
        .bind(id)
        .fetch_one(conn)
        .await?)
}

/// Keeps a lead's public signing key, once, with the chain's last row before it: every later
/// audit row by the lead must carry their signature (`audit::verify`).
pub async fn insert_signing_key(conn: &mut SqliteConnection, lead_id: i64, public_key: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO lead_keys (lead_id, public_key, from_row)
         VALUES (?, ?, (SELECT COALESCE(MAX(id), 0) FROM audit_log))",
    )
    .bind(lead_id)
    .bind(public_key)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn signing_key(conn: &mut SqliteConnection, lead_id: i64) -> Result<Option<String>> {
    Ok(sqlx::query_scalar("SELECT public_key FROM lead_keys WHERE lead_id = ?")
        .bind(lead_id)
        .fetch_optional(conn)
        .await?)
}
