use crate::common;

use common::{MemoryKeys, now, set_up};
use cp_core::ErrorCode;
use cp_core::audit::{self, Actor};
use cp_core::backup::{backup, restore};
use cp_core::cases::{self, NewCase, Source};
use cp_core::installation::{Installation, Opened};
use cp_core::leads;
use cp_core::people::rules::{NewPerson, Role};
use cp_core::search::rules::CaseQuery;
use cp_core::store::Store;
use cp_core::vault::RecoveryKey;
use cp_core::{people, search};

fn new_case() -> NewCase {
    NewCase {
        address_line1: "7 Quay Street".into(),
        address_line2: String::new(),
        town: "Bristol".into(),
        postcode: "BS1 4DJ".into(),
        source: Source::StaffReport,
        local_authority: "Bristol City Council".into(),
        opened_on: "2026-11-02".parse().unwrap(),
        cc_registration: None,
        cc_registration_on: None,
    }
}

async fn records(store: &Store) -> (String, Vec<(i64, String, String, bool)>, Vec<(i64, String, String)>) {
    let org = leads::organisation_name(store).await.unwrap();
    let l = leads::list_leads(store).await.unwrap().into_iter().map(|l| (l.id, l.name, l.role, l.active)).collect();
    let a = sqlx::query_as("SELECT id, action, hash FROM audit_log ORDER BY id")
        .fetch_all(store.file_pool().unwrap())
        .await
        .unwrap();
    (org, l, a)
}

#[tokio::test]
async fn backup_then_restore_into_a_fresh_folder_returns_identical_records() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (first, recovery) = set_up(dir.path(), &keys, "Backup Org Łódź").await;
    let case = cases::open_case(&first, 1, &new_case(), now()).await.unwrap();
    let child = NewPerson {
        full_name: "Zofia Wiśniewska".into(),
        role: Role::Child,
        date_of_birth: "2021-05-06".parse().ok(),
        expected_date: None,
        gender: String::new(),
        setting: String::new(),
    };
    people::add_person(&first, 1, case.id, &child, now()).await.unwrap();
    // An attached letter: in the backup encrypted, and back whole, its hash checked again.
    let letter = b"%PDF-1.4\n(Zofia's school writes about her attendance.)\n%%EOF\n".to_vec();
    let meta = cp_core::attachments::rules::NewAttachment {
        title: "Letter from the school".into(),
        document_on: None,
        came_from: "Head teacher".into(),
        children: vec![],
    };
    let on = cp_core::attachments::AttachTo::Case { case_id: case.id };
    let attached = cp_core::attachments::attach(&first, 1, on, "school.pdf", &letter, &meta, now()).await.unwrap();
    first.close().await;
    let cp_core::installation::Unlocked { store, vault, .. } = common::sign_in(dir.path(), &keys, common::JOANNA).await;

    let out_dir = tempfile::tempdir().unwrap();
    let file = out_dir.path().join("cp-backup.cptbak");
    let summary = backup(&store, &vault, &file, Actor::Lead(1), now()).await.unwrap();
    assert!(summary.bytes > 4096);
    let bytes = std::fs::read(&file).unwrap();
    let part = bytes.iter().enumerate().filter(|(_, b)| **b == b'\n').nth(1).unwrap().0 + 1;
    assert_eq!(part % cp_core::backup::PART_ALIGN, 0, "the copy of the database starts on a boundary");
    for marker in ["Backup Org", "Joanna Holmes", "attendance"] {
        assert!(!bytes.windows(marker.len()).any(|w| w == marker.as_bytes()), "{marker} readable in the backup");
    }
    let other = out_dir.path().join("notes.txt");
    std::fs::write(&other, b"not a backup").unwrap();
    let err = backup(&store, &vault, &other, Actor::Lead(1), now()).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Invalid, "never overwrites a file that is not a backup");
    assert_eq!(std::fs::read(&other).unwrap(), b"not a backup");
    // An older backup chosen again in the save dialog (which asked first) is replaced.
    backup(&store, &vault, &file, Actor::Lead(1), now()).await.unwrap();
    let before = records(&store).await;

    // A new laptop: an empty folder, an empty password store, the recovery key.
    let new_dir = tempfile::tempdir().unwrap();
    let target = Installation::new(new_dir.path().join("data"));
    let new_keys = MemoryKeys::default();
    let wrong = RecoveryKey::generate().unwrap();
    assert_eq!(restore(&file, &wrong, &target, &new_keys, now()).await.unwrap_err().code, ErrorCode::RecoveryKeyWrong);
    assert!(!target.db_path().exists(), "a failed restore leaves nothing behind");

    let restored = restore(&file, &recovery, &target, &new_keys, now()).await.unwrap();
    let after = records(&restored).await;
    assert_eq!(after.0, before.0);
    assert_eq!(after.1, before.1);
    assert_eq!(after.2[..before.2.len()], before.2[..], "every audit row identical");
    assert_eq!(after.2.last().unwrap().1, "restored");
    let chain = audit::verify(&restored).await.unwrap();
    assert_eq!((chain.first_bad_row, chain.altered_records.len()), (None, 0), "every file's hash holds");
    let (_, bytes) = cp_core::attachments::open(&restored, 1, attached, false, now()).await.unwrap();
    assert_eq!(bytes, letter, "the letter, byte for byte");
    // The search index came across too: a long word is found through it, a short one by
    // reading every case.
    for text in ["wisniewska", "zo"] {
        let found = search::search(&restored, &CaseQuery { text: text.into(), ..CaseQuery::default() }).await.unwrap();
        assert_eq!(found.rows.iter().map(|r| r.id).collect::<Vec<_>>(), [case.id], "{text}");
    }
    restored.close().await;
    // The restored folder is its owner's alone, as set-up makes it (it was 0755).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&target.data_dir), mode(dir.path()), "as set-up made the first folder");
        assert_eq!(mode(&target.data_dir), 0o700);
    }

    // Reopened as a normal start on the new laptop.
    let Opened::Ready(_) = target.open(&new_keys).await.unwrap() else { panic!("not ready") };
    let reopened = common::sign_in(&target.data_dir, &new_keys, common::JOANNA).await.store;
    assert_eq!(records(&reopened).await.1, before.1);

    // Restoring over live data is refused.
    let err = restore(&file, &recovery, &target, &new_keys, now()).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::AlreadySetUp);
    reopened.close().await;
    store.close().await;
}

