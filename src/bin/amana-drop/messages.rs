//! The library's errors, in the operator's language.
//!
//! Each error names what it is about — the file, the line and column, the key, the value —
//! inside a translated sentence, and so does every reason it carries. What a parser or the
//! system words in English (why a TOML text does not parse, why sled failed, the OS's text)
//! follows as given, after a translated sentence. The running drop's failures come back
//! over its admin socket as facts ([`AdminFailure`]) and are worded here like the command's
//! own.

use std::path::Path;

use amana::desk::{DeskError, DeskLineProblem};
use amana::drop_config::{ConfigError, Problem};
use amana::export::import::ImportError;
use amana::export::{
    AdminFailure, ExportError, IoFailure, ReplyRefusal, StoreFailure, WriteFailure,
};
use amana::intake::LaunchError;
use amana::reply::{ReplyProblem, ReplyTampering};
use amana::review::terminal_safe;
use amana::store::{StoreDamage, StoreError};

use crate::i18n::{t, verbatim};

/// A reading or writing error.
pub fn io_error(e: &std::io::Error) -> String {
    t!(
        "io-error",
        kind = verbatim(amana::cli_lang::io_kind(e)),
        os = e.to_string()
    )
}

/// `path: why`.
pub fn path_error(path: &Path, e: &std::io::Error) -> String {
    t!("path-error", path = path, reason = verbatim(io_error(e)))
}

/// A refused configuration.
pub fn config_error(e: &ConfigError) -> String {
    match e {
        ConfigError::Read { path, source } => t!(
            "config-unreadable",
            path = path,
            reason = verbatim(io_error(source))
        ),
        ConfigError::Invalid { file, at, problem } => {
            let problem = verbatim(config_problem(problem.as_ref()));
            match (file, at) {
                (Some(file), Some(at)) => t!(
                    "config-invalid-at",
                    path = file,
                    line = at.line,
                    column = at.column,
                    problem = problem
                ),
                (Some(file), None) => t!("config-invalid", path = file, problem = problem),
                (None, _) => t!("config-invalid-values", problem = problem),
            }
        }
        other => other.to_string(),
    }
}

/// A list of keys or codes, each quoted as in the configuration.
fn list(names: &[String]) -> String {
    let names: Vec<String> = names
        .iter()
        .map(|n| format!("`{}`", terminal_safe(n)))
        .collect();
    names.join(", ")
}

/// What is wrong in a configuration.
fn config_problem(problem: &Problem) -> String {
    let safe = |s: &str| terminal_safe(s);
    match problem {
        Problem::Syntax { detail } => t!("problem-syntax", detail = one_line(detail)),
        Problem::UnknownKey {
            key,
            table,
            allowed,
        } => {
            let sentence = match table {
                Some(table) => t!(
                    "problem-unknown-key-in",
                    key = safe(key),
                    table = format!("[{}]", safe(table))
                ),
                None => t!("problem-unknown-key", key = safe(key)),
            };
            if allowed.is_empty() {
                sentence
            } else {
                t!(
                    "problem-allowed-keys",
                    problem = verbatim(sentence),
                    keys = list(allowed)
                )
            }
        }
        Problem::MissingKey { key, table } => match table {
            Some(table) => t!(
                "problem-missing-key-in",
                key = safe(key),
                table = format!("[{}]", safe(table))
            ),
            None => t!("problem-missing-key", key = safe(key)),
        },
        Problem::BadValue { key, value, detail } => match key {
            Some(key) => t!(
                "problem-bad-value",
                key = safe(key),
                value = safe(value),
                detail = one_line(detail)
            ),
            None => t!(
                "problem-bad-value-no-key",
                value = safe(value),
                detail = one_line(detail)
            ),
        },
        Problem::UnknownLanguage { value, offered } => t!(
            "problem-unknown-language",
            value = safe(value),
            offered = list(offered)
        ),
        Problem::WeakKdf {
            key,
            min_memory_kib,
            min_iterations,
        } => t!(
            "problem-weak-kdf",
            key = safe(key),
            memory = *min_memory_kib,
            passes = *min_iterations
        ),
        Problem::ZeroLimit { key } => t!("problem-zero-limit", key = safe(key)),
        other => other.to_string(),
    }
}

/// A parser's explanation on one line.
fn one_line(detail: &str) -> String {
    let lines: Vec<&str> = detail
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    terminal_safe(&lines.join("; "))
}

