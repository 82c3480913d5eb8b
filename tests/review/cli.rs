//! `amana-review`'s exact output, pinned with `trycmd` cases in `tests/cmd/`.
//!
//! The cases that open a bundle need one signed by a drop whose fingerprint they pass with
//! `--trust-drop`. Rather than keep a binary fixture that silently goes stale, the test
//! builds it afresh each run: it copies the cases to a scratch folder and writes beside them
//! `review.in/`, holding a bundle signed by the fixed test drop key (so the fingerprint in
//! `review.md` is stable), the demo desk's key files and a few bad inputs.

use std::path::Path;

use amana::envelope::{Channel, Kind};
use amana::seal::{EnvelopeWriter, Header};

use super::tools::*;
use crate::ftl;
use crate::support::*;

/// The mailbox of the fixture report; `review.md` shows its case id.
const MAILBOX: &str = "5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e";

/// Seals the fixture report, with a fixed day, into `store`.
fn seal_fixture(store: &Path) -> (std::path::PathBuf, amana::seal::Sealed) {
    let tmp = store.join(".sealing");
    let file = std::fs::File::create(&tmp).unwrap();
    let mut w = EnvelopeWriter::new(
        file,
        &demo_public(),
        Header {
            kind: Kind::Report,
            channel: Channel::Web,
            day: "2026-11-02".into(),
            mailbox: MAILBOX.into(),
            reply_recipient: age::x25519::Identity::generate().to_public().to_string(),
        },
    )
    .unwrap();
    w.write_message("The tender for the new hospital was rigged.\n")
        .unwrap();
    w.begin_attachment("minutes.pdf", "application/pdf")
        .unwrap();
    std::io::Write::write_all(&mut w, b"%PDF-1.7 minutes of the tender committee").unwrap();
    w.end_attachment().unwrap();
    w.begin_attachment("../../invoice\u{202E}fdp.exe", "application/octet-stream")
        .unwrap();
    std::io::Write::write_all(&mut w, b"MZ").unwrap();
    w.end_attachment().unwrap();
    let (file, sealed) = w.finish().unwrap();
    file.sync_all().unwrap();
    let path = store.join(format!("{}.age", sealed.id));
    std::fs::rename(&tmp, &path).unwrap();
    (path, sealed)
}

fn write_fixtures(input: &Path) {
    std::fs::create_dir_all(input).unwrap();
    let (key, pass) = demo_secret_paths();
    std::fs::copy(key, input.join("demo-desk.key")).unwrap();
    std::fs::copy(pass, input.join("demo-desk.passphrase")).unwrap();
    std::fs::write(input.join("wrong.passphrase"), "not the passphrase\n").unwrap();
    std::fs::write(
        input.join("new.passphrase"),
        "a long passphrase for a new desk\n",
    )
    .unwrap();
    std::fs::write(input.join("short.passphrase"), "short\n").unwrap();
    std::fs::write(input.join("not-a-bundle.tar"), "just some text\n").unwrap();
    let store = tempfile::tempdir().unwrap();
    let sealed = seal_fixture(store.path());
    bundle_into(&input.join("bundle.tar"), &drop_key().0, 1, &[sealed]);
}

/// `i18n.in/`: the files of `review.in/`, plus `forged.tar` (the bundle with its signature
/// changed) and `tampered.tar` (with a byte of its envelope changed).
fn write_damaged_copies(review_in: &Path, input: &Path) {
    std::fs::create_dir_all(input).unwrap();
    for entry in std::fs::read_dir(review_in).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, input.join(path.file_name().unwrap())).unwrap();
    }
    let bundle = std::fs::read(review_in.join("bundle.tar")).unwrap();
    let mut archive = tar::Archive::new(&bundle[..]);
    let mut places = std::collections::BTreeMap::new();
    for entry in archive.entries().unwrap() {
        let entry = entry.unwrap();
        let name = entry.path().unwrap().display().to_string();
        let kind = if name == amana::bundle::SIGNATURE_NAME {
            "forged.tar"
        } else if name.ends_with(".age") {
            "tampered.tar"
        } else {
            continue;
        };
        places.insert(
            kind,
            entry.raw_file_position() as usize + entry.size() as usize / 2,
        );
    }
    assert_eq!(
        places.len(),
        2,
        "the bundle has a signature and an envelope"
    );
    for (name, at) in places {
        let mut copy = bundle.clone();
        copy[at] ^= 0x55;
        std::fs::write(input.join(name), copy).unwrap();
    }
}

