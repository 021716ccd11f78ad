//! One SQL text for both engines: the organisation's PostgreSQL in shared mode, the SQLCipher
//! file on one laptop. A statement is written once, with `$1`-style placeholders (which
//! SQLite accepts too), its values bound once, and run on whichever connection the records
//! are on. Values are encoded for both engines as they are bound, so an area's SQL needs no
//! generic bounds of its own. Where the dialects differ (FTS5 against `pg_trgm`, the schema's
//! catalogue), `Conn::engine` says which text to run.

use sqlx::error::BoxDynError;
use sqlx::postgres::{PgArguments, PgConnection, PgPool, PgRow};
use sqlx::sqlite::{SqliteArguments, SqliteConnection, SqlitePool, SqliteRow};
use sqlx::{Arguments, AssertSqlSafe, Decode, Encode, FromRow, Postgres, Sqlite, Type};

use super::server_error;
use crate::Result;

/// The connection a statement runs on: a write's transaction, or a pool (each statement on
/// whichever connection is free, as reads need).
pub enum Conn<'a> {
    Sqlite(&'a mut SqliteConnection),
    Postgres(&'a mut PgConnection),
    SqlitePool(&'a SqlitePool),
    PostgresPool(&'a PgPool),
}

/// Which engine the records are on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Conn<'_> {
    /// The same connection again, for the next statement.
    pub fn re(&mut self) -> Conn<'_> {
        match self {
            Conn::Sqlite(c) => Conn::Sqlite(c),
            Conn::Postgres(c) => Conn::Postgres(c),
            Conn::SqlitePool(p) => Conn::SqlitePool(p),
            Conn::PostgresPool(p) => Conn::PostgresPool(p),
        }
    }

    pub fn engine(&self) -> Engine {
        match self {
            Conn::Sqlite(_) | Conn::SqlitePool(_) => Engine::Sqlite,
            Conn::Postgres(_) | Conn::PostgresPool(_) => Engine::Postgres,
        }
    }
}

/// Runs query `$q`, made by `$make` with its text and the arguments for the engine, on
/// whichever connection `$conn` holds.
macro_rules! on {
    ($conn:expr, $q:ident, $make:path, $run:ident) => {
        match $conn {
            Conn::Sqlite(c) => {
                let (sql, args) = $q.sqlite()?;
                $make(sql, args).$run(&mut **c).await?
            }
            Conn::SqlitePool(p) => {
                let (sql, args) = $q.sqlite()?;
                $make(sql, args).$run(*p).await?
            }
            Conn::Postgres(c) => {
                let (sql, args, persistent) = $q.postgres()?;
                $make(sql, args).persistent(persistent).$run(&mut **c).await.map_err(server_error)?
            }
            Conn::PostgresPool(p) => {
                let (sql, args, persistent) = $q.postgres()?;
                $make(sql, args).persistent(persistent).$run(*p).await.map_err(server_error)?
            }
        }
    };
}

/// A statement with its values, ready for either engine.
pub struct Query {
    sql: String,
    sqlite: SqliteArguments,
    postgres: PgArguments,
    /// The first value that could not be encoded: the statement then fails when run.
    unbound: Option<BoxDynError>,
    /// PostgreSQL plans it afresh for its values each time rather than keeping one plan for
    /// every value (`Builder`'s statements: what a lead typed decides whether an index helps;
    /// a kept plan, made for no value in particular, used the trigram index for one- and
    /// two-letter searches too, which then matched every case through it: counting a search's
    /// matches took 38 ms instead of 10 at 10,000 cases).
    planned_each_time: bool,
}

/// A statement written once for both engines. Only `'static` text: values are always bound,
/// never formatted into the SQL.
pub fn query(sql: &'static str) -> Query {
    Query {
        sql: sql.to_owned(),
        sqlite: SqliteArguments::default(),
        postgres: PgArguments::default(),
        unbound: None,
        planned_each_time: false,
    }
}

/// A statement put together from constant names (a table and its columns
/// from a fixed list), never from a value, which is always bound.
pub fn query_composed(sql: String) -> Query {
    Query {
        sql,
        sqlite: SqliteArguments::default(),
        postgres: PgArguments::default(),
        unbound: None,
        planned_each_time: false,
    }
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
        self.push(value);
        self
    }

    /// Binds the next value in place.
    fn push<T: Value>(&mut self, value: T) {
        if let Err(e) = self.sqlite.add(value.clone()) {
            self.unbound.get_or_insert(e);
        }
        if let Err(e) = self.postgres.add(value) {
            self.unbound.get_or_insert(e);
        }
    }

    fn sqlite(self) -> Result<(AssertSqlSafe<String>, SqliteArguments)> {
        match self.unbound {
            Some(e) => Err(sqlx::Error::Encode(e).into()),
            None => Ok((AssertSqlSafe(self.sql), self.sqlite)),
        }
    }

    /// The statement for PostgreSQL, and whether the server may keep its plan.
    fn postgres(self) -> Result<(AssertSqlSafe<String>, PgArguments, bool)> {
        match self.unbound {
            Some(e) => Err(sqlx::Error::Encode(e).into()),
            None => Ok((AssertSqlSafe(self.sql), self.postgres, !self.planned_each_time)),
        }
    }

    /// Runs the statement; the rows it changed.
    pub async fn execute(self, conn: &mut Conn<'_>) -> Result<u64> {
        Ok(match conn {
            Conn::Sqlite(c) => {
                let (sql, args) = self.sqlite()?;
                sqlx::query_with(sql, args).execute(&mut **c).await?.rows_affected()
            }
            Conn::SqlitePool(p) => {
                let (sql, args) = self.sqlite()?;
                sqlx::query_with(sql, args).execute(*p).await?.rows_affected()
            }
            Conn::Postgres(c) => {
                let (sql, args, persistent) = self.postgres()?;
                sqlx::query_with(sql, args)
                    .persistent(persistent)
                    .execute(&mut **c)
                    .await
                    .map_err(server_error)?
                    .rows_affected()
            }
            Conn::PostgresPool(p) => {
                let (sql, args, persistent) = self.postgres()?;
                sqlx::query_with(sql, args)
                    .persistent(persistent)
                    .execute(*p)
                    .await
                    .map_err(server_error)?
                    .rows_affected()
            }
        })
    }

    pub async fn fetch_all<T: Row>(self, conn: &mut Conn<'_>) -> Result<Vec<T>> {
        Ok(on!(conn, self, sqlx::query_as_with, fetch_all))
    }

    pub async fn fetch_optional<T: Row>(self, conn: &mut Conn<'_>) -> Result<Option<T>> {
        Ok(on!(conn, self, sqlx::query_as_with, fetch_optional))
    }

    pub async fn fetch_one<T: Row>(self, conn: &mut Conn<'_>) -> Result<T> {
        Ok(on!(conn, self, sqlx::query_as_with, fetch_one))
    }

    /// The first column of each row.
    pub async fn scalars<T: Scalar>(self, conn: &mut Conn<'_>) -> Result<Vec<T>> {
        Ok(on!(conn, self, sqlx::query_scalar_with, fetch_all))
    }

    /// The first column of the first row, if there is one.
    pub async fn scalar<T: Scalar>(self, conn: &mut Conn<'_>) -> Result<Option<T>> {
        Ok(on!(conn, self, sqlx::query_scalar_with, fetch_optional))
    }

    /// The first column of the one row the statement must return (a count, a `RETURNING id`).
    pub async fn one<T: Scalar>(self, conn: &mut Conn<'_>) -> Result<T> {
        Ok(on!(conn, self, sqlx::query_scalar_with, fetch_one))
    }
}

/// A statement put together from fixed fragments and bound values, for the queries whose
/// shape depends on what a lead asked (search's words and filters). Each value gets its own
/// numbered placeholder; the text is only ever this crate's own fragments.
pub struct Builder {
    sql: String,
    query: Query,
    engine: Engine,
    bound: usize,
}

impl Builder {
    pub fn new(engine: Engine, start: &'static str) -> Self {
        Self { sql: start.to_owned(), query: query_composed(String::new()), engine, bound: 0 }
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    pub fn push(&mut self, fragment: &'static str) -> &mut Self {
        self.sql.push_str(fragment);
        self
    }

    pub fn push_bind<T: Value>(&mut self, value: T) -> &mut Self {
        self.bound += 1;
        self.sql.push('$');
        self.sql.push_str(&self.bound.to_string());
        self.query.push(value);
        self
    }

    /// `values` bound one placeholder each, separated by commas: the inside of an `IN (...)`.
    pub fn push_binds<T: Value>(&mut self, values: &[T]) -> &mut Self {
        for (i, value) in values.iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.push_bind(value.clone());
        }
        self
    }

    pub fn build(self) -> Query {
        Query { sql: self.sql, planned_each_time: true, ..self.query }
    }
}
