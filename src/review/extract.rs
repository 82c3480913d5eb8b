//! Turning a decrypted envelope into a message folder.
//!
//! The plaintext arrives either split into one file per entry ([`super::split`], the ZIP
//! exactly as Amana writes it: the files are moved into place, never copied) or as a whole
//! ZIP read through its central directory (anything else). Either way the ZIP is hostile
//! until proven otherwise: anyone who knows a desk's public key can make one. Only entries
//! named in the metadata are used, sizes and SHA-256 must match it, entry names never become
//! paths, and the folder appears (by rename) only when complete.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use super::split::{Split, SplitEntry, Splitter};
use super::ContentProblem;
use crate::envelope::{self, EnvelopeMeta, Item};

/// Why an envelope's contents were refused, or could not be written out.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// The contents are malformed or do not match the metadata.
    #[error("{0}")]
    Bad(ContentProblem),
    /// Writing failed (in [`extract_envelope`], reading the plaintext too).
    #[error("{}: {}", .0.display(), .1)]
    Output(PathBuf, io::Error),
}

/// A decrypted envelope whose age stream authenticated, ready to be checked and extracted.
pub enum Plaintext {
    /// One file per entry, from [`Split::Entries`].
    Split(Vec<SplitEntry>),
    /// A whole ZIP, read through its central directory.
    Zip(zip::ZipArchive<File>),
}

impl Plaintext {
    /// Takes what a [`Splitter`] made of an authenticated stream.
    pub fn new(split: Split) -> Result<Self, ExtractError> {
        match split {
            Split::Entries(entries) => Ok(Plaintext::Split(entries)),
            Split::Whole(file) => zip::ZipArchive::new(file).map(Plaintext::Zip).map_err(|e| {
                ExtractError::Bad(ContentProblem::NotAZip {
                    detail: e.to_string(),
                })
            }),
        }
    }

    /// Reads and checks the metadata record.
    pub fn meta(&mut self) -> Result<EnvelopeMeta, ExtractError> {
        let missing = || ExtractError::Bad(ContentProblem::NoMetadata);
        let too_large = || ExtractError::Bad(ContentProblem::MetadataTooLarge);
        let mut bytes = Vec::new();
        let read_err = |e: io::Error| {
            ExtractError::Bad(ContentProblem::Unreadable {
                entry: envelope::META_ENTRY.into(),
                detail: e.to_string(),
            })
        };
        match self {
            Plaintext::Zip(zip) => {
                let entry = zip.by_name(envelope::META_ENTRY).map_err(|_| missing())?;
                if entry.size() > envelope::MAX_META_BYTES {
                    return Err(too_large());
                }
                entry
                    .take(envelope::MAX_META_BYTES)
                    .read_to_end(&mut bytes)
                    .map_err(read_err)?;
            }
            Plaintext::Split(entries) => {
                let entry = find(entries, envelope::META_ENTRY)?.ok_or_else(missing)?;
                if entry.record.size > envelope::MAX_META_BYTES {
                    return Err(too_large());
                }
                let path = entry.path.as_ref().ok_or_else(missing)?;
                File::open(path)
                    .map_err(|e| ExtractError::Output(path.clone(), e))?
                    .take(envelope::MAX_META_BYTES)
                    .read_to_end(&mut bytes)
                    .map_err(read_err)?;
            }
        }
        parse_meta(&bytes)
    }

    /// Extracts every item into `staging` (a fresh folder). The caller renames it into place.
    pub fn extract_into(
        &mut self,
        meta: &EnvelopeMeta,
        staging: &Path,
        provenance: &serde_json::Value,
    ) -> Result<(), ExtractError> {
        match self {
            Plaintext::Zip(zip) => extract_with(meta, staging, provenance, |item, dest| {
                copy_item(zip, item, dest)
            }),
            Plaintext::Split(entries) => {
                let mut used = HashSet::new();
                extract_with(meta, staging, provenance, |item, dest| {
                    move_item(entries, &mut used, item, dest)
                })
            }
        }
    }
}

