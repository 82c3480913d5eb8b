//! Wording both tools share: the library's problems that `amana-drop` and `amana-review`
//! both report, worded from message ids that each tool's Fluent files define alike (the
//! coverage tests of both tools read this file too). Names taken from a file pass through
//! [`terminal_safe`]; what a parser says in English follows a translated sentence.

use crate::cli_lang::{Arg, Tr};
use crate::desk::DeskLineProblem;
use crate::reply::{ReplyProblem, ReplyTampering};
use crate::review::terminal_safe;

/// `t!(tr: "id", name = value, …)`: the message `id` in `tr`'s language.
macro_rules! t {
    ($tr:ident: $key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $tr.msg($key, vec![$((stringify!($name), Arg::from($value))),*])
    };
}

/// What is wrong with one line of a key file.
pub fn desk_line_problem(tr: &Tr, p: &DeskLineProblem) -> String {
    match p {
        DeskLineProblem::FieldSyntax => t!(tr: "key-line-field-syntax"),
        DeskLineProblem::BadSigningKey => t!(tr: "key-line-bad-signing-key"),
        DeskLineProblem::UnknownFormat { version } => {
            t!(tr: "key-line-unknown-format", version = terminal_safe(version))
        }
        DeskLineProblem::UnknownField { field } => {
            t!(tr: "key-line-unknown-field", field = terminal_safe(field))
        }
        DeskLineProblem::BadRecipient { detail } => {
            t!(tr: "key-line-bad-recipient", detail = terminal_safe(detail))
        }
        DeskLineProblem::Unexpected => t!(tr: "key-line-unexpected"),
        DeskLineProblem::BadSigningSecret => t!(tr: "key-line-bad-signing-secret"),
        DeskLineProblem::BadSecretKey { detail } => {
            t!(tr: "key-line-bad-secret-key", detail = terminal_safe(detail))
        }
    }
}

/// Why a file is not a valid reply bundle.
pub fn reply_problem(tr: &Tr, p: &ReplyProblem) -> String {
    match p {
        ReplyProblem::Framing { detail } => {
            t!(tr: "replies-framing", detail = terminal_safe(detail))
        }
        ReplyProblem::NotAFile { name } => t!(tr: "replies-not-a-file", name = terminal_safe(name)),
        ReplyProblem::TooLarge { name } => t!(tr: "replies-too-large", name = terminal_safe(name)),
        ReplyProblem::TooManyFiles { max } => t!(tr: "replies-too-many-files", max = *max),
        ReplyProblem::CutInFile { name } => {
            t!(tr: "replies-cut-in-file", name = terminal_safe(name))
        }
        ReplyProblem::Misplaced { expected, found } => t!(
            tr: "replies-misplaced",
            expected = terminal_safe(expected),
            found = terminal_safe(found)
        ),
        ReplyProblem::NoManifest => t!(tr: "replies-no-manifest"),
        ReplyProblem::ManifestJson { detail } => {
            t!(tr: "replies-manifest-json", detail = terminal_safe(detail))
        }
        ReplyProblem::NotReplies => t!(tr: "replies-not-replies"),
        ReplyProblem::UnsupportedVersion { version, supported } => t!(
            tr: "replies-unsupported-version",
            version = *version,
            supported = *supported
        ),
        ReplyProblem::TooManyEntries {
            replies,
            acknowledged,
        } => t!(
            tr: "replies-too-many-entries",
            replies = *replies,
            acknowledged = *acknowledged
        ),
        ReplyProblem::BadAcknowledgedId { id } => {
            t!(tr: "replies-bad-acknowledged-id", id = terminal_safe(id))
        }
        ReplyProblem::BadEntry { file } => t!(tr: "replies-bad-entry", file = terminal_safe(file)),
        ReplyProblem::ContentJson { detail } => {
            t!(tr: "replies-content-json", detail = terminal_safe(detail))
        }
    }
}

/// How a reply bundle differs from what the desk signed.
pub fn reply_tampering(tr: &Tr, tamper: &ReplyTampering) -> String {
    match tamper {
        ReplyTampering::Count { listed, found } => {
            t!(tr: "replies-count", listed = *listed, found = *found)
        }
        ReplyTampering::Differs { file } => t!(tr: "replies-differs", file = terminal_safe(file)),
    }
}
