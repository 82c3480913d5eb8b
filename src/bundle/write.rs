//! Writing a bundle on the drop.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::PathBuf;

use super::{
    BundleError, Malformation, Manifest, ManifestEntry, ENVELOPE_DIR, MANIFEST_NAME, SIGNATURE_NAME,
};
use crate::util::HashingReader;

/// One stored envelope to put in a bundle.
#[derive(Debug, Clone)]
pub struct ExportItem {
    /// The envelope file; its name must be `<16 hex digits>.age`.
    pub path: PathBuf,
    /// Its desk.
    pub desk: String,
    /// The key ids it was sealed to.
    pub key_ids: Vec<String>,
    /// Its size when sealed.
    pub size: u64,
}

pub(super) fn header(path: &str, size: u64, mtime: u64) -> Result<tar::Header, BundleError> {
    let mut h = tar::Header::new_ustar();
    h.set_path(path)?;
    h.set_size(size);
    h.set_mode(0o644);
    h.set_uid(0);
    h.set_gid(0);
    h.set_username("")?;
    h.set_groupname("")?;
    h.set_mtime(mtime);
    h.set_entry_type(tar::EntryType::Regular);
    h.set_cksum();
    Ok(h)
}

/// Writes a bundle of `items` to `out` and returns `out`; the caller makes it durable.
///
/// `sequences` gives, for every desk of the items (and any other desk being exported), this
/// bundle's number in that desk's series. The manifest comes first, so every envelope is read
/// twice: once to hash it for the manifest, then again while it is copied, re-hashed, into
/// the tar. A file whose size differs from its record, or that changes in between, stops the
/// export.
pub fn write_bundle<W: Write>(
    out: W,
    signer: &ed25519_dalek::SigningKey,
    sequences: &BTreeMap<String, u64>,
    items: &[ExportItem],
) -> Result<W, BundleError> {
    let day = crate::util::today();
    let mtime = crate::util::day_start_unix(&day).unwrap_or(0);
    let mut named: Vec<(String, &ExportItem)> = Vec::with_capacity(items.len());
    for item in items {
        let file = item
            .path
            .file_name()
            .and_then(|n| n.to_str())
            .filter(|n| {
                n.strip_suffix(".age")
                    .is_some_and(crate::envelope::valid_envelope_id)
            })
            .ok_or_else(|| {
                BundleError::Malformed(Malformation::BadEnvelopeFile {
                    path: item.path.clone(),
                })
            })?;
        named.push((format!("{ENVELOPE_DIR}{file}"), item));
    }
    named.sort_by(|a, b| a.0.cmp(&b.0));
    let mut digests = Vec::with_capacity(named.len());
    for (file, item) in &named {
        digests.push(hash_envelope(file, item)?);
    }
    let entries = named
        .iter()
        .zip(&digests)
        .map(|((file, item), digest)| ManifestEntry {
            file: file.clone(),
            desk: item.desk.clone(),
            key_ids: item.key_ids.clone(),
            size: item.size,
            sha256: hex::encode(digest),
        })
        .collect();
    let manifest = Manifest::new(&signer.verifying_key(), day, sequences.clone(), entries);
    let (manifest_bytes, sig) = manifest.sign(signer);

    let mut tar = tar::Builder::new(out);
    tar.mode(tar::HeaderMode::Deterministic);
    let h = header(MANIFEST_NAME, manifest_bytes.len() as u64, mtime)?;
    tar.append(&h, &manifest_bytes[..])?;
    let h = header(SIGNATURE_NAME, sig.len() as u64, mtime)?;
    tar.append(&h, &sig[..])?;
    for ((file, item), digest) in named.iter().zip(&digests) {
        let f = std::fs::File::open(&item.path)?;
        if f.metadata()?.len() != item.size {
            return Err(BundleError::EnvelopeChanged(file.clone()));
        }
        let h = header(file, item.size, mtime)?;
        let mut reader = HashingReader::new(f.take(item.size));
        tar.append(&h, &mut reader)?;
        let (n, digest_now) = reader.finish();
        if n != item.size || digest_now != *digest {
            return Err(BundleError::EnvelopeChanged(file.clone()));
        }
    }
    Ok(tar.into_inner()?)
}

/// The SHA-256 of one envelope file, checking its size against the record.
fn hash_envelope(file: &str, item: &ExportItem) -> Result<[u8; 32], BundleError> {
    let f = std::fs::File::open(&item.path)?;
    if f.metadata()?.len() != item.size {
        return Err(BundleError::EnvelopeChanged(file.to_string()));
    }
    let mut reader = HashingReader::new(std::io::BufReader::with_capacity(1 << 20, f));
    std::io::copy(&mut reader, &mut std::io::sink())?;
    let (n, digest) = reader.finish();
    if n != item.size {
        return Err(BundleError::EnvelopeChanged(file.to_string()));
    }
    Ok(digest)
}