/// The one split entry named `name`; two entries of one name are refused.
fn find<'a>(entries: &'a [SplitEntry], name: &str) -> Result<Option<&'a SplitEntry>, ExtractError> {
    let mut named = entries.iter().filter(|e| e.record.name == name);
    let first = named.next();
    if named.next().is_some() {
        return Err(ExtractError::Bad(ContentProblem::Duplicate {
            entry: name.into(),
        }));
    }
    Ok(first)
}

/// Checks a split entry against its item and moves its file to `dest`, made durable.
fn move_item(
    entries: &[SplitEntry],
    used: &mut HashSet<String>,
    item: &Item,
    dest: &Path,
) -> Result<(), ExtractError> {
    let entry = find(entries, &item.entry)?.ok_or_else(|| missing(item))?;
    let (Some(path), Some(sha256)) = (&entry.path, &entry.sha256) else {
        return Err(missing(item));
    };
    if !used.insert(item.entry.clone()) {
        return Err(ExtractError::Bad(ContentProblem::ListedTwice {
            entry: item.entry.clone(),
        }));
    }
    if entry.record.size != item.size {
        return Err(wrong_size(item, entry.record.size));
    }
    if hex::encode(sha256) != item.sha256 {
        return Err(hash_mismatch(item));
    }
    let out_err = |e: io::Error| ExtractError::Output(dest.to_path_buf(), e);
    fs::rename(path, dest).map_err(out_err)?;
    File::open(dest).and_then(|f| f.sync_all()).map_err(out_err)
}

/// An item's entry is not in the archive.
fn missing(item: &Item) -> ExtractError {
    ExtractError::Bad(ContentProblem::Missing {
        entry: item.entry.clone(),
    })
}

/// An item's entry is `actual` bytes, not the size recorded.
fn wrong_size(item: &Item, actual: u64) -> ExtractError {
    ExtractError::Bad(ContentProblem::WrongSize {
        entry: item.entry.clone(),
        recorded: item.size,
        actual,
    })
}

/// An item's entry does not have the SHA-256 recorded.
fn hash_mismatch(item: &Item) -> ExtractError {
    ExtractError::Bad(ContentProblem::HashMismatch {
        entry: item.entry.clone(),
    })
}

/// Checks a metadata record's JSON.
fn parse_meta(bytes: &[u8]) -> Result<EnvelopeMeta, ExtractError> {
    let bad = |problem: ContentProblem| Err(ExtractError::Bad(problem));
    let meta: EnvelopeMeta = match serde_json::from_slice(bytes) {
        Ok(meta) => meta,
        Err(e) => {
            return bad(ContentProblem::MetadataJson {
                detail: e.to_string(),
            })
        }
    };
    if meta.format != envelope::FORMAT || meta.version != envelope::VERSION {
        return bad(ContentProblem::Unsupported {
            format: meta.format,
            version: meta.version,
        });
    }
    if !envelope::valid_envelope_id(&meta.id) {
        return bad(ContentProblem::BadId);
    }
    if meta.mailbox.len() != 64 || !meta.mailbox.bytes().all(|b| b.is_ascii_hexdigit()) {
        return bad(ContentProblem::BadMailbox);
    }
    if crate::util::parse_day(&meta.day).is_none() {
        return bad(ContentProblem::BadDay);
    }
    if !crate::desk::valid_desk_name(&meta.desk) {
        return bad(ContentProblem::BadDesk);
    }
    Ok(meta)
}