#[tokio::test]
async fn a_file_that_is_not_a_backup_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x");
    std::fs::write(&file, b"hello").unwrap();
    let target = Installation::new(dir.path().join("data"));
    let err =
        restore(&file, &RecoveryKey::generate().unwrap(), &target, &MemoryKeys::default(), now()).await.unwrap_err();
    assert!(err.message.contains("not a CP Tracker backup"));
}

/// A backup's header carries the audit trail's head when it was made: an older database put
/// under a newer header (the trail cut short in transit) is refused, and a whole one gives the
/// restored folder its anchor from the start.
#[tokio::test]
async fn a_backup_whose_trail_arrives_short_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (store, recovery) = set_up(&dir.path().join("data"), &keys, "Org").await;
    let vault = cp_core::vault::file::read(&dir.path().join("data")).unwrap().unwrap();
    let older = dir.path().join("older.cptbak");
    backup(&store, &vault, &older, Actor::Lead(1), now()).await.unwrap();
    cases::open_case(&store, 1, &new_case(), now()).await.unwrap();
    let newer = dir.path().join("newer.cptbak");
    backup(&store, &vault, &newer, Actor::Lead(1), now()).await.unwrap();
    store.close().await;

    // The newer header over the older database.
    let split = |bytes: &[u8]| {
        let second = bytes.iter().enumerate().filter(|(_, b)| **b == b'\n').nth(1).unwrap().0 + 1;
        (bytes[..second].to_vec(), bytes[second..].to_vec())
    };
    let (newer_header, _) = split(&std::fs::read(&newer).unwrap());
    let (_, older_db) = split(&std::fs::read(&older).unwrap());
    let spliced = dir.path().join("spliced.cptbak");
    std::fs::write(&spliced, [newer_header, older_db].concat()).unwrap();

    let into = Installation::new(dir.path().join("a"));
    let err = restore(&spliced, &recovery, &into, &MemoryKeys::default(), now()).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::AuditBroken, "{err}");
    assert!(err.message.contains("fewer rows"), "{err}");
    assert!(!dir.path().join("a").join("cp-tracker.db").exists(), "nothing left behind");

    let into = Installation::new(dir.path().join("b"));
    let restored = restore(&newer, &recovery, &into, &MemoryKeys::default(), now()).await.unwrap();
    assert!(audit::anchor::read(&restored).is_some(), "the restored folder is anchored from the start");
    assert!(audit::verify(&restored).await.unwrap().intact());
    restored.close().await;
}

