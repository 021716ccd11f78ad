//! Wrong passphrases counted across an organisation's laptops: guessing a lead's passphrase on
//! one laptop makes them wait on the others too, a right one starts the count again
//! everywhere, and the sign-in desk that counts before any passphrase reaches no record. On
//! the test run's private PostgreSQL.

use crate::common;

use chrono::Duration;
use common::{ELAINE, JOANNA, now, shared_records};
use cp_core::ErrorCode;
use cp_core::shared::{ServerAddress, devices};
use cp_core::store::Store;

async fn admin_store(admin: &ServerAddress) -> Store {
    Store::open_shared(cp_core::shared::connect(admin, 2).await.unwrap(), None).await.unwrap()
}

async fn join(admin: &ServerAddress, as_admin: &Store, name: &str) -> common::JoinedLaptop {
    common::join_laptop(admin, as_admin, name).await
}

async fn failed(as_admin: &Store, lead: i64) -> i64 {
    cp_core::store::db::query("SELECT failed FROM sign_in_counts WHERE lead_id = $1")
        .bind(lead)
        .one(&mut as_admin.db())
        .await
        .unwrap()
}

#[tokio::test]
async fn wrong_passphrases_on_one_laptop_make_the_lead_wait_on_the_others() {
    let scratch = tempfile::tempdir().unwrap();
    let records = shared_records(scratch.path(), "Riverside Children's Centre").await;
    records.store.close().await;
    let admin = admin_store(&records.admin).await;
    let a = join(&records.admin, &admin, "Laptop A").await;
    let b = join(&records.admin, &admin, "Laptop B").await;
    assert!(a.vault.shared.as_ref().unwrap().desk_role.is_some(), "each laptop has its desk");

    // Someone tries Elaine's passphrase five times on laptop A.
    for attempt in 1..=5 {
        let refused = a.install.sign_in(&a.vault, &a.keys, ELAINE.0, "a guess", now()).await.err().unwrap();
        assert_eq!(refused.code, ErrorCode::SignInRefused, "attempt {attempt}: {}", refused.message);
    }
    assert_eq!(failed(&admin, ELAINE.0).await, 5, "counted on the server");

    // On laptop B, which has seen no wrong passphrase, she must wait too; Joanna need not.
    let waiting = b.install.sign_in(&b.vault, &b.keys, ELAINE.0, ELAINE.1, now()).await.err().unwrap();
    assert_eq!(waiting.code, ErrorCode::SignInDelayed, "{}", waiting.message);
    assert!(waiting.message.contains("your organisation's laptops"), "{}", waiting.message);
    let joanna = b.install.sign_in(&b.vault, &b.keys, JOANNA.0, JOANNA.1, now()).await.unwrap();
    joanna.store.close().await;

    // Once the wait is over, her right passphrase on B starts the count again everywhere.
    let later = now() + Duration::seconds(31);
    let elaine = b.install.sign_in(&b.vault, &b.keys, ELAINE.0, ELAINE.1, later).await.unwrap();
    elaine.store.close().await;
    assert_eq!(failed(&admin, ELAINE.0).await, 0);

    // The desk's own credentials reach no record, and not even the counts but through its
    // functions.
    let link = b.vault.shared.as_ref().unwrap();
    let password = b.keys.0.lock().unwrap()[&cp_core::vault::keyring::desk_account(&b.vault.installation_id)].clone();
    let at_desk = ServerAddress {
        role: link.desk_role.clone().unwrap(),
        password: hex::encode(password).into(),
        ..records.admin.clone()
    };
    let desk = cp_core::shared::connect(&at_desk, 1).await.unwrap();
    for sql in ["SELECT count(*) FROM cases", "SELECT count(*) FROM leads", "SELECT count(*) FROM sign_in_counts"] {
        let refused = sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&desk).await.unwrap_err();
        assert!(refused.to_string().contains("permission denied"), "{sql}: {refused}");
    }
    desk.close().await;

    // A withdrawn laptop's desk is withdrawn with it: told so, and nothing counted against the lead.
    devices::revoke(&admin, "Laptop A", now()).await.unwrap();
    let withdrawn = a.install.sign_in(&a.vault, &a.keys, ELAINE.0, ELAINE.1, later).await.err().unwrap();
    assert_eq!(withdrawn.code, ErrorCode::DeviceRevoked, "{}", withdrawn.message);
    assert_eq!(failed(&admin, ELAINE.0).await, 0);
    admin.close().await;
}
