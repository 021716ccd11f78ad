//! Issue 9's benchmark suite at realistic scale. A benchmark, not a test: it prints medians
//! and 95th percentiles and asserts nothing about time. Run it with `scripts/bench`, which
//! gives it a private D-Bus session and keyring.
//!
//! The data folder is made by `cp-tracker-admin demo-data` (10,000 cases, about 30,000 people
//! and 200,000 chronology entries, 1,000 of the cases live), encrypted as shipped, with one
//! extra case of 500 entries for the evidence report.

use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{DateTime, Days, NaiveTime, Utc};
use cp_core::batch::Batch;
use cp_core::cases::{NewCase, Source};
use cp_core::chronology::rules::{EntryKind, NewEntry};
use cp_core::domain::calendar::{Week, uk_today};
use cp_core::installation::{Installation, Opened};
use cp_core::reports::{self, ReportRequest};
use cp_core::search::rules::{CaseQuery, Sort, StatusFilter};
use cp_core::store::Store;
use cp_core::store::db::{query as sql, query_composed};
use cp_core::vault::OsKeyring;
use cp_core::{backup, case_page, dashboard, review, search};

/// `CP_BENCH_CASES` makes a smaller set for a quick look (the live share stays a tenth).
fn cases() -> usize {
    std::env::var("CP_BENCH_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(10_000)
}
const ENTRIES_PER_CASE: usize = 20;
const RUNS: usize = 30;

type Error = Box<dyn std::error::Error>;

struct Figure {
    median: Duration,
    p95: Duration,
}

fn report(name: &str, mut times: Vec<Duration>) -> Figure {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = times[times.len() / 2];
    let p95 = times[(times.len() * 95).div_ceil(100).saturating_sub(1)];
    println!("{name:<52} median {:>9.2} ms   p95 {:>9.2} ms   ({} runs)", ms(median), ms(p95), times.len());
    Figure { median, p95 }
}

async fn time<T, F: Future<Output = cp_core::Result<T>>>(
    runs: usize,
    mut f: impl FnMut(usize) -> F,
) -> Result<Vec<Duration>, Error> {
    let mut times = Vec::with_capacity(runs);
    for i in 0..runs {
        let t = Instant::now();
        f(i).await?;
        times.push(t.elapsed());
    }
    Ok(times)
}

fn query(text: &str) -> CaseQuery {
    CaseQuery {
        text: text.to_owned(),
        status: StatusFilter::All,
        level: None,
        lead_id: None,
        has_cp_plan: false,
        sort: Sort::Newest,
        offset: 0,
    }
}

/// Search as a lead types: each prefix of 1 to 4 characters, `RUNS` times each.
async fn typing(store: &Store, words: &[&str]) -> Result<Vec<Duration>, Error> {
    let mut times = Vec::new();
    for word in words {
        for n in 1..=word.chars().count().min(4) {
            let q = query(&word.chars().take(n).collect::<String>());
            times.extend(time(RUNS, |_| search::search(store, &q)).await?);
        }
    }
    Ok(times)
}

async fn count(store: &Store, table: &str) -> Result<i64, Error> {
    Ok(query_composed(format!("SELECT count(*) FROM {table}")).one(&mut store.db()).await?)
}

/// The names searched for, on each engine and on the plain copy.
const NAMES: [&str; 2] = ["Amara", "Nowak"];

const BIG_CASE_ADDRESS: &str = "500 Evidence Road";

/// The case the evidence report is made from: 500 entries over two years.
async fn big_case(store: &Store, now: DateTime<Utc>) -> Result<i64, Error> {
    let today = uk_today(now);
    let mut batch = Batch::begin(store).await?;
    let new = NewCase {
        address_line1: BIG_CASE_ADDRESS.into(),
        address_line2: String::new(),
        town: "Demoton".into(),
        postcode: "BS99 9ZZ".into(),
        source: Source::StaffReport,
        local_authority: "Demoton Council".into(),
        opened_on: today.checked_sub_days(Days::new(730)).ok_or("date")?,
        cc_registration: None,
        cc_registration_on: None,
    };
    let case = batch.open_case(1, &new, now).await?;
    for i in 0..500u64 {
        let entry = NewEntry {
            event_on: today.checked_sub_days(Days::new(729 - i * 729 / 500)).ok_or("date")?,
            event_time: NaiveTime::from_hms_opt(10, 0, 0),
            kind: EntryKind::StaffInformation,
            info_source: "Nursery key worker".into(),
            children: vec![],
            summary: format!("Observation {i}: arrived hungry, clothes unwashed (demo)"),
            detail: "Demo entry: fictional. ".repeat(8),
            action_required: "Discuss with the family support worker.".into(),
            significant: false,
            tags: vec![],
        };
        batch.add_entry(1, case, &entry, now).await?;
    }
    batch.commit().await?;
    Ok(case)
}

/// An unencrypted copy of the records, for the encrypted ÷ plain ratio (and, with
/// `CP_BENCH_EXPORT=FILE`, for reading query plans in the sqlite3 shell).
async fn export_plain(store: &Store, plain: &std::path::Path) -> Result<(), Error> {
    // The records are opened without "create", which an ATTACH inherits: the (empty, so
    // valid) file must exist first.
    std::fs::File::create(plain)?;
    // One connection for all three: an ATTACH belongs to the connection that made it.
    let mut conn = store.file_pool().unwrap().acquire().await?;
    sqlx::query(sqlx::AssertSqlSafe(format!("ATTACH DATABASE '{}' AS plain KEY ''", plain.display())))
        .execute(&mut *conn)
        .await?;
    sqlx::query("SELECT sqlcipher_export('plain')").execute(&mut *conn).await?;
    sqlx::query("DETACH DATABASE plain").execute(&mut *conn).await?;
    Ok(())
}

/// The demo data folder named by `CP_BENCH_DATA` (made by the same `demo-data` command, in
/// the same keyring: `scripts/bench` makes one for all its benchmarks), or one made now.
fn demo_folder(dir: &std::path::Path) -> Result<std::path::PathBuf, Error> {
    if let Some(data) = std::env::var_os("CP_BENCH_DATA") {
        return Ok(data.into());
    }
    let data = dir.join("data");
    let t = Instant::now();
    let made = Command::new(env!("CARGO_BIN_EXE_cp-tracker-admin"))
        .env("CP_TRACKER_DATA_DIR", &data)
        .args(["demo-data", "--cases", &cases().to_string(), "--live", &(cases() / 10).to_string()])
        .args(["--entries-per-case", &ENTRIES_PER_CASE.to_string(), "--seed", "1"])
        .output()?;
    if !made.status.success() {
        return Err(format!("demo-data failed: {}", String::from_utf8_lossy(&made.stderr)).into());
    }
    println!("demo-data: {:.1} s", t.elapsed().as_secs_f64());
    Ok(data)
}

/// One size's figures on the encrypted file, and (`with_backup`) its backup beside a plain
/// copy of the same files. The store is left open for the caller.
struct OnFile {
    figures: Vec<(String, Figure)>,
    /// Encrypted ÷ plain copy: name search (median, p95) and the file's size.
    plain_ratio: (f64, f64, f64),
    store: Store,
}

async fn on_file(data: &std::path::Path, dir: &std::path::Path, with_backup: bool) -> Result<OnFile, Error> {
    let (store, vault) = signed_in(data).await?;
    let now = Utc::now();
    let big = big_case_of(&store, now).await?;
    let encrypted_size = std::fs::metadata(cp_core::store::db_path(data))?.len() as f64;
    println!(
        "data: {} cases ({} live), {} people, {} chronology entries, {:.0} MB encrypted",
        count(&store, "cases").await?,
        live(&store).await?,
        count(&store, "people").await?,
        count(&store, "chronology_entries").await?,
        encrypted_size / 1e6
    );
    println!();
    let figures = measure(&store, big, now).await?;
    if with_backup {
        backup_beside_copy(&store, &vault, data, dir, now).await?;
    }

    // The same search on an unencrypted copy: what SQLCipher costs.
    let plain = dir.join("plain.db");
    export_plain(&store, &plain).await?;
    let plain_size = std::fs::metadata(&plain)?.len() as f64;
    let plain_store = Store::open_unencrypted_for_benchmarks(&plain).await?;
    let plain_search = report("search as you type: name, PLAIN SQLite copy", typing(&plain_store, &NAMES).await?);
    plain_store.close().await;
    std::fs::remove_file(&plain)?;
    let name_search = &figures[0].1;
    let plain_ratio = (
        name_search.median.as_secs_f64() / plain_search.median.as_secs_f64(),
        name_search.p95.as_secs_f64() / plain_search.p95.as_secs_f64(),
        encrypted_size / plain_size,
    );
    println!(
        "{:<52} median {:>9.2}×   p95 {:>9.2}×   file {:.2}× ({:.0} MB plain)",
        "encrypted ÷ plain (name search; file size)",
        plain_ratio.0,
        plain_ratio.1,
        plain_ratio.2,
        plain_size / 1e6
    );
    Ok(OnFile { figures, plain_ratio, store })
}

/// The backup of the whole folder beside a plain copy of the same files (the database, its
/// write-ahead log and the small files beside it), taken in turn three times each.
async fn backup_beside_copy(
    store: &Store,
    vault: &cp_core::vault::VaultFile,
    data: &std::path::Path,
    dir: &std::path::Path,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let out = dir.join("bench.cptbak");
    let copy = dir.join("plain-copy");
    let (mut backups, mut copies) = (Vec::new(), Vec::new());
    for _ in 0..3 {
        // Each made afresh, as the copy is: replacing the last one would add the freeing of
        // its 300 MB (60-80 ms here) that the copy does not pay.
        if out.exists() {
            std::fs::remove_file(&out)?;
        }
        let t = Instant::now();
        backup::backup(store, vault, &out, cp_core::audit::Actor::AdminCli, now).await?;
        backups.push(t.elapsed());
        let t = Instant::now();
        std::fs::create_dir_all(&copy)?;
        for file in std::fs::read_dir(data)? {
            let file = file?;
            if file.file_type()?.is_file() {
                std::fs::copy(file.path(), copy.join(file.file_name()))?;
            }
        }
        // A backup is flushed to the disk before it is reported made; so is the copy.
        for file in std::fs::read_dir(&copy)? {
            std::fs::File::open(file?.path())?.sync_all()?;
        }
        copies.push(t.elapsed());
        std::fs::remove_dir_all(&copy)?;
    }
    let backup = report("backup (encrypted, whole folder)", backups);
    let copy = report("plain copy of the folder's files (cp, then fsync)", copies);
    println!(
        "{:<52} median {:>9.2}×   ({:.0} MB backup)",
        "backup ÷ plain copy",
        backup.median.as_secs_f64() / copy.median.as_secs_f64(),
        std::fs::metadata(&out)?.len() as f64 / 1e6
    );
    std::fs::remove_file(&out)?;
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    let dir = tempfile::Builder::new().prefix("cp-bench-").tempdir_in(env!("CARGO_TARGET_TMPDIR"))?;
    let data = demo_folder(dir.path())?;
    let now = Utc::now();
    if let Some(path) = std::env::var_os("CP_BENCH_EXPORT") {
        let (small, _) = signed_in(&data).await?;
        export_plain(&small, std::path::Path::new(&path)).await?;
        small.close().await;
        return Ok(());
    }
    let small = on_file(&data, dir.path(), true).await?;
    let at_small = &small.figures;
    small.store.close().await;

    // Ten times the records (`CP_BENCH_DATA_BIG`, made by scripts/bench): each figure again,
    // and how much it grew.
    if let Some(big_data) = std::env::var_os("CP_BENCH_DATA_BIG") {
        println!();
        println!("Ten times the records:");
        let big = on_file(std::path::Path::new(&big_data), dir.path(), false).await?;
        big.store.close().await;
        println!();
        for ((name, small_figure), (_, at_big)) in at_small.iter().zip(&big.figures) {
            println!(
                "growth for 10× the records, {:<36} median {:>7.2}×   p95 {:>7.2}×",
                name,
                at_big.median.as_secs_f64() / small_figure.median.as_secs_f64(),
                at_big.p95.as_secs_f64() / small_figure.p95.as_secs_f64()
            );
        }
        println!(
            "encrypted ÷ plain, name search: {:.2}× / {:.2}× (median, p95) at 10×, {:.2}× / {:.2}× at 1×; file {:.2}× and {:.2}×",
            big.plain_ratio.0,
            big.plain_ratio.1,
            small.plain_ratio.0,
            small.plain_ratio.1,
            big.plain_ratio.2,
            small.plain_ratio.2
        );
    }

    // The same records on PostgreSQL (over TLS on this machine), made by the same demo
    // generator with the same seed, and each figure against the file's.
    if let Some(pg) = postgres(dir.path()).await? {
        println!();
        let big = big_case_of(&pg, now).await?;
        println!(
            "PostgreSQL: {} cases ({} live), {} people, {} chronology entries",
            count(&pg, "cases").await?,
            live(&pg).await?,
            count(&pg, "people").await?,
            count(&pg, "chronology_entries").await?
        );
        let on_server = measure(&pg, big, now).await?;
        println!();
        for ((name, file), (_, server)) in at_small.iter().zip(&on_server) {
            println!(
                "PostgreSQL ÷ SQLCipher, {:<40} median {:>7.2}×   p95 {:>7.2}×",
                name,
                server.median.as_secs_f64() / file.median.as_secs_f64(),
                server.p95.as_secs_f64() / file.p95.as_secs_f64()
            );
        }
        pg.close().await;
    }
    Ok(())
}

/// The demo folder signed in as Demo Lead One (lead 1), with the passphrase `demo-data` prints.
async fn signed_in(data: &std::path::Path) -> Result<(Store, cp_core::vault::VaultFile), Error> {
    let install = Installation::new(data);
    let Opened::Ready(vault) = install.open(&OsKeyring).await? else {
        return Err("the demo data folder did not open".into());
    };
    let store = install.sign_in(&vault, &OsKeyring, 1, "demo passphrase one", Utc::now()).await?.store;
    Ok((store, vault))
}

async fn live(store: &Store) -> Result<i64, Error> {
    Ok(sql("SELECT count(*) FROM cases WHERE status = 'live'").one(&mut store.db()).await?)
}

/// The evidence report's case: made once, found again on a later run.
async fn big_case_of(store: &Store, now: DateTime<Utc>) -> Result<i64, Error> {
    let earlier: Option<i64> =
        sql("SELECT id FROM cases WHERE address_line1 = $1").bind(BIG_CASE_ADDRESS).scalar(&mut store.db()).await?;
    match earlier {
        Some(id) => Ok(id),
        None => big_case(store, now).await,
    }
}

/// What a lead waits for, on `store`'s engine: each figure with its name.
async fn measure(store: &Store, big: i64, now: DateTime<Utc>) -> Result<Vec<(String, Figure)>, Error> {
    let mut out = Vec::new();
    let mut keep = |name: &str, times: Vec<Duration>| out.push((name.to_owned(), report(name, times)));
    let postcodes = ["BS99 4BG"];
    // A reference's number, as a lead types it from a letter: the middle case's.
    let reference: String =
        sql("SELECT reference FROM cases WHERE id = (SELECT max(id) / 2 FROM cases)").one(&mut store.db()).await?;
    let number = reference.rsplit('-').next().unwrap_or("0001").to_owned();
    keep("search as you type: name (1-4 chars)", typing(store, &NAMES).await?);
    keep("search as you type: postcode (1-4 chars)", typing(store, &postcodes).await?);
    keep("search as you type: reference (1-4 chars)", typing(store, &[&number]).await?);

    let ids: Vec<i64> = sql("SELECT id FROM cases ORDER BY id").scalars(&mut store.db()).await?;
    keep("case page data (any case)", time(RUNS, |i| case_page::page(store, 1, ids[i * 331 % ids.len()], now)).await?);
    keep("dashboard data", time(RUNS, |_| dashboard::dashboard(store, 1, now)).await?);
    keep(
        "register of children with a plan (PDF)",
        time(10, |_| reports::generate(store, 1, &ReportRequest::Register, now)).await?,
    );
    let evidence = ReportRequest::Conference {
        case_id: big,
        from: uk_today(now).checked_sub_days(Days::new(800)).ok_or("date")?,
        to: uk_today(now),
        kinds: vec![],
        files: vec![],
    };
    keep("evidence report, 500 entries (PDF)", time(10, |_| reports::generate(store, 1, &evidence, now)).await?);
    // Last, as it adds records the figures above do not have: issue 22's dashboard with 5,000
    // open actions on the live cases.
    let open = with_open_actions(store, OPEN_ACTIONS, now).await?;
    keep(&format!("dashboard data ({open} open actions)"), time(RUNS, |_| dashboard::dashboard(store, 1, now)).await?);
    // The checklist after them, so each run reads the same records (the actions stay in the
    // folder: before them, the first run's figure was not the next's).
    let week = Week::containing(uk_today(now)).to_string();
    let live = live(store).await?;
    keep(
        &format!("weekly checklist ({live} live cases, {open} open actions)"),
        time(RUNS, |_| review::checklist(store, 1, 1, &week, now)).await?,
    );
    // "Show more": the next hundred items' details, as the screen asks for them.
    let items = review::checklist(store, 1, 1, &week, now).await?.items;
    let next: Vec<i64> = items.iter().skip(review::DETAILED).take(review::DETAILED).map(|i| i.case_id).collect();
    keep(
        &format!("weekly checklist: next {} items' details", next.len()),
        time(RUNS, |_| review::details(store, 1, &week, &next, now)).await?,
    );
    Ok(out)
}

const OPEN_ACTIONS: usize = 5_000;

/// Adds open actions on the live cases, in turn, until `want` are open: each lead's in turn
/// and one in ten given a month ago, so overdue. Lead 1 (who reads the dashboard) has seen the
/// changes, so the figure is the actions' and not a long list of what changed.
async fn with_open_actions(store: &Store, want: usize, now: DateTime<Utc>) -> Result<usize, Error> {
    use cp_core::case_actions::rules::{Assignment, NewAction};
    let open: i64 = sql("SELECT count(*) FROM case_actions WHERE state = 'open'").one(&mut store.db()).await?;
    let live: Vec<i64> = sql("SELECT id FROM cases WHERE status = 'live' ORDER BY id").scalars(&mut store.db()).await?;
    let missing = want.saturating_sub(usize::try_from(open)?);
    if missing > 0 && !live.is_empty() {
        let mut batch = Batch::begin(store).await?;
        for i in 0..missing {
            let owner = 1 + (i % 2) as i64;
            let assignment = Assignment {
                owner_lead_id: Some(owner),
                due_working_days: Some(1 + (i % 20) as u32),
                ..Assignment::default()
            };
            let action = NewAction { what: format!("Benchmark action {i}"), assignment, ..NewAction::default() };
            let given = if i % 10 == 0 { now - chrono::Duration::days(30) } else { now };
            batch.add_action(3 - owner, live[i % live.len()], &action, given).await?;
        }
        for case in &live {
            batch.acknowledge_changes(1, *case, now).await?;
        }
        batch.commit().await?;
    }
    let open: i64 = sql("SELECT count(*) FROM case_actions WHERE state = 'open'").one(&mut store.db()).await?;
    Ok(usize::try_from(open)?)
}

/// The demo records on the PostgreSQL `scripts/bench` starts (CP_BENCH_POSTGRES_URL and
/// CP_BENCH_POSTGRES_CA), made by `cp-tracker-admin shared init --demo`; None without one.
async fn postgres(dir: &std::path::Path) -> Result<Option<Store>, Error> {
    let (Some(url), Some(ca)) = (std::env::var_os("CP_BENCH_POSTGRES_URL"), std::env::var_os("CP_BENCH_POSTGRES_CA"))
    else {
        println!("(no PostgreSQL: set CP_BENCH_POSTGRES_URL and CP_BENCH_POSTGRES_CA, as scripts/bench does)");
        return Ok(None);
    };
    let url = url.to_string_lossy().into_owned();
    let admin = cp_core::shared::ServerAddress::from_url(&url, Some(std::fs::read(&ca)?))?;
    let server = cp_core::shared::connect(&admin, 1).await?;
    for statement in ["DROP DATABASE IF EXISTS cp_bench", "CREATE DATABASE cp_bench"] {
        sql(statement).execute(&mut cp_core::store::db::Conn::PostgresPool(&server)).await?;
    }
    server.close().await;
    let bench_url = format!("{}/cp_bench", url.rsplit_once('/').ok_or("a database URL")?.0);
    let t = Instant::now();
    let made = Command::new(env!("CARGO_BIN_EXE_cp-tracker-admin"))
        .env("CP_TRACKER_DATA_DIR", dir.join("server-admin"))
        .args(["shared", "init", "--database-url", &bench_url, "--ca-cert"])
        .arg(&ca)
        .args(["--demo", "--cases", &cases().to_string(), "--live", &(cases() / 10).to_string()])
        .args(["--entries-per-case", &ENTRIES_PER_CASE.to_string(), "--seed", "1"])
        .output()?;
    if !made.status.success() {
        return Err(format!("shared init --demo failed: {}", String::from_utf8_lossy(&made.stderr)).into());
    }
    println!("shared init --demo: {:.1} s", t.elapsed().as_secs_f64());
    let address = cp_core::shared::ServerAddress { database: "cp_bench".into(), ..admin };
    Ok(Some(Store::open_shared(cp_core::shared::connect(&address, 4).await?, None).await?))
}
