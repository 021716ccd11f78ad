//! Two laptops writing to one organisation's PostgreSQL at once: two processes, one lead
//! each, 500 writes each (cases opened, chronology entries, the week's review), all at the
//! same time. Every write is saved; references stay unique and in sequence; the audit trail
//! stays one chain that verifies, each row signed by its lead; and each lead's review holds
//! only their own outcomes.

use crate::common;

use std::process::Stdio;

use cp_core::store::db::query;

const WRITES: usize = 500;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_laptops_make_500_writes_each_at_once_and_nothing_is_lost_or_interleaved() {
    let dir = tempfile::tempdir().unwrap();
    let records = common::shared_records(dir.path(), "Two Laptops Org").await;
    let url = format!(
        "postgres://{}:{}@{}:{}/{}",
        records.laptop.role,
        *records.laptop.password,
        records.laptop.host,
        records.laptop.port,
        records.laptop.database
    );
    let ca = std::env::var("CP_TEST_POSTGRES_CA").unwrap();
    let started = std::time::Instant::now();
    let laptops: Vec<_> = records
        .leads
        .iter()
        .map(|(lead, seed)| {
            let laptop_dir = dir.path().join(format!("laptop-{lead}"));
            std::fs::create_dir_all(&laptop_dir).unwrap();
            std::process::Command::new(common::example("laptop_writer"))
                .arg(&laptop_dir)
                .env("CP_WRITER_URL", &url)
                .env("CP_WRITER_CA", &ca)
                .env("CP_WRITER_LEAD", lead.to_string())
                .env("CP_WRITER_SEED", hex::encode(seed.as_bytes()))
                .env("CP_WRITER_WRITES", WRITES.to_string())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for laptop in laptops {
        let out = laptop.wait_with_output().unwrap();
        assert!(out.status.success(), "a laptop's write was refused: {}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), format!("done {WRITES}"));
    }
    let elapsed = started.elapsed();
    println!(
        "two laptops, {WRITES} writes each at once: {:.1} s ({:.1} ms a write)",
        elapsed.as_secs_f64(),
        elapsed.as_secs_f64() * 1000.0 / (2 * WRITES) as f64
    );

    let store = &records.store;
    // 2 of every 5 writes open a case: references 1 to 400 of 2026, each once.
    let numbers: Vec<i64> = query("SELECT ref_number FROM cases WHERE ref_year = 2026 ORDER BY ref_number")
        .scalars(&mut store.db())
        .await
        .unwrap();
    let opened = 2 * (2 * WRITES / 5);
    assert_eq!(numbers, (1..=opened as i64).collect::<Vec<_>>(), "unique and in sequence");
    let entries: i64 = query("SELECT count(*) FROM chronology_entries").one(&mut store.db()).await.unwrap();
    assert_eq!(entries as usize, 2 * (2 * WRITES / 5));

    // Each lead's review holds their own outcomes, for the cases they opened.
    for (lead, _) in &records.leads {
        let (mine, others): (i64, i64) = query(
            "SELECT count(CASE WHEN c.created_by = r.lead_id THEN 1 END), count(CASE WHEN c.created_by <> r.lead_id THEN 1 END)
             FROM review_items r JOIN cases c ON c.id = r.case_id WHERE r.lead_id = $1",
        )
        .bind(*lead)
        .fetch_one(&mut store.db())
        .await
        .unwrap();
        assert_eq!((mine as usize, others), (WRITES / 5, 0), "lead {lead}'s review");
    }

    // One chain: the set-up's rows, then one row a write, every one intact and signed.
    let report = cp_core::audit::verify(store).await.unwrap();
    assert_eq!(report.rows as usize, 1 + records.leads.len() + 2 * WRITES);
    assert_eq!(report.first_bad_row, None);
    assert_eq!((report.forged_rows, report.missing_rows), (0, 0));
    assert!(report.altered_records.is_empty() && report.missing_guards.is_empty(), "{report:?}");
}
