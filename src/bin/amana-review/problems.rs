//! What exactly is wrong with a bundle, an envelope, a key file or a reply bundle, in the
//! reader's language. Each function words one of the library's problem enums; the caller
//! puts the result, as it is, into its sentence ("this is not a valid Amana bundle: …").
//!
//! Names taken from a file (an entry, a desk, a field) pass through `terminal_safe`; what a
//! parser says in English (tar, JSON, age) follows a translated sentence, as a detail.

use amana::bundle::{Malformation, Tampering};
use amana::desk::{DeskLineProblem, IdentityProblem};
use amana::reply::{ReplyProblem, ReplyTampering};
use amana::review::{terminal_safe, EnvelopeProblem};

use crate::i18n::t;

/// Why a file is not a valid bundle.
pub fn malformation(m: &Malformation) -> String {
    let manifest = amana::bundle::MANIFEST_NAME;
    let signature = amana::bundle::SIGNATURE_NAME;
    match m {
        Malformation::ManifestNotFirst => t!("malformed-manifest-not-first", manifest = manifest),
        Malformation::SignatureNotSecond => t!(
            "malformed-signature-not-second",
            signature = signature,
            manifest = manifest
        ),
        Malformation::TooLarge { name } => t!("malformed-too-large", name = *name),
        Malformation::CutInFile => t!("malformed-cut-in-file"),
        Malformation::Framing { detail } => {
            t!("malformed-framing", detail = terminal_safe(detail))
        }
        Malformation::DirtyPadding => t!("malformed-dirty-padding"),
        Malformation::StrayBlocks => t!("malformed-stray-blocks"),
        Malformation::Missing { name } => t!("malformed-missing", name = *name),
        Malformation::ForeignHeader { name } => {
            t!("malformed-foreign-header", name = terminal_safe(name))
        }
        Malformation::EndMissing => t!("malformed-end-missing"),
        Malformation::TrailingData => t!("malformed-trailing-data"),
        Malformation::ManifestJson { detail } => t!(
            "malformed-manifest-json",
            manifest = manifest,
            detail = terminal_safe(detail)
        ),
        Malformation::NotAManifest => t!("malformed-not-a-manifest"),
        Malformation::UnsupportedVersion { version, supported } => t!(
            "malformed-unsupported-version",
            version = *version,
            supported = *supported
        ),
        Malformation::BadDropKey => t!("malformed-bad-drop-key"),
        Malformation::TooManyEnvelopes { count, max } => {
            t!("malformed-too-many-envelopes", count = *count, max = *max)
        }
        Malformation::BadDay { day } => t!("malformed-bad-day", day = terminal_safe(day)),
        Malformation::Unsorted => t!("malformed-unsorted"),
        Malformation::BadEnvelopeName { file } => {
            t!("malformed-bad-envelope-name", file = terminal_safe(file))
        }
        Malformation::NoSequence { desk } => {
            t!("malformed-no-sequence", desk = terminal_safe(desk))
        }
        Malformation::BadHash { file } => t!("malformed-bad-hash", file = terminal_safe(file)),
        Malformation::BadDeskName { desk } => {
            t!("malformed-bad-desk-name", desk = terminal_safe(desk))
        }
        Malformation::BadEnvelopeFile { path } => t!(
            "malformed-bad-envelope-file",
            path = terminal_safe(&path.display().to_string())
        ),
    }
}

/// How a bundle differs from what the drop signed.
pub fn tampering(tamper: &Tampering) -> String {
    match tamper {
        Tampering::Unlisted { name } => t!("tampered-unlisted", name = terminal_safe(name)),
        Tampering::Unexpected { expected, found } => t!(
            "tampered-unexpected",
            expected = terminal_safe(expected),
            found = terminal_safe(found)
        ),
        Tampering::NotAFile { name } => t!("tampered-not-a-file", name = terminal_safe(name)),
        Tampering::Size {
            name,
            listed,
            actual,
        } => t!(
            "tampered-size",
            name = terminal_safe(name),
            listed = *listed,
            actual = *actual
        ),
        Tampering::Differs { name } => t!("tampered-differs", name = terminal_safe(name)),
    }
}

/// Why an envelope listed for this identity was refused.
pub fn envelope_problem(p: &EnvelopeProblem) -> String {
    match p {
        EnvelopeProblem::NoMatchingKey => t!("envelope-no-matching-key"),
        EnvelopeProblem::Undecryptable { detail } => {
            t!("envelope-undecryptable", detail = terminal_safe(detail))
        }
        EnvelopeProblem::Contents { detail } => {
            t!("envelope-contents", detail = terminal_safe(detail))
        }
        EnvelopeProblem::DeskMismatch {
            sealed_for,
            listed_for,
        } => t!(
            "envelope-desk-mismatch",
            sealed = terminal_safe(sealed_for),
            listed = terminal_safe(listed_for)
        ),
    }
}

/// What is wrong with one line of a key file.
pub fn desk_line_problem(p: &DeskLineProblem) -> String {
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

/// Why a file is not an identity file.
pub fn identity_problem(p: &IdentityProblem) -> String {
    match p {
        IdentityProblem::NotText => t!("identity-not-text"),
        IdentityProblem::UnexpectedLine { line } => {
            t!("identity-unexpected-line", line = *line)
        }
        IdentityProblem::Armored => t!("identity-armored"),
        IdentityProblem::EncryptedToKey => t!("identity-encrypted-to-key"),
        IdentityProblem::Age { detail } => t!("identity-age", detail = terminal_safe(detail)),
    }
}

/// Why a file is not a valid reply bundle.
pub fn reply_problem(p: &ReplyProblem) -> String {
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
pub fn reply_tampering(tamper: &ReplyTampering) -> String {
    match tamper {
        ReplyTampering::Count { listed, found } => {
            t!("replies-count", listed = *listed, found = *found)
        }
        ReplyTampering::Differs { file } => t!("replies-differs", file = terminal_safe(file)),
    }
}
