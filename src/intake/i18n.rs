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

    /// The message identifiers of one `drop.ftl`, in file order.
    fn keys_of(source: &str) -> Vec<String> {
        source
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim().to_string()))
            .collect()
    }

    fn source_of(lang: &str) -> String {
        let path = format!(
            "{}/src/intake/i18n/{lang}/drop.ftl",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// Each message's whole text (first line and indented continuation lines).
    fn messages_of(source: &str) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for line in source.lines() {
            if line.starts_with(|c: char| c.is_ascii_lowercase()) {
                if let Some((k, v)) = line.split_once(" =") {
                    out.push((k.trim().to_string(), v.to_string()));
                    continue;
                }
            }
            if line.starts_with(' ') || line == "}" {
                if let Some(last) = out.last_mut() {
                    last.1.push('\n');
                    last.1.push_str(line);
                }
            }
        }
        out
    }

    /// Keys the code and the templates ask for: `t("…")`, `tn("…"`, `ts("…"`, `args("…"`,
    /// and message keys held in string literals (error titles, statuses, page titles).
    fn keys_used() -> std::collections::BTreeSet<String> {
        let root = format!("{}/src/intake", env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in [root.clone(), format!("{root}/templates")] {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
                if ext == "rs" || ext == "html" {
                    files.push(path);
                }
            }
        }
        assert!(files.len() > 10, "the intake sources were found");
        let prefixes = [
            "error-",
            "status-",
            "size-",
            "submit-",
            "follow-up-",
            "mailbox-",
            "reply-",
            "code-",
            "home-",
            "login-",
            "sent-",
            "safety-",
        ];
        let mut used = std::collections::BTreeSet::new();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            // Not the tests (this scan's own words among them).
            let text = text.split("#[cfg(test)]").next().unwrap();
            let is_rust = file.extension().is_some_and(|e| e == "rs");
            // In templates only `tr.…("key")` calls count: class names look like keys.
            for piece in text.split('"').skip(1).step_by(2).filter(|_| is_rust) {
                let is_key = !piece.is_empty()
                    && piece
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    && piece.contains('-');
                if is_key && prefixes.iter().any(|p| piece.starts_with(p)) {
                    used.insert(piece.to_string());
                }
            }
            for call in [".t(\"", ".tn(\"", ".ts(\"", ".args(\""] {
                for (pos, _) in text.match_indices(call) {
                    let rest = &text[pos + call.len()..];
                    let key = &rest[..rest.find('"').unwrap()];
                    used.insert(key.to_string());
                }
            }
        }
        used
    }

    #[test]
    fn every_language_has_every_message_and_no_other() {
        let en = keys_of(&source_of("en"));
        assert!(en.len() > 50, "English has its messages");
        let en_set: std::collections::BTreeSet<_> = en.iter().cloned().collect();
        assert_eq!(en.len(), en_set.len(), "a key is defined twice in en");
        for (lang, _) in LANGUAGES {
            let keys = keys_of(&source_of(lang));
            let set: std::collections::BTreeSet<_> = keys.iter().cloned().collect();
            assert_eq!(keys.len(), set.len(), "a key is defined twice in {lang}");
            let missing: Vec<_> = en_set.difference(&set).collect();
            let extra: Vec<_> = set.difference(&en_set).collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
            assert!(extra.is_empty(), "{lang} has keys English lacks: {extra:?}");
        }
    }

    #[test]
    fn every_key_the_pages_use_exists_in_english() {
        let en: std::collections::BTreeSet<_> = keys_of(&source_of("en")).into_iter().collect();
        let used = keys_used();
        assert!(
            used.len() > 50,
            "the key scan found the pages' keys: {used:?}"
        );
        let missing: Vec<_> = used.iter().filter(|k| !en.contains(*k)).collect();
        assert!(missing.is_empty(), "used but not in en: {missing:?}");
        // And every English message is used somewhere (no dead strings to translate).
        let unused: Vec<_> = en.iter().filter(|k| !used.contains(*k)).collect();
        assert!(unused.is_empty(), "in en but never used: {unused:?}");
    }

    #[test]
    fn every_message_formats_in_every_language_with_sample_arguments() {
        use fluent_templates::fluent_bundle::concurrent::FluentBundle;
        use fluent_templates::fluent_bundle::{FluentArgs, FluentResource};
        for (lang, _) in LANGUAGES {
            let source = source_of(lang);
            let resource = FluentResource::try_new(source.clone())
                .unwrap_or_else(|(_, e)| panic!("{lang} does not parse: {e:?}"));
            let id: LanguageIdentifier = lang.parse().unwrap();
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            bundle.set_use_isolating(false);
            bundle
                .add_resource(resource)
                .unwrap_or_else(|e| panic!("{lang}: {e:?}"));
            for (key, text) in messages_of(&source) {
                let message = bundle
                    .get_message(&key)
                    .unwrap_or_else(|| panic!("{lang}: {key} is not a message"));
                let pattern = message
                    .value()
                    .unwrap_or_else(|| panic!("{key} has a value"));
                // Every count Arabic distinguishes: zero, one, two, few, many, other.
                for n in [0u64, 1, 2, 3, 11, 100, 1000] {
                    let mut args = FluentArgs::new();
                    for name in ["files", "chars", "n"] {
                        args.set(name, n);
                    }
                    args.set("size", "12.5 MB");
                    let mut errors = Vec::new();
                    let out = bundle.format_pattern(pattern, Some(&args), &mut errors);
                    assert!(errors.is_empty(), "{lang} {key} ({n}): {errors:?}");
                    assert!(!out.trim().is_empty(), "{lang} {key} is empty");
                    assert!(
                        !out.contains('{') && !out.contains('$'),
                        "{lang} {key}: {out}"
                    );
                }
                if text.contains("->") {
                    let needed: &[&str] = match *lang {
                        "ar" => &["[zero]", "[one]", "[two]", "[few]", "[many]", "*[other]"],
                        _ => &["[one]", "*[other]"],
                    };
                    for variant in needed {
                        assert!(text.contains(variant), "{lang} {key} lacks {variant}");
                    }
                }
            }
            // The real loader sees the same messages.
            let tr = Tr::new(Some(lang), "en");
            assert_ne!(tr.t("home-title"), "home-title");
        }
    }
}
