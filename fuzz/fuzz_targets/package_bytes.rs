//! Any bytes as a transfer package file: age's header and payload, then the lines inside.
#![no_main]

use cp_core::file_transfers::package::{Passphrase, open};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(passphrase) = Passphrase::parse("23456-789AB-CDEFG-HJKMN-PQRST") {
        let _ = open(data, &passphrase);
    }
});
