//! Test helper for `tests/foundations/two_laptops_writing.rs`: one laptop's lead making many writes to the
//! organisation's PostgreSQL, as fast as they go: cases opened (each takes the next
//! reference), chronology entries on them, and the week's review of them. Prints "done N"
//! once all N were saved; the first write refused ends it with the error.
//!
//! Its arguments come from the environment, as a test passes them: CP_WRITER_URL (the
//! laptop's role and password), CP_WRITER_CA (the CA certificate's file), CP_WRITER_LEAD and
//! CP_WRITER_SEED (the lead and their signing key, in hex), CP_WRITER_WRITES, and the data
//! folder as its one argument.

use chrono::{DateTime, NaiveDate, Utc};
use cp_core::chronology::rules::{EntryKind, NewEntry};
use cp_core::review::rules::Outcome;
use cp_core::shared::ServerAddress;
use cp_core::store::Store;
use cp_core::vault::{DbKey, Signer};

fn var(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| fail(&format!("{name} is not set")))
}

fn fail(why: &str) -> ! {
    eprintln!("laptop_writer: {why}");
    std::process::exit(1);
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let Some(dir) = std::env::args_os().nth(1) else { fail("usage: laptop_writer DATA_DIR") };
    let ca = std::fs::read(var("CP_WRITER_CA")).unwrap_or_else(|e| fail(&e.to_string()));
    let address = ServerAddress::from_url(&var("CP_WRITER_URL"), Some(ca)).unwrap_or_else(|e| fail(&e.message));
    let lead: i64 = var("CP_WRITER_LEAD").parse().unwrap_or_else(|_| fail("CP_WRITER_LEAD is not a number"));
    let writes: usize = var("CP_WRITER_WRITES").parse().unwrap_or_else(|_| fail("CP_WRITER_WRITES is not a number"));
    let seed = hex::decode(var("CP_WRITER_SEED")).unwrap_or_else(|_| fail("CP_WRITER_SEED is not hex"));
    let seed = DbKey::from_slice(&seed).unwrap_or_else(|e| fail(&e.message));

    let pool = cp_core::shared::connect(&address, 2).await.unwrap_or_else(|e| fail(&e.message));
    let path = cp_core::store::db_path(std::path::Path::new(&dir));
    let store = Store::open_shared(pool, Some(&path)).await.unwrap_or_else(|e| fail(&e.message));
    store.sign_as(Signer::new(lead, &seed));

    // Thursday of week 48 of 2026: the cases opened below are on that week's checklist.
    let now: DateTime<Utc> = "2026-11-26T10:00:00Z".parse().unwrap_or_else(|_| fail("bad instant"));
    let opened_on = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_else(|| fail("bad date"));
    let mut case = None;
    for i in 0..writes {
        let done = match (i % 5, case) {
            (0 | 1, _) | (_, None) => {
                let new = cp_core::cases::NewCase {
                    address_line1: format!("{} Laptop {lead} Road", i + 1),
                    address_line2: String::new(),
                    town: "Bristol".into(),
                    postcode: "BS5 9QZ".into(),
                    source: cp_core::cases::Source::StaffReport,
                    local_authority: String::new(),
                    opened_on,
                    cc_registration: None,
                    cc_registration_on: None,
                };
                cp_core::cases::open_case(&store, lead, &new, now).await.map(|c| case = Some(c.id))
            }
            (2 | 3, Some(id)) => {
                let entry = NewEntry {
                    event_on: opened_on,
                    event_time: None,
                    kind: EntryKind::PhoneCall,
                    info_source: "Class teacher".into(),
                    children: Vec::new(),
                    summary: format!("Entry {i} by lead {lead}"),
                    detail: String::new(),
                    action_required: String::new(),
                    significant: false,
                    tags: vec![],
                };
                cp_core::chronology::add_entry(&store, lead, id, &entry, now).await.map(|_| ())
            }
            (_, Some(id)) => {
                cp_core::review::record(&store, lead, "2026-W48", id, Outcome::NoChange, "", now).await.map(|_| ())
            }
        };
        if let Err(e) = done {
            fail(&format!("write {i} was not saved: {} ({:?})", e.message, e.code));
        }
    }
    store.close().await;
    println!("done {writes}");
}
