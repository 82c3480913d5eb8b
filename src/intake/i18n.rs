//! Translations: every string a reporter reads comes from `i18n/<lang>/drop.ftl`.
//!
//! English is complete and is the fallback for any key a translation lacks.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./src/intake/i18n",
        fallback_language: "en",
        // Isolation marks (U+2068/U+2069) around arguments would end up inside the
        // receipt code and sizes shown to the reporter; the templates set `dir` instead.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// Languages offered in the language picker, with their own names.
pub const LANGUAGES: &[(&str, &str)] = &[("en", "English"), ("fr", "Français"), ("ar", "العربية")];

/// The translator for one request's language.
#[derive(Debug, Clone)]
pub struct Tr {
    lang: LanguageIdentifier,
    code: &'static str,
}

impl Tr {
    /// The translator for `code` if it is offered, else for `fallback`, else English.
    pub fn new(code: Option<&str>, fallback: &str) -> Self {
        let pick = |c: &str| LANGUAGES.iter().find(|(l, _)| *l == c).map(|(l, _)| *l);
        let code = code
            .and_then(pick)
            .or_else(|| pick(fallback))
            .unwrap_or("en");
        Tr {
            lang: code
                .parse()
                .expect("offered languages are valid identifiers"),
            code,
        }
    }

    /// The languages offered, for the picker.
    pub fn languages(&self) -> &'static [(&'static str, &'static str)] {
        LANGUAGES
    }

    /// The language code (`lang` attribute).
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The writing direction (`dir` attribute).
    pub fn dir(&self) -> &'static str {
        if self.code == "ar" {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// The string `key`.
    pub fn t(&self, key: &str) -> String {
        LOCALES.lookup(&self.lang, key)
    }

    /// The string `key` with named arguments.
    pub fn args(&self, key: &str, args: Vec<(&'static str, FluentValue<'static>)>) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'static>> = args
            .into_iter()
            .map(|(name, value)| (Cow::Borrowed(name), value))
            .collect();
        LOCALES.lookup_with_args(&self.lang, key, &args)
    }

    /// The string `key` with one numeric argument.
    pub fn tn(&self, key: &str, name: &'static str, value: u64) -> String {
        self.args(key, vec![(name, value.into())])
    }

    /// The string `key` with one text argument.
    pub fn ts(&self, key: &str, name: &'static str, value: &str) -> String {
        self.args(key, vec![(name, value.to_string().into())])
    }

    /// A byte count in the reporter's language (`12.3 MB`).
    pub fn size(&self, bytes: u64) -> String {
        let (value, key) = match bytes {
            b if b >= 1 << 30 => (b as f64 / f64::from(1u32 << 30), "size-gib"),
            b if b >= 1 << 20 => (b as f64 / f64::from(1u32 << 20), "size-mib"),
            b if b >= 1 << 10 => (b as f64 / 1024.0, "size-kib"),
            b => (b as f64, "size-bytes"),
        };
        let rounded = (value * 10.0).round() / 10.0;
        self.args(key, vec![("n", rounded.into())])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_complete_and_the_fallback() {
        let tr = Tr::new(Some("xx"), "en");
        assert_eq!(tr.code(), "en");
        assert!(!tr.t("home-title").is_empty());
        assert_ne!(tr.t("home-title"), "home-title");
        assert_eq!(tr.size(2048), "2 KB");
        let ar = Tr::new(Some("ar"), "en");
        assert_eq!(ar.dir(), "rtl");
        assert_ne!(ar.t("home-title"), tr.t("home-title"));
        assert_eq!(Tr::new(None, "fr").code(), "fr");
    }
}
