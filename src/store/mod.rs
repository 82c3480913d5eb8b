//! Where sealed envelopes are kept: ciphertext files with random names, plus small records
//! in sled.
//!
//! sled holds only small records (it keeps values whole in memory and rewrites them with
//! their leaf): the envelope's facts, one sealed sent note per envelope (under a tag only
//! its reporter's code can compute, see [`crate::mailbox::notes`]), each mailbox's sealed
//! state, the per-desk bundle sequence numbers, and the replies (each at most 1 MiB, sealed
//! to its reporter). The ciphertext lives in `envelopes/<id>.age`. An envelope becomes part
//! of the drop in a fixed order — file fsync'd, renamed into place, folder fsync'd, record
//! and note written in one transaction, sled flushed — and [`reconcile`] cleans whatever a
//! crash left between two steps.
//!
//! A submission writes nothing under its mailbox's `lookup_id`: sled's log places an
//! envelope's record beside its note only, and a note names no mailbox.
//!
//! Everything here goes through this small interface so that sled (whose 0.34 line has open
//! reports of damage after abrupt stops) can be replaced without touching the server.

mod error;
mod layout;
mod reconcile;
mod records;
mod replies;

use std::path::{Path, PathBuf};

use sled::Transactional;

pub use crate::write_behind::WriteBehind as EnvelopeOutput;
pub use error::{StoreDamage, StoreError};
pub use layout::Layout;
pub use reconcile::{reconcile, ReconcileReport};
pub use records::EnvelopeRecord;
pub use replies::{ImportedCounts, NewReply, StoredReply, REPLY_ID_LEN};

use crate::seal::Sealed;

/// The drop's storage: one per data folder, one process at a time.
pub struct Store {
    layout: Layout,
    db: sled::Db,
    envelopes: sled::Tree,
    mailboxes: sled::Tree,
    /// Sent notes, keyed by their tags.
    notes: sled::Tree,
    sequences: sled::Tree,
    /// Sealed replies, keyed `lookup_id || reply_id`.
    replies: sled::Tree,
    /// Keyed hashes of every reply id ever stored, so a deleted reply never comes back.
    seen: sled::Tree,
    /// Serialises commits, so that a mailbox's read-modify-write is not interleaved.
    commit_lock: tokio::sync::Mutex<()>,
}

impl Store {
    /// Opens (creating) the data folder and its database. Fails if another process has it.
    pub fn open(data: &Path) -> Result<Self, StoreError> {
        let layout = Layout::create(data)?;
        let db = sled::Config::new().path(layout.db_dir()).open()?;
        Ok(Store {
            envelopes: db.open_tree("envelopes")?,
            mailboxes: db.open_tree("mailboxes")?,
            notes: db.open_tree("sent")?,
            sequences: db.open_tree("sequences")?,
            replies: db.open_tree("replies")?,
            seen: db.open_tree("seen")?,
            db,
            layout,
            commit_lock: tokio::sync::Mutex::new(()),
        })
    }

    /// The folder layout.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// A new temporary file for ciphertext, deleted when dropped unless placed.
    pub fn temp_envelope(&self) -> std::io::Result<tempfile::NamedTempFile> {
        tempfile::Builder::new()
            .prefix("incoming-")
            .tempfile_in(self.layout.tmp_dir())
    }

    /// Makes a finished envelope durable and puts it in place (blocking: call it from the
    /// sealing thread): the file's time is set to the start of its day, then file fsync,
    /// rename to `envelopes/<id>.age`, folder fsync.
    pub fn place_envelope(
        &self,
        tmp: tempfile::NamedTempFile,
        sealed: &Sealed,
        day: &str,
    ) -> std::io::Result<PathBuf> {
        if !crate::envelope::valid_envelope_id(&sealed.id) {
            return Err(std::io::Error::other("invalid envelope id"));
        }
        let when = crate::util::day_start_unix(day)
            .map(|s| std::time::UNIX_EPOCH + std::time::Duration::from_secs(s))
            .unwrap_or(std::time::UNIX_EPOCH);
        let file = tmp.as_file();
        file.set_times(
            std::fs::FileTimes::new()
                .set_modified(when)
                .set_accessed(when),
        )?;
        file.sync_all()?;
        let path = self.layout.envelope_path(&sealed.id);
        tmp.persist_noclobber(&path).map_err(|e| e.error)?;
        crate::util::sync_dir(&self.layout.envelopes_dir())?;
        Ok(path)
    }

