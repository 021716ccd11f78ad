//! Test helper for `tests/foundations/keyring.rs`: a second process that opens an installation with the
//! laptop secret from the OS keyring, signs in the first lead of the tests' set-up (Joanna
//! Holmes, lead 1) with her passphrase, and prints the organisation's name from the records.

use cp_core::installation::{Installation, Opened};
use cp_core::leads;
use cp_core::vault::OsKeyring;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: open_with_os_keyring DATA_DIR");
        std::process::exit(2);
    };
    let vault_dir = dir.clone();
    match Installation::new(dir).open(&OsKeyring).await {
        Ok(Opened::Ready(vault)) => {
            let install = Installation::new(std::path::PathBuf::from(&vault_dir));
            let unlocked = install
                .sign_in(&vault, &OsKeyring, 1, "joanna's long passphrase", chrono::Utc::now())
                .await
                .unwrap_or_else(|e| fail(&e.message));
            let store = unlocked.store;
            let name = leads::organisation_name(&store).await;
            // Closed before exit: a connection still closing on a pool thread when SQLCipher's
            // exit handler frees its memory crashes the process without a word (the keyring
            // test failed so in CI, the name already printed).
            store.close().await;
            match name {
                Ok(name) => println!("{name}"),
                Err(e) => fail(&e.message),
            }
        }
        Ok(Opened::NeedsRecovery(_)) => fail("needs recovery"),
        Ok(Opened::NotSetUp) => fail("not set up"),
        Err(e) => fail(&e.message),
    }
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(1);
}
