//! One SQL text for both engines: the organisation's PostgreSQL in shared mode, the SQLCipher
//! file on one laptop. A statement is written once, with `$1`-style placeholders (which
//! SQLite accepts too), its values bound once, and run on whichever connection the records
//! are on. Values are encoded for both engines as they are bound, so an area's SQL needs no
//! generic bounds of its own. (Issue 20, step 1; the areas move onto it one by one.)

use sqlx::error::BoxDynError;
use sqlx::postgres::{PgArguments, PgConnection, PgRow};
use sqlx::sqlite::{SqliteArguments, SqliteConnection, SqliteRow};
use sqlx::{Arguments, AssertSqlSafe, Decode, Encode, FromRow, Postgres, Sqlite, Type};

use crate::Result;

/// The connection a statement runs on: a write's transaction, or one taken from the pool.
pub enum Conn<'a> {
    Sqlite(&'a mut SqliteConnection),
    Postgres(&'a mut PgConnection),
}

impl Conn<'_> {
    /// The same connection again, for the next statement.
    pub fn re(&mut self) -> Conn<'_> {
        match self {
            Conn::Sqlite(c) => Conn::Sqlite(c),
            Conn::Postgres(c) => Conn::Postgres(c),
        }
    }
}

/// A statement with its values, ready for either engine.
pub struct Query {
    sql: &'static str,
    sqlite: SqliteArguments,
    postgres: PgArguments,
    /// The first value that could not be encoded: the statement then fails when run.
    unbound: Option<BoxDynError>,
}

/// A statement written once for both engines. Only `'static` text: values are always bound,
/// never formatted into the SQL.
pub fn query(sql: &'static str) -> Query {
    Query { sql, sqlite: SqliteArguments::default(), postgres: PgArguments::default(), unbound: None }
}

/// What both engines can store and read back.
pub trait Value:
    Clone + Send + for<'q> Encode<'q, Sqlite> + Type<Sqlite> + for<'q> Encode<'q, Postgres> + Type<Postgres>
{
}
impl<T> Value for T where
    T: Clone + Send + for<'q> Encode<'q, Sqlite> + Type<Sqlite> + for<'q> Encode<'q, Postgres> + Type<Postgres>
{
}

/// A row type both engines can read (`#[derive(sqlx::FromRow)]` is generic over them).
pub trait Row: Send + Unpin + for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> {}
impl<T> Row for T where T: Send + Unpin + for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> {}

/// A single column both engines can read.
pub trait Scalar:
    Send + Unpin + for<'r> Decode<'r, Sqlite> + Type<Sqlite> + for<'r> Decode<'r, Postgres> + Type<Postgres>
{
}
impl<T> Scalar for T where
    T: Send + Unpin + for<'r> Decode<'r, Sqlite> + Type<Sqlite> + for<'r> Decode<'r, Postgres> + Type<Postgres>
{
}

impl Query {
    pub fn bind<T: Value>(mut self, value: T) -> Self {
        if let Err(e) = self.sqlite.add(value.clone()) {
            self.unbound.get_or_insert(e);
        }
        if let Err(e) = self.postgres.add(value) {
            self.unbound.get_or_insert(e);
        }
        self
    }

    fn sqlite(self) -> Result<SqliteArguments> {
        match self.unbound {
            Some(e) => Err(sqlx::Error::Encode(e).into()),
            None => Ok(self.sqlite),
        }
    }

    fn postgres(self) -> Result<PgArguments> {
        match self.unbound {
            Some(e) => Err(sqlx::Error::Encode(e).into()),
            None => Ok(self.postgres),
        }
    }

    /// Runs the statement; the rows it changed.
    pub async fn execute(self, conn: &mut Conn<'_>) -> Result<u64> {
        let sql = AssertSqlSafe(self.sql);
        Ok(match conn {
            Conn::Sqlite(c) => sqlx::query_with(sql, self.sqlite()?).execute(&mut **c).await?.rows_affected(),
            Conn::Postgres(c) => sqlx::query_with(sql, self.postgres()?).execute(&mut **c).await?.rows_affected(),
        })
    }

    pub async fn fetch_all<T: Row>(self, conn: &mut Conn<'_>) -> Result<Vec<T>> {
        let sql = AssertSqlSafe(self.sql);
        Ok(match conn {
            Conn::Sqlite(c) => sqlx::query_as_with(sql, self.sqlite()?).fetch_all(&mut **c).await?,
            Conn::Postgres(c) => sqlx::query_as_with(sql, self.postgres()?).fetch_all(&mut **c).await?,
        })
    }

    pub async fn fetch_optional<T: Row>(self, conn: &mut Conn<'_>) -> Result<Option<T>> {
        let sql = AssertSqlSafe(self.sql);
        Ok(match conn {
            Conn::Sqlite(c) => sqlx::query_as_with(sql, self.sqlite()?).fetch_optional(&mut **c).await?,
            Conn::Postgres(c) => sqlx::query_as_with(sql, self.postgres()?).fetch_optional(&mut **c).await?,
        })
    }

    /// The first column of each row.
    pub async fn scalars<T: Scalar>(self, conn: &mut Conn<'_>) -> Result<Vec<T>> {
        let sql = AssertSqlSafe(self.sql);
        Ok(match conn {
            Conn::Sqlite(c) => sqlx::query_scalar_with(sql, self.sqlite()?).fetch_all(&mut **c).await?,
            Conn::Postgres(c) => sqlx::query_scalar_with(sql, self.postgres()?).fetch_all(&mut **c).await?,
        })
    }

    /// The first column of the first row, if there is one.
    pub async fn scalar<T: Scalar>(self, conn: &mut Conn<'_>) -> Result<Option<T>> {
        let sql = AssertSqlSafe(self.sql);
        Ok(match conn {
            Conn::Sqlite(c) => sqlx::query_scalar_with(sql, self.sqlite()?).fetch_optional(&mut **c).await?,
            Conn::Postgres(c) => sqlx::query_scalar_with(sql, self.postgres()?).fetch_optional(&mut **c).await?,
        })
    }
}
