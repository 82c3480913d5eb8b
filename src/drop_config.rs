//! The drop's configuration: a TOML file, overridden by command-line flags.
//!
//! Unknown keys are refused, so a typo in a limit never silently leaves the default in force.
//! With no file at all, the drop runs on 127.0.0.1:8080 with every `NAME.pub` in `keys/` as a
//! desk: the demo setup, which refuses any address but loopback.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::credential::KdfParams;

mod error;
mod keys;

pub use error::{ConfigError, Position, Problem};

/// The name of the demo desk shipped in `keys/`: its secret is public, so the drop refuses to
/// seal real reports to it anywhere but on loopback.
pub const DEMO_DESK: &str = "demo";

/// The whole configuration file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DropConfig {
    /// Address to listen on (HTTP; a local tor's `HiddenServicePort` points here).
    pub listen: SocketAddr,
    /// Data folder: sealed envelopes, small records, temporary files, the admin socket.
    pub data: PathBuf,
    /// Keys folder: the desks' `NAME.pub` files and, under `drop/`, the drop's own secrets.
    pub keys: PathBuf,
    /// Language used when the reporter has not chosen one (`en`, `fr`, `ar`); it wins over
    /// the browser's Accept-Language, which Tor Browser always sends as en-US. Unset, the
    /// browser's Accept-Language decides, then English.
    pub default_language: Option<String>,
    /// Origins (`scheme://host[:port]`) a POST may come from when the browser sends `Origin`
    /// without `Sec-Fetch-Site`. The listen address is always accepted.
    pub public_origins: Vec<String>,
    /// The desks; when empty, every `NAME.pub` in the keys folder is a desk named NAME.
    pub desks: Vec<DeskConfig>,
    /// Size, count and time limits.
    pub limits: Limits,
    /// Key-derivation cost and its memory budget.
    pub kdf: KdfConfig,
}

/// One receiving desk.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeskConfig {
    /// The desk's name (must match the name in its public file).
    pub name: String,
    /// Its public key file, relative to the keys folder unless absolute.
    pub public_key: PathBuf,
    /// What the desk handles, per language code (`en`, `fr`, `ar`).
    #[serde(default)]
    pub description: BTreeMap<String, String>,
}

/// Limits; every one has an error page of its own.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Largest submission body, in bytes (all files together).
    pub max_body_bytes: u64,
    /// Most files in one submission.
    pub max_files: usize,
    /// Largest text field (message, contact, token) in bytes.
    pub max_field_bytes: usize,
    /// Seconds a client may take to send its request headers.
    pub header_timeout_secs: u64,
    /// Most connections served at once.
    pub max_connections: usize,
    /// Seconds a body may stall without sending a byte.
    pub body_idle_timeout_secs: u64,
    /// Slowest average body rate accepted, in bytes per second, after the grace period.
    pub min_body_rate_bytes_per_sec: u64,
    /// Seconds before the minimum rate is enforced (Tor circuits start slowly).
    pub min_rate_grace_secs: u64,
    /// Free bytes the data folder's disk must keep; below it, new uploads are refused.
    pub disk_reserve_bytes: u64,
    /// Minutes of inactivity after which a session ends.
    pub session_idle_minutes: u64,
    /// Most sessions held at once.
    pub max_sessions: usize,
    /// Most messages one receipt code may send.
    pub mailbox_max_messages: u32,
    /// Most sealed bytes one receipt code may send.
    pub mailbox_max_bytes: u64,
    /// Seconds that uploads in flight may take to finish once the drop is told to stop
    /// (SIGTERM, SIGINT); past that they are cut off and leave nothing behind.
    pub shutdown_grace_secs: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 2 << 30,
            max_files: 100,
            max_field_bytes: 512 * 1024,
            header_timeout_secs: 30,
            max_connections: 512,
            body_idle_timeout_secs: 120,
            min_body_rate_bytes_per_sec: 1024,
            min_rate_grace_secs: 120,
            disk_reserve_bytes: 1 << 30,
            session_idle_minutes: 30,
            max_sessions: 10_000,
            mailbox_max_messages: 200,
            mailbox_max_bytes: 8 << 30,
            shutdown_grace_secs: 60,
        }
    }
}

/// Argon2 cost and the memory budget that bounds concurrent derivations.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct KdfConfig {
    /// Argon2id memory in KiB.
    pub memory_kib: u32,
    /// Argon2id passes.
    pub iterations: u32,
    /// Argon2id lanes.
    pub parallelism: u32,
    /// Memory all concurrent derivations may hold together, in bytes; split evenly between
    /// issuing new codes and follow-up logins (at least one permit each).
    pub memory_budget_bytes: u64,
    /// Most requests waiting for a permit, per kind; more are answered "busy" at once.
    pub max_queue: usize,
    /// Seconds a request waits for a permit before it is answered "busy".
    pub queue_timeout_secs: u64,
    /// TEST ONLY: replaces the cost with [`KdfParams::INSECURE_FOR_TESTS`]. Makes every
    /// receipt code cheap to guess; a drop holding real reports must never set it.
    pub insecure_for_tests: bool,
}

