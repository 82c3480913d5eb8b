//! Safe file names from untrusted ones.
//!
//! A reporter names their attachments; a bundle on a USB stick may have been tampered with.
//! Neither may choose where a file lands. [`safe_file_name`] turns any string into one plain
//! file name that is valid on Linux, macOS and Windows and cannot reach outside its folder.

use unicode_normalization::UnicodeNormalization;

/// Longest name produced, in bytes.
pub const MAX_NAME_BYTES: usize = 120;
const MAX_EXTENSION_CHARS: usize = 16;

const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

fn is_dropped(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}' // zero-width and direction marks
            | '\u{202A}'..='\u{202E}' // embeddings and overrides
            | '\u{2060}'..='\u{2069}' // isolates and invisible operators
            | '\u{061C}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

fn is_replaced(c: char) -> bool {
    matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*')
}

/// Turns an untrusted name into a safe plain file name (never empty, never `.` or `..`, no
/// separators, no control or direction-override characters, not a Windows device name, at
/// most [`MAX_NAME_BYTES`] bytes, extension kept where possible).
pub fn safe_file_name(untrusted: &str, fallback: &str) -> String {
    // Only the last component of a path counts.
    let last = untrusted.rsplit(['/', '\\']).next().unwrap_or_default();
    let mut name: String = last
        .nfc()
        .filter(|c| !is_dropped(*c))
        .map(|c| if is_replaced(c) { '_' } else { c })
        .collect();
    name = name
        .trim_matches(|c: char| c == ' ' || c == '.')
        .to_string();
    if name.is_empty() {
        name = fallback.to_string();
    }
    let stem = name
        .split('.')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if RESERVED.contains(&stem.trim_end()) {
        name.insert(0, '_');
    }
    truncate_keeping_extension(&name)
}

fn truncate_keeping_extension(name: &str) -> String {
    if name.len() <= MAX_NAME_BYTES {
        return name.to_string();
    }
    let (stem, ext) = match name.rfind('.') {
        Some(i) if name[i + 1..].chars().count() <= MAX_EXTENSION_CHARS && i > 0 => {
            (&name[..i], &name[i..])
        }
        _ => (name, ""),
    };
    let budget = MAX_NAME_BYTES - ext.len();
    let mut cut = String::new();
    for c in stem.chars() {
        if cut.len() + c.len_utf8() > budget {
            break;
        }
        cut.push(c);
    }
    cut.push_str(ext);
    cut
}

/// Makes `name` unique against `taken` (case-insensitively, for case-insensitive file
/// systems) by adding ` (2)`, ` (3)`, … before the extension. Records the result in `taken`.
pub fn unique_name(name: &str, taken: &mut std::collections::HashSet<String>) -> String {
    let mut candidate = name.to_string();
    let mut n = 2u32;
    while taken.contains(&candidate.to_lowercase()) {
        let (stem, ext) = match name.rfind('.') {
            Some(i) if i > 0 => (&name[..i], &name[i..]),
            _ => (name, ""),
        };
        let suffix = format!(" ({n}){ext}");
        let mut stem_cut = String::new();
        for c in stem.chars() {
            if stem_cut.len() + c.len_utf8() + suffix.len() > MAX_NAME_BYTES {
                break;
            }
            stem_cut.push(c);
        }
        candidate = format!("{stem_cut}{suffix}");
        n += 1;
    }
    taken.insert(candidate.to_lowercase());
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn hostile_names() {
        assert_eq!(safe_file_name("../../etc/passwd", "f"), "passwd");
        assert_eq!(safe_file_name("/abs/path.txt", "f"), "path.txt");
        assert_eq!(safe_file_name("..", "f"), "f");
        assert_eq!(safe_file_name("C:\\Windows\\evil.exe", "f"), "evil.exe");
        assert_eq!(safe_file_name("a\0b", "f"), "ab");
        assert_eq!(
            safe_file_name("invoice\u{202E}fdp.exe", "f"),
            "invoicefdp.exe"
        );
        assert_eq!(safe_file_name("CON", "f"), "_CON");
        assert_eq!(safe_file_name("nul.txt", "f"), "_nul.txt");
        assert_eq!(safe_file_name("what?.pdf", "f"), "what_.pdf");
        assert_eq!(safe_file_name(".hidden", "f"), "hidden");
        assert_eq!(safe_file_name("تقرير.pdf", "f"), "تقرير.pdf");
        let long = format!("{}.pdf", "x".repeat(500));
        let cut = safe_file_name(&long, "f");
        assert!(cut.len() <= MAX_NAME_BYTES && cut.ends_with(".pdf"));
    }

    #[test]
    fn duplicates_get_numbers() {
        let mut taken = Default::default();
        assert_eq!(unique_name("a.txt", &mut taken), "a.txt");
        assert_eq!(unique_name("A.txt", &mut taken), "A (2).txt");
        assert_eq!(unique_name("a.txt", &mut taken), "a (3).txt");
    }

    proptest! {
        #[test]
        fn any_input_gives_a_plain_name(s in "\\PC*") {
            let n = safe_file_name(&s, "file");
            prop_assert!(!n.is_empty());
            prop_assert!(n.len() <= MAX_NAME_BYTES);
            prop_assert!(n != "." && n != "..");
            prop_assert!(!n.contains('/') && !n.contains('\\') && !n.contains('\0'));
            prop_assert!(!n.chars().any(|c| c.is_control() || is_dropped(c)));
        }
    }
}
