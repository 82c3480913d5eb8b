//! `amana-drop`'s operator messages in Arabic, French and English: the exact output of
//! refused configurations and launches, of a refused reply bundle (through the running
//! drop's admin socket and with the drop stopped) and of an admin socket's garbled answer,
//! the language order, and the message files.
//!
//! Each refusal exits with code 2 and leaves the data folder and the keys folder as they
//! were. In Arabic, paths, keys and values are isolated (U+2068 … U+2069).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use amana::credential::{KdfParams, MailboxKeys, ReceiptCode};
use axum::http::StatusCode;

use super::binary::BIN;
use super::support::{test_config, Multipart, TestDrop};
use crate::ftl;

/// A folder: every file and folder under it, with the files' bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                out.insert(path.clone(), None);
                todo.push(path);
            } else {
                out.insert(path.clone(), Some(std::fs::read(&path).unwrap()));
            }
        }
    }
    out
}

/// A scratch folder with a data folder holding a file, a keys folder holding the demo desk,
/// and the configuration files of the cases.
fn scratch() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path();
    std::fs::create_dir_all(dir.join("data/envelopes")).unwrap();
    std::fs::write(dir.join("data/envelopes/kept.age"), b"sealed bytes").unwrap();
    std::fs::create_dir_all(dir.join("keys")).unwrap();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/keys/demo.pub"),
        dir.join("keys/demo.pub"),
    )
    .unwrap();
    let files = [
        (
            "unknown-key.toml",
            "listen = \"127.0.0.1:0\"\n\n[[desks]]\nname = \"tips\"\npublic_key = \"tips.pub\"\n\
             colour = \"blue\"\n",
        ),
        (
            "malformed.toml",
            "listen = \"127.0.0.1:0\"\n[limits\nmax_files = 3\n",
        ),
        (
            "language.toml",
            "listen = \"127.0.0.1:0\"\ndefault_language = \"de\"\n",
        ),
        (
            "missing-desk.toml",
            "listen = \"127.0.0.1:0\"\nkeys = \"keys\"\n\n[[desks]]\nname = \"tips\"\n\
             public_key = \"tips.pub\"\n",
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    root
}

/// Runs `amana-drop` in `dir` with no language in its environment but `env`; returns its
/// exit code and standard error.
fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (Option<i32>, String) {
    let mut command = Command::new(BIN);
    command.current_dir(dir).args(args);
    for var in ["AMANA_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(var);
    }
    let out = command.envs(env.iter().copied()).output().unwrap();
    (out.status.code(), String::from_utf8(out.stderr).unwrap())
}

const SERVE: &[&str] = &["serve", "--data", "data"];

/// The cases: extra arguments after `serve --data data`, then the expected standard error
/// in English, French and Arabic.
const CASES: &[(&[&str], [&str; 3])] = &[
    (
        &["--config", "unknown-key.toml"],
        [
            "amana-drop: the configuration file unknown-key.toml is invalid at line 6, column 1: \
             unknown key `colour` in [desks]; the keys allowed there are `name`, `public_key`, \
             `description`\n",
            "amana-drop\u{a0}: le fichier de configuration unknown-key.toml est invalide à la \
             ligne 6, colonne 1\u{a0}: paramètre inconnu `colour` dans la section [desks]\u{a0}; \
             les paramètres admis à cet endroit sont `name`, `public_key`, `description`\n",
            "خطأ في amana-drop: ملف الإعدادات \u{2068}unknown-key.toml\u{2069} غير صالح في السطر 6، \
             العمود 1: إعداد غير معروف \u{2068}colour\u{2069} في القسم \u{2068}[desks]\u{2069}؛ \
             الإعدادات المقبولة في هذا الموضع هي: \
             \u{2068}`name`, `public_key`, `description`\u{2069}\n",
        ],
    ),
    (
        &["--config", "malformed.toml"],
        [
            "amana-drop: the configuration file malformed.toml is invalid at line 2, column 8: \
             the text is not valid TOML: invalid table header; expected `.`, `]`\n",
            "amana-drop\u{a0}: le fichier de configuration malformed.toml est invalide à la \
             ligne 2, colonne 8\u{a0}: le texte n’est pas du TOML valide (détail de \
             l’analyseur\u{a0}: invalid table header; expected `.`, `]`)\n",
            "خطأ في amana-drop: ملف الإعدادات \u{2068}malformed.toml\u{2069} غير صالح في السطر 2، \
             العمود 8: النص ليس بصيغة TOML صالحة (تفاصيل المحلّل: \u{2068}invalid table header; \
             expected `.`, `]`\u{2069})\n",
        ],
    ),
    (
        &["--config", "language.toml"],
        [
            "amana-drop: the configuration file language.toml is invalid at line 2, column 1: \
             default_language \"de\" is not offered; use one of `en`, `fr`, `ar`\n",
            "amana-drop\u{a0}: le fichier de configuration language.toml est invalide à la \
             ligne 2, colonne 1\u{a0}: la langue par défaut (default_language) «\u{a0}de\u{a0}» \
             n’est pas proposée par le dépôt\u{a0}; choisissez l’une de celles-ci\u{a0}: `en`, \
             `fr`, `ar`\n",
            "خطأ في amana-drop: ملف الإعدادات \u{2068}language.toml\u{2069} غير صالح في السطر 2، \
             العمود 1: اللغة الافتراضية (default_language) \u{2068}de\u{2069} غير متاحة في المنصة؛ \
             يُرجى اختيار إحدى اللغات التالية: \u{2068}`en`, `fr`, `ar`\u{2069}\n",
        ],
    ),
    (
        &["--config", "missing-desk.toml"],
        [
            "amana-drop: cannot read the desk key file keys/tips.pub: No such file or directory \
             (os error 2)\n",
            "amana-drop\u{a0}: impossible de lire le fichier de clé de service \
             keys/tips.pub\u{a0}: fichier ou répertoire introuvable\n",
            "خطأ في amana-drop: تعذّرت قراءة ملف مفتاح الجهة \u{2068}keys/tips.pub\u{2069}: الملف أو \
             المجلد غير موجود\n",
        ],
    ),
    (
        &["--keys", "keys", "--listen", "0.0.0.0:8080"],
        [
            "amana-drop: the demo desk's secret key is public: the drop refuses to run it on \
             0.0.0.0:8080. Listen on 127.0.0.1, or replace keys/demo.pub with your own desk keys\n",
            "amana-drop\u{a0}: la clé secrète du service de démonstration est publique\u{a0}: le \
             dépôt refuse de l’utiliser sur 0.0.0.0:8080. Écoutez sur 127.0.0.1, ou remplacez \
             keys/demo.pub par les clés de vos propres services\n",
            "خطأ في amana-drop: المفتاح السري للجهة التجريبية منشور للعموم: لذا ترفض المنصة \
             تشغيلها على العنوان \u{2068}0.0.0.0:8080\u{2069}. يُرجى الاستماع على 127.0.0.1، أو \
             استبدال keys/demo.pub بمفاتيح جهاتكم\n",
        ],
    ),
];

#[test]
fn refusals_are_translated_exit_2_and_leave_the_folders_as_they_were() {
    let root = scratch();
    let dir = root.path();
    let data = snapshot(&dir.join("data"));
    let keys = snapshot(&dir.join("keys"));
    for (extra, expected) in CASES {
        for (lang, expected) in ["en", "fr", "ar"].into_iter().zip(expected) {
            let args: Vec<&str> = ["--lang", lang]
                .iter()
                .chain(SERVE)
                .chain(extra.iter())
                .copied()
                .collect();
            let (code, stderr) = run(dir, &args, &[]);
            assert_eq!(code, Some(2), "{args:?}: {stderr}");
            assert_eq!(&stderr, expected, "{args:?}");
            assert_eq!(
                snapshot(&dir.join("data")),
                data,
                "{args:?} changed the data"
            );
            assert_eq!(
                snapshot(&dir.join("keys")),
                keys,
                "{args:?} changed the keys"
            );
        }
    }
}

#[test]
fn the_language_is_the_flag_then_amana_lang_then_the_locale_then_english() {
    let root = scratch();
    let [en, fr, ar] = CASES[2].1;
    let config = ["serve", "--config", "language.toml", "--data", "data"];
    /// Arguments before the command, environment, expected standard error.
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a str);
    let cases: &[Case] = &[
        (&[], &[], en),
        (&[], &[("LANG", "fr_TN.UTF-8")], fr),
        (&[], &[("LANG", "ar_TN.UTF-8")], ar),
        (
            &[],
            &[("LC_MESSAGES", "ar_TN.UTF-8"), ("LANG", "fr_TN.UTF-8")],
            ar,
        ),
        (&[], &[("LC_ALL", "C.UTF-8"), ("LANG", "fr_TN.UTF-8")], en),
        (&[], &[("AMANA_LANG", "ar"), ("LC_ALL", "fr_TN.UTF-8")], ar),
        (&[], &[("AMANA_LANG", "de"), ("LANG", "fr_TN.UTF-8")], fr),
        (&["--lang", "en"], &[("AMANA_LANG", "ar")], en),
        (&["--lang", "fr"], &[("LC_ALL", "ar_TN.UTF-8")], fr),
    ];
    for (flag, env, expected) in cases {
        let args: Vec<&str> = flag.iter().chain(&config).copied().collect();
        let (code, stderr) = run(root.path(), &args, env);
        assert_eq!(code, Some(2), "{args:?} {env:?}");
        assert_eq!(&stderr, expected, "{args:?} {env:?}");
    }
    // After the command too, as the reviewer's.
    let (_, stderr) = run(root.path(), &[&config[..], &["--lang", "fr"]].concat(), &[]);
    assert_eq!(stderr, fr);
    let (code, stderr) = run(root.path(), &["--lang", "de", "serve"], &[]);
    assert_eq!(
        code,
        Some(2),
        "an unknown --lang is a usage error: {stderr}"
    );
}