impl Default for KdfConfig {
    fn default() -> Self {
        let p = KdfParams::RFC9106_SECOND;
        KdfConfig {
            memory_kib: p.memory_kib,
            iterations: p.iterations,
            parallelism: p.parallelism,
            memory_budget_bytes: 4 * p.memory_bytes(),
            max_queue: 64,
            queue_timeout_secs: 30,
            insecure_for_tests: false,
        }
    }
}

impl KdfConfig {
    /// The parameters in force, or why they are refused.
    pub fn params(&self) -> Result<KdfParams, ConfigError> {
        if self.insecure_for_tests {
            return Ok(KdfParams::INSECURE_FOR_TESTS);
        }
        let p = KdfParams {
            memory_kib: self.memory_kib,
            iterations: self.iterations,
            parallelism: self.parallelism,
        };
        let floor = KdfParams::FLOOR;
        let key = if p.memory_kib < floor.memory_kib {
            "kdf.memory_kib"
        } else if p.iterations < floor.iterations {
            "kdf.iterations"
        } else if !p.is_valid() {
            "kdf.parallelism"
        } else {
            return Ok(p);
        };
        Err(ConfigError::invalid(Problem::WeakKdf {
            key: key.into(),
            min_memory_kib: floor.memory_kib,
            min_iterations: floor.iterations,
        }))
    }

    /// Permits for each of the two kinds of derivation, from the memory budget.
    pub fn permits_per_kind(&self, params: KdfParams) -> usize {
        let each = params.memory_bytes().max(1);
        ((self.memory_budget_bytes / each / 2) as usize).max(1)
    }
}

impl Default for DropConfig {
    fn default() -> Self {
        DropConfig {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data: PathBuf::from("amana-data"),
            keys: PathBuf::from("keys"),
            default_language: None,
            public_origins: Vec::new(),
            desks: Vec::new(),
            limits: Limits::default(),
            kdf: KdfConfig::default(),
        }
    }
}

