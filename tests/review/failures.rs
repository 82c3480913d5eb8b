//! Every way opening a bundle can fail, with its documented exit code, through the library
//! (`ReviewError::exit_code`, `OpenReport::exit_code`) and through the `amana-review`
//! binary; and in every case nothing half-written is left in the output folder.

use std::path::{Path, PathBuf};
use std::process::Command;

use amana::review::{exit, open_bundle, ReviewError};

use super::tools::*;
use crate::support::*;

/// Runs `amana-review` and returns (exit code, stdout, stderr).
pub fn review(args: &[&std::ffi::OsStr]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_amana-review"))
        .args(args)
        .env_remove("AMANA_REVIEW_STATE")
        .env("AMANA_LANG", "en")
        .output()
        .unwrap();
    (
        out.status.code().expect("exited"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// How `amana-review open` unlocks the identity and whether it trusts the test drop.
struct Open<'a> {
    identity: Option<&'a Path>,
    passphrase_file: Option<&'a Path>,
    trust: bool,
}

/// The demo desk's key and passphrase, trusting the test drop.
const DEMO: Open<'static> = Open {
    identity: None,
    passphrase_file: None,
    trust: true,
};

/// `amana-review open BUNDLE` into the scene's output and state folders.
fn review_open(scene: &Scene, bundle: &Path, how: Open<'_>) -> (i32, String, String) {
    let (key, pass) = demo_secret_paths();
    let fp = drop_key().1;
    let mut args = vec![
        os("open"),
        os(bundle),
        os("--identity"),
        os(how.identity.unwrap_or(&key)),
        os("--passphrase-file"),
        os(how.passphrase_file.unwrap_or(&pass)),
        os("--out"),
        os(&scene.out),
        os("--state"),
        os(&scene.state),
    ];
    if how.trust {
        args.extend([os("--trust-drop"), os(&fp)]);
    }
    review(&args)
}

/// The demo desk's secret, unlocked once: scrypt is slow on purpose.
fn demo() -> &'static amana::desk::DeskSecret {
    static SECRET: std::sync::OnceLock<amana::desk::DeskSecret> = std::sync::OnceLock::new();
    SECRET.get_or_init(demo_secret)
}

fn open_lib(scene: &Scene, bundle: &[u8]) -> Result<amana::review::OpenReport, ReviewError> {
    open_bundle(bundle, demo(), &scene.options())
}

#[test]
fn wrong_passphrase_is_exit_3() {
    let (key, _) = demo_secret_paths();
    let err = amana::desk::DeskSecret::load(&key, || {
        Ok(age::secrecy::SecretString::from(
            "not the passphrase".to_string(),
        ))
    })
    .err()
    .expect("a wrong passphrase is refused");
    let err = ReviewError::from(err);
    assert_eq!(err.exit_code(), exit::WRONG_PASSPHRASE);

    let scene = Scene::new();
    let bundle = scene.bundle("b.tar", 1, &[scene.demo_report("hello")]);
    let wrong = scene.tmp.path().join("wrong.txt");
    std::fs::write(&wrong, "not the passphrase\n").unwrap();
    let how = Open {
        passphrase_file: Some(&wrong),
        trust: false,
        ..DEMO
    };
    let (code, _, stderr) = review_open(&scene, &bundle, how);
    assert_eq!((code, stderr.as_str()), (3, "error: wrong passphrase\n"));
    assert_eq!(assert_only_complete_messages(&scene.out), 0);
}

#[test]
fn identity_that_opens_nothing_is_exit_4() {
    let scene = Scene::new();
    let bundle = scene.bundle(
        "b.tar",
        1,
        &[scene.demo_report("one"), scene.demo_report("two")],
    );
    let (other, _) = new_desk("other");
    let report = open_bundle(
        std::fs::File::open(&bundle).unwrap(),
        &other,
        &scene.options(),
    )
    .unwrap();
    assert_eq!(report.exit_code(), exit::WRONG_KEY);
    assert_eq!(report.other_desks.len(), 2);

    let scene2 = Scene::new();
    let identity = scene2.tmp.path().join("other.txt");
    std::fs::write(&identity, other.to_identity_text().as_bytes()).unwrap();
    let (code, stdout, _) = review_open(
        &scene2,
        &bundle,
        Open {
            identity: Some(&identity),
            passphrase_file: None,
            trust: true,
        },
    );
    assert_eq!(code, 4, "{stdout}");
    assert!(stdout.contains("opens none of the envelopes"), "{stdout}");
    assert_eq!(assert_only_complete_messages(&scene2.out), 0);
}

