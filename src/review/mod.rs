//! The offline reviewer's side: verify a bundle, decrypt the envelopes this identity can
//! open, and write each case to disk — only once everything about it has authenticated.
//!
//! Output layout: `DIR/<case>/<day>-<envelope id>/` holding `message.txt`, `contact.txt`
//! (when given), `metadata.json` and `attachments/` (names made safe). A case is one
//! reporter's mailbox: every message sent under one receipt code.

mod cases;
mod deadlines;
mod decrypt;
mod extract;
mod open;
mod register;
mod split;
mod trust;

pub use cases::{list_cases, read_case, CaseSummary, MessageSummary};
pub use deadlines::{deadlines, Due, Regime};
pub use decrypt::{decrypt_into, decrypt_to_file, AgeDamage, DecryptError};
pub use extract::{extract_envelope, ExtractError};
pub use open::{open_bundle, OpenOptions, OpenReport, TrustPrompt};
pub use register::{CaseRecord, Register, RegisterMessage, RegisterReply};
pub use trust::{ReviewerState, TrustedDrop};

/// Everything that can stop the reviewer, each with its own exit code.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    /// The identity file could not be used.
    #[error("{0}")]
    Identity(#[from] crate::desk::DeskError),
    /// The bundle is damaged, truncated, tampered with or not a bundle.
    #[error("{0}")]
    Bundle(#[from] crate::bundle::BundleError),
    /// An envelope listed as sealed to this identity does not open or is malformed.
    #[error("envelope {file} is damaged: {problem}")]
    BadEnvelope {
        /// The envelope's name in the bundle.
        file: String,
        /// What is wrong.
        problem: EnvelopeProblem,
    },
    /// The drop that signed the bundle is not trusted (yet).
    #[error(
        "this bundle comes from a drop this machine does not trust yet (fingerprint {fingerprint}). \
         Compare the fingerprint with the one the drop printed at its first start, then run again \
         with --trust-drop \"{fingerprint}\""
    )]
    UntrustedDrop {
        /// The drop key's fingerprint.
        fingerprint: String,
    },
    /// An older bundle, or a different bundle with the same number.
    #[error(
        "replayed bundle: desk {desk} bundle number {got} is not newer than number {last}, \
         already opened here. Nothing was opened"
    )]
    Replayed {
        /// The desk.
        desk: String,
        /// This bundle's number.
        got: u64,
        /// The newest number already opened.
        last: u64,
    },
    /// Writing the output failed (disk full, no permission, …).
    #[error("cannot write the output at {path}: {source}. Nothing half-written was left")]
    Output {
        /// Where.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The reviewer's own state could not be read or written.
    #[error("reviewer state at {path}: {problem}")]
    State {
        /// Where.
        path: String,
        /// Why.
        problem: StateProblem,
    },
}

/// What is wrong with the reviewer's state: the trusted drops (`drops.json`) or a desk's
/// case register (`register-<desk>.age`).
#[derive(Debug, thiserror::Error)]
pub enum StateProblem {
    /// Reading or writing it failed.
    #[error("{0}")]
    Io(std::io::Error),
    /// It does not parse: it is damaged. The JSON parser's words follow.
    #[error("damaged ({detail}); restore it from a backup")]
    Damaged {
        /// What the JSON parser said, in English.
        detail: String,
    },
    /// The case register does not decrypt: it is damaged.
    #[error("damaged ({0}); restore it from a backup")]
    Undecryptable(AgeDamage),
    /// None of this identity's keys opens the case register.
    #[error("this identity does not open the case register")]
    NotThisIdentity,
    /// age refused to seal the case register to the desk's keys; its words follow.
    #[error("cannot seal the case register: {detail}")]
    Seal {
        /// What age said, in English.
        detail: String,
    },
}

/// Why an envelope listed as sealed to this identity was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnvelopeProblem {
    /// None of the identity's keys opens it, although the manifest lists it for them.
    #[error("none of this identity's keys opens it, although the manifest lists it for them")]
    NoMatchingKey,
    /// The age encryption is damaged, truncated or was changed.
    #[error("its encryption is damaged: {0}")]
    Undecryptable(AgeDamage),
    /// It decrypts, but its contents are malformed or do not match their metadata.
    #[error("its contents are malformed: {0}")]
    Contents(ContentProblem),
    /// Its metadata names another desk than the manifest.
    #[error("sealed for desk {sealed_for:?} but listed for {listed_for:?}")]
    DeskMismatch {
        /// The desk its metadata names (untrusted).
        sealed_for: String,
        /// The desk the manifest lists it for.
        listed_for: String,
    },
}

