//! Test helper for `tests/foundations/sign_in.rs`: one sign-in attempt with a wrong passphrase from its own
//! process, printing `checked` when the passphrase was checked (and refused) or `delayed` when
//! the attempt had to wait. The test starts thirty at once. The laptop secret comes in
//! `SIGN_IN_TEST_LAPTOP` (the test's keys are in its own memory, not a keyring).

use cp_core::ErrorCode;
use cp_core::installation::Installation;
use cp_core::vault::{DbKey, KeyStore};

struct Given(DbKey);

impl KeyStore for Given {
    fn load(&self, _: &str) -> cp_core::Result<Option<DbKey>> {
        Ok(Some(self.0.clone()))
    }
    fn save(&self, _: &str, _: &DbKey) -> cp_core::Result<()> {
        Ok(())
    }
    fn delete(&self, _: &str) -> cp_core::Result<()> {
        Ok(())
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (Some(dir), Some(lead), Ok(laptop_hex)) =
        (std::env::args_os().nth(1), std::env::args().nth(2), std::env::var("SIGN_IN_TEST_LAPTOP"))
    else {
        eprintln!("usage: SIGN_IN_TEST_LAPTOP=<hex> sign_in_attempt DATA_DIR LEAD_ID");
        std::process::exit(2);
    };
    let laptop = DbKey::from_slice(&hex::decode(laptop_hex).unwrap_or_default()).unwrap_or_else(|e| fail(&e.message));
    let lead: i64 = lead.parse().unwrap_or_else(|_| fail("the lead id is not a number"));
    let install = Installation::new(std::path::PathBuf::from(dir));
    let vault = cp_core::vault::file::read(&install.data_dir)
        .unwrap_or_else(|e| fail(&e.message))
        .unwrap_or_else(|| fail("no vault.json"));
    match install.sign_in(&vault, &Given(laptop), lead, "not the passphrase", chrono::Utc::now()).await {
        Err(e) if e.code == ErrorCode::SignInRefused => println!("checked"),
        Err(e) if e.code == ErrorCode::SignInDelayed => println!("delayed"),
        Err(e) => fail(&e.message),
        Ok(unlocked) => {
            unlocked.store.close().await;
            fail("a wrong passphrase was accepted")
        }
    }
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(1);
}