impl DropConfig {
    /// Reads and parses a configuration file.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::parse(&text).map_err(|e| e.in_file(path))
    }

    /// Parses configuration text.
    pub fn parse(text: &str) -> Result<Self, ConfigError> {
        let config: DropConfig =
            toml::from_str(text).map_err(|e| ConfigError::from_toml(text, &e))?;
        config.check().map_err(|e| e.placed_in(text))?;
        Ok(config)
    }

    /// The checks beyond the file's shape: values in range and consistent.
    fn check(&self) -> Result<(), ConfigError> {
        self.kdf.params()?;
        if let Some(lang) = &self.default_language {
            let offered = crate::intake::i18n::LANGUAGES;
            if !offered.iter().any(|(code, _)| code == lang) {
                return Err(ConfigError::invalid(Problem::UnknownLanguage {
                    value: lang.clone(),
                    offered: offered.iter().map(|(code, _)| code.to_string()).collect(),
                }));
            }
        }
        for (key, value) in [
            ("limits.max_files", self.limits.max_files as u64),
            ("limits.max_body_bytes", self.limits.max_body_bytes),
        ] {
            if value == 0 {
                return Err(ConfigError::invalid(Problem::ZeroLimit { key: key.into() }));
            }
        }
        Ok(())
    }

    /// The folder holding the drop's signing key and install salt.
    pub fn secrets_dir(&self) -> PathBuf {
        self.keys.join("drop")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(text: &str) -> (Option<Position>, Problem) {
        match DropConfig::parse(text).unwrap_err() {
            ConfigError::Invalid { at, problem, .. } => (at, *problem),
            other => panic!("{other}"),
        }
    }

    fn at(line: usize, column: usize) -> Option<Position> {
        Some(Position { line, column })
    }

    #[test]
    fn unknown_keys_are_refused_with_their_name_table_and_place() {
        let (place, problem) = refusal("listen = \"127.0.0.1:0\"\n[limits]\nmax_filez = 3\n");
        assert_eq!(place, at(3, 1));
        let Problem::UnknownKey {
            key,
            table,
            allowed,
        } = problem
        else {
            panic!("{problem:?}")
        };
        assert_eq!(
            (key.as_str(), table.as_deref()),
            ("max_filez", Some("limits"))
        );
        assert!(allowed.contains(&"max_files".to_string()), "{allowed:?}");
        let (place, problem) = refusal("# top\n  bogus = 1\n");
        assert_eq!(place, at(2, 3));
        assert!(
            matches!(&problem, Problem::UnknownKey { key, table: None, .. } if key == "bogus"),
            "{problem:?}"
        );
        let (_, problem) = refusal("[[desks]]\nname = \"a\"\npublic_key = \"a.pub\"\ncolour = 1\n");
        assert!(
            matches!(&problem, Problem::UnknownKey { key, table: Some(t), .. }
                if key == "colour" && t == "desks"),
            "{problem:?}"
        );
    }

    #[test]
    fn malformed_toml_is_a_syntax_error_with_its_place() {
        let (place, problem) = refusal("listen = \"127.0.0.1:0\"\n[limits\nmax_files = 3\n");
        assert_eq!(place, at(2, 8));
        assert!(matches!(problem, Problem::Syntax { .. }), "{problem:?}");
    }

    #[test]
    fn a_bad_value_names_its_key_and_value() {
        let (place, problem) = refusal("[limits]\nmax_files = \"many\"\n");
        assert_eq!(place, at(2, 13));
        let Problem::BadValue { key, value, detail } = problem else {
            panic!("{problem:?}")
        };
        assert_eq!(key.as_deref(), Some("limits.max_files"));
        assert_eq!(value, "\"many\"");
        assert!(
            detail.contains("u64") || detail.contains("usize"),
            "{detail}"
        );
        let (_, problem) = refusal("listen = 'nowhere'\n");
        assert!(
            matches!(&problem, Problem::BadValue { key: Some(k), value, .. }
                if k == "listen" && value == "'nowhere'"),
            "{problem:?}"
        );
        let (_, problem) = refusal("desks = [{ name = \"a\", public_key = 7 }]\n");
        assert!(
            matches!(&problem, Problem::BadValue { key: Some(k), .. } if k == "desks.public_key"),
            "{problem:?}"
        );
        let (place, problem) = refusal("listen = \"127.0.0.1:1\"\n[[desks]]\nname = \"a\"\n");
        assert_eq!(place, at(2, 1));
        assert!(
            matches!(&problem, Problem::MissingKey { key, table: Some(t) }
                if key == "public_key" && t == "desks"),
            "{problem:?}"
        );
    }

    #[test]
    fn a_file_s_errors_name_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("drop.toml");
        std::fs::write(&path, "[limits]\nmax_filez = 3\n").unwrap();
        let err = DropConfig::load(&path).unwrap_err();
        assert!(
            matches!(&err, ConfigError::Invalid { file: Some(f), at: Some(_), .. } if *f == path),
            "{err:?}"
        );
        let shown = err.to_string();
        assert!(
            shown.contains("drop.toml") && shown.contains("line 2, column 1"),
            "{shown}"
        );
        assert!(shown.contains("max_filez"), "{shown}");
        let err = DropConfig::load(&dir.path().join("none.toml")).unwrap_err();
        assert!(matches!(err, ConfigError::Read { .. }), "{err:?}");
    }

    #[test]
    fn weak_kdf_is_refused_unless_marked_for_tests() {
        let (place, problem) = refusal("[kdf]\nmemory_kib = 1024\n");
        assert_eq!(place, at(2, 1));
        assert!(
            matches!(&problem, Problem::WeakKdf { key, .. } if key == "kdf.memory_kib"),
            "{problem:?}"
        );
        let c = DropConfig::parse("[kdf]\ninsecure_for_tests = true\n").unwrap();
        assert_eq!(c.kdf.params().unwrap(), KdfParams::INSECURE_FOR_TESTS);
    }

    #[test]
    fn a_default_language_the_drop_does_not_offer_is_refused() {
        let (place, problem) = refusal("listen = \"127.0.0.1:0\"\ndefault_language = \"de\"\n");
        assert_eq!(place, at(2, 1));
        assert_eq!(
            problem,
            Problem::UnknownLanguage {
                value: "de".into(),
                offered: vec!["en".into(), "fr".into(), "ar".into()],
            }
        );
        let err = DropConfig::parse("default_language = \"de\"\n").unwrap_err();
        assert!(err.to_string().contains("\"de\" is not offered"), "{err}");
        let c = DropConfig::parse("default_language = \"ar\"\n").unwrap();
        assert_eq!(c.default_language.as_deref(), Some("ar"));
    }

    #[test]
    fn zero_limits_are_refused_at_their_key() {
        let (place, problem) = refusal("[limits]\nmax_body_bytes = 0\n");
        assert_eq!(place, at(2, 1));
        assert_eq!(
            problem,
            Problem::ZeroLimit {
                key: "limits.max_body_bytes".into()
            }
        );
    }

    #[test]
    fn defaults_are_the_demo_setup() {
        let c = DropConfig::parse("").unwrap();
        assert_eq!(c.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(c.limits.max_body_bytes, 2 << 30);
        assert_eq!(c.kdf.permits_per_kind(c.kdf.params().unwrap()), 2);
    }
}
