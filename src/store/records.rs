//! The small record kept in sled for each envelope. It says nothing of who sent it: no
//! mailbox, no time of day, nothing that links two envelopes of one reporter.

use serde::{Deserialize, Serialize};

use super::{StoreDamage, StoreError};
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
        serde_json::from_slice(bytes).map_err(|e| {
            StoreError::Damaged(StoreDamage::EnvelopeRecord {
                detail: e.to_string(),
            })
        })
    }
}
