//! cp-tracker-admin against a real encrypted data folder and the real Secret Service (the test
//! command runs these inside a private D-Bus session with its own gnome-keyring).

use std::path::Path;
use std::process::{Command, Output};

/// As the demo's first lead (for the subcommands that open the records).
fn admin(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cp-tracker-admin"))
        .env("CP_TRACKER_DATA_DIR", dir)
        .env("CP_TRACKER_LEAD", "Demo Lead One")
        .env("CP_TRACKER_PASSPHRASE", "demo passphrase one")
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
    // The app says DEMO DATA on every screen of this folder.
    assert!(cp_core::paths::is_demo(dir.path()), "the DEMO DATA marker is left in the folder");
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
    assert!(first.starts_with("Cases: 4; people: "), "{first}");
    assert_eq!(first, summary(b.path()));
}

fn admin_as(dir: &Path, passphrase: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cp-tracker-admin"))
        .env("CP_TRACKER_DATA_DIR", dir)
        .env_remove("CP_TRACKER_LEAD")
        .env("CP_TRACKER_PASSPHRASE", passphrase)
        .args(args)
        .output()
        .expect("cp-tracker-admin runs")
}

#[test]
fn reports_and_the_json_export_need_a_leads_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    assert!(admin(dir.path(), &["demo-data", "--cases", "3", "--seed", "3"]).status.success());
    // Reports go outside the data folder: one inside it is refused.
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("register.pdf");
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
    // Over the records themselves (it once replaced the database): refused, the records as they were.
    let database = dir.path().join("cp-tracker.db");
    let onto = admin_as(
        dir.path(),
        "demo passphrase one",
        &["report", "register", "--out", database.to_str().unwrap(), who[0], who[1]],
    );
    assert_eq!(onto.status.code(), Some(1), "{}", text(&onto));
    assert!(text(&onto).contains("data folder"), "{}", text(&onto));
    assert!(!std::fs::read(&database).unwrap().starts_with(b"%PDF"), "the database is still the database");
    assert!(admin(dir.path(), &["verify"]).status.success(), "and still opens");
    let missing = admin_as(dir.path(), "demo passphrase one", &["report", "closure", "--out", "x.pdf", who[0], who[1]]);
    assert!(text(&missing).contains("needs --case"), "{}", text(&missing));
    // The annual report: anonymised, so the demo's families are nowhere in it.
    let annual = out.path().join("annual.pdf");
    let (a, o) = (annual.to_str().unwrap(), ["--from", "2000-01-01", "--to", "2100-12-31"]);
    let made = admin_as(
        dir.path(),
        "demo passphrase one",
        &["report", "annual", o[0], o[1], o[2], o[3], "--out", a, who[0], who[1]],
    );
    assert!(made.status.success(), "{}", text(&made));
    let read = Command::new("pdftotext").arg(&annual).arg("-").output().unwrap();
    let read = String::from_utf8_lossy(&read.stdout);
    assert!(read.contains("Annual safeguarding report") && !read.contains("CP-"), "{read}");

    let export = admin_as(dir.path(), "demo passphrase one", &["export-json", who[0], who[1]]);
    assert!(export.status.success(), "{}", text(&export));
    let json = String::from_utf8_lossy(&export.stdout);
    assert!(json.contains("\"format\": \"cp-tracker-export\"") && json.contains("\"version\": 1"), "{json}");
    let exported: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(exported["cases"].as_array().map(Vec::len), Some(3), "all three cases");
    // The demo's letter and drawing, each with its SHA-256 and never its bytes, and its body map.
    let cases = exported["cases"].as_array().unwrap();
    let files: Vec<&serde_json::Value> =
        cases.iter().flat_map(|c| c["attachments"].as_array().unwrap().iter()).collect();
    let kinds: Vec<&str> = files.iter().map(|a| a["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"pdf") && kinds.contains(&"png"), "{kinds:?}");
    assert!(files.iter().all(|a| a["sha256"].as_str().is_some_and(|h| h.len() == 64) && a.get("content").is_none()));
    let marks = cases.iter().map(|c| c["bodyMarks"].as_array().map_or(0, Vec::len)).sum::<usize>();
    assert_eq!(marks, 2, "the demo's body map");
    let one = admin_as(dir.path(), "demo passphrase one", &["export-json", "--case", "no-such-case", who[0], who[1]]);
    assert_eq!(one.status.code(), Some(1));
}

#[test]
fn the_under5s_list_is_previewed_then_imported_once() {
    let dir = tempfile::tempdir().unwrap();
    assert!(admin(dir.path(), &["demo-data", "--cases", "2", "--seed", "5"]).status.success());
    let list = dir.path().join("under5s.csv");
    std::fs::write(
        &list,
        "Surname,Forename,Born on,Address,Postcode\r\nNowak,Zoë,01/05/2023,12 Avon Street,BS5 9QZ\r\nReed,Tom,31/02/2024,9 Road,BS1 4DJ\r\n",
    )
    .unwrap();
    let file = list.to_str().unwrap();
    let who = ["--lead", "Demo Lead One"];
    let pass = "demo passphrase one";
    // The case counts: each run's sign-in adds to the audit chain, and should.
    let status = || {
        let all = text(&admin(dir.path(), &["status"]));
        all.lines().filter(|l| l.starts_with("Cases")).collect::<Vec<_>>().join("\n")
    };
    let before = status();

    let unmapped = admin_as(dir.path(), pass, &["import-under5s", file, "--dry-run", who[0], who[1]]);
    assert_eq!(unmapped.status.code(), Some(1), "{}", text(&unmapped));
    assert!(text(&unmapped).contains("date of birth (use --column FIELD=COLUMN)"), "{}", text(&unmapped));
    let bad = admin_as(dir.path(), pass, &["import-under5s", file, "--column", "dob=Born on", who[0], who[1]]);
    assert!(text(&bad).contains("There is no field \"dob\""), "{}", text(&bad));

    let args = ["import-under5s", file, "--column", "date-of-birth=born on", who[0], who[1]];
    let dry = admin_as(dir.path(), pass, &[&args[..], &["--dry-run"]].concat());
    assert!(dry.status.success(), "{}", text(&dry));
    let said = text(&dry);
    assert!(said.contains("Row 2: Zoë Nowak (01/05/2023, BS5 9QZ): new case"), "{said}");
    assert!(
        said.contains("Row 3: Tom Reed (, BS1 4DJ): rejected: Date of birth \"31/02/2024\" is not a real date"),
        "{said}"
    );
    assert!(said.contains("Dry run: nothing written."));
    assert_eq!(status(), before, "a dry run writes nothing");

    let done = admin_as(dir.path(), pass, &args);
    assert!(done.status.success(), "{}", text(&done));
    assert!(text(&done).contains("Imported: 1 new case(s)"), "{}", text(&done));
    let again = admin_as(dir.path(), pass, &args);
    assert!(text(&again).contains("This file was imported before"), "{}", text(&again));
    assert!(text(&again).contains("Imported: 0 new case(s); children added: 0."), "{}", text(&again));
    let after = status();
    assert!(after.contains("Cases live: 3") && before.contains("Cases live: 2"), "{before}\n{after}");
    assert!(text(&admin(dir.path(), &["verify"])).contains("Audit chain: intact"));
}

/// The passphrase typed at a real terminal (a pseudo-terminal made by `script`). That it is not
/// echoed is rpassword's to keep: the prompt is written before echo goes off, so a test that
/// types on seeing the prompt cannot tell echo apart without waiting an arbitrary time.
#[test]
fn the_passphrase_is_asked_for_at_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    assert!(admin(dir.path(), &["demo-data", "--cases", "1", "--seed", "9"]).status.success());
    let out = tempfile::tempdir().unwrap();
    let json = out.path().join("export.json");
    let command = format!(
        "{} export-json --lead 'Demo Lead Two' --out {}",
        env!("CARGO_BIN_EXE_cp-tracker-admin"),
        json.display()
    );
    // Types only once the prompt is on the screen, as a person would.
    let run = |typed: &str| {
        use std::io::{Read, Write};
        let mut child = Command::new("script")
            .args(["-qec", &command, "/dev/null"])
            .env("CP_TRACKER_DATA_DIR", dir.path())
            .env_remove("CP_TRACKER_PASSPHRASE")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("script (util-linux) runs");
        let mut stdout = child.stdout.take().unwrap();
        let mut screen = Vec::new();
        let mut byte = [0u8; 1];
        while !String::from_utf8_lossy(&screen).contains("Passphrase for Demo Lead Two: ") {
            assert_eq!(stdout.read(&mut byte).unwrap(), 1, "no prompt: {}", String::from_utf8_lossy(&screen));
            screen.push(byte[0]);
        }
        child.stdin.take().unwrap().write_all(format!("{typed}\n").as_bytes()).unwrap();
        stdout.read_to_end(&mut screen).unwrap();
        child.wait().unwrap();
        String::from_utf8_lossy(&screen).into_owned()
    };
    let wrong = run("not it");
    assert!(!json.exists(), "{wrong}");
    let screen = run("demo passphrase two");
    assert!(screen.contains("Passphrase for Demo Lead Two:"), "{screen}");
    assert!(json.is_file(), "{screen}");
}

