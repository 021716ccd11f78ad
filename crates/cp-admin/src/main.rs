//! cp-tracker-admin: a thin command line over `cp-core` for the person who looks after the
//! laptops (checks, backups, the archive rule) and for demo data. Same data folder rules as the
//! app (`CP_TRACKER_DATA_DIR` or `--data-dir`) and the same keyring entry. Exit codes: 0 done,
//! 1 a problem with the records or the request (one line on stderr), 2 bad usage (from clap).

mod content;
mod demo;
mod import;
mod transfer;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;
use clap::{Parser, Subcommand};
use cp_core::audit::{self, Actor};
use cp_core::installation::{Installation, Opened};
use cp_core::leads::rules::{NewLead, SetupInput};
use cp_core::store::Store;
use cp_core::vault::{OsKeyring, RecoveryKey, VaultFile};
use cp_core::{Error, ErrorCode, Result};

#[derive(Parser)]
#[command(name = "cp-tracker-admin", version, about = "Look after CP Tracker's records on this computer")]
struct Cli {
    /// The data folder (default: CP_TRACKER_DATA_DIR, else the app's own folder).
    #[arg(long, global = true, env = "CP_TRACKER_DATA_DIR")]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The data folder, schema version, cases by status, last backup and the audit chain.
    /// Opens the records: needs --lead and the lead's passphrase.
    Status {
        #[command(flatten)]
        who: Who,
    },
    /// SQLite's integrity check and the audit chain; names the first bad row. Exit 1 if bad.
    /// Opens the records: needs --lead and the lead's passphrase.
    Verify {
        #[command(flatten)]
        who: Who,
    },
    /// Write an encrypted backup (opened only with the recovery key). Copies the records:
    /// needs --lead and the lead's passphrase; audited as that lead.
    Backup {
        /// Where to write it; an existing file is replaced only if it is a CP Tracker backup.
        file: PathBuf,
        #[command(flatten)]
        who: Who,
    },
    /// Restore a backup into an EMPTY data folder (a new laptop), with the recovery key: a
    /// laptop's backup, or one of the organisation's database (then with the organisation's
    /// recovery key; each lead signs in with the passphrase they had there).
    Restore {
        file: PathBuf,
        /// The recovery key, 8 groups of 6 (else CP_TRACKER_RECOVERY_KEY).
        #[arg(long, env = "CP_TRACKER_RECOVERY_KEY", hide_env_values = true)]
        recovery_key: String,
    },
    /// Put the key to the records back into this laptop's password store with the recovery
    /// key, when it is missing or no longer opens them (as the app's recovery screen does).
    Recover {
        /// The recovery key, 8 groups of 6 (else CP_TRACKER_RECOVERY_KEY, else asked for).
        #[arg(long, env = "CP_TRACKER_RECOVERY_KEY", hide_env_values = true)]
        recovery_key: Option<String>,
    },
    /// Archive every case closed 12 months ago or more, as the app does daily. Needs --lead
    /// and the lead's passphrase.
    ArchiveSweep {
        #[command(flatten)]
        who: Who,
    },
    /// Make a printed report (PDF). Reveals case content: needs --lead and the lead's
    /// passphrase (asked for, or CP_TRACKER_PASSPHRASE or --passphrase-file); audited as that lead.
    Report {
        /// closure, front-sheet, level-change, conference, weekly-summary, register, enquiries-log,
        /// transfer-log or annual (the anonymised annual safeguarding report).
        kind: String,
        #[arg(long)]
        case: Option<String>,
        #[arg(long)]
        level_change: Option<i64>,
        #[arg(long)]
        from: Option<chrono::NaiveDate>,
        #[arg(long)]
        to: Option<chrono::NaiveDate>,
        #[arg(long)]
        week: Option<String>,
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        who: Who,
    },
    /// Export one case (--case REF) or all as JSON (format cp-tracker-export, version 1).
    /// Reveals case content: needs --lead and the passphrase; audited as that lead.
    ExportJson {
        #[arg(long)]
        case: Option<String>,
        /// Write here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        who: Who,
    },
    /// Import the "Under 5s known to Social Care" list (CSV). Prints the preview first: rows
    /// that open a case, rows matching a recorded case, rows rejected with the reason. Needs
    /// --lead and the passphrase; audited as that lead with the file's SHA-256.
    ImportUnder5s {
        file: PathBuf,
        /// Print the preview and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Say which column holds a field, like --column date-of-birth="Born on"; repeatable.
        /// Fields: full-name, first-name, surname, date-of-birth, gender, address-line1,
        /// address-line2, town, postcode, social-care-status, local-authority, social-worker.
        #[arg(long = "column", value_name = "FIELD=COLUMN")]
        columns: Vec<String>,
        #[command(flatten)]
        who: Who,
    },
    /// A child protection file moving with a child: send a case's file to the new setting as
    /// an encrypted package, or receive one from another setting as a new case.
    Transfer {
        #[command(subcommand)]
        command: transfer::TransferCommand,
    },
    /// Shared mode: the organisation's records on its own PostgreSQL server.
    Shared {
        #[command(subcommand)]
        command: SharedCommand,
    },
    /// Fill an EMPTY data folder with fictional demo cases, a demo organisation and two demo
    /// leads (their passphrases and the recovery key are printed: demo only).
    DemoData {
        #[command(flatten)]
        shape: DemoShape,
    },
}

