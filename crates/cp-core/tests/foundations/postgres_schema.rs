//! Shared mode's schema on PostgreSQL (migrations/postgres) against the SQLite one: the same
//! tables and columns, the same append-only guards by name, and the guards and derived tables
//! behaving alike. Runs on the private PostgreSQL the test command starts.

use crate::common;

use std::collections::BTreeSet;

use common::{MemoryKeys, set_up};
use cp_core::audit::GUARDS;
use cp_core::shared::POSTGRES_MIGRATOR;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions, PgSslMode};

/// A database of its own on the private cluster, with the schema applied.
async fn fresh_database(name: &str) -> PgPool {
    let url = std::env::var("CP_TEST_POSTGRES_URL")
        .expect("CP_TEST_POSTGRES_URL is not set: run the tests with scripts/test, which starts a private PostgreSQL");
    let ca = std::env::var("CP_TEST_POSTGRES_CA").unwrap();
    let options: PgConnectOptions = url.parse().unwrap();
    let options = options.ssl_mode(PgSslMode::VerifyFull).ssl_root_cert(ca);
    let admin = PgPoolOptions::new().max_connections(1).connect_with(options.clone()).await.unwrap();
    let name = format!("{name}_{}", std::process::id());
    sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name}"))).execute(&admin).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(&admin).await.unwrap();
    admin.close().await;
    let pool = PgPoolOptions::new().max_connections(2).connect_with(options.database(&name)).await.unwrap();
    POSTGRES_MIGRATOR.run(&pool).await.unwrap();
    pool
}

/// Left on SQLite only: the sign-in counts from before they moved out of the database, and
/// FTS5's own tables (PostgreSQL indexes the same text with pg_trgm).
fn sqlite_only(table: &str) -> bool {
    matches!(table, "sign_in_guard" | "lead_attempts") || table.starts_with("case_search") || table.starts_with('_')
}

/// Kept on the server only: the laptops enrolled, and the leads' ways in from any of them.
fn server_only(column: &str) -> bool {
    ["devices.", "lead_slots.", "sign_in_counts."].iter().any(|table| column.starts_with(table))
}

#[tokio::test]
async fn the_postgresql_schema_has_every_table_column_and_guard_of_the_sqlite_one() {
    let pg = fresh_database("cp_schema").await;
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (store, _) = set_up(dir.path(), &keys, "Org").await;
    let tables: Vec<String> = sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .fetch_all(store.file_pool().unwrap())
        .await
        .unwrap();
    let mut on_sqlite = BTreeSet::new();
    for table in tables.iter().filter(|t| !sqlite_only(t)) {
        let columns: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info(?)")
            .bind(table)
            .fetch_all(store.file_pool().unwrap())
            .await
            .unwrap();
        on_sqlite.extend(columns.into_iter().map(|c| format!("{table}.{c}")));
    }
    store.close().await;
    let on_postgres: BTreeSet<String> = sqlx::query_scalar::<_, String>(
        "SELECT table_name || '.' || column_name FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name NOT LIKE '\\_%'",
    )
    .fetch_all(&pg)
    .await
    .unwrap()
    .into_iter()
    .filter(|c| !server_only(c))
    .collect();
    assert_eq!(
        on_sqlite.symmetric_difference(&on_postgres).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "columns on one engine only"
    );

    let triggers: BTreeSet<String> = sqlx::query_scalar("SELECT tgname::text FROM pg_trigger WHERE NOT tgisinternal")
        .fetch_all(&pg)
        .await
        .unwrap()
        .into_iter()
        .collect();
    let missing: Vec<&&str> = GUARDS.iter().filter(|g| !triggers.contains(**g)).collect();
    assert!(missing.is_empty(), "guards missing on PostgreSQL: {missing:?}");
    pg.close().await;
}

