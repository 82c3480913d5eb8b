//! Bundles: how sealed envelopes travel from the drop to the reviewer on removable media.
//!
//! A bundle is a plain tar (`tar -tf` lists it) of
//!
//! 1. `manifest.json` — which envelopes follow, for which desk, sealed to which key ids,
//!    with their sizes and SHA-256, and a per-desk bundle sequence number;
//! 2. `manifest.sig` — the drop's Ed25519 signature over a context string and the manifest;
//! 3. `envelopes/<id>.age` — the envelopes, sorted by name.
//!
//! Entries carry zeroed owners, mode 0644 and the export day as their time. The signature
//! makes truncation, substitution, reordering and additions detectable; the sequence numbers
//! make replayed and withheld bundles detectable by a reviewer that remembers them.

mod manifest;
mod problem;
mod read;
mod write;

pub use manifest::{Manifest, ManifestEntry, MANIFEST_CONTEXT};
pub use problem::{Malformation, Tampering};
pub use read::{read_bundle, EnvelopeSink};
pub use write::{write_bundle, ExportItem};

/// The manifest's entry name.
pub const MANIFEST_NAME: &str = "manifest.json";
/// The signature's entry name.
pub const SIGNATURE_NAME: &str = "manifest.sig";
/// The folder of envelopes inside a bundle.
pub const ENVELOPE_DIR: &str = "envelopes/";
/// The most envelopes one bundle may list.
pub const MAX_ENVELOPES: usize = 100_000;
/// Largest manifest accepted, in bytes.
pub const MAX_MANIFEST_BYTES: u64 = 32 << 20;

/// What is wrong with a bundle. Every case is plain facts (see [`Malformation`] and
/// [`Tampering`]), so that a tool can word it in its reader's language.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    /// Reading or writing failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// Not a bundle, or its structure is wrong.
    #[error("this is not a valid Amana bundle: {0}")]
    Malformed(Malformation),
    /// The manifest's signature does not verify.
    #[error("the bundle's signature does not verify: it was changed after the drop signed it")]
    BadSignature,
    /// The bundle ends before every envelope it lists.
    #[error("the bundle is truncated: {missing} of its {listed} envelopes are missing")]
    Truncated {
        /// Envelopes listed in the manifest but absent.
        missing: usize,
        /// Envelopes listed.
        listed: usize,
    },
    /// An envelope differs from what the signed manifest says, or is out of place.
    #[error("the bundle was tampered with: {0}")]
    Tampered(Tampering),
    /// An envelope file on the drop changed after it was sealed.
    #[error("envelope {0} changed on the drop after it was sealed")]
    EnvelopeChanged(String),
}
