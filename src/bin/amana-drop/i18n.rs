//! The operator's languages: every message `amana-drop` prints for a person comes from
//! `i18n/<lang>/operator.ftl` (Arabic, French, English; English is the fallback). The
//! reporter's pages have their own messages, in `src/intake/i18n/`.
//!
//! Which language, and how arguments sit in an Arabic sentence, is [`amana::cli_lang`]'s
//! (shared with `amana-review`): `--lang`, then `AMANA_LANG`, then the POSIX locale, then
//! English; text arguments isolated in Arabic; the fingerprint, addresses and commands
//! verbatim, on a line of their own in Arabic. Log lines (`AMANA_LOG`) stay in English.

pub use amana::cli_lang::{choose, verbatim, width, Arg, Lang, Tr};
use amana::cli_lang::{Current, Messages};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./src/bin/amana-drop/i18n",
        fallback_language: "en",
        // Isolation is added per argument (see `Arg`), never by Fluent: English and French
        // output carries no invisible marks, and a fingerprint stays copyable.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The operator's messages.
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

/// `text` framed by a border of `#`, each line padded to the longest. In Arabic the lines
/// run right to left, so the padding still falls inside the frame.
pub fn framed(text: &str) -> String {
    let inner = text.lines().map(width).max().unwrap_or(0);
    let rule = "#".repeat(inner + 6);
    let mut out = rule.clone();
    for line in text.lines() {
        let fill = " ".repeat(inner - width(line));
        out.push_str(&format!("\n#  {line}{fill}  #"));
    }
    out.push('\n');
    out.push_str(&rule);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_isolates_paths_but_not_the_fingerprint() {
        let ar = Tr::new(messages(), Lang::Ar);
        let out = ar.msg(
            "new-fingerprint",
            vec![("fingerprint", verbatim("9A53 A2F0"))],
        );
        assert!(out.lines().any(|l| l == "9A53 A2F0"), "{out}");
        let out = ar.msg("no-desks", vec![("path", "keys".into())]);
        assert!(out.contains("\u{2068}keys\u{2069}"), "{out}");
        let en = Tr::new(messages(), Lang::En);
        let out = en.msg("no-desks", vec![("path", "keys".into())]);
        assert!(
            out.starts_with("no desk: put a desk's NAME.pub file in keys "),
            "{out}"
        );
    }

    #[test]
    fn frames_fit_their_longest_line() {
        assert_eq!(framed("ab\nc"), "########\n#  ab  #\n#  c   #\n########");
        let ar = framed("وضع\nتجريبي");
        assert!(ar.lines().all(|l| width(l) == 12), "{ar}");
    }
}
