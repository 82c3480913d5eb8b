//! `amana-review open`: one pass over a bundle, writing each case only once it is whole.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::decrypt::{decrypt_into, DecryptError};
use super::extract::{ExtractError, Plaintext};
use super::split::{Split, Splitter};
use super::trust::ReviewerState;
use super::{EnvelopeProblem, ReviewError};
use crate::bundle::{self, EnvelopeSink, Manifest, ManifestEntry};
use crate::desk::DeskSecret;

/// Asks the operator whether to trust a drop seen for the first time.
pub trait TrustPrompt {
    /// Shows `fingerprint` and returns whether the operator confirmed it.
    fn confirm(&self, fingerprint: &str) -> bool;
}

/// How to open a bundle.
pub struct OpenOptions<'a> {
    /// Where cases are written.
    pub out_dir: PathBuf,
    /// The reviewer's state folder (trusted drops, bundle numbers).
    pub state_dir: PathBuf,
    /// A fingerprint the operator has already checked, for scripts.
    pub trust_fingerprint: Option<String>,
    /// Asked when the drop is new and no fingerprint was given; `None` refuses.
    pub prompt: Option<&'a dyn TrustPrompt>,
}

/// One message written to disk.
#[derive(Debug, Clone)]
pub struct OpenedMessage {
    /// The case (mailbox) it belongs to.
    pub case: String,
    /// Its folder.
    pub dir: PathBuf,
    /// Its desk.
    pub desk: String,
    /// How many attachments it has.
    pub attachments: usize,
    /// Its metadata.
    pub meta: crate::envelope::EnvelopeMeta,
}

/// What opening a bundle did.
#[derive(Debug, Default)]
pub struct OpenReport {
    /// The signing drop's fingerprint.
    pub drop_fingerprint: String,
    /// Envelopes in the bundle.
    pub listed: usize,
    /// Messages written now.
    pub opened: Vec<OpenedMessage>,
    /// Messages already on disk from an earlier opening (left as they were).
    pub already_present: Vec<String>,
    /// The metadata of those messages.
    pub already_present_meta: Vec<crate::envelope::EnvelopeMeta>,
    /// Envelopes for other desks: `(desk, file)`.
    pub other_desks: Vec<(String, String)>,
    /// Alarm: envelopes for this identity's desk sealed to keys it does not hold.
    pub unknown_key: Vec<(String, String)>,
    /// Bundle numbers that never arrived here, per desk: `(desk, first, last)`.
    pub missing_bundles: Vec<(String, u64, u64)>,
}

impl OpenReport {
    /// The exit code this outcome deserves (alarms first).
    pub fn exit_code(&self) -> i32 {
        use super::exit;
        if !self.unknown_key.is_empty() {
            exit::UNKNOWN_KEY
        } else if self.listed > 0 && self.opened.is_empty() && self.already_present.is_empty() {
            exit::WRONG_KEY
        } else if !self.missing_bundles.is_empty() {
            exit::MISSING_BUNDLES
        } else {
            exit::OK
        }
    }
}

enum Pending {
    /// Authenticated plaintext, split into files in the folder.
    Plain(tempfile::TempDir, Split),
    Failed(EnvelopeProblem),
}

struct Sink<'a> {
    secret: &'a DeskSecret,
    key_ids: Vec<String>,
    options: &'a OpenOptions<'a>,
    state: ReviewerState,
    drop_key: Option<ed25519_dalek::VerifyingKey>,
    sequences: Vec<(String, u64, String)>,
    scratch: tempfile::TempDir,
    report: OpenReport,
}

fn output_err(path: &Path) -> impl FnOnce(std::io::Error) -> ReviewError + '_ {
    move |source| ReviewError::Output {
        path: path.display().to_string(),
        source,
    }
}