/// `amana-drop import` of a reply bundle whose reply changed after the desk signed it.
const TAMPERED: [&str; 3] = [
    "amana-drop: reply bundle refused, nothing was stored: the reply bundle was tampered with: \
     replies/0123456789abcdef.age differs from the manifest\n",
    "amana-drop\u{a0}: lot de réponses refusé, rien n’a été enregistré\u{a0}: le lot de réponses \
     a été altéré\u{a0}: replies/0123456789abcdef.age diffère du manifeste\n",
    "خطأ في amana-drop: رُفضت حزمة الردود، ولم يُخزَّن أي شيء: جرى العبث بحزمة الردود: يختلف \
     \u{2068}replies/0123456789abcdef.age\u{2069} عمّا تذكره قائمة المحتويات\n",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tampered_reply_bundle_is_refused_in_every_language_and_stores_nothing() {
    let drop = TestDrop::new();
    let (cookie, _) = drop.take_code().await;
    let csrf = drop.token("/submit", &cookie).await;
    let report = Multipart::report(&csrf, "A report.", &[]);
    assert_eq!(drop.submit(&cookie, report).await.0, StatusCode::SEE_OTHER);
    let envelope = drop.envelope_files().pop().unwrap();
    let id = envelope.file_stem().unwrap().to_string_lossy().into_owned();
    let keys = MailboxKeys::derive(
        &ReceiptCode::generate(),
        &[3; 32],
        KdfParams::INSECURE_FOR_TESTS,
    );
    let root = drop.dir.path().to_path_buf();
    std::fs::write(
        root.join("tampered.tar"),
        super::replies::reply_bundle(
            &drop,
            &keys,
            &id,
            drop.desk.signing_key.as_ref().unwrap(),
            true,
        ),
    )
    .unwrap();
    let import = |lang: &'static str| {
        let root = root.clone();
        tokio::task::spawn_blocking(move || {
            let args = ["--lang", lang, "import", "--data", "data", "--keys", "keys"];
            run(&root, &[&args[..], &["tampered.tar"]].concat(), &[])
        })
    };
    let TestDrop { dir, launched, .. } = drop;
    // The drop stopped: the command opens the data folder itself.
    std::mem::drop(launched);
    for (lang, expected) in ["en", "fr", "ar"].into_iter().zip(TAMPERED) {
        let (code, stderr) = import(lang).await.unwrap();
        assert_eq!(
            (code, stderr.as_str()),
            (Some(2), expected),
            "{lang}, stopped"
        );
    }
    // The drop running: its admin socket answers with the facts, the command words them.
    let launched = amana::intake::launch(test_config(dir.path())).unwrap();
    let store = launched.state.store().clone();
    let desks = Arc::new(launched.state.desk_publics());
    let _socket =
        amana::export::admin::listen(store.clone(), launched.secrets.clone(), desks).unwrap();
    for (lang, expected) in ["en", "fr", "ar"].into_iter().zip(TAMPERED) {
        let (code, stderr) = import(lang).await.unwrap();
        assert_eq!(
            (code, stderr.as_str()),
            (Some(2), expected),
            "{lang}, running"
        );
    }
    assert!(store.replies_of(&keys.lookup_id).unwrap().is_empty());
    assert!(store.records().unwrap().iter().any(|(r, _)| *r == id));
    assert!(envelope.exists(), "the acknowledged envelope stays");
}

