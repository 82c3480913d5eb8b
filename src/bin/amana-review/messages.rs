//! The library's errors, in the reader's language.
//!
//! Every case of `ReviewError`, `DeskError`, `BundleError` and `ReplyError` has its own
//! message, and so does every reason it carries (see [`crate::problems`]): the matches are
//! exhaustive, so a new case does not build until it is translated. Only what a parser or
//! the system says in English (tar, JSON, ZIP, age, the OS) is shown as given, after a
//! translated sentence.

use amana::bundle::BundleError;
use amana::desk::DeskError;
use amana::reply::ReplyError;
use amana::review::{terminal_safe, ReviewError};

use crate::i18n::{t, tr, verbatim};
use crate::problems::{envelope_problem, identity_problem, malformation, state_problem, tampering};

/// Why a passphrase cannot be asked for: no terminal.
#[derive(Debug)]
pub struct NoTerminal;

impl std::fmt::Display for NoTerminal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("no terminal to ask for the passphrase: use --passphrase-file")
    }
}

impl std::error::Error for NoTerminal {}

/// A reading or writing error.
pub fn io_error(e: &std::io::Error) -> String {
    let no_terminal = e
        .get_ref()
        .is_some_and(|inner| inner.downcast_ref::<NoTerminal>().is_some());
    let kind = if no_terminal {
        "no-terminal"
    } else {
        amana::cli_lang::io_kind(e)
    };
    t!(
        "io-error",
        kind = verbatim(kind),
        os = e.to_string(),
        option = "--passphrase-file"
    )
}

/// `path: why`.
pub fn path_error(path: impl std::fmt::Display, e: &std::io::Error) -> String {
    t!(
        "path-error",
        path = path.to_string(),
        reason = verbatim(io_error(e))
    )
}

/// An error of the reviewer's library.
pub fn review_error(e: &ReviewError) -> String {
    match e {
        ReviewError::Identity(e) => desk_error(e),
        ReviewError::Bundle(e) => bundle_error(e),
        ReviewError::BadEnvelope { file, problem } => t!(
            "error-bad-envelope",
            file = terminal_safe(file),
            reason = verbatim(envelope_problem(problem))
        ),
        ReviewError::UntrustedDrop { fingerprint } => {
            t!("error-untrusted-drop", fingerprint = verbatim(fingerprint))
        }
        ReviewError::Replayed { desk, got, last } => t!(
            "error-replayed",
            desk = terminal_safe(desk),
            got = *got,
            last = *last
        ),
        ReviewError::Output { path, source } => t!(
            "error-output",
            path = path,
            reason = verbatim(io_error(source))
        ),
        ReviewError::State { path, problem } => t!(
            "error-state",
            path = path,
            reason = verbatim(state_problem(problem))
        ),
    }
}

/// An error about a key file.
pub fn desk_error(e: &DeskError) -> String {
    match e {
        DeskError::Io { path, source } => path_error(path, source),
        DeskError::TooLarge { max } => t!("error-key-too-large", max = *max),
        DeskError::Malformed { line, problem } => t!(
            "error-key-line",
            line = *line,
            reason = verbatim(amana::cli_words::desk_line_problem(tr(), problem))
        ),
        DeskError::NoRecipients => t!("error-no-recipients"),
        DeskError::BadName => t!("error-bad-desk-name"),
        DeskError::WrongPassphrase => t!("error-wrong-passphrase"),
        DeskError::ExcessiveWork(log) => t!("error-excessive-work", log = u64::from(*log)),
        DeskError::NotAnIdentity(problem) => t!(
            "error-not-an-identity",
            reason = verbatim(identity_problem(problem))
        ),
        DeskError::NoIdentity => t!("error-no-identity"),
    }
}

/// An error about a bundle of reports.
pub fn bundle_error(e: &BundleError) -> String {
    match e {
        BundleError::Io(e) => io_error(e),
        BundleError::Malformed(m) => {
            t!("error-bundle-malformed", detail = verbatim(malformation(m)))
        }
        BundleError::BadSignature => t!("error-bundle-signature"),
        BundleError::Truncated { missing, listed } => t!(
            "error-bundle-truncated",
            missing = *missing,
            listed = *listed
        ),
        BundleError::Tampered(what) => {
            t!("error-bundle-tampered", detail = verbatim(tampering(what)))
        }
        BundleError::EnvelopeChanged(file) => {
            t!("error-envelope-changed", file = terminal_safe(file))
        }
    }
}

/// An error about a bundle of replies.
pub fn reply_error(e: &ReplyError) -> String {
    match e {
        ReplyError::Io(e) => io_error(e),
        ReplyError::Malformed(p) => {
            t!(
                "error-replies-malformed",
                detail = verbatim(amana::cli_words::reply_problem(tr(), p))
            )
        }
        ReplyError::UnknownDesk(desk) => {
            t!(
                "error-replies-unknown-desk",
                desk = terminal_safe(&format!("{desk:?}"))
            )
        }
        ReplyError::NoSigningKey(desk) => {
            t!(
                "error-replies-no-signing-key",
                desk = terminal_safe(&format!("{desk:?}"))
            )
        }
        ReplyError::BadSignature => t!("error-replies-signature"),
        ReplyError::WrongDrop => t!("error-replies-wrong-drop"),
        ReplyError::Tampered(what) => {
            t!(
                "error-replies-tampered",
                detail = verbatim(amana::cli_words::reply_tampering(tr(), what))
            )
        }
        ReplyError::Undecryptable => t!("error-replies-undecryptable"),
    }
}
