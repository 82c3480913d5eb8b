//! The reviewer's languages: every message it prints for a person comes from
//! `i18n/<lang>/review.ftl` (Arabic, French, English; English is the fallback).
//!
//! The language is the first of: `--lang`, the environment's `AMANA_LANG`, the POSIX locale
//! (`LC_ALL`, `LC_MESSAGES`, `LANG`: `fr_TN.UTF-8` is French), English.
//!
//! Arabic is written right to left. In an Arabic message every text argument — a path, a
//! case id, a desk, a date, a detail in English — is wrapped in Unicode isolates (U+2068 …
//! U+2069), so that a bidirectional terminal shows it whole and in order inside the
//! sentence. What a reader compares or copies character by character (the drop's
//! fingerprint, a command to run) is passed *verbatim*: no marks, and on a line of its own
//! in Arabic. Tables stay left to right in every language (an Arabic header line starts with
//! a left-to-right mark), so that their columns line up with the rows below.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./src/bin/amana-review/i18n",
        fallback_language: "en",
        // Isolation is added per argument (see `Arg`), never by Fluent: English and French
        // output carries no invisible marks, and a fingerprint stays copyable.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// First strong isolate: starts an argument inside an Arabic sentence.
const FSI: char = '\u{2068}';
/// Pop directional isolate: ends it.
const PDI: char = '\u{2069}';
/// Left-to-right mark: makes a table's header line run left to right, like its rows.
const LRM: char = '\u{200E}';

/// A language of the reviewer.
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

    /// The language's code, as in `--lang` and the `i18n/` folder.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::Fr => "fr",
            Lang::En => "en",
        }
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

/// The language to speak: `--lang`, else `AMANA_LANG`, else the locale, else English.
pub fn choose(flag: Option<Lang>) -> Lang {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
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

static CURRENT: OnceLock<Tr> = OnceLock::new();

/// Sets the language of every later message (once, at start).
pub fn set(lang: Lang) {
    let _ = CURRENT.set(Tr::new(lang));
}

/// The translator in use (English until `set`).
pub fn tr() -> &'static Tr {
    CURRENT.get_or_init(|| Tr::new(Lang::En))
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

/// An argument shown exactly as given (see `Arg::Verbatim`).
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

impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Number(n as u64)
    }
}

/// The translator for one language.
#[derive(Debug)]
pub struct Tr {
    lang: Lang,
    id: LanguageIdentifier,
}

impl Tr {
    /// The translator for `lang`.
    pub fn new(lang: Lang) -> Self {
        Tr {
            lang,
            id: lang.code().parse().expect("a valid language identifier"),
        }
    }

    /// The language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Whether the language is written right to left.
    pub fn rtl(&self) -> bool {
        self.lang == Lang::Ar
    }

    /// The message `key` with its arguments.
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
        LOCALES.lookup_with_args(&self.id, key, &args)
    }
}

/// `t!("key", name = value, …)`: the message `key` in the current language.
macro_rules! t {
    ($key:literal) => {
        $crate::i18n::tr().msg($key, Vec::new())
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::tr().msg(
            $key,
            vec![$((stringify!($name), $crate::i18n::Arg::from($value))),+],
        )
    };
}
pub(crate) use t;

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

/// A column of a table.
pub struct Column {
    /// Its translated heading.
    pub head: String,
    /// Its width in columns (at least the heading's); `None` for a last column left ragged.
    pub width: Option<usize>,
    /// Numbers are aligned right.
    pub right: bool,
    /// What separates it from the column before.
    pub sep: &'static str,
}

impl Column {
    /// A column under `head`, `width` wide (`None`: the last one, left ragged).
    pub fn new(head: String, width: Option<usize>, right: bool, sep: &'static str) -> Self {
        Column {
            head,
            width,
            right,
            sep,
        }
    }
}

/// A plain-text table whose columns fit their translated headings.
pub struct Table(Vec<Column>);

impl Table {
    /// A table of these columns; each is widened to its heading.
    pub fn new(columns: Vec<Column>) -> Self {
        Table(
            columns
                .into_iter()
                .map(|c| Column {
                    width: c.width.map(|w| w.max(width(&c.head))),
                    ..c
                })
                .collect(),
        )
    }

    /// The heading line (starting with a left-to-right mark in Arabic).
    pub fn header(&self) -> String {
        let heads: Vec<String> = self.0.iter().map(|c| c.head.clone()).collect();
        let line = self.row(&heads);
        if tr().rtl() {
            format!("{LRM}{line}")
        } else {
            line
        }
    }

    /// One row.
    pub fn row(&self, cells: &[String]) -> String {
        let mut line = String::new();
        for (column, cell) in self.0.iter().zip(cells) {
            line.push_str(column.sep);
            let fill = " ".repeat(column.width.unwrap_or(0).saturating_sub(width(cell)));
            if column.right {
                line.push_str(&fill);
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&fill);
            }
        }
        line
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
    fn arabic_isolates_text_but_not_verbatim_arguments() {
        let ar = Tr::new(Lang::Ar);
        let out = ar.msg(
            "error-untrusted-drop",
            vec![("fingerprint", verbatim("9A53 A2F0"))],
        );
        assert!(out.lines().any(|l| l == "9A53 A2F0"), "{out}");
        assert!(!out.contains("\u{2068}9A53"), "{out}");
        let out = ar.msg("list-empty", vec![("dir", "cases".into())]);
        assert!(out.contains("\u{2068}cases\u{2069}"), "{out}");
        let en = Tr::new(Lang::En);
        let out = en.msg("list-empty", vec![("dir", "cases".into())]);
        assert_eq!(out, "No cases in cases.");
    }

    #[test]
    fn widths_ignore_marks() {
        assert_eq!(width("CASE"), 4);
        assert_eq!(width("\u{2068}ab\u{2069}"), 2);
        assert_eq!(width("مُستلَم"), 5);
    }
}
