//! The library's errors, in the operator's language.
//!
//! Each error names what it is about — the file, the line and column, the key, the value —
//! inside a translated sentence. What the library or a parser words in English (why a TOML
//! text does not parse, why sled failed) follows as given, after a colon.

use std::path::Path;

use amana::desk::DeskError;
use amana::drop_config::{ConfigError, Problem};
use amana::export::import::ImportError;
use amana::export::ExportError;
use amana::intake::LaunchError;
use amana::reply::ReplyError;
use amana::review::terminal_safe;
use amana::store::StoreError;

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
        DeskError::Malformed { line, reason } => t!(
            "desk-file-line",
            path = path,
            line = *line,
            reason = terminal_safe(reason)
        ),
        DeskError::NoRecipients => t!("desk-file-no-recipient", path = path),
        DeskError::BadName => t!("desk-file-bad-name", path = path),
        other => t!("desk-file-other", path = path, reason = other.to_string()),
    }
}

/// A failure of the drop's storage.
pub fn store_error(e: &StoreError) -> String {
    match e {
        StoreError::Io(e) => io_error(e),
        StoreError::Db(e) => t!("store-database", detail = e.to_string()),
        StoreError::Damaged(detail) => t!("store-damaged", detail = terminal_safe(detail)),
        other => other.to_string(),
    }
}

/// A failed export.
pub fn export_error(e: &ExportError) -> String {
    match e {
        ExportError::Exists(path) => t!("export-exists", path = path),
        ExportError::Write(detail) => t!("export-write", detail = terminal_safe(detail)),
        ExportError::Store(e) => store_error(e),
        other => other.to_string(),
    }
}

/// A failed import.
pub fn import_error(e: &ImportError) -> String {
    match e {
        ImportError::Open(path, source) => path_error(path, source),
        ImportError::Refused(e) => t!("import-refused", reason = verbatim(reply_error(e))),
        ImportError::Store(e) => store_error(e),
        other => other.to_string(),
    }
}

/// Why a reply bundle is refused.
fn reply_error(e: &ReplyError) -> String {
    match e {
        ReplyError::Io(e) => io_error(e),
        ReplyError::Malformed(detail) => t!("replies-malformed", detail = terminal_safe(detail)),
        ReplyError::UnknownDesk(desk) => {
            t!(
                "replies-unknown-desk",
                desk = terminal_safe(&format!("{desk:?}"))
            )
        }
        ReplyError::NoSigningKey(desk) => {
            t!(
                "replies-no-signing-key",
                desk = terminal_safe(&format!("{desk:?}"))
            )
        }
        ReplyError::BadSignature => t!("replies-signature"),
        ReplyError::WrongDrop => t!("replies-wrong-drop"),
        ReplyError::Tampered(detail) => t!("replies-tampered", detail = terminal_safe(detail)),
        other => other.to_string(),
    }
}
