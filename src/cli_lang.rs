//! The language of the command-line tools (`amana-drop`, `amana-review`): which one to speak
//! and how an argument sits inside a translated sentence. Each tool keeps its own Fluent
//! messages and hands its loader to [`Current`].
//!
//! The language is the first of: the tool's `--lang`, the environment's `AMANA_LANG`, the
//! POSIX locale (`LC_ALL`, `LC_MESSAGES`, `LANG`: `fr_TN.UTF-8` is French), English.
//!
//! Arabic is written right to left. In an Arabic message every text argument — a path, a
//! name, a detail in English — is wrapped in Unicode isolates (U+2068 … U+2069), so that a
//! bidirectional terminal shows it whole and in order inside the sentence. What a reader
//! compares or copies character by character (a fingerprint, an address, a command) is
//! passed *verbatim*: no marks.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

/// First strong isolate: starts an argument inside an Arabic sentence.
pub const FSI: char = '\u{2068}';
/// Pop directional isolate: ends it.
pub const PDI: char = '\u{2069}';
/// Left-to-right mark: makes a line (a table's header) run left to right.
pub const LRM: char = '\u{200E}';

/// A language of the command-line tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// العربية
    Ar,
    /// Français
    Fr,
    /// English
    En,
}

impl Lang {
    /// Every language.
    pub const ALL: [Lang; 3] = [Lang::Ar, Lang::Fr, Lang::En];

    /// The language's code, as in `--lang` and the `i18n/` folders.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// Whether the language is written right to left.
    pub fn rtl(self) -> bool {
        self == Lang::Ar
    }

    /// The language of a code or a POSIX locale name: `fr`, `fr-TN`, `ar_TN.UTF-8`,
    /// `fr_FR@euro`. `C`, `POSIX` and other languages give `None`.
    pub fn from_locale(name: &str) -> Option<Lang> {
        let language = name
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == language)
    }
}

/// The language to speak: `flag` (`--lang`), else `AMANA_LANG`, else the locale, else English.
pub fn choose(flag: Option<Lang>) -> Lang {
    choose_in(flag, |name| std::env::var(name).ok())
}

/// As [`choose`], reading the environment through `var`.
pub fn choose_in(flag: Option<Lang>, var: impl Fn(&str) -> Option<String>) -> Lang {
    let var = |name: &str| var(name).filter(|v| !v.is_empty());
    flag.or_else(|| var("AMANA_LANG").as_deref().and_then(Lang::from_locale))
        .or_else(|| {
            // POSIX: the first of these that is set decides, even for a language not offered.
            ["LC_ALL", "LC_MESSAGES", "LANG"]
                .into_iter()
                .find_map(var)
                .as_deref()
                .and_then(Lang::from_locale)
        })
        .unwrap_or(Lang::En)
}

/// One argument of a message.
#[derive(Debug, Clone)]
pub enum Arg {
    /// Text shown inside a sentence (isolated in Arabic).
    Text(String),
    /// A count (Fluent picks the plural form by it).
    Number(u64),
    /// Shown exactly as given: an already translated message, a fingerprint, a command.
    Verbatim(String),
}

/// An argument shown exactly as given (see [`Arg::Verbatim`]).
pub fn verbatim(text: impl Into<String>) -> Arg {
    Arg::Verbatim(text.into())
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}

impl From<&Path> for Arg {
    fn from(p: &Path) -> Self {
        Arg::Text(p.display().to_string())
    }
}

impl From<&PathBuf> for Arg {
    fn from(p: &PathBuf) -> Self {
        p.as_path().into()
    }
}

impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        Arg::Number(n)
    }
}

impl From<u32> for Arg {
    fn from(n: u32) -> Self {
        Arg::Number(n.into())
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Number(n as u64)
    }
}

/// A tool's Fluent messages (the `LOCALES` of its `static_loader!`).
pub type Messages = dyn Loader + Send + Sync;

/// The translator for one language.
pub struct Tr {
    lang: Lang,
    id: LanguageIdentifier,
    messages: &'static Messages,
}

impl std::fmt::Debug for Tr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tr")
            .field("lang", &self.lang)
            .finish_non_exhaustive()
    }
}

impl Tr {
    /// The translator for `lang`, speaking from `messages`.
    pub fn new(messages: &'static Messages, lang: Lang) -> Self {
        Tr {
            lang,
            id: lang.code().parse().expect("a valid language identifier"),
            messages,
        }
    }

    /// The language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Whether the language is written right to left.
    pub fn rtl(&self) -> bool {
        self.lang.rtl()
    }

