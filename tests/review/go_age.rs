//! Interoperability with the reference implementation, the Go `age` CLI (Debian package
//! `age`), and with stock `unzip`, Python's `zipfile` and `tar`: a reviewer must be able to
//! open an envelope or a bundle by hand, without Amana, and Amana must open what any age
//! tool sealed to a desk.

use std::io::Read;
use std::path::Path;

use amana::desk::{DeskPublic, DeskSecret};
use amana::envelope::EnvelopeMeta;
use zeroize::Zeroizing;

use super::tools::*;
use crate::support::*;

/// Answers Go age's passphrase prompts on a pseudo-terminal: age reads passphrases from
/// `/dev/tty` only, never from a pipe, so a script has to pretend to be a person.
const PTY_DRIVER: &str = r#"
import os, pty, select, sys, time
passphrase = open(sys.argv[1], "rb").read().splitlines()[0] + b"\n"
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
seen, answered, deadline = b"", 0, time.time() + 300
while True:
    if time.time() > deadline:
        os.kill(pid, 9)
        sys.stderr.write("timed out; terminal said: %r\n" % seen)
        sys.exit(124)
    ready, _, _ = select.select([fd], [], [], 0.5)
    if not ready:
        continue
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    seen += data
    if seen.lower().count(b"passphrase") > answered:
        answered = seen.lower().count(b"passphrase")
        os.write(fd, passphrase)
_, status = os.waitpid(pid, 0)
sys.stderr.write(seen.decode("utf-8", "replace"))
sys.exit(os.waitstatus_to_exitcode(status))
"#;

/// Runs `command` with its passphrase prompts answered from `passphrase_file`.
fn run_with_passphrase(passphrase_file: &Path, command: &[&std::ffi::OsStr]) {
    let mut args = vec![os("-c"), os(PTY_DRIVER), passphrase_file.as_os_str()];
    args.extend_from_slice(command);
    run_ok("python3", &args);
}

/// Reads every entry of a ZIP with Python's `zipfile` (after `testzip()`, which checks every
/// CRC): `{name: [size, sha256]}`.
fn python_zip_listing(zip: &Path) -> serde_json::Map<String, serde_json::Value> {
    const SCRIPT: &str = r#"
import hashlib, json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    bad = z.testzip()
    if bad is not None:
        sys.exit("bad CRC in " + bad)
    print(json.dumps({i.filename: [i.file_size, hashlib.sha256(z.read(i)).hexdigest()]
                      for i in z.infolist()}))
"#;
    let out = run_ok("python3", &[os("-c"), os(SCRIPT), zip.as_os_str()]);
    serde_json::from_slice(&out).unwrap()
}

/// A new identity made by `age-keygen`, its recipient, and a desk of just that recipient.
fn age_keygen(dir: &Path, desk: &str) -> (std::path::PathBuf, DeskPublic) {
    let key = dir.join(format!("{desk}-age-keygen.txt"));
    run_ok("age-keygen", &[os("-o"), key.as_os_str()]);
    let recipient = String::from_utf8(run_ok("age-keygen", &[os("-y"), key.as_os_str()])).unwrap();
    let text = format!("# made by age-keygen\n{}\n", recipient.trim());
    (key, DeskPublic::parse(&text, desk).unwrap())
}

fn pseudo_random(len: usize, seed: u32) -> Vec<u8> {
    let mut x = seed.wrapping_mul(2_654_435_761).max(1);
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect()
}