/// Why a decrypted envelope's contents were refused: its ZIP or its metadata record is
/// malformed, or an entry does not match what the metadata records. Entry names and values
/// come from the envelope: print them through [`terminal_safe`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContentProblem {
    /// The plaintext is not a ZIP archive; the ZIP reader's words follow.
    #[error("not a valid envelope container: {detail}")]
    NotAZip {
        /// What the ZIP reader said, in English.
        detail: String,
    },
    /// The metadata record is missing.
    #[error("no metadata record")]
    NoMetadata,
    /// The metadata record is larger than any Amana writes.
    #[error("metadata record too large")]
    MetadataTooLarge,
    /// An entry cannot be read out of the archive; the reader's words follow.
    #[error("{entry}: {detail}")]
    Unreadable {
        /// The entry.
        entry: String,
        /// What the ZIP reader said, in English.
        detail: String,
    },
    /// Two entries of the archive have the same name.
    #[error("{entry} appears twice")]
    Duplicate {
        /// The entry.
        entry: String,
    },
    /// An entry the metadata lists is not in the archive.
    #[error("{entry} is missing")]
    Missing {
        /// The entry.
        entry: String,
    },
    /// The metadata lists one entry for two items.
    #[error("{entry} is listed twice")]
    ListedTwice {
        /// The entry.
        entry: String,
    },
    /// An entry's size is not the one the metadata records.
    #[error("{entry} has the wrong size ({actual} bytes, {recorded} recorded)")]
    WrongSize {
        /// The entry.
        entry: String,
        /// The size the metadata records.
        recorded: u64,
        /// The entry's size in the archive.
        actual: u64,
    },
    /// An entry's SHA-256 is not the one the metadata records.
    #[error("{entry} does not match its recorded SHA-256")]
    HashMismatch {
        /// The entry.
        entry: String,
    },
    /// The metadata record is not the JSON of one; the JSON parser's words follow.
    #[error("metadata: {detail}")]
    MetadataJson {
        /// What the JSON parser said, in English.
        detail: String,
    },
    /// An envelope format or version this tool does not read.
    #[error("unsupported envelope {format} version {version}")]
    Unsupported {
        /// The format the metadata names.
        format: String,
        /// Its version.
        version: u32,
    },
    /// The envelope id is malformed.
    #[error("bad envelope id")]
    BadId,
    /// The mailbox reference is not 64 hexadecimal digits.
    #[error("bad mailbox reference")]
    BadMailbox,
    /// The day is not a date.
    #[error("bad day")]
    BadDay,
    /// The desk name is not a desk's.
    #[error("bad desk name")]
    BadDesk,
}

/// Exit codes of `amana-review`, documented in `docs/review.md`.
pub mod exit {
    /// Success.
    pub const OK: i32 = 0;
    /// Any other error.
    pub const ERROR: i32 = 1;
    /// Bad command line.
    pub const USAGE: i32 = 2;
    /// Wrong passphrase for the identity file.
    pub const WRONG_PASSPHRASE: i32 = 3;
    /// The identity opens none of the bundle's envelopes.
    pub const WRONG_KEY: i32 = 4;
    /// The bundle is damaged, truncated, tampered with or not a bundle.
    pub const DAMAGED: i32 = 5;
    /// Alarm: an envelope for this desk was sealed to a key the desk does not know.
    pub const UNKNOWN_KEY: i32 = 6;
    /// The output could not be written (disk full, permissions).
    pub const OUTPUT: i32 = 7;
    /// The drop's key is not trusted.
    pub const UNTRUSTED_DROP: i32 = 8;
    /// A replayed (older) bundle.
    pub const REPLAYED: i32 = 9;
    /// Opened, but earlier bundles of the series never arrived here (withheld or lost).
    pub const MISSING_BUNDLES: i32 = 10;
}

impl ReviewError {
    /// The exit code for this error.
    pub fn exit_code(&self) -> i32 {
        use crate::bundle::BundleError as B;
        use crate::desk::DeskError as D;
        match self {
            ReviewError::Identity(D::WrongPassphrase) => exit::WRONG_PASSPHRASE,
            ReviewError::Identity(_) => exit::ERROR,
            ReviewError::Bundle(B::Io(_)) => exit::ERROR,
            ReviewError::Bundle(_) | ReviewError::BadEnvelope { .. } => exit::DAMAGED,
            ReviewError::UntrustedDrop { .. } => exit::UNTRUSTED_DROP,
            ReviewError::Replayed { .. } => exit::REPLAYED,
            ReviewError::Output { .. } => exit::OUTPUT,
            ReviewError::State { .. } => exit::ERROR,
        }
    }
}

/// Escapes control and direction-override characters so that untrusted text printed to a
/// terminal cannot move the cursor, change colours or reorder what is shown.
pub fn terminal_safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\n' || c == '\t' {
                c.to_string()
            } else if c.is_control()
                || matches!(c, '\u{200E}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
            {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}
