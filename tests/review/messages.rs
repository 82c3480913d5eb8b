//! What `amana-review open` says about a damaged bundle, pinned in English, French and
//! Arabic: a truncated bundle, a bundle whose envelope was replaced, a bundle whose manifest
//! does not parse. Every message is translated to its last word — only what a parser says
//! (here serde_json) stays in English, after a translated sentence — and a message missing
//! from a language's file makes its case fail here (Fluent would fall back to English).
//!
//! Each refusal exits with code 5 and leaves the cases already opened, and the reviewer's
//! state, exactly as they were.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::tools::*;
use crate::support::*;

/// Runs `amana-review --lang LANG open BUNDLE` into `scene`; returns the exit code, the
/// standard output and the standard error.
pub(super) fn open_in(lang: &str, scene: &Scene, bundle: &Path) -> (i32, String, String) {
    let mut args = vec![
        OsString::from("open"),
        bundle.into(),
        "--out".into(),
        scene.out.clone().into(),
    ];
    args.extend(["--trust-drop".into(), drop_key().1.into()]);
    review_in(lang, scene, &args)
}

/// Runs `amana-review --lang LANG ARGS --identity … --passphrase-file … --state …` with the
/// demo desk and `scene`'s state; returns the exit code, the standard output and the
/// standard error.
pub(super) fn review_in(lang: &str, scene: &Scene, args: &[OsString]) -> (i32, String, String) {
    let (key, pass) = demo_secret_paths();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_amana-review"))
        .args(["--lang", lang])
        .args(args)
        .arg("--identity")
        .arg(key)
        .arg("--passphrase-file")
        .arg(pass)
        .arg("--state")
        .arg(&scene.state)
        .env_remove("AMANA_REVIEW_STATE")
        .env("AMANA_LANG", "en")
        .output()
        .unwrap();
    (
        out.status.code().expect("exited"),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Every file under `dir`, with its bytes.
pub(super) fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                files.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// The file name an envelope has in a bundle.
fn in_bundle(sealed: &(PathBuf, amana::seal::Sealed)) -> String {
    format!("envelopes/{}.age", sealed.1.id)
}

/// The damaged bundles, and the file names their messages show: `{A}` the envelope the
/// manifest lists, `{B}` the one put in its place.
struct Damaged {
    truncated: PathBuf,
    replaced: PathBuf,
    bad_manifest: PathBuf,
    names: [(&'static str, String); 2],
}

/// A scene whose first bundle was opened, and three damaged versions of its second.
fn scene_with_damaged_bundles() -> (Scene, Damaged) {
    let scene = Scene::new();
    let first = scene.bundle("first.tar", 1, &[scene.demo_report("the first report")]);
    let (code, _, stderr) = open_in("en", &scene, &first);
    assert_eq!(code, 0, "{stderr}");

    let listed = scene.demo_report("the second report");
    let other = scene.demo_report("another report, of another size");
    let second = std::slice::from_ref(&listed);
    let second = std::fs::read(scene.bundle("second.tar", 2, second)).unwrap();
    let stranger = std::slice::from_ref(&other);
    let stranger = std::fs::read(scene.bundle("stranger.tar", 2, stranger)).unwrap();
    let entries = tar_entries(&second);
    assert_eq!(entries.len(), 3, "manifest, signature, envelope");

    // Cut in the middle of the envelope.
    let envelope_start = entries[..2]
        .iter()
        .map(|(_, data)| 512 + data.len().div_ceil(512) * 512)
        .sum::<usize>()
        + 512;
    let truncated = scene.tmp.path().join("truncated.tar");
    std::fs::write(
        &truncated,
        &second[..envelope_start + entries[2].1.len() / 2],
    )
    .unwrap();

    // The envelope swapped for another (its own header and bytes).
    let mut swapped = entries.clone();
    swapped[2] = tar_entries(&stranger).remove(2);
    let replaced = scene.tmp.path().join("replaced.tar");
    std::fs::write(&replaced, tar_of(&swapped)).unwrap();

    // A manifest whose version is a string: JSON, but not a manifest's.
    let mut edited = entries.clone();
    let text = String::from_utf8(edited[0].1.clone()).unwrap();
    let changed = text.replacen("\"version\": 1,", "\"version\": \"1\",", 1);
    assert_ne!(text, changed);
    edited[0].0.set_size(changed.len() as u64);
    edited[0].0.set_cksum();
    edited[0].1 = changed.into_bytes();
    let bad_manifest = scene.tmp.path().join("bad-manifest.tar");
    std::fs::write(&bad_manifest, tar_of(&edited)).unwrap();

    let names = [("{A}", in_bundle(&listed)), ("{B}", in_bundle(&other))];
    (
        scene,
        Damaged {
            truncated,
            replaced,
            bad_manifest,
            names,
        },
    )
}

/// In Arabic, text arguments sit between U+2068 and U+2069.
const TRUNCATED: [&str; 3] = [
    "error: this is not a valid Amana bundle: the bundle ends in the middle of a file \
     (truncated)\n",
    "erreur\u{a0}: ce fichier n’est pas un lot Amana valide\u{a0}: le lot s’arrête au milieu \
     d’un fichier (il est tronqué)\n",
    "خطأ: هذا الملف ليس حزمة أمانة صالحة: تنتهي الحزمة في منتصف ملف (الحزمة مبتورة)\n",
];

const REPLACED: [&str; 3] = [
    "error: the bundle was tampered with: expected {A} but found \"{B}\" (reordered, replaced \
     or removed)\n",
    "erreur\u{a0}: le lot a été altéré\u{a0}: {A} était attendu, mais «\u{a0}{B}\u{a0}» se trouve \
     à sa place (enveloppes réordonnées, remplacées ou supprimées)\n",
    "خطأ: جرى العبث بالحزمة: كان يُنتظر \u{2068}{A}\u{2069} لكن وُجد مكانه «\u{2068}{B}\u{2069}» \
     (أُعيد ترتيب الظروف أو استُبدل أحدها أو حُذف)\n",
];

/// serde_json's own words stay in English, after the translated sentence.
const BAD_MANIFEST: [&str; 3] = [
    "error: this is not a valid Amana bundle: manifest.json does not parse: invalid type: \
     string \"1\", expected u32 at line 3 column 16\n",
    "erreur\u{a0}: ce fichier n’est pas un lot Amana valide\u{a0}: le manifeste manifest.json est \
     illisible (détail de l’analyseur JSON\u{a0}: invalid type: string \"1\", expected u32 at \
     line 3 column 16)\n",
    "خطأ: هذا الملف ليس حزمة أمانة صالحة: تعذّرت قراءة قائمة المحتويات \
     \u{2068}manifest.json\u{2069} (تفاصيل محلّل JSON: \u{2068}invalid type: string \"1\", \
     expected u32 at line 3 column 16\u{2069})\n",
];

#[test]
fn a_damaged_bundle_is_explained_in_every_language_exit_5_and_changes_nothing() {
    let (scene, damaged) = scene_with_damaged_bundles();
    let out = snapshot(&scene.out);
    let state = snapshot(&scene.state);
    assert_eq!(assert_only_complete_messages(&scene.out), 1);
    let cases = [
        (&damaged.truncated, TRUNCATED),
        (&damaged.replaced, REPLACED),
        (&damaged.bad_manifest, BAD_MANIFEST),
    ];
    for (bundle, expected) in cases {
        for (lang, expected) in ["en", "fr", "ar"].into_iter().zip(expected) {
            let mut expected = expected.to_string();
            for (mark, name) in &damaged.names {
                expected = expected.replace(mark, name);
            }
            let (code, stdout, stderr) = open_in(lang, &scene, bundle);
            assert_eq!(code, 5, "{lang} {}: {stderr}", bundle.display());
            assert_eq!(stdout, "", "{lang} {}", bundle.display());
            assert_eq!(stderr, expected, "{lang} {}", bundle.display());
            assert_eq!(snapshot(&scene.out), out, "{lang}: the cases changed");
            assert_eq!(snapshot(&scene.state), state, "{lang}: the state changed");
        }
    }
}
