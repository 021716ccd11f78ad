//! `transfer send` and `transfer receive`: a child protection file moving on, from the command
//! line exactly as the app does it, as a lead with their passphrase, audited as that lead.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use cp_core::file_transfers::package::Passphrase;
use cp_core::file_transfers::rules::{NewTransfer, Section, SentHow};
use cp_core::send_file::Destinations;
use cp_core::store::Store;
use cp_core::{Error, Result};
use zeroize::Zeroizing;

#[derive(clap::Subcommand)]
pub enum TransferCommand {
    /// Make the encrypted transfer package of a case (or one child in it) for the child's new
    /// setting, and log the transfer with its due date. Prints the one-time passphrase to read
    /// out to the new setting's DSL by phone, unless CP_TRACKER_TRANSFER_PASSPHRASE gives one.
    Send {
        #[arg(long)]
        case: String,
        /// One child's file only: the child's full name as recorded.
        #[arg(long)]
        child: Option<String>,
        /// The new setting's name.
        #[arg(long)]
        setting: String,
        /// The new setting's designated safeguarding lead.
        #[arg(long)]
        dsl: String,
        /// How to reach them.
        #[arg(long)]
        contact: String,
        /// The date the move was confirmed (YYYY-MM-DD): the clock starts here.
        #[arg(long)]
        moved_on: NaiveDate,
        /// Where to write the package (name it .cptransfer).
        #[arg(long)]
        out: PathBuf,
        /// Also write the paper pack (PDF) here.
        #[arg(long)]
        paper: Option<PathBuf>,
        #[command(flatten)]
        who: super::Who,
    },
    /// Open a transfer package with its passphrase (CP_TRACKER_TRANSFER_PASSPHRASE, else asked
    /// for at the terminal), print what it holds, and receive it as a new case. With
    /// --dry-run, only print what it holds.
    Receive {
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        who: super::Who,
    },
}

/// The passphrase agreed with the other setting: the environment, else the terminal.
fn transfer_passphrase() -> Result<Option<Zeroizing<String>>> {
    match std::env::var("CP_TRACKER_TRANSFER_PASSPHRASE") {
        Ok(p) => Ok(Some(Zeroizing::new(p))),
        Err(_) if std::io::stdin().is_terminal() => Ok(Some(Zeroizing::new(
            rpassword::prompt_password("The package's passphrase, as the sender read it out: ")
                .map_err(|_| Error::invalid("The passphrase could not be read from the terminal."))?,
        ))),
        Err(_) => Ok(None),
    }
}

#[allow(clippy::too_many_arguments)] // the command line's own arguments, passed on once
pub async fn send(
    store: &Store,
    lead: i64,
    case: &str,
    child: Option<&str>,
    receiver: [String; 3],
    moved_on: NaiveDate,
    files: (&Path, Option<&Path>, &Path),
    now: DateTime<Utc>,
) -> Result<()> {
    let case_id = cp_core::export::case_id(store, case).await?;
    let child = match child {
        Some(name) => Some(
            cp_core::people::in_case(store, case_id)
                .await?
                .into_iter()
                .find(|p| p.role.is_child() && p.full_name.eq_ignore_ascii_case(name.trim()))
                .map(|p| p.id)
                .ok_or_else(|| Error::invalid(format!("No child called {name:?} is in case {case}.")))?,
        ),
        None => None,
    };
    let [setting, dsl, contact] = receiver;
    let t = NewTransfer {
        child,
        setting,
        dsl,
        contact,
        move_confirmed_on: moved_on,
        sections: <Section as cp_core::domain::label::Label>::ALL.to_vec(),
        sent_how: SentHow::Package,
    };
    let given = match std::env::var("CP_TRACKER_TRANSFER_PASSPHRASE") {
        Ok(p) => Some(Passphrase::parse(&p)?),
        Err(_) => None,
    };
    let (package, paper_pack, data_dir) = files;
    let to = Destinations { package, paper_pack, data_dir };
    let sent = cp_core::send_file::send(store, lead, case_id, &t, &to, given, now).await.map_err(fields_in_words)?;
    println!("Transfer package written to {} ({} records).", package.display(), sent.records);
    if let Some(paper) = paper_pack {
        println!("Paper pack written to {}.", paper.display());
    }
    println!("Due at the new setting by {}. Package check: {}.", sent.due_on.format("%-d %B %Y"), sent.digest);
    println!("Read this passphrase to the new setting's DSL by phone; never send it with the package:");
    println!("{}", sent.passphrase);
    Ok(())
}

pub async fn receive(store: &Store, lead: i64, file: &Path, dry_run: bool, now: DateTime<Utc>) -> Result<()> {
    let bytes =
        std::fs::read(file).map_err(|e| Error::invalid(format!("The package could not be read ({}).", e.kind())))?;
    let typed = transfer_passphrase()?.ok_or_else(|| {
        Error::invalid("Give the package's passphrase at a terminal or in CP_TRACKER_TRANSFER_PASSPHRASE.")
    })?;
    let preview = cp_core::file_transfers::preview(store, lead, &bytes, &typed, now).await.map_err(fields_in_words)?;
    println!(
        "From {}, {} (their reference {}).",
        preview.from_lead, preview.from_organisation, preview.their_reference
    );
    println!("Made for {}, {}; move confirmed {}.", preview.dsl, preview.setting, preview.move_confirmed_on);
    for c in &preview.children {
        let born = c.date_of_birth.map(|d| format!(", born {}", d.format("%-d %B %Y"))).unwrap_or_default();
        match &c.recorded_in {
            Some(r) => println!("  {}{born}: already recorded here in case {r}; will be linked", c.name),
            None => println!("  {}{born}", c.name),
        }
    }
    for (what, n) in &preview.holds {
        println!("  {what}: {n}");
    }
    println!("Package check: {}.", preview.digest);
    if let Some(r) = &preview.received_as {
        return Err(Error::invalid(format!("This package was already received, as case {r}.")));
    }
    if dry_run {
        println!("Nothing was imported (--dry-run).");
        return Ok(());
    }
    let got = cp_core::file_transfers::receive(store, lead, &bytes, &typed, now).await.map_err(fields_in_words)?;
    println!("Received as case {}.", got.reference);
    Ok(())
}

/// A form's field errors as one line for the terminal.
fn fields_in_words(e: Error) -> Error {
    if e.fields.is_empty() {
        return e;
    }
    let words = e.fields.iter().map(|f| f.message.trim_end_matches('.')).collect::<Vec<_>>().join("; ");
    Error::new(e.code, format!("{words}."))
}
