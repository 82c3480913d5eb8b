//! The follow-up loop on the drop's side: a report goes out in a bundle, the desk's signed
//! replies come back, the reporter reads and deletes them, and the drop forgets what the
//! desk has acknowledged.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use amana::credential::{KdfParams, MailboxKeys, ReceiptCode};
use amana::export::admin::{self, AdminReply, AdminRequest};
use amana::export::import::{import, ImportError, ImportRequest, ImportSummary};
use amana::export::{export, ExportRequest};
use amana::intake::launch;
use amana::reply::{seal_reply, ReplyBundle, ReplyContent, ReplyError};
use axum::body::Body;
use axum::http::{header, StatusCode};

use super::support::*;
use crate::support::{demo_secret, demo_secret_paths};

/// A drop whose only desk is the demo desk, whose secret the reviewer side has on file.
fn demo_drop() -> TestDrop {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("keys")).unwrap();
    std::fs::copy(
        crate::support::root().join("keys/demo.pub"),
        dir.path().join("keys/demo.pub"),
    )
    .unwrap();
    let launched = launch(test_config(dir.path())).unwrap();
    TestDrop {
        dir,
        desk: demo_secret(),
        launched,
    }
}

/// Sends a message to the demo desk as session `cookie`.
async fn send_message(drop: &TestDrop, cookie: &str, message: &str) {
    let csrf = drop.token("/submit", cookie).await;
    let body = Multipart::new()
        .text("csrf", &csrf)
        .text("desk", "demo")
        .text("message", message)
        .text("contact", "");
    let (status, _, html) = drop.submit(cookie, body).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{html}");
}

fn output_text(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn review(args: &[&str], state: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_amana-review"))
        .args(args)
        .env("AMANA_REVIEW_STATE", state)
        .env("AMANA_LANG", "en")
        .output()
        .unwrap();
    let text = output_text(&out);
    assert_eq!(out.status.code(), Some(0), "amana-review {args:?}: {text}");
    text
}

/// The air-gapped side: the `amana-review` binary with the demo desk's secret.
struct Reviewer {
    dir: tempfile::TempDir,
    fingerprint: String,
}

impl Reviewer {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, command: &str, first: &str, rest: &[&str]) -> String {
        let (key, pass) = demo_secret_paths();
        let mut args = vec![
            command,
            first,
            "-i",
            key.to_str().unwrap(),
            "--passphrase-file",
            pass.to_str().unwrap(),
        ];
        args.extend_from_slice(rest);
        review(&args, &self.path("state"))
    }

    fn open(&self, bundle: &Path) {
        let cases = self.path("cases");
        self.run(
            "open",
            bundle.to_str().unwrap(),
            &[
                "--out",
                cases.to_str().unwrap(),
                "--trust-drop",
                &self.fingerprint,
            ],
        );
    }

    /// The single case's id and how many messages it holds.
    fn case(&self) -> (String, usize) {
        let mut cases: Vec<_> = std::fs::read_dir(self.path("cases"))
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| {
                e.file_type().unwrap().is_dir() && !e.file_name().to_string_lossy().starts_with('.')
            })
            .collect();
        assert_eq!(cases.len(), 1, "one reporter, one case");
        let case = cases.pop().unwrap();
        let messages = std::fs::read_dir(case.path()).unwrap().count();
        (case.file_name().to_string_lossy().into_owned(), messages)
    }
}

async fn mailbox_page(drop: &TestDrop, cookie: &str) -> String {
    let (status, _, html) = drop.send(get("/mailbox", Some(cookie))).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    html
}

fn reply_ids(html: &str) -> Vec<String> {
    html.match_indices("name=\"reply\" value=\"")
        .map(|(i, m)| html[i + m.len()..i + m.len() + 16].to_string())
        .collect()
}

