//! A backup made in one mode restores into the other, as an organisation moving to (or off)
//! its own server, or rebuilding one, would use it: a lead backs up the organisation's server
//! from their laptop; the file restores into an empty data folder, where each lead signs in
//! with the passphrase they had, and into a new server database, where a laptop joins and a
//! lead signs in; a laptop's own backup restores into a server database too. Every case the
//! same, the audit trail one intact chain, and a wrong recovery key changing nothing. On the
//! test run's private PostgreSQL.

use crate::common;

use common::{ELAINE, JOANNA, MemoryKeys, new_case, now, shared_records};
use cp_core::ErrorCode;
use cp_core::audit::Actor;
use cp_core::backup::into_server::OpenedBackup;
use cp_core::chronology::rules::NewEntry;
use cp_core::installation::{Installation, Opened, Unlocked};
use cp_core::search::rules::CaseQuery;
use cp_core::shared::ServerAddress;
use cp_core::store::Store;
use cp_core::store::db::Engine;
use cp_core::vault::RecoveryKey;
use zeroize::Zeroizing;

async fn admin_store(admin: &ServerAddress) -> Store {
    Store::open_shared(cp_core::shared::connect(admin, 2).await.unwrap(), None).await.unwrap()
}

/// A new database prepared as `shared init` prepares one for records to be moved in.
async fn prepared(name: &str) -> (ServerAddress, Store) {
    let admin = common::empty_database(name).await;
    cp_core::shared::init::prepare(&admin).await.unwrap();
    cp_core::shared::recovery::make(&admin_store(&admin).await).await.unwrap();
    let store = admin_store(&admin).await;
    (admin, store)
}

/// A laptop joined to `admin`'s database, and `lead` signed in on it.
async fn on_a_new_laptop(admin: &ServerAddress, as_admin: &Store, lead: (i64, &str)) -> (tempfile::TempDir, Unlocked) {
    let laptop = common::join_laptop(admin, as_admin, &format!("Laptop of lead {}", lead.0)).await;
    let unlocked = laptop.install.sign_in(&laptop.vault, &laptop.keys, lead.0, lead.1, now()).await.unwrap();
    (laptop.dir, unlocked)
}

/// The case as `lead` sees it (their view audited and signed by them).
async fn case_page(store: &Store, lead: (i64, &str), case_id: i64) -> serde_json::Value {
    serde_json::to_value(cp_core::case_page::page(store, lead.0, case_id, now()).await.unwrap()).unwrap()
}

/// A child on the case, and a mark on her body map with the entry (its place a fraction, REAL
/// on a laptop and double precision on the server, which must cross exactly).
async fn body_mark(store: &Store, case_id: i64, entry_id: i64) {
    let child = common::person("Ewa Nowak", cp_core::people::rules::Role::Child, Some("2019-05-04"));
    let ewa = cp_core::people::add_person(store, JOANNA.0, case_id, &child, now()).await.unwrap();
    let mark = cp_core::body_maps::rules::NewMark {
        person_id: Some(ewa),
        view: cp_core::body_maps::rules::View::Back,
        shape: cp_core::body_maps::rules::Shape::Area,
        x: 0.1 + 0.2,
        y: 1.0 / 3.0,
        width: 0.07,
        height: 0.05,
        description: "Bruise, yellow-green".into(),
        size: "3 cm".into(),
        colour: "Yellow-green".into(),
        seen_by: "Class teacher".into(),
        seen_on: Some(common::day("2026-11-18")),
        child_said: String::new(),
    };
    cp_core::body_maps::add_mark(store, JOANNA.0, entry_id, &mark, now()).await.unwrap();
}

fn entry() -> NewEntry {
    NewEntry { detail: "Łukasz said he fell from the climbing frame".into(), ..common::phone_call("Bruising seen") }
}

