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
    // An `.out` folder runs a file's commands one after another in one sandbox.
    for case in ["review", "keygen"] {
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
