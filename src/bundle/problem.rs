//! What exactly is wrong with a bundle: the facts, for a message in the reader's language.
//!
//! Each case carries what it is about (an entry's name, a size, a version) as fields; the
//! English [`std::fmt::Display`] is for logs and library users. Names taken from a bundle
//! are untrusted: print them through [`crate::review::terminal_safe`].

use std::path::PathBuf;

use super::{MANIFEST_NAME, SIGNATURE_NAME};

/// Why a file is not a valid bundle (its structure, not its contents, is wrong).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Malformation {
    /// The first entry is not the manifest: not a bundle at all, most likely.
    #[error("expected {} first", MANIFEST_NAME)]
    ManifestNotFirst,
    /// The second entry is not the manifest's signature.
    #[error("expected {} after {}", SIGNATURE_NAME, MANIFEST_NAME)]
    SignatureNotSecond,
    /// The manifest or the signature is larger than any the drop writes.
    #[error("{name} is too large")]
    TooLarge {
        /// The entry: `manifest.json` or `manifest.sig`.
        name: &'static str,
    },
    /// The bundle ends inside a file.
    #[error("the bundle ends in the middle of a file (truncated)")]
    CutInFile,
    /// The tar parser refused the framing (a header, a size); its words follow.
    #[error("damaged or truncated tar framing ({detail})")]
    Framing {
        /// What the tar parser said, in English.
        detail: String,
    },
    /// The padding after a file holds something other than zeros.
    #[error("non-zero bytes in the tar padding")]
    DirtyPadding,
    /// Blocks (extension headers, anything) sit between two of the bundle's files.
    #[error("unexpected blocks between the bundle's files")]
    StrayBlocks,
    /// The bundle ends before the manifest or its signature.
    #[error("the bundle ends before {name}")]
    Missing {
        /// The entry: `manifest.json` or `manifest.sig`.
        name: &'static str,
    },
    /// A tar header differs from the one the drop writes (owner, mode, time, format).
    #[error("the tar header of {name} is not the one the drop writes")]
    ForeignHeader {
        /// The entry whose header differs.
        name: String,
    },
    /// The two zero blocks that end a tar are missing.
    #[error("the bundle's end blocks are missing (truncated)")]
    EndMissing,
    /// Something follows the end of the bundle.
    #[error("data after the end of the bundle")]
    TrailingData,
    /// The manifest is not the JSON of a manifest; the JSON parser's words follow.
    #[error("{} does not parse: {detail}", MANIFEST_NAME)]
    ManifestJson {
        /// What the JSON parser said, in English.
        detail: String,
    },
    /// The manifest is JSON, but not an Amana bundle's.
    #[error("not an Amana bundle manifest")]
    NotAManifest,
    /// A manifest version this code does not read.
    #[error("manifest version {version} is not supported (this tool reads {supported})")]
    UnsupportedVersion {
        /// The manifest's version.
        version: u32,
        /// The version this code reads.
        supported: u32,
    },
    /// The drop key the manifest names is not an Ed25519 key.
    #[error("the drop key is not an ed25519 key")]
    BadDropKey,
    /// More envelopes than a bundle may list.
    #[error("too many envelopes ({count}; at most {max})")]
    TooManyEnvelopes {
        /// How many the manifest lists.
        count: usize,
        /// The most a bundle may list.
        max: usize,
    },
    /// The manifest's day is not a `YYYY-MM-DD` date.
    #[error("the manifest's day {day:?} is not a date")]
    BadDay {
        /// The day as written (untrusted).
        day: String,
    },
    /// The envelopes are not listed in order, or one is listed twice.
    #[error("envelopes are not sorted or are listed twice")]
    Unsorted,
    /// A listed envelope's name is not `envelopes/<16 hex digits>.age`.
    #[error("bad envelope name {file:?}")]
    BadEnvelopeName {
        /// The name as listed (untrusted).
        file: String,
    },
    /// A listed envelope's desk has no bundle number.
    #[error("desk {desk:?} has no sequence number")]
    NoSequence {
        /// The desk (untrusted).
        desk: String,
    },
    /// A listed envelope's SHA-256 is not 64 hex digits.
    #[error("the SHA-256 of {file} is malformed")]
    BadHash {
        /// The envelope's name.
        file: String,
    },
    /// A desk name the drop could not have used.
    #[error("bad desk name {desk:?}")]
    BadDeskName {
        /// The desk name (untrusted).
        desk: String,
    },
    /// Writing: a stored envelope's file name is not `<16 hex digits>.age`.
    #[error("bad envelope file name {}", .path.display())]
    BadEnvelopeFile {
        /// The file.
        path: PathBuf,
    },
}

/// How a bundle differs from what the drop signed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Tampering {
    /// An entry beyond the envelopes the manifest lists.
    #[error("unlisted entry {name:?}")]
    Unlisted {
        /// The entry's name (untrusted).
        name: String,
    },
    /// Another entry than the next envelope listed.
    #[error("expected {expected} but found {found:?} (reordered, replaced or removed)")]
    Unexpected {
        /// The envelope the manifest lists next.
        expected: String,
        /// The entry found in its place (untrusted).
        found: String,
    },
    /// A listed envelope's entry is not a plain file.
    #[error("{name} is not a plain file")]
    NotAFile {
        /// The envelope.
        name: String,
    },
    /// A listed envelope has another size than the manifest says.
    #[error("{name} is {actual} bytes, the manifest says {listed}")]
    Size {
        /// The envelope.
        name: String,
        /// Its size in the manifest.
        listed: u64,
        /// Its size in the tar.
        actual: u64,
    },
    /// A listed envelope's bytes differ from those signed.
    #[error("{name} differs from the signed manifest")]
    Differs {
        /// The envelope.
        name: String,
    },
}
