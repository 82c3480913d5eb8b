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

/// Sends a message with one small file as session `cookie`.
async fn send(drop: &TestDrop, cookie: &str, message: &str) {
    let csrf = drop.token("/submit", cookie).await;
    let (status, _, html) = drop
        .submit(
            cookie,
            Multipart::report(&csrf, message, &[("f.txt", message.as_bytes())]),
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{html}");
}

/// Every key and value of every tree of a closed data folder's database.
fn database_contents(data: &std::path::Path) -> Vec<(String, Vec<u8>, Vec<u8>)> {
    let db = sled::open(data.join("db")).unwrap();
    let mut out = Vec::new();
    for name in db.tree_names() {
        let tree = db.open_tree(&name).unwrap();
        for kv in tree.iter() {
            let (k, v) = kv.unwrap();
            out.push((
                String::from_utf8_lossy(&name).into_owned(),
                k.to_vec(),
                v.to_vec(),
            ));
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn submissions_write_nothing_that_names_a_mailbox_or_links_two_messages() {
    let drop = TestDrop::new();
    // Three reporters, two messages each, interleaved as a busy drop sees them.
    let mut reporters = Vec::new();
    for _ in 0..3 {
        let (cookie, html) = drop.take_code().await;
        reporters.push((cookie, receipt_code(&html)));
    }
    for round in 0..2 {
        for (i, (cookie, _)) in reporters.iter().enumerate() {
            send(&drop, cookie, &format!("reporter {i}, message {round}")).await;
        }
    }
    let salt = drop.launched.secrets.install_salt.clone();
    let lookup_ids: Vec<[u8; 32]> = reporters
        .iter()
        .map(|(_, code)| {
            let code = amana::credential::ReceiptCode::parse(code).unwrap();
            amana::credential::MailboxKeys::derive(
                &code,
                &salt[..],
                amana::credential::KdfParams::INSECURE_FOR_TESTS,
            )
            .lookup_id
        })
        .collect();
    let store = drop.launched.state.store().clone();
    for id in &lookup_ids {
        assert!(
            store.mailbox_state(id).unwrap().is_none(),
            "no record filed under a mailbox"
        );
    }
    let envelope_ids: Vec<String> = store.records().unwrap().into_iter().map(|r| r.0).collect();
    assert_eq!(envelope_ids.len(), 6);
    std::mem::drop(store);

    // Close the drop and look at what a seized data folder holds.
    let config = drop.launched.state.config().clone();
    let TestDrop {
        dir,
        desk,
        launched,
    } = drop;
    drop_state(launched);
    let data = dir.path().join("data");
    let contents = database_contents(&data);
    for (tree, key, value) in &contents {
        for id in &lookup_ids {
            assert!(
                !contains(key, id) && !contains(value, id),
                "a record in `{tree}` names a mailbox"
            );
            assert!(!contains(value, hex::encode(id).as_bytes()));
        }
    }
    let notes: Vec<_> = contents.iter().filter(|(t, _, _)| t == "sent").collect();
    assert_eq!(notes.len(), 6, "one sent note per message");
    assert!(
        notes.iter().all(|(_, _, v)| v.len() == notes[0].2.len()),
        "every note has the same size"
    );
    // sled's files on disk (its log included) never hold a mailbox's id either; they do
    // hold what was written (the envelopes' ids), so the search would find one.
    let db_files = files_under(&data.join("db"));
    let raw: Vec<Vec<u8>> = db_files.iter().map(|p| std::fs::read(p).unwrap()).collect();
    for id in &envelope_ids {
        assert!(raw.iter().any(|r| contains(r, id.as_bytes())), "{id}");
    }
    for id in &lookup_ids {
        assert!(
            !raw.iter().any(|r| contains(r, id)),
            "sled's log names a mailbox"
        );
    }

    // After a restart each code still finds its own two messages, and logging in writes
    // nothing.
    let drop = TestDrop {
        dir,
        desk,
        launched: amana::intake::launch(config).unwrap(),
    };
    for (_, code) in &reporters {
        let cookie = drop.login(code).await.unwrap();
        let (status, _, html) = drop.send(get("/mailbox", Some(&cookie))).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(html.matches("<tr><td>").count(), 2, "{html}");
    }
    let TestDrop { dir, launched, .. } = drop;
    drop_state(launched);
    for path in files_under(&dir.path().join("data/db")) {
        let bytes = std::fs::read(&path).unwrap();
        for id in &lookup_ids {
            assert!(!contains(&bytes, id), "a login wrote under a mailbox");
        }
    }
}