/// Exports the envelopes not yet exported to `out`.
async fn export_new(drop: &TestDrop, out: &Path) {
    export(
        drop.launched.state.store(),
        &drop.launched.secrets.signing_key,
        &ExportRequest {
            out: out.to_owned(),
            desk: None,
            all: false,
        },
    )
    .await
    .unwrap();
}

async fn import_file(drop: &TestDrop, file: &Path) -> Result<ImportSummary, ImportError> {
    import(
        drop.launched.state.store(),
        &drop.launched.secrets,
        &drop.launched.state.desk_publics(),
        &ImportRequest {
            file: file.to_owned(),
        },
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_loop_from_report_to_reply_to_deletion() {
    let drop = demo_drop();
    let store = drop.launched.state.store().clone();
    let reviewer = Reviewer {
        dir: tempfile::tempdir().unwrap(),
        fingerprint: drop.launched.secrets.fingerprint(),
    };

    // The reporter takes a code and reports over HTTP.
    let (cookie, html) = drop.take_code().await;
    let code = receipt_code(&html);
    send_message(&drop, &cookie, "The tender was rigged.").await;
    let envelope = drop.envelope_files().pop().unwrap();
    let envelope_id = envelope.file_stem().unwrap().to_string_lossy().into_owned();

    // Export, open on the reviewer's side, reply with a status.
    let b1 = reviewer.path("b1.tar");
    export_new(&drop, &b1).await;
    reviewer.open(&b1);
    let (case, messages) = reviewer.case();
    assert_eq!(messages, 1);
    let r1 = reviewer.path("r1.tar");
    let r1_arg = r1.to_str().unwrap().to_owned();
    reviewer.run(
        "reply",
        &case,
        &[
            "--message",
            "We <b>received</b> your report.",
            "--status",
            "in-review",
            "--out",
            &r1_arg,
        ],
    );

    // Import through the running drop's admin socket, as `amana-drop import` does.
    let _socket = admin::listen(
        store.clone(),
        drop.launched.secrets.clone(),
        Arc::new(drop.launched.state.desk_publics()),
    )
    .unwrap();
    let data = drop.data();
    let request = AdminRequest::Import(ImportRequest { file: r1.clone() });
    let reply = tokio::task::spawn_blocking(move || admin::ask(&data, &request))
        .await
        .unwrap()
        .unwrap()
        .expect("the drop listens");
    let AdminReply::Imported(summary) = reply else {
        panic!("import failed: {reply:?}");
    };
    assert_eq!(
        summary,
        ImportSummary {
            added: 1,
            already_seen: 0,
            envelopes_deleted: 1
        }
    );
    // The acknowledged envelope is gone: file and record.
    assert!(!envelope.exists());
    assert!(store
        .records()
        .unwrap()
        .iter()
        .all(|(id, _)| *id != envelope_id));

    // The reporter logs in and reads the reply and the status, escaped.
    let cookie = drop.login(&code).await.unwrap();
    let html = mailbox_page(&drop, &cookie).await;
    assert!(
        html.contains("We &#60;b&#62;received&#60;/b&#62; your report.")
            || html.contains("We &lt;b&gt;received&lt;/b&gt; your report."),
        "{html}"
    );
    assert!(html.contains("class=\"status\">In review."), "{html}");
    assert_eq!(reply_ids(&html).len(), 1);

    // A second reply closes the case; its bundle carries both replies.
    let r2 = reviewer.path("r2.tar");
    std::fs::copy(&r1, &r2).unwrap();
    let r2_arg = r2.to_str().unwrap().to_owned();
    reviewer.run(
        "reply",
        &case,
        &[
            "--message",
            "Thank you; we are done.",
            "--status",
            "closed",
            "--reason",
            "Handed to the prosecutor.",
            "--out",
            &r2_arg,
        ],
    );
    let summary = import_file(&drop, &r2).await.unwrap();
    assert_eq!((summary.added, summary.already_seen), (1, 1));
    let html = mailbox_page(&drop, &cookie).await;
    assert!(html.contains("class=\"status\">Closed."), "{html}");
    assert!(html.contains("Handed to the prosecutor."), "{html}");
    let ids = reply_ids(&html);
    assert_eq!(ids.len(), 2);
    let newest = ids[0].clone();
    assert!(
        html.find("Thank you; we are done.").unwrap() < html.find("received").unwrap(),
        "newest first"
    );

    // The reporter deletes the newest reply: it is gone, the status it set stays.
    let csrf = csrf_of(&html);
    let (status, headers, _) = drop
        .send(
            post("/reply/delete", Some(&cookie))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(format!("csrf={csrf}&reply={newest}")))
                .unwrap(),
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/mailbox?deleted=1");
    let (_, _, html) = drop.send(get("/mailbox?deleted=1", Some(&cookie))).await;
    assert!(html.contains("The reply was deleted."), "{html}");
    assert!(!html.contains("Thank you; we are done."), "{html}");
    assert_eq!(reply_ids(&html), vec![ids[1].clone()]);
    assert!(
        html.contains("class=\"status\">Closed."),
        "the status outlives its reply: {html}"
    );

    // Replaying the same bundle, or the older one, changes nothing.
    for bundle in [&r2, &r1] {
        let summary = import_file(&drop, bundle).await.unwrap();
        assert_eq!(summary.added, 0, "{bundle:?}");
        let html = mailbox_page(&drop, &cookie).await;
        assert!(!html.contains("Thank you; we are done."), "{html}");
        assert!(
            html.contains("class=\"status\">Closed."),
            "not rolled back: {html}"
        );
        assert_eq!(reply_ids(&html).len(), 1);
    }

    // A follow-up from the reporter lands in the same case on the reviewer's side.
    send_message(&drop, &cookie, "One more detail.").await;
    let b2 = reviewer.path("b2.tar");
    export_new(&drop, &b2).await;
    reviewer.open(&b2);
    assert_eq!(reviewer.case(), (case, 2));
}

/// A one-reply bundle from `drop`'s desk for `keys`' mailbox acknowledging `acknowledged`,
/// signed by `signer`; with `tamper`, its reply is changed after signing.
pub(super) fn reply_bundle(
    drop: &TestDrop,
    keys: &MailboxKeys,
    acknowledged: &str,
    signer: &ed25519_dalek::SigningKey,
    tamper: bool,
) -> Vec<u8> {
    let desk = drop.desk.to_public();
    let mut bundle = ReplyBundle::new(
        &drop.launched.secrets.fingerprint(),
        &desk.name,
        &desk.signing_key_id().unwrap(),
    );
    let case = amana::envelope::case_id(&keys.mailbox_ref());
    let content = ReplyContent {
        reply_id: "0123456789abcdef".into(),
        case: case.clone(),
        sequence: 1,
        day: "2026-01-02".into(),
        text: "Hello.".into(),
        status: None,
        reason: None,
        referred_to: None,
    };
    let mut sealed = seal_reply(&content, &keys.reply_recipient()).unwrap();
    if tamper {
        let last = sealed.len() - 1;
        bundle.push(
            &keys.mailbox_ref(),
            &case,
            &content.reply_id,
            1,
            sealed.clone(),
        );
        sealed[last] ^= 1;
        bundle.sealed[0] = sealed;
    } else {
        bundle.push(&keys.mailbox_ref(), &case, &content.reply_id, 1, sealed);
    }
    bundle.manifest.acknowledged.push(acknowledged.into());
    let mut out = Vec::new();
    bundle.write(&mut out, signer).unwrap();
    out
}

/// A demo drop holding one report: the drop, the envelope's file and its id; and the keys
/// of a mailbox to reply to.
async fn drop_with_one_envelope() -> (TestDrop, PathBuf, String, MailboxKeys) {
    let drop = demo_drop();
    let (cookie, _) = drop.take_code().await;
    send_message(&drop, &cookie, "A report.").await;
    let envelope = drop.envelope_files().pop().unwrap();
    let id = envelope.file_stem().unwrap().to_string_lossy().into_owned();
    let keys = MailboxKeys::derive(
        &ReceiptCode::generate(),
        &[3; 32],
        KdfParams::INSECURE_FOR_TESTS,
    );
    (drop, envelope, id, keys)
}

#[tokio::test]
async fn tampered_or_foreign_reply_bundles_are_refused_and_store_nothing() {
    let (drop, envelope, envelope_id, keys) = drop_with_one_envelope().await;
    let desk_key = demo_secret().signing_key.unwrap();
    let other_desk = amana::desk::DeskSecret::generate("demo").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, Vec<u8>); 3] = [
        (
            "tampered",
            reply_bundle(&drop, &keys, &envelope_id, &desk_key, true),
        ),
        (
            "foreign",
            reply_bundle(
                &drop,
                &keys,
                &envelope_id,
                &other_desk.signing_key.unwrap(),
                false,
            ),
        ),
        ("garbage", b"not a tar at all".to_vec()),
    ];
    for (name, bytes) in cases {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let refused = import_file(&drop, &file).await;
        match (name, &refused) {
            ("tampered", Err(ImportError::Refused(ReplyError::Tampered(_))))
            | ("foreign", Err(ImportError::Refused(ReplyError::BadSignature)))
            | ("garbage", Err(ImportError::Refused(_))) => {}
            _ => panic!("{name}: {refused:?}"),
        }
        assert!(refused
            .unwrap_err()
            .to_string()
            .contains("nothing was stored"));
        assert!(drop
            .launched
            .state
            .store()
            .replies_of(&keys.lookup_id)
            .unwrap()
            .is_empty());
        assert!(envelope.exists(), "{name}: the envelope stays");
    }
    // The genuine bundle goes in, once.
    let file = dir.path().join("genuine");
    std::fs::write(
        &file,
        reply_bundle(&drop, &keys, &envelope_id, &desk_key, false),
    )
    .unwrap();
    let summary = import_file(&drop, &file).await.unwrap();
    assert_eq!((summary.added, summary.envelopes_deleted), (1, 1));
    assert!(!envelope.exists());
    let summary = import_file(&drop, &file).await.unwrap();
    assert_eq!(
        summary,
        ImportSummary {
            added: 0,
            already_seen: 1,
            envelopes_deleted: 0
        }
    );
}

