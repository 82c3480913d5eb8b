//! Command-line arguments.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Amana's drop server: receives reports over Tor and seals them for the agency's desks.
#[derive(Debug, Parser)]
#[command(name = "amana-drop", version)]
pub struct Cli {
    /// Language of the messages: ar, fr or en (else $AMANA_LANG or the locale).
    #[arg(long, global = true, value_name = "LANG", hide_possible_values = true)]
    pub lang: Option<crate::i18n::Lang>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the reporters' pages (the demo desk on 127.0.0.1:8080 without a configuration).
    Serve(ServeArgs),
    /// Write the envelopes not yet exported into a signed bundle for the reviewer. Works
    /// while the drop is serving (through its admin socket) and while it is stopped.
    Export(ExportArgs),
    /// Import a signed reply bundle from the reviewer: its replies wait for their reporters,
    /// and the envelopes it acknowledges are deleted. Works while serving and while stopped.
    Import(ImportArgs),
    /// Print the onion service's address from its state folder, without connecting.
    #[cfg(feature = "onion")]
    OnionAddress(OnionAddressArgs),
}

/// Where the drop's configuration and folders are.
#[derive(Debug, Args)]
pub struct Location {
    /// Configuration file (TOML). Flags override it.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Data folder (default: amana-data).
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Keys folder: desks' NAME.pub files and the drop's own secrets under drop/ (default: keys).
    #[arg(long, value_name = "DIR")]
    pub keys: Option<PathBuf>,
}

/// `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Configuration and folders.
    #[command(flatten)]
    pub location: Location,
    /// Address to listen on (default: 127.0.0.1:8080).
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<SocketAddr>,
    /// TEST ONLY: cheap key derivation. Any receipt code becomes easy to guess.
    #[arg(long, hide = true)]
    pub insecure_kdf_for_tests: bool,
    /// Also serve the drop as a Tor onion service, hosted by the embedded arti. High-risk
    /// deployments should prefer a system tor in front (see SECURITY.md).
    #[cfg(feature = "onion")]
    #[arg(long)]
    pub onion: bool,
    /// arti's configuration (a standard arti TOML file) for --onion; without it, arti's
    /// defaults: the public Tor network.
    #[cfg(feature = "onion")]
    #[arg(long, value_name = "FILE", requires = "onion")]
    pub arti_config: Option<PathBuf>,
    /// arti's state and keystore folder for --onion (default: KEYS/onion). Its key is the
    /// onion address: back it up.
    #[cfg(feature = "onion")]
    #[arg(long, value_name = "DIR", requires = "onion")]
    pub onion_state: Option<PathBuf>,
}

/// `onion-address`.
#[cfg(feature = "onion")]
#[derive(Debug, Args)]
pub struct OnionAddressArgs {
    /// Configuration and folders.
    #[command(flatten)]
    pub location: Location,
    /// arti's state folder (default: KEYS/onion).
    #[arg(long, value_name = "DIR")]
    pub onion_state: Option<PathBuf>,
    /// Create the onion key if there is none yet (still without connecting), so the address
    /// can be published before the first start.
    #[arg(long)]
    pub create: bool,
}

/// `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Configuration and folders.
    #[command(flatten)]
    pub location: Location,
    /// The bundle file to write.
    #[arg(long, value_name = "BUNDLE")]
    pub out: PathBuf,
    /// Only this desk's envelopes.
    #[arg(long, value_name = "NAME")]
    pub desk: Option<String>,
    /// Every envelope, including those already exported.
    #[arg(long)]
    pub all: bool,
}

/// `import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Configuration and folders.
    #[command(flatten)]
    pub location: Location,
    /// The reply bundle written by `amana-review reply`.
    #[arg(value_name = "REPLIES")]
    pub replies: PathBuf,
}