#[tokio::test]
async fn the_guards_and_derived_tables_behave_as_on_sqlite() {
    let pg = fresh_database("cp_guards").await;
    let run = |sql: &'static str| {
        let pg = pg.clone();
        async move { sqlx::query(sql).execute(&pg).await }
    };
    for sql in [
        "INSERT INTO leads (name, role, passphrase_hash, created_at) VALUES ('Joanna', 'DSL', 'key-slot', 't')",
        "INSERT INTO leads (name, role, passphrase_hash, created_at) VALUES ('Elaine', 'Deputy', 'key-slot', 't')",
        "INSERT INTO cases (ref_year, ref_number, reference, status, level, address_line1, postcode, source,
                            opened_on, created_at, created_by)
         VALUES (2026, 1, 'CP-2026-0001', 'live', 'universal', '4 Elm Road', 'BS5 9QZ', 'staff', '2026-01-05', 't', 1)",
        "INSERT INTO people (full_name, created_at, created_by, search_name) VALUES ('Łukasz Nowak', 't', 1, 'lukasz nowak')",
        "INSERT INTO case_people (case_id, person_id, role, added_at, added_by) VALUES (1, 1, 'child', 't', 1)",
        "INSERT INTO chronology_entries (case_id, created_at, created_by) VALUES (1, 't', 1)",
        "INSERT INTO chronology_revisions (entry_id, revision, event_on, kind, info_source, summary, recorded_at, recorded_by)
         VALUES (1, 1, '2026-01-05', 'note', 'staff', 'first', 't', 1)",
        "INSERT INTO chronology_revisions (entry_id, revision, event_on, kind, info_source, summary, recorded_at, recorded_by)
         VALUES (1, 2, '2026-01-06', 'note', 'staff', 'second', 't', 1)",
        "INSERT INTO case_changes (case_id, lead_id, kind, summary, at) VALUES (1, 1, 'entry_added', 'an entry', 't')",
        "INSERT INTO audit_log (id, at, actor, action, prev_hash, hash) VALUES (1, 't', 'system', 'set_up', 'g', 'h')",
    ] {
        run(sql).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    // Derived tables, kept by triggers as on SQLite.
    let search: String = sqlx::query_scalar("SELECT search_text FROM cases WHERE id = 1").fetch_one(&pg).await.unwrap();
    // Empty second line and town leave their spaces, as SQLite's trigger does.
    assert_eq!(search, "cp-2026-0001 4 elm road   bs59qz lukasz nowak");
    let latest: (i64, chrono::NaiveDate) =
        sqlx::query_as("SELECT revision, event_on FROM chronology_latest WHERE entry_id = 1")
            .fetch_one(&pg)
            .await
            .unwrap();
    assert_eq!(latest, (2, chrono::NaiveDate::from_ymd_opt(2026, 1, 6).unwrap()));
    let inbox: Vec<i64> = sqlx::query_scalar("SELECT lead_id FROM change_inbox").fetch_all(&pg).await.unwrap();
    assert_eq!(inbox, [2], "Elaine is told of Joanna's change, Joanna is not");
    let found: i64 = sqlx::query_scalar("SELECT count(*) FROM cases WHERE search_text LIKE '%' || $1 || '%'")
        .bind("nowak")
        .fetch_one(&pg)
        .await
        .unwrap();
    assert_eq!(found, 1);

    // The append-only guards refuse with their reasons.
    for (sql, reason) in [
        ("UPDATE audit_log SET action = 'x'", "the audit log is append-only"),
        ("DELETE FROM audit_log", "the audit log is append-only"),
        ("UPDATE chronology_revisions SET summary = 'rewritten'", "chronology revisions are append-only"),
        ("DELETE FROM chronology_entries", "chronology entries are never deleted"),
        ("DELETE FROM cases", "cases are never deleted"),
        ("DELETE FROM leads WHERE id = 2", "leads are never deleted"),
    ] {
        let err = run(sql).await.unwrap_err().to_string();
        assert!(err.contains(reason), "{sql}: {err}");
    }
    // A plan ends once; a signed-off week takes no more reviews.
    for sql in [
        "INSERT INTO plans (case_id, person_id, kind, start_on, local_authority, created_at, created_by)
         VALUES (1, 1, 'child_in_need', '2026-01-05', 'Bristol', 't', 1)",
        "UPDATE plans SET end_on = '2026-02-01', ended_at = 't', ended_by = 1 WHERE id = 1",
        "INSERT INTO review_signoffs (lead_id, week, signed_at) VALUES (1, '2026-W02', 't')",
    ] {
        run(sql).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    let err = run("UPDATE plans SET end_on = '2026-03-01' WHERE id = 1").await.unwrap_err().to_string();
    assert!(err.contains("a plan can only be ended, once"), "{err}");
    let err = run(
        "INSERT INTO review_items (lead_id, week, case_id, outcome, recorded_at) VALUES (1, '2026-W02', 1, 'no_change', 't')",
    )
    .await
    .unwrap_err()
    .to_string();
    assert!(err.contains("this week is signed off"), "{err}");
    run("INSERT INTO review_items (lead_id, week, case_id, outcome, recorded_at) VALUES (2, '2026-W02', 1, 'no_change', 't')")
        .await
        .unwrap();
    pg.close().await;
}

/// A laptop's own role, through `psql` with TLS verified as the app connects: it adds records
/// and takes the steps the rules allow, and is refused, by the grants themselves, any change
/// to or removal of an append-only record.
#[tokio::test]
async fn a_laptop_cannot_change_or_remove_append_only_records() {
    let pg = fresh_database("cp_grants").await;
    let database: String = sqlx::query_scalar("SELECT current_database()").fetch_one(&pg).await.unwrap();
    let laptop = format!("laptop_{}", std::process::id());
    for sql in [
        format!("DROP ROLE IF EXISTS {laptop}"),
        format!("CREATE ROLE {laptop} LOGIN PASSWORD 'a laptop password' IN ROLE {database}_laptops"),
        "INSERT INTO leads (name, role, passphrase_hash, created_at) VALUES ('Joanna', 'DSL', 'key-slot', 't')".into(),
        "INSERT INTO audit_log (id, at, actor, action, prev_hash, hash) VALUES (1, 't', 'system', 'set_up', 'g', 'h')"
            .into(),
    ] {
        sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&pg).await.unwrap();
    }
    let url: sqlx::postgres::PgConnectOptions = std::env::var("CP_TEST_POSTGRES_URL").unwrap().parse().unwrap();
    let psql = |sql: &str| {
        let out = std::process::Command::new("psql")
            .arg(format!(
                "host={} port={} dbname={database} user={laptop} sslmode=verify-full sslrootcert={}",
                url.get_host(),
                url.get_port(),
                std::env::var("CP_TEST_POSTGRES_CA").unwrap()
            ))
            .args(["-v", "ON_ERROR_STOP=1", "-Atc", sql])
            .env("PGPASSWORD", "a laptop password")
            .output()
            .expect("psql (Debian's postgresql-client) runs");
        (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    for allowed in [
        "INSERT INTO audit_log (id, at, actor, action, prev_hash, hash) VALUES (2, 't', 'system', 'sign_in', 'h', 'i')",
        "INSERT INTO drafts (lead_id, key, body, saved_at) VALUES (1, 'k', 'typing', 't')",
        "DELETE FROM drafts",
        "UPDATE leads SET active = FALSE WHERE id = 1",
        "SELECT count(*) FROM _sqlx_migrations",
    ] {
        let (ok, err) = psql(allowed);
        assert!(ok, "{allowed}: {err}");
    }
    for refused in [
        "UPDATE audit_log SET action = 'x'",
        "DELETE FROM audit_log",
        "UPDATE chronology_revisions SET summary = 'rewritten'",
        "DELETE FROM chronology_entries",
        "UPDATE level_changes SET evidence = 'none'",
        "DELETE FROM review_signoffs",
        "UPDATE lead_keys SET public_key = 'mine'",
        "DELETE FROM leads",
        "DELETE FROM cases",
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES (29991231000000, 'from the future', TRUE, '\\x00', 0)",
    ] {
        let (ok, err) = psql(refused);
        assert!(!ok && err.contains("permission denied"), "{refused}: {err}");
    }
    sqlx::query(sqlx::AssertSqlSafe(format!("DROP OWNED BY {laptop}"))).execute(&pg).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("DROP ROLE {laptop}"))).execute(&pg).await.unwrap();
    pg.close().await;
}

