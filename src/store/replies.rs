//! Replies waiting for their reporter, and the keyed hashes of every reply id the drop has
//! stored.
//!
//! A reply is kept under `lookup_id || reply_id`, so a mailbox's replies are one prefix scan
//! and nothing else on the drop links them to an envelope. The `seen` tree remembers, as
//! HMAC-SHA-256 under a key derived from the install salt, each reply id ever imported:
//! importing the same or an older bundle again cannot bring back a reply its reporter
//! deleted.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use sled::Transactional;

use super::{Store, StoreDamage, StoreError};

/// Length of a reply id in bytes (16 hex digits).
pub const REPLY_ID_LEN: usize = 8;

/// Length of a case id in bytes (16 hex digits).
const CASE_LEN: usize = 8;

/// A stored reply: the case it answers, its sequence number and the sealed reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredReply {
    /// The case (8 bytes, shown as 16 hex digits).
    pub case: [u8; CASE_LEN],
    /// Its per-case sequence number, signed by the desk.
    pub sequence: u64,
    /// The age file, sealed to the reporter's reply key.
    pub sealed: Vec<u8>,
}

impl StoredReply {
    /// The stored form: case (8 bytes) ‖ sequence (8 bytes, big-endian) ‖ sealed reply.
    /// Binary rather than JSON so that a 1 MiB reply does not grow fourfold.
    fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(CASE_LEN + 8 + self.sealed.len());
        out.extend_from_slice(&self.case);
        out.extend_from_slice(&self.sequence.to_be_bytes());
        out.extend_from_slice(&self.sealed);
        out
    }

    fn from_bytes(bytes: &[u8]) -> Result<Self, StoreError> {
        let damaged = || StoreError::Damaged(StoreDamage::Reply);
        let (case, rest) = bytes.split_first_chunk::<CASE_LEN>().ok_or_else(damaged)?;
        let (sequence, sealed) = rest.split_first_chunk::<8>().ok_or_else(damaged)?;
        Ok(StoredReply {
            case: *case,
            sequence: u64::from_be_bytes(*sequence),
            sealed: sealed.to_vec(),
        })
    }
}

/// A reply to store: its mailbox and id, and what to keep.
#[derive(Debug, Clone)]
pub struct NewReply {
    /// The mailbox it is for.
    pub lookup_id: [u8; 32],
    /// Its id.
    pub reply_id: [u8; REPLY_ID_LEN],
    /// What to keep.
    pub reply: StoredReply,
}

/// What an import stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportedCounts {
    /// Replies stored for the first time.
    pub added: usize,
    /// Replies the drop had stored before (perhaps deleted since): left as they are.
    pub already_seen: usize,
}

fn reply_key(lookup_id: &[u8; 32], reply_id: &[u8; REPLY_ID_LEN]) -> [u8; 32 + REPLY_ID_LEN] {
    let mut key = [0u8; 32 + REPLY_ID_LEN];
    key[..32].copy_from_slice(lookup_id);
    key[32..].copy_from_slice(reply_id);
    key
}

fn seen_hash(seen_key: &[u8; 32], reply_id: &[u8; REPLY_ID_LEN]) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(seen_key).expect("HMAC takes any key length");
    mac.update(reply_id);
    mac.finalize().into_bytes().into()
}

impl Store {
    /// Stores the replies never seen before, all in one transaction, then flushes sled.
    /// `seen_key` keys the hashes of reply ids (see [`crate::drop_key::DropSecrets`]).
    pub async fn import_replies(
        &self,
        seen_key: &[u8; 32],
        replies: &[NewReply],
    ) -> Result<ImportedCounts, StoreError> {
        let guard = self.commit_lock.lock().await;
        let hashes: Vec<[u8; 32]> = replies
            .iter()
            .map(|r| seen_hash(seen_key, &r.reply_id))
            .collect();
        let counts = (&self.replies, &self.seen).transaction(|(stored, seen)| {
            // The closure may run again on conflict: count afresh each time.
            let mut counts = ImportedCounts::default();
            for (new, hash) in replies.iter().zip(&hashes) {
                if seen.insert(&hash[..], &[][..])?.is_some() {
                    counts.already_seen += 1;
                    continue;
                }
                stored.insert(
                    &reply_key(&new.lookup_id, &new.reply_id)[..],
                    new.reply.to_bytes(),
                )?;
                counts.added += 1;
            }
            Ok::<_, sled::transaction::ConflictableTransactionError<StoreError>>(counts)
        })?;
        drop(guard);
        self.db.flush_async().await?;
        Ok(counts)
    }

