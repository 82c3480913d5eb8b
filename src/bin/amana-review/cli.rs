//! Command-line arguments of `amana-review`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// The offline reviewer: opens bundles of sealed reports on an air-gapped machine.
#[derive(Parser, Debug)]
#[command(name = "amana-review", version)]
pub struct Cli {
    /// Language: ar, fr or en (else $AMANA_LANG or the locale).
    #[arg(long, global = true, value_name = "LANG", hide_possible_values = true)]
    pub lang: Option<crate::i18n::Lang>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The reviewer's commands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create a desk: a passphrase-protected secret key file and a public file for the drop.
    Keygen {
        /// The desk's name (lower-case letters, digits, hyphens), e.g. anti-corruption.
        #[arg(long)]
        desk: String,
        /// Folder to write NAME.key and NAME.pub into.
        #[arg(long)]
        out: PathBuf,
        /// Read the passphrase from this file instead of asking.
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Verify a bundle, decrypt what this identity opens, write each case under --out.
    Open {
        /// The bundle file carried from the drop.
        bundle: PathBuf,
        /// The desk's secret key file (or a plain age identity file).
        #[arg(long, short = 'i')]
        identity: PathBuf,
        /// Folder for the opened cases.
        #[arg(long)]
        out: PathBuf,
        /// Read the identity's passphrase from this file instead of asking.
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
        /// Trust a new drop with this fingerprint (after comparing it with the one the drop printed).
        #[arg(long, value_name = "FINGERPRINT")]
        trust_drop: Option<String>,
        /// The reviewer's state folder (trusted drops, bundle numbers).
        #[arg(long, value_name = "DIR", env = "AMANA_REVIEW_STATE")]
        state: Option<PathBuf>,
    },
    /// Write a reply (and optionally a new status) to a case, into a reply bundle for the drop.
    Reply {
        /// The case id, as `list` shows it.
        case: String,
        /// The desk's secret key file (its signing key signs the reply bundle).
        #[arg(long, short = 'i')]
        identity: PathBuf,
        /// The reply's text.
        #[arg(
            long,
            conflicts_with = "message_file",
            required_unless_present = "message_file"
        )]
        message: Option<String>,
        /// Read the reply's text from this file (UTF-8).
        #[arg(long, value_name = "FILE")]
        message_file: Option<PathBuf>,
        /// New status: received, in-review, referred or closed.
        #[arg(long)]
        status: Option<amana::reply::Status>,
        /// Why (shown to the reporter; required with referred and closed).
        #[arg(long)]
        reason: Option<String>,
        /// The body the case is referred to (required with referred).
        #[arg(long, value_name = "BODY")]
        referred_to: Option<String>,
        /// The reply bundle to create or add to.
        #[arg(long, value_name = "REPLIES")]
        out: PathBuf,
        /// Read the identity's passphrase from this file instead of asking.
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
        /// The reviewer's state folder (trusted drops, bundle numbers, case register).
        #[arg(long, value_name = "DIR", env = "AMANA_REVIEW_STATE")]
        state: Option<PathBuf>,
    },
    /// List cases from the case register with their status and due or overdue deadlines.
    Cases {
        /// The desk's secret key file (it opens the case register).
        #[arg(long, short = 'i')]
        identity: PathBuf,
        /// Deadline regime: eu (Directive 2019/1937 art. 9: 7 days, 3 months) or per-referral-60.
        #[arg(long, default_value = "eu")]
        regime: String,
        /// Evaluate deadlines as of this day (YYYY-MM-DD) instead of today.
        #[arg(long, value_name = "DAY")]
        today: Option<String>,
        /// Read the identity's passphrase from this file instead of asking.
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
        /// The reviewer's state folder.
        #[arg(long, value_name = "DIR", env = "AMANA_REVIEW_STATE")]
        state: Option<PathBuf>,
    },
    /// List the opened cases.
    List {
        /// Folder of opened cases.
        #[arg(long)]
        dir: PathBuf,
    },
    /// Show one case: its messages, dates, attachments, sizes and SHA-256 hashes.
    Show {
        /// The case id, as `list` shows it.
        case: String,
        /// Folder of opened cases.
        #[arg(long)]
        dir: PathBuf,
    },
}