/// A laptop opens the organisation's records only on the schema it was built for: an empty
/// database, one migrated by a newer CP Tracker, and one not yet brought up to date each get
/// their own refusal, and nothing is changed.
#[tokio::test]
async fn a_laptop_refuses_a_schema_it_was_not_built_for() {
    use cp_core::ErrorCode;
    use cp_core::store::Store;
    let dir = tempfile::tempdir().unwrap();
    let path = cp_core::store::db_path(dir.path());
    let address = common::empty_database("cp_versions").await;
    let open = async || Store::open_shared(cp_core::shared::connect(&address, 1).await.unwrap(), Some(&path)).await;

    assert_eq!(open().await.unwrap_err().code, ErrorCode::NotSetUp, "an empty database");
    cp_core::shared::init::prepare(&address).await.unwrap();
    open().await.unwrap().close().await;

    let pool = cp_core::shared::connect(&address, 1).await.unwrap();
    let newest = cp_core::shared::POSTGRES_MIGRATOR.iter().map(|m| m.version).max().unwrap();
    let (description, checksum): (String, Vec<u8>) =
        sqlx::query_as("SELECT description, checksum FROM _sqlx_migrations WHERE version = $1")
            .bind(newest)
            .fetch_one(&pool)
            .await
            .unwrap();
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES ($1, $2, TRUE, $3, 0)",
    )
    .bind(newest + 1)
    .bind(&description)
    .bind(&checksum)
    .execute(&pool)
    .await
    .unwrap();
    let newer = open().await.unwrap_err();
    assert_eq!(newer.code, ErrorCode::SchemaTooNew);
    assert!(newer.message.contains("newer version"), "{}", newer.message);

    sqlx::query("DELETE FROM _sqlx_migrations WHERE version >= $1").bind(newest).execute(&pool).await.unwrap();
    let older = open().await.unwrap_err();
    assert_eq!(older.code, ErrorCode::SchemaTooOld);
    assert!(older.message.contains("shared upgrade"), "{}", older.message);
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations").fetch_one(&pool).await.unwrap();
    assert_eq!(left as usize, cp_core::shared::POSTGRES_MIGRATOR.iter().count() - 1, "the laptop changed nothing");
    pool.close().await;
}