    /// A mailbox's replies, by reply id.
    pub fn replies_of(
        &self,
        lookup_id: &[u8; 32],
    ) -> Result<Vec<([u8; REPLY_ID_LEN], StoredReply)>, StoreError> {
        self.replies
            .scan_prefix(lookup_id)
            .map(|kv| {
                let (k, v) = kv?;
                let id: [u8; REPLY_ID_LEN] = k[32..]
                    .try_into()
                    .map_err(|_| StoreError::Damaged(StoreDamage::ReplyKey))?;
                Ok((id, StoredReply::from_bytes(&v)?))
            })
            .collect()
    }

    /// Deletes one of a mailbox's replies and, if `update` returns one, replaces the
    /// mailbox's sealed record, in one transaction, durably. Returns whether the reply was
    /// there. Its id stays in `seen`, so no bundle brings it back. `update` receives the
    /// current record and runs while no other commit can run.
    pub async fn delete_reply<F>(
        &self,
        lookup_id: &[u8; 32],
        reply_id: &[u8; REPLY_ID_LEN],
        update: F,
    ) -> Result<bool, StoreError>
    where
        F: FnOnce(Option<&[u8]>) -> Option<Vec<u8>>,
    {
        let guard = self.commit_lock.lock().await;
        let old = self.mailboxes.get(lookup_id)?;
        let new = update(old.as_deref());
        let key = reply_key(lookup_id, reply_id);
        let removed = (&self.replies, &self.mailboxes).transaction(|(replies, mailboxes)| {
            if let Some(new) = &new {
                mailboxes.insert(&lookup_id[..], new.as_slice())?;
            }
            Ok::<_, sled::transaction::ConflictableTransactionError<StoreError>>(
                replies.remove(&key[..])?.is_some(),
            )
        })?;
        drop(guard);
        self.db.flush_async().await?;
        Ok(removed)
    }

    /// Deletes the envelopes the desk has acknowledged: for each known id, the record (made
    /// durable first, so a crash leaves only an unrecorded file that the start-up clean-up
    /// removes), then the file, then the folder is fsync'd. Unknown ids are ignored.
    /// Returns how many were deleted.
    pub async fn delete_envelopes(&self, ids: &[String]) -> Result<usize, StoreError> {
        let guard = self.commit_lock.lock().await;
        let mut removed = Vec::new();
        for id in ids {
            if !crate::envelope::valid_envelope_id(id) {
                continue;
            }
            if self.envelopes.remove(id.as_bytes())?.is_some() {
                removed.push(id.clone());
            }
        }
        drop(guard);
        if removed.is_empty() {
            return Ok(0);
        }
        self.db.flush_async().await?;
        let layout = self.layout.clone();
        let count = removed.len();
        tokio::task::spawn_blocking(move || -> std::io::Result<()> {
            for id in &removed {
                match std::fs::remove_file(layout.envelope_path(id)) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                    _ => {}
                }
            }
            crate::util::sync_dir(&layout.envelopes_dir())
        })
        .await
        .map_err(std::io::Error::other)??;
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_reply_round_trips() {
        let r = StoredReply {
            case: [7; 8],
            sequence: 42,
            sealed: b"age".to_vec(),
        };
        assert_eq!(StoredReply::from_bytes(&r.to_bytes()).unwrap(), r);
        assert!(StoredReply::from_bytes(&[1; 15]).is_err());
    }
}