#[tokio::test]
async fn a_backup_of_the_server_restores_into_a_laptops_folder_and_into_a_new_server() {
    // The organisation's server, with its recovery key; Joanna signs in on her laptop and
    // records a case and an entry.
    let scratch = tempfile::tempdir().unwrap();
    let records = shared_records(scratch.path(), "Riverside Children's Centre").await;
    records.store.close().await;
    let admin = admin_store(&records.admin).await;
    let recovery_key = cp_core::shared::recovery::make(&admin).await.unwrap();
    let (_laptop, on_server) = on_a_new_laptop(&records.admin, &admin, JOANNA).await;
    let store = &on_server.store;
    let case = cp_core::cases::open_case(store, JOANNA.0, &new_case("1 Quay Street"), now()).await.unwrap();
    let entry_id = cp_core::chronology::add_entry(store, JOANNA.0, case.id, &entry(), now()).await.unwrap();
    body_mark(store, case.id, entry_id).await;
    // A subject access copy released: a file kept whole, bytea on the server, a blob on a laptop.
    let request = cp_core::subject_access::rules::NewRequest {
        requester_name: "Ewa Nowak".into(),
        requester: cp_core::subject_access::rules::Requester::Parent,
        received_on: common::day("2026-11-20"),
        identity_checked_on: Some(common::day("2026-11-20")),
        identity_how: "Passport seen".into(),
        person_id: None,
    };
    let sar = cp_core::subject_access::record_request(store, JOANNA.0, case.id, &request, now()).await.unwrap();
    let released = cp_core::reports::subject_access::release(store, JOANNA.0, sar, now()).await.unwrap();
    let kept_copy = cp_core::reports::ReportRequest::SubjectAccessReleased { sar_id: sar };
    // And an attached photo: its bytes kept under their hash, which the restore checks again.
    let photo = [b"\x89PNG\r\n\x1a\n".as_slice(), &[42u8; 4096]].concat();
    let attached = cp_core::attachments::rules::NewAttachment {
        title: "Drawing of the climbing frame".into(),
        document_on: None,
        came_from: "Class teacher".into(),
        children: vec![],
    };
    let on_case = cp_core::attachments::AttachTo::Case { case_id: case.id };
    let photo_id =
        cp_core::attachments::attach(store, JOANNA.0, on_case, "drawing.png", &photo, &attached, now()).await.unwrap();
    let before = case_page(store, JOANNA, case.id).await;

    // Joanna backs the server up from her laptop.
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("riverside.cptbackup");
    let made = cp_core::backup::backup(store, &on_server.vault, &file, Actor::Lead(JOANNA.0), now()).await.unwrap();
    assert!(made.bytes > 0);
    let bytes = std::fs::read(&file).unwrap();
    for clear in ["Quay Street", "climbing frame", "Joanna Holmes"] {
        assert!(!bytes.windows(clear.len()).any(|w| w == clear.as_bytes()), "{clear} is in the file in clear");
    }
    let names: Vec<_> = std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "nothing left beside the backup: {names:?}");
    let server_rows = common::count(store, "SELECT count(*) FROM audit_log").await;

    // A wrong recovery key opens nothing and writes nothing.
    let (folder, keys) = (tempfile::tempdir().unwrap(), MemoryKeys::default());
    let install = Installation::new(folder.path().join("restored"));
    let wrong = RecoveryKey::generate().unwrap();
    let refused = cp_core::backup::restore(&file, &wrong, &install, &keys, now()).await.err().unwrap();
    assert_eq!(refused.code, ErrorCode::RecoveryKeyWrong, "{}", refused.message);
    assert!(!install.data_dir.exists() && keys.0.lock().unwrap().is_empty());

    // Into an empty data folder: the records become that laptop's own file.
    let restored = cp_core::backup::restore(&file, &recovery_key, &install, &keys, now()).await.unwrap();
    assert_eq!(restored.engine(), Engine::Sqlite);
    // The server's rows, the backup's own row among them, and the restore's.
    assert_eq!(common::count(&restored, "SELECT count(*) FROM audit_log").await, server_rows + 1);
    restored.close().await;
    let Opened::Ready(vault) = install.open(&keys).await.unwrap() else { panic!("not ready") };
    assert!(vault.shared.is_none());
    let names: Vec<String> = install.directory(&vault, &keys).unwrap().leads.into_iter().map(|l| l.name).collect();
    assert_eq!(names, ["Elaine Martin", "Joanna Holmes"]);
    // Each lead signs in with the passphrase they had on the server.
    let wrong = install.sign_in(&vault, &keys, JOANNA.0, "not her passphrase", now()).await.err().unwrap();
    assert_eq!(wrong.code, ErrorCode::SignInRefused);
    let joanna = install.sign_in(&vault, &keys, JOANNA.0, JOANNA.1, now()).await.unwrap();
    assert!(joanna.vault.slot(JOANNA.0).is_some() && joanna.vault.pending(JOANNA.0).is_none(), "her slot now");
    assert_eq!(case_page(&joanna.store, JOANNA, case.id).await, before, "the same case");
    let copy = cp_core::reports::generate(&joanna.store, JOANNA.0, &kept_copy, now()).await.unwrap();
    assert_eq!(copy, released, "the released copy, byte for byte");
    let (_, bytes) = cp_core::attachments::open(&joanna.store, JOANNA.0, photo_id, false, now()).await.unwrap();
    assert_eq!(bytes, photo, "the attached photo, byte for byte");
    let query = CaseQuery { text: "quay".into(), ..CaseQuery::default() };
    let found = cp_core::search::search(&joanna.store, &query).await.unwrap();
    assert_eq!(found.rows.iter().map(|c| c.id).collect::<Vec<_>>(), [case.id], "found through the laptop's index");
    // And in the index its status's matches are counted from, when a word is in too many cases
    // to look each up (only a search of a thousand cases or more reaches it through the list).
    let by_status = "SELECT count(*) FROM case_search_live WHERE case_search_live MATCH '\"quay\"'";
    assert_eq!(common::count(&joanna.store, by_status).await, 1, "counted by its status's index");
    let chain = cp_core::audit::verify(&joanna.store).await.unwrap();
    assert_eq!((chain.first_bad_row, chain.forged_rows, chain.altered_records.len()), (None, 0, 0));
    let next = cp_core::cases::open_case(&joanna.store, JOANNA.0, &new_case("2 Quay Street"), now()).await.unwrap();
    assert!(next.id > case.id, "new records carry on after the restored ones");
    joanna.store.close().await;
    let vault = cp_core::vault::file::read(&install.data_dir).unwrap().unwrap();
    let elaine = install.sign_in(&vault, &keys, ELAINE.0, ELAINE.1, now()).await.unwrap();
    elaine.store.close().await;
    // The organisation's recovery key is this folder's recovery key.
    let recovered = install.recover(&vault, &recovery_key, &keys, now()).await.unwrap();
    recovered.close().await;

    // Into a new server database: no passphrase needed, a laptop joins, Elaine signs in.
    let (new_admin, new_server) = prepared("cp_restore_server").await;
    let opened = OpenedBackup::open(&file, &recovery_key).await.unwrap();
    assert!(opened.leads_to_ask().await.unwrap().is_empty());
    opened.into_server(&new_server, &[], now()).await.unwrap();
    let (_new_laptop, elaine) = on_a_new_laptop(&new_admin, &new_server, ELAINE).await;
    assert_eq!(case_page(&elaine.store, ELAINE, case.id).await, before, "the same case on the new server");
    let chain = cp_core::audit::verify(&elaine.store).await.unwrap();
    assert_eq!((chain.first_bad_row, chain.forged_rows, chain.altered_records.len()), (None, 0, 0));
    // Into a database that holds records: refused, nothing changed.
    let opened = OpenedBackup::open(&file, &recovery_key).await.unwrap();
    let again = opened.into_server(&new_server, &[], now()).await.unwrap_err();
    assert_eq!(again.code, ErrorCode::AlreadySetUp);
    for s in [elaine.store, new_server, admin, on_server.store] {
        s.close().await;
    }
}

