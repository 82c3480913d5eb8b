//! The drop's own Ed25519 key, which signs bundle manifests, and its install salt.
//!
//! Both are created at the drop's first start in its secrets folder (beside the desk keys,
//! never in the data folder) and belong in the backup: losing the salt cuts every reporter
//! off from their mailbox; losing the key makes the reviewer's pinned fingerprint useless.

use std::path::Path;

use base64::Engine as _;
use rand::RngCore;
use zeroize::Zeroizing;

use crate::credential::INSTALL_SALT_LEN;

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;
const KEY_FILE: &str = "drop-signing.key";
const SALT_FILE: &str = "install.salt";

/// A drop key's fingerprint: the first 20 bytes of `SHA-256("amana-drop-key-v1\0" || its 32
/// public bytes)`, in ten groups of four hex digits (upper case). Operators compare it by eye.
pub fn fingerprint(key: &ed25519_dalek::VerifyingKey) -> String {
    let digest = crate::util::sha256(&[b"amana-drop-key-v1\0", key.as_bytes()]);
    let hex = hex::encode_upper(&digest[..20]);
    hex.as_bytes()
        .chunks(4)
        .map(|c| std::str::from_utf8(c).expect("hex is ASCII"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Normalises a fingerprint typed by a person (spaces, case) for comparison.
pub fn normalise_fingerprint(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_hexdigit())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The drop's secrets: its signing key and install salt.
pub struct DropSecrets {
    /// Signs bundle manifests.
    pub signing_key: ed25519_dalek::SigningKey,
    /// Salt for every receipt code's key derivation.
    pub install_salt: Zeroizing<[u8; INSTALL_SALT_LEN]>,
}

/// Whether [`DropSecrets::load_or_create`] made new secrets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Created {
    /// They existed already.
    Existing,
    /// They were made now: the operator must note the fingerprint and back them up.
    New,
}

impl DropSecrets {
    /// Loads the secrets from `dir`, creating them (durably, owner-only) on first use.
    pub fn load_or_create(dir: &Path) -> std::io::Result<(Self, Created)> {
        let key_path = dir.join(KEY_FILE);
        let salt_path = dir.join(SALT_FILE);
        match (key_path.exists(), salt_path.exists()) {
            (true, true) => Ok((Self::load(dir)?, Created::Existing)),
            (false, false) => {
                crate::util::create_private_dir(dir)?;
                let signing_key = ed25519_dalek::SigningKey::generate(&mut rand::rngs::OsRng);
                let mut salt = Zeroizing::new([0u8; INSTALL_SALT_LEN]);
                rand::rngs::OsRng.fill_bytes(salt.as_mut());
                let key_text =
                    Zeroizing::new(format!("ed25519:{}\n", B64.encode(signing_key.to_bytes())));
                let salt_text = Zeroizing::new(format!("{}\n", B64.encode(&salt[..])));
                write_private(&salt_path, salt_text.as_bytes())?;
                write_private(&key_path, key_text.as_bytes())?;
                Ok((
                    DropSecrets {
                        signing_key,
                        install_salt: salt,
                    },
                    Created::New,
                ))
            }
            _ => Err(std::io::Error::other(format!(
                "{}: only one of {KEY_FILE} and {SALT_FILE} exists; restore both from the backup \
                 (a new salt would cut every reporter off from their mailbox)",
                dir.display()
            ))),
        }
    }

    /// Loads existing secrets from `dir`.
    pub fn load(dir: &Path) -> std::io::Result<Self> {
        let bad = |what: &str| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "{}: {what} is damaged; restore it from the backup",
                    dir.display()
                ),
            )
        };
        let key_text = Zeroizing::new(std::fs::read_to_string(dir.join(KEY_FILE))?);
        let key_bytes = Zeroizing::new(
            key_text
                .trim()
                .strip_prefix("ed25519:")
                .and_then(|b| B64.decode(b).ok())
                .ok_or_else(|| bad(KEY_FILE))?,
        );
        let seed: &[u8; 32] = key_bytes.as_slice().try_into().map_err(|_| bad(KEY_FILE))?;
        let salt_text = Zeroizing::new(std::fs::read_to_string(dir.join(SALT_FILE))?);
        let salt_bytes = Zeroizing::new(B64.decode(salt_text.trim()).map_err(|_| bad(SALT_FILE))?);
        let salt: [u8; INSTALL_SALT_LEN] = salt_bytes
            .as_slice()
            .try_into()
            .map_err(|_| bad(SALT_FILE))?;
        Ok(DropSecrets {
            signing_key: ed25519_dalek::SigningKey::from_bytes(seed),
            install_salt: Zeroizing::new(salt),
        })
    }

    /// This drop's fingerprint.
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.signing_key.verifying_key())
    }

    /// The key of the drop's keyed hashes of reply ids it has stored (HKDF-SHA-256 of the
    /// install salt, label `amana/v1/reply-seen`). Keyed, so that a seized data folder does
    /// not confirm a reply id someone already knows without the salt too.
    pub fn reply_seen_key(&self) -> Zeroizing<[u8; 32]> {
        let hk = hkdf::Hkdf::<sha2::Sha256>::new(None, &self.install_salt[..]);
        let mut key = Zeroizing::new([0u8; 32]);
        hk.expand(b"amana/v1/reply-seen", key.as_mut())
            .expect("32 bytes is a valid length");
        key
    }
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    crate::util::write_durably(path, bytes)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn created_once_then_loaded() {
        let dir = tempfile::tempdir().unwrap();
        let (a, created) = DropSecrets::load_or_create(dir.path()).unwrap();
        assert_eq!(created, Created::New);
        let (b, created) = DropSecrets::load_or_create(dir.path()).unwrap();
        assert_eq!(created, Created::Existing);
        assert_eq!(a.fingerprint(), b.fingerprint());
        assert_eq!(a.install_salt[..], b.install_salt[..]);
        assert_eq!(a.fingerprint().len(), 49);
        std::fs::remove_file(dir.path().join(SALT_FILE)).unwrap();
        assert!(
            DropSecrets::load_or_create(dir.path()).is_err(),
            "a lost salt is never replaced silently"
        );
    }
}
