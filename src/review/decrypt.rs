//! Decrypting one age stream. age hands out plaintext before it can detect truncation, so
//! whatever receives it is kept only if the whole stream authenticates.

use std::io::{self, Read, Write};
use std::path::Path;

/// Why an age stream did not decrypt.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DecryptError {
    /// None of the identities opens it.
    #[error("no identity here opens it")]
    NoMatchingKey,
    /// The age file is malformed, truncated or was modified.
    #[error("damaged: {0}")]
    Damaged(AgeDamage),
    /// Writing the plaintext failed.
    #[error("cannot write: {0}")]
    Output(io::Error),
}

/// What is wrong with an age file that does not decrypt, as far as age tells the cases
/// apart. Where age explained it, its words (in English) follow as `detail`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgeDamage {
    /// It is encrypted with a passphrase, not to keys: never an envelope nor a register.
    #[error("passphrase-encrypted, not encrypted to a desk's keys")]
    Passphrase,
    /// Its header is malformed, or the header's MAC does not verify.
    #[error("the age header is invalid ({detail})")]
    Header {
        /// What age said, in English.
        detail: String,
    },
    /// It ends before its last chunk.
    #[error("the age file is truncated ({detail})")]
    Truncated {
        /// What age said, in English.
        detail: String,
    },
    /// A chunk of the payload does not authenticate: it was changed or damaged.
    #[error("the encrypted data fails authentication ({detail})")]
    Authentication {
        /// What age said, in English.
        detail: String,
    },
    /// An age format (or a feature of one) this version of age does not read.
    #[error("an unsupported age format ({detail})")]
    Unsupported {
        /// What age said, in English.
        detail: String,
    },
    /// Reading the file failed.
    #[error("reading failed ({detail})")]
    Read {
        /// What the system said, in English.
        detail: String,
    },
}

/// Decrypts `input` with `identities` into `out`. `out` receives plaintext before the end of
/// the stream has authenticated: only an `Ok` says that all of it did.
pub fn decrypt_into(
    input: &mut dyn Read,
    identities: &[&dyn age::Identity],
    out: &mut dyn Write,
) -> Result<(), DecryptError> {
    let decryptor = age::Decryptor::new_buffered(io::BufReader::new(input)).map_err(classify)?;
    if decryptor.is_scrypt() {
        return Err(DecryptError::Damaged(AgeDamage::Passphrase));
    }
    let mut reader = decryptor
        .decrypt(identities.iter().copied())
        .map_err(classify)?;
    let mut buf = zeroize::Zeroizing::new(vec![0u8; 256 * 1024]);
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) => return Err(DecryptError::Damaged(stream_damage(&e))),
        };
        out.write_all(&buf[..n]).map_err(DecryptError::Output)?;
    }
    out.flush().map_err(DecryptError::Output)
}

/// Decrypts `input` with `identities` into a new temporary file in `dir` (mode 0600) and
/// returns it, rewound, only when the age stream authenticated to its end. On any error the
/// temporary file is removed.
pub fn decrypt_to_file(
    input: &mut dyn Read,
    identities: &[&dyn age::Identity],
    dir: &Path,
) -> Result<tempfile::NamedTempFile, DecryptError> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".amana-plain-")
        .tempfile_in(dir)
        .map_err(DecryptError::Output)?;
    decrypt_into(input, identities, &mut tmp)?;
    use std::io::Seek;
    tmp.as_file_mut().rewind().map_err(DecryptError::Output)?;
    Ok(tmp)
}

/// What age's refusal of a file (its header, or opening it) says.
pub(super) fn classify(e: age::DecryptError) -> DecryptError {
    let detail = e.to_string();
    DecryptError::Damaged(match e {
        age::DecryptError::NoMatchingKeys => return DecryptError::NoMatchingKey,
        age::DecryptError::InvalidHeader | age::DecryptError::InvalidMac => {
            AgeDamage::Header { detail }
        }
        age::DecryptError::DecryptionFailed | age::DecryptError::KeyDecryptionFailed => {
            AgeDamage::Authentication { detail }
        }
        // Only a passphrase-encrypted file asks for work.
        age::DecryptError::ExcessiveWork { .. } => AgeDamage::Passphrase,
        age::DecryptError::Io(e) => match e.kind() {
            io::ErrorKind::UnexpectedEof => AgeDamage::Truncated { detail },
            io::ErrorKind::InvalidData => AgeDamage::Header { detail },
            _ => AgeDamage::Read { detail },
        },
        // An unknown format, and plugin errors when age is built with plugins.
        _ => AgeDamage::Unsupported { detail },
    })
}

/// What a failed read of the payload says: age reports a chunk that does not authenticate
/// as invalid data, and a stream that ends early as an unexpected end.
pub(super) fn stream_damage(e: &io::Error) -> AgeDamage {
    let detail = e.to_string();
    match e.kind() {
        io::ErrorKind::UnexpectedEof => AgeDamage::Truncated { detail },
        io::ErrorKind::InvalidData => AgeDamage::Authentication { detail },
        _ => AgeDamage::Read { detail },
    }
}
