//! Prints how long the dashboard, a weekly checklist and a case page take on an encrypted
//! file with 1,000 live cases (3 chronology entries each, a timescale running on every one).
//! A benchmark, not a test: `cargo run --release -p cp-core --example bench_review`.
//! Issue 9's suite (over `cp-tracker-admin demo-data`) will supersede it.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveTime, Utc};
use cp_core::case_page;
use cp_core::cases::{self, NewCase, Source};
use cp_core::chronology::rules::{EntryKind, NewEntry};
use cp_core::installation::Installation;
use cp_core::leads::rules::{NewLead, SetupInput};
use cp_core::vault::{DbKey, KeyStore, RecoveryKey};
use cp_core::{chronology, dashboard, review};

const CASES: usize = 1_000;
const RUNS: usize = 15;

/// Keys in memory: the keyring is not what this measures.
#[derive(Default)]
struct MemoryKeys(Mutex<HashMap<String, Vec<u8>>>);

impl KeyStore for MemoryKeys {
    fn load(&self, id: &str) -> cp_core::Result<Option<DbKey>> {
        let map = self.0.lock().map_err(|_| cp_core::Error::internal("poisoned"))?;
        map.get(id).map(|b| DbKey::from_slice(b)).transpose()
    }
    fn save(&self, id: &str, key: &DbKey) -> cp_core::Result<()> {
        let mut map = self.0.lock().map_err(|_| cp_core::Error::internal("poisoned"))?;
        map.insert(id.to_owned(), key.as_bytes().to_vec());
        Ok(())
    }
    fn delete(&self, id: &str) -> cp_core::Result<()> {
        let mut map = self.0.lock().map_err(|_| cp_core::Error::internal("poisoned"))?;
        map.remove(id);
        Ok(())
    }
}

fn report(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let p95 = times[(times.len() * 95).div_ceil(100).saturating_sub(1)];
    println!(
        "{name:<40} median {:>8.2} ms   p95 {:>8.2} ms   ({} runs)",
        ms(times[times.len() / 2]),
        ms(p95),
        times.len()
    );
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let now: DateTime<Utc> = DateTime::parse_from_rfc3339("2026-11-26T10:00:00Z")?.with_timezone(&Utc);
    let input = SetupInput {
        organisation: "Benchmark Children's Centre".into(),
        leads: vec![
            NewLead { name: "Lead One".into(), role: "DSL".into(), passphrase: "a long benchmark passphrase".into() },
            NewLead {
                name: "Lead Two".into(),
                role: "Deputy".into(),
                passphrase: "another benchmark passphrase".into(),
            },
        ],
    };
    let store =
        Installation::new(dir.path()).set_up(&input, &RecoveryKey::generate()?, &MemoryKeys::default(), now).await?;
    let started = Instant::now();
    for i in 0..CASES {
        let new = NewCase {
            address_line1: format!("{} Benchmark Road", i + 1),
            address_line2: String::new(),
            town: "Bristol".into(),
            postcode: "BS5 9QZ".into(),
            source: Source::StaffReport,
            local_authority: "Bristol City Council".into(),
            opened_on: "2026-01-05".parse()?,
            cc_registration: None,
            cc_registration_on: None,
        };
        let id = cases::open_case(&store, 1 + (i as i64 % 2), &new, now).await?.id;
        for (kind, day) in
            [(EntryKind::ReferralByPhone, 20), (EntryKind::StaffInformation, 21), (EntryKind::HomeVisit, 24)]
        {
            let entry = NewEntry {
                event_on: format!("2026-11-{day}").parse()?,
                event_time: NaiveTime::from_hms_opt(10, 0, 0),
                kind,
                info_source: "Benchmark".into(),
                children: vec![],
                summary: "Benchmark entry".into(),
                detail: String::new(),
                action_required: String::new(),
                significant: false,
                tags: vec![],
            };
            chronology::add_entry(&store, 2, id, &entry, now).await?;
        }
    }
    println!("made {CASES} live cases with 3 entries each in {:.1} s", started.elapsed().as_secs_f64());

    let mut times = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let board = dashboard::dashboard(&store, 1, now).await?;
        times.push(t.elapsed());
        // Each case: the written confirmation overdue, the strategy discussion due soon.
        assert_eq!(board.due.len(), 2 * CASES);
    }
    report("dashboard (1,000 live cases)", times);

    let mut times = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let list = review::checklist(&store, 1, 1, "2026-W48", now).await?;
        times.push(t.elapsed());
        assert_eq!(list.items.len(), CASES);
    }
    report("weekly checklist (1,000 cases)", times);

    let mut times = Vec::new();
    for i in 0..RUNS {
        let t = Instant::now();
        case_page::page(&store, 1, 1 + i as i64, now).await?;
        times.push(t.elapsed());
    }
    report("case page", times);
    // Closed before exit: see examples/open_with_os_keyring.rs.
    store.close().await;
    Ok(())
}
