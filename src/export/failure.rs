//! Failures as plain data: what the admin socket carries back to `amana-drop export` and
//! `import` when the running drop could not do what they asked. Each case is a stable code
//! with its facts — never a sentence — so that the command words it in its operator's
//! language, exactly as it words the same error when it opens the data folder itself.

use std::io;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::import::ImportError;
use super::ExportError;
use crate::bundle::{BundleError, Malformation};
use crate::reply::{ReplyError, ReplyProblem, ReplyTampering};
use crate::store::{StoreDamage, StoreError};

/// A reading or writing error: its kind, as [`crate::cli_lang::io_kind`] names it
/// (`not-found`, `storage-full`, …, `other`), and the system's own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(deny_unknown_fields)]
#[error("{text}")]
pub struct IoFailure {
    /// The kind's code.
    pub kind: String,
    /// The system's text, in English.
    pub text: String,
}

/// The kinds [`crate::cli_lang::io_kind`] names; every other kind is `other`.
const KINDS: [io::ErrorKind; 9] = [
    io::ErrorKind::NotFound,
    io::ErrorKind::PermissionDenied,
    io::ErrorKind::AlreadyExists,
    io::ErrorKind::StorageFull,
    io::ErrorKind::QuotaExceeded,
    io::ErrorKind::ReadOnlyFilesystem,
    io::ErrorKind::IsADirectory,
    io::ErrorKind::NotADirectory,
    io::ErrorKind::UnexpectedEof,
];

impl From<&io::Error> for IoFailure {
    fn from(e: &io::Error) -> Self {
        IoFailure {
            kind: crate::cli_lang::io_kind(e).to_string(),
            text: e.to_string(),
        }
    }
}

impl IoFailure {
    /// The error again: its kind (or `Other`) and the system's text.
    pub fn to_io_error(&self) -> io::Error {
        let kind = KINDS
            .into_iter()
            .find(|&k| crate::cli_lang::io_kind(&k.into()) == self.kind)
            .unwrap_or(io::ErrorKind::Other);
        io::Error::new(kind, self.text.clone())
    }
}

/// Why writing a bundle failed (see [`ExportError::Write`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum WriteFailure {
    /// Writing or syncing the file failed (a full disk, a removed stick).
    #[error("{0}")]
    Io(IoFailure),
    /// An envelope file changed on the drop after it was sealed.
    #[error("envelope {file} changed on the drop after it was sealed")]
    EnvelopeChanged {
        /// The envelope's name in the bundle.
        file: String,
    },
    /// A stored envelope's file name is not an envelope's.
    #[error("bad envelope file name {}", .path.display())]
    BadEnvelopeName {
        /// The file.
        path: PathBuf,
    },
    /// The thread writing the bundle stopped before it finished.
    #[error("the writing stopped unexpectedly: {detail}")]
    Stopped {
        /// What the runtime said, in English.
        detail: String,
    },
}

impl From<BundleError> for WriteFailure {
    fn from(e: BundleError) -> Self {
        match e {
            BundleError::Io(e) => WriteFailure::Io((&e).into()),
            BundleError::EnvelopeChanged(file) => WriteFailure::EnvelopeChanged { file },
            BundleError::Malformed(Malformation::BadEnvelopeFile { path }) => {
                WriteFailure::BadEnvelopeName { path }
            }
            // What only reading a bundle finds: writing never returns it.
            other @ (BundleError::Malformed(_)
            | BundleError::BadSignature
            | BundleError::Truncated { .. }
            | BundleError::Tampered(_)) => WriteFailure::Io((&io::Error::other(other)).into()),
        }
    }
}

/// A failure of the store (see [`StoreError`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum StoreFailure {
    /// A file operation failed.
    #[error("storage: {0}")]
    Io(IoFailure),
    /// The record database failed; sled's words follow.
    #[error("record database: {detail}")]
    Database {
        /// What sled said, in English.
        detail: String,
    },
    /// A record is damaged.
    #[error("a stored record is damaged: {0}")]
    Damaged(StoreDamage),
    /// The mailbox refused the message.
    #[error("the mailbox refused the message")]
    Refused,
}

impl From<&StoreError> for StoreFailure {
    fn from(e: &StoreError) -> Self {
        match e {
            StoreError::Io(e) => StoreFailure::Io(e.into()),
            StoreError::Db(e) => StoreFailure::Database {
                detail: e.to_string(),
            },
            StoreError::Damaged(damage) => StoreFailure::Damaged(damage.clone()),
            StoreError::Refused => StoreFailure::Refused,
        }
    }
}

/// Why a reply bundle was refused (see [`ReplyError`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum ReplyRefusal {
    /// Reading failed.
    #[error("{0}")]
    Io(IoFailure),
    /// Not a reply bundle, or its structure is wrong.
    #[error("this is not a valid reply bundle: {0}")]
    Malformed(ReplyProblem),
    /// For a desk this drop does not have.
    #[error("the reply bundle is for desk {0:?}, which this drop does not have")]
    UnknownDesk(String),
    /// The desk has no signing key, or another one.
    #[error("desk {0:?} has no signing key matching this bundle")]
    NoSigningKey(String),
    /// The signature does not verify.
    #[error(
        "the reply bundle's signature does not verify: it was changed or signed by another key"
    )]
    BadSignature,
    /// For another drop.
    #[error("the reply bundle was made for another drop")]
    WrongDrop,
    /// A reply does not match the signed manifest.
    #[error("the reply bundle was tampered with: {0}")]
    Tampered(ReplyTampering),
    /// A reply did not decrypt.
    #[error("the reply does not open with this key")]
    Undecryptable,
}

