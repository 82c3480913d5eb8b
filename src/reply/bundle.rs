//! The reply bundle: a tar of `replies.json`, `replies.sig` and `replies/<id>.age`.

use std::io::{Read, Write};

use base64::Engine as _;
use ed25519_dalek::{Signer, Verifier};
use serde::{Deserialize, Serialize};

use super::content::MAX_SEALED_REPLY;
use super::{ReplyError, ReplyProblem, ReplyTampering};
use crate::desk::DeskPublic;

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;
const FORMAT: &str = "amana-replies";
const VERSION: u32 = 1;
const MANIFEST_NAME: &str = "replies.json";
const SIGNATURE_NAME: &str = "replies.sig";
const REPLY_DIR: &str = "replies/";
const MAX_REPLIES: usize = 10_000;
const MAX_ACKNOWLEDGED: usize = 1_000_000;
const MAX_MANIFEST: u64 = 64 << 20;

/// What the desk's signature covers: this context string, then the manifest's bytes.
pub const REPLY_CONTEXT: &[u8] = b"amana-replies-v1\0";

/// One reply as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplyEntry {
    /// Its name in the tar: `replies/<reply id>.age`.
    pub file: String,
    /// The reporter's mailbox (hex `lookup_id`).
    pub mailbox: String,
    /// The case.
    pub case: String,
    /// The reply's id (16 hex digits).
    pub reply_id: String,
    /// Its number in the case's series.
    pub sequence: u64,
    /// Size of the sealed reply.
    pub size: u64,
    /// SHA-256 of the sealed reply.
    pub sha256: String,
}

/// The signed manifest of a reply bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplyManifest {
    /// Always `amana-replies`.
    pub format: String,
    /// Always 1.
    pub version: u32,
    /// The fingerprint (hex digits) of the drop this bundle is for.
    pub drop: String,
    /// The desk that signs.
    pub desk: String,
    /// The key id of the desk's signing key.
    pub desk_key_id: String,
    /// The day it was written.
    pub day: String,
    /// The replies, sorted by file.
    pub replies: Vec<ReplyEntry>,
    /// Ids of envelopes the desk has opened successfully: the drop may delete them.
    pub acknowledged: Vec<String>,
}

/// A reply bundle in memory (replies are small).
#[derive(Debug, Clone)]
pub struct ReplyBundle {
    /// The manifest.
    pub manifest: ReplyManifest,
    /// The sealed replies, in the manifest's order.
    pub sealed: Vec<Vec<u8>>,
}

