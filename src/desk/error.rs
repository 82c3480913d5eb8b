//! What can be wrong with a key file: plain facts, for a message in the reader's language.
//! The English [`std::fmt::Display`] is for logs and library users; text taken from a file
//! is untrusted: print it through [`crate::review::terminal_safe`].

/// What went wrong with a key file.
#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    /// The file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is larger than any key file.
    #[error("the file is too large for a key file (more than {max} bytes)")]
    TooLarge {
        /// The largest key file read, in bytes.
        max: u64,
    },
    /// A line of a key file is not understood.
    #[error("line {line}: {problem}")]
    Malformed {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        problem: DeskLineProblem,
    },
    /// A public file without any recipient.
    #[error("the file lists no age recipient (age1…)")]
    NoRecipients,
    /// A desk name that cannot be used.
    #[error("desk names use 1–64 characters: lower-case letters, digits and hyphens")]
    BadName,
    /// The passphrase does not open the identity file.
    #[error("wrong passphrase")]
    WrongPassphrase,
    /// The identity file asks for more scrypt work than allowed.
    #[error("the identity file asks for too much work (scrypt 2^{0}); refusing")]
    ExcessiveWork(u8),
    /// An encrypted file that is not passphrase-protected, or not an age file at all.
    #[error("this is not an identity file: {0}")]
    NotAnIdentity(IdentityProblem),
    /// The identity file holds no key.
    #[error("the identity file holds no age secret key (AGE-SECRET-KEY-1…)")]
    NoIdentity,
}

/// What is wrong with one line of a key file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeskLineProblem {
    /// `# amana-…` without a colon.
    #[error("an amana field needs `name: value`")]
    FieldSyntax,
    /// `# amana-signing-key:` is not `ed25519:<base64 of 32 bytes>`.
    #[error("not an ed25519 key")]
    BadSigningKey,
    /// `# amana-format:` names a format this code does not read.
    #[error("unknown format version {version:?} (this drop reads 1)")]
    UnknownFormat {
        /// The version as written (untrusted).
        version: String,
    },
    /// An `# amana-…` field this code does not know.
    #[error("unknown field `amana-{field}`")]
    UnknownField {
        /// The field's name after `amana-` (untrusted).
        field: String,
    },
    /// An `age1…` line that is not an X25519 recipient; age's words follow.
    #[error("not an X25519 age recipient: {detail}")]
    BadRecipient {
        /// What age said, in English.
        detail: String,
    },
    /// A line that is neither a recipient, a comment nor an Amana field.
    #[error("expected an age recipient (age1…), a comment (#) or an amana field")]
    Unexpected,
    /// `# amana-signing-secret:` is not `ed25519:<base64 of 32 bytes>`.
    #[error("not an ed25519 secret key")]
    BadSigningSecret,
    /// An `AGE-SECRET-KEY-1…` line that is not an X25519 identity; age's words follow.
    #[error("not an age secret key: {detail}")]
    BadSecretKey {
        /// What age said, in English.
        detail: String,
    },
}

/// Why a file is not an identity (secret key) file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentityProblem {
    /// Neither an age file nor UTF-8 text.
    #[error("not text")]
    NotText,
    /// A line of a plain identity file that is neither a secret key nor a comment.
    #[error("line {line} is neither a secret key nor a comment")]
    UnexpectedLine {
        /// 1-based line number.
        line: usize,
    },
    /// An ASCII-armored age file.
    #[error("armored identity files are not supported; use the binary form")]
    Armored,
    /// An age file encrypted to a key rather than a passphrase.
    #[error("the file is encrypted to a key, not a passphrase")]
    EncryptedToKey,
    /// age refused the file; its words follow.
    #[error("age cannot read it: {detail}")]
    Age {
        /// What age said, in English.
        detail: String,
    },
}
