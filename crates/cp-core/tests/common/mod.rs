#![allow(dead_code)] // each test file uses a different part of this

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};

use chrono::{DateTime, Utc};
use cp_core::Result;
use cp_core::installation::{Installation, Opened};
use cp_core::leads::rules::{NewLead, SetupInput};
use cp_core::shared::ServerAddress;
use cp_core::store::Store;
use cp_core::store::db::Engine;
use cp_core::vault::{DbKey, KeyStore, RecoveryKey};

/// An in-memory key store for tests whose subject is not the keyring (the keyring's own
/// tests use the real Secret Service).
#[derive(Default)]
pub struct MemoryKeys(pub Mutex<HashMap<String, Vec<u8>>>);

impl KeyStore for MemoryKeys {
    fn load(&self, id: &str) -> Result<Option<DbKey>> {
        let map = self.0.lock().unwrap();
        map.get(id).map(|b| DbKey::from_slice(b)).transpose()
    }
    fn save(&self, id: &str, key: &DbKey) -> Result<()> {
        self.0.lock().unwrap().insert(id.to_owned(), key.as_bytes().to_vec());
        Ok(())
    }
    fn delete(&self, id: &str) -> Result<()> {
        self.0.lock().unwrap().remove(id);
        Ok(())
    }
}

impl MemoryKeys {
    /// The laptop secret of the installation (the only secret a set-up keeps in the keyring).
    pub fn laptop(&self, installation_id: &str) -> DbKey {
        self.load(&cp_core::vault::keyring::laptop_account(installation_id)).unwrap().expect("a laptop secret")
    }
}

/// The first lead of `setup_input`, and her passphrase.
pub const JOANNA: (i64, &str) = (1, "joanna's long passphrase");
pub const ELAINE: (i64, &str) = (2, "elaine's long passphrase");

/// Opens the records in `dir` as a lead would: start-up, then sign-in.
pub async fn sign_in(
    dir: &Path,
    keys: &dyn KeyStore,
    (lead, passphrase): (i64, &str),
) -> cp_core::installation::Unlocked {
    let install = Installation::new(dir);
    let Opened::Ready(vault) = install.open(keys).await.unwrap() else { panic!("not ready to sign in") };
    install.sign_in(&vault, keys, lead, passphrase, now()).await.unwrap()
}

/// The database key, as Joanna's slot releases it (for tests that look at the file itself).
pub fn data_key(dir: &Path, keys: &dyn KeyStore) -> DbKey {
    let vault = vault(dir);
    let laptop = keys.load(&cp_core::vault::keyring::laptop_account(&vault.installation_id)).unwrap().unwrap();
    vault
        .slot(JOANNA.0)
        .expect("Joanna's slot")
        .open(JOANNA.1, &laptop)
        .unwrap()
        .expect("her passphrase opens it")
        .data_key
}

/// The records opened for a look at what they hold, without a sign-in of its own (which would
/// add rows to the audit trail the test is reading).
pub async fn inspect(dir: &Path, keys: &dyn KeyStore) -> Store {
    let key = data_key(dir, keys);
    Store::open(&cp_core::store::db_path(dir), &key, cp_core::store::OpenMode::Existing).await.unwrap()
}

/// The vault as start-up reads it.
pub fn vault(dir: &Path) -> cp_core::vault::VaultFile {
    cp_core::vault::file::read(dir).unwrap().expect("a vault.json")
}

pub fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-23T09:30:00Z").unwrap().with_timezone(&Utc)
}

pub fn setup_input(org: &str) -> SetupInput {
    SetupInput {
        organisation: org.to_owned(),
        leads: vec![
            NewLead {
                name: "Joanna Holmes".into(),
                role: "Designated safeguarding lead".into(),
                passphrase: "joanna's long passphrase".into(),
            },
            NewLead {
                name: "Elaine Martin".into(),
                role: "Deputy lead".into(),
                passphrase: "elaine's long passphrase".into(),
            },
        ],
    }
}

