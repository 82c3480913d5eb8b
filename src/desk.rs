//! Desks: the receiving bodies, their public key files (`NAME.pub`) and secret key files.
//!
//! A public file is a valid age recipients file, so `age -R NAME.pub` encrypts to the desk.
//! Amana's own fields ride in comment lines that start with `# amana-`:
//!
//! ```text
//! # Amana desk public key file, format 1.
//! # amana-desk: anti-corruption
//! # amana-signing-key: ed25519:<base64, 32 bytes>
//! age1…
//! age1…
//! ```
//!
//! A file of nothing but `age1…` lines (and comments) is a desk too: it accepts reports, but
//! replies need a signing key. The secret file is an age file encrypted with a passphrase
//! (scrypt) whose plaintext is an age identity file, so `age -d -i NAME.key` works as well.

use std::fmt::Write as _;
use std::io::{Read, Write};
use std::path::Path;
use std::str::FromStr;

use age::secrecy::{ExposeSecret, SecretString};
use base64::Engine as _;
use zeroize::Zeroizing;

mod error;

pub use error::{DeskError, DeskLineProblem, IdentityProblem};

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// The most scrypt work (log₂ N) an identity file may ask for before it is refused: a hostile
/// file must not be able to pin the reviewer's machine for hours.
pub const MAX_SCRYPT_WORK_FACTOR: u8 = 22;

/// Largest key file read, in bytes.
const MAX_KEY_FILE: u64 = 1 << 20;

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> DeskError + '_ {
    move |source| DeskError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// A short, stable identifier for a public key: the first 8 bytes (16 hex digits) of
/// `SHA-256("amana-key-id-v1" || 0x00 || key text)`.
pub fn key_id(key_text: &str) -> String {
    let digest = crate::util::sha256(&[b"amana-key-id-v1\0", key_text.as_bytes()]);
    hex::encode(&digest[..8])
}

/// Whether `name` is a usable desk name (it becomes part of file names).
pub fn valid_desk_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.starts_with('-')
}

/// An Ed25519 verification key as written in key files: `ed25519:<base64>`.
pub fn verifying_key_text(key: &ed25519_dalek::VerifyingKey) -> String {
    format!("ed25519:{}", B64.encode(key.as_bytes()))
}

/// Parses `ed25519:<base64>` into a verification key.
pub fn parse_verifying_key(text: &str) -> Option<ed25519_dalek::VerifyingKey> {
    let b64 = text.strip_prefix("ed25519:")?;
    let bytes: [u8; 32] = B64.decode(b64).ok()?.try_into().ok()?;
    ed25519_dalek::VerifyingKey::from_bytes(&bytes).ok()
}

fn parse_signing_key(text: &str) -> Option<ed25519_dalek::SigningKey> {
    let b64 = text.strip_prefix("ed25519:")?;
    let bytes = Zeroizing::new(B64.decode(b64).ok()?);
    let seed: &[u8; 32] = bytes.as_slice().try_into().ok()?;
    Some(ed25519_dalek::SigningKey::from_bytes(seed))
}

/// One recipient of a desk, with its key id.
#[derive(Clone)]
pub struct DeskRecipient {
    /// The age recipient.
    pub recipient: age::x25519::Recipient,
    /// Its key id (see [`key_id`]).
    pub key_id: String,
}

/// A desk's public key file, as the drop holds it.
#[derive(Clone)]
pub struct DeskPublic {
    /// The desk's name (from the file, or from the file name).
    pub name: String,
    /// Every recipient a report for this desk is sealed to.
    pub recipients: Vec<DeskRecipient>,
    /// The key that signs this desk's replies, if it has one.
    pub signing_key: Option<ed25519_dalek::VerifyingKey>,
    /// Marked `# amana-demo: true`: a demonstration desk whose secret key is public. A drop
    /// refuses it anywhere but on a loopback address.
    pub demo: bool,
}

