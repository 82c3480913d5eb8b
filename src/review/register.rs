//! The reviewer's case register: when each case arrived, was acknowledged and last answered,
//! its status, and the replies sent. Kept on the air-gapped machine, sealed with age to the
//! desk identities that open reports, so it is as safe at rest as the reports themselves.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::decrypt::{classify, stream_damage, DecryptError};
use super::{ReviewError, StateProblem};
use crate::desk::DeskSecret;
use crate::envelope::EnvelopeMeta;
use crate::reply::Status;

/// One reply as the agency keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterReply {
    /// The reply's id.
    pub reply_id: String,
    /// The day it was written.
    pub day: String,
    /// Its number in the case's series.
    pub sequence: u64,
    /// Its text.
    pub text: String,
    /// The status it set, if any.
    pub status: Option<Status>,
    /// The reason given.
    pub reason: Option<String>,
    /// The body the case was referred to.
    pub referred_to: Option<String>,
}

/// One message of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterMessage {
    /// Envelope id.
    pub id: String,
    /// Day received.
    pub day: String,
}

/// One case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseRecord {
    /// The desk.
    pub desk: String,
    /// The drop's fingerprint (hex digits) the case came from.
    pub drop: String,
    /// The reporter's mailbox (hex `lookup_id`).
    pub mailbox: String,
    /// The reporter's reply recipient (from their latest message).
    pub reply_recipient: String,
    /// The day the first message arrived.
    pub arrived: String,
    /// Messages received, in order.
    pub messages: Vec<RegisterMessage>,
    /// The day of the first reply (the acknowledgment).
    pub acknowledged: Option<String>,
    /// The day of the latest reply.
    pub last_answered: Option<String>,
    /// The current status.
    pub status: Status,
    /// The reason given with the current status.
    pub reason: Option<String>,
    /// Days on which the case was referred to another body.
    pub referrals: Vec<String>,
    /// Replies sent.
    pub replies: Vec<RegisterReply>,
}

impl CaseRecord {
    /// The sequence number the next reply takes.
    pub fn next_sequence(&self) -> u64 {
        self.replies.iter().map(|r| r.sequence).max().unwrap_or(0) + 1
    }
}

/// The whole register.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Register {
    /// Cases by case id.
    pub cases: BTreeMap<String, CaseRecord>,
    /// Envelope ids opened successfully, per drop fingerprint: acknowledged to the drop in
    /// reply bundles, so that it can delete them.
    pub opened: BTreeMap<String, BTreeSet<String>>,
    #[serde(skip)]
    path: PathBuf,
}

fn state_err(path: &Path, problem: StateProblem) -> ReviewError {
    ReviewError::State {
        path: path.display().to_string(),
        problem,
    }
}

/// A reading or writing error on the register at `path`.
fn io_err(path: &Path) -> impl Fn(std::io::Error) -> ReviewError + '_ {
    move |e| state_err(path, StateProblem::Io(e))
}

/// Why the register at `path` does not decrypt.
fn undecryptable(path: &Path, e: DecryptError) -> ReviewError {
    let problem = match e {
        DecryptError::NoMatchingKey => StateProblem::NotThisIdentity,
        DecryptError::Damaged(damage) => StateProblem::Undecryptable(damage),
        DecryptError::Output(e) => StateProblem::Io(e),
    };
    state_err(path, problem)
}

impl Register {
    /// The register's file for `secret`'s desk under `state_dir`.
    pub fn path_for(state_dir: &Path, secret: &DeskSecret) -> PathBuf {
        let desk = secret.desk.as_deref().unwrap_or("desk");
        state_dir.join(format!("register-{desk}.age"))
    }