#[test]
fn cli_output_is_pinned() {
    let cases = tempfile::tempdir().unwrap();
    let source = root().join("tests/cmd");
    let mut count = 0;
    for entry in std::fs::read_dir(&source).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, cases.path().join(path.file_name().unwrap())).unwrap();
            count += 1;
        }
    }
    assert!(
        count >= 3,
        "the trycmd cases are missing from {}",
        source.display()
    );

    let review = std::fs::read_to_string(source.join("review.md")).unwrap();
    assert!(
        review.contains(&format!("--trust-drop \"{}\"", drop_key().1)),
        "review.md must trust the test drop's fingerprint {}",
        drop_key().1
    );
    write_fixtures(&cases.path().join("review.in"));
    write_damaged_copies(
        &cases.path().join("review.in"),
        &cases.path().join("i18n.in"),
    );
    // An `.out` folder runs a file's commands one after another in one sandbox.
    for case in ["review", "keygen", "i18n"] {
        let out = cases.path().join(format!("{case}.out"));
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join(".keep"), "").unwrap();
    }
    let keygen_in = cases.path().join("keygen.in");
    std::fs::create_dir_all(&keygen_in).unwrap();
    std::fs::copy(
        cases.path().join("review.in/new.passphrase"),
        keygen_in.join("new.passphrase"),
    )
    .unwrap();
    std::fs::copy(
        cases.path().join("review.in/short.passphrase"),
        keygen_in.join("short.passphrase"),
    )
    .unwrap();
    std::fs::copy(
        cases.path().join("review.in/bundle.tar"),
        keygen_in.join("bundle.tar"),
    )
    .unwrap();

    let t = trycmd::TestCases::new();
    t.register_bin(
        "amana-review",
        std::path::Path::new(env!("CARGO_BIN_EXE_amana-review")),
    )
    .env("NO_COLOR", "1")
    .env("TERM", "dumb")
    // English whatever the machine's locale; the French and Arabic cases pass `--lang`.
    .env("AMANA_LANG", "en")
    .env(
        "XDG_DATA_HOME",
        cases.path().join("xdg").display().to_string(),
    )
    .insert_var("[TODAY]", amana::util::today())
    .unwrap()
    .case(cases.path().join("*.md"));
    t.run();
    // `TRYCMD=overwrite cargo test … cli_output_is_pinned` rewrites the cases from the
    // actual output; copy them back so that the change shows up in `git diff`.
    if std::env::var_os("TRYCMD").is_some_and(|v| v == "overwrite") {
        for entry in std::fs::read_dir(&source).unwrap() {
            let path = entry.unwrap().path();
            let copy = cases.path().join(path.file_name().unwrap());
            if path.extension().is_some_and(|e| e == "md") {
                std::fs::copy(copy, path).unwrap();
            }
        }
    }
}

/// The reviewer's message files, `src/bin/amana-review/i18n/<lang>/review.ftl`.
const LANGS: [&str; 3] = ["en", "fr", "ar"];

