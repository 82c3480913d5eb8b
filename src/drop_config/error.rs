//! Why a configuration is refused, in fields a translation can use: the file, the line and
//! column, the key and the value. `Display` gives one English sentence.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::keys::Keys;

/// A place in a configuration file: 1-based line and column (the column counts characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1.
    pub column: usize,
}

impl Position {
    /// Where byte `offset` of `text` is.
    pub fn of(text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }
}

/// What is wrong with a configuration. Keys are dotted paths (`limits.max_files`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The text is not TOML.
    Syntax {
        /// The TOML parser's explanation, in English.
        detail: String,
    },
    /// A key the drop does not know: refused, so that a typo never leaves a default in force.
    UnknownKey {
        /// The key as written.
        key: String,
        /// The table it is in (`None`: the top level).
        table: Option<String>,
        /// The keys that table accepts.
        allowed: Vec<String>,
    },
    /// A key that must be given is missing.
    MissingKey {
        /// The missing key.
        key: String,
        /// The table it is missing from.
        table: Option<String>,
    },
    /// A value of the wrong type or form.
    BadValue {
        /// Its key, when known.
        key: Option<String>,
        /// The value as written (its first line, shortened).
        value: String,
        /// Why it is refused, in English (from the parser).
        detail: String,
    },
    /// A `default_language` the drop does not offer.
    UnknownLanguage {
        /// The value given.
        value: String,
        /// The languages offered.
        offered: Vec<String>,
    },
    /// A key-derivation cost below the floor, or one Argon2 refuses.
    WeakKdf {
        /// The key at fault (`kdf.memory_kib`, `kdf.iterations` or `kdf.parallelism`).
        key: String,
        /// The least memory accepted, in KiB.
        min_memory_kib: u32,
        /// The fewest passes accepted.
        min_iterations: u32,
    },
    /// A limit that must be positive is zero.
    ZeroLimit {
        /// The limit (`limits.max_files` or `limits.max_body_bytes`).
        key: String,
    },
}

/// Why the configuration was refused.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read the configuration file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file, or a value in it, is refused.
    #[error("{}", describe(file.as_deref(), *at, problem))]
    Invalid {
        /// The file (`None` for text or values given without one).
        file: Option<PathBuf>,
        /// Where in the file, when known.
        at: Option<Position>,
        /// What is wrong (boxed: the error stays small).
        problem: Box<Problem>,
    },
}

impl ConfigError {
    /// A refusal with no file or position yet.
    pub(super) fn invalid(problem: Problem) -> Self {
        ConfigError::Invalid {
            file: None,
            at: None,
            problem: Box::new(problem),
        }
    }

    /// The same refusal, placed at its key in `text` when it names one and has no place yet.
    pub(super) fn placed_in(self, text: &str) -> Self {
        match self {
            ConfigError::Invalid {
                file,
                at: None,
                problem,
            } => {
                let key = match problem.as_ref() {
                    Problem::UnknownLanguage { .. } => Some("default_language"),
                    Problem::WeakKdf { key, .. } | Problem::ZeroLimit { key } => Some(key.as_str()),
                    _ => None,
                };
                let path: Vec<&str> = key.map(|k| k.split('.').collect()).unwrap_or_default();
                let at = Keys::of(text)
                    .and_then(|keys| keys.find(&path))
                    .map(|offset| Position::of(text, offset));
                ConfigError::Invalid { file, at, problem }
            }
            other => other,
        }
    }

    /// The same refusal, about the file `path`.
    pub(super) fn in_file(self, path: &Path) -> Self {
        match self {
            ConfigError::Invalid { at, problem, .. } => ConfigError::Invalid {
                file: Some(path.to_owned()),
                at,
                problem,
            },
            other => other,
        }
    }

