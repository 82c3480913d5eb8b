//! Export to a bundle, straight from the store (the drop stopped, or through its socket).

use amana::export::{export, ExportError, ExportRequest};
use axum::http::StatusCode;

use super::support::*;

async fn submit_one(drop: &TestDrop, message: &str) {
    let (cookie, _) = drop.take_code().await;
    let csrf = drop.token("/submit", &cookie).await;
    let (status, _, _) = drop
        .submit(
            &cookie,
            Multipart::report(&csrf, message, &[("f.txt", message.as_bytes())]),
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn export_bundles_new_envelopes_once_with_rising_sequence_numbers() {
    let drop = TestDrop::new();
    submit_one(&drop, "one").await;
    submit_one(&drop, "two").await;
    let out = tempfile::tempdir().unwrap();
    let store = drop.launched.state.store();
    let key = &drop.launched.secrets.signing_key;
    let request = |name: &str, all: bool| ExportRequest {
        out: out.path().join(name),
        desk: None,
        all,
    };
    let summary = export(store, key, &request("first.tar", false))
        .await
        .unwrap();
    assert_eq!(summary.envelopes, 2);
    assert_eq!(summary.sequences[DESK], 1);
    let entries = bundle_entries(&out.path().join("first.tar"));
    let names: Vec<&String> = entries.keys().collect();
    assert!(names.contains(&&"manifest.json".to_string()));
    assert!(names.contains(&&"manifest.sig".to_string()));
    let envelopes: Vec<_> = entries
        .iter()
        .filter(|(n, _)| n.starts_with("envelopes/"))
        .collect();
    assert_eq!(envelopes.len(), 2);
    let mut messages: Vec<Vec<u8>> = envelopes
        .iter()
        .map(|(_, bytes)| open_envelope_bytes(bytes, &drop.desk)["message.txt"].clone())
        .collect();
    messages.sort();
    assert_eq!(messages, vec![b"one".to_vec(), b"two".to_vec()]);
    // Byte for byte what the drop stored.
    for (name, bytes) in &envelopes {
        let stored = std::fs::read(drop.data().join(name)).unwrap();
        assert_eq!(&stored, *bytes);
    }

    // Nothing new: no bundle, and exit code 1 for the command.
    assert!(matches!(
        export(store, key, &request("empty.tar", false)).await,
        Err(ExportError::Nothing)
    ));
    assert!(!out.path().join("empty.tar").exists());

    submit_one(&drop, "three").await;
    let summary = export(store, key, &request("second.tar", false))
        .await
        .unwrap();
    assert_eq!((summary.envelopes, summary.sequences[DESK]), (1, 2));
    let summary = export(store, key, &request("all.tar", true)).await.unwrap();
    assert_eq!((summary.envelopes, summary.sequences[DESK]), (3, 3));
    // An existing file is never overwritten.
    assert!(matches!(
        export(store, key, &request("all.tar", true)).await,
        Err(ExportError::Exists(_))
    ));
}

#[tokio::test]
async fn a_failed_bundle_write_marks_nothing_exported() {
    let drop = TestDrop::new();
    submit_one(&drop, "one").await;
    let store = drop.launched.state.store();
    let key = &drop.launched.secrets.signing_key;
    let bad = ExportRequest {
        out: drop.dir.path().join("no/such/folder/b.tar"),
        desk: None,
        all: false,
    };
    assert!(matches!(
        export(store, key, &bad).await,
        Err(ExportError::Write(_))
    ));
    assert!(store.records().unwrap().iter().all(|(_, r)| !r.exported));
    let ok = ExportRequest {
        out: drop.dir.path().join("b.tar"),
        desk: Some("other-desk".into()),
        all: false,
    };
    assert!(matches!(
        export(store, key, &ok).await,
        Err(ExportError::Nothing)
    ));
}