#[tokio::test]
async fn import_command_works_on_a_stopped_drop_and_exits_2_on_a_bad_bundle() {
    let (drop, envelope, envelope_id, keys) = drop_with_one_envelope().await;
    let desk_key = demo_secret().signing_key.unwrap();
    let good = reply_bundle(&drop, &keys, &envelope_id, &desk_key, false);
    let bad = reply_bundle(&drop, &keys, &envelope_id, &desk_key, true);
    let TestDrop { dir, launched, .. } = drop;
    // Stop the drop: the command opens the data folder itself.
    std::mem::drop(launched);
    let run = |name: &str, bytes: &[u8]| {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_amana-drop"))
            .env("AMANA_LANG", "en")
            .arg("import")
            .arg("--data")
            .arg(dir.path().join("data"))
            .arg("--keys")
            .arg(dir.path().join("keys"))
            .arg(&file)
            .output()
            .unwrap();
        (out.status.code(), output_text(&out))
    };
    let (code, text) = run("bad.tar", &bad);
    assert_eq!(code, Some(2), "{text}");
    assert!(
        text.contains("refused") && text.contains("tampered"),
        "{text}"
    );
    assert!(envelope.exists());
    let (code, text) = run("good.tar", &good);
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("1 new reply") && text.contains("1 acknowledged"),
        "{text}"
    );
    assert!(!envelope.exists());
}
