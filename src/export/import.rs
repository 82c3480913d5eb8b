//! Import: a reply bundle from the air-gapped machine, verified whole against the desks'
//! signing keys and this drop's fingerprint before anything is stored.
//!
//! The order keeps every step safe to repeat: verify everything (any fault stores
//! nothing); store the new replies and the keyed hashes of their ids in one transaction and
//! flush; only then delete the envelopes the desk says it has opened. A crash after the
//! replies are stored leaves the envelopes, which the same bundle deletes when imported
//! again, and its replies count as already seen.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::desk::DeskPublic;
use crate::drop_key::DropSecrets;
use crate::reply::{ReplyBundle, ReplyError, ReplyProblem};
use crate::store::{NewReply, Store, StoreError, StoredReply};

/// What to import.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportRequest {
    /// The reply bundle (absolute when sent to a running drop).
    pub file: PathBuf,
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    /// Replies stored for the first time.
    pub added: usize,
    /// Replies stored by an earlier import (and perhaps deleted since): unchanged.
    pub already_seen: usize,
    /// Acknowledged envelopes deleted from the drop.
    pub envelopes_deleted: usize,
}

/// Why an import failed. In every case but [`ImportError::Store`] nothing was stored.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The bundle cannot be read.
    #[error("cannot read {0}: {1}")]
    Open(PathBuf, std::io::Error),
    /// The bundle was refused: nothing was stored.
    #[error("reply bundle refused, nothing was stored: {0}")]
    Refused(#[from] ReplyError),
    /// The thread reading and verifying the bundle stopped before it finished (it
    /// panicked): nothing was stored.
    #[error("reading the reply bundle stopped unexpectedly, nothing was stored: {detail}")]
    Stopped {
        /// What the runtime said, in English.
        detail: String,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Verifies the bundle at `request.file` against `desks` and this drop, stores its new
/// replies and deletes the envelopes it acknowledges.
pub async fn import(
    store: &Store,
    secrets: &DropSecrets,
    desks: &[DeskPublic],
    request: &ImportRequest,
) -> Result<ImportSummary, ImportError> {
    let file = request.file.clone();
    let desks = desks.to_vec();
    let fingerprint = secrets.fingerprint();
    let bundle = tokio::task::spawn_blocking(move || {
        let input = std::fs::File::open(&file).map_err(|e| ImportError::Open(file.clone(), e))?;
        ReplyBundle::read_verified(std::io::BufReader::new(input), &desks, &fingerprint)
            .map_err(ImportError::from)
    })
    .await
    .map_err(|e| ImportError::Stopped {
        detail: e.to_string(),
    })??;
    let mut replies = Vec::with_capacity(bundle.sealed.len());
    for (entry, sealed) in bundle.manifest.replies.iter().zip(bundle.sealed) {
        // read_verified checked the hex fields' form; decoding cannot fail on them.
        let malformed = || {
            ReplyError::Malformed(ReplyProblem::BadEntry {
                file: entry.file.clone(),
            })
        };
        let mut new = NewReply {
            lookup_id: [0; 32],
            reply_id: [0; 8],
            reply: StoredReply {
                case: [0; 8],
                sequence: entry.sequence,
                sealed,
            },
        };
        hex::decode_to_slice(&entry.mailbox, &mut new.lookup_id).map_err(|_| malformed())?;
        hex::decode_to_slice(&entry.reply_id, &mut new.reply_id).map_err(|_| malformed())?;
        hex::decode_to_slice(&entry.case, &mut new.reply.case).map_err(|_| malformed())?;
        replies.push(new);
    }
    let counts = store
        .import_replies(&secrets.reply_seen_key(), &replies)
        .await?;
    let envelopes_deleted = store
        .delete_envelopes(&bundle.manifest.acknowledged)
        .await?;
    Ok(ImportSummary {
        added: counts.added,
        already_seen: counts.already_seen,
        envelopes_deleted,
    })
}
