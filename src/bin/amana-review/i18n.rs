//! The reviewer's languages: every message it prints for a person comes from
//! `i18n/<lang>/review.ftl` (Arabic, French, English; English is the fallback).
//!
//! Which language, and how arguments sit in an Arabic sentence, is [`amana::cli_lang`]'s
//! (shared with `amana-drop`): `--lang`, then `AMANA_LANG`, then the POSIX locale, then
//! English; text arguments isolated in Arabic, fingerprints and commands verbatim (on a line
//! of their own in Arabic). Tables stay left to right in every language (an Arabic header
//! line starts with a left-to-right mark), so that their columns line up with the rows below.

pub use amana::cli_lang::{choose, verbatim, width, Arg, Lang, Tr, LRM};
use amana::cli_lang::{Current, Messages};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./src/bin/amana-review/i18n",
        fallback_language: "en",
        // Isolation is added per argument (see `Arg`), never by Fluent: English and French
        // output carries no invisible marks, and a fingerprint stays copyable.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The reviewer's messages.
fn messages() -> &'static Messages {
    &*LOCALES
}

static CURRENT: Current = Current::new(messages);

/// Sets the language of every later message (once, at start).
pub fn set(lang: Lang) {
    CURRENT.set(lang);
}

/// The translator in use (English until `set`).
pub fn tr() -> &'static Tr {
    CURRENT.tr()
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
    fn arabic_isolates_text_but_not_verbatim_arguments() {
        let ar = Tr::new(messages(), Lang::Ar);
        let out = ar.msg(
            "error-untrusted-drop",
            vec![("fingerprint", verbatim("9A53 A2F0"))],
        );
        assert!(out.lines().any(|l| l == "9A53 A2F0"), "{out}");
        assert!(!out.contains("\u{2068}9A53"), "{out}");
        let out = ar.msg("list-empty", vec![("dir", "cases".into())]);
        assert!(out.contains("\u{2068}cases\u{2069}"), "{out}");
        let en = Tr::new(messages(), Lang::En);
        let out = en.msg("list-empty", vec![("dir", "cases".into())]);
        assert_eq!(out, "No cases in cases.");
    }
}
