//! Checks shared by the tests of the two binaries' Fluent messages: what a `.ftl` file
//! defines, and what the code asks for.

use std::collections::BTreeSet;
use std::path::Path;

/// Each message of a `.ftl` file: its id and its whole text (continuation lines included).
pub fn messages(source: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in source.lines() {
        if line.starts_with(|c: char| c.is_ascii_lowercase()) {
            let (id, value) = line.split_once(" =").expect("an id = value line");
            out.push((id.trim().to_string(), value.to_string()));
        } else if line.starts_with(' ') {
            let last = out.last_mut().expect("a continuation follows a message");
            last.1.push('\n');
            last.1.push_str(line);
        }
    }
    out
}

/// The `$variables` a message's text refers to.
pub fn variables(text: &str) -> BTreeSet<String> {
    text.split('$')
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect()
        })
        .collect()
}

/// Every `t!("id", name = …)` (or `t!(tr: "id", …)`) in the `.rs` files of `dir`, or in the
/// file `dir` (tests left out): the id and the argument names.
pub fn used_in(dir: &Path) -> Vec<(String, BTreeSet<String>)> {
    let mut used = Vec::new();
    let paths: Vec<_> = if dir.is_file() {
        vec![dir.to_path_buf()]
    } else {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect()
    };
    for path in paths {
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text.split("#[cfg(test)]").next().unwrap();
        for (at, _) in text.match_indices("t!(") {
            let inner = &text[at + 3..];
            let inner = inner.trim_start().strip_prefix("tr:").unwrap_or(inner);
            let line = &text[text[..at].rfind('\n').map_or(0, |i| i + 1)..at];
            if text[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_')
                || !inner.trim_start().starts_with('"')
                || line.trim_start().starts_with("//")
            {
                continue;
            }
            // The invocation up to its closing parenthesis, split at top-level commas.
            let (mut depth, mut parts, mut start) = (0, Vec::new(), 0);
            for (i, c) in inner.char_indices() {
                match c {
                    '(' | '[' => depth += 1,
                    ')' | ']' if depth == 0 => {
                        parts.push(&inner[start..i]);
                        break;
                    }
                    ')' | ']' => depth -= 1,
                    ',' if depth == 0 => {
                        parts.push(&inner[start..i]);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            let id = parts[0].trim().trim_matches('"').to_string();
            let names = parts[1..]
                .iter()
                .filter_map(|p| p.split_once('=').map(|(n, _)| n.trim().to_string()))
                .filter(|n| !n.is_empty())
                .collect();
            used.push((id, names));
        }
    }
    used
}

/// Every message of `source` (the `.ftl` file of `lang`) parses and formats, with each of its
/// variables set to numbers that reach every plural form, without errors, into a non-empty
/// text with no placeholder left.
pub fn assert_every_message_formats(lang: &str, source: &str) {
    use fluent_templates::fluent_bundle::concurrent::FluentBundle;
    use fluent_templates::fluent_bundle::{FluentArgs, FluentResource};
    let resource = FluentResource::try_new(source.to_string())
        .unwrap_or_else(|(_, e)| panic!("{lang} does not parse: {e:?}"));
    let mut bundle = FluentBundle::new_concurrent(vec![lang.parse().unwrap()]);
    bundle.set_use_isolating(false);
    bundle.add_resource(resource).unwrap();
    for (id, text) in messages(source) {
        let pattern = bundle.get_message(&id).unwrap().value().unwrap();
        for n in [0u64, 1, 2, 3, 11, 100] {
            let mut args = FluentArgs::new();
            for name in variables(&text) {
                args.set(name, n);
            }
            let mut errors = Vec::new();
            let out = bundle.format_pattern(pattern, Some(&args), &mut errors);
            assert!(errors.is_empty(), "{lang} {id} ({n}): {errors:?}");
            assert!(!out.trim().is_empty(), "{lang} {id} is empty");
            assert!(!out.contains(['{', '}', '$']), "{lang} {id}: {out}");
        }
    }
}
