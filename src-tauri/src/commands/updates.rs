//! New versions of the app, through Tauri's updater: asked for by a lead (Settings), never in
//! the background, since a school's or council's network may log where a laptop connects.
//! Every package is checked against the release key's signature (the public key is
//! `plugins.updater.pubkey` in tauri.conf.json) as it is downloaded and again before it is
//! installed; one that does not match is refused and nothing is installed.

use std::sync::Mutex;

use cp_core::{Error, ErrorCode};
use serde::Serialize;
use tauri::AppHandle;
use tauri_plugin_updater::{Update, UpdaterExt};
use ts_rs::TS;

/// What the release server offers this copy.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpdateOffer {
    /// This copy's version.
    pub current: String,
    /// A newer version, when there is one.
    pub version: Option<String>,
    /// What the release says changed.
    pub notes: Option<String>,
}

/// A package downloaded and its signature checked, waiting for the lead to install it.
#[derive(Default)]
pub struct Downloaded(Mutex<Option<(Update, Vec<u8>)>>);

fn updater_error(err: tauri_plugin_updater::Error) -> Error {
    use tauri_plugin_updater::Error as E;
    let (code, message) = match &err {
        E::EmptyEndpoints => (
            ErrorCode::UpdatesOff,
            "This copy of CP Tracker was not built to look for new versions. Whoever looks after \
             your laptops installs them.",
        ),
        E::Minisign(_)
        | E::SignedVersionMismatch { .. }
        | E::MissingSignedVersion
        | E::Base64(_)
        | E::SignatureUtf8(_) => (
            ErrorCode::UpdateRefused,
            "The new version did not carry CP Tracker's signature, so it was not installed. Nothing \
             has changed. Tell whoever looks after your laptops: the download may have been \
             altered on its way.",
        ),
        E::ReleaseNotFound
        | E::Reqwest(_)
        | E::Network(_)
        | E::InsecureTransportProtocol
        | E::TargetNotFound(_)
        | E::TargetsNotFound(_) => (
            ErrorCode::UpdateUnreachable,
            "CP Tracker could not reach the place it looks for new versions. Check this laptop's \
             internet connection and try again later.",
        ),
        _ => (
            ErrorCode::Internal,
            "CP Tracker could not install the new version. Nothing has changed; whoever looks \
             after your laptops can install it instead.",
        ),
    };
    Error::caused(code, message, &err)
}

async fn latest(app: &AppHandle) -> Result<Option<Update>, Error> {
    let updater = app.updater().map_err(updater_error)?;
    updater.check().await.map_err(updater_error)
}

/// Asks the release server whether there is a newer version.
#[tauri::command]
pub async fn check_for_update(app: AppHandle) -> Result<UpdateOffer, Error> {
    let current = app.package_info().version.to_string();
    let offer = latest(&app).await?;
    Ok(UpdateOffer { current, version: offer.as_ref().map(|u| u.version.clone()), notes: offer.and_then(|u| u.body) })
}

/// Downloads the newer version and checks its signature; installs nothing.
#[tauri::command]
pub async fn download_update(app: AppHandle, downloaded: tauri::State<'_, Downloaded>) -> Result<UpdateOffer, Error> {
    let current = app.package_info().version.to_string();
    let Some(update) = latest(&app).await? else {
        return Err(Error::new(ErrorCode::NotFound, "There is no newer version of CP Tracker to download."));
    };
    // `download` checks the signature before it returns the bytes.
    let bytes = update.download(|_, _| {}, || {}).await.map_err(updater_error)?;
    let offer = UpdateOffer { current, version: Some(update.version.clone()), notes: update.body.clone() };
    *downloaded.0.lock().map_err(|_| poisoned())? = Some((update, bytes));
    Ok(offer)
}

/// Installs the version downloaded (its signature checked again first) and restarts.
#[tauri::command]
pub async fn install_update(app: AppHandle, downloaded: tauri::State<'_, Downloaded>) -> Result<(), Error> {
    let Some((update, bytes)) = downloaded.0.lock().map_err(|_| poisoned())?.take() else {
        return Err(Error::new(ErrorCode::NotFound, "Download the new version first, then install it."));
    };
    update.install(bytes).map_err(updater_error)?;
    app.restart()
}

fn poisoned() -> Error {
    Error::new(ErrorCode::Internal, "CP Tracker lost track of the downloaded version. Download it again.")
}
