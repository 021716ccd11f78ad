//! Set-up killed with SIGKILL at random moments never leaves the data folder stuck: the next
//! start finds either nothing (set-up runs again) or complete records that open. Most kills
//! fall in set-up's writing, from its first file to its end, where a kill can do harm; the
//! rest anywhere. Uses the real keyring (the test command gives it a private one).

use crate::common;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{now, setup_input};
use cp_core::ErrorCode;
use cp_core::installation::{Installation, Opened};
use cp_core::vault::{OsKeyring, RecoveryKey};

const TRIALS: usize = 100;
/// One trial in this many that finds nothing sets up again in full, to prove it can.
const SET_UP_AGAIN_EVERY: usize = 10;

/// Set-up's first file in the data folder: its staging folder, or (before set-up was staged)
/// the database itself.
fn writing_started(data: &Path) -> bool {
    data.join("setup-in-progress").exists() || data.join("cp-tracker.db").exists()
}

fn spawn(data: &Path) -> Child {
    Command::new(common::example("setup_writer")).arg(data).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap()
}

/// Polls until set-up starts writing; `None` if it finished first.
fn wait_for_writing(child: &mut Child, data: &Path) -> Option<Instant> {
    loop {
        if writing_started(data) {
            return Some(Instant::now());
        }
        if child.try_wait().unwrap().is_some() {
            return None;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
}

/// gnome-keyring aborts when a client is killed in the middle of a request (see
/// scripts/lib/with-test-keyring.sh, which starts it again at the next call). A call already
/// on its way when it aborts fails with the keyring's error, so a keyring error is tried once
/// more: a folder that is really stuck fails again.
async fn open_past_a_keyring_restart(install: &Installation) -> Result<Opened, cp_core::Error> {
    match install.open(&OsKeyring).await {
        Err(e) if matches!(e.code, ErrorCode::KeyringUnavailable | ErrorCode::KeyringLocked) => {
            install.open(&OsKeyring).await
        }
        opened => opened,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn set_up_killed_at_random_never_leaves_the_folder_stuck() {
    let root = tempfile::tempdir().unwrap();

    // One full run measures how long set-up writes for, and how long it runs in all.
    let data = root.path().join("calibrate");
    let started = Instant::now();
    let mut child = spawn(&data);
    let writing = wait_for_writing(&mut child, &data).expect("set-up writes files");
    assert!(child.wait().unwrap().success());
    let (whole, write_phase) = (started.elapsed(), writing.elapsed());

    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut random = move |below: Duration| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        Duration::from_micros(seed % below.as_micros().max(1) as u64)
    };
    let (mut found_nothing, mut found_ready, mut set_up_again) = (0, 0, 0);
    for trial in 0..TRIALS {
        let data = root.path().join(format!("trial-{trial}"));
        let mut child = spawn(&data);
        // Four kills in five during the writing (and a little after it), one anywhere.
        if trial % 5 == 4 {
            let after = random(whole);
            let started = Instant::now();
            while started.elapsed() < after && child.try_wait().unwrap().is_none() {
                std::thread::sleep(Duration::from_micros(200));
            }
        } else if let Some(writing) = wait_for_writing(&mut child, &data) {
            let after = random(write_phase * 5 / 4);
            while writing.elapsed() < after && child.try_wait().unwrap().is_none() {
                std::thread::sleep(Duration::from_micros(100));
            }
        }
        let _ = child.kill(); // SIGKILL on Unix; an error only if it had already finished
        child.wait().unwrap();

        let install = Installation::new(&data);
        match open_past_a_keyring_restart(&install).await {
            Ok(Opened::NotSetUp) => {
                found_nothing += 1;
                assert!(!data.join("setup-in-progress").exists(), "trial {trial}: the staging folder is left");
                if found_nothing % SET_UP_AGAIN_EVERY == 1 {
                    let recovery = RecoveryKey::generate().unwrap();
                    let store = install.set_up(&setup_input("Again"), &recovery, &OsKeyring, now()).await.unwrap();
                    store.close().await;
                    set_up_again += 1;
                }
            }
            Ok(Opened::Ready(vault)) => {
                found_ready += 1;
                let (lead, passphrase) = common::JOANNA;
                let store = match install.sign_in(&vault, &OsKeyring, lead, passphrase, now()).await {
                    Ok(unlocked) => unlocked.store,
                    Err(e) => panic!("trial {trial}: the records do not open: {}", e.message),
                };
                let leads = cp_core::leads::list_leads(&store).await.unwrap();
                assert_eq!(leads.len(), 2, "trial {trial}: both leads are there");
                assert!(cp_core::audit::verify(&store).await.unwrap().intact(), "trial {trial}");
                store.close().await;
            }
            Ok(Opened::NeedsRecovery(_)) => panic!("trial {trial}: the records need the recovery key after set-up"),
            Err(e) => panic!("trial {trial}: the folder is stuck: {}", e.message),
        }
    }
    eprintln!(
        "{TRIALS} kills: {found_nothing} found nothing ({set_up_again} set up again), {found_ready} found set-up done; \
         set-up took {whole:?}, writing {write_phase:?}"
    );
    assert!(found_nothing > 0 && found_ready > 0, "the kills fell on both sides of set-up's end");
}

#[tokio::test]
async fn a_set_up_killed_between_its_two_moves_is_finished_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let keys = common::MemoryKeys::default();
    let (store, _) = common::set_up(dir.path(), &keys, "Org").await;
    store.close().await;
    // As the kill leaves it: the database in place, its vault.json still in the staging folder.
    let staging = dir.path().join("setup-in-progress");
    std::fs::create_dir(&staging).unwrap();
    std::fs::rename(dir.path().join("vault.json"), staging.join("vault.json")).unwrap();

    let Ok(Opened::Ready(_)) = Installation::new(dir.path()).open(&keys).await else { panic!("the records open") };
    let store = common::sign_in(dir.path(), &keys, common::JOANNA).await.store;
    assert_eq!(cp_core::leads::organisation_name(&store).await.unwrap(), "Org");
    assert!(dir.path().join("vault.json").exists() && !staging.exists());
    store.close().await;
}
