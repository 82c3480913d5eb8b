//! Amana (أمانة, "something held in trust"): an anonymous whistleblower drop.
//!
//! The library follows a report's path:
//!
//! - [`credential`]: the reporter's receipt code and the keys derived from it.
//! - [`desk`]: the receiving desks' public and secret key files.
//! - [`seal`]: a report streamed into an age-encrypted envelope (a stored ZIP inside).
//! - [`bundle`]: envelopes carried from the drop to the reviewer in a signed tar.
//! - [`review`]: the offline reviewer's side: verify, decrypt, write cases to disk.
//!
//! The network-facing server lives behind the `drop` feature; the reviewer builds without it.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod bundle;
pub mod cli_lang;
pub mod cli_words;
pub mod credential;
pub mod desk;
#[cfg(feature = "drop")]
pub mod drop_config;
pub mod drop_key;
pub mod envelope;
#[cfg(feature = "drop")]
pub mod export;
#[cfg(feature = "drop")]
pub mod intake;
#[cfg(feature = "drop")]
pub mod mailbox;
pub mod names;
#[cfg(feature = "onion")]
pub mod onion;
pub mod reply;
pub mod review;
pub mod seal;
#[cfg(feature = "drop")]
pub mod store;
pub mod util;
pub mod write_behind;