fn valid_hex(s: &str, len: usize) -> bool {
    s.len() == len
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl ReplyBundle {
    /// An empty bundle for `drop` (fingerprint) from `desk`.
    pub fn new(drop: &str, desk: &str, desk_key_id: &str) -> Self {
        ReplyBundle {
            manifest: ReplyManifest {
                format: FORMAT.into(),
                version: VERSION,
                drop: crate::drop_key::normalise_fingerprint(drop),
                desk: desk.into(),
                desk_key_id: desk_key_id.into(),
                day: crate::util::today(),
                replies: Vec::new(),
                acknowledged: Vec::new(),
            },
            sealed: Vec::new(),
        }
    }

    /// Adds a sealed reply.
    pub fn push(
        &mut self,
        mailbox: &str,
        case: &str,
        reply_id: &str,
        sequence: u64,
        sealed: Vec<u8>,
    ) {
        self.manifest.replies.push(ReplyEntry {
            file: format!("{REPLY_DIR}{reply_id}.age"),
            mailbox: mailbox.into(),
            case: case.into(),
            reply_id: reply_id.into(),
            sequence,
            size: sealed.len() as u64,
            sha256: hex::encode(crate::util::sha256(&[&sealed])),
        });
        self.sealed.push(sealed);
    }

    /// Signs and writes the bundle as a tar.
    pub fn write(
        &self,
        out: impl Write,
        key: &ed25519_dalek::SigningKey,
    ) -> Result<(), ReplyError> {
        let mut order: Vec<usize> = (0..self.sealed.len()).collect();
        order.sort_by(|&a, &b| {
            self.manifest.replies[a]
                .file
                .cmp(&self.manifest.replies[b].file)
        });
        let mut manifest = self.manifest.clone();
        manifest.replies = order
            .iter()
            .map(|&i| self.manifest.replies[i].clone())
            .collect();
        manifest.acknowledged.sort();
        manifest.acknowledged.dedup();
        manifest.day = crate::util::today();
        let mut bytes = serde_json::to_vec_pretty(&manifest).expect("serialises");
        bytes.push(b'\n');
        let sig = key.sign(&signed(&bytes));
        let sig_text = format!("{}\n", B64.encode(sig.to_bytes()));
        let mtime = crate::util::day_start_unix(&manifest.day).unwrap_or(0);
        let mut tar = tar::Builder::new(out);
        let mut append = |name: &str, data: &[u8]| -> std::io::Result<()> {
            let mut h = tar::Header::new_ustar();
            h.set_path(name)?;
            h.set_size(data.len() as u64);
            h.set_mode(0o644);
            h.set_uid(0);
            h.set_gid(0);
            h.set_mtime(mtime);
            h.set_entry_type(tar::EntryType::Regular);
            h.set_cksum();
            tar.append(&h, data)
        };
        append(MANIFEST_NAME, &bytes)?;
        append(SIGNATURE_NAME, sig_text.as_bytes())?;
        for &i in &order {
            append(&self.manifest.replies[i].file, &self.sealed[i])?;
        }
        tar.into_inner()?.flush()?;
        Ok(())
    }

    /// Reads a reply bundle and verifies it against the desks' signing keys and this drop's
    /// fingerprint. Any fault rejects the whole bundle.
    pub fn read_verified(
        input: impl Read,
        desks: &[DeskPublic],
        drop_fingerprint: &str,
    ) -> Result<Self, ReplyError> {
        let malformed = |p: ReplyProblem| Err(ReplyError::Malformed(p));
        let (bytes, sig, files) = read_tar(input)?;
        let manifest: ReplyManifest = serde_json::from_slice(&bytes).map_err(|e| {
            ReplyError::Malformed(ReplyProblem::ManifestJson {
                detail: e.to_string(),
            })
        })?;
        if manifest.format != FORMAT {
            return malformed(ReplyProblem::NotReplies);
        }
        if manifest.version != VERSION {
            return malformed(ReplyProblem::UnsupportedVersion {
                version: manifest.version,
                supported: VERSION,
            });
        }
        let desk = desks
            .iter()
            .find(|d| d.name == manifest.desk)
            .ok_or_else(|| ReplyError::UnknownDesk(manifest.desk.clone()))?;
        let key = desk
            .signing_key
            .filter(|_| desk.signing_key_id().as_deref() == Some(manifest.desk_key_id.as_str()))
            .ok_or_else(|| ReplyError::NoSigningKey(desk.name.clone()))?;
        let sig_bytes: [u8; 64] = std::str::from_utf8(&sig)
            .ok()
            .and_then(|s| s.strip_suffix('\n'))
            .and_then(|s| B64.decode(s).ok())
            .and_then(|b| b.try_into().ok())
            .ok_or(ReplyError::BadSignature)?;
        key.verify(
            &signed(&bytes),
            &ed25519_dalek::Signature::from_bytes(&sig_bytes),
        )
        .map_err(|_| ReplyError::BadSignature)?;
        if manifest.drop != crate::drop_key::normalise_fingerprint(drop_fingerprint) {
            return Err(ReplyError::WrongDrop);
        }
        if manifest.replies.len() > MAX_REPLIES || manifest.acknowledged.len() > MAX_ACKNOWLEDGED {
            return malformed(ReplyProblem::TooManyEntries {
                replies: manifest.replies.len(),
                acknowledged: manifest.acknowledged.len(),
            });
        }
        if let Some(id) = manifest
            .acknowledged
            .iter()
            .find(|id| !crate::envelope::valid_envelope_id(id))
        {
            return malformed(ReplyProblem::BadAcknowledgedId { id: id.clone() });
        }
        if files.len() != manifest.replies.len() {
            return Err(ReplyError::Tampered(ReplyTampering::Count {
                listed: manifest.replies.len(),
                found: files.len(),
            }));
        }
        let mut sealed = Vec::with_capacity(files.len());
        for (entry, (name, data)) in manifest.replies.iter().zip(files) {
            let well_formed = valid_hex(&entry.reply_id, 16)
                && valid_hex(&entry.mailbox, 64)
                && valid_hex(&entry.case, 16)
                && entry.file == format!("{REPLY_DIR}{}.age", entry.reply_id)
                && entry.sequence > 0;
            if !well_formed {
                return malformed(ReplyProblem::BadEntry {
                    file: entry.file.clone(),
                });
            }
            if name != entry.file
                || data.len() as u64 != entry.size
                || hex::encode(crate::util::sha256(&[&data])) != entry.sha256
            {
                return Err(ReplyError::Tampered(ReplyTampering::Differs {
                    file: entry.file.clone(),
                }));
            }
            sealed.push(data);
        }
        Ok(ReplyBundle { manifest, sealed })
    }
}

fn signed(bytes: &[u8]) -> Vec<u8> {
    let mut m = REPLY_CONTEXT.to_vec();
    m.extend_from_slice(bytes);
    m
}

type TarParts = (Vec<u8>, Vec<u8>, Vec<(String, Vec<u8>)>);

fn read_tar(input: impl Read) -> Result<TarParts, ReplyError> {
    let mut archive = tar::Archive::new(input);
    let mut manifest = None;
    let mut sig = None;
    let mut files = Vec::new();
    let malformed = |p: ReplyProblem| Err(ReplyError::Malformed(p));
    for (i, entry) in archive.entries()?.enumerate() {
        let mut entry = entry.map_err(|e| {
            ReplyError::Malformed(ReplyProblem::Framing {
                detail: e.to_string(),
            })
        })?;
        let name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        if entry.header().entry_type() != tar::EntryType::Regular {
            return malformed(ReplyProblem::NotAFile { name });
        }
        let limit = match i {
            0 => MAX_MANIFEST,
            1 => 1024,
            _ => MAX_SEALED_REPLY,
        };
        if entry.size() > limit {
            return malformed(ReplyProblem::TooLarge { name });
        }
        if files.len() >= MAX_REPLIES {
            return malformed(ReplyProblem::TooManyFiles { max: MAX_REPLIES });
        }
        let mut data = Vec::with_capacity(entry.size() as usize);
        if let Err(e) = entry.read_to_end(&mut data) {
            return match e.kind() {
                std::io::ErrorKind::UnexpectedEof => malformed(ReplyProblem::CutInFile { name }),
                _ => Err(ReplyError::Io(e)),
            };
        }
        match (i, name.as_str()) {
            (0, MANIFEST_NAME) => manifest = Some(data),
            (1, SIGNATURE_NAME) => sig = Some(data),
            (0 | 1, _) => {
                return malformed(ReplyProblem::Misplaced {
                    expected: [MANIFEST_NAME, SIGNATURE_NAME][i].to_string(),
                    found: name,
                })
            }
            _ => files.push((name, data)),
        }
    }
    match (manifest, sig) {
        (Some(m), Some(s)) => Ok((m, s, files)),
        _ => malformed(ReplyProblem::NoManifest),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::DeskSecret;
    use crate::reply::{open_reply, seal_reply, ReplyContent, Status};

    fn sample() -> (DeskSecret, age::x25519::Identity, Vec<u8>) {
        let desk = DeskSecret::generate("anti-corruption").unwrap();
        let reporter = age::x25519::Identity::generate();
        let content = ReplyContent {
            reply_id: "00112233445566ff".into(),
            case: "abababababababab".into(),
            sequence: 1,
            day: "2026-11-30".into(),
            text: "شكرا. Nous avons reçu votre signalement.".into(),
            status: Some(Status::InReview),
            reason: None,
            referred_to: None,
        };
        let sealed = seal_reply(&content, &reporter.to_public()).unwrap();
        assert_eq!(open_reply(&sealed, &reporter).unwrap(), content);
        let mut b = ReplyBundle::new(
            "AAAA BBBB",
            "anti-corruption",
            &desk.to_public().signing_key_id().unwrap(),
        );
        b.push(
            &"ab".repeat(32),
            "abababababababab",
            "00112233445566ff",
            1,
            sealed,
        );
        b.manifest.acknowledged.push("0123456789abcdef".into());
        let mut out = Vec::new();
        b.write(&mut out, desk.signing_key.as_ref().unwrap())
            .unwrap();
        (desk, reporter, out)
    }

    #[test]
    fn signed_bundle_verifies_and_replies_open() {
        let (desk, reporter, bytes) = sample();
        let b = ReplyBundle::read_verified(&bytes[..], &[desk.to_public()], "aaaabbbb").unwrap();
        assert_eq!(
            b.manifest.acknowledged,
            vec!["0123456789abcdef".to_string()]
        );
        assert_eq!(
            open_reply(&b.sealed[0], &reporter).unwrap().status,
            Some(Status::InReview)
        );
    }

    #[test]
    fn a_changed_reply_is_named_and_a_stranger_file_is_not_a_bundle() {
        let (desk, _, bytes) = sample();
        let desks = [desk.to_public()];
        let mut changed = bytes.clone();
        let at = bytes
            .windows(21)
            .position(|w| w == b"age-encryption.org/v1")
            .unwrap();
        changed[at + 40] ^= 1;
        match ReplyBundle::read_verified(&changed[..], &desks, "AAAABBBB") {
            Err(ReplyError::Tampered(ReplyTampering::Differs { file })) => {
                assert_eq!(file, "replies/00112233445566ff.age")
            }
            other => panic!("{:?}", other.err()),
        }
        assert!(matches!(
            ReplyBundle::read_verified(&b"not a tar at all"[..], &desks, "AAAABBBB"),
            Err(ReplyError::Malformed(ReplyProblem::Framing { .. }))
                | Err(ReplyError::Malformed(ReplyProblem::NoManifest))
        ));
    }

    #[test]
    fn tampering_another_key_and_another_drop_are_refused() {
        let (desk, _, bytes) = sample();
        let desks = [desk.to_public()];
        let mut flipped = bytes.clone();
        let last_data = bytes.len() - 1024 - 600;
        flipped[last_data] ^= 1;
        assert!(ReplyBundle::read_verified(&flipped[..], &desks, "AAAABBBB").is_err());
        let other = DeskSecret::generate("anti-corruption").unwrap();
        assert!(matches!(
            ReplyBundle::read_verified(&bytes[..], &[other.to_public()], "AAAABBBB"),
            Err(ReplyError::NoSigningKey(_))
        ));
        assert!(matches!(
            ReplyBundle::read_verified(&bytes[..], &desks, "CCCC"),
            Err(ReplyError::WrongDrop)
        ));
        assert!(ReplyBundle::read_verified(&bytes[..bytes.len() / 2], &desks, "AAAABBBB").is_err());
    }
}
