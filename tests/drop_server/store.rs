//! The store: durable placement, start-up reconciliation, and what records say.

use axum::http::StatusCode;

use super::support::*;

#[tokio::test]
async fn start_up_deletes_leftovers_and_reports_missing_envelopes() {
    let drop = TestDrop::new();
    let (cookie, _) = drop.take_code().await;
    let csrf = drop.token("/submit", &cookie).await;
    assert_eq!(
        drop.submit(&cookie, Multipart::report(&csrf, "kept", &[]))
            .await
            .0,
        StatusCode::SEE_OTHER
    );
    let (cookie, _) = drop.take_code().await;
    let csrf = drop.token("/submit", &cookie).await;
    assert_eq!(
        drop.submit(&cookie, Multipart::report(&csrf, "lost", &[]))
            .await
            .0,
        StatusCode::SEE_OTHER
    );
    let kept = drop.envelope_files();
    assert_eq!(kept.len(), 2);
    // A crash left a temporary file, an envelope renamed in place but never recorded,
    // and (disk trouble) a recorded envelope vanished.
    std::fs::write(drop.data().join("tmp/incoming-x"), b"half").unwrap();
    std::fs::write(
        drop.data().join("envelopes/00112233aabbccdd.age"),
        b"orphan",
    )
    .unwrap();
    std::fs::remove_file(&kept[1]).unwrap();
    let missing_id = kept[1].file_stem().unwrap().to_str().unwrap().to_string();

    let config = drop.launched.state.config().clone();
    let TestDrop { dir, launched, .. } = drop;
    drop_state(launched);
    let relaunched = amana::intake::launch(config).unwrap();
    let report = &relaunched.reconciled;
    assert_eq!(report.temp_files_deleted, 1);
    assert_eq!(report.orphan_envelopes_deleted, 1);
    assert_eq!(report.missing_envelopes, vec![missing_id]);
    assert!(!dir
        .path()
        .join("data/envelopes/00112233aabbccdd.age")
        .exists());
    assert!(kept[0].exists());
}

/// Drops a launched drop and waits until sled has let go of its folder.
pub fn drop_state(launched: amana::intake::Launched) {
    let store = launched.state.store().clone();
    drop(launched);
    let weak = std::sync::Arc::downgrade(&store);
    drop(store);
    assert!(weak.upgrade().is_none(), "the store is closed");
}

#[tokio::test]
async fn records_hold_no_mailbox_and_files_only_day_times() {
    let drop = TestDrop::new();
    let (cookie, _) = drop.take_code().await;
    let csrf = drop.token("/submit", &cookie).await;
    drop.submit(&cookie, Multipart::report(&csrf, "x", &[("a.txt", b"a")]))
        .await;
    let records = drop.launched.state.store().records().unwrap();
    assert_eq!(records.len(), 1);
    let (id, record) = &records[0];
    let json = String::from_utf8(record.to_bytes()).unwrap();
    assert!(
        !json.contains("mailbox") && !json.contains("age1"),
        "{json}"
    );
    assert_eq!(record.day, amana::util::today());
    let meta = std::fs::metadata(drop.data().join(format!("envelopes/{id}.age"))).unwrap();
    let secs = meta
        .modified()
        .unwrap()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    assert_eq!(secs % 86_400, 0, "the file's time is the start of its day");
    assert_eq!(record.size, meta.len());
}

#[tokio::test]
async fn a_second_process_cannot_open_a_served_data_folder() {
    let drop = TestDrop::new();
    let err = amana::store::Store::open(&drop.data())
        .err()
        .expect("sled is locked");
    assert!(err.to_string().contains("record database"), "{err}");
}
