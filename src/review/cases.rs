//! A readable view of what was opened: cases, messages, dates, attachments and hashes.

use std::path::{Path, PathBuf};

use crate::envelope::EnvelopeMeta;

/// One opened message, as read back from its folder.
#[derive(Debug, Clone)]
pub struct MessageSummary {
    /// Its folder.
    pub dir: PathBuf,
    /// Its metadata.
    pub meta: EnvelopeMeta,
    /// The names its attachments were saved under, in order.
    pub saved_attachments: Vec<String>,
}

/// One case: every message opened from one mailbox.
#[derive(Debug, Clone)]
pub struct CaseSummary {
    /// The case id (folder name).
    pub case: String,
    /// Its messages, oldest first.
    pub messages: Vec<MessageSummary>,
}

fn read_message(dir: &Path) -> Option<MessageSummary> {
    #[derive(serde::Deserialize)]
    struct Record {
        envelope: EnvelopeMeta,
        saved_attachments: Vec<String>,
    }
    let bytes = std::fs::read(dir.join("metadata.json")).ok()?;
    let record: Record = serde_json::from_slice(&bytes).ok()?;
    Some(MessageSummary {
        dir: dir.to_path_buf(),
        meta: record.envelope,
        saved_attachments: record.saved_attachments,
    })
}

/// Reads one case folder.
pub fn read_case(out_dir: &Path, case: &str) -> std::io::Result<CaseSummary> {
    if case.is_empty() || !case.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "a case id is hexadecimal (see `amana-review list`)",
        ));
    }
    let dir = out_dir.join(case);
    let mut messages = Vec::new();
    for entry in std::fs::read_dir(&dir)? {
        let path = entry?.path();
        if path.is_dir() {
            if let Some(m) = read_message(&path) {
                messages.push(m);
            }
        }
    }
    messages.sort_by(|a, b| {
        (a.meta.day.as_str(), a.dir.as_path()).cmp(&(b.meta.day.as_str(), b.dir.as_path()))
    });
    Ok(CaseSummary {
        case: case.to_string(),
        messages,
    })
}

/// Lists every case under `out_dir`, sorted by the day of its latest message.
pub fn list_cases(out_dir: &Path) -> std::io::Result<Vec<CaseSummary>> {
    let mut cases = Vec::new();
    for entry in std::fs::read_dir(out_dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || !entry.path().is_dir() {
            continue;
        }
        if let Ok(case) = read_case(out_dir, &name) {
            if !case.messages.is_empty() {
                cases.push(case);
            }
        }
    }
    cases.sort_by(|a, b| {
        let last = |c: &CaseSummary| c.messages.last().map(|m| m.meta.day.clone());
        last(a).cmp(&last(b)).then(a.case.cmp(&b.case))
    });
    Ok(cases)
}