/// How much demo data, and which (the same seed makes the same families).
#[derive(clap::Args)]
struct DemoShape {
    #[arg(long, default_value_t = 40)]
    cases: usize,
    /// How many cases stay live (default: most); the rest are closed, and archived when
    /// closed a year ago. For benchmarks: --cases 10000 --live 1000 --entries-per-case 20.
    #[arg(long)]
    live: Option<usize>,
    /// Average chronology entries per case.
    #[arg(long, default_value_t = 5)]
    entries_per_case: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

impl DemoShape {
    fn checked(&self) -> Result<demo::Shape> {
        if self.live.is_some_and(|n| n > self.cases) {
            return Err(Error::invalid("--live cannot be more than --cases."));
        }
        Ok(demo::Shape { cases: self.cases, live: self.live, entries_per_case: self.entries_per_case })
    }
}

/// The demo organisation and its leads, the same in both modes.
const DEMO_LEADS: [(&str, &str); 2] =
    [("Demo Lead One", "demo passphrase one"), ("Demo Lead Two", "demo passphrase two")];

fn demo_setup() -> SetupInput {
    SetupInput {
        organisation: "DEMO Fictional Children's Centre".into(),
        leads: DEMO_LEADS
            .iter()
            .map(|(name, pass)| NewLead { name: (*name).into(), role: "Demo lead".into(), passphrase: (*pass).into() })
            .collect(),
    }
}

#[derive(Subcommand)]
enum SharedCommand {
    /// Prepare an EMPTY PostgreSQL database for an organisation's records: the schema, the
    /// laptops' group role with least-privilege grants, and CONNECT taken from PUBLIC. Always
    /// over TLS with the server's certificate and name verified; refuses a database with tables.
    Init {
        /// postgres://ROLE:PASSWORD@HOST:PORT/DATABASE, the role owning the database and
        /// allowed to create roles (else CP_TRACKER_DATABASE_URL).
        #[arg(long, env = "CP_TRACKER_DATABASE_URL", hide_env_values = true)]
        database_url: String,
        /// The organisation's CA certificate (PEM) that signed the server's certificate.
        /// Without it, only the system's trusted roots are.
        #[arg(long)]
        ca_cert: Option<PathBuf>,
        /// Fill the new database with DEMO data: the demo organisation, leads and fictional
        /// families `demo-data` makes, for trying shared mode out and for benchmarks.
        #[arg(long, conflicts_with_all = ["organisation", "lead"])]
        demo: bool,
        /// The organisation's name (not with --demo). Without it and --lead, the database is
        /// left empty for `shared import-local`.
        #[arg(long, requires = "lead")]
        organisation: Option<String>,
        /// The first lead's name; their passphrase from --passphrase-file, else
        /// CP_TRACKER_PASSPHRASE, else asked for. They add the other leads in the app.
        #[arg(long, requires = "organisation")]
        lead: Option<String>,
        /// The first lead's role.
        #[arg(long, default_value = "Designated safeguarding lead")]
        role: String,
        #[arg(long)]
        passphrase_file: Option<PathBuf>,
        #[command(flatten)]
        shape: DemoShape,
    },
    /// Enrol a laptop: its own role on the server, and a one-time code (printed on the last
    /// line) that the laptop's set-up screen, or `shared join`, takes. Audited.
    AddDevice {
        #[command(flatten)]
        server: Server,
        /// What the laptop is called, like "Joanna's laptop" (unique; kept on the server).
        #[arg(long)]
        name: String,
    },
    /// Join this laptop's data folder (--data-dir, which must be empty) to the organisation's
    /// database with the code `add-device` printed, exactly as the app's set-up screen does.
    /// Every other command then works on the shared records.
    Join {
        /// The enrolment code, like 7-K3QF-9XMB-2WPR-HT6C-N4DZ.
        code: String,
        /// postgres://HOST:PORT/DATABASE (no role or password: the code brings them).
        #[arg(long)]
        database_url: String,
        #[arg(long)]
        ca_cert: Option<PathBuf>,
    },
    /// Withdraw a laptop: it can no longer connect, and any connection it has open loses every
    /// privilege at once. Audited.
    RevokeDevice {
        #[command(flatten)]
        server: Server,
        /// The laptop's name, as `add-device` was given it.
        #[arg(long)]
        name: String,
    },
    /// Move this laptop's records (--data-dir) into the organisation's new database, just
    /// prepared by `shared init` without --lead or --demo: every row as it was, the audit trail
    /// checked whole on the server. Each active lead's passphrase is needed (--lead's as for any
    /// command, the others' asked for in turn, or one per line on standard input), so each signs
    /// in on every laptop as before. The laptop's own records are left as they were.
    ImportLocal {
        #[command(flatten)]
        server: Server,
        #[command(flatten)]
        who: Who,
    },
    /// Restore a backup into the organisation's new database, just prepared by `shared init`
    /// without --lead or --demo: a backup of the database (with the organisation's recovery key
    /// it was made under), or a laptop's (with that laptop's recovery key, and each active
    /// lead's passphrase, asked for in turn or one per line on standard input). The audit
    /// trail is checked whole on the server. Enrol the laptops again afterwards.
    Restore {
        #[command(flatten)]
        server: Server,
        file: PathBuf,
        /// The recovery key the backup was made under (else CP_TRACKER_RECOVERY_KEY).
        #[arg(long, env = "CP_TRACKER_RECOVERY_KEY", hide_env_values = true)]
        recovery_key: String,
    },
    /// List the laptops enrolled, withdrawn ones too.
    Devices {
        #[command(flatten)]
        server: Server,
    },
    /// Bring the organisation's database up to this version of CP Tracker, after installing it
    /// (laptops cannot change the schema themselves). A newer schema is refused.
    Upgrade {
        /// postgres://ROLE:PASSWORD@HOST:PORT/DATABASE, the role owning the database (else
        /// CP_TRACKER_DATABASE_URL).
        #[arg(long, env = "CP_TRACKER_DATABASE_URL", hide_env_values = true)]
        database_url: String,
        /// The organisation's CA certificate (PEM) that signed the server's certificate.
        #[arg(long)]
        ca_cert: Option<PathBuf>,
    },
}

/// The organisation's server as whoever runs it reaches it.
#[derive(clap::Args)]
struct Server {
    /// postgres://ROLE:PASSWORD@HOST:PORT/DATABASE, the role that ran `shared init` (else
    /// CP_TRACKER_DATABASE_URL).
    #[arg(long, env = "CP_TRACKER_DATABASE_URL", hide_env_values = true)]
    database_url: String,
    /// The organisation's CA certificate (PEM) that signed the server's certificate.
    #[arg(long)]
    ca_cert: Option<PathBuf>,
}

/// The organisation's server, from its URL and the CA certificate's file.
fn server_address(database_url: &str, ca_cert: Option<PathBuf>) -> Result<cp_core::shared::ServerAddress> {
    cp_core::shared::ServerAddress::from_url(database_url, read_ca(ca_cert)?)
}

/// The server's records as whoever runs the database sees them (no laptop, no anchor).
async fn server_store(server: Server, opened: &mut Vec<Store>) -> Result<Store> {
    let address = server_address(&server.database_url, server.ca_cert)?;
    let store = Store::open_shared(cp_core::shared::connect(&address, 2).await?, None).await?;
    opened.push(store.clone());
    Ok(store)
}

fn read_ca(ca_cert: Option<PathBuf>) -> Result<Option<Vec<u8>>> {
    Ok(match ca_cert {
        Some(path) => Some(std::fs::read(&path).map_err(|e| {
            Error::invalid(format!("The CA certificate {} could not be read ({}).", path.display(), e.kind()))
        })?),
        None => None,
    })
}

/// The lead a subcommand that opens the records acts as.
#[derive(clap::Args)]
pub struct Who {
    /// The lead's name, as in the app (else CP_TRACKER_LEAD).
    #[arg(long, env = "CP_TRACKER_LEAD")]
    lead: String,
    /// A file holding the lead's passphrase (else CP_TRACKER_PASSPHRASE, else asked for at
    /// the terminal).
    #[arg(long)]
    passphrase_file: Option<PathBuf>,
}

fn data_dir(cli: &Cli) -> Result<PathBuf> {
    match &cli.data_dir {
        Some(d) => Ok(d.clone()),
        None => cp_core::paths::data_dir(),
    }
}

/// Opens the records for the lead named in `who`, with their passphrase, as the app's sign-in
/// does (counted and delayed alike); the store is also kept in `opened`, so `main` closes every
/// connection before the process exits (a SQLCipher connection still closing on its worker
/// thread while the process's exit handlers run can crash the process after the work is done).
async fn open(
    dir: &PathBuf,
    who: &Who,
    opened: &mut Vec<Store>,
    now: chrono::DateTime<Utc>,
) -> Result<(Store, VaultFile, i64)> {
    let install = Installation::new(dir);
    match install.open(&OsKeyring).await? {
        Opened::Ready(vault) => {
            let id = content::lead_id(&install, &vault, &who.lead)?;
            let passphrase = content::passphrase(&who.lead, who.passphrase_file.as_deref())?;
            let unlocked = install.sign_in(&vault, &OsKeyring, id, &passphrase, now).await?;
            opened.push(unlocked.store.clone());
            Ok((unlocked.store, unlocked.vault, id))
        }
        Opened::NotSetUp => {
            Err(Error::new(ErrorCode::NotSetUp, format!("No CP Tracker records in {}.", dir.display())))
        }
        Opened::NeedsRecovery(_) => Err(Error::new(
            ErrorCode::KeyMissing,
            "This computer's password store has no key that opens these records: recover them with the recovery key, \
             in the app or with `cp-tracker-admin recover`.",
        )),
    }
}

/// Refuses a data folder that already holds records (closing them again if they opened).
async fn ensure_empty(install: &Installation, refusal: &str) -> Result<()> {
    match install.open(&OsKeyring).await? {
        Opened::NotSetUp => Ok(()),
        Opened::Ready(_) | Opened::NeedsRecovery(_) => Err(Error::new(ErrorCode::AlreadySetUp, refusal)),
    }
}

async fn run(cli: Cli, opened: &mut Vec<Store>) -> Result<()> {
    let dir = data_dir(&cli)?;
    // Faults go to the data folder's log, as the app's do; a folder not made yet stays unmade.
    if dir.is_dir() {
        let _ = cp_core::log::init(&dir);
    }
    let now = Utc::now();
    match cli.command {
        Command::Status { who } => {
            let (store, _, _) = open(&dir, &who, opened, now).await?;
            let s = cp_core::maintenance::status(&store).await?;
            println!("Data folder: {}", dir.display());
            println!("Organisation: {}", cp_core::leads::organisation_name(&store).await?);
            println!("Schema version: {}", s.schema_version);
            println!("Cases live: {}", s.live);
            println!("Cases closed: {}", s.closed);
            println!("Cases archived: {}", s.archived);
            println!("Last backup: {}", s.last_backup.as_deref().unwrap_or("never"));
            let chain = audit::verify(&store).await?;
            match chain.first_bad_row {
                None => println!("Audit chain: intact ({} rows)", chain.rows),
                Some(row) => println!("Audit chain: BROKEN at row {row}"),
            }
            if !chain.altered_records.is_empty() {
                println!("Records changed after they were saved: {}", chain.altered_records.join(", "));
            }
            if let Some(first) = chain.first_forged_row {
                println!(
                    "Audit chain: {} rows NOT SIGNED by the lead they name (row {first} first)",
                    chain.forged_rows
                );
            }
            if chain.missing_rows > 0 {
                println!("Audit chain: {} rows MISSING from its end (this laptop saved more)", chain.missing_rows);
            }
            if !chain.missing_guards.is_empty() {
                println!("Append-only guards: MISSING {}", chain.missing_guards.join(", "));
            }
            Ok(())
        }
        Command::Verify { who } => {
            let (store, _, _) = open(&dir, &who, opened, now).await?;
            let check = cp_core::maintenance::integrity_check(&store).await?;
            if let Some(problems) = check.as_deref().filter(|c| *c != "ok") {
                return Err(Error::new(
                    ErrorCode::DatabaseUnreadable,
                    format!("The database failed its integrity check: {problems}"),
                ));
            }
            let report = audit::ensure_intact(&store).await?;
            let database = if check.is_some() { "ok" } else { "on your organisation's server" };
            println!("Database: {database}. Audit chain: intact ({} rows).", report.rows);
            Ok(())
        }
        Command::Backup { file, who } => {
            let (store, vault, lead) = open(&dir, &who, opened, now).await?;
            let done = cp_core::backup::backup(&store, &vault, &file, Actor::Lead(lead), now).await?;
            println!("Backup written to {} ({} bytes).", done.path, done.bytes);
            Ok(())
        }
        Command::Restore { file, recovery_key } => {
            let key = RecoveryKey::parse(&recovery_key)?;
            let install = Installation::new(&dir);
            ensure_empty(&install, "Restore goes only into an empty data folder; this one has records.").await?;
            let store = cp_core::backup::restore(&file, &key, &install, &OsKeyring, now).await?;
            opened.push(store.clone());
            let s = cp_core::maintenance::status(&store).await?;
            println!(
                "Restored into {}: {} live, {} closed, {} archived cases.",
                dir.display(),
                s.live,
                s.closed,
                s.archived
            );
            Ok(())
        }
        Command::Recover { recovery_key } => {
            let typed = match recovery_key {
                Some(k) => k,
                None => rpassword::prompt_password("Recovery key: ").map_err(|_| {
                    Error::invalid(
                        "Give the recovery key at a terminal, in CP_TRACKER_RECOVERY_KEY or with --recovery-key.",
                    )
                })?,
            };
            let key = RecoveryKey::parse(&typed)?;
            let install = Installation::new(&dir);
            match install.open(&OsKeyring).await? {
                Opened::NeedsRecovery(vault) => {
                    let store = install.recover(&vault, &key, &OsKeyring, now).await?;
                    opened.push(store);
                    println!(
                        "Recovered: this laptop's password store has the key to the records again. Each lead signs in \
                         with their own passphrase."
                    );
                    Ok(())
                }
                Opened::Ready(_) => {
                    println!("Nothing to recover: this laptop's password store holds the key to the records.");
                    Ok(())
                }
                Opened::NotSetUp => {
                    Err(Error::new(ErrorCode::NotSetUp, format!("No CP Tracker records in {}.", dir.display())))
                }
            }
        }
        Command::ArchiveSweep { who } => {
            let (store, _, _) = open(&dir, &who, opened, now).await?;
            let archived = cp_core::cases::archive_sweep(&store, now).await?;
            println!("Archived {} case(s){}", archived.len(), if archived.is_empty() { "." } else { ":" });
            for r in archived {
                println!("  {r}");
            }
            Ok(())
        }
        Command::Report { kind, case, level_change, from, to, week, out, who } => {
            let (store, _, lead) = open(&dir, &who, opened, now).await?;
            let case_id = match case {
                Some(r) => Some(cp_core::export::case_id(&store, &r).await?),
                None => None,
            };
            let request = content::request(&kind, case_id, level_change, from, to, week)?;
            content::report(&store, lead, &request, &out, &dir, now).await?;
            println!("Report written to {}.", out.display());
            Ok(())
        }
        Command::ExportJson { case, out, who } => {
            let (store, _, lead) = open(&dir, &who, opened, now).await?;
            if let Some(path) = &out {
                cp_core::reports::check_destination(path, cp_core::export::JSON_START, &dir)?;
            }
            let only = match case {
                Some(r) => Some(cp_core::export::case_id(&store, &r).await?),
                None => None,
            };
            let export = cp_core::export::export(&store, lead, only, now).await?;
            let json = serde_json::to_string_pretty(&export)
                .map_err(|_| Error::internal("The export could not be written."))?;
            match out {
                Some(path) => cp_core::reports::write_file(&path, json.as_bytes(), &dir)?,
                None => println!("{json}"),
            }
            Ok(())
        }
        Command::Transfer {
            command: transfer::TransferCommand::Send { case, child, setting, dsl, contact, moved_on, out, paper, who },
        } => {
            let (store, _, lead) = open(&dir, &who, opened, now).await?;
            let files = (out.as_path(), paper.as_deref(), dir.as_path());
            transfer::send(&store, lead, &case, child.as_deref(), [setting, dsl, contact], moved_on, files, now).await
        }
        Command::Transfer { command: transfer::TransferCommand::Receive { file, dry_run, who } } => {
            let (store, _, lead) = open(&dir, &who, opened, now).await?;
            transfer::receive(&store, lead, &file, dry_run, now).await
        }
        Command::ImportUnder5s { file, dry_run, columns, who } => {
            let (store, _, lead) = open(&dir, &who, opened, now).await?;
            import::run(&store, lead, &file, &columns, dry_run, now).await
        }
        Command::Shared { command: SharedCommand::AddDevice { server, name } } => {
            let store = server_store(server, opened).await?;
            let (device, code) = cp_core::shared::devices::add(&store, &name, now).await?;
            println!(
                "Enrolled \"{}\" (role {}). Give this one-time code to whoever sets the laptop up, by phone or in \
                 person, never by email:",
                device.name, device.role_name
            );
            println!("{}", code.grouped());
            Ok(())
        }
        Command::Shared { command: SharedCommand::Join { code, database_url, ca_cert } } => {
            let input = cp_core::installation::JoinInput::from_url(&database_url, &code, read_ca(ca_cert)?)?;
            let install = Installation::new(&dir);
            let vault = install.join(&input, &OsKeyring, now).await?;
            let leads = install.directory(&vault, &OsKeyring)?.leads.len();
            println!(
                "Joined {} to {}: {leads} lead(s) can sign in on this laptop with their own passphrase.",
                dir.display(),
                input.database
            );
            Ok(())
        }
        Command::Shared { command: SharedCommand::ImportLocal { server, who } } => {
            let (from, vault, lead) = open(&dir, &who, opened, now).await?;
            let install = Installation::new(&dir);
            let passphrase = content::passphrase(&who.lead, who.passphrase_file.as_deref())?;
            let others: Vec<_> = cp_core::installation::sign_in_list(&vault, &install.directory(&vault, &OsKeyring)?)
                .into_iter()
                .filter(|l| l.id != lead)
                .collect();
            let mut leads = Vec::new();
            for (id, typed) in std::iter::once((lead, passphrase)).chain(content::other_passphrases(&others)?) {
                let seed = install.lead_seed(&from, &vault, &OsKeyring, id, &typed, now).await?;
                leads.push((id, typed, seed));
            }
            let to = server_store(server, opened).await?;
            let done = cp_core::shared::import_local::import_local(&from, &to, &leads, now).await?;
            println!(
                "Moved {} rows in {} tables into the organisation's database; its audit trail is intact ({} rows and \
                 the import's own). This laptop's records are left as they were. Enrol each laptop with \
                 `shared add-device`.",
                done.rows, done.tables, done.audit_rows
            );
            Ok(())
        }
        Command::Shared { command: SharedCommand::Restore { server, file, recovery_key } } => {
            let key = RecoveryKey::parse(&recovery_key)?;
            let backup = cp_core::backup::into_server::OpenedBackup::open(&file, &key).await?;
            let passphrases = content::other_passphrases(&backup.leads_to_ask().await?)?;
            let to = server_store(server, opened).await?;
            let done = backup.into_server(&to, &passphrases, now).await?;
            println!(
                "Restored {} rows in {} tables into the organisation's database; its audit trail is intact ({} rows \
                 and the restore's own). Enrol each laptop with `shared add-device`.",
                done.rows, done.tables, done.audit_rows
            );
            Ok(())
        }
        Command::Shared { command: SharedCommand::RevokeDevice { server, name } } => {
            let store = server_store(server, opened).await?;
            let device = cp_core::shared::devices::revoke(&store, &name, now).await?;
            println!("Withdrew \"{}\": it can no longer reach the records.", device.name);
            Ok(())
        }
        Command::Shared { command: SharedCommand::Devices { server } } => {
            let store = server_store(server, opened).await?;
            for d in cp_core::shared::devices::list(&store).await? {
                let state = match &d.revoked_at {
                    Some(when) => format!("withdrawn {when}"),
                    None => "enrolled".to_owned(),
                };
                println!("{}\t{}\tadded {}\t{state}", d.name, d.role_name, d.added_at);
            }
            Ok(())
        }
        Command::Shared { command: SharedCommand::Upgrade { database_url, ca_cert } } => {
            let address = server_address(&database_url, ca_cert)?;
            let version = cp_core::shared::init::upgrade(&address).await?;
            println!("{} is up to date for this version of CP Tracker: schema version {version}.", address.database);
            Ok(())
        }
        Command::Shared {
            command:
                SharedCommand::Init { database_url, ca_cert, demo, organisation, lead, role, passphrase_file, shape },
        } => {
            let address = server_address(&database_url, ca_cert)?;
            let demo_shape = if demo { Some(shape.checked()?) } else { None };
            // Everything asked for and checked before the database is touched.
            let first = match (organisation, lead) {
                (Some(organisation), Some(name)) => {
                    let passphrase = content::passphrase(&name, passphrase_file.as_deref())?;
                    let input = SetupInput {
                        organisation,
                        leads: vec![NewLead { name, role, passphrase: passphrase.to_string() }],
                    };
                    cp_core::leads::rules::validate_setup(&input)?;
                    Some(input)
                }
                _ => None,
            };
            let done = cp_core::shared::init::prepare(&address).await?;
            println!(
                "Prepared {} for CP Tracker's records: schema version {}. Each laptop's own role will join {}; no \
                 other role can connect.",
                done.database, done.schema_version, done.laptop_group
            );
            let pool = cp_core::shared::connect(&address, 2).await?;
            let store = cp_core::store::Store::open_shared(pool, None).await?;
            opened.push(store.clone());
            let recovery = cp_core::shared::recovery::make(&store).await?;
            match first {
                Some(first) => {
                    cp_core::shared::organisation::set_up(&store, &first, now).await?;
                    println!(
                        "{} is the first lead of {}. Enrol each laptop with `shared add-device`.",
                        first.leads[0].name, first.organisation
                    );
                }
                None if demo_shape.is_none() => println!(
                    "It holds no records yet: move a laptop's in with `shared import-local`, or prepare a new database \
                     with --organisation and --lead."
                ),
                None => {}
            }
            if let Some(demo_shape) = demo_shape {
                cp_core::shared::organisation::set_up(&store, &demo_setup(), now).await?;
                let made = demo::fill(&store, &demo_shape, shape.seed, now).await?;
                println!("DEMO DATA ONLY: fictional families, not for real records.");
                println!("Cases: {}; people: {}; chronology entries: {}.", shape.cases, made.people, made.entries);
            }
            let kind = if demo { "Demo recovery key" } else { "Recovery key" };
            println!(
                "{kind} for the organisation's laptops (shown this once: print it and lock it away; it lets a laptop \
                 whose password store was lost reach the records again):"
            );
            println!("{}", recovery.grouped().as_str());
            Ok(())
        }
        Command::DemoData { shape } => {
            let demo_shape = shape.checked()?;
            let install = Installation::new(&dir);
            ensure_empty(&install, "Demo data goes only into an empty data folder; this one has records.").await?;
            let recovery = RecoveryKey::generate()?;
            let store = install.set_up(&demo_setup(), &recovery, &OsKeyring, now).await?;
            opened.push(store.clone());
            let made = demo::fill(&store, &demo_shape, shape.seed, now).await?;
            // Every screen of this folder says DEMO DATA (the app reads this file).
            let marker = "Fictional demo data made by cp-tracker-admin demo-data: not for real records.\n";
            std::fs::write(dir.join(cp_core::paths::DEMO_MARKER), marker).map_err(|e| {
                cp_core::Error::new(
                    cp_core::ErrorCode::DataFolder,
                    format!("The demo data was made, but its DEMO DATA marker could not be written ({}).", e.kind()),
                )
            })?;
            println!("DEMO DATA ONLY: fictional families, not for real records.");
            println!("Data folder: {}", dir.display());
            println!("Cases: {}; people: {}; chronology entries: {}.", shape.cases, made.people, made.entries);
            for (name, pass) in DEMO_LEADS {
                println!("Demo lead: {name}, passphrase: {pass}");
            }
            println!("Demo recovery key: {}", recovery.grouped().as_str());
            Ok(())
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    // Before any record is opened: a crash must not leave the key and a case in a core file.
    if let Err(err) = cp_core::process::forbid_core_dumps() {
        eprintln!("cp-tracker-admin: core dumps could not be turned off ({err}); stopping.");
        return ExitCode::from(1);
    }
    let cli = Cli::parse();
    let mut opened = Vec::new();
    let result = run(cli, &mut opened).await;
    for store in opened {
        store.close().await;
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cp-tracker-admin: {}", e.message);
            ExitCode::from(1)
        }
    }
}
