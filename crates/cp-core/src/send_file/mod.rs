//! Sending a case's child protection file (or one child's) to the child's new setting: the
//! case page narrowed to what goes (`contents`), sealed as an encrypted transfer package for a
//! one-time passphrase, printed as the paper pack, both written where the lead chose, and the
//! transfer logged with its clock (`file_transfers`). Above the case page it reads.

mod contents;

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::audit::Actor;
use crate::clock::stamp;
use crate::domain::calendar::uk_today;
use crate::domain::label::Label;
use crate::file_transfers::format::{Manifest, Receiver, Sender};
use crate::file_transfers::package::{self, Passphrase};
use crate::file_transfers::rules::{NewTransfer, check_transfer};
use crate::file_transfers::{SentFile, record_sent_in};
use crate::store::Store;
use crate::{Error, FieldError, Result, write};

/// How a package's file starts (age's header line), to check where it goes before it is made.
pub const PACKAGE_START: &[u8] = b"age-encryption.org/v1";

/// A file sent: the passphrase to read out to the new setting's DSL (shown once, never
/// stored), and the clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Sent {
    #[ts(type = "number")]
    pub transfer_id: i64,
    pub passphrase: String,
    #[ts(type = "string")]
    pub due_on: NaiveDate,
    pub digest: String,
    #[ts(type = "number")]
    pub records: usize,
    /// Where the paper pack was written, if one was.
    pub paper_pack: Option<String>,
}

/// Where the package and the paper pack go.
pub struct Destinations<'a> {
    pub package: &'a Path,
    pub paper_pack: Option<&'a Path>,
    /// Never inside it: nothing of a case is written in clear beside the records.
    pub data_dir: &'a Path,
}

/// Makes the package and the paper pack, writes them, and logs the transfer. The files are
/// written before the log (a package that could not be saved is never logged as sent). The
/// passphrase is made for this package alone and returned once, unless one is given (the admin
/// CLI's, agreed with the receiver beforehand).
pub async fn send(
    store: &Store,
    lead_id: i64,
    case_id: i64,
    t: &NewTransfer,
    to: &Destinations<'_>,
    passphrase: Option<Passphrase>,
    now: DateTime<Utc>,
) -> Result<Sent> {
    let t = check_transfer(t, uk_today(now))?;
    crate::reports::check_destination(to.package, &PACKAGE_START[..crate::reports::KIND_BYTES], to.data_dir)?;
    if let Some(paper) = to.paper_pack {
        crate::reports::check_destination(paper, crate::reports::PDF_START, to.data_dir)?;
    }
    let mut page = crate::case_page::page_data(store, case_id, now).await?;
    // Refused before any file is written (the log's own write would refuse it after).
    if page.summary.status == crate::domain::case::Status::Archived {
        return Err(Error::invalid("This case is archived, so its file cannot be sent from CP Tracker."));
    }
    if let Some(child) = t.child
        && !page.people.iter().any(|p| p.id == child && p.role.is_child())
    {
        return Err(Error::fields(vec![FieldError::new("transferChild", "Choose a child in this case")]));
    }
    contents::narrow(&mut page, t.child, &t.sections);
    let records = contents::records(&page);
    let mut id = [0u8; 16];
    crate::vault::key::fill_random(&mut id)?;
    let manifest = Manifest {
        format: String::new(),
        version: 0,
        id: hex::encode(id),
        made_at: stamp(now),
        from: Sender {
            organisation: crate::leads::organisation_name(store).await?,
            lead: crate::leads::find_lead(store, lead_id).await?.name,
        },
        to: Receiver { setting: t.setting.clone(), dsl: t.dsl.clone(), contact: t.contact.clone() },
        move_confirmed_on: t.move_confirmed_on,
        case_reference: page.summary.reference.clone(),
        children: page.people.iter().filter(|p| p.role.is_child()).map(|p| p.full_name.clone()).collect(),
        sections: t.sections.clone(),
        records: Vec::new(),
    };
    let package_id = manifest.id.clone();
    let passphrase = match passphrase {
        Some(p) => p,
        None => Passphrase::generate()?,
    };
    let sealed = package::seal(manifest, &records, &passphrase)?;
    let due_on = crate::file_transfers::due_for(store, case_id, t.move_confirmed_on).await?;
    if let Some(paper) = to.paper_pack {
        let cover = crate::reports::paper_pack::Cover {
            setting: &t.setting,
            dsl: &t.dsl,
            contact: &t.contact,
            move_confirmed_on: t.move_confirmed_on,
            due_on,
            sections: t.sections.iter().map(|s| s.label()).collect(),
            digest: &sealed.digest,
        };
        let pdf = crate::reports::paper_pack::paper_pack(store, lead_id, &page, &cover, now).await?;
        crate::reports::write_file(paper, &pdf, to.data_dir)?;
    }
    crate::reports::write_file(to.package, &sealed.bytes, to.data_dir)?;
    let sent = SentFile { package_id: &package_id, digest: &sealed.digest, records: sealed.records, due_on };
    let transfer_id =
        write::run(store, Actor::Lead(lead_id), now, async |w| record_sent_in(w, case_id, &t, &sent).await).await?;
    Ok(Sent {
        transfer_id,
        passphrase: passphrase.grouped(),
        due_on,
        digest: sealed.digest,
        records: sealed.records,
        paper_pack: to.paper_pack.map(|p| p.to_string_lossy().into_owned()),
    })
}
