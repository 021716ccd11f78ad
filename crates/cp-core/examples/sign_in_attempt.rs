//! Test helper for `tests/sign_in.rs`: one sign-in attempt with a wrong passphrase from its own
//! process, printing `checked` when the passphrase was checked (and refused) or `delayed` when
//! the attempt had to wait. The test starts thirty at once.

use cp_core::ErrorCode;
use cp_core::store::{OpenMode, Store};
use cp_core::vault::DbKey;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (Some(db), Some(lead), Ok(key_hex)) =
        (std::env::args_os().nth(1), std::env::args().nth(2), std::env::var("SIGN_IN_TEST_KEY"))
    else {
        eprintln!("usage: SIGN_IN_TEST_KEY=<hex> sign_in_attempt DB_FILE LEAD_ID");
        std::process::exit(2);
    };
    let key = DbKey::from_slice(&hex::decode(key_hex).unwrap_or_default()).unwrap_or_else(|e| fail(&e.message));
    let lead: i64 = lead.parse().unwrap_or_else(|_| fail("the lead id is not a number"));
    let store =
        Store::open(std::path::Path::new(&db), &key, OpenMode::Existing).await.unwrap_or_else(|e| fail(&e.message));
    let outcome = cp_core::leads::sign_in(&store, lead, "not the passphrase", chrono::Utc::now()).await;
    // Closed before exit: a pool still closing when SQLCipher's exit handler runs can crash.
    store.close().await;
    match outcome {
        Err(e) if e.code == ErrorCode::SignInRefused => println!("checked"),
        Err(e) if e.code == ErrorCode::SignInDelayed => println!("delayed"),
        Err(e) => fail(&e.message),
        Ok(_) => fail("a wrong passphrase was accepted"),
    }
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(1);
}
