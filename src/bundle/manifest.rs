//! The bundle manifest and its signature.

use std::collections::BTreeMap;

use base64::Engine as _;
use ed25519_dalek::{Signer, Verifier};
use serde::{Deserialize, Serialize};

use super::{BundleError, Malformation, ENVELOPE_DIR, MAX_ENVELOPES};

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// What the drop's signature covers: this context string, then the manifest's bytes.
pub const MANIFEST_CONTEXT: &[u8] = b"amana-bundle-manifest-v1\0";
const FORMAT: &str = "amana-bundle";
const VERSION: u32 = 1;

/// One envelope as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestEntry {
    /// Its name in the tar: `envelopes/<16 hex digits>.age`.
    pub file: String,
    /// The desk it is sealed for.
    pub desk: String,
    /// Key ids of the recipients it is sealed to.
    pub key_ids: Vec<String>,
    /// Its size in bytes.
    pub size: u64,
    /// Its SHA-256, lower-case hex.
    pub sha256: String,
}

/// The signed list of a bundle's contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Always `amana-bundle`.
    pub format: String,
    /// Always 1 for this code.
    pub version: u32,
    /// The drop's verification key, `ed25519:<base64>`.
    pub drop_key: String,
    /// The day the bundle was written.
    pub day: String,
    /// For each desk in the bundle, this bundle's number in that desk's series (1, 2, …).
    pub sequences: BTreeMap<String, u64>,
    /// The envelopes, sorted by `file`.
    pub envelopes: Vec<ManifestEntry>,
}

impl Manifest {
    /// A new manifest for `drop_key`.
    pub fn new(
        drop_key: &ed25519_dalek::VerifyingKey,
        day: String,
        sequences: BTreeMap<String, u64>,
        mut envelopes: Vec<ManifestEntry>,
    ) -> Self {
        envelopes.sort_by(|a, b| a.file.cmp(&b.file));
        Manifest {
            format: FORMAT.into(),
            version: VERSION,
            drop_key: crate::desk::verifying_key_text(drop_key),
            day,
            sequences,
            envelopes,
        }
    }

    /// Serialises and signs: returns `(manifest bytes, signature file bytes)`.
    pub fn sign(&self, key: &ed25519_dalek::SigningKey) -> (Vec<u8>, Vec<u8>) {
        let mut bytes = serde_json::to_vec_pretty(self).expect("a manifest serialises");
        bytes.push(b'\n');
        let signature = key.sign(&signed_message(&bytes));
        let sig = format!("{}\n", B64.encode(signature.to_bytes())).into_bytes();
        (bytes, sig)
    }

    /// Verifies the signature with the key the manifest names, then checks the manifest's
    /// own consistency. Returns the manifest and that key; whether the key is *trusted* is
    /// the reviewer's decision.
    pub fn verify(
        bytes: &[u8],
        sig: &[u8],
    ) -> Result<(Manifest, ed25519_dalek::VerifyingKey), BundleError> {
        let manifest: Manifest = serde_json::from_slice(bytes).map_err(|e| {
            BundleError::Malformed(Malformation::ManifestJson {
                detail: e.to_string(),
            })
        })?;
        if manifest.format != FORMAT {
            return Err(BundleError::Malformed(Malformation::NotAManifest));
        }
        if manifest.version != VERSION {
            return Err(BundleError::Malformed(Malformation::UnsupportedVersion {
                version: manifest.version,
                supported: VERSION,
            }));
        }
        let key = crate::desk::parse_verifying_key(&manifest.drop_key)
            .ok_or(BundleError::Malformed(Malformation::BadDropKey))?;
        let sig_text = std::str::from_utf8(sig).map_err(|_| BundleError::BadSignature)?;
        let sig_bytes: [u8; 64] = B64
            .decode(
                sig_text
                    .strip_suffix('\n')
                    .ok_or(BundleError::BadSignature)?,
            )
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or(BundleError::BadSignature)?;
        let signature = ed25519_dalek::Signature::from_bytes(&sig_bytes);
        key.verify(&signed_message(bytes), &signature)
            .map_err(|_| BundleError::BadSignature)?;
        manifest.check()?;
        Ok((manifest, key))
    }

    fn check(&self) -> Result<(), BundleError> {
        let bad = |m: Malformation| Err(BundleError::Malformed(m));
        if self.envelopes.len() > MAX_ENVELOPES {
            return bad(Malformation::TooManyEnvelopes {
                count: self.envelopes.len(),
                max: MAX_ENVELOPES,
            });
        }
        if crate::util::parse_day(&self.day).is_none() {
            return bad(Malformation::BadDay {
                day: self.day.clone(),
            });
        }
        for pair in self.envelopes.windows(2) {
            if pair[0].file >= pair[1].file {
                return bad(Malformation::Unsorted);
            }
        }
        for e in &self.envelopes {
            let id = e
                .file
                .strip_prefix(ENVELOPE_DIR)
                .and_then(|f| f.strip_suffix(".age"));
            if !id.is_some_and(crate::envelope::valid_envelope_id) {
                return bad(Malformation::BadEnvelopeName {
                    file: e.file.clone(),
                });
            }
            if !self.sequences.contains_key(&e.desk) {
                return bad(Malformation::NoSequence {
                    desk: e.desk.clone(),
                });
            }
            if e.sha256.len() != 64 || hex::decode(&e.sha256).is_err() {
                return bad(Malformation::BadHash {
                    file: e.file.clone(),
                });
            }
        }
        for desk in self.sequences.keys() {
            if !crate::desk::valid_desk_name(desk) {
                return bad(Malformation::BadDeskName { desk: desk.clone() });
            }
        }
        Ok(())
    }
}

fn signed_message(manifest: &[u8]) -> Vec<u8> {
    let mut m = Vec::with_capacity(MANIFEST_CONTEXT.len() + manifest.len());
    m.extend_from_slice(MANIFEST_CONTEXT);
    m.extend_from_slice(manifest);
    m
}
