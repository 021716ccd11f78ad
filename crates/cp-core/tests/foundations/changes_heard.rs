//! Two laptops on one organisation's PostgreSQL: what one lead records, the other laptop hears
//! at once (LISTEN/NOTIFY, no polling) and finds in "changes since you last looked". On one
//! laptop's file there is no one else, and nothing to listen to.

use crate::common;

use std::time::{Duration, Instant};

use cp_core::chronology::rules::{EntryKind, NewEntry};
use cp_core::store::Store;
use cp_core::store::db::Engine;
use cp_core::store::notify::{Heard, Listener};

/// Waits until the listener hears the trail reach `row`, at most 2 seconds (the limit)
/// after the lead began to save; how long after that it was heard.
async fn heard_up_to(listener: &mut Listener, row: i64, started: Instant) -> Duration {
    loop {
        let heard = tokio::time::timeout(Duration::from_secs(2).saturating_sub(started.elapsed()), listener.next())
            .await
            .expect("heard within 2 seconds")
            .unwrap();
        if let Heard::Changed { row: at } = heard
            && at >= row
        {
            return started.elapsed();
        }
    }
}

#[tokio::test]
async fn the_other_laptop_hears_each_change_at_once_and_finds_it_in_its_changes() {
    let dir = tempfile::tempdir().unwrap();
    if common::engine() == Engine::Sqlite {
        let (store, _) = common::set_up(dir.path(), &common::MemoryKeys::default(), "One Laptop Org").await;
        assert!(Listener::start(&store).await.unwrap().is_none(), "a laptop's own file has no one else to hear");
        store.close().await;
    }
    for laptop in ["one", "two"] {
        std::fs::create_dir(dir.path().join(laptop)).unwrap();
    }
    let records = common::shared_records(&dir.path().join("one"), "Two Laptops Org").await;
    let (elaine, seed) = &records.leads[1];
    let second = Store::open_shared(
        cp_core::shared::connect(&records.laptop, 2).await.unwrap(),
        Some(&cp_core::store::db_path(&dir.path().join("two"))),
    )
    .await
    .unwrap();
    second.sign_as(cp_core::vault::Signer::new(*elaine, seed));
    let mut listener = Listener::start(&second).await.unwrap().expect("a server to listen to");

    // Joanna, on the first laptop, opens a case and records a phone call.
    let first = &records.store;
    let saving = Instant::now();
    let case = cp_core::cases::open_case(first, 1, &common::new_case("9 Listening Road"), common::now()).await.unwrap();
    let opened = cp_core::audit::anchor::current(first).await.unwrap().unwrap().rows;
    let to_hear_opening = heard_up_to(&mut listener, opened, saving).await;
    let entry = NewEntry {
        event_on: common::day("2026-11-20"),
        event_time: None,
        kind: EntryKind::PhoneCall,
        info_source: "Health visitor".into(),
        children: Vec::new(),
        summary: "Health visitor rang about missed appointments".into(),
        detail: String::new(),
        action_required: String::new(),
        significant: false,
        tags: vec![],
    };
    let saving = Instant::now();
    cp_core::chronology::add_entry(first, 1, case.id, &entry, common::now()).await.unwrap();
    let recorded = cp_core::audit::anchor::current(first).await.unwrap().unwrap().rows;
    let to_hear_entry = heard_up_to(&mut listener, recorded, saving).await;
    println!(
        "from the lead's save starting, the other laptop heard the case opened in {:.1} ms and the entry in {:.1} ms",
        to_hear_opening.as_secs_f64() * 1000.0,
        to_hear_entry.as_secs_f64() * 1000.0
    );

    // Elaine's laptop, reading again on what it heard, finds both in her changes.
    let changes = cp_core::changes::unacknowledged(&second, *elaine).await.unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].reference, case.reference);
    assert_eq!(changes[0].changes.len(), 2, "{changes:?}");

    // A write that fails tells nobody: nothing was saved.
    assert!(cp_core::chronology::add_entry(first, 1, 9_999, &entry, common::now()).await.is_err());
    cp_core::cases::open_case(first, 1, &common::new_case("10 Listening Road"), common::now()).await.unwrap();
    let next = cp_core::audit::anchor::current(first).await.unwrap().unwrap().rows;
    assert_eq!(
        tokio::time::timeout(Duration::from_secs(2), listener.next()).await.unwrap().unwrap(),
        Heard::Changed { row: next },
        "the refused write was not announced"
    );
    // The listener holds one of the pool's connections: let go before the pool closes.
    drop(listener);
    second.close().await;
}
