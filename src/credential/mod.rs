//! The reporter's credential: a receipt code, and the keys derived from it.
//!
//! A receipt code is a uniform random integer below 7776⁷ (about 90.5 bits). It is shown as
//! seven words of the EFF long list or as 28 digits; both spellings are the same code.
//! From it, Argon2id with the drop's install salt gives a master key `K`, and HKDF gives
//! the mailbox's `lookup_id`, the `state_key` that seals the mailbox's state, and the
//! reporter's X25519 reply identity. See `docs/format.md`.

mod code;
mod keys;
mod state;

pub use code::{CodeError, ReceiptCode, CODE_DIGITS, CODE_SPACE, CODE_WORDS};
pub use keys::{derive_master_key, KdfParams, MailboxKeys, MasterKey, INSTALL_SALT_LEN};
pub use state::{open_state, open_with, seal_state, seal_with, StateError};
