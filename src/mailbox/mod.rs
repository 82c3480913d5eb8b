//! A reporter's mailbox: what they see when they follow up with their code.
//!
//! The drop stores it under the code's `lookup_id`, sealed with the code's `state_key`, so
//! only the code opens it. It summarises what was sent — days, desks, counts, sizes — and
//! never holds any content: a code in the wrong hands must not reveal the report. It is the
//! only record on the drop that ties two messages of one reporter together.

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::credential::{open_state, seal_state, MailboxKeys};
use crate::envelope::Kind;
use crate::reply::{ReplyContent, Status};

const STATE_VERSION: u32 = 1;

/// The sealed state's plaintext is a multiple of this many bytes (about 25 messages' worth).
pub const STATE_PADDING: usize = 4096;

/// One message as its sender sees it in the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SentSummary {
    /// The day it arrived.
    pub day: String,
    /// First report or follow-up.
    pub kind: Kind,
    /// The desk it went to.
    pub desk: String,
    /// How many files were attached.
    pub attachments: u32,
    /// Total size of the attached files, in bytes.
    pub attachment_bytes: u64,
    /// Size of the sealed envelope, in bytes (counts toward the quota).
    pub sealed_bytes: u64,
}

/// The mailbox's state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailboxState {
    /// Format version.
    pub version: u32,
    /// Messages sent, oldest first.
    pub sent: Vec<SentSummary>,
    /// The status set by the highest-sequence reply seen so far. Kept here, sealed, so that
    /// it survives the reporter deleting that reply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_status: Option<CaseStatus>,
}

/// A case's status as a reply set it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseStatus {
    /// The sequence number of the reply that set it.
    pub sequence: u64,
    /// The status.
    pub status: Status,
    /// Why, as the desk wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The body a referred case went to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referred_to: Option<String>,
}

/// Why a mailbox cannot take another message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum QuotaError {
    /// Too many messages under one code.
    #[error("this code has sent as many messages as it may")]
    Messages,
    /// Too many bytes under one code.
    #[error("this code has sent as much data as it may")]
    Bytes,
}

impl MailboxState {
    /// Opens a sealed state; `None` (a fresh mailbox) when there is none.
    pub fn open(
        keys: &MailboxKeys,
        sealed: Option<&[u8]>,
    ) -> Result<Self, crate::credential::StateError> {
        let Some(sealed) = sealed else {
            return Ok(MailboxState {
                version: STATE_VERSION,
                sent: Vec::new(),
                case_status: None,
            });
        };
        let plain: Zeroizing<Vec<u8>> = open_state(keys, sealed)?;
        serde_json::from_slice(&plain).map_err(|_| crate::credential::StateError)
    }

    /// Seals the state for storage, padded with JSON whitespace to a multiple of
    /// [`STATE_PADDING`] bytes so that its stored size does not count the messages sent.
    pub fn seal(&self, keys: &MailboxKeys) -> Vec<u8> {
        let json = Zeroizing::new(serde_json::to_vec(self).expect("state serialises"));
        let padded_len = json.len().div_ceil(STATE_PADDING).max(1) * STATE_PADDING;
        let mut plain = Zeroizing::new(Vec::with_capacity(padded_len));
        plain.extend_from_slice(&json);
        plain.resize(padded_len, b' ');
        seal_state(keys, &plain)
    }

    /// Whether the mailbox may send one more message.
    pub fn check_quota(&self, max_messages: u32, max_bytes: u64) -> Result<(), QuotaError> {
        if self.sent.len() >= max_messages as usize {
            return Err(QuotaError::Messages);
        }
        if self.total_sealed_bytes() >= max_bytes {
            return Err(QuotaError::Bytes);
        }
        Ok(())
    }

    /// Bytes sealed under this code so far.
    pub fn total_sealed_bytes(&self) -> u64 {
        self.sent.iter().map(|s| s.sealed_bytes).sum()
    }

    /// Whether this mailbox has sent anything (its next message is a follow-up).
    pub fn has_sent(&self) -> bool {
        !self.sent.is_empty()
    }

    /// Takes the status of the highest-sequence reply among `replies` that set one, if it is
    /// newer than the status kept. Returns whether the state changed (and must be stored).
    pub fn fold_status<'a>(&mut self, replies: impl IntoIterator<Item = &'a ReplyContent>) -> bool {
        let newest = replies
            .into_iter()
            .filter(|r| r.status.is_some())
            .max_by_key(|r| r.sequence);
        let Some(reply) = newest else {
            return false;
        };
        if self
            .case_status
            .as_ref()
            .is_some_and(|kept| kept.sequence >= reply.sequence)
        {
            return false;
        }
        self.case_status = Some(CaseStatus {
            sequence: reply.sequence,
            status: reply.status.expect("filtered on a status"),
            reason: reply.reason.clone(),
            referred_to: reply.referred_to.clone(),
        });
        true
    }

    /// The messages, newest first, as shown to the reporter.
    pub fn newest_first(&self) -> impl Iterator<Item = &SentSummary> {
        self.sent.iter().rev()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credential::{KdfParams, ReceiptCode};

    fn keys(v: u128) -> MailboxKeys {
        MailboxKeys::derive(
            &ReceiptCode::from_value(v).unwrap(),
            &[1; 32],
            KdfParams::INSECURE_FOR_TESTS,
        )
    }

    #[test]
    fn state_round_trips_and_enforces_quota() {
        let k = keys(5);
        let mut s = MailboxState::open(&k, None).unwrap();
        assert!(!s.has_sent());
        s.sent.push(SentSummary {
            day: "2026-01-02".into(),
            kind: Kind::Report,
            desk: "demo".into(),
            attachments: 2,
            attachment_bytes: 10,
            sealed_bytes: 100,
        });
        let sealed = s.seal(&k);
        let back = MailboxState::open(&k, Some(&sealed)).unwrap();
        assert_eq!(back, s);
        assert!(MailboxState::open(&keys(6), Some(&sealed)).is_err());
        let empty = MailboxState::open(&k, None).unwrap().seal(&k);
        assert_eq!(
            empty.len(),
            sealed.len(),
            "the stored size does not count messages"
        );
        assert_eq!(back.check_quota(1, 1000), Err(QuotaError::Messages));
        assert_eq!(back.check_quota(5, 100), Err(QuotaError::Bytes));
        assert!(back.check_quota(5, 1000).is_ok());
    }

    #[test]
    fn status_follows_the_highest_sequence_only() {
        let reply = |sequence, status| ReplyContent {
            reply_id: "00".repeat(8),
            case: "11".repeat(8),
            sequence,
            day: "2026-01-02".into(),
            text: String::new(),
            status,
            reason: None,
            referred_to: None,
        };
        let mut s = MailboxState::default();
        assert!(s.fold_status(&[reply(1, Some(Status::Received)), reply(3, None)]));
        assert!(s.fold_status(&[reply(2, Some(Status::Closed))]));
        assert!(
            !s.fold_status(&[reply(1, Some(Status::InReview))]),
            "older: ignored"
        );
        assert!(!s.fold_status(&[]));
        assert_eq!(s.case_status.as_ref().unwrap().status, Status::Closed);
    }
}