/// The engine this run's records are on: the SQLCipher file, or with `CP_TEST_ENGINE=postgres`
/// (which `scripts/test` sets for its second run of the areas' tests) the private PostgreSQL.
pub fn engine() -> Engine {
    match std::env::var("CP_TEST_ENGINE").as_deref() {
        Ok("postgres") => Engine::Postgres,
        _ => Engine::Sqlite,
    }
}

/// The organisation's records as a test starts them: on this run's engine, with Joanna and
/// Elaine as its leads and the store signing as both.
pub async fn set_up(dir: &Path, keys: &dyn KeyStore, org: &str) -> (Store, RecoveryKey) {
    let recovery = RecoveryKey::generate().unwrap();
    if engine() == Engine::Postgres {
        return (shared_set_up(dir, org).await, recovery);
    }
    let store = Installation::new(dir).set_up(&setup_input(org), &recovery, keys, now()).await.unwrap();
    (store, recovery)
}

/// The admin's address of the private PostgreSQL the test command started.
pub fn postgres_admin() -> ServerAddress {
    let url = std::env::var("CP_TEST_POSTGRES_URL")
        .expect("CP_TEST_POSTGRES_URL is not set: run the tests with scripts/test, which starts a private PostgreSQL");
    let ca = std::fs::read(std::env::var("CP_TEST_POSTGRES_CA").unwrap()).unwrap();
    ServerAddress::from_url(&url, Some(ca)).unwrap()
}

/// The admin's address of a new, empty database of the test's own on the private cluster
/// (`name` and the process's id: one left by an earlier run of the test is made again).
pub async fn empty_database(name: &str) -> ServerAddress {
    let admin = postgres_admin();
    let name = format!("{name}_{}", std::process::id());
    let server = cp_core::shared::connect(&admin, 1).await.unwrap();
    for sql in [format!("DROP DATABASE IF EXISTS {name}"), format!("CREATE DATABASE {name}")] {
        sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&server).await.unwrap();
    }
    server.close().await;
    ServerAddress { database: name, ..admin }
}

/// An organisation's records on the private PostgreSQL, as a test starts them.
pub struct SharedRecords {
    /// A laptop's store, through its least-privilege role, signing as every lead.
    pub store: Store,
    /// The laptop's own address: its role and password.
    pub laptop: ServerAddress,
    /// The admin's address of the same database.
    pub admin: ServerAddress,
    /// Each lead's id and the seed of their signing key.
    pub leads: Vec<(i64, cp_core::vault::DbKey)>,
}

/// A new database of the test's own, prepared as `shared init` prepares one, with the
/// organisation and its leads written by the admin; the store returned is a laptop's, through
/// a role in the laptops' group (so every step a test takes runs under least privilege).
pub async fn shared_records(dir: &Path, org: &str) -> SharedRecords {
    static DATABASES: AtomicU32 = AtomicU32::new(0);
    let admin = empty_database(&format!("cp_test_{}", DATABASES.fetch_add(1, Ordering::Relaxed))).await;
    let name = admin.database.clone();
    let server = cp_core::shared::connect(&postgres_admin(), 1).await.unwrap();
    let prepared = cp_core::shared::init::prepare(&admin).await.unwrap();
    let password = format!("laptop-{name}-password");
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "CREATE ROLE {name}_laptop LOGIN PASSWORD '{password}' IN ROLE {}",
        prepared.laptop_group
    )))
    .execute(&server)
    .await
    .unwrap();
    server.close().await;

    let db_path = cp_core::store::db_path(dir);
    let as_admin =
        Store::open_shared(cp_core::shared::connect(&admin, 1).await.unwrap(), Some(&db_path)).await.unwrap();
    let leads = cp_core::shared::organisation::set_up(&as_admin, &setup_input(org), now()).await.unwrap();
    as_admin.close().await;
    let laptop = ServerAddress { role: format!("{name}_laptop"), password: password.into(), ..admin.clone() };
    let store = Store::open_shared(cp_core::shared::connect(&laptop, 4).await.unwrap(), Some(&db_path)).await.unwrap();
    for (id, seed) in &leads {
        store.sign_as(cp_core::vault::Signer::new(*id, seed));
    }
    SharedRecords { store, laptop, admin, leads }
}

