//! The running drop's admin socket: `<data>/admin.sock`, a Unix socket only the drop's
//! user can open (mode 0600 in a 0700 folder). One JSON request per connection, one JSON
//! answer. It exists because sled lets only one process open the data folder: the operator's
//! commands ask the running drop instead of opening it themselves.
//!
//! A failure comes back as an [`AdminFailure`]: a code and its facts, never a sentence, so
//! that the command words it in its operator's language.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt};

use super::import::{import, ImportRequest, ImportSummary};
use super::{export, AdminFailure, ExportError, ExportRequest, ExportSummary};
use crate::desk::DeskPublic;
use crate::drop_key::DropSecrets;
use crate::store::Store;

/// Longest request line accepted.
const MAX_REQUEST: u64 = 64 * 1024;

/// A request to the running drop.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub enum AdminRequest {
    /// Export a bundle.
    Export(ExportRequest),
    /// Import a reply bundle.
    Import(ImportRequest),
}

/// The running drop's answer.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub enum AdminReply {
    /// The bundle was written.
    Exported(ExportSummary),
    /// The reply bundle was imported.
    Imported(ImportSummary),
    /// Nothing to export.
    Nothing,
    /// It failed.
    Failed(AdminFailure),
}

/// Why the running drop could not be asked.
#[derive(Debug, thiserror::Error)]
pub enum AskError {
    /// Connecting to its admin socket, writing the request or reading the answer failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The answer is not one this `amana-drop` reads (another version?); the JSON parser's
    /// words follow.
    #[error("the drop's answer is garbled: {detail}")]
    Garbled {
        /// What the JSON parser said, in English.
        detail: String,
    },
}

/// The listening socket; removed when dropped.
pub struct AdminSocket {
    path: PathBuf,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for AdminSocket {
    fn drop(&mut self) {
        self.task.abort();
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Opens the admin socket of the data folder `store` holds and answers on it. `desks` are
/// the desks whose signing keys reply bundles are verified against.
pub fn listen(
    store: Arc<Store>,
    secrets: Arc<DropSecrets>,
    desks: Arc<Vec<DeskPublic>>,
) -> std::io::Result<AdminSocket> {
    let path = store.layout().admin_socket();
    // A socket file left by a killed drop: we hold the data folder's lock, so it is stale.
    let _ = std::fs::remove_file(&path);
    let listener = tokio::net::UnixListener::bind(&path)?;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
    let exports = Arc::new(tokio::sync::Mutex::new(()));
    let task = tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let (store, secrets, exports) = (store.clone(), secrets.clone(), exports.clone());
            let desks = desks.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut line = String::new();
                let mut reader =
                    tokio::io::BufReader::new(tokio::io::AsyncReadExt::take(read, MAX_REQUEST));
                if reader.read_line(&mut line).await.is_err() {
                    return;
                }
                let reply = match serde_json::from_str::<AdminRequest>(&line) {
                    Ok(AdminRequest::Export(request)) => {
                        // One export at a time, so two bundles never share a sequence number.
                        let _one = exports.lock().await;
                        reply_of(export(&store, &secrets.signing_key, &request).await)
                    }
                    Ok(AdminRequest::Import(request)) => {
                        // One at a time with exports too: an import deletes envelopes.
                        let _one = exports.lock().await;
                        import_reply_of(import(&store, &secrets, &desks, &request).await)
                    }
                    Err(e) => AdminReply::Failed(AdminFailure::BadRequest {
                        detail: e.to_string(),
                    }),
                };
                let mut text = serde_json::to_string(&reply).unwrap_or_default();
                text.push('\n');
                let _ = write.write_all(text.as_bytes()).await;
            });
        }
    });
    Ok(AdminSocket { path, task })
}

/// Turns an export's result into the socket's answer.
pub fn reply_of(result: Result<ExportSummary, ExportError>) -> AdminReply {
    match result {
        Ok(summary) => AdminReply::Exported(summary),
        Err(e) => AdminFailure::of_export(&e).map_or(AdminReply::Nothing, AdminReply::Failed),
    }
}

/// Turns an import's result into the socket's answer.
pub fn import_reply_of(result: Result<ImportSummary, super::import::ImportError>) -> AdminReply {
    match result {
        Ok(summary) => AdminReply::Imported(summary),
        Err(e) => AdminReply::Failed((&e).into()),
    }
}

/// Asks the drop running on `data` (blocking). `Ok(None)` when no drop is listening.
pub fn ask(data: &Path, request: &AdminRequest) -> Result<Option<AdminReply>, AskError> {
    let path = data.join("admin.sock");
    let mut stream = match std::os::unix::net::UnixStream::connect(&path) {
        Ok(s) => s,
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::ConnectionRefused
            ) =>
        {
            return Ok(None)
        }
        Err(e) => return Err(e.into()),
    };
    let mut text = serde_json::to_string(request).map_err(std::io::Error::other)?;
    text.push('\n');
    stream.write_all(text.as_bytes())?;
    let mut line = String::new();
    BufReader::new(stream).read_line(&mut line)?;
    serde_json::from_str(&line)
        .map(Some)
        .map_err(|e| AskError::Garbled {
            detail: e.to_string(),
        })
}
