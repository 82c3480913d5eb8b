//! Command-line arguments.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Amana's drop server: receives reports over Tor and seals them for the agency's desks.
#[derive(Debug, Parser)]
#[command(name = "amana-drop", version)]
pub struct Cli {
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
