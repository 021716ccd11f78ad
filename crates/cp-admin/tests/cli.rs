//! cp-tracker-admin against a real encrypted data folder and the real Secret Service (the test
//! command runs these inside a private D-Bus session with its own gnome-keyring).

use std::path::Path;
use std::process::{Command, Output};

fn admin(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cp-tracker-admin"))
        .env("CP_TRACKER_DATA_DIR", dir)
        .args(args)
        .output()
        .expect("cp-tracker-admin runs")
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

#[test]
fn demo_data_status_verify_backup_and_the_archive_sweep() {
    let dir = tempfile::tempdir().unwrap();
    let empty = admin(dir.path(), &["status"]);
    assert_eq!(empty.status.code(), Some(1), "{}", text(&empty));
    let err = String::from_utf8_lossy(&empty.stderr).to_string();
    assert!(err.starts_with("cp-tracker-admin: No CP Tracker records") && err.lines().count() == 1, "{err}");

    let demo = admin(dir.path(), &["demo-data", "--cases", "6", "--seed", "7"]);
    assert!(demo.status.success(), "{}", text(&demo));
    let said = text(&demo);
    assert!(said.contains("DEMO DATA ONLY") && said.contains("Demo lead: Demo Lead One, passphrase:"), "{said}");
    assert!(said.contains("Demo recovery key:"), "{said}");
    let again = admin(dir.path(), &["demo-data"]);
    assert_eq!(again.status.code(), Some(1), "never into a folder with records");

    let status = admin(dir.path(), &["status"]);
    assert!(status.status.success(), "{}", text(&status));
    let s = text(&status);
    assert!(s.contains("DEMO Fictional Children's Centre") && s.contains("Audit chain: intact"), "{s}");
    let count = |label: &str| -> i64 {
        s.lines().find_map(|l| l.strip_prefix(label)).and_then(|n| n.trim().parse().ok()).unwrap_or(-1)
    };
    assert_eq!(count("Cases live:") + count("Cases closed:") + count("Cases archived:"), 6, "{s}");
    assert!(s.contains("Last backup: never"));

    let verify = admin(dir.path(), &["verify"]);
    assert!(verify.status.success() && text(&verify).contains("Audit chain: intact"), "{}", text(&verify));

    let file = dir.path().join("demo.cptbak");
    let backup = admin(dir.path(), &["backup", file.to_str().unwrap()]);
    assert!(backup.status.success() && file.is_file(), "{}", text(&backup));
    assert!(!text(&admin(dir.path(), &["status"])).contains("Last backup: never"));

    // The backup restores into an empty folder with the demo recovery key, and only there.
    let key = said.lines().find_map(|l| l.strip_prefix("Demo recovery key: ")).unwrap().to_owned();
    let elsewhere = tempfile::tempdir().unwrap();
    let wrong = admin(
        elsewhere.path(),
        &[
            "restore",
            file.to_str().unwrap(),
            "--recovery-key",
            "AAAAAA-AAAAAA-AAAAAA-AAAAAA-AAAAAA-AAAAAA-AAAAAA-AAAAAA",
        ],
    );
    assert_eq!(wrong.status.code(), Some(1), "{}", text(&wrong));
    let restored = admin(elsewhere.path(), &["restore", file.to_str().unwrap(), "--recovery-key", &key]);
    assert!(restored.status.success(), "{}", text(&restored));
    assert!(text(&admin(elsewhere.path(), &["status"])).contains("DEMO Fictional Children's Centre"));
    let over = admin(dir.path(), &["restore", file.to_str().unwrap(), "--recovery-key", &key]);
    assert_eq!(over.status.code(), Some(1), "never over existing records");

    let sweep = admin(dir.path(), &["archive-sweep"]);
    assert!(sweep.status.success() && text(&sweep).starts_with("Archived 0 case(s)"), "{}", text(&sweep));

    let bad = admin(dir.path(), &["no-such-command"]);
    assert_eq!(bad.status.code(), Some(2), "bad usage");
    let help = admin(dir.path(), &["backup", "--help"]);
    assert!(help.status.success() && text(&help).contains("recovery key"));
}

#[test]
fn demo_data_is_the_same_for_the_same_seed() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let summary = |dir: &Path| {
        let out = text(&admin(dir, &["demo-data", "--cases", "4", "--seed", "42"]));
        out.lines().find(|l| l.starts_with("Cases:")).unwrap_or_default().to_owned()
    };
    let first = summary(a.path());
    assert!(first.starts_with("Cases: 4; chronology entries:"), "{first}");
    assert_eq!(first, summary(b.path()));
}

fn admin_as(dir: &Path, passphrase: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cp-tracker-admin"))
        .env("CP_TRACKER_DATA_DIR", dir)
        .env("CP_TRACKER_PASSPHRASE", passphrase)
        .args(args)
        .output()
        .expect("cp-tracker-admin runs")
}

#[test]
fn reports_and_the_json_export_need_a_leads_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    assert!(admin(dir.path(), &["demo-data", "--cases", "3", "--seed", "3"]).status.success());
    let pdf = dir.path().join("register.pdf");
    let who = ["--lead", "Demo Lead One"];
    let refused = admin_as(
        dir.path(),
        "not the passphrase",
        &["report", "register", "--out", pdf.to_str().unwrap(), who[0], who[1]],
    );
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    assert!(!pdf.exists(), "nothing written for a wrong passphrase");

    let ok = admin_as(
        dir.path(),
        "demo passphrase one",
        &["report", "register", "--out", pdf.to_str().unwrap(), who[0], who[1]],
    );
    assert!(ok.status.success(), "{}", text(&ok));
    let read = Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
    assert!(String::from_utf8_lossy(&read.stdout).contains("Register of children with a child protection plan"));
    let missing = admin_as(dir.path(), "demo passphrase one", &["report", "closure", "--out", "x.pdf", who[0], who[1]]);
    assert!(text(&missing).contains("needs --case"), "{}", text(&missing));

    let export = admin_as(dir.path(), "demo passphrase one", &["export-json", who[0], who[1]]);
    assert!(export.status.success(), "{}", text(&export));
    let json = String::from_utf8_lossy(&export.stdout);
    assert!(json.contains("\"format\": \"cp-tracker-export\"") && json.contains("\"version\": 1"), "{json}");
    assert_eq!(json.matches("\"reference\": \"CP-").count(), 3, "all three cases");
    let one = admin_as(dir.path(), "demo passphrase one", &["export-json", "--case", "no-such-case", who[0], who[1]]);
    assert_eq!(one.status.code(), Some(1));
}
