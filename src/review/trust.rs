//! What the reviewer's machine remembers between bundles: which drops it trusts (pinned
//! Ed25519 keys) and, per drop and desk, the newest bundle number it has opened.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{ReviewError, StateProblem};

const STATE_FILE: &str = "drops.json";

/// One trusted drop.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustedDrop {
    /// The drop's key, `ed25519:<base64>`.
    pub key: String,
    /// Per desk: the newest bundle number opened, and the SHA-256 of its manifest.
    pub desks: BTreeMap<String, (u64, String)>,
}

/// The reviewer's state file.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewerState {
    /// Trusted drops by fingerprint (hex digits only, upper case).
    pub drops: BTreeMap<String, TrustedDrop>,
    #[serde(skip)]
    path: PathBuf,
}

impl ReviewerState {
    /// Loads the state from `dir` (empty when the folder or file does not exist yet).
    pub fn load(dir: &Path) -> Result<Self, ReviewError> {
        let path = dir.join(STATE_FILE);
        let err = |problem: StateProblem| ReviewError::State {
            path: path.display().to_string(),
            problem,
        };
        let mut state = match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice::<ReviewerState>(&bytes).map_err(|e| {
                err(StateProblem::Damaged {
                    detail: e.to_string(),
                })
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => ReviewerState::default(),
            Err(e) => return Err(err(StateProblem::Io(e))),
        };
        state.path = path;
        Ok(state)
    }

    /// Saves the state durably.
    pub fn save(&self) -> Result<(), ReviewError> {
        let err = |e: std::io::Error| ReviewError::State {
            path: self.path.display().to_string(),
            problem: StateProblem::Io(e),
        };
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::util::create_private_dir(dir).map_err(err)?;
        }
        let bytes = serde_json::to_vec_pretty(self).expect("state serialises");
        crate::util::write_durably(&self.path, &bytes).map_err(err)
    }

    /// The trusted drop with this key, if any.
    pub fn trusted(&self, key: &ed25519_dalek::VerifyingKey) -> Option<&TrustedDrop> {
        let fp = crate::drop_key::normalise_fingerprint(&crate::drop_key::fingerprint(key));
        self.drops
            .get(&fp)
            .filter(|d| d.key == crate::desk::verifying_key_text(key))
    }

    /// Trusts `key` from now on.
    pub fn pin(&mut self, key: &ed25519_dalek::VerifyingKey) {
        let fp = crate::drop_key::normalise_fingerprint(&crate::drop_key::fingerprint(key));
        self.drops.entry(fp).or_insert_with(|| TrustedDrop {
            key: crate::desk::verifying_key_text(key),
            desks: BTreeMap::new(),
        });
    }

    /// The trusted drop entry for `key`, mutable.
    pub fn drop_mut(&mut self, key: &ed25519_dalek::VerifyingKey) -> Option<&mut TrustedDrop> {
        let fp = crate::drop_key::normalise_fingerprint(&crate::drop_key::fingerprint(key));
        self.drops.get_mut(&fp)
    }
}
