//! What exactly is wrong with a bundle, an envelope (its encryption, its contents), a key
//! file, a reply bundle or the reviewer's state, in the reader's language. Each function
//! words one of the library's problem enums; the caller puts the result, as it is, into its
//! sentence ("this is not a valid Amana bundle: …").
//!
//! Names taken from a file (an entry, a desk, a field) pass through `terminal_safe`; what a
//! parser says in English (tar, ZIP, JSON, age) follows a translated sentence, as a detail.

use amana::bundle::{Malformation, Tampering};
use amana::desk::IdentityProblem;
use amana::review::{terminal_safe, AgeDamage, ContentProblem, EnvelopeProblem, StateProblem};

use crate::i18n::{t, verbatim};

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
        EnvelopeProblem::Undecryptable(damage) => {
            t!(
                "envelope-undecryptable",
                reason = verbatim(age_damage(damage))
            )
        }
        EnvelopeProblem::Contents(problem) => {
            t!(
                "envelope-contents",
                reason = verbatim(content_problem(problem))
            )
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

/// Why an age file (an envelope, the case register) does not decrypt; what age said follows
/// in parentheses, on one line.
pub fn age_damage(d: &AgeDamage) -> String {
    let (sentence, detail) = match d {
        AgeDamage::Passphrase => return t!("age-passphrase"),
        AgeDamage::Header { detail } => (t!("age-header"), detail),
        AgeDamage::Truncated { detail } => (t!("age-truncated"), detail),
        AgeDamage::Authentication { detail } => (t!("age-authentication"), detail),
        AgeDamage::Unsupported { detail } => (t!("age-unsupported"), detail),
        AgeDamage::Read { detail } => (t!("age-read"), detail),
    };
    let detail: Vec<&str> = detail.split_whitespace().collect();
    t!(
        "age-detail",
        reason = verbatim(sentence),
        detail = terminal_safe(&detail.join(" "))
    )
}

/// Why a decrypted envelope's contents were refused.
pub fn content_problem(p: &ContentProblem) -> String {
    let meta = amana::envelope::META_ENTRY;
    match p {
        ContentProblem::NotAZip { detail } => {
            t!("contents-not-a-zip", detail = terminal_safe(detail))
        }
        ContentProblem::NoMetadata => t!("contents-no-metadata", entry = meta),
        ContentProblem::MetadataTooLarge => t!("contents-metadata-too-large", entry = meta),
        ContentProblem::Unreadable { entry, detail } => t!(
            "contents-unreadable",
            entry = terminal_safe(entry),
            detail = terminal_safe(detail)
        ),
        ContentProblem::Duplicate { entry } => {
            t!("contents-duplicate", entry = terminal_safe(entry))
        }
        ContentProblem::Missing { entry } => t!("contents-missing", entry = terminal_safe(entry)),
        ContentProblem::ListedTwice { entry } => {
            t!("contents-listed-twice", entry = terminal_safe(entry))
        }
        ContentProblem::WrongSize {
            entry,
            recorded,
            actual,
        } => t!(
            "contents-wrong-size",
            entry = terminal_safe(entry),
            recorded = *recorded,
            actual = *actual
        ),
        ContentProblem::HashMismatch { entry } => {
            t!("contents-hash-mismatch", entry = terminal_safe(entry))
        }
        ContentProblem::MetadataJson { detail } => {
            t!("contents-metadata-json", detail = terminal_safe(detail))
        }
        ContentProblem::Unsupported { format, version } => t!(
            "contents-unsupported",
            format = terminal_safe(format),
            version = *version
        ),
        ContentProblem::BadId => t!("contents-bad-id"),
        ContentProblem::BadMailbox => t!("contents-bad-mailbox"),
        ContentProblem::BadDay => t!("contents-bad-day"),
        ContentProblem::BadDesk => t!("contents-bad-desk"),
    }
}

/// What is wrong with the reviewer's state (trusted drops, case register).
pub fn state_problem(p: &StateProblem) -> String {
    match p {
        StateProblem::Io(e) => crate::messages::io_error(e),
        StateProblem::Damaged { detail } => {
            t!("state-damaged", detail = terminal_safe(detail))
        }
        StateProblem::Undecryptable(damage) => {
            t!("state-undecryptable", reason = verbatim(age_damage(damage)))
        }
        StateProblem::NotThisIdentity => t!("state-not-this-identity"),
        StateProblem::Seal { detail } => t!("state-seal", detail = terminal_safe(detail)),
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
