//! What exactly is wrong with a reply bundle: the facts, for a message in the reader's
//! language. They travel over the drop's admin socket as they are (hence `serde`).
//!
//! The English [`std::fmt::Display`] is for logs and library users. Names taken from a
//! bundle are untrusted: print them through [`crate::review::terminal_safe`].

use serde::{Deserialize, Serialize};

/// Why a file is not a valid reply bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum ReplyProblem {
    /// The tar parser refused the framing; its words follow.
    #[error("damaged or truncated tar framing ({detail})")]
    Framing {
        /// What the tar parser said, in English.
        detail: String,
    },
    /// An entry is not a plain file.
    #[error("{name:?} is not a plain file")]
    NotAFile {
        /// The entry (untrusted).
        name: String,
    },
    /// An entry is larger than any the desk writes.
    #[error("{name:?} is too large")]
    TooLarge {
        /// The entry (untrusted).
        name: String,
    },
    /// More replies than a bundle may hold.
    #[error("too many replies (at most {max})")]
    TooManyFiles {
        /// The most a bundle may hold.
        max: usize,
    },
    /// The bundle ends inside an entry.
    #[error("the bundle ends in the middle of {name:?} (truncated)")]
    CutInFile {
        /// The entry (untrusted).
        name: String,
    },
    /// Another entry than the manifest or its signature, where one of them belongs.
    #[error("expected {expected} but found {found:?}")]
    Misplaced {
        /// `replies.json` or `replies.sig`.
        expected: String,
        /// The entry found (untrusted).
        found: String,
    },
    /// The manifest or its signature is missing.
    #[error("no signed manifest")]
    NoManifest,
    /// The manifest is not the JSON of a reply manifest; the JSON parser's words follow.
    #[error("the manifest does not parse: {detail}")]
    ManifestJson {
        /// What the JSON parser said, in English.
        detail: String,
    },
    /// The manifest is JSON, but not a reply bundle's.
    #[error("not an Amana reply manifest")]
    NotReplies,
    /// A manifest version this code does not read.
    #[error("reply manifest version {version} is not supported (this tool reads {supported})")]
    UnsupportedVersion {
        /// The manifest's version.
        version: u32,
        /// The version this code reads.
        supported: u32,
    },
    /// More replies or acknowledgments than a bundle may list.
    #[error("too many entries ({replies} replies, {acknowledged} acknowledged envelopes)")]
    TooManyEntries {
        /// Replies listed.
        replies: usize,
        /// Envelopes acknowledged.
        acknowledged: usize,
    },
    /// An acknowledged envelope id is not 16 hex digits.
    #[error("bad envelope id {id:?}")]
    BadAcknowledgedId {
        /// The id as written (untrusted).
        id: String,
    },
    /// A reply's entry in the manifest is malformed (ids, name or number).
    #[error("bad entry {file:?}")]
    BadEntry {
        /// The reply's file name as listed (untrusted).
        file: String,
    },
    /// A reply opened, but what it holds is not a reply; the JSON parser's words follow.
    #[error("the reply's content does not parse: {detail}")]
    ContentJson {
        /// What the JSON parser said, in English.
        detail: String,
    },
}

/// How a reply bundle differs from what the desk signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum ReplyTampering {
    /// Replies missing or added.
    #[error("the manifest lists {listed} repl(ies) but the bundle holds {found}")]
    Count {
        /// Replies the manifest lists.
        listed: usize,
        /// Replies in the bundle.
        found: usize,
    },
    /// A reply differs from the signed manifest (name, size or SHA-256).
    #[error("{file} differs from the manifest")]
    Differs {
        /// The reply's file name, as the manifest lists it.
        file: String,
    },
}
