//! What `amana-review` says about an envelope that decrypts but whose contents do not match
//! its metadata, an envelope cut short, and damaged state files, pinned in English, French
//! and Arabic. A message missing from a language's file makes its case fail here.
//!
//! A refused envelope exits with code 5, a damaged state file with code 1; either way the
//! cases already opened and the reviewer's state stay exactly as they were.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use amana::review::{ContentProblem, ExtractError};
use amana::seal::zip::ZipStreamWriter;
use amana::seal::Sealed;

use super::messages::{open_in, review_in, snapshot};
use super::tools::*;
use crate::support::*;

/// Seals a report for the demo desk whose metadata records the SHA-256 of another message:
/// seals it, decrypts it, rewrites its ZIP with Amana's own writer (so that only the
/// recorded hash differs) and encrypts it again to the desk.
fn envelope_with_wrong_hash(scene: &Scene) -> (PathBuf, Sealed) {
    let report = Report {
        message: "a report whose metadata lies about it",
        ..Report::default()
    };
    let (path, sealed) = seal_into(&scene.store, &demo_public(), &report);
    let plain = {
        let secret = demo_secret();
        let mut file = std::fs::File::open(&path).unwrap();
        amana::review::decrypt_to_file(&mut file, &identities(&secret), scene.tmp.path()).unwrap()
    };
    let mut zip = zip::ZipArchive::new(plain.reopen().unwrap()).unwrap();
    let mut entries = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        entries.push((entry.name().to_string(), data));
    }
    let meta_at = entries
        .iter()
        .position(|(name, _)| name == amana::envelope::META_ENTRY)
        .expect("a metadata record");
    let meta: amana::envelope::EnvelopeMeta = serde_json::from_slice(&entries[meta_at].1).unwrap();
    let text = String::from_utf8(entries[meta_at].1.clone()).unwrap();
    let lie = sha256_hex(b"another message");
    let changed = text.replacen(&meta.message.sha256, &lie, 1);
    assert_ne!(text, changed);
    entries[meta_at].1 = changed.into_bytes();

    let desk = demo_public();
    let recipients = desk
        .recipients
        .iter()
        .map(|r| &r.recipient as &dyn age::Recipient);
    let encryptor = age::Encryptor::with_recipients(recipients).unwrap();
    let out = encryptor
        .wrap_output(std::fs::File::create(&path).unwrap())
        .unwrap();
    let day = amana::util::parse_day(&meta.day).unwrap();
    let mut zip_out = ZipStreamWriter::new(out, day);
    for (name, data) in &entries {
        zip_out.start_entry(name).unwrap();
        zip_out.write_all(data).unwrap();
        zip_out.end_entry().unwrap();
    }
    zip_out
        .finish()
        .unwrap()
        .finish()
        .unwrap()
        .sync_all()
        .unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    (path, Sealed { size, ..sealed })
}

/// Seals a report for the demo desk and cuts the age file short, inside its last chunk.
fn envelope_cut_short(scene: &Scene) -> (PathBuf, Sealed) {
    let (path, sealed) = scene.demo_report("a report cut short");
    let bytes = std::fs::read(&path).unwrap();
    let size = bytes.len() - 100;
    std::fs::write(&path, &bytes[..size]).unwrap();
    (
        path,
        Sealed {
            size: size as u64,
            ..sealed
        },
    )
}

/// `{F}` stands for the envelope's file name in the bundle.
const WRONG_HASH: [&str; 3] = [
    "error: envelope {F} is damaged: its contents are malformed: message.txt does not match \
     the SHA-256 its metadata records\n",
    "erreur\u{a0}: l’enveloppe {F} est endommagée\u{a0}: son contenu est mal formé\u{a0}: \
     message.txt ne correspond pas au condensat SHA-256 enregistré dans les métadonnées\n",
    "خطأ: الظرف \u{2068}{F}\u{2069} تالف: محتواه غير سليم: لا يطابق \u{2068}message.txt\u{2069} \
     قيمة التجزئة SHA-256 المسجَّلة في البيانات الوصفية\n",
];

/// age's own words stay in English, in parentheses.
const CUT_SHORT: [&str; 3] = [
    "error: envelope {F} is damaged: it does not decrypt: the encrypted data does not \
     authenticate: it was changed or damaged (age: decryption error)\n",
    "erreur\u{a0}: l’enveloppe {F} est endommagée\u{a0}: elle ne se déchiffre pas\u{a0}: les \
     données chiffrées ne s’authentifient pas\u{a0}: elles ont été modifiées ou endommagées \
     (détail d’age\u{a0}: decryption error)\n",
    "خطأ: الظرف \u{2068}{F}\u{2069} تالف: تعذّر فك تشفيره: تعذّر التحقق من سلامة البيانات \
     المشفَّرة: عُدِّلت أو تلفت (تفاصيل age: \u{2068}decryption error\u{2069})\n",
];

#[test]
fn a_refused_envelope_is_explained_in_every_language_exit_5_and_changes_nothing() {
    let scene = Scene::new();
    let first = scene.bundle("first.tar", 1, &[scene.demo_report("the first report")]);
    let (code, _, stderr) = open_in("en", &scene, &first);
    assert_eq!(code, 0, "{stderr}");
    let out = snapshot(&scene.out);
    let state = snapshot(&scene.state);
    assert_eq!(assert_only_complete_messages(&scene.out), 1);

    let cases = [
        (envelope_with_wrong_hash(&scene), WRONG_HASH),
        (envelope_cut_short(&scene), CUT_SHORT),
    ];
    for (i, (sealed, expected)) in cases.into_iter().enumerate() {
        let file = format!("envelopes/{}.age", sealed.1.id);
        let bundle = scene.bundle(&format!("bad-{i}.tar"), 2, &[sealed]);
        for (lang, expected) in ["en", "fr", "ar"].into_iter().zip(expected) {
            let (code, stdout, stderr) = open_in(lang, &scene, &bundle);
            assert_eq!(code, 5, "{lang} {file}: {stderr}");
            assert_eq!(stdout, "", "{lang} {file}");
            assert_eq!(stderr, expected.replace("{F}", &file), "{lang} {file}");
            assert_eq!(snapshot(&scene.out), out, "{lang}: the cases changed");
            assert_eq!(snapshot(&scene.state), state, "{lang}: the state changed");
            assert_eq!(assert_only_complete_messages(&scene.out), 1);
        }
    }
}