impl DeskPublic {
    /// Parses a public file. `fallback_name` (usually the file name without `.pub`) is used
    /// when the file has no `# amana-desk:` line.
    pub fn parse(text: &str, fallback_name: &str) -> Result<Self, DeskError> {
        let mut name = None;
        let mut recipients = Vec::new();
        let mut signing_key = None;
        let mut demo = false;
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            let malformed = |problem: DeskLineProblem| DeskError::Malformed {
                line: i + 1,
                problem,
            };
            if line.is_empty() {
                continue;
            }
            if let Some(field) = line.strip_prefix("# amana-") {
                let (key, value) = field
                    .split_once(':')
                    .ok_or_else(|| malformed(DeskLineProblem::FieldSyntax))?;
                let value = value.trim();
                match key.trim() {
                    "desk" => {
                        if !valid_desk_name(value) {
                            return Err(DeskError::BadName);
                        }
                        name = Some(value.to_string());
                    }
                    "signing-key" => {
                        signing_key = Some(
                            parse_verifying_key(value)
                                .ok_or_else(|| malformed(DeskLineProblem::BadSigningKey))?,
                        );
                    }
                    "demo" => demo = value == "true",
                    "format" => {
                        if value != "1" {
                            return Err(malformed(DeskLineProblem::UnknownFormat {
                                version: value.to_string(),
                            }));
                        }
                    }
                    other => {
                        return Err(malformed(DeskLineProblem::UnknownField {
                            field: other.to_string(),
                        }));
                    }
                }
            } else if line.starts_with('#') {
                continue;
            } else if line.starts_with("age1") {
                let recipient = age::x25519::Recipient::from_str(line).map_err(|e| {
                    malformed(DeskLineProblem::BadRecipient {
                        detail: e.to_string(),
                    })
                })?;
                recipients.push(DeskRecipient {
                    key_id: key_id(&recipient.to_string()),
                    recipient,
                });
            } else {
                return Err(malformed(DeskLineProblem::Unexpected));
            }
        }
        if recipients.is_empty() {
            return Err(DeskError::NoRecipients);
        }
        let name = match name {
            Some(n) => n,
            None if valid_desk_name(fallback_name) => fallback_name.to_string(),
            None => return Err(DeskError::BadName),
        };
        Ok(DeskPublic {
            name,
            recipients,
            signing_key,
            demo,
        })
    }

    /// Reads and parses `path`; the file name (without `.pub`) names a desk without a
    /// `# amana-desk:` line.
    pub fn load(path: &Path) -> Result<Self, DeskError> {
        let text = read_small(path)?;
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        Self::parse(&String::from_utf8_lossy(&text), &stem)
    }

    /// Renders the public file.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        out.push_str("# Amana desk public key file. Copy it into the drop's keys folder.\n");
        out.push_str("# It is also an age recipients file: `age -R` encrypts to this desk.\n");
        out.push_str("# amana-format: 1\n");
        if self.demo {
            out.push_str("# amana-demo: true\n");
        }
        let _ = writeln!(out, "# amana-desk: {}", self.name);
        if let Some(key) = &self.signing_key {
            let _ = writeln!(out, "# amana-signing-key: {}", verifying_key_text(key));
            let _ = writeln!(
                out,
                "# signing key id: {}",
                key_id(&verifying_key_text(key))
            );
        }
        for r in &self.recipients {
            let _ = writeln!(out, "# key id {}", r.key_id);
            let _ = writeln!(out, "{}", r.recipient);
        }
        out
    }

    /// The key ids of every recipient.
    pub fn key_ids(&self) -> Vec<String> {
        self.recipients.iter().map(|r| r.key_id.clone()).collect()
    }

    /// The signing key's id, if the desk has one.
    pub fn signing_key_id(&self) -> Option<String> {
        self.signing_key
            .as_ref()
            .map(|k| key_id(&verifying_key_text(k)))
    }
}

fn read_small(path: &Path) -> Result<Vec<u8>, DeskError> {
    let file = std::fs::File::open(path).map_err(io_err(path))?;
    let mut buf = Vec::new();
    file.take(MAX_KEY_FILE + 1)
        .read_to_end(&mut buf)
        .map_err(io_err(path))?;
    if buf.len() as u64 > MAX_KEY_FILE {
        return Err(DeskError::TooLarge { max: MAX_KEY_FILE });
    }
    Ok(buf)
}

/// A desk's (or an investigator's) unlocked secret keys. Only ever on the reviewer's machine.
pub struct DeskSecret {
    /// The desk's name, if the file says.
    pub desk: Option<String>,
    /// The age identities that open envelopes.
    pub identities: Vec<age::x25519::Identity>,
    /// The key that signs replies, if this file has one.
    pub signing_key: Option<ed25519_dalek::SigningKey>,
}

