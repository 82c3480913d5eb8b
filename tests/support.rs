//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use amana::desk::{DeskPublic, DeskSecret};
use amana::envelope::{Channel, Kind};
use amana::seal::{EnvelopeWriter, Header, Sealed};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The demo desk's public file.
pub fn demo_public() -> DeskPublic {
    DeskPublic::load(&root().join("keys/demo.pub")).unwrap()
}

/// The demo desk's secret key file and passphrase file.
pub fn demo_secret_paths() -> (PathBuf, PathBuf) {
    (
        root().join("tests/data/demo-desk.key"),
        root().join("tests/data/demo-desk.passphrase"),
    )
}

/// The demo desk's unlocked secret.
pub fn demo_secret() -> DeskSecret {
    let (key, pass) = demo_secret_paths();
    DeskSecret::load(&key, || {
        let text = std::fs::read_to_string(pass)?;
        Ok(age::secrecy::SecretString::from(
            text.lines().next().unwrap().to_string(),
        ))
    })
    .unwrap()
}

/// A report to seal in tests.
pub struct Report<'a> {
    pub mailbox: String,
    pub reply_recipient: Option<String>,
    pub message: &'a str,
    pub contact: Option<&'a str>,
    pub attachments: Vec<(&'a str, &'a str, Vec<u8>)>,
}

impl Default for Report<'_> {
    fn default() -> Self {
        Report {
            mailbox: "ab".repeat(32),
            reply_recipient: None,
            message: "The tender for the new hospital was rigged.",
            contact: None,
            attachments: vec![],
        }
    }
}

/// Seals `report` for `desk` into `dir/<id>.age` and returns what the drop would record.
pub fn seal_into(dir: &Path, desk: &DeskPublic, report: &Report<'_>) -> (PathBuf, Sealed) {
    let reply = report
        .reply_recipient
        .clone()
        .unwrap_or_else(|| age::x25519::Identity::generate().to_public().to_string());
    let tmp = dir.join(".sealing");
    let file = std::fs::File::create(&tmp).unwrap();
    let mut w = EnvelopeWriter::new(
        file,
        desk,
        Header {
            kind: Kind::Report,
            channel: Channel::Web,
            day: amana::util::today(),
            mailbox: report.mailbox.clone(),
            reply_recipient: reply,
        },
    )
    .unwrap();
    w.write_message(report.message).unwrap();
    if let Some(c) = report.contact {
        w.write_contact(c).unwrap();
    }
    for (name, media, data) in &report.attachments {
        w.begin_attachment(name, media).unwrap();
        use std::io::Write;
        for chunk in data.chunks(10_000) {
            w.write_all(chunk).unwrap();
        }
        w.end_attachment().unwrap();
    }
    let (file, sealed) = w.finish().unwrap();
    file.sync_all().unwrap();
    let path = dir.join(format!("{}.age", sealed.id));
    std::fs::rename(&tmp, &path).unwrap();
    (path, sealed)
}

/// Writes a bundle of sealed envelopes signed by `key` to `out`.
pub fn bundle_into(
    out: &Path,
    key: &ed25519_dalek::SigningKey,
    sequence: u64,
    sealed: &[(PathBuf, Sealed)],
) {
    let items: Vec<_> = sealed
        .iter()
        .map(|(path, s)| amana::bundle::ExportItem {
            path: path.clone(),
            desk: s.desk.clone(),
            key_ids: s.key_ids.clone(),
            size: s.size,
        })
        .collect();
    let mut seq = std::collections::BTreeMap::new();
    for (_, s) in sealed {
        seq.insert(s.desk.clone(), sequence);
    }
    let file = std::fs::File::create(out).unwrap();
    let file = amana::bundle::write_bundle(file, key, &seq, &items).unwrap();
    file.sync_all().unwrap();
}

/// A fresh desk with its secret.
#[allow(dead_code)]
pub fn new_desk(name: &str) -> (DeskSecret, DeskPublic) {
    let s = DeskSecret::generate(name).unwrap();
    let p = s.to_public();
    (s, p)
}