/// Copies one item out of the ZIP into `dest`, checking size and SHA-256.
fn copy_item(
    zip: &mut zip::ZipArchive<File>,
    item: &Item,
    dest: &Path,
) -> Result<(), ExtractError> {
    let mut entry = zip.by_name(&item.entry).map_err(|_| missing(item))?;
    if entry.size() != item.size {
        return Err(wrong_size(item, entry.size()));
    }
    let out_err = |e: io::Error| ExtractError::Output(dest.to_path_buf(), e);
    let mut out = crate::util::create_private_file(dest).map_err(out_err)?;
    // Hashed beside the copy, on another core when the item is large.
    let mut hasher = crate::util::Sha256Stream::new();
    let mut limited = (&mut entry).take(item.size);
    let mut buf = vec![0u8; 256 * 1024];
    let mut total = 0u64;
    loop {
        let n = limited.read(&mut buf).map_err(|e| {
            ExtractError::Bad(ContentProblem::Unreadable {
                entry: item.entry.clone(),
                detail: e.to_string(),
            })
        })?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        out.write_all(&buf[..n]).map_err(out_err)?;
        total += n as u64;
    }
    zeroize::Zeroize::zeroize(&mut buf[..]);
    if total != item.size || hex::encode(hasher.finalize()) != item.sha256 {
        return Err(hash_mismatch(item));
    }
    out.sync_all().map_err(out_err)
}

/// Builds the message folder in `staging`, getting each item's file from `fetch`.
fn extract_with(
    meta: &EnvelopeMeta,
    staging: &Path,
    provenance: &serde_json::Value,
    mut fetch: impl FnMut(&Item, &Path) -> Result<(), ExtractError>,
) -> Result<(), ExtractError> {
    let out_err = |p: &Path| {
        let p = p.to_path_buf();
        move |e: io::Error| ExtractError::Output(p, e)
    };
    crate::util::create_new_private_dir(staging).map_err(out_err(staging))?;
    fetch(&meta.message, &staging.join("message.txt"))?;
    if let Some(contact) = &meta.contact {
        fetch(contact, &staging.join("contact.txt"))?;
    }
    let mut saved = Vec::new();
    if !meta.attachments.is_empty() {
        let dir = staging.join("attachments");
        crate::util::create_new_private_dir(&dir).map_err(out_err(&dir))?;
        let mut taken = HashSet::new();
        for (i, item) in meta.attachments.iter().enumerate() {
            let untrusted = item.name.as_deref().unwrap_or_default();
            let safe = crate::names::safe_file_name(untrusted, &format!("attachment-{}", i + 1));
            let name = crate::names::unique_name(&safe, &mut taken);
            fetch(item, &dir.join(&name))?;
            saved.push(name);
        }
        crate::util::sync_dir(&dir).map_err(out_err(&dir))?;
    }
    let record = serde_json::json!({
        "envelope": meta,
        "saved_attachments": saved,
        "provenance": provenance,
    });
    let meta_path = staging.join("metadata.json");
    let mut bytes = serde_json::to_vec_pretty(&record).expect("serialises");
    bytes.push(b'\n');
    let mut f = crate::util::create_private_file(&meta_path).map_err(out_err(&meta_path))?;
    f.write_all(&bytes).map_err(out_err(&meta_path))?;
    f.sync_all().map_err(out_err(&meta_path))?;
    crate::util::sync_dir(staging).map_err(out_err(staging))
}

/// Checks a decrypted envelope (the stored ZIP inside the age file) and extracts it into
/// `staging`, a folder that must not exist yet: what `open` does once the age layer has
/// authenticated, minus the move into place. Public so that fuzzers and tests reach the ZIP
/// splitter and the metadata parser without an age key; [`super::open_bundle`] is the way to
/// open bundles. On error `staging` may hold a partial extraction: the caller removes it.
/// A failure to read `plain` is an [`ExtractError::Output`] at the split folder, as is one
/// to write there.
pub fn extract_envelope(
    mut plain: impl Read,
    staging: &Path,
) -> Result<EnvelopeMeta, ExtractError> {
    let parent = staging.parent().unwrap_or(Path::new("."));
    let split_dir =
        tempfile::tempdir_in(parent).map_err(|e| ExtractError::Output(parent.into(), e))?;
    let split_err = |e: io::Error| ExtractError::Output(split_dir.path().into(), e);
    let mut splitter = Splitter::new(split_dir.path());
    io::copy(&mut plain, &mut splitter).map_err(split_err)?;
    let mut plaintext = Plaintext::new(splitter.finish().map_err(split_err)?)?;
    let meta = plaintext.meta()?;
    plaintext.extract_into(&meta, staging, &serde_json::Value::Null)?;
    Ok(meta)
}