async fn shared_set_up(dir: &Path, org: &str) -> Store {
    shared_records(dir, org).await.store
}

pub fn snapshot(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

/// A helper program from `examples/`. Cargo builds examples beside the integration tests
/// (target/<profile>/examples) when `cargo test` runs without a `--test` filter.
pub fn example(name: &str) -> std::path::PathBuf {
    let exe = std::env::current_exe().unwrap();
    let path = exe.parent().unwrap().parent().unwrap().join("examples").join(name);
    assert!(
        path.is_file(),
        "{} is not built: run `cargo test -p cp-core` with no --test or --examples filter, which builds the examples",
        path.display()
    );
    path
}

/// A case opened from a staff report at `line1`, Bristol BS5 9QZ, on 5 January 2026.
pub fn new_case(line1: &str) -> cp_core::cases::NewCase {
    cp_core::cases::NewCase {
        address_line1: line1.to_owned(),
        address_line2: String::new(),
        town: "Bristol".into(),
        postcode: "BS5 9QZ".into(),
        source: cp_core::cases::Source::StaffReport,
        local_authority: String::new(),
        opened_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        cc_registration: None,
        cc_registration_on: None,
    }
}

/// A phone call from the class teacher on 20 November 2026, about no child in particular.
pub fn phone_call(summary: &str) -> cp_core::chronology::rules::NewEntry {
    cp_core::chronology::rules::NewEntry {
        event_on: day("2026-11-20"),
        event_time: None,
        kind: cp_core::chronology::rules::EntryKind::PhoneCall,
        info_source: "Class teacher".into(),
        children: Vec::new(),
        summary: summary.to_owned(),
        detail: String::new(),
        action_required: String::new(),
        significant: false,
        tags: vec![],
    }
}

/// An instant written as in RFC 3339, for the clock the core is given.
pub fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// A date written as `YYYY-MM-DD`.
pub fn day(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

/// One number from the database, read directly: what a test checks was (or was not) written.
pub async fn count(store: &Store, sql: &'static str) -> i64 {
    cp_core::store::db::query(sql).one(&mut store.db()).await.unwrap()
}

/// A second lead, Priya Shah, added straight to the database (no passphrase to hash); her id.
pub async fn second_lead(store: &Store) -> i64 {
    cp_core::leads::sql::insert_lead(&mut store.db(), "Priya Shah", "Deputy lead", "unused", "2026-01-01T00:00:00Z")
        .await
        .unwrap()
}

/// Runs `statements` past the records' guards, as someone with more than the app's rights
/// could: on a laptop's file, anyone holding its key, who drops the guards named first; on the
/// organisation's server, whoever runs the database, as its superuser with every trigger off
/// for the connection (`session_replication_role = replica`). Test values only, in the text.
pub async fn tamper(store: &Store, guards: &[&str], statements: &[&str]) {
    match store.engine() {
        Engine::Sqlite => {
            let pool = store.file_pool().unwrap();
            for guard in guards {
                sqlx::query(sqlx::AssertSqlSafe(format!("DROP TRIGGER {guard}"))).execute(pool).await.unwrap();
            }
            for sql in statements {
                sqlx::query(sqlx::AssertSqlSafe(sql.to_string())).execute(pool).await.unwrap();
            }
        }
        Engine::Postgres => {
            let pool = as_superuser(store).await;
            let mut conn = pool.acquire().await.unwrap();
            sqlx::query("SET session_replication_role = replica").execute(&mut *conn).await.unwrap();
            for sql in statements {
                sqlx::query(sqlx::AssertSqlSafe(sql.to_string())).execute(&mut *conn).await.unwrap();
            }
            drop(conn);
            pool.close().await;
        }
    }
}

/// Drops the guard `name` on `table`, as `tamper`'s people could.
pub async fn drop_guard(store: &Store, name: &str, table: &str) {
    match store.engine() {
        Engine::Sqlite => tamper(store, &[name], &[]).await,
        Engine::Postgres => {
            let pool = as_superuser(store).await;
            sqlx::query(sqlx::AssertSqlSafe(format!("DROP TRIGGER {name} ON {table}"))).execute(&pool).await.unwrap();
            pool.close().await;
        }
    }
}

/// The server's superuser, on the database `store` is a laptop's connection to.
async fn as_superuser(store: &Store) -> sqlx::PgPool {
    let database: String =
        cp_core::store::db::query("SELECT current_database()::text").one(&mut store.db()).await.unwrap();
    cp_core::shared::connect(&ServerAddress { database, ..postgres_admin() }, 1).await.unwrap()
}

/// What a laptop's set-up screen takes to join `admin`'s database with `code`.
pub fn join_input(admin: &ServerAddress, code: &cp_core::shared::EnrolmentCode) -> cp_core::installation::JoinInput {
    cp_core::installation::JoinInput {
        server: format!("{}:{}", admin.host, admin.port),
        database: admin.database.clone(),
        code: code.grouped(),
        ca_certificate: admin.ca_pem.as_ref().map(|pem| String::from_utf8(pem.clone()).unwrap()),
    }
}

/// A laptop enrolled as `name` by whoever runs `admin`'s database (`as_admin`), and joined.
pub struct JoinedLaptop {
    pub dir: tempfile::TempDir,
    pub keys: MemoryKeys,
    pub install: Installation,
    pub vault: cp_core::vault::VaultFile,
}

pub async fn join_laptop(admin: &ServerAddress, as_admin: &Store, name: &str) -> JoinedLaptop {
    let (_, code) = cp_core::shared::devices::add(as_admin, name, now()).await.unwrap();
    let (dir, keys) = (tempfile::tempdir().unwrap(), MemoryKeys::default());
    let install = Installation::new(dir.path());
    let vault = install.join(&join_input(admin, &code), &keys, now()).await.unwrap();
    JoinedLaptop { dir, keys, install, vault }
}

/// Every place `word` is stored, as "table" (once per table), reading every column of every
/// table: what a removal must leave empty.
pub async fn tables_holding(store: &Store, word: &str) -> Vec<String> {
    let mut out = Vec::new();
    let word = word.to_lowercase();
    match store.engine() {
        cp_core::store::db::Engine::Sqlite => {
            let tables: Vec<String> = cp_core::store::db::query("SELECT name FROM sqlite_master WHERE type = 'table'")
                .scalars(&mut store.db())
                .await
                .unwrap();
            for table in tables {
                let columns: Vec<String> = cp_core::store::db::query("SELECT name FROM pragma_table_info($1)")
                    .bind(table.clone())
                    .scalars(&mut store.db())
                    .await
                    .unwrap();
                for column in columns {
                    let sql = format!(
                        "SELECT count(*) FROM \"{table}\" WHERE instr(lower(CAST(\"{column}\" AS TEXT)), $1) > 0"
                    );
                    let n: i64 =
                        cp_core::store::db::query_composed(sql).bind(word.clone()).one(&mut store.db()).await.unwrap();
                    if n > 0 {
                        out.push(table.clone());
                        break;
                    }
                }
            }
        }
        cp_core::store::db::Engine::Postgres => {
            let tables: Vec<String> = cp_core::store::db::query(
                // All but the server's own (the laptops enrolled, sign-in counts), which a
                // laptop may not read and which hold nothing of a case.
                "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = 'public' AND c.relkind = 'r' AND has_table_privilege(c.oid, 'SELECT')
                  ORDER BY 1",
            )
            .scalars(&mut store.db())
            .await
            .unwrap();
            for table in tables {
                let sql = format!("SELECT count(*) FROM {table} t WHERE strpos(lower(t::text), $1) > 0");
                let n: i64 =
                    cp_core::store::db::query_composed(sql).bind(word.clone()).one(&mut store.db()).await.unwrap();
                if n > 0 {
                    out.push(table);
                }
            }
        }
    }
    out
}

/// A person as the add-person form sends them, born on `dob` (a child's is required).
pub fn person(name: &str, role: cp_core::people::rules::Role, dob: Option<&str>) -> cp_core::people::rules::NewPerson {
    cp_core::people::rules::NewPerson {
        full_name: name.into(),
        role,
        date_of_birth: dob.map(day),
        expected_date: None,
        gender: String::new(),
        setting: String::new(),
    }
}