impl EnvelopeSink for Sink<'_> {
    type Pending = Pending;
    type Error = ReviewError;

    fn manifest(
        &mut self,
        manifest: &Manifest,
        key: &ed25519_dalek::VerifyingKey,
    ) -> Result<(), ReviewError> {
        let fingerprint = crate::drop_key::fingerprint(key);
        self.report.drop_fingerprint = fingerprint.clone();
        self.report.listed = manifest.envelopes.len();
        if self.state.trusted(key).is_none() {
            let given = self
                .options
                .trust_fingerprint
                .as_deref()
                .map(crate::drop_key::normalise_fingerprint);
            let confirmed = match given {
                Some(g) => g == crate::drop_key::normalise_fingerprint(&fingerprint),
                None => self.options.prompt.is_some_and(|p| p.confirm(&fingerprint)),
            };
            if !confirmed {
                return Err(ReviewError::UntrustedDrop { fingerprint });
            }
            self.state.pin(key);
        }
        let digest = hex::encode(crate::util::sha256(&[
            &serde_json::to_vec(manifest).expect("serialises")
        ]));
        let known = self.state.trusted(key).expect("pinned above");
        for (desk, &seq) in &manifest.sequences {
            let (last, last_digest) = known.desks.get(desk).cloned().unwrap_or((0, String::new()));
            if seq < last || (seq == last && digest != last_digest) {
                return Err(ReviewError::Replayed {
                    desk: desk.clone(),
                    got: seq,
                    last,
                });
            }
            if seq > last + 1 {
                self.report
                    .missing_bundles
                    .push((desk.clone(), last + 1, seq - 1));
            }
            self.sequences
                .push((desk.clone(), seq.max(last), digest.clone()));
        }
        self.drop_key = Some(*key);
        Ok(())
    }

    fn receive(
        &mut self,
        entry: &ManifestEntry,
        data: &mut dyn Read,
    ) -> Result<Option<Pending>, ReviewError> {
        let mine = entry.key_ids.iter().any(|k| self.key_ids.contains(k));
        if !mine {
            if self.secret.desk.as_deref() == Some(entry.desk.as_str()) {
                self.report
                    .unknown_key
                    .push((entry.desk.clone(), entry.file.clone()));
            } else {
                self.report
                    .other_desks
                    .push((entry.desk.clone(), entry.file.clone()));
            }
            return Ok(None);
        }
        let identities: Vec<&dyn age::Identity> = self
            .secret
            .identities
            .iter()
            .map(|i| i as &dyn age::Identity)
            .collect();
        let scratch = self.scratch.path();
        let dir = tempfile::Builder::new()
            .prefix(".amana-split-")
            .tempdir_in(scratch)
            .map_err(output_err(scratch))?;
        let mut splitter = Splitter::new(dir.path());
        match decrypt_into(data, &identities, &mut splitter) {
            Ok(()) => {
                let split = splitter.finish().map_err(output_err(dir.path()))?;
                Ok(Some(Pending::Plain(dir, split)))
            }
            Err(DecryptError::Output(e)) => Err(output_err(scratch)(e)),
            Err(DecryptError::NoMatchingKey) => {
                Ok(Some(Pending::Failed(EnvelopeProblem::NoMatchingKey)))
            }
            Err(DecryptError::Damaged(damage)) => Ok(Some(Pending::Failed(
                EnvelopeProblem::Undecryptable(damage),
            ))),
        }
    }

    fn commit(&mut self, entry: &ManifestEntry, pending: Pending) -> Result<(), ReviewError> {
        let bad = |problem: EnvelopeProblem| ReviewError::BadEnvelope {
            file: entry.file.clone(),
            problem,
        };
        let refused = |e: ExtractError| match e {
            ExtractError::Bad(problem) => bad(EnvelopeProblem::Contents(problem)),
            ExtractError::Output(p, e) => output_err(&p)(e),
        };
        // The split folder goes when this returns; what was kept has been moved out of it.
        let (_split_dir, split) = match pending {
            Pending::Plain(dir, split) => (dir, split),
            Pending::Failed(problem) => return Err(bad(problem)),
        };
        let mut plaintext = Plaintext::new(split).map_err(refused)?;
        let meta = plaintext.meta().map_err(refused)?;
        if meta.desk != entry.desk {
            return Err(bad(EnvelopeProblem::DeskMismatch {
                sealed_for: meta.desk.clone(),
                listed_for: entry.desk.clone(),
            }));
        }
        let case = crate::envelope::case_id(&meta.mailbox);
        let case_dir = self.options.out_dir.join(&case);
        let final_dir = case_dir.join(format!("{}-{}", meta.day, meta.id));
        if final_dir.exists() {
            self.report
                .already_present
                .push(final_dir.display().to_string());
            return Ok(());
        }
        let staging = self.scratch.path().join(&meta.id);
        let provenance = serde_json::json!({
            "bundle_file": entry.file,
            "envelope_sha256": entry.sha256,
            "drop_fingerprint": self.report.drop_fingerprint,
            "opened_day": crate::util::today(),
        });
        let result = plaintext.extract_into(&meta, &staging, &provenance);
        if let Err(e) = result {
            let _ = fs::remove_dir_all(&staging);
            return Err(refused(e));
        }
        crate::util::create_private_dirs(&case_dir).map_err(output_err(&case_dir))?;
        fs::rename(&staging, &final_dir).map_err(output_err(&final_dir))?;
        crate::util::sync_dir(&case_dir).map_err(output_err(&case_dir))?;
        self.report.opened.push(OpenedMessage {
            case,
            dir: final_dir,
            desk: meta.desk.clone(),
            attachments: meta.attachments.len(),
            meta,
        });
        Ok(())
    }

    fn discard(&mut self, _pending: Pending) {
        // Dropping the split folder deletes it.
    }
}

/// Opens the bundle read from `input` with `secret`, writing cases under
/// `options.out_dir`. On error, messages already written stay (each is complete and
/// authentic); nothing half-written is left. What it creates is readable by its owner only
/// (folders 0700, files 0600), whatever the umask: these are decrypted reports.
pub fn open_bundle(
    input: impl Read,
    secret: &DeskSecret,
    options: &OpenOptions<'_>,
) -> Result<OpenReport, ReviewError> {
    crate::util::create_private_dirs(&options.out_dir).map_err(output_err(&options.out_dir))?;
    let scratch = tempfile::Builder::new()
        .prefix(".amana-partial-")
        .tempdir_in(&options.out_dir)
        .map_err(output_err(&options.out_dir))?;
    let mut sink = Sink {
        secret,
        key_ids: secret.key_ids(),
        options,
        state: ReviewerState::load(&options.state_dir)?,
        drop_key: None,
        sequences: Vec::new(),
        scratch,
        report: OpenReport::default(),
    };
    bundle::read_bundle(input, &mut sink)?;
    if let Some(key) = sink.drop_key {
        let entry = sink.state.drop_mut(&key).expect("pinned");
        for (desk, seq, digest) in sink.sequences.drain(..) {
            entry.desks.insert(desk, (seq, digest));
        }
        sink.state.save()?;
    }
    Ok(sink.report)
}
