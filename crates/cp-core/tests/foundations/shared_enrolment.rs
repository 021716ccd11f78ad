//! Laptops joining their organisation's database, as whoever runs it and each lead would do
//! it: a one-time code per laptop, each lead signing in on a laptop that never saw their
//! passphrase, and a laptop withdrawn. On the test run's private PostgreSQL.

use crate::common;

use common::{ELAINE, JOANNA, MemoryKeys, join_input, new_case, now, shared_records};
use cp_core::ErrorCode;
use cp_core::installation::{Installation, JoinInput, Opened};
use cp_core::leads::rules::NewLead;
use cp_core::shared::ServerAddress;
use cp_core::shared::devices;
use cp_core::store::Store;
use cp_core::store::db::Engine;
use cp_core::vault::RecoveryKey;

async fn admin_store(admin: &ServerAddress) -> Store {
    Store::open_shared(cp_core::shared::connect(admin, 2).await.unwrap(), None).await.unwrap()
}

#[tokio::test]
async fn laptops_join_with_a_code_each_lead_signs_in_on_them_and_a_withdrawn_laptop_cannot() {
    let scratch = tempfile::tempdir().unwrap();
    let records = shared_records(scratch.path(), "Riverside Children's Centre").await;
    records.store.close().await;
    let admin = admin_store(&records.admin).await;

    // shared init makes the organisation's recovery key (shown once).
    let recovery_key = cp_core::shared::recovery::make(&admin).await.unwrap();

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

    // A code for a laptop withdrawn before it joined, and a CA that did not sign the server's
    // certificate: each refused with its own sentence, nothing written.
    let (_, withdrawn) = devices::add(&admin, "Spare laptop", now()).await.unwrap();
    devices::revoke(&admin, "Spare laptop", now()).await.unwrap();
    let (spare, spare_keys) = (tempfile::tempdir().unwrap(), MemoryKeys::default());
    let refused = Installation::new(spare.path())
        .join(&join_input(&records.admin, &withdrawn), &spare_keys, now())
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::DeviceRevoked, "{}", refused.message);
    let other_ca = std::fs::read_to_string(std::env::var("CP_TEST_POSTGRES_OTHER_CA").unwrap()).unwrap();
    let (_, code_c) = devices::add(&admin, "Laptop C", now()).await.unwrap();
    let wrong_ca = JoinInput { ca_certificate: Some(other_ca), ..join_input(&records.admin, &code_c) };
    let refused = Installation::new(spare.path()).join(&wrong_ca, &spare_keys, now()).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::ServerCertificate, "{}", refused.message);
    assert!(std::fs::read_dir(spare.path()).unwrap().next().is_none() && spare_keys.0.lock().unwrap().is_empty());

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

    // Her laptop's password store is wiped: the organisation's recovery key brings it back.
    keys_a.0.lock().unwrap().clear();
    let Opened::NeedsRecovery(vault) = install_a.open(&keys_a).await.unwrap() else { panic!("recovery needed") };
    let wrong = install_a.recover(&vault, &RecoveryKey::generate().unwrap(), &keys_a, now()).await.err().unwrap();
    assert_eq!(wrong.code, ErrorCode::RecoveryKeyWrong, "{}", wrong.message);
    let recovered = install_a.recover(&vault, &recovery_key, &keys_a, now()).await.unwrap();
    recovered.close().await;
    let Opened::Ready(vault) = install_a.open(&keys_a).await.unwrap() else { panic!("ready again") };
    let joanna = install_a.sign_in(&vault, &keys_a, JOANNA.0, JOANNA.1, now()).await.unwrap();
    joanna.store.close().await;

    // Elaine's laptop: her case list holds what Joanna recorded on hers.
    let (_, code_b) = devices::add(&admin, "Elaine's laptop", now()).await.unwrap();
    let vault_b = install_b.join(&join_input(&records.admin, &code_b), &keys_b, now()).await.unwrap();
    let elaine = install_b.sign_in(&vault_b, &keys_b, ELAINE.0, ELAINE.1, now()).await.unwrap();
    let found = cp_core::export::case_id(&elaine.store, &case.reference).await.unwrap();
    assert_eq!(found, case.id, "the same records");

    // Elaine signs in on Joanna's laptop too, then chooses a new passphrase on her own: the old
    // one stops opening her records on Joanna's laptop, and the new one opens them there.
    let on_a = install_a.sign_in(&common::vault(laptop_a.path()), &keys_a, ELAINE.0, ELAINE.1, now()).await.unwrap();
    on_a.store.close().await;
    let new_passphrase = "elaine's brand new passphrase";
    install_b
        .change_passphrase(
            &elaine.store,
            &elaine.vault,
            &elaine.key,
            &keys_b,
            ELAINE.0,
            ELAINE.1,
            new_passphrase,
            now(),
        )
        .await
        .unwrap();
    let old =
        install_a.sign_in(&common::vault(laptop_a.path()), &keys_a, ELAINE.0, ELAINE.1, now()).await.err().unwrap();
    assert_eq!(old.code, ErrorCode::SignInRefused);
    assert!(old.message.contains("changed on another laptop"), "{}", old.message);
    let vault = common::vault(laptop_a.path());
    assert!(vault.slot(ELAINE.0).is_none() && vault.pending(ELAINE.0).is_some(), "her old slot there is gone");
    let again = install_a.sign_in(&vault, &keys_a, ELAINE.0, ELAINE.1, now()).await.err().unwrap();
    assert_eq!(again.code, ErrorCode::SignInRefused, "and the old passphrase opens nothing");
    let on_a = install_a.sign_in(&vault, &keys_a, ELAINE.0, new_passphrase, now()).await.unwrap();

    // A lead Elaine adds on Joanna's laptop can sign in on Elaine's once a lead has signed in
    // there since (which brings the laptop the new lead's way in).
    let priya =
        NewLead { name: "Priya Shah".into(), role: "Deputy lead".into(), passphrase: "priya's long passphrase".into() };
    install_a.add_lead(&on_a.store, &on_a.vault, &on_a.key, &keys_a, ELAINE.0, &priya, now()).await.unwrap();
    on_a.store.close().await;
    let vault_b = common::vault(laptop_b.path());
    let priya_id = install_b.directory(&vault_b, &keys_b).unwrap().leads.len() as i64 + 1;
    assert!(!vault_b.can_sign_in(priya_id), "not yet");
    let refresh = install_b.sign_in(&vault_b, &keys_b, ELAINE.0, new_passphrase, now()).await.unwrap();
    refresh.store.close().await;
    let vault_b = common::vault(laptop_b.path());
    let on_b = install_b.sign_in(&vault_b, &keys_b, priya_id, &priya.passphrase, now()).await.unwrap();
    assert_eq!(on_b.lead.name, "Priya Shah");
    on_b.store.close().await;

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
    assert_eq!(
        states,
        [("Joanna's laptop", true), ("Spare laptop", true), ("Laptop C", false), ("Elaine's laptop", false)]
    );
    let audited: Vec<String> =
        cp_core::store::db::query("SELECT action FROM audit_log WHERE action LIKE 'device%' ORDER BY id")
            .scalars(&mut admin.db())
            .await
            .unwrap();
    let expected = [
        "device_added",   // Joanna's
        "device_joined",  // and it joined
        "device_added",   // the spare
        "device_revoked", // withdrawn before it joined
        "device_added",   // laptop C (its join refused: nothing audited)
        "device_added",   // Elaine's
        "device_joined",
        "device_revoked", // Joanna's
    ];
    assert_eq!(audited, expected);
    admin.close().await;
}
