//! Mailbox state sealed with `state_key`: XChaCha20-Poly1305, a random nonce per write,
//! and the mailbox's `lookup_id` as associated data (a record moved to another mailbox
//! does not open).

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use zeroize::Zeroizing;

use super::MailboxKeys;

const NONCE_LEN: usize = 24;

/// A sealed state record did not open.
#[derive(Debug, thiserror::Error)]
#[error("the mailbox record is damaged or belongs to another mailbox")]
pub struct StateError;

/// Seals `plaintext` for this mailbox: `nonce (24 bytes) || ciphertext || tag (16 bytes)`.
pub fn seal_state(keys: &MailboxKeys, plaintext: &[u8]) -> Vec<u8> {
    seal_with(&keys.state_key, &keys.lookup_id, plaintext)
}

/// Opens a record sealed by [`seal_state`] for the same mailbox.
pub fn open_state(keys: &MailboxKeys, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, StateError> {
    open_with(&keys.state_key, &keys.lookup_id, sealed)
}

/// XChaCha20-Poly1305 under `key` with a fresh random nonce and `aad`:
/// `nonce (24 bytes) || ciphertext || tag (16 bytes)`.
pub fn seal_with(key: &[u8; 32], aad: &[u8], plaintext: &[u8]) -> Vec<u8> {
    let cipher = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(key));
    let mut nonce = [0u8; NONCE_LEN];
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    let sealed = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: plaintext,
                aad,
            },
        )
        .expect("encryption of an in-memory buffer cannot fail");
    let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    out
}

/// Opens a record sealed by [`seal_with`] under the same key and `aad`.
pub fn open_with(
    key: &[u8; 32],
    aad: &[u8],
    sealed: &[u8],
) -> Result<Zeroizing<Vec<u8>>, StateError> {
    if sealed.len() < NONCE_LEN + 16 {
        return Err(StateError);
    }
    let (nonce, body) = sealed.split_at(NONCE_LEN);
    let cipher = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(key));
    cipher
        .decrypt(XNonce::from_slice(nonce), Payload { msg: body, aad })
        .map(Zeroizing::new)
        .map_err(|_| StateError)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credential::{KdfParams, ReceiptCode};

    #[test]
    fn state_opens_only_in_its_own_mailbox() {
        let a = MailboxKeys::derive(
            &ReceiptCode::from_value(1).unwrap(),
            &[0; 32],
            KdfParams::INSECURE_FOR_TESTS,
        );
        let b = MailboxKeys::derive(
            &ReceiptCode::from_value(2).unwrap(),
            &[0; 32],
            KdfParams::INSECURE_FOR_TESTS,
        );
        let sealed = seal_state(&a, b"replies read: 3");
        assert_eq!(
            open_state(&a, &sealed).unwrap().as_slice(),
            b"replies read: 3"
        );
        assert!(open_state(&b, &sealed).is_err());
        let mut tampered = sealed.clone();
        *tampered.last_mut().unwrap() ^= 1;
        assert!(open_state(&a, &tampered).is_err());
        assert!(open_state(&a, &sealed[..10]).is_err());
        assert_ne!(
            seal_state(&a, b"x"),
            seal_state(&a, b"x"),
            "fresh nonce per write"
        );
    }
}
