//! Shared mode's first step: a statement written once (`$1` placeholders, `RETURNING id`),
//! its values bound once, runs alike on SQLite and on the private PostgreSQL the test command
//! starts, and reads back the same rows: text, dates, flags, NULLs, a stored enum, an instant
//! and a list of enums kept in one column.

use chrono::NaiveDate;
use cp_core::cases::rules::Status;
use cp_core::clock::Stamp;
use cp_core::plans::rules::Category;
use cp_core::store::db::{Conn, query};
use cp_core::store::text::List;
use sqlx::Connection;

#[derive(Debug, PartialEq, sqlx::FromRow)]
struct Thing {
    id: i64,
    name: String,
    on_date: NaiveDate,
    live: bool,
    status: Status,
    note: Option<String>,
    at: Stamp,
    categories: List<Category>,
}

/// The same steps on either engine; what each read back.
async fn steps(mut conn: Conn<'_>) -> (Vec<Thing>, Option<i64>, Vec<String>) {
    let day = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
    let insert = "INSERT INTO things (name, on_date, live, status, note, at, categories)
                  VALUES ($1, $2, $3, $4, $5, '2026-12-05T09:30:00.000Z', 'neglect,emotional') RETURNING id";
    let first: Option<i64> = query(insert)
        .bind("Łukasz Nowak".to_owned())
        .bind(day)
        .bind(true)
        .bind(Status::Live)
        .bind(None::<String>)
        .scalar(&mut conn)
        .await
        .unwrap();
    assert_eq!(first, Some(1));
    query(insert)
        .bind("Siân O'Brien".to_owned())
        .bind(day.pred_opt().unwrap())
        .bind(false)
        .bind(Status::Closed)
        .bind(Some("a note; with 'quotes'".to_owned()))
        .execute(&mut conn)
        .await
        .unwrap();
    let changed =
        query("UPDATE things SET live = $1 WHERE status = $2").bind(true).bind(Status::Closed).execute(&mut conn).await;
    assert_eq!(changed.unwrap(), 1);
    let rows: Vec<Thing> =
        query("SELECT id, name, on_date, live, status, note, at, categories FROM things ORDER BY id")
            .fetch_all(&mut conn)
            .await
            .unwrap();
    let live: Option<i64> =
        query("SELECT COUNT(*) FROM things WHERE live = $1").bind(true).scalar(&mut conn).await.unwrap();
    let names: Vec<String> =
        query("SELECT name FROM things WHERE on_date < $1 ORDER BY name").bind(day).scalars(&mut conn).await.unwrap();
    (rows, live, names)
}

#[tokio::test]
async fn one_statement_runs_alike_on_sqlite_and_postgresql() {
    let mut sqlite = sqlx::SqliteConnection::connect("sqlite::memory:").await.unwrap();
    sqlx::query(
        "CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT NOT NULL, on_date TEXT NOT NULL,
                              live INTEGER NOT NULL, status TEXT NOT NULL, note TEXT, at TEXT NOT NULL,
                              categories TEXT NOT NULL)",
    )
    .execute(&mut sqlite)
    .await
    .unwrap();
    let on_sqlite = steps(Conn::Sqlite(&mut sqlite)).await;
    sqlite.close().await.unwrap();

    let url = std::env::var("CP_TEST_POSTGRES_URL")
        .expect("CP_TEST_POSTGRES_URL is not set: run the tests with scripts/test, which starts a private PostgreSQL");
    let ca = std::env::var("CP_TEST_POSTGRES_CA").unwrap();
    let options: sqlx::postgres::PgConnectOptions = url.parse().unwrap();
    let mut pg =
        sqlx::PgConnection::connect_with(&options.ssl_mode(sqlx::postgres::PgSslMode::VerifyFull).ssl_root_cert(ca))
            .await
            .unwrap();
    // A schema of its own, gone with the connection's temporary objects.
    sqlx::query(
        "CREATE TEMPORARY TABLE things (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name TEXT NOT NULL,
                                        on_date DATE NOT NULL, live BOOLEAN NOT NULL, status TEXT NOT NULL, note TEXT,
                                        at TEXT NOT NULL, categories TEXT NOT NULL)",
    )
    .execute(&mut pg)
    .await
    .unwrap();
    let on_postgres = steps(Conn::Postgres(&mut pg)).await;
    pg.close().await.unwrap();

    assert_eq!(on_sqlite, on_postgres);
    let (rows, live, names) = on_sqlite;
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].note.as_deref(), Some("a note; with 'quotes'"));
    assert_eq!((rows[1].status, rows[1].live), (Status::Closed, true));
    assert_eq!(live, Some(2));
    assert_eq!(names, ["Siân O'Brien"]);
    assert_eq!(rows[0].at.to_string(), "2026-12-05T09:30:00.000Z");
    assert_eq!(rows[0].categories, List(vec![Category::Neglect, Category::Emotional]));
}