/// Why the drop cannot start.
pub fn launch_error(e: &LaunchError, data: &Path) -> String {
    match e {
        LaunchError::Config(e) => config_error(e),
        LaunchError::Desk { path, source } => desk_file_error(path, source),
        LaunchError::KeysFolder { path, source } => t!(
            "keys-folder-unreadable",
            path = path,
            reason = verbatim(io_error(source))
        ),
        LaunchError::DeskMismatch {
            path,
            in_file,
            configured,
        } => t!(
            "desk-file-mismatch",
            path = path,
            in_file = terminal_safe(in_file),
            configured = terminal_safe(configured)
        ),
        LaunchError::NoDesks(keys) => t!("no-desks", path = keys),
        LaunchError::DemoNotLoopback(addr) => t!("demo-not-loopback", addr = addr.to_string()),
        LaunchError::Secrets { path, source } => t!(
            "secrets-error",
            path = path,
            reason = verbatim(io_error(source))
        ),
        LaunchError::Store(e) => t!(
            "data-folder-error",
            path = data,
            reason = verbatim(store_error(e))
        ),
        other => other.to_string(),
    }
}

/// A desk's public key file that cannot be used.
fn desk_file_error(path: &Path, e: &DeskError) -> String {
    match e {
        DeskError::Io { source, .. } => t!(
            "desk-file-unreadable",
            path = path,
            reason = verbatim(io_error(source))
        ),
        DeskError::TooLarge { max } => t!("desk-file-too-large", path = path, max = *max),
        DeskError::Malformed { line, problem } => t!(
            "desk-file-line",
            path = path,
            line = *line,
            reason = verbatim(desk_line_problem(problem))
        ),
        DeskError::NoRecipients => t!("desk-file-no-recipient", path = path),
        DeskError::BadName => t!("desk-file-bad-name", path = path),
        // What only a secret key file gives: a public file never does.
        DeskError::WrongPassphrase
        | DeskError::ExcessiveWork(_)
        | DeskError::NotAnIdentity(_)
        | DeskError::NoIdentity => t!("desk-file-not-public", path = path),
    }
}

/// What is wrong with one line of a desk's key file.
fn desk_line_problem(p: &DeskLineProblem) -> String {
    match p {
        DeskLineProblem::FieldSyntax => t!("key-line-field-syntax"),
        DeskLineProblem::BadSigningKey => t!("key-line-bad-signing-key"),
        DeskLineProblem::UnknownFormat { version } => {
            t!("key-line-unknown-format", version = terminal_safe(version))
        }
        DeskLineProblem::UnknownField { field } => {
            t!("key-line-unknown-field", field = terminal_safe(field))
        }
        DeskLineProblem::BadRecipient { detail } => {
            t!("key-line-bad-recipient", detail = terminal_safe(detail))
        }
        DeskLineProblem::Unexpected => t!("key-line-unexpected"),
        DeskLineProblem::BadSigningSecret => t!("key-line-bad-signing-secret"),
        DeskLineProblem::BadSecretKey { detail } => {
            t!("key-line-bad-secret-key", detail = terminal_safe(detail))
        }
    }
}

/// A failure of the drop's storage.
pub fn store_error(e: &StoreError) -> String {
    store_failure(&e.into())
}

/// A failure of the drop's storage, as facts.
fn store_failure(e: &StoreFailure) -> String {
    match e {
        StoreFailure::Io(e) => io_failure(e),
        StoreFailure::Database { detail } => {
            t!("store-database", detail = terminal_safe(detail))
        }
        StoreFailure::Damaged(damage) => {
            t!("store-damaged", detail = verbatim(store_damage(damage)))
        }
        StoreFailure::Refused => t!("store-refused"),
    }
}

/// Which stored record is damaged.
fn store_damage(d: &StoreDamage) -> String {
    match d {
        StoreDamage::Mailbox => t!("damage-mailbox"),
        StoreDamage::NoteTagTaken => t!("damage-note-tag-taken"),
        StoreDamage::EnvelopeId => t!("damage-envelope-id"),
        StoreDamage::EnvelopeRecord { detail } => {
            t!("damage-envelope-record", detail = terminal_safe(detail))
        }
        StoreDamage::Sequence { desk } => t!("damage-sequence", desk = terminal_safe(desk)),
        StoreDamage::Reply => t!("damage-reply"),
        StoreDamage::ReplyKey => t!("damage-reply-key"),
    }
}

/// A reading or writing error, as facts.
fn io_failure(e: &IoFailure) -> String {
    io_error(&e.to_io_error())
}

/// A failed export.
pub fn export_error(e: &ExportError) -> String {
    match e {
        ExportError::Nothing => t!("nothing-to-export", option = "--all"),
        ExportError::Exists(path) => t!("export-exists", path = path),
        ExportError::Write(w) => t!("export-write", detail = verbatim(write_failure(w))),
        ExportError::Store(e) => store_error(e),
    }
}

