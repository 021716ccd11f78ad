//! Attachments (issue 24), on the run's engine: a letter and a photo attached to a case's
//! entry and to the case, the same bytes kept once, read back whole and audited, withdrawn
//! with a reason and never deleted or changed, a renamed program refused, the size limit at
//! 50 MB exactly, and (on a laptop's file) no plaintext of an attached file anywhere in the
//! data folder.

use crate::common;

use common::{JOANNA, MemoryKeys, count, new_case, now, person, phone_call, set_up};
use cp_core::attachments::rules::{FileKind, NewAttachment};
use cp_core::attachments::{self, AttachTo};
use cp_core::people::rules::Role;

fn letter() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << >> endobj\n(Zanzibarquokka wrote to the school about the bruise.)\n%%EOF\n".to_vec()
}

fn about(title: &str, children: Vec<i64>) -> NewAttachment {
    NewAttachment {
        title: title.into(),
        document_on: Some(common::day("2026-11-18")),
        came_from: "Social worker, Bristol City Council".into(),
        children,
    }
}

#[tokio::test]
async fn files_are_attached_kept_once_read_back_and_withdrawn_never_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Riverside").await;
    let case = cp_core::cases::open_case(&store, JOANNA.0, &new_case("2 Otter Lane"), now()).await.unwrap();
    let child = cp_core::people::add_person(
        &store,
        JOANNA.0,
        case.id,
        &person("Ottilie Brook", Role::Child, Some("2018-01-01")),
        now(),
    )
    .await
    .unwrap();
    let entry =
        cp_core::chronology::add_entry(&store, JOANNA.0, case.id, &phone_call("Letter from social care"), now())
            .await
            .unwrap();

    let on_entry = AttachTo::Entry { entry_id: entry };
    let first =
        attachments::attach(&store, JOANNA.0, on_entry, "Letter.pdf", &letter(), &about("Letter", vec![child]), now())
            .await
            .unwrap();
    // The same letter on the case too: one copy of its bytes.
    let on_case = AttachTo::Case { case_id: case.id };
    attachments::attach(&store, JOANNA.0, on_case, "copy.pdf", &letter(), &about("Copy", vec![]), now()).await.unwrap();
    assert_eq!(count(&store, "SELECT count(*) FROM attachment_blobs").await, 1, "kept once");
    let photo = [b"\x89PNG\r\n\x1a\n".as_slice(), &[7u8; 64]].concat();
    attachments::attach(&store, JOANNA.0, on_case, "drawing.png", &photo, &about("Drawing", vec![child]), now())
        .await
        .unwrap();

    let listed = attachments::for_case(&store, case.id).await.unwrap();
    let titles: Vec<&str> = listed.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["Drawing", "Copy", "Letter"], "newest first");
    let letter_row = &listed[2];
    assert_eq!(
        (letter_row.entry_id, letter_row.kind, letter_row.children.clone()),
        (Some(entry), FileKind::Pdf, vec![child])
    );
    assert!(letter_row.viewable && listed[0].viewable);

    // The export lists each with its SHA-256, never its bytes.
    let export = cp_core::export::export(&store, JOANNA.0, Some(case.id), now()).await.unwrap();
    let json = serde_json::to_string(&export).unwrap();
    assert!(json.contains(&letter_row.sha256) && !json.contains("Zanzibarquokka"), "{json}");
    let (shown, bytes) = attachments::open(&store, JOANNA.0, first, false, now()).await.unwrap();
    assert_eq!((shown.id, bytes), (first, letter()));
    assert_eq!(count(&store, "SELECT count(*) FROM audit_log WHERE action = 'attachment_viewed'").await, 1);

    // What is refused, and why.
    let refused = |name: &'static str, bytes: Vec<u8>, meta: NewAttachment| {
        let store = store.clone();
        async move { attachments::attach(&store, JOANNA.0, on_case, name, &bytes, &meta, now()).await.unwrap_err() }
    };
    assert_eq!(refused("letter.pdf", b"MZ\x90\x00".to_vec(), about("x", vec![])).await.fields[0].field, "attachFile");
    assert_eq!(refused("a.pdf", letter(), about(" ", vec![])).await.fields[0].field, "attachTitle");
    assert_eq!(refused("a.pdf", letter(), about("x", vec![child + 100])).await.fields[0].field, "attachChildren");

    // 50 MB is kept; a byte more is refused, saying both sizes.
    let mut big = b"%PDF-1.4\n".to_vec();
    big.resize(50 * 1024 * 1024, b' ');
    attachments::attach(&store, JOANNA.0, on_case, "minutes.pdf", &big, &about("Conference minutes", vec![]), now())
        .await
        .unwrap();
    big.push(b' ');
    let over = attachments::attach(&store, JOANNA.0, on_case, "minutes.pdf", &big, &about("Too big", vec![]), now())
        .await
        .unwrap_err();
    assert!(over.fields[0].message.contains("51 MB") && over.fields[0].message.contains("50 MB"), "{over}");

    // From a path, as the window attaches: read a megabyte at a time with its progress heard,
    // and held to the limit Settings give (1 to 500 MB), before it is read.
    let path = dir.path().join("minutes.pdf");
    big.truncate(3 * 1024 * 1024);
    std::fs::write(&path, &big).unwrap();
    let heard = std::sync::Mutex::new(Vec::new());
    let hear = |read, size| heard.lock().unwrap().push((read, size));
    attachments::attach_path(&store, JOANNA.0, on_case, &path, &about("Minutes, 3 MB", vec![]), now(), &hear)
        .await
        .unwrap();
    let size = big.len() as u64;
    assert_eq!(*heard.lock().unwrap(), [(1 << 20, size), (2 << 20, size), (3 << 20, size)]);
    for wrong in [0, 501] {
        let refused = attachments::set_limit_mb(&store, JOANNA.0, wrong, now()).await.unwrap_err();
        assert_eq!(refused.fields[0].field, "attachLimit", "{wrong}");
    }
    assert_eq!(attachments::limit_mb(&store).await.unwrap(), 50);
    attachments::set_limit_mb(&store, JOANNA.0, 2, now()).await.unwrap();
    heard.lock().unwrap().clear();
    let over = attachments::attach_path(&store, JOANNA.0, on_case, &path, &about("Minutes", vec![]), now(), &hear)
        .await
        .unwrap_err();
    assert!(over.fields[0].message.contains("3 MB") && over.fields[0].message.contains("2 MB"), "{over}");
    assert!(heard.lock().unwrap().is_empty(), "refused before it was read");
    std::fs::remove_file(&path).unwrap();

    // A copy saved out goes where the lead chose, whole; never into the data folder (it could
    // replace the records) nor over a file of another kind.
    let (_, bytes) = attachments::open(&store, JOANNA.0, first, true, now()).await.unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("letter.pdf");
    cp_core::reports::write_copy(&copy, &bytes, dir.path()).unwrap();
    assert_eq!(std::fs::read(&copy).unwrap(), bytes);
    let inside = cp_core::reports::write_copy(&dir.path().join("letter.pdf"), &bytes, dir.path()).unwrap_err();
    assert!(inside.message.starts_with("A copy cannot be saved in CP Tracker's data folder"), "{inside}");
    let notes = elsewhere.path().join("notes.txt");
    std::fs::write(&notes, b"my own notes").unwrap();
    let over = cp_core::reports::write_copy(&notes, &bytes, dir.path()).unwrap_err();
    assert!(over.message.contains("not this file"), "{over}");
    assert_eq!(std::fs::read(&notes).unwrap(), b"my own notes");

    // Withdrawn with a reason, once; never changed or deleted by hand.
    let no_reason = attachments::withdraw(&store, JOANNA.0, first, " ", now()).await.unwrap_err();
    assert_eq!(no_reason.fields[0].field, "withdrawReason");
    attachments::withdraw(&store, JOANNA.0, first, "Attached to the wrong entry", now()).await.unwrap();
    assert!(attachments::withdraw(&store, JOANNA.0, first, "Again", now()).await.is_err(), "once");
    let kept = attachments::for_case(&store, case.id).await.unwrap();
    let withdrawn = kept.iter().find(|a| a.id == first).unwrap();
    assert_eq!(withdrawn.withdrawn_reason, "Attached to the wrong entry", "still in the history");
    for statement in [
        "DELETE FROM attachments",
        "DELETE FROM attachment_blobs",
        "UPDATE attachments SET title = 'Changed'",
        "UPDATE attachment_blobs SET size = 1",
    ] {
        let refused = cp_core::store::db::query(statement).execute(&mut store.db()).await;
        assert!(refused.is_err(), "{statement} is refused");
    }
    assert!(cp_core::audit::ensure_intact(&store).await.unwrap().intact());

    // A file damaged outside CP Tracker (its guard dropped first) is found by `verify`, and
    // refused rather than shown.
    common::tamper(
        &store,
        &["attachment_blobs_no_change"],
        &["UPDATE attachment_blobs SET content = substr(content, 2) WHERE size < 1000"],
    )
    .await;
    let report = cp_core::audit::verify(&store).await.unwrap();
    assert!(report.altered_records.iter().any(|r| r.starts_with("attachment_blobs ")), "{report:?}");
    let damaged = attachments::open(&store, JOANNA.0, first, false, now()).await.unwrap_err();
    assert!(damaged.message.contains("damaged"), "{damaged}");

    // On a laptop, nothing of the letter is readable anywhere in the data folder.
    if store.engine() == cp_core::store::db::Engine::Sqlite {
        store.clone().close().await;
        for file in std::fs::read_dir(dir.path()).unwrap() {
            let path = file.unwrap().path();
            if path.is_file() {
                let bytes = std::fs::read(&path).unwrap();
                let word = b"Zanzibarquokka";
                assert!(!bytes.windows(word.len()).any(|w| w == word), "{} holds the letter's words", path.display());
            }
        }
    }
}
