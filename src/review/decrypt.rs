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
    Damaged(String),
    /// Writing the plaintext failed.
    #[error("cannot write: {0}")]
    Output(io::Error),
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
        return Err(DecryptError::Damaged(
            "passphrase-encrypted, not an envelope".into(),
        ));
    }
    let mut reader = decryptor
        .decrypt(identities.iter().copied())
        .map_err(classify)?;
    let mut buf = zeroize::Zeroizing::new(vec![0u8; 256 * 1024]);
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) => return Err(DecryptError::Damaged(e.to_string())),
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

fn classify(e: age::DecryptError) -> DecryptError {
    match e {
        age::DecryptError::NoMatchingKeys => DecryptError::NoMatchingKey,
        other => DecryptError::Damaged(other.to_string()),
    }
}
