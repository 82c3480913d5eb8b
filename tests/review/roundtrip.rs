use std::collections::HashSet;

use amana::review::{exit, open_bundle, OpenOptions};

use crate::support::*;

fn options(
    out: &std::path::Path,
    state: &std::path::Path,
    trust: Option<String>,
) -> OpenOptions<'static> {
    OpenOptions {
        out_dir: out.to_path_buf(),
        state_dir: state.to_path_buf(),
        trust_fingerprint: trust,
        prompt: None,
    }
}

#[test]
fn sealed_report_opens_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    std::fs::create_dir(&store).unwrap();
    let desk = demo_public();
    let big: Vec<u8> = (0..3_000_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let report = Report {
        contact: Some("Signal: +216 …"),
        attachments: vec![
            ("../../etc/passwd", "text/plain", b"root:x:0:0".to_vec()),
            ("evidence.pdf", "application/pdf", big.clone()),
            ("evidence.pdf", "application/pdf", b"second".to_vec()),
            ("empty", "application/octet-stream", vec![]),
        ],
        ..Report::default()
    };
    let sealed = seal_into(&store, &desk, &report);
    let key = ed25519_dalek::SigningKey::from_bytes(&[3; 32]);
    let bundle = tmp.path().join("bundle.tar");
    bundle_into(&bundle, &key, 1, &[sealed]);

    let out = tmp.path().join("out");
    let state = tmp.path().join("state");
    let secret = demo_secret();
    // An unknown drop is refused until its fingerprint is confirmed.
    let err = open_bundle(
        std::fs::File::open(&bundle).unwrap(),
        &secret,
        &options(&out, &state, None),
    )
    .unwrap_err();
    assert_eq!(err.exit_code(), exit::UNTRUSTED_DROP);
    let fp = amana::drop_key::fingerprint(&key.verifying_key());
    let report_ = open_bundle(
        std::fs::File::open(&bundle).unwrap(),
        &secret,
        &options(&out, &state, Some(fp)),
    )
    .unwrap();
    assert_eq!(report_.opened.len(), 1);
    assert_eq!(report_.exit_code(), exit::OK);
    let dir = &report_.opened[0].dir;
    assert_eq!(
        std::fs::read_to_string(dir.join("message.txt")).unwrap(),
        report.message
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("contact.txt")).unwrap(),
        "Signal: +216 …"
    );
    let names: HashSet<String> = std::fs::read_dir(dir.join("attachments"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(
        names,
        HashSet::from([
            "passwd".into(),
            "evidence.pdf".into(),
            "evidence (2).pdf".into(),
            "empty".into()
        ])
    );
    assert_eq!(
        std::fs::read(dir.join("attachments/evidence.pdf")).unwrap(),
        big
    );
    // Nothing but the cases is left in the output folder.
    let top: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(top.len(), 1, "{top:?}");
    // Decrypted reports are the owner's alone, whatever the umask: every folder the tool
    // made is 0700, every file 0600.
    assert_private(&out);

    // The same bundle again adds nothing; the pinned drop needs no flag.
    let again = open_bundle(
        std::fs::File::open(&bundle).unwrap(),
        &secret,
        &options(&out, &state, None),
    )
    .unwrap();
    assert_eq!((again.opened.len(), again.already_present.len()), (0, 1));
}

#[test]
fn every_recipient_of_a_desk_opens_its_reports_and_other_desks_are_left_sealed() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    std::fs::create_dir(&store).unwrap();
    // A desk of two investigators and an escrow key made by a plain age tool.
    let (first, _) = new_desk("citizens");
    let second = age::x25519::Identity::generate();
    let escrow = age::x25519::Identity::generate();
    let text = format!(
        "{}# escrow\n{}\n{}\n",
        first.to_public().to_text(),
        second.to_public(),
        escrow.to_public()
    );
    let desk = amana::desk::DeskPublic::parse(&text, "x").unwrap();
    assert_eq!(desk.recipients.len(), 3);
    let (_, other_desk) = new_desk("anti-corruption");
    let sealed = vec![
        seal_into(&store, &desk, &Report::default()),
        seal_into(&store, &other_desk, &Report::default()),
    ];
    let key = ed25519_dalek::SigningKey::from_bytes(&[4; 32]);
    let bundle = tmp.path().join("b.tar");
    bundle_into(&bundle, &key, 1, &sealed);
    let fp = amana::drop_key::fingerprint(&key.verifying_key());
    let plain = |id: &age::x25519::Identity| {
        use age::secrecy::ExposeSecret;
        amana::desk::DeskSecret::parse_identity_text(id.to_string().expose_secret()).unwrap()
    };
    for (i, secret) in [first, plain(&second), plain(&escrow)].iter().enumerate() {
        let out = tmp.path().join(format!("out{i}"));
        let state = tmp.path().join(format!("state{i}"));
        let r = open_bundle(
            std::fs::File::open(&bundle).unwrap(),
            secret,
            &options(&out, &state, Some(fp.clone())),
        )
        .unwrap();
        assert_eq!(r.opened.len(), 1, "recipient {i}");
        assert_eq!(r.other_desks.len(), 1, "recipient {i}");
        assert_eq!(r.other_desks[0].0, "anti-corruption");
        assert_eq!(r.exit_code(), exit::OK);
    }
}