/// A database an older CP Tracker prepared (every migration but the newest) is refused by a
/// laptop until `shared upgrade` brings it up to date, and then opens.
#[tokio::test]
async fn an_older_schema_is_brought_up_to_date_by_shared_upgrade() {
    use cp_core::ErrorCode;
    use cp_core::shared::POSTGRES_MIGRATOR;
    use cp_core::store::Store;
    let address = common::empty_database("cp_upgrade").await;
    let older: Vec<_> = POSTGRES_MIGRATOR.iter().take(POSTGRES_MIGRATOR.iter().count() - 1).cloned().collect();
    let older =
        sqlx::migrate::Migrator { migrations: std::borrow::Cow::Owned(older), ..sqlx::migrate::Migrator::DEFAULT };
    let pool = cp_core::shared::connect(&address, 1).await.unwrap();
    older.run(&pool).await.unwrap();
    // A family recorded before: what the newest migration derives is derived for it too.
    for sql in [
        "INSERT INTO leads (name, role, passphrase_hash, created_at) VALUES ('Joanna', 'DSL', 'key-slot', 't')",
        "INSERT INTO cases (ref_year, ref_number, reference, status, level, address_line1, postcode, source,
                            opened_on, created_at, created_by)
         VALUES (2026, 1, 'CP-2026-0001', 'live', 'universal', '4 Elm Road', 'BS5 9QZ', 'staff', '2026-01-05', 't', 1)",
        "INSERT INTO people (full_name, date_of_birth, created_at, created_by, search_name)
         VALUES ('Ada Nowak', '2019-04-02', 't', 1, 'ada nowak'), ('Ewa Nowak', '2016-09-30', 't', 1, 'ewa nowak'),
                ('Piotr Nowak', '1988-01-01', 't', 1, 'piotr nowak')",
        "INSERT INTO case_people (case_id, person_id, role, added_at, added_by)
         VALUES (1, 1, 'child', 't', 1), (1, 2, 'child', 't', 1), (1, 3, 'parent', 't', 1)",
    ] {
        sqlx::query(sql).execute(&pool).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    pool.close().await;

    let open = async || Store::open_shared(cp_core::shared::connect(&address, 1).await.unwrap(), None).await;
    assert_eq!(open().await.unwrap_err().code, ErrorCode::SchemaTooOld);
    let newest = POSTGRES_MIGRATOR.iter().map(|m| m.version).max().unwrap();
    assert_eq!(cp_core::shared::init::upgrade(&address).await.unwrap(), newest);
    open().await.unwrap().close().await;
    let pool = cp_core::shared::connect(&address, 1).await.unwrap();
    let youngest: Option<chrono::NaiveDate> =
        sqlx::query_scalar("SELECT youngest_child_on FROM cases WHERE id = 1").fetch_one(&pool).await.unwrap();
    assert_eq!(youngest, chrono::NaiveDate::from_ymd_opt(2019, 4, 2));
    pool.close().await;
    assert_eq!(cp_core::shared::init::upgrade(&address).await.unwrap(), newest, "once up to date, nothing to do");
}