impl From<&ReplyError> for ReplyRefusal {
    fn from(e: &ReplyError) -> Self {
        match e {
            ReplyError::Io(e) => ReplyRefusal::Io(e.into()),
            ReplyError::Malformed(p) => ReplyRefusal::Malformed(p.clone()),
            ReplyError::UnknownDesk(d) => ReplyRefusal::UnknownDesk(d.clone()),
            ReplyError::NoSigningKey(d) => ReplyRefusal::NoSigningKey(d.clone()),
            ReplyError::BadSignature => ReplyRefusal::BadSignature,
            ReplyError::WrongDrop => ReplyRefusal::WrongDrop,
            ReplyError::Tampered(t) => ReplyRefusal::Tampered(t.clone()),
            ReplyError::Undecryptable => ReplyRefusal::Undecryptable,
        }
    }
}

/// What the running drop could not do, as its admin socket answers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum AdminFailure {
    /// The drop did not understand the request (another version of `amana-drop`?); the JSON
    /// parser's words follow.
    #[error("bad request: {detail}")]
    BadRequest {
        /// What the JSON parser said, in English.
        detail: String,
    },
    /// Export: the destination exists.
    #[error("{} exists already; choose another file name", .path.display())]
    Exists {
        /// The destination.
        path: PathBuf,
    },
    /// Export: writing the bundle failed; nothing was marked exported.
    #[error("writing the bundle failed, nothing was marked exported: {0}")]
    Write(WriteFailure),
    /// Import: the reply bundle cannot be read.
    #[error("cannot read {}: {io}", .path.display())]
    Unreadable {
        /// The reply bundle.
        path: PathBuf,
        /// Why.
        io: IoFailure,
    },
    /// Import: the reply bundle was refused; nothing was stored.
    #[error("reply bundle refused, nothing was stored: {0}")]
    Refused(ReplyRefusal),
    /// Import: reading the reply bundle stopped unexpectedly; nothing was stored.
    #[error("reading the reply bundle stopped unexpectedly, nothing was stored: {detail}")]
    ImportStopped {
        /// What the runtime said, in English.
        detail: String,
    },
    /// The store failed.
    #[error("{0}")]
    Store(StoreFailure),
}

impl AdminFailure {
    /// The failure of an export; `None` for [`ExportError::Nothing`], which is an answer of
    /// its own.
    pub fn of_export(e: &ExportError) -> Option<Self> {
        match e {
            ExportError::Nothing => None,
            ExportError::Exists(path) => Some(AdminFailure::Exists { path: path.clone() }),
            ExportError::Write(w) => Some(AdminFailure::Write(w.clone())),
            ExportError::Store(e) => Some(AdminFailure::Store(e.into())),
        }
    }
}

impl From<&ImportError> for AdminFailure {
    fn from(e: &ImportError) -> Self {
        match e {
            ImportError::Open(path, e) => AdminFailure::Unreadable {
                path: path.clone(),
                io: e.into(),
            },
            ImportError::Refused(e) => AdminFailure::Refused(e.into()),
            ImportError::Stopped { detail } => AdminFailure::ImportStopped {
                detail: detail.clone(),
            },
            ImportError::Store(e) => AdminFailure::Store(e.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_io_error_keeps_its_kind_and_text_across_the_socket() {
        for kind in KINDS
            .into_iter()
            .chain([io::ErrorKind::Other, io::ErrorKind::TimedOut])
        {
            let e = io::Error::new(kind, "the system's words");
            let carried: IoFailure =
                serde_json::from_str(&serde_json::to_string(&IoFailure::from(&e)).unwrap())
                    .unwrap();
            let again = carried.to_io_error();
            assert_eq!(
                crate::cli_lang::io_kind(&again),
                crate::cli_lang::io_kind(&e)
            );
            assert_eq!(again.to_string(), "the system's words");
        }
    }

    #[test]
    fn a_refusal_crosses_the_socket_as_facts() {
        let refused = AdminFailure::from(&ImportError::Refused(ReplyError::Tampered(
            ReplyTampering::Differs {
                file: "replies/0123456789abcdef.age".into(),
            },
        )));
        let text = serde_json::to_string(&refused).unwrap();
        assert!(!text.contains("tampered with"), "no sentence: {text}");
        assert_eq!(
            serde_json::from_str::<AdminFailure>(&text).unwrap(),
            refused
        );
        let store = AdminFailure::Store(StoreFailure::Damaged(StoreDamage::Sequence {
            desk: "demo".into(),
        }));
        let text = serde_json::to_string(&store).unwrap();
        assert_eq!(serde_json::from_str::<AdminFailure>(&text).unwrap(), store);
    }
}
