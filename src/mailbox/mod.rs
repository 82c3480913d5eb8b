//! A reporter's mailbox: what they see when they follow up with their code.
//!
//! It has two parts, both sealed so that only the code opens them, and neither holding any
//! content (a code in the wrong hands must not reveal the report):
//!
//! - one **sent note** per message ([`notes`]): its day, desk, kind, file count and sizes,
//!   written in the same transaction as the envelope's record, under a tag that only the code
//!   can compute. A submission writes nothing under the mailbox's `lookup_id`, so a seized
//!   drop cannot tie a submission to a mailbox, nor two submissions to each other;
//! - the mailbox's own record ([`MailboxState`]) under `lookup_id`, sealed with `state_key`,
//!   which only keeps the case status. It is written only when the reporter deletes a reply
//!   (so that the status it set survives), at the same moment as that deletion, which names
//!   the mailbox anyway.
//!
//! [`Mailbox::load`] puts the two together for the follow-up page and the quota.

pub mod notes;

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::credential::{open_state, seal_state, MailboxKeys, StateError};
use crate::envelope::Kind;
use crate::reply::{ReplyContent, Status};

pub use notes::NoteKeys;

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

/// The mailbox's own record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailboxState {
    /// Format version.
    pub version: u32,
    /// Messages sent, oldest first, as records written before sent notes kept them. Read,
    /// never added to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
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
    pub fn open(keys: &MailboxKeys, sealed: Option<&[u8]>) -> Result<Self, StateError> {
        let Some(sealed) = sealed else {
            return Ok(MailboxState {
                version: STATE_VERSION,
                sent: Vec::new(),
                case_status: None,
            });
        };
        let plain: Zeroizing<Vec<u8>> = open_state(keys, sealed)?;
        serde_json::from_slice(&plain).map_err(|_| StateError)
    }

    /// Seals the state for storage, padded with JSON whitespace to a multiple of
    /// [`STATE_PADDING`] bytes so that its stored size does not tell what it holds.
    pub fn seal(&self, keys: &MailboxKeys) -> Vec<u8> {
        let json = Zeroizing::new(serde_json::to_vec(self).expect("state serialises"));
        let padded_len = json.len().div_ceil(STATE_PADDING).max(1) * STATE_PADDING;
        let mut plain = Zeroizing::new(Vec::with_capacity(padded_len));
        plain.extend_from_slice(&json);
        plain.resize(padded_len, b' ');
        seal_state(keys, &plain)
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
}

/// A mailbox as the follow-up page and the quota see it: its record and its sent notes.
#[derive(Debug, Clone)]
pub struct Mailbox {
    /// The mailbox's own record (a fresh one when it has none).
    pub state: MailboxState,
    /// Whether the record exists.
    has_record: bool,
    /// Messages sent, oldest first.
    pub sent: Vec<SentSummary>,
    /// The index of the next note.
    next_note: u32,
}

impl Mailbox {
    /// Opens the mailbox's record (`None` when it has none) and reads its notes with
    /// `note`, which returns the note stored under a tag, if any: `tag_0, tag_1, …` until
    /// the first one missing.
    pub fn load<E: From<StateError>>(
        keys: &MailboxKeys,
        record: Option<&[u8]>,
        mut note: impl FnMut(&[u8; 32]) -> Result<Option<Vec<u8>>, E>,
    ) -> Result<Self, E> {
        let state = MailboxState::open(keys, record)?;
        let note_keys = NoteKeys::derive(keys);
        let mut sent = state.sent.clone();
        let mut next_note = 0u32;
        loop {
            let tag = note_keys.tag(next_note);
            let Some(sealed) = note(&tag)? else { break };
            sent.push(note_keys.open(&tag, &sealed)?);
            next_note += 1;
        }
        Ok(Mailbox {
            state,
            has_record: record.is_some(),
            sent,
            next_note,
        })
    }

    /// Whether this code has ever been used on this drop (it may log in).
    pub fn exists(&self) -> bool {
        self.has_record || self.has_sent()
    }

    /// The tag and sealed note that record one more message.
    pub fn next_note(&self, keys: &MailboxKeys, summary: &SentSummary) -> ([u8; 32], Vec<u8>) {
        let note_keys = NoteKeys::derive(keys);
        let tag = note_keys.tag(self.next_note);
        let sealed = note_keys.seal(&tag, summary);
        (tag, sealed)
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

    fn summary(sealed_bytes: u64) -> SentSummary {
        SentSummary {
            day: "2026-01-02".into(),
            kind: Kind::Report,
            desk: "demo".into(),
            attachments: 2,
            attachment_bytes: 10,
            sealed_bytes,
        }
    }

    #[test]
    fn state_round_trips_and_keeps_older_records_sent_lists() {
        let k = keys(5);
        let mut s = MailboxState::open(&k, None).unwrap();
        s.sent.push(summary(100));
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
        let loaded = Mailbox::load(&k, Some(&sealed), |_| Ok::<_, StateError>(None)).unwrap();
        assert_eq!(loaded.sent, vec![summary(100)]);
        assert!(loaded.exists());
    }

    #[test]
    fn notes_make_the_mailbox_and_its_quota() {
        let k = keys(5);
        let mut stored = std::collections::HashMap::new();
        let load = |stored: &std::collections::HashMap<[u8; 32], Vec<u8>>| {
            Mailbox::load(&k, None, |tag| {
                Ok::<_, StateError>(stored.get(tag).cloned())
            })
            .unwrap()
        };
        let fresh = load(&stored);
        assert!(!fresh.exists() && !fresh.has_sent());
        for i in 0..3 {
            let (tag, note) = load(&stored).next_note(&k, &summary(100 + i));
            assert!(stored.insert(tag, note).is_none(), "a new tag each time");
        }
        assert!(!stored.contains_key(&k.lookup_id));
        let mailbox = load(&stored);
        assert!(mailbox.exists());
        assert_eq!(
            mailbox
                .newest_first()
                .map(|s| s.sealed_bytes)
                .collect::<Vec<_>>(),
            [102, 101, 100]
        );
        assert_eq!(mailbox.check_quota(3, 1000), Err(QuotaError::Messages));
        assert_eq!(mailbox.check_quota(5, 303), Err(QuotaError::Bytes));
        assert!(mailbox.check_quota(5, 1000).is_ok());
        let other = Mailbox::load(&keys(6), None, |tag| {
            Ok::<_, StateError>(stored.get(tag).cloned())
        })
        .unwrap();
        assert!(!other.exists(), "another code finds none of them");
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
