//! The data folder's layout.

use std::path::{Path, PathBuf};

/// Paths inside the data folder.
#[derive(Debug, Clone)]
pub struct Layout {
    root: PathBuf,
}

impl Layout {
    /// Creates the data folder and its subfolders, readable by the owner only.
    pub fn create(root: &Path) -> std::io::Result<Self> {
        let layout = Layout {
            root: root.to_owned(),
        };
        crate::util::create_private_dir(root)?;
        crate::util::create_private_dir(&layout.envelopes_dir())?;
        crate::util::create_private_dir(&layout.tmp_dir())?;
        Ok(layout)
    }

    /// The data folder itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// sled's folder.
    pub fn db_dir(&self) -> PathBuf {
        self.root.join("db")
    }

    /// Sealed envelopes, `<id>.age`.
    pub fn envelopes_dir(&self) -> PathBuf {
        self.root.join("envelopes")
    }

    /// Ciphertext being written; emptied at every start.
    pub fn tmp_dir(&self) -> PathBuf {
        self.root.join("tmp")
    }

    /// The path of envelope `id`.
    pub fn envelope_path(&self, id: &str) -> PathBuf {
        self.envelopes_dir().join(format!("{id}.age"))
    }

    /// The running drop's admin socket (export and, later, reply import).
    pub fn admin_socket(&self) -> PathBuf {
        self.root.join("admin.sock")
    }
}
