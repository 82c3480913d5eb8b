//! The sealed content of one reply.

use std::io::{Read, Write};

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::{ReplyError, ReplyProblem};

/// Largest reply text, in characters.
pub const MAX_REPLY_CHARS: usize = 100_000;
/// Largest sealed reply accepted, in bytes.
pub const MAX_SEALED_REPLY: u64 = 1 << 20;

/// A case's status as the reporter sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The report arrived and was acknowledged.
    Received,
    /// An investigator is working on it.
    InReview,
    /// Passed to another body (named in `referred_to`).
    Referred,
    /// Finished, with a reason.
    Closed,
}

impl std::str::FromStr for Status {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "received" => Ok(Status::Received),
            "in-review" => Ok(Status::InReview),
            "referred" => Ok(Status::Referred),
            "closed" => Ok(Status::Closed),
            other => Err(format!(
                "unknown status {other:?}: use received, in-review, referred or closed"
            )),
        }
    }
}

impl Status {
    /// The status's name as written in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Received => "received",
            Status::InReview => "in-review",
            Status::Referred => "referred",
            Status::Closed => "closed",
        }
    }
}

/// What the reporter reads: sealed to their reply recipient only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplyContent {
    /// Random id of this reply (16 hex digits).
    pub reply_id: String,
    /// The case it answers.
    pub case: String,
    /// Its number in the case's series (1, 2, …): the highest wins for the status.
    pub sequence: u64,
    /// The day it was written.
    pub day: String,
    /// The text (may be empty when only the status changes).
    pub text: String,
    /// The new status, if it changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Why (shown to the reporter; required when closing or referring).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The body a referred case went to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referred_to: Option<String>,
}

/// Seals a reply to the reporter's reply recipient.
pub fn seal_reply(
    content: &ReplyContent,
    recipient: &age::x25519::Recipient,
) -> Result<Vec<u8>, ReplyError> {
    let plain = Zeroizing::new(serde_json::to_vec(content).expect("serialises"));
    // One X25519 recipient: nothing for age to refuse (no mix, no missing recipient).
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(recipient as &dyn age::Recipient))
            .map_err(std::io::Error::other)?;
    let mut out = Vec::with_capacity(plain.len() + 256);
    let mut w = encryptor.wrap_output(&mut out)?;
    w.write_all(&plain)?;
    w.finish()?;
    Ok(out)
}

/// Opens a sealed reply with the reporter's reply identity.
pub fn open_reply(
    sealed: &[u8],
    identity: &age::x25519::Identity,
) -> Result<ReplyContent, ReplyError> {
    let decryptor = age::Decryptor::new(sealed).map_err(|_| ReplyError::Undecryptable)?;
    let mut reader = decryptor
        .decrypt(std::iter::once(identity as &dyn age::Identity))
        .map_err(|_| ReplyError::Undecryptable)?;
    let mut plain = Zeroizing::new(Vec::new());
    reader
        .by_ref()
        .take(MAX_SEALED_REPLY)
        .read_to_end(&mut plain)
        .map_err(|_| ReplyError::Undecryptable)?;
    serde_json::from_slice(&plain).map_err(|e| {
        ReplyError::Malformed(ReplyProblem::ContentJson {
            detail: e.to_string(),
        })
    })
}
