//! Any text as a decrypted package (past age's authentication only the sender's bytes arrive,
//! but a sender may be hostile). The first byte chooses how: as it is, which exercises the
//! manifest; or as record lines under a manifest the harness makes with their true hashes and
//! kinds, which a fuzzer could never compute, so that every record's shape and the links
//! between records are reached too.
#![no_main]

use cp_core::file_transfers::package::{read_lines, sha256_hex};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((mode, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    if mode % 2 == 0 {
        let _ = read_lines(text);
        return;
    }
    let lines: Vec<&str> = text.lines().collect();
    let listed: Vec<serde_json::Value> = lines
        .iter()
        .map(|line| {
            let kind = serde_json::from_str::<serde_json::Value>(line)
                .ok()
                .and_then(|v| v.get("record").and_then(|k| k.as_str()).map(str::to_owned))
                .unwrap_or_default();
            serde_json::json!({ "kind": kind, "sha256": sha256_hex(line.as_bytes()) })
        })
        .collect();
    let manifest = serde_json::json!({
        "format": "cp-tracker-transfer", "version": 1, "id": "00112233445566778899aabbccddeeff",
        "madeAt": "2026-11-23T09:30:00Z", "from": { "organisation": "Riverside", "lead": "Joanna Holmes" },
        "to": { "setting": "Oakfield", "dsl": "Amira Khan", "contact": "01632 960123" },
        "moveConfirmedOn": "2026-11-20", "caseReference": "CP-2026-0001", "children": [], "sections": [],
        "records": listed,
    });
    let mut whole = manifest.to_string();
    for line in &lines {
        whole.push('\n');
        whole.push_str(line);
    }
    whole.push('\n');
    let _ = read_lines(&whole);
});