    /// Opens the register (empty if none exists yet) with the desk's identities.
    pub fn load(state_dir: &Path, secret: &DeskSecret) -> Result<Self, ReviewError> {
        let path = Self::path_for(state_dir, secret);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Register {
                    path,
                    ..Register::default()
                })
            }
            Err(e) => return Err(io_err(&path)(e)),
        };
        let decryptor =
            age::Decryptor::new(&bytes[..]).map_err(|e| undecryptable(&path, classify(e)))?;
        let ids: Vec<&dyn age::Identity> = secret
            .identities
            .iter()
            .map(|i| i as &dyn age::Identity)
            .collect();
        let mut reader = decryptor
            .decrypt(ids.into_iter())
            .map_err(|e| undecryptable(&path, classify(e)))?;
        let mut plain = Zeroizing::new(Vec::new());
        reader.read_to_end(&mut plain).map_err(|e| {
            let damage = StateProblem::Undecryptable(stream_damage(&e));
            state_err(&path, damage)
        })?;
        let mut register: Register = serde_json::from_slice(&plain).map_err(|e| {
            let detail = e.to_string();
            state_err(&path, StateProblem::Damaged { detail })
        })?;
        register.path = path;
        Ok(register)
    }

    /// Seals the register to the desk's identities and writes it durably.
    pub fn save(&self, secret: &DeskSecret) -> Result<(), ReviewError> {
        let plain = Zeroizing::new(serde_json::to_vec(self).expect("serialises"));
        let recipients: Vec<age::x25519::Recipient> =
            secret.identities.iter().map(|i| i.to_public()).collect();
        let encryptor =
            age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
                .map_err(|e| {
                    let detail = e.to_string();
                    state_err(&self.path, StateProblem::Seal { detail })
                })?;
        let mut out = Vec::new();
        let mut w = encryptor
            .wrap_output(&mut out)
            .map_err(io_err(&self.path))?;
        w.write_all(&plain).map_err(io_err(&self.path))?;
        w.finish().map_err(io_err(&self.path))?;
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::util::create_private_dir(dir).map_err(io_err(dir))?;
        }
        crate::util::write_durably(&self.path, &out).map_err(io_err(&self.path))
    }

    /// Records an opened message (idempotent: the same envelope twice adds nothing).
    pub fn record_message(&mut self, meta: &EnvelopeMeta, drop_fingerprint: &str) {
        let drop = crate::drop_key::normalise_fingerprint(drop_fingerprint);
        self.opened
            .entry(drop.clone())
            .or_default()
            .insert(meta.id.clone());
        let case = crate::envelope::case_id(&meta.mailbox);
        let record = self.cases.entry(case).or_insert_with(|| CaseRecord {
            desk: meta.desk.clone(),
            drop,
            mailbox: meta.mailbox.clone(),
            reply_recipient: meta.reply_recipient.clone(),
            arrived: meta.day.clone(),
            messages: Vec::new(),
            acknowledged: None,
            last_answered: None,
            status: Status::Received,
            reason: None,
            referrals: Vec::new(),
            replies: Vec::new(),
        });
        if record.messages.iter().any(|m| m.id == meta.id) {
            return;
        }
        record.messages.push(RegisterMessage {
            id: meta.id.clone(),
            day: meta.day.clone(),
        });
        record
            .messages
            .sort_by(|a, b| (&a.day, &a.id).cmp(&(&b.day, &b.id)));
        if meta.day >= record.arrived || record.messages.len() == 1 {
            record.reply_recipient = meta.reply_recipient.clone();
        }
        if meta.day < record.arrived {
            record.arrived = meta.day.clone();
        }
    }

    /// Records a reply sent.
    pub fn record_reply(&mut self, case: &str, reply: RegisterReply) {
        let Some(record) = self.cases.get_mut(case) else {
            return;
        };
        if record.acknowledged.is_none() {
            record.acknowledged = Some(reply.day.clone());
        }
        record.last_answered = Some(reply.day.clone());
        if let Some(status) = reply.status {
            record.status = status;
            record.reason = reply.reason.clone();
            if status == Status::Referred {
                record.referrals.push(reply.day.clone());
            }
        }
        record.replies.push(reply);
    }
}
