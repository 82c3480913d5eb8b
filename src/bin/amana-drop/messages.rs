//! The library's errors, in the operator's language.
//!
//! Each error names what it is about — the file, the line and column, the key, the value —
//! inside a translated sentence, and so does every reason it carries. What a parser or the
//! system words in English (why a TOML text does not parse, why sled failed, the OS's text)
//! follows as given, after a translated sentence. The running drop's failures come back
//! over its admin socket as facts ([`AdminFailure`]) and are worded here like the command's
//! own.

use std::path::Path;

use amana::desk::DeskError;
use amana::drop_config::{ConfigError, Problem};
use amana::export::admin::AskError;
use amana::export::import::ImportError;
use amana::export::{
    AdminFailure, ExportError, IoFailure, ReplyRefusal, StoreFailure, WriteFailure,
};
use amana::intake::LaunchError;
use amana::review::terminal_safe;
use amana::store::StoreError;

use crate::i18n::{t, tr, verbatim};
use crate::problems::store_damage;

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
            reason = verbatim(amana::cli_words::desk_line_problem(tr(), problem))
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

/// Why the running drop could not be asked.
pub fn ask_error(e: &AskError) -> String {
    match e {
        AskError::Io(e) => t!("cannot-reach", reason = verbatim(io_error(e))),
        AskError::Garbled { detail } => {
            t!("running-drop-garbled", detail = terminal_safe(detail))
        }
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
        AdminFailure::ImportStopped { detail } => {
            t!("import-stopped", detail = terminal_safe(detail))
        }
        AdminFailure::Store(e) => store_failure(e),
    }
}

/// Why a reply bundle is refused.
fn reply_refusal(e: &ReplyRefusal) -> String {
    let quoted = |desk: &str| terminal_safe(&format!("{desk:?}"));
    match e {
        ReplyRefusal::Io(e) => io_failure(e),
        ReplyRefusal::Malformed(p) => t!(
            "replies-malformed",
            detail = verbatim(amana::cli_words::reply_problem(tr(), p))
        ),
        ReplyRefusal::UnknownDesk(desk) => t!("replies-unknown-desk", desk = quoted(desk)),
        ReplyRefusal::NoSigningKey(desk) => t!("replies-no-signing-key", desk = quoted(desk)),
        ReplyRefusal::BadSignature => t!("replies-signature"),
        ReplyRefusal::WrongDrop => t!("replies-wrong-drop"),
        ReplyRefusal::Tampered(what) => {
            t!(
                "replies-tampered",
                detail = verbatim(amana::cli_words::reply_tampering(tr(), what))
            )
        }
        ReplyRefusal::Undecryptable => t!("replies-undecryptable"),
    }
}
