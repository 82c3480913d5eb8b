//! Why a stored record is damaged, in the operator's language: each function words one of
//! the library's problem enums, and its caller puts the result, as it is, into its sentence.
//! What both tools report (a desk key file's line, a reply bundle) is worded by
//! [`amana::cli_words`]. Names taken from a file pass through `terminal_safe`.

use amana::review::terminal_safe;
use amana::store::StoreDamage;

use crate::i18n::t;

/// Which stored record is damaged.
pub fn store_damage(d: &StoreDamage) -> String {
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
