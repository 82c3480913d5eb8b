//! Helpers for the reviewer tests: running system tools, building bundles, checking folders.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use amana::seal::Sealed;

use crate::support::*;

/// Runs a system program and returns its output; panics with a clear message when the
/// program is missing (`tests/setup-system.sh` installs every one of them).
pub fn run(program: &str, args: &[&std::ffi::OsStr]) -> Output {
    Command::new(program)
        .args(args)
        .env("TZ", "UTC")
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run {program} ({e}); run tests/setup-system.sh as root to install it")
        })
}

/// Like [`run`], and the program must succeed.
pub fn run_ok(program: &str, args: &[&std::ffi::OsStr]) -> Vec<u8> {
    let out = run(program, args);
    assert!(
        out.status.success(),
        "{program} {args:?} failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// An argument for [`run`] from anything string- or path-like.
pub fn os<S: AsRef<std::ffi::OsStr> + ?Sized>(s: &S) -> &std::ffi::OsStr {
    s.as_ref()
}

/// Lower-case hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(amana::util::sha256(&[bytes]))
}

/// The drop key the reviewer tests sign bundles with, and its fingerprint.
pub fn drop_key() -> (ed25519_dalek::SigningKey, String) {
    let key = ed25519_dalek::SigningKey::from_bytes(&[3; 32]);
    let fp = amana::drop_key::fingerprint(&key.verifying_key());
    (key, fp)
}

/// A scratch area: `store/` for sealed envelopes, `out/` and `state/` for the reviewer.
pub struct Scene {
    pub tmp: tempfile::TempDir,
    pub store: PathBuf,
    pub out: PathBuf,
    pub state: PathBuf,
}

impl Scene {
    pub fn new() -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let store = tmp.path().join("store");
        std::fs::create_dir(&store).unwrap();
        Scene {
            out: tmp.path().join("out"),
            state: tmp.path().join("state"),
            store,
            tmp,
        }
    }

    /// Seals `message` (with one small attachment) for the demo desk.
    pub fn demo_report(&self, message: &str) -> (PathBuf, Sealed) {
        let report = Report {
            message,
            attachments: vec![("note.txt", "text/plain", message.as_bytes().to_vec())],
            ..Report::default()
        };
        seal_into(&self.store, &demo_public(), &report)
    }

    /// Writes a bundle named `name` of `sealed`, number `sequence`, signed by [`drop_key`].
    pub fn bundle(&self, name: &str, sequence: u64, sealed: &[(PathBuf, Sealed)]) -> PathBuf {
        let path = self.tmp.path().join(name);
        bundle_into(&path, &drop_key().0, sequence, sealed);
        path
    }

    /// Options that trust [`drop_key`].
    pub fn options(&self) -> amana::review::OpenOptions<'static> {
        amana::review::OpenOptions {
            out_dir: self.out.clone(),
            state_dir: self.state.clone(),
            trust_fingerprint: Some(drop_key().1),
            prompt: None,
        }
    }
}

/// The entries of a tar file, in order: (header, data).
pub fn tar_entries(bytes: &[u8]) -> Vec<(tar::Header, Vec<u8>)> {
    let mut archive = tar::Archive::new(bytes);
    archive
        .entries()
        .unwrap()
        .map(|e| {
            let mut e = e.unwrap();
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut e, &mut data).unwrap();
            (e.header().clone(), data)
        })
        .collect()
}

/// Writes `entries` as a tar file, as given (no re-sorting).
pub fn tar_of(entries: &[(tar::Header, Vec<u8>)]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for (h, data) in entries {
        b.append(h, &data[..]).unwrap();
    }
    b.into_inner().unwrap()
}

/// Asserts that `out` holds only complete message folders: no staging or temporary files
/// anywhere, and each message folder has its message and metadata. Returns the number of
/// message folders.
pub fn assert_only_complete_messages(out: &Path) -> usize {
    if !out.exists() {
        return 0;
    }
    let mut messages = 0;
    for case in std::fs::read_dir(out).unwrap() {
        let case = case.unwrap();
        let name = case.file_name().into_string().unwrap();
        assert!(!name.starts_with('.'), "left behind in the out dir: {name}");
        assert!(case.path().is_dir(), "a stray file in the out dir: {name}");
        for msg in std::fs::read_dir(case.path()).unwrap() {
            let msg = msg.unwrap().path();
            let n = msg.file_name().unwrap().to_string_lossy().into_owned();
            assert!(!n.starts_with('.'), "left behind: {}", msg.display());
            assert!(
                msg.join("message.txt").is_file(),
                "{} is incomplete",
                msg.display()
            );
            let meta = std::fs::read(msg.join("metadata.json")).unwrap();
            let record: serde_json::Value = serde_json::from_slice(&meta).unwrap();
            let sha = record["envelope"]["message"]["sha256"].as_str().unwrap();
            assert_eq!(
                sha256_hex(&std::fs::read(msg.join("message.txt")).unwrap()),
                sha
            );
            messages += 1;
        }
    }
    messages
}

/// A desk secret's identities, as the age API takes them.
pub fn identities(secret: &amana::desk::DeskSecret) -> Vec<&dyn age::Identity> {
    secret
        .identities
        .iter()
        .map(|i| i as &dyn age::Identity)
        .collect()
}