/// A key in the password store that no longer opens the records (here another key of the
/// right length; a wrong length goes the same way) was a dead end; `recover` puts it right.
#[test]
fn recover_puts_back_a_key_that_no_longer_opens_the_records() {
    use cp_core::vault::{DbKey, KeyStore, OsKeyring};
    let dir = tempfile::tempdir().unwrap();
    let demo = admin(dir.path(), &["demo-data", "--cases", "2"]);
    assert!(demo.status.success(), "{}", text(&demo));
    let key = text(&demo).lines().find_map(|l| l.strip_prefix("Demo recovery key: ")).unwrap().to_owned();
    let nothing = admin(dir.path(), &["recover", "--recovery-key", &key]);
    assert!(text(&nothing).starts_with("Nothing to recover"), "{}", text(&nothing));

    let id = cp_core::vault::file::read(dir.path()).unwrap().unwrap().installation_id;
    let account = cp_core::vault::keyring::laptop_account(&id);
    OsKeyring.save(&account, &DbKey::generate().unwrap()).unwrap();
    let status = admin(dir.path(), &["status"]);
    assert_eq!(status.status.code(), Some(1));
    assert!(text(&status).contains("cp-tracker-admin recover"), "{}", text(&status));

    let wrong =
        admin(dir.path(), &["recover", "--recovery-key", "AAAAAA-AAAAAA-AAAAAA-AAAAAA-AAAAAA-AAAAAA-AAAAAA-AAAAAA"]);
    assert_eq!(wrong.status.code(), Some(1), "{}", text(&wrong));
    let recovered = admin(dir.path(), &["recover", "--recovery-key", &key]);
    assert!(recovered.status.success(), "{}", text(&recovered));
    let status = admin(dir.path(), &["status"]);
    assert!(status.status.success() && text(&status).contains("Audit chain: intact"), "{}", text(&status));
    OsKeyring.delete(&account).unwrap();
}