/// A bundle of three demo reports.
fn three_reports(scene: &Scene) -> Vec<u8> {
    let sealed: Vec<_> = (0..3)
        .map(|i| scene.demo_report(&format!("report {i}")))
        .collect();
    std::fs::read(scene.bundle("b.tar", 1, &sealed)).unwrap()
}

/// Opens `bytes` in a fresh output folder; the result must be exit code 5 with only
/// complete messages left. Returns how many messages were written.
fn assert_damaged(bytes: &[u8], what: &str) -> usize {
    let scene = Scene::new();
    match open_lib(&scene, bytes) {
        Ok(r) => panic!(
            "{what}: opened {} message(s) without an error",
            r.opened.len()
        ),
        Err(e) => assert_eq!(e.exit_code(), exit::DAMAGED, "{what}: {e}"),
    }
    assert_only_complete_messages(&scene.out)
}

#[test]
fn truncated_bundle_is_exit_5_at_every_length() {
    let scene = Scene::new();
    let bytes = three_reports(&scene);
    // The last two blocks only mark the end of the archive.
    let content_end = bytes.len() - 1024;
    let mut cuts: Vec<usize> = (0..content_end).step_by(61).collect();
    cuts.extend((512..content_end).step_by(512)); // on block boundaries
    let mut partly_opened = 0;
    for cut in cuts {
        if assert_damaged(&bytes[..cut], &format!("cut at {cut}")) > 0 {
            partly_opened += 1;
        }
    }
    // Envelopes before the cut are complete and authentic, so they are kept.
    assert!(partly_opened > 0);

    let bundle = scene.tmp.path().join("cut.tar");
    std::fs::write(&bundle, &bytes[..bytes.len() / 2]).unwrap();
    let (code, _, stderr) = review_open(&scene, &bundle, DEMO);
    assert_eq!(code, 5, "{stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert_only_complete_messages(&scene.out);
}

#[test]
fn byte_flipped_bundle_is_exit_5() {
    let scene = Scene::new();
    let bytes = three_reports(&scene);
    let entries = tar_entries(&bytes);
    // Flip a byte inside every entry's data: the manifest, the signature, each envelope.
    let mut offset = 0;
    for (h, data) in &entries {
        let start = offset + 512;
        for at in [start, start + data.len() / 2, start + data.len() - 1] {
            let mut flipped = bytes.clone();
            flipped[at] ^= 0x20;
            let name = String::from_utf8_lossy(&h.path_bytes()).into_owned();
            assert_damaged(&flipped, &format!("flip in {name} at {at}"));
        }
        offset = start + data.len().div_ceil(512) * 512;
    }
    // And in every tar header.
    let mut offset = 0;
    for (_, data) in &entries {
        let mut flipped = bytes.clone();
        flipped[offset + 100] ^= 1; // the mode field
        assert_damaged(&flipped, &format!("flip in the header at {offset}"));
        offset += 512 + data.len().div_ceil(512) * 512;
    }

    let bundle = scene.tmp.path().join("flipped.tar");
    let mut flipped = bytes.clone();
    let last = bytes.len() - 1024 - 600;
    flipped[last] ^= 1;
    std::fs::write(&bundle, &flipped).unwrap();
    let (code, _, stderr) = review_open(&scene, &bundle, DEMO);
    assert_eq!(code, 5, "{stderr}");
    assert!(stderr.contains("tampered"), "{stderr}");
}

#[test]
fn reordered_or_manifest_edited_bundle_is_exit_5() {
    let scene = Scene::new();
    let bytes = three_reports(&scene);
    let entries = tar_entries(&bytes);
    assert_eq!(entries.len(), 5);

    let mut swapped = entries.clone();
    swapped.swap(3, 4);
    assert_eq!(assert_damaged(&tar_of(&swapped), "last two swapped"), 1);
    let mut swapped = entries.clone();
    swapped.swap(0, 1);
    assert_eq!(assert_damaged(&tar_of(&swapped), "signature first"), 0);
    let mut dropped = entries.clone();
    dropped.remove(3);
    assert_damaged(&tar_of(&dropped), "one envelope removed");
    let mut doubled = entries.clone();
    doubled.push(entries[4].clone());
    assert_damaged(&tar_of(&doubled), "an envelope added twice");

    // Edit the manifest (a sequence number), keeping its length.
    let mut edited = entries.clone();
    let text = String::from_utf8(edited[0].1.clone()).unwrap();
    let changed = text.replacen("\"demo\": 1", "\"demo\": 7", 1);
    assert_ne!(text, changed);
    edited[0].1 = changed.into_bytes();
    assert_eq!(assert_damaged(&tar_of(&edited), "manifest edited"), 0);

    let bundle = scene.tmp.path().join("reordered.tar");
    let mut swapped = entries.clone();
    swapped.swap(2, 3);
    std::fs::write(&bundle, tar_of(&swapped)).unwrap();
    let (code, _, stderr) = review_open(&scene, &bundle, DEMO);
    assert_eq!(code, 5, "{stderr}");
    assert!(stderr.contains("reordered"), "{stderr}");

    let bundle = scene.tmp.path().join("edited.tar");
    std::fs::write(&bundle, tar_of(&edited)).unwrap();
    let (code, _, stderr) = review_open(&scene, &bundle, DEMO);
    assert_eq!(code, 5, "{stderr}");
    assert!(stderr.contains("signature does not verify"), "{stderr}");
}

#[test]
fn envelope_for_this_desk_sealed_to_an_unknown_key_is_exit_6() {
    let scene = Scene::new();
    // A drop whose `demo.pub` was swapped for an attacker's key.
    let (_, impostor) = new_desk("demo");
    let swapped = seal_into(&scene.store, &impostor, &Report::default());
    let good = scene.demo_report("sealed to the real key");
    let bundle = scene.bundle("b.tar", 1, &[good, swapped]);

    let report = open_lib(&scene, &std::fs::read(&bundle).unwrap()).unwrap();
    assert_eq!(report.exit_code(), exit::UNKNOWN_KEY);
    assert_eq!(report.unknown_key.len(), 1);
    assert_eq!(report.opened.len(), 1, "the others still open");

    let scene2 = Scene::new();
    let (code, stdout, _) = review_open(&scene2, &bundle, DEMO);
    assert_eq!(code, 6, "{stdout}");
    assert!(stdout.contains("ALARM"), "{stdout}");
    assert_eq!(assert_only_complete_messages(&scene2.out), 1);
}

/// A 1 MiB tmpfs, unmounted when dropped.
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn mount(dir: &Path) -> Self {
        std::fs::create_dir_all(dir).unwrap();
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"])
            .arg(dir)
            .output()
            .expect("mount runs");
        assert!(
            out.status.success(),
            "this test needs to mount a 1 MiB tmpfs as root to fill a disk, and cannot: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        SmallDisk(dir.to_path_buf())
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn full_output_disk_is_exit_7_and_leaves_nothing_half_written() {
    let scene = Scene::new();
    let small = scene.demo_report("small");
    let big = seal_into(
        &scene.store,
        &demo_public(),
        &Report {
            attachments: vec![("big.bin", "application/octet-stream", vec![7; 3 << 20])],
            ..Report::default()
        },
    );
    // Envelopes go in the order of their random ids: the small one may come first and be
    // kept (it is complete); the big one never fits.
    let bundle = scene.bundle("b.tar", 1, &[small, big]);
    let bytes = std::fs::read(&bundle).unwrap();

    let disk = SmallDisk::mount(&scene.out);
    let err = open_lib(&scene, &bytes).unwrap_err();
    assert_eq!(err.exit_code(), exit::OUTPUT, "{err}");
    assert!(matches!(err, ReviewError::Output { .. }), "{err}");
    assert!(assert_only_complete_messages(&scene.out) <= 1);
    drop(disk);

    let scene2 = Scene::new();
    let _disk = SmallDisk::mount(&scene2.out);
    let (code, _, stderr) = review_open(&scene2, &bundle, DEMO);
    assert_eq!(code, 7, "{stderr}");
    assert!(stderr.contains("Nothing half-written was left"), "{stderr}");
    assert!(assert_only_complete_messages(&scene2.out) <= 1);
}

#[test]
fn untrusted_drop_is_exit_8() {
    let scene = Scene::new();
    let bundle = scene.bundle("b.tar", 1, &[scene.demo_report("hello")]);
    let mut options = scene.options();
    options.trust_fingerprint = None;
    let err = open_bundle(std::fs::File::open(&bundle).unwrap(), demo(), &options).unwrap_err();
    assert_eq!(err.exit_code(), exit::UNTRUSTED_DROP);
    // A fingerprint that is not the drop's is no better.
    options.trust_fingerprint = Some("0000 1111 2222 3333 4444 5555 6666 7777 8888 9999".into());
    let err = open_bundle(std::fs::File::open(&bundle).unwrap(), demo(), &options).unwrap_err();
    assert_eq!(err.exit_code(), exit::UNTRUSTED_DROP);
    assert_eq!(assert_only_complete_messages(&scene.out), 0);

    let how = Open {
        trust: false,
        ..DEMO
    };
    let (code, _, stderr) = review_open(&scene, &bundle, how);
    assert_eq!(code, 8, "{stderr}");
    assert!(stderr.contains(&drop_key().1), "{stderr}");
    assert_eq!(assert_only_complete_messages(&scene.out), 0);
}

#[test]
fn replayed_bundle_is_exit_9_and_a_gap_is_exit_10() {
    let scene = Scene::new();
    let b1 = scene.bundle("b1.tar", 1, &[scene.demo_report("first")]);
    let b2 = scene.bundle("b2.tar", 2, &[scene.demo_report("second")]);
    let b2_other = scene.bundle("b2-other.tar", 2, &[scene.demo_report("second, forged")]);
    let b4 = scene.bundle("b4.tar", 4, &[scene.demo_report("fourth")]);
    let open = |b: &Path| open_lib(&scene, &std::fs::read(b).unwrap());

    assert_eq!(open(&b2).unwrap().exit_code(), exit::MISSING_BUNDLES);
    let err = open(&b1).unwrap_err();
    assert_eq!(err.exit_code(), exit::REPLAYED, "{err}");
    let err = open(&b2_other).unwrap_err();
    assert_eq!(
        err.exit_code(),
        exit::REPLAYED,
        "same number, other content: {err}"
    );
    // The very same bundle again is harmless.
    let again = open(&b2).unwrap();
    assert_eq!(
        (again.exit_code(), again.already_present.len()),
        (exit::OK, 1)
    );
    let gap = open(&b4).unwrap();
    assert_eq!(gap.exit_code(), exit::MISSING_BUNDLES);
    assert_eq!(gap.missing_bundles, vec![("demo".to_string(), 3, 3)]);
    assert_eq!(
        gap.opened.len(),
        1,
        "a gap is a warning; the bundle still opens"
    );
    assert_eq!(assert_only_complete_messages(&scene.out), 2);

    let (code, _, stderr) = review_open(&scene, &b1, DEMO);
    assert_eq!(code, 9, "{stderr}");
    assert!(stderr.contains("replayed bundle"), "{stderr}");
    let b6 = scene.bundle("b6.tar", 6, &[scene.demo_report("sixth")]);
    let (code, stdout, _) = review_open(&scene, &b6, DEMO);
    assert_eq!(code, 10, "{stdout}");
    assert!(
        stdout.contains("bundles 5 to 5 of desk demo never reached"),
        "{stdout}"
    );
}

#[test]
fn hostile_attachment_names_land_inside_the_out_dir() {
    let scene = Scene::new();
    let long = "ك".repeat(150); // 300 bytes
    let names: Vec<String> = vec![
        "..".into(),
        ".".into(),
        "../../../../tmp/escaped".into(),
        "/etc/passwd".into(),
        "C:\\Windows\\system32\\evil.dll".into(),
        "a\0b.txt".into(),
        "bell\u{7}\u{1b}[31mred\r\n.txt".into(),
        "invoice\u{202E}fdp.exe".into(),
        "CON".into(),
        "con.txt".into(),
        "LPT1".into(),
        format!("{long}.pdf"),
        "x".repeat(300),
        "dup.txt".into(),
        "dup.txt".into(),
        "DUP.txt".into(),
        "".into(),
        " . ".into(),
        "\u{200F}\u{2066}".into(),
    ];
    let attachments: Vec<(&str, &str, Vec<u8>)> = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            (
                n.as_str(),
                "text/plain",
                format!("attachment {i}").into_bytes(),
            )
        })
        .collect();
    let report = Report {
        attachments,
        ..Report::default()
    };
    let sealed = seal_into(&scene.store, &demo_public(), &report);
    let bundle = scene.bundle("b.tar", 1, &[sealed]);
    let opened = open_lib(&scene, &std::fs::read(&bundle).unwrap()).unwrap();
    assert_eq!(opened.opened.len(), 1);
    let dir = opened.opened[0].dir.join("attachments");

    // Every attachment is a plain file directly in attachments/, with its own content.
    let mut saved = std::collections::HashSet::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let entry = entry.unwrap();
        assert!(entry.file_type().unwrap().is_file());
        let name = entry.file_name().into_string().unwrap();
        assert!(name.len() <= amana::names::MAX_NAME_BYTES, "{name}");
        assert!(
            !name.chars().any(|c| c.is_control() || c == '\u{202E}'),
            "{name:?}"
        );
        assert!(!matches!(
            name.to_lowercase().as_str(),
            "con" | "lpt1" | "." | ".."
        ));
        let content = String::from_utf8(std::fs::read(entry.path()).unwrap()).unwrap();
        assert!(saved.insert(content), "two names for one file: {name}");
    }
    assert_eq!(saved.len(), names.len(), "every attachment was saved once");
    // Nothing escaped: the scene holds only what the test made.
    let mut top: Vec<String> = std::fs::read_dir(scene.tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    top.sort();
    assert_eq!(top, ["b.tar", "out", "state", "store"]);
    assert!(!Path::new("/tmp/escaped").exists());
    assert_eq!(assert_only_complete_messages(&scene.out), 1);
}