#[test]
fn amana_envelope_opens_with_go_age_unzip_and_python() {
    let tmp = tempfile::tempdir().unwrap();
    let (key, desk) = age_keygen(tmp.path(), "escrow");
    let message = "تم التلاعب بمناقصة المستشفى الجديد.\nThe hospital tender was rigged.\n";
    let report = Report {
        message,
        contact: Some("Signal +216 …"),
        attachments: vec![
            ("evidence.pdf", "application/pdf", pseudo_random(300_000, 1)),
            ("تقرير.txt", "text/plain", "نص".as_bytes().to_vec()),
            ("../../etc/passwd", "text/plain", b"root:x:0:0".to_vec()),
            ("empty", "application/octet-stream", vec![]),
        ],
        ..Report::default()
    };
    let (envelope, sealed) = seal_into(tmp.path(), &desk, &report);
    assert_eq!(sealed.key_ids, desk.key_ids());

    let plain = tmp.path().join("plain.zip");
    run_ok(
        "age",
        &[
            os("-d"),
            os("-i"),
            os(&key),
            os("-o"),
            os(&plain),
            os(&envelope),
        ],
    );
    let len = std::fs::metadata(&plain).unwrap().len();
    assert_eq!(amana::seal::padding::padme(len), len, "plaintext is padded");

    let test = String::from_utf8(run_ok("unzip", &[os("-t"), os(&plain)])).unwrap();
    assert!(test.contains("No errors detected"), "{test}");
    let unzip_p = |entry: &str| run_ok("unzip", &[os("-p"), os(&plain), os(entry)]);
    assert_eq!(unzip_p("message.txt"), message.as_bytes());
    assert_eq!(unzip_p("contact.txt"), "Signal +216 …".as_bytes());

    let meta: EnvelopeMeta = serde_json::from_slice(&unzip_p("amana.json")).unwrap();
    assert_eq!(meta.desk, "escrow");
    assert_eq!(meta.message.sha256, sha256_hex(message.as_bytes()));
    assert_eq!(meta.attachments.len(), report.attachments.len());
    for (item, (name, media, data)) in meta.attachments.iter().zip(&report.attachments) {
        assert_eq!(item.name.as_deref(), Some(*name));
        assert_eq!(item.media_type.as_deref(), Some(*media));
        assert_eq!(item.size, data.len() as u64);
        assert_eq!(item.sha256, sha256_hex(data));
        assert_eq!(&unzip_p(&item.entry), data, "{}", item.entry);
    }

    let listing = python_zip_listing(&plain);
    let contact = meta.contact.as_ref().unwrap();
    let mut expected: Vec<&str> = vec![&meta.message.entry, &contact.entry];
    expected.extend(meta.attachments.iter().map(|a| a.entry.as_str()));
    for item in std::iter::once(&meta.message)
        .chain(Some(contact))
        .chain(&meta.attachments)
    {
        assert_eq!(
            listing[&item.entry],
            serde_json::json!([item.size, item.sha256]),
            "{}",
            item.entry
        );
    }
    expected.extend(["amana.json", "padding"]);
    let mut names: Vec<&str> = listing.keys().map(String::as_str).collect();
    names.sort_unstable();
    expected.sort_unstable();
    assert_eq!(names, expected);
}

#[test]
fn file_sealed_by_go_age_to_the_demo_desk_opens_through_amana() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("input.bin");
    let data = pseudo_random(200_000, 2);
    std::fs::write(&input, &data).unwrap();
    let sealed = tmp.path().join("input.age");
    let demo_pub = root().join("keys/demo.pub");
    run_ok(
        "age",
        &[os("-R"), os(&demo_pub), os("-o"), os(&sealed), os(&input)],
    );

    let secret = demo_secret();
    let ids = identities(&secret);
    let scratch = tmp.path().join("scratch");
    std::fs::create_dir(&scratch).unwrap();
    let mut file = std::fs::File::open(&sealed).unwrap();
    let mut plain = amana::review::decrypt_to_file(&mut file, &ids, &scratch).unwrap();
    let mut got = Vec::new();
    plain.read_to_end(&mut got).unwrap();
    assert_eq!(got, data);

    // And a key made by age-keygen does not open it.
    let (other, _) = age_keygen(tmp.path(), "other");
    let other = DeskSecret::load(&other, || unreachable!("a plain file")).unwrap();
    let ids = identities(&other);
    let mut file = std::fs::File::open(&sealed).unwrap();
    assert!(matches!(
        amana::review::decrypt_to_file(&mut file, &ids, &scratch),
        Err(amana::review::DecryptError::NoMatchingKey)
    ));
    drop(plain);
    assert_eq!(std::fs::read_dir(&scratch).unwrap().count(), 0);
}

