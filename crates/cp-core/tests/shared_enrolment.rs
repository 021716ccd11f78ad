//! Laptops joining their organisation's database, as whoever runs it and each lead would do
//! it: a one-time code per laptop, each lead signing in on a laptop that never saw their
//! passphrase, and a laptop withdrawn. On the test run's private PostgreSQL.

mod common;

use common::{ELAINE, JOANNA, MemoryKeys, new_case, now, shared_records};
use cp_core::ErrorCode;
use cp_core::installation::{Installation, JoinInput, Opened};
use cp_core::shared::devices;
use cp_core::shared::{EnrolmentCode, ServerAddress};
use cp_core::store::Store;
use cp_core::store::db::Engine;

fn join_input(admin: &ServerAddress, code: &EnrolmentCode) -> JoinInput {
    JoinInput {
        server: format!("{}:{}", admin.host, admin.port),
        database: admin.database.clone(),
        code: code.grouped(),
        ca_certificate: admin.ca_pem.as_ref().map(|pem| String::from_utf8(pem.clone()).unwrap()),
    }
}

async fn admin_store(admin: &ServerAddress) -> Store {
    Store::open_shared(cp_core::shared::connect(admin, 2).await.unwrap(), None).await.unwrap()
}

#[tokio::test]
async fn laptops_join_with_a_code_each_lead_signs_in_on_them_and_a_withdrawn_laptop_cannot() {
    let scratch = tempfile::tempdir().unwrap();
    let records = shared_records(scratch.path(), "Riverside Children's Centre").await;
    records.store.close().await;
    let admin = admin_store(&records.admin).await;

    // Whoever runs the database enrols Joanna's laptop; the code goes to her by phone.
    let (device, code) = devices::add(&admin, "Joanna's laptop", now()).await.unwrap();
    assert_eq!(device.role_name, format!("{}_laptop_{}", records.admin.database, device.id));
    let again = devices::add(&admin, "joanna's LAPTOP", now()).await.unwrap_err();
    assert_eq!(again.code, ErrorCode::AlreadySetUp, "one name, one laptop");

    // Her laptop joins: it holds no record and no usable password, only the leads' ways in.
    let (laptop_a, keys_a) = (tempfile::tempdir().unwrap(), MemoryKeys::default());
    let install_a = Installation::new(laptop_a.path());
    let vault = install_a.join(&join_input(&records.admin, &code), &keys_a, now()).await.unwrap();
    let link = vault.shared.as_ref().unwrap();
    assert_eq!((link.role.as_str(), link.pending.len(), vault.slots.len()), (device.role_name.as_str(), 2, 0));
    let files: Vec<String> =
        std::fs::read_dir(laptop_a.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(files, ["vault.json"], "the records stay on the server");
    let kept = std::fs::read_to_string(laptop_a.path().join("vault.json")).unwrap();
    assert!(!kept.contains(code.secret.as_str()) && !kept.contains("Joanna"), "no secret or name in clear");

    // The code worked once.
    let (laptop_b, keys_b) = (tempfile::tempdir().unwrap(), MemoryKeys::default());
    let install_b = Installation::new(laptop_b.path());
    let reused = install_b.join(&join_input(&records.admin, &code), &keys_b, now()).await.unwrap_err();
    assert_eq!(reused.code, ErrorCode::ServerCredentials, "{}", reused.message);
    assert!(cp_core::vault::file::read(laptop_b.path()).unwrap().is_none(), "nothing written by a refused code");
    assert!(keys_b.0.lock().unwrap().is_empty());
    // Nor does a joined folder join again.
    let twice = install_a.join(&join_input(&records.admin, &code), &keys_a, now()).await.unwrap_err();
    assert_eq!(twice.code, ErrorCode::AlreadySetUp);

    // Joanna signs in on a laptop that never saw her passphrase; a wrong one is refused.
    let Opened::Ready(vault) = install_a.open(&keys_a).await.unwrap() else { panic!("not ready") };
    let names: Vec<String> = install_a.directory(&vault, &keys_a).unwrap().leads.into_iter().map(|l| l.name).collect();
    assert_eq!(names, ["Elaine Martin", "Joanna Holmes"]);
    let wrong = install_a.sign_in(&vault, &keys_a, JOANNA.0, "not her passphrase", now()).await.err().unwrap();
    assert_eq!(wrong.code, ErrorCode::SignInRefused);
    let joanna = install_a.sign_in(&vault, &keys_a, JOANNA.0, JOANNA.1, now()).await.unwrap();
    assert_eq!(joanna.store.engine(), Engine::Postgres);
    assert!(joanna.vault.slot(JOANNA.0).is_some() && joanna.vault.pending(JOANNA.0).is_none(), "her own slot now");
    assert!(joanna.vault.pending(ELAINE.0).is_some());
    let case = cp_core::cases::open_case(&joanna.store, JOANNA.0, &new_case("1 Quay Street"), now()).await.unwrap();
    let chain = cp_core::audit::verify(&joanna.store).await.unwrap();
    assert_eq!((chain.first_bad_row, chain.forged_rows), (None, 0), "her rows carry her own signature");
    joanna.store.close().await;
    // Her next sign-in opens her slot, bound to this laptop.
    let vault = common::vault(laptop_a.path());
    let joanna = install_a.sign_in(&vault, &keys_a, JOANNA.0, JOANNA.1, now()).await.unwrap();
    joanna.store.close().await;

    // Elaine's laptop: her case list holds what Joanna recorded on hers.
    let (_, code_b) = devices::add(&admin, "Elaine's laptop", now()).await.unwrap();
    let vault_b = install_b.join(&join_input(&records.admin, &code_b), &keys_b, now()).await.unwrap();
    let elaine = install_b.sign_in(&vault_b, &keys_b, ELAINE.0, ELAINE.1, now()).await.unwrap();
    let found = cp_core::export::case_id(&elaine.store, &case.reference).await.unwrap();
    assert_eq!(found, case.id, "the same records");

    // Joanna's laptop is withdrawn: it cannot sign in, and her open connection can do nothing.
    let vault = common::vault(laptop_a.path());
    let open = install_a.sign_in(&vault, &keys_a, JOANNA.0, JOANNA.1, now()).await.unwrap();
    devices::revoke(&admin, "Joanna's laptop", now()).await.unwrap();
    assert!(cp_core::leads::list_leads(&open.store).await.is_err(), "no privilege left on an open connection");
    open.store.close().await;
    let refused = install_a.sign_in(&vault, &keys_a, JOANNA.0, JOANNA.1, now()).await.err().unwrap();
    assert_eq!(refused.code, ErrorCode::DeviceRevoked, "{}", refused.message);
    // Elaine's laptop is untouched.
    assert!(cp_core::leads::list_leads(&elaine.store).await.is_ok());
    elaine.store.close().await;

    let listed = devices::list(&admin).await.unwrap();
    let states: Vec<(&str, bool)> = listed.iter().map(|d| (d.name.as_str(), d.revoked_at.is_some())).collect();
    assert_eq!(states, [("Joanna's laptop", true), ("Elaine's laptop", false)]);
    let audited: Vec<String> =
        cp_core::store::db::query("SELECT action FROM audit_log WHERE action LIKE 'device%' ORDER BY id")
            .scalars(&mut admin.db())
            .await
            .unwrap();
    assert_eq!(audited, ["device_added", "device_joined", "device_added", "device_joined", "device_revoked"]);
    admin.close().await;
}