/// `amana-drop export` when what answers on the admin socket is not a drop of this version.
const GARBLED: [&str; 3] = [
    "amana-drop: the running drop's answer cannot be read (is it another version of \
     amana-drop?): expected value at line 1 column 1\n",
    "amana-drop\u{a0}: la réponse du dépôt en service est illisible (s’agit-il d’une autre \
     version d’amana-drop\u{a0}?)\u{a0}: expected value at line 1 column 1\n",
    "خطأ في amana-drop: تتعذّر قراءة جواب المنصة العاملة (هل هي إصدار آخر من amana-drop؟): \
     \u{2068}expected value at line 1 column 1\u{2069}\n",
];

#[test]
fn a_garbled_answer_of_the_running_drop_is_translated_exit_2_and_writes_nothing() {
    use std::io::{BufRead, Write};
    let root = scratch();
    let dir = root.path();
    let envelopes = snapshot(&dir.join("data/envelopes"));
    let socket = std::os::unix::net::UnixListener::bind(dir.join("data/admin.sock")).unwrap();
    std::thread::spawn(move || {
        for stream in socket.incoming() {
            let mut stream = stream.unwrap();
            let mut request = String::new();
            std::io::BufReader::new(&stream)
                .read_line(&mut request)
                .unwrap();
            stream.write_all(b"garbage\n").unwrap();
        }
    });
    for (lang, expected) in ["en", "fr", "ar"].into_iter().zip(GARBLED) {
        let args = [
            "--lang", lang, "export", "--data", "data", "--out", "out.tar",
        ];
        let (code, stderr) = run(dir, &args, &[]);
        assert_eq!((code, stderr.as_str()), (Some(2), expected), "{lang}");
        assert!(!dir.join("out.tar").exists(), "{lang} wrote a bundle");
        let now = snapshot(&dir.join("data/envelopes"));
        assert_eq!(now, envelopes, "{lang} changed the data");
    }
}