    /// Records a placed envelope and its sent note in one transaction, then flushes sled
    /// to disk. Only after this returns may the reporter be told it arrived.
    ///
    /// `note` returns the note's tag and sealed bytes, or `None` to refuse the message (over
    /// quota); it runs while no other commit can run, so the notes and mailbox records it
    /// reads through this store stay as they are until the note is written.
    pub async fn commit<F>(&self, sealed: &Sealed, day: &str, note: F) -> Result<(), StoreError>
    where
        F: FnOnce(&Store) -> Result<Option<([u8; 32], Vec<u8>)>, StoreError>,
    {
        let guard = self.commit_lock.lock().await;
        let record = EnvelopeRecord::new(sealed, day);
        let (tag, note) = note(self)?.ok_or(StoreError::Refused)?;
        (&self.envelopes, &self.notes).transaction(|(envelopes, notes)| {
            if notes.insert(&tag[..], note.as_slice())?.is_some() {
                return Err(sled::transaction::ConflictableTransactionError::Abort(
                    StoreError::Damaged(StoreDamage::NoteTagTaken),
                ));
            }
            envelopes.insert(sealed.id.as_bytes(), record.to_bytes())?;
            Ok(())
        })?;
        drop(guard);
        self.db.flush_async().await?;
        Ok(())
    }

    /// The sent note stored under `tag`, if any.
    pub fn sent_note(&self, tag: &[u8; 32]) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.notes.get(tag)?.map(|v| v.to_vec()))
    }

    /// The sealed record of a mailbox, if it has one.
    pub fn mailbox_state(&self, lookup_id: &[u8; 32]) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.mailboxes.get(lookup_id)?.map(|v| v.to_vec()))
    }

    /// Every envelope record, by id.
    pub fn records(&self) -> Result<Vec<(String, EnvelopeRecord)>, StoreError> {
        self.envelopes
            .iter()
            .map(|kv| {
                let (k, v) = kv?;
                let id = String::from_utf8(k.to_vec())
                    .map_err(|_| StoreError::Damaged(StoreDamage::EnvelopeId))?;
                Ok((id, EnvelopeRecord::from_bytes(&v)?))
            })
            .collect()
    }

    /// The last bundle sequence number used for `desk` (0 before the first bundle).
    pub fn last_sequence(&self, desk: &str) -> Result<u64, StoreError> {
        match self.sequences.get(desk.as_bytes())? {
            None => Ok(0),
            Some(v) => {
                let bytes: [u8; 8] = v.as_ref().try_into().map_err(|_| {
                    StoreError::Damaged(StoreDamage::Sequence {
                        desk: desk.to_string(),
                    })
                })?;
                Ok(u64::from_be_bytes(bytes))
            }
        }
    }

    /// Marks envelopes exported and stores the sequence numbers a bundle used, durably.
    /// Call only once the bundle file itself is durable.
    pub async fn mark_exported(
        &self,
        ids: &[String],
        sequences: &std::collections::BTreeMap<String, u64>,
    ) -> Result<(), StoreError> {
        let guard = self.commit_lock.lock().await;
        (&self.envelopes, &self.sequences).transaction(|(envelopes, seqs)| {
            for id in ids {
                if let Some(v) = envelopes.get(id.as_bytes())? {
                    let mut record = EnvelopeRecord::from_bytes(&v)
                        .map_err(sled::transaction::ConflictableTransactionError::Abort)?;
                    record.exported = true;
                    envelopes.insert(id.as_bytes(), record.to_bytes())?;
                }
            }
            for (desk, seq) in sequences {
                seqs.insert(desk.as_bytes(), &seq.to_be_bytes())?;
            }
            Ok(())
        })?;
        drop(guard);
        self.db.flush_async().await?;
        Ok(())
    }

    /// Writes everything sled still holds in memory to disk (a stopping drop calls it last).
    pub async fn flush(&self) -> Result<(), StoreError> {
        self.db.flush_async().await?;
        Ok(())
    }

    /// Free bytes on the data folder's file system.
    pub fn free_space(&self) -> std::io::Result<u64> {
        let stat = rustix::fs::statvfs(self.layout.root()).map_err(std::io::Error::from)?;
        Ok(stat.f_bavail.saturating_mul(stat.f_frsize))
    }

    pub(crate) fn envelope_tree(&self) -> &sled::Tree {
        &self.envelopes
    }
}
