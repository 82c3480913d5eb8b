//! The store's errors: plain facts, for a message in the operator's language.

use serde::{Deserialize, Serialize};

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A file operation failed.
    #[error("storage: {0}")]
    Io(#[from] std::io::Error),
    /// sled failed (or another process holds it: only one process may open the data folder).
    #[error("record database: {0}")]
    Db(#[from] sled::Error),
    /// A record is damaged.
    #[error("a stored record is damaged: {0}")]
    Damaged(StoreDamage),
    /// The caller's mailbox update refused the commit (for example over quota).
    #[error("the mailbox refused the message")]
    Refused,
}

/// Which stored record is damaged, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum StoreDamage {
    /// A mailbox's sealed record does not open with its keys.
    #[error("the mailbox record is damaged or belongs to another mailbox")]
    Mailbox,
    /// A new sent note's tag is already taken.
    #[error("a sent note exists under that tag")]
    NoteTagTaken,
    /// An envelope record's key is not an envelope id.
    #[error("an envelope record's id is not text")]
    EnvelopeId,
    /// An envelope record does not parse; the JSON parser's words follow.
    #[error("an envelope record does not parse: {detail}")]
    EnvelopeRecord {
        /// What the JSON parser said, in English.
        detail: String,
    },
    /// A desk's last bundle number is not 8 bytes.
    #[error("the bundle number of desk {desk:?}")]
    Sequence {
        /// The desk.
        desk: String,
    },
    /// A stored reply is shorter than its fixed fields.
    #[error("a stored reply is too short")]
    Reply,
    /// A stored reply's key has the wrong length.
    #[error("a stored reply's key has the wrong length")]
    ReplyKey,
}

impl From<crate::credential::StateError> for StoreError {
    fn from(_: crate::credential::StateError) -> Self {
        StoreError::Damaged(StoreDamage::Mailbox)
    }
}

impl From<sled::transaction::TransactionError<StoreError>> for StoreError {
    fn from(e: sled::transaction::TransactionError<StoreError>) -> Self {
        match e {
            sled::transaction::TransactionError::Abort(e) => e,
            sled::transaction::TransactionError::Storage(e) => StoreError::Db(e),
        }
    }
}