#[test]
fn demo_desk_key_file_works_with_go_age_both_ways() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    std::fs::create_dir(&store).unwrap();
    let report = Report::default();
    let (envelope, _) = seal_into(&store, &demo_public(), &report);
    let (key_file, passphrase_file) = demo_secret_paths();

    // Go age unlocks Amana's passphrase-protected key file (typed at its prompt)…
    let plain = tmp.path().join("via-encrypted-key.zip");
    run_with_passphrase(
        &passphrase_file,
        &[
            os("age"),
            os("-d"),
            os("-i"),
            os(&key_file),
            os("-o"),
            os(&plain),
            os(&envelope),
        ],
    );
    let message = run_ok("unzip", &[os("-p"), os(&plain), os("message.txt")]);
    assert_eq!(message, report.message.as_bytes());

    // …and reads the plain identity inside it (Amana's own fields are comments to age).
    let identity = tmp.path().join("demo-identity.txt");
    std::fs::write(&identity, demo_secret().to_identity_text().as_bytes()).unwrap();
    let plain2 = tmp.path().join("via-plain-key.zip");
    run_ok(
        "age",
        &[
            os("-d"),
            os("-i"),
            os(&identity),
            os("-o"),
            os(&plain2),
            os(&envelope),
        ],
    );
    assert_eq!(
        std::fs::read(&plain).unwrap(),
        std::fs::read(&plain2).unwrap()
    );

    // The other way: an identity file protected by Go age's `age -p` loads in Amana.
    let protected = tmp.path().join("go-protected.age");
    run_with_passphrase(
        &passphrase_file,
        &[os("age"), os("-p"), os("-o"), os(&protected), os(&identity)],
    );
    let pass = Zeroizing::new(std::fs::read_to_string(&passphrase_file).unwrap());
    let loaded = DeskSecret::load(&protected, || {
        Ok(age::secrecy::SecretString::from(
            pass.lines().next().unwrap().to_string(),
        ))
    })
    .unwrap();
    assert_eq!(loaded.key_ids(), demo_secret().key_ids());
    assert_eq!(loaded.desk.as_deref(), Some("demo"));
}

#[test]
fn bundle_lists_and_extracts_with_stock_tar_and_each_envelope_opens_with_go_age() {
    let scene = Scene::new();
    let tmp = scene.tmp.path();
    let (escrow_key, escrow) = age_keygen(tmp, "escrow");
    let mut sealed = Vec::new();
    for i in 0..3 {
        sealed.push(scene.demo_report(&format!("report {i}")));
    }
    sealed.push(seal_into(&scene.store, &escrow, &Report::default()));
    let bundle = scene.bundle("bundle.tar", 1, &sealed);

    let listing = String::from_utf8(run_ok("tar", &[os("-tvf"), os(&bundle)])).unwrap();
    let lines: Vec<&str> = listing.lines().collect();
    assert_eq!(lines.len(), 2 + sealed.len(), "{listing}");
    let mut names = Vec::new();
    for line in &lines {
        let fields: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(fields[0], "-rw-r--r--", "{line}");
        assert_eq!(fields[1], "0/0", "owners are zeroed and unnamed: {line}");
        assert_eq!(fields[3], amana::util::today(), "{line}");
        assert_eq!(fields[4], "00:00", "day-only times: {line}");
        names.push(fields[5].to_string());
    }
    assert_eq!(names[..2], ["manifest.json", "manifest.sig"]);
    let envelopes = &names[2..];
    assert!(
        envelopes.windows(2).all(|w| w[0] < w[1]),
        "sorted: {names:?}"
    );
    assert!(envelopes.iter().all(|n| n.starts_with("envelopes/")));

    let x = tmp.join("x");
    std::fs::create_dir(&x).unwrap();
    run_ok("tar", &[os("-xf"), os(&bundle), os("-C"), os(&x)]);
    let manifest: amana::bundle::Manifest =
        serde_json::from_slice(&std::fs::read(x.join("manifest.json")).unwrap()).unwrap();

    let demo_identity = tmp.join("demo-identity.txt");
    std::fs::write(&demo_identity, demo_secret().to_identity_text().as_bytes()).unwrap();
    for entry in &manifest.envelopes {
        let file = x.join(&entry.file);
        let bytes = std::fs::read(&file).unwrap();
        assert_eq!(sha256_hex(&bytes), entry.sha256);
        let key = if entry.desk == "escrow" {
            &escrow_key
        } else {
            &demo_identity
        };
        let plain = tmp.join("plain.zip");
        run_ok(
            "age",
            &[os("-d"), os("-i"), os(key), os("-o"), os(&plain), os(&file)],
        );
        let test = String::from_utf8(run_ok("unzip", &[os("-t"), os(&plain)])).unwrap();
        assert!(test.contains("No errors detected"), "{test}");
        std::fs::remove_file(&plain).unwrap();
    }
    assert_eq!(manifest.envelopes.len(), sealed.len());
}
