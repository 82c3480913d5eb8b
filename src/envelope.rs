//! What an envelope holds: the metadata record (`amana.json`) and the names of the entries
//! of the stored ZIP inside the age file. Written by [`crate::seal`], read by
//! [`crate::review`]; `docs/format.md` is the specification.

use serde::{Deserialize, Serialize};

/// The metadata entry's name inside the ZIP.
pub const META_ENTRY: &str = "amana.json";
/// The message entry's name.
pub const MESSAGE_ENTRY: &str = "message.txt";
/// The optional confidential contact entry's name.
pub const CONTACT_ENTRY: &str = "contact.txt";
/// The folder of attachment entries.
pub const ATTACHMENT_DIR: &str = "attachments/";
/// The padding entry's name (zeros; makes the plaintext size a Padmé length).
pub const PADDING_ENTRY: &str = "padding";
/// The `format` value of the metadata record.
pub const FORMAT: &str = "amana-envelope";
/// The metadata version this code writes and reads.
pub const VERSION: u32 = 1;
/// Longest message accepted, in characters (SecureDrop's limit).
pub const MAX_MESSAGE_CHARS: usize = 100_000;
/// Longest confidential contact field, in characters.
pub const MAX_CONTACT_CHARS: usize = 2_000;
/// Largest metadata record a reader accepts, in bytes.
pub const MAX_META_BYTES: u64 = 4 << 20;

/// How a report reached the agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    /// The web form over Tor.
    Web,
    /// Taken by phone by an intake officer.
    Phone,
    /// Taken in person at a counter.
    Counter,
    /// Received by post and typed in.
    Post,
}

/// Whether an envelope opens a case or adds to one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The first submission under a receipt code.
    Report,
    /// A later message under the same code.
    FollowUp,
}

/// One sealed item's description: where it is in the ZIP and how to check it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Its entry name in the ZIP.
    pub entry: String,
    /// The name the reporter gave it (attachments only; untrusted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The media type the reporter's browser declared (attachments only; untrusted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the content, lower-case hex: evidence that the file is what was received.
    pub sha256: String,
}

/// The metadata record of an envelope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnvelopeMeta {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`VERSION`] for this code.
    pub version: u32,
    /// Random identifier of this envelope (16 hex digits).
    pub id: String,
    /// Report or follow-up.
    pub kind: Kind,
    /// The desk it was sealed for.
    pub desk: String,
    /// How it reached the agency.
    pub channel: Channel,
    /// The day it was received, `YYYY-MM-DD` (no time of day).
    pub day: String,
    /// The reporter's mailbox reference (`lookup_id`, hex): the same for every message sent
    /// under one code, so the agency can group them into a case.
    pub mailbox: String,
    /// The reporter's reply recipient (`age1…`): replies are sealed to it.
    pub reply_recipient: String,
    /// The message.
    pub message: Item,
    /// The confidential contact details, if the reporter gave any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Item>,
    /// The attachments, in the order they were received.
    pub attachments: Vec<Item>,
}

/// A random envelope id: 8 bytes from the OS CSPRNG, in hex.
pub fn new_envelope_id() -> String {
    use rand::RngCore;
    let mut b = [0u8; 8];
    rand::rngs::OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

/// Whether `s` is a well-formed envelope id (16 lower-case hex digits).
pub fn valid_envelope_id(s: &str) -> bool {
    s.len() == 16
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The case a mailbox belongs to, as the reviewer names it: the first 16 hex digits of the
/// mailbox reference.
pub fn case_id(mailbox: &str) -> String {
    mailbox.chars().take(16).collect()
}
