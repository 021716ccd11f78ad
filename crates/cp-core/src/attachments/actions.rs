//! Attaching, withdrawing and opening files through the one write path.

use std::io::Read;
use std::path::Path;

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::rules::{
    self, DEFAULT_LIMIT_MB, MOST_LIMIT_MB, NewAttachment, check_attachment, check_size, check_withdrawal,
};
use super::{AttachTo, Attachment, sql};
use crate::audit::{Action, Actor};
use crate::domain::calendar::uk_today;
use crate::store::Store;
use crate::store::db::Conn;
use crate::write::{self, ChangeKind, Write};
use crate::{Error, ErrorCode, FieldError, Result};

/// The setting that holds the largest file a lead may attach, in MB.
pub const LIMIT_SETTING: &str = "attachment_limit_mb";

fn not_found() -> Error {
    Error::new(ErrorCode::NotFound, "That attached file is not in the records.")
}

async fn limit_in(conn: &mut Conn<'_>) -> Result<u32> {
    let set = crate::settings::get_in(conn, LIMIT_SETTING).await?.and_then(|v| v.parse::<u32>().ok());
    Ok(set.filter(|mb| (1..=MOST_LIMIT_MB).contains(mb)).unwrap_or(DEFAULT_LIMIT_MB))
}

/// The largest file a lead may attach, in MB (50 unless Settings say otherwise).
pub async fn limit_mb(store: &Store) -> Result<u32> {
    limit_in(&mut store.db()).await
}

pub async fn set_limit_mb(store: &Store, lead_id: i64, mb: u32, now: DateTime<Utc>) -> Result<u32> {
    if !(1..=MOST_LIMIT_MB).contains(&mb) {
        return Err(Error::fields(vec![FieldError::new(
            "attachLimit",
            format!("Enter a number of MB from 1 to {MOST_LIMIT_MB}"),
        )]));
    }
    crate::settings::set(store, lead_id, LIMIT_SETTING, &mb.to_string(), now).await?;
    Ok(mb)
}

/// Where `to` hangs, checked: a case open to changes (not archived), an enquiry, or an
/// allegation not about this lead. The children must be the case's.
async fn owner_of(w: &mut Write, to: AttachTo, children: &[i64]) -> Result<sql::Owner> {
    let lead = w.lead()?;
    let mut owner = sql::Owner::default();
    match to {
        AttachTo::Case { case_id } => owner.case_id = Some(case_id),
        AttachTo::Entry { entry_id } => {
            owner.case_id = Some(sql::case_of_entry(&mut w.sql(), entry_id).await?.ok_or_else(not_found)?);
            owner.entry_id = Some(entry_id);
        }
        AttachTo::Concern { concern_id } => {
            owner.case_id = Some(sql::case_of_concern(&mut w.sql(), concern_id).await?.ok_or_else(not_found)?);
            owner.concern_id = Some(concern_id);
        }
        AttachTo::Enquiry { enquiry_id } => {
            if !sql::enquiry_exists(&mut w.sql(), enquiry_id).await? {
                return Err(Error::new(ErrorCode::NotFound, "That enquiry does not exist."));
            }
            owner.enquiry_id = Some(enquiry_id);
        }
        AttachTo::Allegation { allegation_id } => match sql::allegation_about(&mut w.sql(), allegation_id).await? {
            Some(about) if about != Some(lead) => owner.allegation_id = Some(allegation_id),
            _ => return Err(Error::new(ErrorCode::NotFound, "That allegation does not exist.")),
        },
    }
    match owner.case_id {
        Some(case_id) => {
            w.case(case_id).await?;
            let of_case = crate::people::sql::children_of(&mut w.sql(), case_id).await?;
            if children.iter().any(|c| !of_case.contains(c)) {
                return Err(Error::fields(vec![FieldError::new("attachChildren", "Choose children of this case")]));
            }
        }
        None if !children.is_empty() => {
            return Err(Error::fields(vec![FieldError::new(
                "attachChildren",
                "Only a case's file concerns its children",
            )]));
        }
        None => {}
    }
    Ok(owner)
}

/// Attaches `bytes`, a file named `file_name`, to `to`. The same bytes attached again are kept
/// once.
pub async fn attach(
    store: &Store,
    lead_id: i64,
    to: AttachTo,
    file_name: &str,
    bytes: &[u8],
    meta: &NewAttachment,
    now: DateTime<Utc>,
) -> Result<i64> {
    let name = rules::file_name(file_name)?;
    let kind = rules::kind_of(&name, &bytes[..bytes.len().min(16)])?;
    let meta = check_attachment(meta, uk_today(now))?;
    let sha256 = hex::encode(Sha256::digest(bytes));
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        check_size(bytes.len() as u64, limit_in(&mut w.sql()).await?)?;
        let owner = owner_of(w, to, &meta.children).await?;
        sql::put_blob(&mut w.sql(), &sha256, bytes).await?;
        let at = w.at().to_owned();
        let row = sql::Row { owner, sha256: &sha256, file_name: &name, kind, meta: &meta, lead: lead_id, at: &at };
        let id = sql::insert(&mut w.sql(), &row).await?;
        if let Some(case_id) = owner.case_id {
            w.changed(case_id, ChangeKind::AttachmentAdded, &format!("File attached: {}", meta.title)).await?;
        }
        w.audit(Action::AttachmentAdded, "attachment", id).await?;
        Ok(id)
    })
    .await
}

