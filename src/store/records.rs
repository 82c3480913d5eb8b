//! The small record kept in sled for each envelope. It says nothing of who sent it: no
//! mailbox, no time of day, nothing that links two envelopes of one reporter.

use serde::{Deserialize, Serialize};

use super::StoreError;
use crate::seal::Sealed;

/// What the drop keeps about one envelope besides its file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnvelopeRecord {
    /// The desk it is sealed for.
    pub desk: String,
    /// Key ids of the recipients it is sealed to.
    pub key_ids: Vec<String>,
    /// Size of the age file.
    pub size: u64,
    /// SHA-256 of the age file, hex.
    pub sha256: String,
    /// The day it arrived.
    pub day: String,
    /// Whether a bundle has carried it away.
    pub exported: bool,
}

impl EnvelopeRecord {
    /// The record of a freshly sealed envelope.
    pub fn new(sealed: &Sealed, day: &str) -> Self {
        EnvelopeRecord {
            desk: sealed.desk.clone(),
            key_ids: sealed.key_ids.clone(),
            size: sealed.size,
            sha256: hex::encode(sealed.sha256),
            day: day.to_string(),
            exported: false,
        }
    }

    /// The stored form.
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("a record always serialises")
    }

    /// Parses the stored form.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, StoreError> {
        serde_json::from_slice(bytes).map_err(|e| StoreError::Damaged(e.to_string()))
    }

    /// The SHA-256 as bytes.
    pub fn sha256_bytes(&self) -> Result<[u8; 32], StoreError> {
        hex::decode(&self.sha256)
            .ok()
            .and_then(|v| v.try_into().ok())
            .ok_or_else(|| StoreError::Damaged("sha256".into()))
    }
}
