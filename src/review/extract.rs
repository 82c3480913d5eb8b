//! Turning a decrypted envelope (a ZIP in a temporary file) into a message folder.
//!
//! The ZIP is hostile until proven otherwise: anyone who knows a desk's public key can make
//! one. Only entries named in the metadata are read, sizes and SHA-256 must match it, entry
//! names never become paths, and the folder appears (by rename) only when complete.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use crate::envelope::{self, EnvelopeMeta, Item};

/// Why an envelope's contents were refused.
#[derive(Debug)]
pub enum ExtractError {
    /// The contents are malformed or do not match the metadata.
    Bad(String),
    /// Writing failed.
    Output(PathBuf, io::Error),
}

/// Reads and checks the metadata record of a decrypted envelope.
pub fn read_meta(zip: &mut zip::ZipArchive<File>) -> Result<EnvelopeMeta, ExtractError> {
    let bad = |m: String| ExtractError::Bad(m);
    let entry = zip
        .by_name(envelope::META_ENTRY)
        .map_err(|_| bad("no metadata record".into()))?;
    if entry.size() > envelope::MAX_META_BYTES {
        return Err(bad("metadata record too large".into()));
    }
    let mut bytes = Vec::new();
    entry
        .take(envelope::MAX_META_BYTES)
        .read_to_end(&mut bytes)
        .map_err(|e| bad(e.to_string()))?;
    let meta: EnvelopeMeta =
        serde_json::from_slice(&bytes).map_err(|e| bad(format!("metadata: {e}")))?;
    if meta.format != envelope::FORMAT || meta.version != envelope::VERSION {
        return Err(bad(format!(
            "unsupported envelope {} version {}",
            meta.format, meta.version
        )));
    }
    if !envelope::valid_envelope_id(&meta.id) {
        return Err(bad("bad envelope id".into()));
    }
    if meta.mailbox.len() != 64 || !meta.mailbox.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(bad("bad mailbox reference".into()));
    }
    if crate::util::parse_day(&meta.day).is_none() {
        return Err(bad("bad day".into()));
    }
    if !crate::desk::valid_desk_name(&meta.desk) {
        return Err(bad("bad desk name".into()));
    }
    Ok(meta)
}

/// Copies one item out of the ZIP into `dest`, checking size and SHA-256.
fn copy_item(
    zip: &mut zip::ZipArchive<File>,
    item: &Item,
    dest: &Path,
) -> Result<(), ExtractError> {
    let mut entry = zip
        .by_name(&item.entry)
        .map_err(|_| ExtractError::Bad(format!("{} is missing", item.entry)))?;
    if entry.size() != item.size {
        return Err(ExtractError::Bad(format!(
            "{} has the wrong size",
            item.entry
        )));
    }
    let out_err = |e: io::Error| ExtractError::Output(dest.to_path_buf(), e);
    let mut out = File::create(dest).map_err(out_err)?;
    // Hashed beside the copy, on another core when the item is large.
    let mut hasher = crate::util::Sha256Stream::new();
    let mut limited = (&mut entry).take(item.size);
    let mut buf = vec![0u8; 256 * 1024];
    let mut total = 0u64;
    loop {
        let n = limited
            .read(&mut buf)
            .map_err(|e| ExtractError::Bad(format!("{}: {e}", item.entry)))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        out.write_all(&buf[..n]).map_err(out_err)?;
        total += n as u64;
    }
    zeroize::Zeroize::zeroize(&mut buf[..]);
    if total != item.size || hex::encode(hasher.finalize()) != item.sha256 {
        return Err(ExtractError::Bad(format!(
            "{} does not match its recorded SHA-256",
            item.entry
        )));
    }
    out.sync_all().map_err(out_err)
}

/// Extracts every item into `staging` (a fresh folder). The caller renames it into place.
pub fn extract_into(
    zip: &mut zip::ZipArchive<File>,
    meta: &EnvelopeMeta,
    staging: &Path,
    provenance: &serde_json::Value,
) -> Result<(), ExtractError> {
    let out_err = |p: &Path| {
        let p = p.to_path_buf();
        move |e: io::Error| ExtractError::Output(p, e)
    };
    fs::create_dir(staging).map_err(out_err(staging))?;
    copy_item(zip, &meta.message, &staging.join("message.txt"))?;
    if let Some(contact) = &meta.contact {
        copy_item(zip, contact, &staging.join("contact.txt"))?;
    }
    let mut saved = Vec::new();
    if !meta.attachments.is_empty() {
        let dir = staging.join("attachments");
        fs::create_dir(&dir).map_err(out_err(&dir))?;
        let mut taken = HashSet::new();
        for (i, item) in meta.attachments.iter().enumerate() {
            let untrusted = item.name.as_deref().unwrap_or_default();
            let safe = crate::names::safe_file_name(untrusted, &format!("attachment-{}", i + 1));
            let name = crate::names::unique_name(&safe, &mut taken);
            copy_item(zip, item, &dir.join(&name))?;
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
    let mut f = File::create(&meta_path).map_err(out_err(&meta_path))?;
    f.write_all(&bytes).map_err(out_err(&meta_path))?;
    f.sync_all().map_err(out_err(&meta_path))?;
    crate::util::sync_dir(staging).map_err(out_err(staging))
}

/// Checks a decrypted envelope (the stored ZIP inside the age file) and extracts it into
/// `staging`, a folder that must not exist yet: what `open` does once the age layer has
/// authenticated, minus the move into place. Public so that fuzzers and tests reach the ZIP
/// and metadata parsers without an age key; [`super::open_bundle`] is the way to open
/// bundles. On error `staging` may hold a partial extraction: the caller removes it.
pub fn extract_envelope(plain: File, staging: &Path) -> Result<EnvelopeMeta, String> {
    let describe = |e: ExtractError| match e {
        ExtractError::Bad(m) => m,
        ExtractError::Output(p, e) => format!("{}: {e}", p.display()),
    };
    let mut zip =
        zip::ZipArchive::new(plain).map_err(|e| format!("not a valid envelope container: {e}"))?;
    let meta = read_meta(&mut zip).map_err(describe)?;
    extract_into(&mut zip, &meta, staging, &serde_json::Value::Null).map_err(describe)?;
    Ok(meta)
}
