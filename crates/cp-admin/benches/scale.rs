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
    Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT count(*) FROM {table}")))
        .fetch_one(store.file_pool().unwrap())
        .await?)
}

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

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    let dir = tempfile::Builder::new().prefix("cp-bench-").tempdir_in(env!("CARGO_TARGET_TMPDIR"))?;
    let data = demo_folder(dir.path())?;
    let install = Installation::new(&data);
    let Opened::Ready(vault) = install.open(&OsKeyring).await? else {
        return Err("the demo data folder did not open".into());
    };
    // Demo Lead One (lead 1) with the demo passphrase, as `demo-data` prints it.
    let store = install.sign_in(&vault, &OsKeyring, 1, "demo passphrase one", Utc::now()).await?.store;
    let now = Utc::now();
    let earlier: Option<i64> = sqlx::query_scalar("SELECT id FROM cases WHERE address_line1 = ?")
        .bind(BIG_CASE_ADDRESS)
        .fetch_optional(store.file_pool().unwrap())
        .await?;
    let big = match earlier {
        Some(id) => id,
        None => big_case(&store, now).await?,
    };
    if let Some(path) = std::env::var_os("CP_BENCH_EXPORT") {
        export_plain(&store, std::path::Path::new(&path)).await?;
        store.close().await;
        return Ok(());
    }
    let live: i64 = sqlx::query_scalar("SELECT count(*) FROM cases WHERE status = 'live'")
        .fetch_one(store.file_pool().unwrap())
        .await?;
    println!(
        "data: {} cases ({live} live), {} people, {} chronology entries, {:.0} MB encrypted",
        count(&store, "cases").await?,
        count(&store, "people").await?,
        count(&store, "chronology_entries").await?,
        std::fs::metadata(cp_core::store::db_path(&data))?.len() as f64 / 1e6
    );
    println!();

    let names = ["Amara", "Nowak"];
    let postcodes = ["BS99 4BG"];
    // A reference's number, as a lead types it from a letter: the middle case's.
    let reference: String =
        sqlx::query_scalar("SELECT reference FROM cases WHERE id = (SELECT max(id) / 2 FROM cases)")
            .fetch_one(store.file_pool().unwrap())
            .await?;
    let number = reference.rsplit('-').next().unwrap_or("0001").to_owned();
    let name_search = report("search as you type: name (1-4 chars)", typing(&store, &names).await?);
    report("search as you type: postcode (1-4 chars)", typing(&store, &postcodes).await?);
    report("search as you type: reference (1-4 chars)", typing(&store, &[&number]).await?);

    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM cases ORDER BY id").fetch_all(store.file_pool().unwrap()).await?;
    report(
        "case page data (any case)",
        time(RUNS, |i| case_page::page(&store, 1, ids[i * 331 % ids.len()], now)).await?,
    );
    report("dashboard data", time(RUNS, |_| dashboard::dashboard(&store, 1, now)).await?);
    let week = Week::containing(uk_today(now)).to_string();
    report(
        &format!("weekly checklist ({live} live cases)"),
        time(RUNS, |_| review::checklist(&store, 1, 1, &week, now)).await?,
    );
    report(
        "register of children with a plan (PDF)",
        time(10, |_| reports::generate(&store, 1, &ReportRequest::Register, now)).await?,
    );
    let evidence = ReportRequest::Conference {
        case_id: big,
        from: uk_today(now).checked_sub_days(Days::new(800)).ok_or("date")?,
        to: uk_today(now),
        kinds: vec![],
    };
    report("evidence report, 500 entries (PDF)", time(10, |_| reports::generate(&store, 1, &evidence, now)).await?);
    let out = dir.path().join("bench.cptbak");
    report(
        "backup (encrypted, whole folder)",
        time(3, |_| backup::backup(&store, &vault, &out, cp_core::audit::Actor::AdminCli, now)).await?,
    );

    // The same search on an unencrypted copy: what SQLCipher costs.
    let plain = dir.path().join("plain.db");
    export_plain(&store, &plain).await?;
    let plain_store = Store::open_unencrypted_for_benchmarks(&plain).await?;
    let plain_search = report("search as you type: name, PLAIN SQLite copy", typing(&plain_store, &names).await?);
    println!(
        "{:<52} median {:>9.2}×   p95 {:>9.2}×",
        "encrypted ÷ plain (name search)",
        name_search.median.as_secs_f64() / plain_search.median.as_secs_f64(),
        name_search.p95.as_secs_f64() / plain_search.p95.as_secs_f64()
    );
    plain_store.close().await;
    store.close().await;
    Ok(())
}