    /// The message `key` with its arguments (text isolated in Arabic).
    pub fn msg(&self, key: &str, args: Vec<(&'static str, Arg)>) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'static>> = args
            .into_iter()
            .map(|(name, arg)| {
                let value = match arg {
                    Arg::Text(s) if self.rtl() => format!("{FSI}{s}{PDI}").into(),
                    Arg::Text(s) | Arg::Verbatim(s) => s.into(),
                    Arg::Number(n) => n.into(),
                };
                (Cow::Borrowed(name), value)
            })
            .collect();
        self.messages.lookup_with_args(&self.id, key, &args)
    }
}

/// A tool's language for the whole run: English until [`Current::set`].
pub struct Current {
    messages: fn() -> &'static Messages,
    tr: OnceLock<Tr>,
}

impl Current {
    /// The language of a tool whose messages `messages` gives.
    pub const fn new(messages: fn() -> &'static Messages) -> Self {
        Current {
            messages,
            tr: OnceLock::new(),
        }
    }

    /// Sets the language of every later message (once, at start).
    pub fn set(&self, lang: Lang) {
        let _ = self.tr.set(Tr::new((self.messages)(), lang));
    }

    /// The translator in use.
    pub fn tr(&self) -> &Tr {
        self.tr.get_or_init(|| Tr::new((self.messages)(), Lang::En))
    }
}

/// How many terminal columns `s` takes: Arabic vowel marks, isolates and direction marks
/// take none.
pub fn width(s: &str) -> usize {
    s.chars()
        .filter(|c| {
            !matches!(c,
                '\u{0610}'..='\u{061A}'
                | '\u{064B}'..='\u{065F}'
                | '\u{0670}'
                | '\u{06D6}'..='\u{06ED}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2066}'..='\u{2069}')
        })
        .count()
}

/// The kind of a reading or writing error, as the tools' `.ftl` files name it: `not-found`,
/// `permission-denied`, …, `other` (then the system's English text is shown).
pub fn io_kind(e: &std::io::Error) -> &'static str {
    match e.kind() {
        ErrorKind::NotFound => "not-found",
        ErrorKind::PermissionDenied => "permission-denied",
        ErrorKind::AlreadyExists => "already-exists",
        ErrorKind::StorageFull => "storage-full",
        ErrorKind::QuotaExceeded => "quota-exceeded",
        ErrorKind::ReadOnlyFilesystem => "read-only",
        ErrorKind::IsADirectory => "is-a-directory",
        ErrorKind::NotADirectory => "not-a-directory",
        ErrorKind::UnexpectedEof => "unexpected-eof",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_names_give_their_language() {
        assert_eq!(Lang::from_locale("fr_TN.UTF-8"), Some(Lang::Fr));
        assert_eq!(Lang::from_locale("ar_TN.UTF-8"), Some(Lang::Ar));
        assert_eq!(Lang::from_locale("fr-FR"), Some(Lang::Fr));
        assert_eq!(Lang::from_locale("AR"), Some(Lang::Ar));
        assert_eq!(Lang::from_locale("en_GB@euro"), Some(Lang::En));
        assert_eq!(Lang::from_locale("C.UTF-8"), None);
        assert_eq!(Lang::from_locale("de_DE.UTF-8"), None);
        assert_eq!(Lang::from_locale(""), None);
    }

    #[test]
    fn the_flag_then_amana_lang_then_the_first_locale_variable_set_then_english() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                vars.iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(choose_in(None, env(&[])), Lang::En);
        assert_eq!(choose_in(None, env(&[("LANG", "ar_TN.UTF-8")])), Lang::Ar);
        let both = env(&[("LC_MESSAGES", "fr_FR.UTF-8"), ("LANG", "ar_TN.UTF-8")]);
        assert_eq!(choose_in(None, both), Lang::Fr);
        let c = env(&[("LC_ALL", "C.UTF-8"), ("LANG", "fr_TN.UTF-8")]);
        assert_eq!(
            choose_in(None, c),
            Lang::En,
            "LC_ALL decides even when not offered"
        );
        let empty = env(&[("LC_ALL", ""), ("LANG", "fr_TN.UTF-8")]);
        assert_eq!(
            choose_in(None, empty),
            Lang::Fr,
            "an empty variable is unset"
        );
        let amana = env(&[("AMANA_LANG", "ar"), ("LC_ALL", "fr_TN.UTF-8")]);
        assert_eq!(choose_in(None, amana), Lang::Ar);
        let unknown = env(&[("AMANA_LANG", "de"), ("LANG", "fr_TN.UTF-8")]);
        assert_eq!(choose_in(None, unknown), Lang::Fr);
        assert_eq!(
            choose_in(Some(Lang::En), env(&[("AMANA_LANG", "ar")])),
            Lang::En
        );
    }

    #[test]
    fn widths_ignore_marks() {
        assert_eq!(width("CASE"), 4);
        assert_eq!(width("\u{2068}ab\u{2069}"), 2);
        assert_eq!(width("مُستلَم"), 5);
    }
}
