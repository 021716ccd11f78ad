//! A laptop's records moved into its organisation's new shared database: every row as it
//! was, the audit trail one intact chain on the server, each lead signing in there with the
//! passphrase they had; a database that already holds records is refused untouched.

use crate::common;

use std::sync::Arc;

use common::{ELAINE, JOANNA, MemoryKeys, new_case, now, setup_input};
use cp_core::ErrorCode;
use cp_core::chronology::rules::NewEntry;
use cp_core::installation::Installation;
use cp_core::shared::import_local::import_local;
use cp_core::store::Store;
use cp_core::store::db::query_composed;
use cp_core::vault::RecoveryKey;
use zeroize::Zeroizing;

async fn count(store: &Store, table: &str) -> i64 {
    query_composed(format!("SELECT count(*) FROM {table}")).one(&mut store.db()).await.unwrap()
}

#[tokio::test]
async fn a_laptops_records_move_to_the_server_whole_and_its_leads_sign_in_there() {
    // Joanna and Elaine's laptop, with a case, an entry and its audit trail.
    let laptop = tempfile::tempdir().unwrap();
    let keys = Arc::new(MemoryKeys::default());
    let install = Installation::new(laptop.path());
    let store = install
        .set_up(&setup_input("Riverside"), &RecoveryKey::generate().unwrap(), keys.as_ref(), now())
        .await
        .unwrap();
    let case = cp_core::cases::open_case(&store, JOANNA.0, &new_case("1 Quay Street"), now()).await.unwrap();
    let entry = NewEntry { detail: "Łukasz said he fell".into(), ..common::phone_call("Bruising seen at drop-off") };
    cp_core::chronology::add_entry(&store, JOANNA.0, case.id, &entry, now()).await.unwrap();
    store.close().await;
    let unlocked = common::sign_in(laptop.path(), keys.as_ref(), JOANNA).await;
    let from = unlocked.store;
    let vault = unlocked.vault;
    let mut leads = Vec::new();
    for (id, passphrase) in [JOANNA, ELAINE] {
        let seed = install.lead_seed(&from, &vault, keys.as_ref(), id, passphrase, now()).await.unwrap();
        leads.push((id, Zeroizing::new(passphrase.to_owned()), seed));
    }
    let wrong = install.lead_seed(&from, &vault, keys.as_ref(), ELAINE.0, "not hers", now()).await.unwrap_err();
    assert_eq!(wrong.code, ErrorCode::SignInRefused);

    // The organisation's new database.
    let admin = common::empty_database("cp_import").await;
    cp_core::shared::init::prepare(&admin).await.unwrap();
    let to = Store::open_shared(cp_core::shared::connect(&admin, 2).await.unwrap(), None).await.unwrap();
    let done = import_local(&from, &to, &leads, now()).await.unwrap();
    assert!(done.tables > 25 && done.rows >= 20, "{done:?}");

    for table in [
        "organisation",
        "leads",
        "lead_keys",
        "cases",
        "chronology_entries",
        "chronology_revisions",
        "case_changes",
        "change_inbox",
    ] {
        assert_eq!(count(&to, table).await, count(&from, table).await, "{table}");
    }
    assert_eq!(count(&to, "audit_log").await, count(&from, "audit_log").await + 1, "the import's own row");
    let chain = cp_core::audit::verify(&to).await.unwrap();
    assert_eq!((chain.first_bad_row, chain.forged_rows, chain.altered_records.len()), (None, 0, 0));
    assert_eq!(count(&to, "lead_slots").await, 2);
    let page_from = cp_core::case_page::page(&from, JOANNA.0, case.id, now()).await.unwrap();

    // Into a database that holds records: refused, nothing changed.
    let again = import_local(&from, &to, &leads, now()).await.unwrap_err();
    assert_eq!(again.code, ErrorCode::AlreadySetUp);
    from.close().await;

    // Elaine's new laptop joins and she signs in with the passphrase she had.
    let (_, code) = cp_core::shared::devices::add(&to, "Elaine's laptop", now()).await.unwrap();
    let hers = tempfile::tempdir().unwrap();
    let her_keys = MemoryKeys::default();
    let input = common::join_input(&admin, &code);
    let joined = Installation::new(hers.path());
    let her_vault = joined.join(&input, &her_keys, now()).await.unwrap();
    let elaine = joined.sign_in(&her_vault, &her_keys, ELAINE.0, ELAINE.1, now()).await.unwrap();
    let page_to = cp_core::case_page::page(&elaine.store, JOANNA.0, case.id, now()).await.unwrap();
    assert_eq!(serde_json::to_value(&page_to).unwrap(), serde_json::to_value(&page_from).unwrap(), "the same case");
    // New records carry on after the copied ones.
    let next = cp_core::cases::open_case(&elaine.store, ELAINE.0, &new_case("2 Quay Street"), now()).await.unwrap();
    assert!(next.id > case.id);
    elaine.store.close().await;
    to.close().await;
}