/// Attaches the file at `path` (chosen in the file picker, or dropped on the window). A file
/// over the limit is refused before it is read. `progress` hears how many of its bytes are
/// read, a megabyte at a time, so a large file shows a bar moving.
pub async fn attach_path(
    store: &Store,
    lead_id: i64,
    to: AttachTo,
    path: &Path,
    meta: &NewAttachment,
    now: DateTime<Utc>,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<i64> {
    let unreadable = |e: std::io::Error| {
        Error::caused(ErrorCode::Invalid, "That file could not be read: check it is still there and try again.", &e)
    };
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    let limit = limit_mb(store).await?;
    check_size(size, limit)?;
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    let mut chunk = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut chunk).map_err(unreadable)?;
        if n == 0 {
            break;
        }
        bytes.extend_from_slice(&chunk[..n]);
        // A file that grew while being read is held to the limit as well.
        check_size(bytes.len() as u64, limit)?;
        progress(bytes.len() as u64, size.max(bytes.len() as u64));
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    attach(store, lead_id, to, &name, &bytes, meta, now).await
}

/// Withdraws an attachment with the reason: it stays in the history, marked withdrawn.
pub async fn withdraw(store: &Store, lead_id: i64, id: i64, reason: &str, now: DateTime<Utc>) -> Result<()> {
    let reason = check_withdrawal(reason)?;
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let a = sql::one(&mut w.sql(), id).await?.ok_or_else(not_found)?;
        if a.withdrawn_at.is_some() {
            return Err(Error::invalid("This file is already withdrawn."));
        }
        if let Some(allegation_id) = a.allegation_id {
            owner_of(w, AttachTo::Allegation { allegation_id }, &[]).await?;
        }
        if let Some(case_id) = a.case_id {
            w.case(case_id).await?;
        }
        let at = w.at().to_owned();
        sql::withdraw(&mut w.sql(), id, &reason, lead_id, &at).await?;
        if let Some(case_id) = a.case_id {
            w.changed(case_id, ChangeKind::AttachmentWithdrawn, &format!("File withdrawn: {}", a.title)).await?;
        }
        w.audit(Action::AttachmentWithdrawn, "attachment", id).await
    })
    .await
}

fn view(a: sql::AttachmentRow, children: &[(i64, i64)]) -> Attachment {
    Attachment {
        children: children.iter().filter(|(of, _)| *of == a.id).map(|(_, p)| *p).collect(),
        id: a.id,
        entry_id: a.entry_id,
        concern_id: a.concern_id,
        file_name: a.file_name,
        viewable: a.kind.viewable(),
        kind: a.kind,
        size: a.size,
        sha256: a.sha256,
        title: a.title,
        document_on: a.document_on,
        came_from: a.came_from,
        added_at: a.added_at,
        added_by: a.added_by,
        withdrawn_at: a.withdrawn_at,
        withdrawn_by: a.withdrawn_by,
        withdrawn_reason: a.withdrawn_reason,
    }
}

/// A case's attachments (its own, its entries' and its concerns'), newest first.
pub async fn for_case(store: &Store, case_id: i64) -> Result<Vec<Attachment>> {
    let mut conn = store.db();
    let rows = sql::of_case(&mut conn, case_id).await?;
    let children = if rows.is_empty() { Vec::new() } else { sql::children(&mut conn, case_id).await? };
    Ok(rows.into_iter().map(|a| view(a, &children)).collect())
}

pub async fn for_enquiry(store: &Store, enquiry_id: i64) -> Result<Vec<Attachment>> {
    Ok(sql::of_enquiry(&mut store.db(), enquiry_id).await?.into_iter().map(|a| view(a, &[])).collect())
}

/// An allegation's attachments, for a lead it is not about (to the lead it is about, it does
/// not exist).
pub async fn for_allegation(store: &Store, lead_id: i64, allegation_id: i64) -> Result<Vec<Attachment>> {
    let mut conn = store.db();
    match sql::allegation_about(&mut conn, allegation_id).await? {
        Some(about) if about != Some(lead_id) => {}
        _ => return Err(Error::new(ErrorCode::NotFound, "That allegation does not exist.")),
    }
    Ok(sql::of_allegation(&mut conn, allegation_id).await?.into_iter().map(|a| view(a, &[])).collect())
}

/// An attachment and its bytes, to show or to save out: audited as `action` (viewed, or
/// saved). The bytes are hashed again first: a file that no longer matches its hash is
/// refused, not shown.
pub async fn open(
    store: &Store,
    lead_id: i64,
    id: i64,
    saved: bool,
    now: DateTime<Utc>,
) -> Result<(Attachment, Vec<u8>)> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        let a = sql::one(&mut w.sql(), id).await?.ok_or_else(not_found)?;
        if let Some(allegation_id) = a.allegation_id {
            owner_of(w, AttachTo::Allegation { allegation_id }, &[]).await?;
        }
        let bytes = sql::content(&mut w.sql(), &a.sha256).await?.ok_or_else(not_found)?;
        if hex::encode(Sha256::digest(&bytes)) != a.sha256 {
            return Err(Error::new(
                ErrorCode::DatabaseUnreadable,
                "This attached file is damaged: it no longer matches what was attached. Restore a backup.",
            ));
        }
        let action = if saved { Action::AttachmentSaved } else { Action::AttachmentViewed };
        w.audit(action, "attachment", id).await?;
        let children = match a.case_id {
            Some(case_id) => sql::children(&mut w.sql(), case_id).await?,
            None => Vec::new(),
        };
        Ok((view(a, &children), bytes))
    })
    .await
}
