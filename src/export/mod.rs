//! Export: the envelopes not yet carried away, written into a signed bundle for the offline
//! reviewer.
//!
//! The order makes a lost bundle visible and a crash harmless: the bundle is written to a
//! temporary file beside its destination, fsync'd, renamed into place and its folder
//! fsync'd; only then are its envelopes marked exported and the desks' sequence numbers
//! advanced. A crash in between leaves the envelopes unexported, so the next export
//! carries them again. Sequence numbers are per desk and gap-free, so the reviewer notices
//! a withheld bundle.
//!
//! sled allows one process per data folder. While the drop is serving, `amana-drop export`
//! asks it through its admin socket ([`admin`]); while it is stopped, the command opens the
//! data folder itself. Either way the same [`export`] runs. Reply bundles come back the same
//! way, through [`import`].

pub mod admin;
mod failure;
pub mod import;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::bundle::{write_bundle, BundleError, ExportItem};
use crate::store::{Store, StoreError};

pub use failure::{AdminFailure, IoFailure, ReplyRefusal, StoreFailure, WriteFailure};

/// What to export.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportRequest {
    /// The bundle file to write (absolute when sent to a running drop).
    pub out: PathBuf,
    /// Only this desk.
    pub desk: Option<String>,
    /// Envelopes already exported too.
    pub all: bool,
}

/// What a bundle holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportSummary {
    /// Envelopes written.
    pub envelopes: usize,
    /// The sequence number given to each desk's part of the bundle.
    pub sequences: BTreeMap<String, u64>,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// There is nothing (new) to export: no bundle was written.
    #[error("nothing to export")]
    Nothing,
    /// The destination exists.
    #[error("{0} exists already; choose another file name")]
    Exists(PathBuf),
    /// Writing the bundle failed (a full disk, a removed stick): nothing is marked exported.
    #[error("writing the bundle failed, nothing was marked exported: {0}")]
    Write(WriteFailure),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Exports from `store` as `request` says, signing with the drop's key.
pub async fn export(
    store: &Store,
    signer: &ed25519_dalek::SigningKey,
    request: &ExportRequest,
) -> Result<ExportSummary, ExportError> {
    if request.out.exists() {
        return Err(ExportError::Exists(request.out.clone()));
    }
    let mut ids = Vec::new();
    let mut items = Vec::new();
    for (id, record) in store.records()? {
        let wanted = request.desk.as_ref().is_none_or(|d| *d == record.desk);
        if !wanted || (record.exported && !request.all) {
            continue;
        }
        items.push(ExportItem {
            path: store.layout().envelope_path(&id),
            desk: record.desk.clone(),
            key_ids: record.key_ids.clone(),
            size: record.size,
        });
        ids.push(id);
    }
    if items.is_empty() {
        return Err(ExportError::Nothing);
    }
    let mut sequences = BTreeMap::new();
    for item in &items {
        if !sequences.contains_key(&item.desk) {
            sequences.insert(item.desk.clone(), store.last_sequence(&item.desk)? + 1);
        }
    }
    let out = request.out.clone();
    let signer = signer.clone();
    let seqs = sequences.clone();
    tokio::task::spawn_blocking(move || write_durably(&out, &signer, &seqs, &items))
        .await
        .map_err(|e| {
            ExportError::Write(WriteFailure::Stopped {
                detail: e.to_string(),
            })
        })?
        .map_err(|e| ExportError::Write(e.into()))?;
    store.mark_exported(&ids, &sequences).await?;
    Ok(ExportSummary {
        envelopes: ids.len(),
        sequences,
    })
}

fn write_durably(
    out: &Path,
    signer: &ed25519_dalek::SigningKey,
    sequences: &BTreeMap<String, u64>,
    items: &[ExportItem],
) -> Result<(), BundleError> {
    let dir = crate::util::folder_of(out).to_owned();
    let tmp = tempfile::Builder::new()
        .prefix(".amana-bundle-")
        .tempfile_in(&dir)?;
    let writer = std::io::BufWriter::new(tmp.as_file().try_clone()?);
    let writer = write_bundle(writer, signer, sequences, items)?;
    writer
        .into_inner()
        .map_err(|e| e.into_error())?
        .sync_all()?;
    tmp.persist_noclobber(out).map_err(|e| e.error)?;
    crate::util::sync_dir(&dir)?;
    Ok(())
}
