//! The Under 5s list import. The file's bytes come as the raw request body (a list can be
//! megabytes; JSON would quadruple it) and the other arguments as headers.

use cp_core::session::Session;
use cp_core::under5s::Field;
use cp_core::under5s::{ImportPreview, ImportResult};
use cp_core::{Error, Result};
use serde::Serialize;
use tauri::ipc::{InvokeBody, Request};
use tauri::{Emitter, State, WebviewWindow};

fn body<'a>(request: &'a Request<'_>) -> Result<&'a [u8]> {
    match request.body() {
        InvokeBody::Raw(bytes) => Ok(bytes),
        InvokeBody::Json(_) => Err(Error::internal("The file did not reach CP Tracker: choose it again.")),
    }
}

fn header(request: &Request<'_>, name: &str) -> Option<String> {
    request.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

/// The column choices, as JSON in the `cp-mapping` header; none means "work them out".
fn mapping(request: &Request<'_>) -> Result<Option<Vec<Option<Field>>>> {
    header(request, "cp-mapping")
        .map(|json| serde_json::from_str(&json).map_err(|_| Error::invalid("The column choices could not be read.")))
        .transpose()
}

/// The rows whose possible match the lead said is the same, as a JSON array of row numbers in
/// the `cp-same-rows` header; none means every possible match is kept apart.
fn same_rows(request: &Request<'_>) -> Result<Vec<u32>> {
    header(request, "cp-same-rows")
        .map(|json| {
            serde_json::from_str(&json).map_err(|_| Error::invalid("Your choices of matches could not be read."))
        })
        .transpose()
        .map(Option::unwrap_or_default)
}

#[tauri::command]
pub async fn under5s_preview(session: State<'_, Session>, request: Request<'_>) -> Result<ImportPreview> {
    let mapping = mapping(&request)?;
    session.under5s_preview(body(&request)?, mapping.as_deref(), &same_rows(&request)?).await
}

#[derive(Clone, Serialize)]
struct Progress {
    done: usize,
    total: usize,
}

#[tauri::command]
pub async fn under5s_import(
    session: State<'_, Session>,
    window: WebviewWindow,
    request: Request<'_>,
) -> Result<ImportResult> {
    let mapping = mapping(&request)?.ok_or_else(|| Error::invalid("Choose the columns first."))?;
    let sha256 = header(&request, "cp-sha256").unwrap_or_default();
    // About a hundred updates whatever the size: enough for a smooth bar, few enough to cost nothing.
    let mut last = 0;
    let mut progress = |done: usize, total: usize| {
        if done == total || done - last >= total.div_ceil(100) {
            last = done;
            let _ = window.emit("import-progress", Progress { done, total });
        }
    };
    session.under5s_import(body(&request)?, &mapping, &same_rows(&request)?, &sha256, &mut progress).await
}

/// The lead's Cancel during an import: it stops at its next row and writes nothing.
#[tauri::command]
pub fn under5s_cancel(session: State<'_, Session>) {
    session.under5s_cancel();
}