impl DeskSecret {
    /// Creates a new desk: one X25519 identity and one Ed25519 signing key.
    pub fn generate(desk: &str) -> Result<Self, DeskError> {
        if !valid_desk_name(desk) {
            return Err(DeskError::BadName);
        }
        Ok(DeskSecret {
            desk: Some(desk.to_string()),
            identities: vec![age::x25519::Identity::generate()],
            signing_key: Some(ed25519_dalek::SigningKey::generate(&mut rand::rngs::OsRng)),
        })
    }

    /// The matching public file.
    pub fn to_public(&self) -> DeskPublic {
        DeskPublic {
            name: self.desk.clone().unwrap_or_else(|| "desk".into()),
            recipients: self
                .identities
                .iter()
                .map(|id| {
                    let recipient = id.to_public();
                    DeskRecipient {
                        key_id: key_id(&recipient.to_string()),
                        recipient,
                    }
                })
                .collect(),
            signing_key: self.signing_key.as_ref().map(|k| k.verifying_key()),
            demo: false,
        }
    }

    /// The key ids of the identities held.
    pub fn key_ids(&self) -> Vec<String> {
        self.identities
            .iter()
            .map(|id| key_id(&id.to_public().to_string()))
            .collect()
    }

    /// The plaintext identity file (a valid age identity file).
    pub fn to_identity_text(&self) -> Zeroizing<String> {
        let mut out = Zeroizing::new(String::new());
        out.push_str("# Amana desk secret key file. Keep it on the air-gapped machine only.\n");
        if let Some(desk) = &self.desk {
            let _ = writeln!(out, "# amana-desk: {desk}");
        }
        if let Some(key) = &self.signing_key {
            let seed = Zeroizing::new(B64.encode(key.to_bytes()));
            let _ = writeln!(out, "# amana-signing-secret: ed25519:{}", seed.as_str());
        }
        for id in &self.identities {
            let _ = writeln!(out, "# public key: {}", id.to_public());
            let _ = writeln!(out, "{}", id.to_string().expose_secret());
        }
        out
    }

    /// Writes the identity file encrypted with `passphrase` (age scrypt).
    pub fn write_encrypted(
        &self,
        out: impl Write,
        passphrase: SecretString,
    ) -> std::io::Result<()> {
        let encryptor = age::Encryptor::with_user_passphrase(passphrase);
        let mut w = encryptor.wrap_output(out)?;
        w.write_all(self.to_identity_text().as_bytes())?;
        w.finish()?.flush()
    }

