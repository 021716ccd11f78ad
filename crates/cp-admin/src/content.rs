//! Subcommands that reveal case content: a lead's passphrase first (typed at the terminal's
//! prompt, or from `CP_TRACKER_PASSPHRASE` or `--passphrase-file` for scripts), checked as at
//! sign-in (with its delay), and the work audited as that lead.

use std::io::IsTerminal;
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use cp_core::installation::Installation;
use cp_core::reports::{self, ReportRequest};
use cp_core::store::Store;
use cp_core::vault::{OsKeyring, VaultFile};
use cp_core::{Error, ErrorCode, Result};
use zeroize::Zeroizing;

/// The passphrase from a file, the environment, or the terminal (never echoed).
pub fn passphrase(lead: &str, passphrase_file: Option<&Path>) -> Result<Zeroizing<String>> {
    Ok(Zeroizing::new(match passphrase_file {
        Some(path) => std::fs::read_to_string(path)
            .map(|s| s.trim_end_matches(['\n', '\r']).to_owned())
            .map_err(|e| Error::invalid(format!("The passphrase file could not be read ({}).", e.kind())))?,
        None => match std::env::var("CP_TRACKER_PASSPHRASE") {
            Ok(p) => p,
            Err(_) if std::io::stdin().is_terminal() => {
                rpassword::prompt_password(format!("Passphrase for {}: ", lead.trim()))
                    .map_err(|_| Error::invalid("The passphrase could not be read from the terminal."))?
            }
            Err(_) => {
                return Err(Error::invalid(
                    "Give the lead's passphrase at a terminal, in CP_TRACKER_PASSPHRASE or with --passphrase-file.",
                ));
            }
        },
    }))
}

/// Every other active lead's passphrase, asked at the terminal by name, else read one per line
/// from standard input in the order the leads are listed (by name).
pub fn other_passphrases(others: &[cp_core::leads::Lead]) -> Result<Vec<(i64, Zeroizing<String>)>> {
    let mut out = Vec::with_capacity(others.len());
    let mut lines = std::io::stdin().lines();
    for lead in others {
        let typed = if std::io::stdin().is_terminal() {
            rpassword::prompt_password(format!("Passphrase for {}: ", lead.name))
                .map_err(|_| Error::invalid("The passphrase could not be read from the terminal."))?
        } else {
            match lines.next() {
                Some(Ok(line)) => line.trim_end_matches(['\n', '\r']).to_owned(),
                _ => {
                    return Err(Error::invalid(format!(
                        "Give {}'s passphrase at a terminal, or on its own line of standard input.",
                        lead.name
                    )));
                }
            }
        };
        out.push((lead.id, Zeroizing::new(typed)));
    }
    Ok(out)
}

/// The lead named `lead` among those who can sign in on this laptop (from `vault.json`).
pub fn lead_id(install: &Installation, vault: &VaultFile, lead: &str) -> Result<i64> {
    let directory = install.directory(vault, &OsKeyring)?;
    cp_core::installation::sign_in_list(vault, &directory)
        .into_iter()
        .find(|l| l.name.eq_ignore_ascii_case(lead.trim()))
        .map(|l| l.id)
        .ok_or_else(|| Error::new(ErrorCode::SignInRefused, "No active lead has that name."))
}

pub fn request(
    kind: &str,
    case_id: Option<i64>,
    level_change: Option<i64>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    week: Option<String>,
) -> Result<ReportRequest> {
    let need_case = || case_id.ok_or_else(|| Error::invalid(format!("The {kind} report needs --case REF.")));
    let need_period = || match (from, to) {
        (Some(f), Some(t)) => Ok((f, t)),
        _ => Err(Error::invalid(format!("The {kind} report needs --from and --to (YYYY-MM-DD)."))),
    };
    Ok(match kind {
        "closure" => ReportRequest::Closure { case_id: need_case()? },
        "front-sheet" => ReportRequest::FrontSheet { case_id: need_case()? },
        "level-change" => ReportRequest::LevelChange {
            case_id: need_case()?,
            level_change_id: level_change
                .ok_or_else(|| Error::invalid("The level-change report needs --level-change ID."))?,
        },
        "conference" => {
            let (from, to) = need_period()?;
            ReportRequest::Conference { case_id: need_case()?, from, to, kinds: vec![], files: vec![] }
        }
        "weekly-summary" => ReportRequest::WeeklySummary {
            week: week.ok_or_else(|| Error::invalid("The weekly-summary report needs --week (like 2026-W48)."))?,
        },
        "register" => ReportRequest::Register,
        "enquiries-log" => {
            let (from, to) = need_period()?;
            ReportRequest::EnquiriesLog { from, to }
        }
        "transfer-log" => {
            let (from, to) = need_period()?;
            ReportRequest::TransferLog { from, to }
        }
        "annual" => {
            let (from, to) = need_period()?;
            ReportRequest::Annual { from, to }
        }
        other => {
            return Err(Error::invalid(format!(
                "There is no report called {other:?}: closure, front-sheet, level-change, conference, weekly-summary, register, enquiries-log, transfer-log, annual."
            )));
        }
    })
}

/// Writes the report to `out`, which may not be in the data folder `data_dir`.
pub async fn report(
    store: &Store,
    lead_id: i64,
    request: &ReportRequest,
    out: &Path,
    data_dir: &Path,
    now: DateTime<Utc>,
) -> Result<()> {
    reports::check_destination(out, reports::PDF_START, data_dir)?;
    let bytes = reports::generate(store, lead_id, request, now).await?;
    reports::write_file(out, &bytes, data_dir)
}