/// Until December 2026 a laptop's backup (format 1, first line `CP-TRACKER-BACKUP 1`) held its
/// database re-encrypted page by page under the backup key, which the database keeps. One is
/// made here as that build made it; it restores as it always did.
#[tokio::test]
async fn a_backup_in_the_first_format_still_restores() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (store, recovery) = set_up(&dir.path().join("data"), &keys, "Org").await;
    let vault = cp_core::vault::file::read(&dir.path().join("data")).unwrap().unwrap();
    let case = cases::open_case(&store, 1, &new_case(), now()).await.unwrap();
    let current = dir.path().join("current.cptbak");
    backup(&store, &vault, &current, Actor::Lead(1), now()).await.unwrap();
    let bytes = std::fs::read(&current).unwrap();
    let mut lines = bytes.splitn(3, |b| *b == b'\n');
    assert_eq!(lines.next().unwrap(), b"CP-TRACKER-BACKUP 2");
    let header = lines.next().unwrap().to_vec();

    // The first format's part: every table exported into a file under the backup key.
    let pool = store.file_pool().unwrap();
    let key: String =
        sqlx::query_scalar("SELECT value FROM vault_secrets WHERE name = 'backup_key'").fetch_one(pool).await.unwrap();
    let part = dir.path().join("part");
    std::fs::File::create(&part).unwrap();
    let mut conn = pool.acquire().await.unwrap();
    let attach = format!("ATTACH DATABASE ? AS backup KEY \"x'{key}'\"");
    sqlx::query(sqlx::AssertSqlSafe(attach))
        .bind(part.to_string_lossy().into_owned())
        .execute(&mut *conn)
        .await
        .unwrap();
    sqlx::query("SELECT sqlcipher_export('backup')").execute(&mut *conn).await.unwrap();
    sqlx::query("DETACH DATABASE backup").execute(&mut *conn).await.unwrap();
    drop(conn);
    let before = records(&store).await;
    store.close().await;
    let first = dir.path().join("first.cptbak");
    std::fs::write(&first, [&b"CP-TRACKER-BACKUP 1\n"[..], &header, b"\n", &std::fs::read(&part).unwrap()].concat())
        .unwrap();

    let into = Installation::new(dir.path().join("restored"));
    let restored = restore(&first, &recovery, &into, &MemoryKeys::default(), now()).await.unwrap();
    let after = records(&restored).await;
    assert_eq!((&after.0, &after.1), (&before.0, &before.1));
    assert_eq!(after.2[..before.2.len()], before.2[..], "every audit row identical");
    assert_eq!(cases::all_ids(&restored).await.unwrap(), [case.id], "the case came back");
    restored.close().await;

    // A format this build does not know yet is named as such, not as a stranger's file.
    let newer = dir.path().join("newer.cptbak");
    std::fs::write(&newer, [&b"CP-TRACKER-BACKUP 3\n"[..], &header, b"\n"].concat()).unwrap();
    let into = Installation::new(dir.path().join("newer"));
    let err = restore(&newer, &recovery, &into, &MemoryKeys::default(), now()).await.unwrap_err();
    assert!(err.message.contains("newer version of CP Tracker"), "{err}");
}

/// The backup copies the database file while leads go on saving: what it holds is the records
/// as they were at one moment, every case before it whole and none after it half-written, and
/// the saves all land.
#[tokio::test]
async fn a_backup_made_while_cases_are_saved_holds_the_records_of_one_moment() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeys::default();
    let (store, recovery) = set_up(&dir.path().join("data"), &keys, "Org").await;
    let vault = cp_core::vault::file::read(&dir.path().join("data")).unwrap().unwrap();
    const SAVES: usize = 40;
    let (first_saved, under_way) = tokio::sync::oneshot::channel();
    let saving = tokio::spawn({
        let store = store.clone();
        async move {
            let mut first_saved = Some(first_saved);
            for _ in 0..SAVES {
                cases::open_case(&store, 1, &new_case(), now()).await.unwrap();
                first_saved.take().map(|s| s.send(()));
            }
        }
    });
    // Begun once saving is under way, so the copy meets it.
    under_way.await.unwrap();
    let file = dir.path().join("during.cptbak");
    backup(&store, &vault, &file, Actor::Lead(1), now()).await.unwrap();
    saving.await.unwrap();
    assert_eq!(cases::all_ids(&store).await.unwrap().len(), SAVES, "every save landed");
    store.close().await;

    let into = Installation::new(dir.path().join("restored"));
    // `restore` checks the audit chain whole, against the head the header gives.
    let restored = restore(&file, &recovery, &into, &MemoryKeys::default(), now()).await.unwrap();
    let mut ids = cases::all_ids(&restored).await.unwrap();
    ids.sort_unstable();
    assert!(!ids.is_empty() && ids.len() <= SAVES, "{ids:?}");
    assert_eq!(ids, (1..=ids.len() as i64).collect::<Vec<_>>(), "the cases up to one moment, none missing");
    restored.close().await;
}