    /// Parses a plaintext identity file: `AGE-SECRET-KEY-1…` lines, comments, and Amana's
    /// `# amana-desk:` / `# amana-signing-secret:` fields.
    pub fn parse_identity_text(text: &str) -> Result<Self, DeskError> {
        let mut secret = DeskSecret {
            desk: None,
            identities: Vec::new(),
            signing_key: None,
        };
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            let malformed = |problem: DeskLineProblem| DeskError::Malformed {
                line: i + 1,
                problem,
            };
            if line.is_empty() {
                continue;
            }
            if let Some(value) = line.strip_prefix("# amana-signing-secret:") {
                secret.signing_key = Some(
                    parse_signing_key(value.trim())
                        .ok_or_else(|| malformed(DeskLineProblem::BadSigningSecret))?,
                );
            } else if let Some(value) = line.strip_prefix("# amana-desk:") {
                secret.desk = Some(value.trim().to_string());
            } else if line.starts_with('#') {
                continue;
            } else if line.starts_with("AGE-SECRET-KEY-1") {
                let id = age::x25519::Identity::from_str(line).map_err(|e| {
                    malformed(DeskLineProblem::BadSecretKey {
                        detail: e.to_string(),
                    })
                })?;
                secret.identities.push(id);
            } else {
                return Err(DeskError::NotAnIdentity(IdentityProblem::UnexpectedLine {
                    line: i + 1,
                }));
            }
        }
        if secret.identities.is_empty() {
            return Err(DeskError::NoIdentity);
        }
        Ok(secret)
    }

    /// Reads an identity file: a plain age identity file, or one encrypted with a passphrase
    /// (as `keygen`, `age -p` or `rage -p` write). `passphrase` is asked for only when needed.
    pub fn load(
        path: &Path,
        passphrase: impl FnOnce() -> std::io::Result<SecretString>,
    ) -> Result<Self, DeskError> {
        let not_an_identity = DeskError::NotAnIdentity;
        let age_said = |e: &dyn std::fmt::Display| {
            DeskError::NotAnIdentity(IdentityProblem::Age {
                detail: e.to_string(),
            })
        };
        let bytes = Zeroizing::new(read_small(path)?);
        if !bytes.starts_with(b"age-encryption.org/") && !bytes.starts_with(b"-----BEGIN AGE") {
            let text = std::str::from_utf8(&bytes)
                .map_err(|_| not_an_identity(IdentityProblem::NotText))?;
            return Self::parse_identity_text(text);
        }
        if bytes.starts_with(b"-----BEGIN AGE") {
            return Err(not_an_identity(IdentityProblem::Armored));
        }
        let decryptor = age::Decryptor::new(&bytes[..]).map_err(|e| age_said(&e))?;
        if !decryptor.is_scrypt() {
            return Err(not_an_identity(IdentityProblem::EncryptedToKey));
        }
        let pass = passphrase().map_err(io_err(path))?;
        let mut identity = age::scrypt::Identity::new(pass);
        identity.set_max_work_factor(MAX_SCRYPT_WORK_FACTOR);
        let mut reader = decryptor
            .decrypt(std::iter::once(&identity as &dyn age::Identity))
            .map_err(|e| match e {
                age::DecryptError::ExcessiveWork { required, .. } => {
                    DeskError::ExcessiveWork(required)
                }
                age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys => {
                    DeskError::WrongPassphrase
                }
                other => age_said(&other),
            })?;
        let mut plain = Zeroizing::new(Vec::new());
        reader.read_to_end(&mut plain).map_err(|e| age_said(&e))?;
        let text =
            std::str::from_utf8(&plain).map_err(|_| not_an_identity(IdentityProblem::NotText))?;
        Self::parse_identity_text(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_file_round_trips() {
        let secret = DeskSecret::generate("anti-corruption").unwrap();
        let public = secret.to_public();
        let parsed = DeskPublic::parse(&public.to_text(), "ignored").unwrap();
        assert_eq!(parsed.name, "anti-corruption");
        assert_eq!(parsed.key_ids(), secret.key_ids());
        assert_eq!(parsed.signing_key, public.signing_key);
    }

    #[test]
    fn plain_age_recipients_file_is_a_desk() {
        let id = age::x25519::Identity::generate();
        let text = format!("# made by age-keygen\n{}\n", id.to_public());
        let desk = DeskPublic::parse(&text, "escrow").unwrap();
        assert_eq!(desk.name, "escrow");
        assert!(desk.signing_key.is_none());
    }

    #[test]
    fn bad_public_files_are_refused_with_line_numbers() {
        assert!(matches!(
            DeskPublic::parse("# only a comment\n", "x"),
            Err(DeskError::NoRecipients)
        ));
        match DeskPublic::parse("age1zzz\n", "x") {
            Err(DeskError::Malformed { line: 1, .. }) => {}
            other => panic!("{:?}", other.err()),
        }
        match DeskPublic::parse("# amana-colour: blue\n", "x") {
            Err(DeskError::Malformed { line: 1, problem }) => assert_eq!(
                problem,
                DeskLineProblem::UnknownField {
                    field: "colour".into()
                }
            ),
            other => panic!("{:?}", other.err()),
        }
        let id = age::x25519::Identity::generate();
        assert!(matches!(
            DeskPublic::parse(&format!("{}\n", id.to_public()), "Bad Name"),
            Err(DeskError::BadName)
        ));
    }

    #[test]
    fn identity_text_round_trips() {
        let secret = DeskSecret::generate("citizens").unwrap();
        let parsed = DeskSecret::parse_identity_text(&secret.to_identity_text()).unwrap();
        assert_eq!(parsed.desk.as_deref(), Some("citizens"));
        assert_eq!(parsed.key_ids(), secret.key_ids());
        assert_eq!(
            parsed.signing_key.unwrap().to_bytes(),
            secret.signing_key.unwrap().to_bytes()
        );
    }
}