/// `src/bin/amana-drop/i18n/<lang>/operator.ftl`.
fn ftl(lang: &str) -> String {
    let path = format!(
        "{}/src/bin/amana-drop/i18n/{lang}/operator.ftl",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn every_operator_message_exists_in_every_language_with_the_same_arguments() {
    let english: BTreeMap<String, BTreeSet<String>> = ftl::messages(&ftl("en"))
        .into_iter()
        .map(|(id, text)| (id, ftl::variables(&text)))
        .collect();
    for lang in ["en", "fr", "ar"] {
        let found = ftl::messages(&ftl(lang));
        let ids: BTreeSet<&String> = found.iter().map(|(id, _)| id).collect();
        assert_eq!(ids.len(), found.len(), "{lang} defines a message twice");
        let missing: Vec<_> = english.keys().filter(|id| !ids.contains(id)).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        for (id, text) in &found {
            let wanted = english
                .get(id)
                .unwrap_or_else(|| panic!("{lang} has {id}, which English lacks"));
            assert_eq!(
                &ftl::variables(text),
                wanted,
                "{lang} {id}: other arguments"
            );
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut used = ftl::used_in(&root.join("src/bin/amana-drop"));
    used.extend(ftl::used_in(&root.join("src/cli_words.rs")));
    assert!(used.len() > 50, "the t!(…) calls were not found: {used:?}");
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
fn every_operator_message_formats_in_every_language() {
    for lang in ["en", "fr", "ar"] {
        ftl::assert_every_message_formats(lang, &ftl(lang));
    }
}
