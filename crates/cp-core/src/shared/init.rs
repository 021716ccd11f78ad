//! `cp-tracker-admin shared init`: an empty PostgreSQL database made ready for an
//! organisation's records: the schema (`migrations/postgres/`), the laptops' group role with
//! its least-privilege grants, and the database closed to every role not given CONNECT (a
//! server may hold other databases, and PostgreSQL lets any role connect by default). Only
//! over the one kind of connection (`connect.rs`), and only into a database with no tables,
//! so it never touches data it did not make.

use super::{POSTGRES_MIGRATOR, ServerAddress, connect};
use crate::{Error, ErrorCode, Result};

/// What `prepare` made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    pub database: String,
    /// The newest migration applied.
    pub schema_version: i64,
    /// The group role each enrolled laptop's own role joins.
    pub laptop_group: String,
}

pub async fn prepare(address: &ServerAddress) -> Result<Prepared> {
    let pool = connect(address, 2).await?;
    let result = async {
        let tables: i64 =
            sqlx::query_scalar("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
                .fetch_one(&pool)
                .await?;
        if tables > 0 {
            return Err(Error::new(
                ErrorCode::AlreadySetUp,
                format!(
                    "The database {} already holds {tables} tables. shared init prepares only an empty database, so \
                     it never touches data it did not make: nothing was changed. Create a new, empty database for \
                     CP Tracker.",
                    address.database
                ),
            ));
        }
        POSTGRES_MIGRATOR.run(&pool).await.map_err(|e| {
            Error::caused(
                ErrorCode::Internal,
                "The database could not be prepared. The role in the URL must own the database and be allowed to \
                 create roles (CREATEROLE). Whatever was made is left for whoever runs the database to remove.",
                &e,
            )
        })?;
        let database: String = sqlx::query_scalar("SELECT current_database()").fetch_one(&pool).await?;
        let quoted = format!("\"{}\"", database.replace('"', "\"\""));
        sqlx::query(sqlx::AssertSqlSafe(format!("REVOKE CONNECT ON DATABASE {quoted} FROM PUBLIC")))
            .execute(&pool)
            .await?;
        // Each enrolled laptop's role joins the group, and may connect through it.
        let group = format!("\"{}\"", format!("{database}_laptops").replace('"', "\"\""));
        sqlx::query(sqlx::AssertSqlSafe(format!("GRANT CONNECT ON DATABASE {quoted} TO {group}")))
            .execute(&pool)
            .await?;
        let schema_version: i64 =
            sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations").fetch_one(&pool).await?;
        Ok(Prepared { laptop_group: format!("{database}_laptops"), database, schema_version })
    }
    .await;
    pool.close().await;
    result
}

/// `cp-tracker-admin shared upgrade`: brings a prepared database's schema up to this build's,
/// as whoever runs the database (laptops cannot change the schema). A schema newer than this
/// build is refused and left as it is. The newest migration applied.
pub async fn upgrade(address: &ServerAddress) -> Result<i64> {
    let pool = connect(address, 2).await?;
    let result = async {
        match crate::store::check_server_schema(&pool).await {
            Ok(()) => {}
            Err(e) if e.code == ErrorCode::SchemaTooOld => {
                POSTGRES_MIGRATOR.run(&pool).await.map_err(|e| {
                    Error::caused(
                        ErrorCode::Internal,
                        "The database could not be brought up to date. The role in the URL must own the database. \
                         Nothing that failed was kept.",
                        &e,
                    )
                })?;
            }
            Err(e) => return Err(e),
        }
        Ok(sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations").fetch_one(&pool).await?)
    }
    .await;
    pool.close().await;
    result
}
