//! Test helper for `tests/keyring.rs`: a second process that opens an installation with the
//! key from the OS keyring and prints the organisation's name.

use cp_core::installation::{Installation, Opened};
use cp_core::leads;
use cp_core::vault::OsKeyring;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: open_with_os_keyring DATA_DIR");
        std::process::exit(2);
    };
    match Installation::new(dir).open(&OsKeyring).await {
        Ok(Opened::Ready { store, .. }) => {
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
