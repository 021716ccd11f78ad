//! The leads area's SQL: the organisation, leads and settings.

use crate::store::Store;
use crate::store::db::{Conn, query};
use crate::{Error, ErrorCode, Result};

pub use super::Lead;

pub async fn insert_organisation(conn: &mut Conn<'_>, name: &str, at: &str) -> Result<()> {
    query("INSERT INTO organisation (id, name, created_at) VALUES (1, $1, $2)")
        .bind(name)
        .bind(at)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn organisation_name(store: &Store) -> Result<String> {
    query("SELECT name FROM organisation WHERE id = 1")
        .scalar(&mut store.db())
        .await?
        .ok_or_else(|| Error::new(ErrorCode::NotSetUp, "CP Tracker has not been set up in this data folder."))
}

pub async fn insert_lead(conn: &mut Conn<'_>, name: &str, role: &str, hash: &str, at: &str) -> Result<i64> {
    let id = query("INSERT INTO leads (name, role, passphrase_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(name)
        .bind(role)
        .bind(hash)
        .bind(at)
        .one(conn)
        .await?;
    Ok(id)
}

pub async fn list_leads(store: &Store) -> Result<Vec<Lead>> {
    query("SELECT id, name, role, active FROM leads ORDER BY lower(name), id").fetch_all(&mut store.db()).await
}

pub async fn find_lead(store: &Store, id: i64) -> Result<Lead> {
    query("SELECT id, name, role, active FROM leads WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut store.db())
        .await?
        .ok_or_else(|| Error::new(ErrorCode::NotFound, "That lead does not exist."))
}

pub async fn passphrase_hash(store: &Store, id: i64) -> Result<Option<String>> {
    query("SELECT passphrase_hash FROM leads WHERE id = $1 AND active = TRUE").bind(id).scalar(&mut store.db()).await
}

pub async fn set_passphrase_hash(conn: &mut Conn<'_>, id: i64, hash: &str) -> Result<()> {
    query("UPDATE leads SET passphrase_hash = $1 WHERE id = $2").bind(hash).bind(id).execute(conn).await?;
    Ok(())
}

pub async fn deactivate_lead(conn: &mut Conn<'_>, id: i64, at: &str) -> Result<()> {
    query("UPDATE leads SET active = FALSE, deactivated_at = $1 WHERE id = $2 AND active = TRUE")
        .bind(at)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Whether `id` is a lead of this organisation (active or not).
pub async fn exists(conn: &mut Conn<'_>, id: i64) -> Result<bool> {
    query("SELECT EXISTS (SELECT 1 FROM leads WHERE id = $1)").bind(id).one(conn).await
}

pub async fn count_active_leads(conn: &mut Conn<'_>) -> Result<i64> {
    query("SELECT count(*) FROM leads WHERE active = TRUE").one(conn).await
}

/// Whether `id` is a lead who can still sign in (and so be allocated a case).
pub(crate) async fn is_active(conn: &mut Conn<'_>, id: i64) -> Result<bool> {
    query("SELECT EXISTS (SELECT 1 FROM leads WHERE id = $1 AND active = TRUE)").bind(id).one(conn).await
}

/// Keeps a lead's public signing key, once, with the chain's last row before it: every later
/// audit row by the lead must carry their signature (`audit::verify`).
pub async fn insert_signing_key(conn: &mut Conn<'_>, lead_id: i64, public_key: &str) -> Result<()> {
    query(
        "INSERT INTO lead_keys (lead_id, public_key, from_row)
         VALUES ($1, $2, (SELECT COALESCE(MAX(id), 0) FROM audit_log))",
    )
    .bind(lead_id)
    .bind(public_key)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn signing_key(conn: &mut Conn<'_>, lead_id: i64) -> Result<Option<String>> {
    query("SELECT public_key FROM lead_keys WHERE lead_id = $1").bind(lead_id).scalar(conn).await
}