    /// The `toml` crate's refusal of `text`, with the key and value it is about.
    pub(super) fn from_toml(text: &str, e: &toml::de::Error) -> Self {
        let span = e.span();
        let message = e.message().trim();
        let problem = if toml::from_str::<toml::Table>(text).is_err() {
            Problem::Syntax {
                detail: message.to_string(),
            }
        } else {
            schema_problem(text, message, span.as_ref())
        };
        ConfigError::Invalid {
            file: None,
            at: span.map(|s| Position::of(text, s.start)),
            problem: Box::new(problem),
        }
    }
}

/// A problem the text's TOML is read without, but the configuration's shape refuses.
fn schema_problem(text: &str, message: &str, span: Option<&Range<usize>>) -> Problem {
    let keys = Keys::of(text);
    let owner = || {
        let (keys, span) = (keys.as_ref()?, span?);
        Some(keys.owning(text, span)?.join("."))
    };
    // serde's own wording: "unknown field `x`, expected one of `a`, `b`", "missing field `x`".
    let mut names = message.split('`').skip(1).step_by(2).map(str::to_string);
    if message.starts_with("unknown field `") {
        if let Some(key) = names.next() {
            let table = keys
                .as_ref()
                .zip(span)
                .and_then(|(keys, span)| keys.at(span.start))
                .filter(|path| path.len() > 1)
                .map(|path| path[..path.len() - 1].join("."));
            return Problem::UnknownKey {
                key,
                table,
                allowed: names.collect(),
            };
        }
    }
    if message.starts_with("missing field `") {
        if let Some(key) = names.next() {
            return Problem::MissingKey {
                key,
                table: owner(),
            };
        }
    }
    Problem::BadValue {
        key: owner(),
        value: span
            .and_then(|s| text.get(s.clone()))
            .map(excerpt)
            .unwrap_or_default(),
        detail: message.to_string(),
    }
}

/// The first line of `value`, at most 60 characters.
fn excerpt(value: &str) -> String {
    let line = value.lines().next().unwrap_or_default().trim();
    if line.chars().count() > 60 || line.len() < value.trim().len() {
        let short: String = line.chars().take(60).collect();
        format!("{short}…")
    } else {
        line.to_string()
    }
}

fn describe(file: Option<&Path>, at: Option<Position>, problem: &Problem) -> String {
    let place = match at {
        Some(at) => format!(" at line {}, column {}", at.line, at.column),
        None => String::new(),
    };
    match file {
        Some(file) => format!(
            "the configuration file {}{place} is invalid: {problem}",
            file.display()
        ),
        None => format!("invalid configuration{place}: {problem}"),
    }
}

fn quoted(names: &[String]) -> String {
    let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    names.join(", ")
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Syntax { detail } => write!(f, "not valid TOML: {detail}"),
            Problem::UnknownKey {
                key,
                table,
                allowed,
            } => {
                write!(f, "unknown key `{key}`")?;
                if let Some(table) = table {
                    write!(f, " in [{table}]")?;
                }
                if !allowed.is_empty() {
                    write!(f, "; the keys allowed there are {}", quoted(allowed))?;
                }
                Ok(())
            }
            Problem::MissingKey { key, table } => match table {
                Some(table) => write!(f, "the key `{key}` is missing from [{table}]"),
                None => write!(f, "the key `{key}` is missing"),
            },
            Problem::BadValue { key, value, detail } => match key {
                Some(key) => write!(f, "the value {value} of `{key}` is refused: {detail}"),
                None => write!(f, "the value {value} is refused: {detail}"),
            },
            Problem::UnknownLanguage { value, offered } => write!(
                f,
                "default_language {value:?} is not offered; use one of {}",
                offered.join(", ")
            ),
            Problem::WeakKdf {
                key,
                min_memory_kib,
                min_iterations,
            } => write!(
                f,
                "{key}: the key derivation needs at least {min_memory_kib} KiB and \
                 {min_iterations} passes, with a parallelism Argon2 accepts"
            ),
            Problem::ZeroLimit { key } => write!(f, "{key} must be positive"),
        }
    }
}