/// status, verify, backup and archive-sweep opened the records with no passphrase: anyone at
/// the laptop's account could copy them all with `backup`. Now each needs a lead.
#[test]
fn every_subcommand_that_opens_the_records_needs_a_leads_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    assert!(admin(dir.path(), &["demo-data", "--cases", "2"]).status.success());
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("copy.cptbak");
    let file = file.to_str().unwrap();
    for args in [vec!["status"], vec!["verify"], vec!["archive-sweep"], vec!["backup", file]] {
        let nobody = admin_as(dir.path(), "demo passphrase one", &args);
        assert_eq!(nobody.status.code(), Some(2), "{args:?} with no lead: {}", text(&nobody));
        let mut as_lead = args.clone();
        as_lead.extend(["--lead", "Demo Lead One"]);
        let wrong = admin_as(dir.path(), "not the passphrase", &as_lead);
        assert_eq!(wrong.status.code(), Some(1), "{args:?}: {}", text(&wrong));
        assert!(text(&wrong).contains("passphrase"), "{args:?}: {}", text(&wrong));
        assert!(admin_as(dir.path(), "demo passphrase one", &as_lead).status.success(), "{args:?}");
    }
    let audited = admin(dir.path(), &["status"]);
    assert!(text(&audited).contains("Last backup:") && !text(&audited).contains("never"), "{}", text(&audited));
}

