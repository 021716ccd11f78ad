//! A laptop's sign-in desk (shared mode): wrong passphrases counted on the organisation's
//! server, across all its laptops, before any passphrase has released this laptop's database
//! password. The desk is a second role of the laptop's own that may call three counting
//! functions and nothing else (migration `20261209000000_sign_in_desk.sql`): it opens no
//! record, so its password is kept in the laptop's keyring without a passphrase. The laptop
//! applies `auth::lockout`'s rules to the counts, as it does to its own.

use chrono::{DateTime, Utc};
use sha2::Digest;
use zeroize::Zeroizing;

use super::code::EnrolmentCode;
use super::devices::{quoted, verifier};
use super::{ServerAddress, connect};
use crate::store::server_error;
use crate::vault::DbKey;
use crate::{Error, Result};

/// The desk's first password, from the enrolment code (another than the laptop role's): the
/// laptop replaces it with its own as it joins.
pub(crate) fn first_password(code: &EnrolmentCode) -> Zeroizing<String> {
    let mut hash = sha2::Sha256::new();
    hash.update(b"cp-tracker sign-in desk 1 ");
    hash.update(code.secret.as_bytes());
    Zeroizing::new(hex::encode(hash.finalize()))
}

/// A connection to the desk, for one sign-in.
pub struct Desk {
    pool: sqlx::PgPool,
}

impl Desk {
    pub async fn open(address: &ServerAddress) -> Result<Self> {
        Ok(Self { pool: connect(address, 1).await? })
    }

    /// The lead's failures counted across the laptops, and when the last one was.
    pub async fn count(&self, lead_id: i64) -> Result<(i64, Option<DateTime<Utc>>)> {
        let (failed, last): (i64, Option<String>) =
            sqlx::query_as("SELECT failed, last_failed_at FROM cp_sign_in_count($1)")
                .bind(lead_id)
                .fetch_one(&self.pool)
                .await
                .map_err(server_error)?;
        // A time that does not read counts as now: the strictest.
        let last = last.map(|t| DateTime::parse_from_rfc3339(&t).map(|t| t.with_timezone(&Utc)).unwrap_or(Utc::now()));
        Ok((failed, last))
    }

    /// An attempt, counted as a failure before its passphrase is checked.
    pub async fn attempt(&self, lead_id: i64, at: DateTime<Utc>) -> Result<()> {
        sqlx::query("SELECT cp_sign_in_attempt($1, $2)")
            .bind(lead_id)
            .bind(at.to_rfc3339())
            .execute(&self.pool)
            .await
            .map_err(server_error)?;
        Ok(())
    }

    /// A right passphrase: the lead's count starts again.
    pub async fn right(&self, lead_id: i64) -> Result<()> {
        sqlx::query("SELECT cp_sign_in_right($1)").bind(lead_id).execute(&self.pool).await.map_err(server_error)?;
        Ok(())
    }

    /// Replaces the desk's password (the code's) with `password`, this laptop's own.
    pub(crate) async fn take_password(&self, role: &str, password: &DbKey) -> Result<()> {
        let sql = format!("ALTER ROLE {} PASSWORD '{}'", quoted(role), verifier(&hex::encode(password.as_bytes())));
        sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&self.pool).await.map_err(|e| {
            Error::caused(crate::ErrorCode::Internal, "This laptop's sign-in desk could not be set up.", &e)
        })?;
        Ok(())
    }

    pub async fn close(self) {
        self.pool.close().await;
    }
}