/// Why writing a bundle failed.
fn write_failure(w: &WriteFailure) -> String {
    match w {
        WriteFailure::Io(e) => io_failure(e),
        WriteFailure::EnvelopeChanged { file } => {
            t!("write-envelope-changed", file = terminal_safe(file))
        }
        WriteFailure::BadEnvelopeName { path } => t!("write-bad-envelope-name", path = path),
        WriteFailure::Stopped { detail } => t!("write-stopped", detail = terminal_safe(detail)),
    }
}

/// A failed import.
pub fn import_error(e: &ImportError) -> String {
    admin_failure(&e.into())
}

/// What the running drop could not do, as its admin socket answered; also the command's own
/// import failures, worded the same way.
pub fn admin_failure(e: &AdminFailure) -> String {
    match e {
        AdminFailure::BadRequest { detail } => {
            t!("running-drop-bad-request", detail = terminal_safe(detail))
        }
        AdminFailure::Exists { path } => t!("export-exists", path = path),
        AdminFailure::Write(w) => t!("export-write", detail = verbatim(write_failure(w))),
        AdminFailure::Unreadable { path, io } => path_error(path, &io.to_io_error()),
        AdminFailure::Refused(e) => t!("import-refused", reason = verbatim(reply_refusal(e))),
        AdminFailure::Store(e) => store_failure(e),
    }
}

/// Why a reply bundle is refused.
fn reply_refusal(e: &ReplyRefusal) -> String {
    let quoted = |desk: &str| terminal_safe(&format!("{desk:?}"));
    match e {
        ReplyRefusal::Io(e) => io_failure(e),
        ReplyRefusal::Malformed(p) => t!("replies-malformed", detail = verbatim(reply_problem(p))),
        ReplyRefusal::UnknownDesk(desk) => t!("replies-unknown-desk", desk = quoted(desk)),
        ReplyRefusal::NoSigningKey(desk) => t!("replies-no-signing-key", desk = quoted(desk)),
        ReplyRefusal::BadSignature => t!("replies-signature"),
        ReplyRefusal::WrongDrop => t!("replies-wrong-drop"),
        ReplyRefusal::Tampered(what) => {
            t!("replies-tampered", detail = verbatim(reply_tampering(what)))
        }
        ReplyRefusal::Undecryptable => t!("replies-undecryptable"),
    }
}

/// Why a file is not a valid reply bundle.
fn reply_problem(p: &ReplyProblem) -> String {
    match p {
        ReplyProblem::Framing { detail } => t!("replies-framing", detail = terminal_safe(detail)),
        ReplyProblem::NotAFile { name } => t!("replies-not-a-file", name = terminal_safe(name)),
        ReplyProblem::TooLarge { name } => t!("replies-too-large", name = terminal_safe(name)),
        ReplyProblem::TooManyFiles { max } => t!("replies-too-many-files", max = *max),
        ReplyProblem::CutInFile { name } => {
            t!("replies-cut-in-file", name = terminal_safe(name))
        }
        ReplyProblem::Misplaced { expected, found } => t!(
            "replies-misplaced",
            expected = terminal_safe(expected),
            found = terminal_safe(found)
        ),
        ReplyProblem::NoManifest => t!("replies-no-manifest"),
        ReplyProblem::ManifestJson { detail } => {
            t!("replies-manifest-json", detail = terminal_safe(detail))
        }
        ReplyProblem::NotReplies => t!("replies-not-replies"),
        ReplyProblem::UnsupportedVersion { version, supported } => t!(
            "replies-unsupported-version",
            version = *version,
            supported = *supported
        ),
        ReplyProblem::TooManyEntries {
            replies,
            acknowledged,
        } => t!(
            "replies-too-many-entries",
            replies = *replies,
            acknowledged = *acknowledged
        ),
        ReplyProblem::BadAcknowledgedId { id } => {
            t!("replies-bad-acknowledged-id", id = terminal_safe(id))
        }
        ReplyProblem::BadEntry { file } => t!("replies-bad-entry", file = terminal_safe(file)),
        ReplyProblem::ContentJson { detail } => {
            t!("replies-content-json", detail = terminal_safe(detail))
        }
    }
}

/// How a reply bundle differs from what the desk signed.
fn reply_tampering(tamper: &ReplyTampering) -> String {
    match tamper {
        ReplyTampering::Count { listed, found } => {
            t!("replies-count", listed = *listed, found = *found)
        }
        ReplyTampering::Differs { file } => t!("replies-differs", file = terminal_safe(file)),
    }
}