fn ftl_source(lang: &str) -> String {
    let path = root().join(format!("src/bin/amana-review/i18n/{lang}/review.ftl"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_reviewer_message_exists_in_every_language_with_the_same_arguments() {
    let english: std::collections::BTreeMap<_, _> = ftl::messages(&ftl_source("en"))
        .into_iter()
        .map(|(id, text)| (id, ftl::variables(&text)))
        .collect();
    for lang in LANGS {
        let messages = ftl::messages(&ftl_source(lang));
        let ids: std::collections::BTreeSet<_> = messages.iter().map(|(id, _)| id).collect();
        assert_eq!(ids.len(), messages.len(), "{lang} defines a message twice");
        let missing: Vec<_> = english.keys().filter(|id| !ids.contains(id)).collect();
        let extra: Vec<_> = ids
            .iter()
            .filter(|id| !english.contains_key(**id))
            .collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{lang} has messages English lacks: {extra:?}"
        );
        for (id, text) in &messages {
            assert_eq!(
                &ftl::variables(text),
                &english[id],
                "{lang} {id} does not use the same arguments as English"
            );
            // Plural forms: French `one`/`other`; Arabic all six, when it counts at all.
            let needed: &[&str] = match lang {
                "ar" => &["[zero]", "[one]", "[two]", "[few]", "[many]", "*[other]"],
                _ => &["[one]", "*[other]"],
            };
            if text.contains("[one]") || text.contains("[few]") {
                for variant in needed {
                    assert!(text.contains(variant), "{lang} {id} lacks {variant}");
                }
            }
        }
    }
    // What the code asks for exists, with the arguments the messages expect; nothing unused.
    let mut used = ftl::used_in(&root().join("src/bin/amana-review"));
    used.extend(ftl::used_in(&root().join("src/cli_words.rs")));
    for (id, names) in &used {
        let wanted = english
            .get(id)
            .unwrap_or_else(|| panic!("the code uses {id}, which en lacks"));
        assert_eq!(names, wanted, "the code gives {id} other arguments");
    }
    let unused: Vec<_> = english
        .keys()
        .filter(|id| !used.iter().any(|(u, _)| u == *id))
        .collect();
    assert!(unused.is_empty(), "never used: {unused:?}");
}

#[test]
fn every_reviewer_message_formats_in_every_language() {
    for lang in LANGS {
        ftl::assert_every_message_formats(lang, &ftl_source(lang));
    }
}

/// Runs `amana-review list` on a folder that does not exist, in a chosen environment, and
/// returns its exit code and standard error.
fn missing_dir_error(args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_amana-review"));
    command.args(args).args(["list", "--dir", "/no/such/amana"]);
    for var in ["AMANA_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(var);
    }
    command.envs(env.iter().copied());
    let out = command.output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

const MISSING_EN: &str = "error: /no/such/amana: No such file or directory (os error 2)\n";
/// French puts a non-breaking space (U+00A0) before a colon.
const MISSING_FR: &str = "erreur\u{a0}: /no/such/amana\u{a0}: fichier ou répertoire introuvable\n";
/// In Arabic the path is isolated (U+2068 … U+2069) inside the right-to-left sentence.
const MISSING_AR: &str = "خطأ: \u{2068}/no/such/amana\u{2069}: الملف أو المجلد غير موجود\n";

#[test]
fn the_language_is_the_flag_then_amana_lang_then_the_locale_then_english() {
    /// Arguments, environment, expected standard error.
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a str);
    let cases: &[Case] = &[
        (&[], &[], MISSING_EN),
        (&[], &[("LANG", "fr_TN.UTF-8")], MISSING_FR),
        (&[], &[("LANG", "ar_TN.UTF-8")], MISSING_AR),
        (
            &[],
            &[("LC_MESSAGES", "ar_TN.UTF-8"), ("LANG", "fr_TN.UTF-8")],
            MISSING_AR,
        ),
        (
            &[],
            &[("LC_ALL", "fr_FR.UTF-8"), ("LC_MESSAGES", "ar_TN.UTF-8")],
            MISSING_FR,
        ),
        // LC_ALL decides even for a language not offered: English, not LANG's French.
        (
            &[],
            &[("LC_ALL", "C.UTF-8"), ("LANG", "fr_TN.UTF-8")],
            MISSING_EN,
        ),
        (
            &[],
            &[("AMANA_LANG", "ar"), ("LC_ALL", "fr_TN.UTF-8")],
            MISSING_AR,
        ),
        (
            &[],
            &[("AMANA_LANG", "de"), ("LANG", "fr_TN.UTF-8")],
            MISSING_FR,
        ),
        (&["--lang", "en"], &[("AMANA_LANG", "ar")], MISSING_EN),
        (&["--lang", "fr"], &[("LC_ALL", "ar_TN.UTF-8")], MISSING_FR),
    ];
    for (args, env, expected) in cases {
        let (code, stderr) = missing_dir_error(args, env);
        assert_eq!(code, 1, "{args:?} {env:?}");
        assert_eq!(&stderr, expected, "{args:?} {env:?}");
    }
    let (code, stderr) = missing_dir_error(&["--lang", "de"], &[]);
    assert_eq!(code, 2, "an unknown --lang is a usage error: {stderr}");
}

#[test]
fn arabic_isolates_what_it_shows_inside_a_sentence() {
    let scratch = tempfile::tempdir().unwrap();
    let input = scratch.path().join("in");
    write_fixtures(&input);
    let state = scratch.path().join("state");
    let out_dir = scratch.path().join("out");
    let run = |args: &[&std::ffi::OsStr]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_amana-review"))
            .arg("--lang")
            .arg("ar")
            .args(args)
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        (out.status.code().unwrap(), text)
    };
    let (code, text) = run(&[
        "open".as_ref(),
        input.join("bundle.tar").as_os_str(),
        "-i".as_ref(),
        input.join("demo-desk.key").as_os_str(),
        "--passphrase-file".as_ref(),
        input.join("demo-desk.passphrase").as_os_str(),
        "--out".as_ref(),
        out_dir.as_os_str(),
        "--state".as_ref(),
        state.as_os_str(),
        "--trust-drop".as_ref(),
        drop_key().1.as_ref(),
    ]);
    assert_eq!(code, 0, "{text}");
    // The fingerprint stands alone on its line, unmarked; the case id is isolated.
    assert!(
        text.lines().any(|l| l == drop_key().1),
        "the fingerprint has a line of its own: {text}"
    );
    assert!(
        text.contains("القضية \u{2068}5ca1ab1e5ca1ab1e\u{2069}"),
        "{text}"
    );
    assert!(text.contains("الظروف المدرجة: 1؛"), "{text}");
    // The table runs left to right: its Arabic header starts with a left-to-right mark.
    let (code, text) = run(&["list".as_ref(), "--dir".as_ref(), out_dir.as_os_str()]);
    assert_eq!(code, 0, "{text}");
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(
        header.starts_with("\u{200E}القضية"),
        "the header runs left to right: {header:?}"
    );
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("5ca1ab1e5ca1ab1e   demo "),
        "{text}"
    );
}
