//! Start-up reconciliation: whatever a crash left between two steps of a commit.
//!
//! - Temporary files are unfinished uploads that were never confirmed: deleted.
//! - An envelope file without a record was renamed into place but never recorded, so its
//!   reporter was never told it arrived: deleted (they can follow up and see it missing).
//! - A record without a file means data was lost: reported loudly, never hidden.

use super::{Store, StoreError};

/// What reconciliation found and did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ReconcileReport {
    /// Temporary files deleted.
    pub temp_files_deleted: usize,
    /// Envelope files deleted because no record named them.
    pub orphan_envelopes_deleted: usize,
    /// Ids of records whose envelope file is missing.
    pub missing_envelopes: Vec<String>,
    /// Files in the envelopes folder that are not envelopes (left alone).
    pub unknown_files: usize,
}

/// Reconciles the data folder with its records. Run before serving.
pub fn reconcile(store: &Store) -> Result<ReconcileReport, StoreError> {
    let mut report = ReconcileReport::default();
    let layout = store.layout();
    for entry in std::fs::read_dir(layout.tmp_dir())? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            std::fs::remove_file(entry.path())?;
            report.temp_files_deleted += 1;
        }
    }
    let tree = store.envelope_tree();
    for entry in std::fs::read_dir(layout.envelopes_dir())? {
        let entry = entry?;
        let name = entry.file_name();
        let id = name
            .to_str()
            .and_then(|n| n.strip_suffix(".age"))
            .filter(|id| crate::envelope::valid_envelope_id(id));
        match id {
            Some(id) if !tree.contains_key(id.as_bytes())? => {
                std::fs::remove_file(entry.path())?;
                report.orphan_envelopes_deleted += 1;
            }
            Some(_) => {}
            None => report.unknown_files += 1,
        }
    }
    for key in tree.iter().keys() {
        let id = String::from_utf8_lossy(&key?).into_owned();
        if !layout.envelope_path(&id).exists() {
            report.missing_envelopes.push(id);
        }
    }
    if report.temp_files_deleted + report.orphan_envelopes_deleted > 0 {
        crate::util::sync_dir(&layout.tmp_dir())?;
        crate::util::sync_dir(&layout.envelopes_dir())?;
    }
    Ok(report)
}