/// One statement through `psql`, over verified TLS; its output.
fn psql(url: &str, ca: &str, sql: &str) -> String {
    let out = Command::new("psql")
        .arg(format!("{url}?sslmode=verify-full&sslrootcert={ca}"))
        .args(["-v", "ON_ERROR_STOP=1", "-Atc", sql])
        .output()
        .expect("psql runs");
    assert!(out.status.success(), "{sql}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// `shared init` on the private PostgreSQL the test command starts: an empty database is
/// prepared (schema, laptops' group, CONNECT taken from PUBLIC) over verified TLS only; a
/// database with tables, a certificate the CA did not sign and a URL asking for less than
/// verify-full are each refused with their sentence, and change nothing.
#[test]
fn shared_init_prepares_an_empty_database_over_verified_tls_only() {
    let url = std::env::var("CP_TEST_POSTGRES_URL")
        .expect("CP_TEST_POSTGRES_URL is not set: run the tests with scripts/test, which starts a private PostgreSQL");
    let ca = std::env::var("CP_TEST_POSTGRES_CA").unwrap();
    let other_ca = std::env::var("CP_TEST_POSTGRES_OTHER_CA").unwrap();
    let psql_on = |url: &str, sql: &str| psql(url, &ca, sql);
    let psql = |sql: &str| psql_on(&url, sql);
    let database = format!("cp_init_{}", std::process::id());
    psql(&format!("DROP DATABASE IF EXISTS {database}"));
    psql(&format!("CREATE DATABASE {database}"));
    let db_url = format!("{}/{database}", url.rsplit_once('/').unwrap().0);
    let dir = tempfile::tempdir().unwrap();
    let init = |db_url: &str, ca: &str| {
        let first = ["--organisation", "Riverside Children's Centre", "--lead", "Joanna Holmes"];
        admin(dir.path(), &[&["shared", "init", "--database-url", db_url, "--ca-cert", ca][..], &first].concat())
    };

    let wrong_ca = init(&db_url, &other_ca);
    assert_eq!(wrong_ca.status.code(), Some(1), "{}", text(&wrong_ca));
    assert!(text(&wrong_ca).contains("did not prove"), "{}", text(&wrong_ca));
    let clear = init(&format!("{db_url}?sslmode=disable"), &ca);
    assert_eq!(clear.status.code(), Some(1), "{}", text(&clear));
    assert!(text(&clear).contains("always connects with TLS"), "{}", text(&clear));
    let tables = || psql_on(&db_url, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'");
    assert_eq!(tables(), "0", "the refused attempts changed nothing");

    let done = init(&db_url, &ca);
    assert!(done.status.success(), "{}", text(&done));
    assert!(text(&done).contains(&format!("Prepared {database}")), "{}", text(&done));
    assert_eq!(psql(&format!("SELECT has_database_privilege('public', '{database}', 'CONNECT')")), "f");
    assert_eq!(psql(&format!("SELECT count(*) FROM pg_roles WHERE rolname = '{database}_laptops'")), "1");

    assert!(tables().parse::<i64>().unwrap() > 30, "the schema is there");
    assert!(text(&done).contains("Joanna Holmes is the first lead"), "{}", text(&done));
    assert_eq!(psql_on(&db_url, "SELECT count(*) FROM lead_slots"), "1", "her way in from any laptop");
    let again = init(&db_url, &ca);
    assert_eq!(again.status.code(), Some(1), "{}", text(&again));
    assert!(text(&again).contains("already holds"), "{}", text(&again));

    // `shared upgrade` on a database already up to date changes nothing and says so (bringing
    // an older one up to date is tested in the core: tests/postgres_schema.rs); one from a
    // newer CP Tracker is refused.
    let upgrade = || admin(dir.path(), &["shared", "upgrade", "--database-url", &db_url, "--ca-cert", &ca]);
    let newest = psql_on(&db_url, "SELECT max(version) FROM _sqlx_migrations");
    let done = upgrade();
    assert!(done.status.success(), "{}", text(&done));
    assert!(text(&done).contains(&format!("schema version {newest}")), "{}", text(&done));
    psql_on(
        &db_url,
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         SELECT version + 1, description, TRUE, checksum, 0 FROM _sqlx_migrations ORDER BY version DESC LIMIT 1",
    );
    let newer = upgrade();
    assert_eq!(newer.status.code(), Some(1), "{}", text(&newer));
    assert!(text(&newer).contains("newer version"), "{}", text(&newer));
    psql(&format!("DROP DATABASE {database}"));
    psql(&format!("DROP ROLE {database}_laptops"));
}

/// `shared init --demo` fills the new database with the same demo organisation, leads and
/// fictional families `demo-data` makes, marked as demo data, and writes nothing into the data
/// folder of the computer it runs on.
#[test]
fn shared_init_with_demo_data_fills_the_new_database() {
    let url = std::env::var("CP_TEST_POSTGRES_URL")
        .expect("CP_TEST_POSTGRES_URL is not set: run the tests with scripts/test, which starts a private PostgreSQL");
    let ca = std::env::var("CP_TEST_POSTGRES_CA").unwrap();
    let psql_on = |url: &str, sql: &str| psql(url, &ca, sql);
    let database = format!("cp_demo_{}", std::process::id());
    psql_on(&url, &format!("DROP DATABASE IF EXISTS {database}"));
    psql_on(&url, &format!("CREATE DATABASE {database}"));
    let db_url = format!("{}/{database}", url.rsplit_once('/').unwrap().0);
    let dir = tempfile::tempdir().unwrap();
    let done = admin(
        dir.path(),
        &["shared", "init", "--database-url", &db_url, "--ca-cert", &ca, "--demo", "--cases", "12", "--live", "4"],
    );
    assert!(done.status.success(), "{}", text(&done));
    assert!(text(&done).contains("DEMO DATA ONLY"), "{}", text(&done));
    assert_eq!(psql_on(&db_url, "SELECT name FROM organisation"), "DEMO Fictional Children's Centre");
    assert_eq!(
        psql_on(&db_url, "SELECT string_agg(name, ', ' ORDER BY id) FROM leads"),
        "Demo Lead One, Demo Lead Two"
    );
    assert_eq!(psql_on(&db_url, "SELECT count(*) FROM cases"), "12");
    assert_eq!(psql_on(&db_url, "SELECT count(*) FROM cases WHERE status = 'live'"), "4");
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "logs")
        .collect();
    assert!(left.is_empty(), "no records, vault or audit anchor in the data folder: {left:?}");

    // A laptop enrolled and joined: every other command on its folder works on the server.
    let shared = |args: &[&str]| admin(dir.path(), &[&["shared"][..], args, &["--ca-cert", &ca]].concat());
    let added = shared(&["add-device", "--database-url", &db_url, "--name", "Office laptop"]);
    assert!(added.status.success(), "{}", text(&added));
    let code = String::from_utf8_lossy(&added.stdout).lines().last().unwrap().to_owned();
    let laptop = tempfile::tempdir().unwrap();
    // The server and database alone: the code brings the laptop's role and password.
    let server = url.rsplit_once('@').unwrap().1.rsplit_once('/').unwrap().0;
    let location = format!("postgres://{server}/{database}");
    let joined = admin(laptop.path(), &["shared", "join", &code, "--database-url", &location, "--ca-cert", &ca]);
    assert!(joined.status.success(), "{}", text(&joined));
    assert!(text(&joined).contains("2 lead(s) can sign in"), "{}", text(&joined));
    let status = admin(laptop.path(), &["status"]);
    assert!(status.status.success(), "{}", text(&status));
    assert!(
        text(&status).contains("Cases live: 4") && text(&status).contains("Audit chain: intact"),
        "{}",
        text(&status)
    );
    let verify = admin(laptop.path(), &["verify"]);
    assert!(text(&verify).contains("on your organisation's server"), "{}", text(&verify));
    // Reports, the export and the Under 5s import, on the shared records.
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("register.pdf");
    let report = admin(laptop.path(), &["report", "register", "--out", pdf.to_str().unwrap()]);
    assert!(report.status.success(), "{}", text(&report));
    let read = Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
    assert!(String::from_utf8_lossy(&read.stdout).contains("Register of children with a child protection plan"));
    let export = admin(laptop.path(), &["export-json"]);
    assert!(export.status.success(), "{}", text(&export));
    let exported: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    assert_eq!(exported["cases"].as_array().map(Vec::len), Some(12), "every case");
    assert!(
        String::from_utf8_lossy(&export.stdout).contains("Chase written confirmation of the referral"),
        "the demo's actions are exported"
    );
    let list = out.path().join("under5s.csv");
    std::fs::write(
        &list,
        "Surname,Forename,Date of birth,Address,Postcode\r\nNowak,Zoë,01/05/2023,12 Avon Street,BS5 9QZ\r\n",
    )
    .unwrap();
    let import = admin(laptop.path(), &["import-under5s", list.to_str().unwrap()]);
    assert!(text(&import).contains("Imported: 1 new case(s)"), "{}", text(&import));
    assert_eq!(psql_on(&db_url, "SELECT count(*) FROM cases"), "13");

    // A backup of the shared records from this laptop restores into an empty data folder (the
    // records become that laptop's own) and into another new database, with the organisation's
    // recovery key that `shared init` showed.
    let key = text(&done).lines().skip_while(|l| !l.starts_with("Demo recovery key")).nth(1).unwrap().to_owned();
    let backup = out.path().join("riverside.cptbackup");
    let made = admin(laptop.path(), &["backup", backup.to_str().unwrap()]);
    assert!(made.status.success(), "{}", text(&made));
    let own = tempfile::tempdir().unwrap();
    let restored = admin(own.path(), &["restore", backup.to_str().unwrap(), "--recovery-key", &key]);
    assert!(restored.status.success(), "{}", text(&restored));
    let status = admin(own.path(), &["status"]);
    assert!(
        text(&status).contains("Audit chain: intact") && text(&status).contains("Cases live: 5"),
        "{}",
        text(&status)
    );
    let second = format!("{database}_restored");
    psql_on(&url, &format!("DROP DATABASE IF EXISTS {second}"));
    psql_on(&url, &format!("CREATE DATABASE {second}"));
    let second_url = format!("{}/{second}", url.rsplit_once('/').unwrap().0);
    assert!(shared(&["init", "--database-url", &second_url]).status.success());
    let into = shared(&["restore", "--database-url", &second_url, backup.to_str().unwrap(), "--recovery-key", &key]);
    assert!(into.status.success(), "{}", text(&into));
    assert_eq!(psql_on(&second_url, "SELECT count(*) FROM cases"), "13");
    psql_on(&url, &format!("DROP DATABASE {second}"));
    psql_on(&url, &format!("DROP ROLE {second}_laptops"));

    let revoked = shared(&["revoke-device", "--database-url", &db_url, "--name", "Office laptop"]);
    assert!(revoked.status.success(), "{}", text(&revoked));
    let listed = shared(&["devices", "--database-url", &db_url]);
    assert!(text(&listed).contains("Office laptop") && text(&listed).contains("withdrawn"), "{}", text(&listed));
    let refused = admin(laptop.path(), &["status"]);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    assert!(text(&refused).contains("access to your organisation's database has been withdrawn"), "{}", text(&refused));

    psql_on(&url, &format!("DROP DATABASE {database}"));
    psql_on(&url, &format!("DROP ROLE {database}_laptop_1"));
    psql_on(&url, &format!("DROP ROLE {database}_laptops"));
}

/// `shared import-local` moves a laptop's records into a database `shared init` left empty:
/// every case there, the trail intact, and each lead signing in on a laptop joined to it with
/// the passphrase they had.
#[test]
fn shared_import_local_moves_a_laptops_records_to_the_server() {
    let url = std::env::var("CP_TEST_POSTGRES_URL")
        .expect("CP_TEST_POSTGRES_URL is not set: run the tests with scripts/test, which starts a private PostgreSQL");
    let ca = std::env::var("CP_TEST_POSTGRES_CA").unwrap();
    let psql_on = |url: &str, sql: &str| psql(url, &ca, sql);
    let database = format!("cp_import_{}", std::process::id());
    psql_on(&url, &format!("DROP DATABASE IF EXISTS {database}"));
    psql_on(&url, &format!("CREATE DATABASE {database}"));
    let db_url = format!("{}/{database}", url.rsplit_once('/').unwrap().0);
    let laptop = tempfile::tempdir().unwrap();
    assert!(admin(laptop.path(), &["demo-data", "--cases", "5", "--seed", "4"]).status.success());
    let init = admin(laptop.path(), &["shared", "init", "--database-url", &db_url, "--ca-cert", &ca]);
    assert!(text(&init).contains("shared import-local"), "{}", text(&init));

    let import = |stdin: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cp-tracker-admin"))
            .env("CP_TRACKER_DATA_DIR", laptop.path())
            .env("CP_TRACKER_LEAD", "Demo Lead One")
            .env("CP_TRACKER_PASSPHRASE", "demo passphrase one")
            .args(["shared", "import-local", "--database-url", &db_url, "--ca-cert", &ca])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let wrong = import("not her passphrase\n");
    assert_eq!(wrong.status.code(), Some(1), "{}", text(&wrong));
    assert_eq!(psql_on(&db_url, "SELECT count(*) FROM cases"), "0", "nothing moved for a wrong passphrase");
    let done = import("demo passphrase two\n");
    assert!(done.status.success(), "{}", text(&done));
    assert!(text(&done).contains("audit trail is intact"), "{}", text(&done));
    assert_eq!(psql_on(&db_url, "SELECT count(*) FROM cases"), "5");
    let again = import("demo passphrase two\n");
    assert_eq!(again.status.code(), Some(1), "{}", text(&again));
    assert!(text(&again).contains("already holds records"), "{}", text(&again));

    // Demo Lead Two on a laptop joined to it.
    let added = admin(
        laptop.path(),
        &["shared", "add-device", "--database-url", &db_url, "--ca-cert", &ca, "--name", "New laptop"],
    );
    let code = String::from_utf8_lossy(&added.stdout).lines().last().unwrap().to_owned();
    let server = url.rsplit_once('@').unwrap().1.rsplit_once('/').unwrap().0;
    let joined_dir = tempfile::tempdir().unwrap();
    let location = format!("postgres://{server}/{database}");
    let joined = admin(joined_dir.path(), &["shared", "join", &code, "--database-url", &location, "--ca-cert", &ca]);
    assert!(joined.status.success(), "{}", text(&joined));
    let status = Command::new(env!("CARGO_BIN_EXE_cp-tracker-admin"))
        .env("CP_TRACKER_DATA_DIR", joined_dir.path())
        .env("CP_TRACKER_LEAD", "Demo Lead Two")
        .env("CP_TRACKER_PASSPHRASE", "demo passphrase two")
        .arg("status")
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", text(&status));
    assert!(text(&status).contains("Audit chain: intact"), "{}", text(&status));
    psql_on(&url, &format!("DROP DATABASE {database}"));
    psql_on(&url, &format!("DROP ROLE {database}_laptop_1"));
    psql_on(&url, &format!("DROP ROLE {database}_laptops"));
}

/// The first case's reference in a folder's JSON export.
fn first_reference(dir: &Path) -> String {
    let export = admin(dir, &["export-json"]);
    assert!(export.status.success(), "{}", text(&export));
    let json = String::from_utf8_lossy(&export.stdout).to_string();
    let at = json.find("\"reference\": \"").expect("a case") + "\"reference\": \"".len();
    json[at..].split('"').next().unwrap().to_owned()
}

#[test]
fn a_file_is_sent_from_one_folder_and_received_in_another_from_the_command_line() {
    let (here, there, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    assert!(admin(here.path(), &["demo-data", "--cases", "3", "--seed", "11"]).status.success());
    assert!(admin(there.path(), &["demo-data", "--cases", "1", "--seed", "12"]).status.success());
    let reference = first_reference(here.path());
    let package = out.path().join("file.cptransfer");
    let paper = out.path().join("paper-pack.pdf");
    let sent = admin(
        here.path(),
        &[
            "transfer",
            "send",
            "--case",
            &reference,
            "--setting",
            "Oakfield Primary School",
            "--dsl",
            "Amira Khan",
            "--contact",
            "01632 960123",
            "--moved-on",
            "2026-11-20",
            "--out",
            package.to_str().unwrap(),
            "--paper",
            paper.to_str().unwrap(),
        ],
    );
    assert!(sent.status.success(), "{}", text(&sent));
    let passphrase = String::from_utf8_lossy(&sent.stdout).lines().last().unwrap().trim().to_owned();
    assert_eq!(passphrase.len(), 29, "the passphrase on the last line: {}", text(&sent));
    assert!(std::fs::read(&package).unwrap().starts_with(b"age-encryption.org/v1"));
    let read = Command::new("pdftotext").arg(&paper).arg("-").output().unwrap();
    assert!(String::from_utf8_lossy(&read.stdout).contains("Receipt: please return to"));

    let receive = |passphrase: &str, extra: &[&str]| {
        let mut args = vec!["transfer", "receive", package.to_str().unwrap()];
        args.extend(extra);
        Command::new(env!("CARGO_BIN_EXE_cp-tracker-admin"))
            .env("CP_TRACKER_DATA_DIR", there.path())
            .env("CP_TRACKER_LEAD", "Demo Lead One")
            .env("CP_TRACKER_PASSPHRASE", "demo passphrase one")
            .env("CP_TRACKER_TRANSFER_PASSPHRASE", passphrase)
            .args(&args)
            .output()
            .unwrap()
    };
    let wrong = receive("22222 22222 22222 22222 22222", &[]);
    assert_eq!(wrong.status.code(), Some(1), "{}", text(&wrong));
    assert!(text(&wrong).contains("passphrase does not open this package"), "{}", text(&wrong));
    let dry = receive(&passphrase, &["--dry-run"]);
    assert!(dry.status.success() && text(&dry).contains("Nothing was imported"), "{}", text(&dry));
    let got = receive(&passphrase, &[]);
    assert!(got.status.success(), "{}", text(&got));
    assert!(text(&got).contains(&format!("their reference {reference}")), "{}", text(&got));
    assert!(text(&got).contains("Received as case "), "{}", text(&got));
    let again = receive(&passphrase, &[]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again).contains("already received"), "{}", text(&again));
    assert!(admin(there.path(), &["verify"]).status.success());
    assert!(admin(here.path(), &["verify"]).status.success());
}