/// The reviewer splits an envelope's ZIP into files as it decrypts, ending each entry at
/// the first matching data descriptor. An attachment that carries ZIP framing of its own —
/// a ZIP file, or bytes crafted to end the entry early — must still open byte for byte.
#[test]
fn attachments_that_look_like_the_envelopes_own_framing_open_byte_for_byte() {
    use amana::seal::zip::{data_descriptor, dos_date, local_header, LOCAL_SIGNATURE};
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    std::fs::create_dir(&store).unwrap();
    let prefix = b"page 1 of the minutes".to_vec();
    let mut crafted = prefix.clone();
    crafted.extend_from_slice(&data_descriptor(
        crc32fast::hash(&prefix),
        prefix.len() as u64,
    ));
    let today = amana::util::parse_day(&amana::util::today()).unwrap();
    crafted.extend_from_slice(&local_header("attachments/002-x", dos_date(today)));
    crafted.extend_from_slice(b"page 2 of the minutes");
    let mut nested = Vec::new();
    nested.extend_from_slice(&LOCAL_SIGNATURE.to_le_bytes());
    nested.extend_from_slice(&data_descriptor(0, 0));
    nested.extend_from_slice(&data_descriptor(0, 0));
    let report = Report {
        attachments: vec![
            ("minutes.bin", "application/octet-stream", crafted.clone()),
            ("nested.zip", "application/zip", nested.clone()),
        ],
        ..Report::default()
    };
    let sealed = seal_into(&store, &demo_public(), &report);
    let key = ed25519_dalek::SigningKey::from_bytes(&[5; 32]);
    let bundle = tmp.path().join("bundle.tar");
    bundle_into(&bundle, &key, 1, &[sealed]);
    let (out, state) = (tmp.path().join("out"), tmp.path().join("state"));
    let fp = amana::drop_key::fingerprint(&key.verifying_key());
    let opened = open_bundle(
        std::fs::File::open(&bundle).unwrap(),
        &demo_secret(),
        &options(&out, &state, Some(fp)),
    )
    .unwrap();
    assert_eq!(opened.opened.len(), 1);
    let dir = &opened.opened[0].dir;
    assert_eq!(
        std::fs::read(dir.join("attachments/minutes.bin")).unwrap(),
        crafted
    );
    assert_eq!(
        std::fs::read(dir.join("attachments/nested.zip")).unwrap(),
        nested
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("message.txt")).unwrap(),
        report.message
    );
    // Nothing of the split is left beside the case.
    let top: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
    assert_eq!(top.len(), 1);
}

/// `dir` and everything under it: folders 0700, files 0600.
fn assert_private(dir: &std::path::Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(dir).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700, "{} is {mode:o}", dir.display());
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            assert_private(&path);
        } else {
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{} is {mode:o}", path.display());
        }
    }
}
