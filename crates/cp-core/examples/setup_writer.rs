//! Test helper for `tests/foundations/setup_killed.rs`: sets up CP Tracker in a data folder with the OS
//! keyring, as the set-up screen does, and prints "done" once set-up returned. The test kills
//! it with SIGKILL at a random moment and checks the folder opens or can be set up again.

use cp_core::installation::Installation;
use cp_core::leads::rules::{NewLead, SetupInput};
use cp_core::vault::{OsKeyring, RecoveryKey};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: setup_writer DATA_DIR");
        std::process::exit(2);
    };
    let lead = |name: &str, passphrase: &str| NewLead {
        name: name.to_owned(),
        role: "Designated safeguarding lead".to_owned(),
        passphrase: passphrase.to_owned(),
    };
    let input = SetupInput {
        organisation: "Killed Set-up Org".to_owned(),
        leads: vec![
            lead("Joanna Holmes", "joanna's long passphrase"),
            lead("Elaine Martin", "elaine's long passphrase"),
        ],
    };
    let recovery = RecoveryKey::generate().unwrap_or_else(|e| fail(&e.message));
    match Installation::new(dir).set_up(&input, &recovery, &OsKeyring, chrono::Utc::now()).await {
        Ok(store) => {
            store.close().await;
            println!("done");
        }
        Err(e) => fail(&e.message),
    }
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(1);
}