#[tokio::test]
async fn a_laptops_backup_restores_into_a_new_server_with_each_leads_passphrase() {
    let (folder, keys) = (tempfile::tempdir().unwrap(), MemoryKeys::default());
    let install = Installation::new(folder.path());
    let recovery_key = RecoveryKey::generate().unwrap();
    let store = install.set_up(&common::setup_input("Riverside"), &recovery_key, &keys, now()).await.unwrap();
    let case = cp_core::cases::open_case(&store, JOANNA.0, &new_case("1 Quay Street"), now()).await.unwrap();
    let entry_id = cp_core::chronology::add_entry(&store, JOANNA.0, case.id, &entry(), now()).await.unwrap();
    body_mark(&store, case.id, entry_id).await;
    let before = case_page(&store, JOANNA, case.id).await;
    assert!(before["bodyMarks"][0]["y"].as_f64().is_some_and(|y| y == 1.0 / 3.0), "{}", before["bodyMarks"]);
    let vault = common::vault(folder.path());
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("laptop.cptbackup");
    cp_core::backup::backup(&store, &vault, &file, Actor::Lead(JOANNA.0), now()).await.unwrap();
    store.close().await;

    let (admin, server) = prepared("cp_restore_laptop").await;
    let wrong = OpenedBackup::open(&file, &RecoveryKey::generate().unwrap()).await.err().unwrap();
    assert_eq!(wrong.code, ErrorCode::RecoveryKeyWrong, "{}", wrong.message);
    let opened = OpenedBackup::open(&file, &recovery_key).await.unwrap();
    let asked: Vec<i64> = opened.leads_to_ask().await.unwrap().into_iter().map(|l| l.id).collect();
    assert_eq!(asked, [ELAINE.0, JOANNA.0], "each active lead, by name");
    // A passphrase that is not the lead's: refused, the database left empty.
    let mistyped = [(JOANNA.0, Zeroizing::new(JOANNA.1.to_owned())), (ELAINE.0, Zeroizing::new("not hers".into()))];
    let refused = opened.into_server(&server, &mistyped, now()).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::SignInRefused, "{}", refused.message);
    assert_eq!(common::count(&server, "SELECT count(*) FROM organisation").await, 0);

    let opened = OpenedBackup::open(&file, &recovery_key).await.unwrap();
    let typed = [(JOANNA.0, Zeroizing::new(JOANNA.1.to_owned())), (ELAINE.0, Zeroizing::new(ELAINE.1.to_owned()))];
    opened.into_server(&server, &typed, now()).await.unwrap();
    let (_laptop, elaine) = on_a_new_laptop(&admin, &server, ELAINE).await;
    assert_eq!(case_page(&elaine.store, ELAINE, case.id).await, before, "the same case on the server");
    let chain = cp_core::audit::verify(&elaine.store).await.unwrap();
    assert_eq!((chain.first_bad_row, chain.forged_rows, chain.altered_records.len()), (None, 0, 0));
    elaine.store.close().await;
    server.close().await;
}
