//! Sent notes: one small sealed record per message, written with the envelope's record and
//! stored under a tag that only the receipt code can compute.
//!
//! A note's key is `tag_i = HMAC-SHA-256(tag_key, i)` for the message's index `i` under the
//! code (0, 1, 2, …): without the code, the tags of one reporter are unrelated random values,
//! and none of them is the mailbox's `lookup_id`. So a submission writes nothing that names
//! the mailbox, and two notes of one reporter cannot be told from two notes of two
//! reporters. The follow-up page finds a mailbox's notes by computing `tag_0, tag_1, …`
//! until one is missing. See `docs/format.md` §3.1.

use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::SentSummary;
use crate::credential::{open_with, seal_with, MailboxKeys, StateError};

const LABEL_TAG: &[u8] = b"amana/v1/sent-tag";
const LABEL_NOTE: &[u8] = b"amana/v1/sent-note";

/// A note's plaintext is padded to a multiple of this many bytes, so that every note has the
/// same size (a summary is about 150 bytes of JSON).
pub const NOTE_PADDING: usize = 512;

/// The keys of one mailbox's sent notes, derived from its `state_key`. Wiped when dropped.
pub struct NoteKeys {
    tag_key: Zeroizing<[u8; 32]>,
    note_key: Zeroizing<[u8; 32]>,
}

impl NoteKeys {
    /// `tag_key` and `note_key` = HKDF-SHA-256(IKM = `state_key`, no salt) expanded with
    /// their labels.
    pub fn derive(keys: &MailboxKeys) -> Self {
        let hk = Hkdf::<Sha256>::new(None, keys.state_key.as_ref());
        let mut tag_key = Zeroizing::new([0u8; 32]);
        hk.expand(LABEL_TAG, tag_key.as_mut())
            .expect("32 bytes is a valid length");
        let mut note_key = Zeroizing::new([0u8; 32]);
        hk.expand(LABEL_NOTE, note_key.as_mut())
            .expect("32 bytes is a valid length");
        NoteKeys { tag_key, note_key }
    }

    /// The key of the mailbox's note number `index` (counting from 0).
    pub fn tag(&self, index: u32) -> [u8; 32] {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(self.tag_key.as_ref()).expect("any key length");
        mac.update(&index.to_be_bytes());
        mac.finalize().into_bytes().into()
    }

    /// Seals a summary as the note stored under `tag` (AAD = `tag`, so a note moved under
    /// another tag does not open).
    pub fn seal(&self, tag: &[u8; 32], summary: &SentSummary) -> Vec<u8> {
        let json = Zeroizing::new(serde_json::to_vec(summary).expect("a summary serialises"));
        let padded_len = json.len().div_ceil(NOTE_PADDING).max(1) * NOTE_PADDING;
        let mut plain = Zeroizing::new(Vec::with_capacity(padded_len));
        plain.extend_from_slice(&json);
        plain.resize(padded_len, b' ');
        seal_with(&self.note_key, tag, &plain)
    }

    /// Opens the note stored under `tag`.
    pub fn open(&self, tag: &[u8; 32], sealed: &[u8]) -> Result<SentSummary, StateError> {
        let plain = open_with(&self.note_key, tag, sealed)?;
        serde_json::from_slice(&plain).map_err(|_| StateError)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credential::{KdfParams, ReceiptCode};
    use crate::envelope::Kind;

    fn keys(v: u128) -> MailboxKeys {
        MailboxKeys::derive(
            &ReceiptCode::from_value(v).unwrap(),
            &[3; 32],
            KdfParams::INSECURE_FOR_TESTS,
        )
    }

    fn summary(desk: &str) -> SentSummary {
        SentSummary {
            day: "2026-01-02".into(),
            kind: Kind::FollowUp,
            desk: desk.into(),
            attachments: 3,
            attachment_bytes: 1 << 40,
            sealed_bytes: 1 << 41,
        }
    }

    #[test]
    fn tags_are_per_code_and_never_the_lookup_id() {
        let (a, b) = (keys(1), keys(2));
        let (na, nb) = (NoteKeys::derive(&a), NoteKeys::derive(&b));
        assert_eq!(na.tag(0), NoteKeys::derive(&a).tag(0), "deterministic");
        let tags: std::collections::BTreeSet<[u8; 32]> = (0..50)
            .flat_map(|i| [na.tag(i), nb.tag(i)])
            .chain([a.lookup_id, b.lookup_id])
            .collect();
        assert_eq!(tags.len(), 102, "all distinct");
    }

    #[test]
    fn notes_open_only_under_their_code_and_tag_and_all_have_one_size() {
        let (a, b) = (keys(1), keys(2));
        let na = NoteKeys::derive(&a);
        let sealed = na.seal(&na.tag(0), &summary("d"));
        assert_eq!(na.open(&na.tag(0), &sealed).unwrap(), summary("d"));
        assert!(
            na.open(&na.tag(1), &sealed).is_err(),
            "moved to another tag"
        );
        let nb = NoteKeys::derive(&b);
        assert!(nb.open(&na.tag(0), &sealed).is_err(), "another code");
        let long = na.seal(&na.tag(1), &summary(&"x".repeat(64)));
        assert_eq!(sealed.len(), long.len());
        assert_eq!(sealed.len(), 24 + NOTE_PADDING + 16);
    }
}
