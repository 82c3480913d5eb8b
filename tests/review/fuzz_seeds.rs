//! Seed inputs for the fuzz targets in `tests/fuzz/`: one valid input each, so that the
//! fuzzer starts past the signature and the ZIP reader instead of at random bytes.
//!
//! `cargo test --no-default-features --test integration write_fuzz_seeds -- --ignored`
//! rewrites them; `fuzz_seeds_are_valid` keeps them from going stale.

use std::collections::BTreeMap;
use std::path::PathBuf;

use amana::bundle::{Manifest, ManifestEntry};

use super::tools::*;
use crate::support::*;

fn seeds() -> PathBuf {
    root().join("tests/fuzz/seeds")
}

/// The key the `manifest` fuzz target signs its input with.
fn manifest_key() -> ed25519_dalek::SigningKey {
    ed25519_dalek::SigningKey::from_bytes(&[5; 32])
}

#[test]
#[ignore = "rewrites tests/fuzz/seeds; run by hand"]
fn write_fuzz_seeds() {
    let scene = Scene::new();
    let sealed = seal_into(
        &scene.store,
        &demo_public(),
        &Report {
            message: "seed",
            attachments: vec![("a.txt", "text/plain", b"attachment".to_vec())],
            ..Report::default()
        },
    );
    let bundle = scene.bundle("seed.tar", 1, std::slice::from_ref(&sealed));
    for dir in ["bundle", "manifest", "envelope"] {
        std::fs::create_dir_all(seeds().join(dir)).unwrap();
    }
    std::fs::copy(&bundle, seeds().join("bundle/valid.tar")).unwrap();

    let manifest = Manifest::new(
        &manifest_key().verifying_key(),
        "2026-11-30".into(),
        BTreeMap::from([("demo".to_string(), 3)]),
        vec![ManifestEntry {
            file: format!("envelopes/{}.age", sealed.1.id),
            desk: "demo".into(),
            key_ids: sealed.1.key_ids.clone(),
            size: sealed.1.size,
            sha256: hex::encode(amana::util::sha256(&[&std::fs::read(&sealed.0).unwrap()])),
        }],
    );
    let (bytes, _) = manifest.sign(&manifest_key());
    std::fs::write(seeds().join("manifest/valid.json"), bytes).unwrap();

    let secret = demo_secret();
    let ids = identities(&secret);
    let mut file = std::fs::File::open(&sealed.0).unwrap();
    let plain = amana::review::decrypt_to_file(&mut file, &ids, scene.tmp.path()).unwrap();
    // The padding entry carries nothing for the fuzzer: seed the ZIP as sealed anyway, so
    // that the seed is exactly what a real envelope holds.
    std::fs::copy(plain.path(), seeds().join("envelope/valid.zip")).unwrap();
}

#[test]
fn fuzz_seeds_are_valid() {
    let bundle = std::fs::read(seeds().join("bundle/valid.tar")).unwrap();
    let scene = Scene::new();
    let report = amana::review::open_bundle(&bundle[..], &demo_secret(), &scene.options())
        .expect("the bundle seed opens");
    assert_eq!(report.opened.len(), 1);

    let manifest = std::fs::read(seeds().join("manifest/valid.json")).unwrap();
    let (_, sig) = serde_json::from_slice::<Manifest>(&manifest)
        .unwrap()
        .sign(&manifest_key());
    let (m, key) = Manifest::verify(&manifest, &sig).expect("the manifest seed verifies");
    assert_eq!(key, manifest_key().verifying_key());
    assert_eq!(m.envelopes.len(), 1);

    let plain = std::fs::File::open(seeds().join("envelope/valid.zip")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let meta = amana::review::extract_envelope(plain, &dir.path().join("m"))
        .expect("the envelope seed extracts");
    assert_eq!(meta.attachments.len(), 1);
}
