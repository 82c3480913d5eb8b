//! Replies: what an investigator sends back to a reporter, and the signed reply bundle that
//! carries replies (and acknowledgments of opened envelopes) from the air-gapped machine to
//! the drop.
//!
//! Each reply — text, status and reason — is sealed with age to the reporter's reply
//! recipient only, so the drop can store it but not read it. The bundle's manifest is signed
//! with the desk's Ed25519 key over a context string, the drop's fingerprint, the desk's
//! signing key id and, for each reply, its mailbox, case, id, per-case sequence number and the
//! ciphertext's SHA-256.

mod bundle;
mod content;
mod problem;

pub use bundle::{ReplyBundle, ReplyEntry, ReplyManifest, REPLY_CONTEXT};
pub use content::{open_reply, seal_reply, ReplyContent, Status, MAX_REPLY_CHARS};
pub use problem::{ReplyProblem, ReplyTampering};

/// What is wrong with a reply bundle or a reply. Every case is plain facts (see
/// [`ReplyProblem`] and [`ReplyTampering`]), so that a tool can word it in its reader's
/// language.
#[derive(Debug, thiserror::Error)]
pub enum ReplyError {
    /// Reading or writing failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// Not a reply bundle, or its structure is wrong.
    #[error("this is not a valid reply bundle: {0}")]
    Malformed(ReplyProblem),
    /// The bundle names a desk this drop does not have.
    #[error("the reply bundle is for desk {0:?}, which this drop does not have")]
    UnknownDesk(String),
    /// The desk has no signing key, or a different one.
    #[error("desk {0:?} has no signing key matching this bundle")]
    NoSigningKey(String),
    /// The signature does not verify.
    #[error(
        "the reply bundle's signature does not verify: it was changed or signed by another key"
    )]
    BadSignature,
    /// The bundle is for another drop.
    #[error("the reply bundle was made for another drop")]
    WrongDrop,
    /// A reply does not match the signed manifest.
    #[error("the reply bundle was tampered with: {0}")]
    Tampered(ReplyTampering),
    /// A reply did not decrypt.
    #[error("the reply does not open with this key")]
    Undecryptable,
}
