//! The reviewer's side of the follow-up loop: open → case register → reply bundle that the
//! drop verifies and the reporter's code opens.

use std::path::Path;
use std::process::Command;

use amana::credential::{KdfParams, MailboxKeys, ReceiptCode};
use amana::reply::{open_reply, ReplyBundle, Status};

use crate::support::*;

/// Runs `amana-review` in English, in the folder that holds `state`.
fn review(args: &[&str], state: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_amana-review"))
        .args(args)
        .current_dir(state.parent().unwrap())
        .env("AMANA_REVIEW_STATE", state)
        .env("AMANA_LANG", "en")
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap(), text)
}

#[test]
fn reply_reaches_the_reporter_and_only_the_reporter() {
    let tmp = tempfile::tempdir().unwrap();
    let t = |p: &str| tmp.path().join(p);
    std::fs::create_dir(t("store")).unwrap();
    let code = ReceiptCode::generate();
    let keys = MailboxKeys::derive(&code, &[5; 32], KdfParams::INSECURE_FOR_TESTS);
    let report = Report {
        mailbox: keys.mailbox_ref(),
        reply_recipient: Some(keys.reply_recipient().to_string()),
        ..Report::default()
    };
    let first = seal_into(&t("store"), &demo_public(), &report);
    let follow_up = seal_into(
        &t("store"),
        &demo_public(),
        &Report {
            message: "More details.",
            ..report
        },
    );
    let drop_key = ed25519_dalek::SigningKey::from_bytes(&[9; 32]);
    let fp = amana::drop_key::fingerprint(&drop_key.verifying_key());
    bundle_into(
        &t("b1.tar"),
        &drop_key,
        1,
        &[first.clone(), follow_up.clone()],
    );

    let (key, pass) = demo_secret_paths();
    let (key, pass) = (key.to_str().unwrap(), pass.to_str().unwrap());
    let state = t("state");
    let out = t("cases");
    let (code_, text) = review(
        &[
            "open",
            t("b1.tar").to_str().unwrap(),
            "-i",
            key,
            "--passphrase-file",
            pass,
            "--out",
            out.to_str().unwrap(),
            "--trust-drop",
            &fp,
        ],
        &state,
    );
    assert_eq!(code_, 0, "{text}");
    let case = amana::envelope::case_id(&keys.mailbox_ref());
    // Both messages of one code land in one case.
    assert_eq!(std::fs::read_dir(out.join(&case)).unwrap().count(), 2);

    // `amana-review cases` with the demo desk, far in the future so every deadline has passed.
    let cases = || {
        review(
            &[
                "cases",
                "-i",
                key,
                "--passphrase-file",
                pass,
                "--today",
                "2099-01-01",
            ],
            &state,
        )
    };
    let (c, text) = cases();
    assert_eq!(c, 0, "{text}");
    assert!(text.contains(&case) && text.contains("OVERDUE"), "{text}");

    let replies = t("replies.tar");
    // A bare file name, as in the README: the reply bundle goes to the current folder.
    let out_arg = "replies.tar";
    // `amana-review reply CASE` with the demo desk, adding to `replies.tar`.
    let reply = |extra: &[&str]| {
        let mut args = vec![
            "reply",
            &case,
            "-i",
            key,
            "--passphrase-file",
            pass,
            "--out",
            out_arg,
        ];
        args.extend_from_slice(extra);
        review(&args, &state)
    };
    let (c, text) = reply(&[
        "--message",
        "Nous avons bien reçu.",
        "--status",
        "in-review",
    ]);
    assert_eq!(c, 0, "{text}");
    let (c, text) = reply(&["--message", "Transmis.", "--status", "referred"]);
    assert_ne!(c, 0, "referring needs a reason and a body: {text}");
    let (c, text) = reply(&[
        "--message-file",
        "/dev/null",
        "--status",
        "closed",
        "--reason",
        "Referred to the prosecutor; case closed here.",
    ]);
    assert_eq!(c, 0, "{text}");

    // The drop verifies the bundle with the desk's public file and its own fingerprint.
    let bundle = ReplyBundle::read_verified(
        std::fs::File::open(&replies).unwrap(),
        &[demo_public()],
        &fp,
    )
    .unwrap();
    assert_eq!(bundle.manifest.replies.len(), 2);
    let mut acknowledged = bundle.manifest.acknowledged.clone();
    acknowledged.sort();
    let mut sent = vec![first.1.id.clone(), follow_up.1.id.clone()];
    sent.sort();
    assert_eq!(acknowledged, sent);
    // The reporter's code opens the replies; sequence numbers grow; status is inside.
    let mut contents: Vec<_> = bundle
        .sealed
        .iter()
        .map(|s| open_reply(s, &keys.reply_identity).unwrap())
        .collect();
    contents.sort_by_key(|c| c.sequence);
    assert_eq!(
        (contents[0].sequence, contents[0].status),
        (1, Some(Status::InReview))
    );
    assert_eq!(
        (contents[1].sequence, contents[1].status),
        (2, Some(Status::Closed))
    );
    assert_eq!(contents[0].text, "Nous avons bien reçu.");
    // Nobody else's key opens them.
    let other = MailboxKeys::derive(
        &ReceiptCode::generate(),
        &[5; 32],
        KdfParams::INSECURE_FOR_TESTS,
    );
    assert!(open_reply(&bundle.sealed[0], &other.reply_identity).is_err());

    let (c, text) = cases();
    assert_eq!(c, 0);
    assert!(
        text.contains("closed") && !text.contains("OVERDUE since"),
        "{text}"
    );
}