#[test]
fn extract_envelope_names_the_entry_whose_hash_differs() {
    let scene = Scene::new();
    let (path, _) = envelope_with_wrong_hash(&scene);
    let secret = demo_secret();
    let mut file = std::fs::File::open(path).unwrap();
    let plain =
        amana::review::decrypt_to_file(&mut file, &identities(&secret), scene.tmp.path()).unwrap();
    let staging = scene.tmp.path().join("staging");
    match amana::review::extract_envelope(plain, &staging) {
        Err(ExtractError::Bad(problem)) => assert_eq!(
            problem,
            ContentProblem::HashMismatch {
                entry: amana::envelope::MESSAGE_ENTRY.into()
            }
        ),
        other => panic!("expected a hash mismatch, got {other:?}"),
    }
}

/// Runs `amana-review --lang LANG cases` on `scene`'s state.
fn cases_in(lang: &str, scene: &Scene) -> (i32, String, String) {
    review_in(lang, scene, &["cases".into()])
}

/// `{P}` stands for the state file's path.
const DAMAGED_DROPS: [&str; 3] = [
    "error: reviewer state at {P}: the file is damaged and does not parse: key must be a \
     string at line 1 column 3; restore it from a backup\n",
    "erreur\u{a0}: état d’amana-review dans {P}\u{a0}: le fichier est endommagé et illisible \
     (détail de l’analyseur JSON\u{a0}: key must be a string at line 1 column 3)\u{a0}; \
     restaurez-le à partir d’une sauvegarde\n",
    "خطأ: ملفات حالة أداة المراجعة في \u{2068}{P}\u{2069}: الملف تالف وتتعذّر قراءته (تفاصيل \
     محلّل JSON: \u{2068}key must be a string at line 1 column 3\u{2069})؛ يُرجى استعادته من \
     نسخة احتياطية\n",
];

const DAMAGED_REGISTER: [&str; 3] = [
    "error: reviewer state at {P}: the case register does not decrypt: the encrypted data \
     does not authenticate: it was changed or damaged (age: decryption error); restore it \
     from a backup\n",
    "erreur\u{a0}: état d’amana-review dans {P}\u{a0}: le registre des dossiers ne se \
     déchiffre pas\u{a0}: les données chiffrées ne s’authentifient pas\u{a0}: elles ont été \
     modifiées ou endommagées (détail d’age\u{a0}: decryption error)\u{a0}; restaurez-le à \
     partir d’une sauvegarde\n",
    "خطأ: ملفات حالة أداة المراجعة في \u{2068}{P}\u{2069}: تعذّر فك تشفير سجل القضايا: تعذّر \
     التحقق من سلامة البيانات المشفَّرة: عُدِّلت أو تلفت (تفاصيل age: \u{2068}decryption \
     error\u{2069})؛ يُرجى استعادته من نسخة احتياطية\n",
];

/// Changes `path`'s bytes with `change`; returns the path.
fn damage(path: PathBuf, change: impl FnOnce(&mut Vec<u8>)) -> PathBuf {
    let mut bytes = std::fs::read(&path).unwrap();
    change(&mut bytes);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_damaged_state_file_is_explained_in_every_language_exit_1_and_changes_nothing() {
    let scene = Scene::new();
    let first = scene.bundle("first.tar", 1, &[scene.demo_report("the first report")]);
    let (code, _, stderr) = open_in("en", &scene, &first);
    assert_eq!(code, 0, "{stderr}");
    let second = scene.bundle("second.tar", 2, &[scene.demo_report("the second report")]);

    // The trusted drops: `open` stops before it writes anything.
    let drops = damage(scene.state.join("drops.json"), |b| {
        *b = [b"{ ".as_slice(), b].concat()
    });
    // The case register: sealed with age, one byte of it changed.
    let register = damage(scene.state.join("register-demo.age"), |b| {
        *b.last_mut().unwrap() ^= 1
    });
    let out = snapshot(&scene.out);
    let state = snapshot(&scene.state);
    let check =
        |lang: &str, (code, stdout, stderr): (i32, String, String), expected: &str, at: &Path| {
            assert_eq!(code, 1, "{lang}: {stderr}");
            assert_eq!(stdout, "", "{lang}");
            let expected = expected.replace("{P}", &at.display().to_string());
            assert_eq!(stderr, expected, "{lang}");
            assert_eq!(snapshot(&scene.out), out, "{lang}: the cases changed");
            assert_eq!(snapshot(&scene.state), state, "{lang}: the state changed");
            assert_eq!(assert_only_complete_messages(&scene.out), 1);
        };
    for (lang, (on_drops, on_register)) in ["en", "fr", "ar"]
        .into_iter()
        .zip(DAMAGED_DROPS.into_iter().zip(DAMAGED_REGISTER))
    {
        check(lang, open_in(lang, &scene, &second), on_drops, &drops);
        check(lang, cases_in(lang, &scene), on_register, &register);
    }
}
