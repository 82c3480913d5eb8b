//! Key derivation: code + install salt → `K` (Argon2id) → mailbox keys (HKDF-SHA-256).

use hkdf::Hkdf;
use sha2::Sha256;
use zeroize::{Zeroize, Zeroizing};

use super::ReceiptCode;

/// Length of the drop's install salt, in bytes.
pub const INSTALL_SALT_LEN: usize = 32;

const LABEL_LOOKUP: &[u8] = b"amana/v1/lookup-id";
const LABEL_STATE: &[u8] = b"amana/v1/state-key";
const LABEL_REPLY: &[u8] = b"amana/v1/reply-identity";

/// Argon2id cost parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct KdfParams {
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Passes over memory.
    pub iterations: u32,
    /// Lanes.
    pub parallelism: u32,
}

impl KdfParams {
    /// RFC 9106's second recommended choice: 64 MiB, 3 passes, 4 lanes. The drop's default.
    pub const RFC9106_SECOND: KdfParams = KdfParams {
        memory_kib: 64 * 1024,
        iterations: 3,
        parallelism: 4,
    };

    /// The smallest cost a drop accepts (OWASP's floor: 19 MiB, 2 passes).
    pub const FLOOR: KdfParams = KdfParams {
        memory_kib: 19 * 1024,
        iterations: 2,
        parallelism: 1,
    };

    /// Cheap parameters for tests only: never accepted by a drop's configuration.
    pub const INSECURE_FOR_TESTS: KdfParams = KdfParams {
        memory_kib: 64,
        iterations: 1,
        parallelism: 1,
    };

    /// Bytes of memory one derivation holds.
    pub fn memory_bytes(&self) -> u64 {
        u64::from(self.memory_kib) * 1024
    }

    fn argon2(&self) -> argon2::Argon2<'static> {
        let params =
            argon2::Params::new(self.memory_kib, self.iterations, self.parallelism, Some(32))
                .expect("Argon2 parameters are validated by the caller");
        argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
    }

    /// Whether these parameters are acceptable to the Argon2 implementation.
    pub fn is_valid(&self) -> bool {
        argon2::Params::new(self.memory_kib, self.iterations, self.parallelism, Some(32)).is_ok()
    }
}

/// The master key `K` of one code. Wiped when dropped.
pub struct MasterKey(Zeroizing<[u8; 32]>);

/// `K = Argon2id(canonical digits of the code, install salt)`.
///
/// The password is the code's 28 canonical ASCII digits, so both spellings give one key.
/// The memory blocks are allocated here and wiped before they are freed. This call is slow
/// by design: run it on a blocking thread, behind a permit.
pub fn derive_master_key(code: &ReceiptCode, salt: &[u8], params: KdfParams) -> MasterKey {
    let canonical = code.to_canonical();
    let argon = params.argon2();
    let blocks = params.argon2_block_count();
    let mut memory = vec![argon2::Block::default(); blocks];
    let mut out = Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into_with_memory(canonical.as_bytes(), salt, out.as_mut(), &mut memory)
        .expect("parameters, salt and output length are valid");
    memory.iter_mut().for_each(Zeroize::zeroize);
    MasterKey(out)
}

impl KdfParams {
    fn argon2_block_count(&self) -> usize {
        let params =
            argon2::Params::new(self.memory_kib, self.iterations, self.parallelism, Some(32))
                .expect("validated parameters");
        params.block_count()
    }
}

/// Everything derived from `K` for one mailbox. Wiped when dropped.
pub struct MailboxKeys {
    /// The mailbox's name on the drop: the only value derived from the code it stores.
    pub lookup_id: [u8; 32],
    /// Seals the mailbox's state (XChaCha20-Poly1305, AAD = `lookup_id`).
    pub state_key: Zeroizing<[u8; 32]>,
    /// The reporter's X25519 reply identity: replies are sealed to its public half.
    pub reply_identity: age::x25519::Identity,
}

impl MailboxKeys {
    /// Derives the mailbox keys from `K`.
    pub fn from_master(master: &MasterKey) -> Self {
        let hk = Hkdf::<Sha256>::new(None, master.0.as_ref());
        let mut lookup_id = [0u8; 32];
        hk.expand(LABEL_LOOKUP, &mut lookup_id)
            .expect("32 bytes is a valid length");
        let mut state_key = Zeroizing::new([0u8; 32]);
        hk.expand(LABEL_STATE, state_key.as_mut())
            .expect("valid length");
        let mut reply = Zeroizing::new([0u8; 32]);
        hk.expand(LABEL_REPLY, reply.as_mut())
            .expect("valid length");
        let reply_identity = x25519_identity_from_bytes(&reply);
        MailboxKeys {
            lookup_id,
            state_key,
            reply_identity,
        }
    }

    /// Derives everything from a code in one step (slow: see [`derive_master_key`]).
    pub fn derive(code: &ReceiptCode, salt: &[u8], params: KdfParams) -> Self {
        Self::from_master(&derive_master_key(code, salt, params))
    }

    /// `lookup_id` in lower-case hex: the mailbox reference written into envelopes.
    pub fn mailbox_ref(&self) -> String {
        hex::encode(self.lookup_id)
    }

    /// The reply recipient (`age1…`) that the agency seals replies to.
    pub fn reply_recipient(&self) -> age::x25519::Recipient {
        self.reply_identity.to_public()
    }
}

/// Builds an age X25519 identity from 32 secret bytes (through its Bech32 text form, the
/// only constructor the age crate offers).
fn x25519_identity_from_bytes(bytes: &[u8; 32]) -> age::x25519::Identity {
    let hrp = bech32::Hrp::parse("age-secret-key-").expect("valid HRP");
    let encoded = bech32::encode::<bech32::Bech32>(hrp, bytes).expect("32 bytes fit in Bech32");
    let mut upper = Zeroizing::new(encoded.to_uppercase());
    let identity = upper.parse().expect("a freshly encoded key parses");
    upper.zeroize();
    let mut encoded = encoded;
    encoded.zeroize();
    identity
}

#[cfg(test)]
mod tests {
    use super::*;
    use age::secrecy::ExposeSecret;

    #[test]
    fn derivation_is_deterministic_and_separated() {
        let code = ReceiptCode::from_value(42).unwrap();
        let salt = [7u8; 32];
        let a = MailboxKeys::derive(&code, &salt, KdfParams::INSECURE_FOR_TESTS);
        let b = MailboxKeys::derive(&code, &salt, KdfParams::INSECURE_FOR_TESTS);
        assert_eq!(a.lookup_id, b.lookup_id);
        assert_eq!(a.state_key[..], b.state_key[..]);
        assert_eq!(
            a.reply_recipient().to_string(),
            b.reply_recipient().to_string()
        );
        assert_ne!(a.lookup_id[..], a.state_key[..]);
        let other_salt = MailboxKeys::derive(&code, &[8u8; 32], KdfParams::INSECURE_FOR_TESTS);
        assert_ne!(a.lookup_id, other_salt.lookup_id);
        let other_code = MailboxKeys::derive(
            &ReceiptCode::from_value(43).unwrap(),
            &salt,
            KdfParams::INSECURE_FOR_TESTS,
        );
        assert_ne!(a.lookup_id, other_code.lookup_id);
    }

    #[test]
    fn reply_identity_round_trips_through_age_text() {
        let id = x25519_identity_from_bytes(&[9u8; 32]);
        let text = id.to_string();
        assert!(text.expose_secret().starts_with("AGE-SECRET-KEY-1"));
        assert!(id.to_public().to_string().starts_with("age1"));
    }
}
