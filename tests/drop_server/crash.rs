//! SIGKILL while uploads are in flight: after a restart every confirmed submission is there
//! and exports, and no half-written envelope or temporary file remains.

use std::io::Read;
use std::time::{Duration, Instant};

use super::binary::{client, export, open_bundle, submit, take_code, Running};
use super::support::*;

/// A file body that sends `head` bytes, then blocks until the connection dies.
struct Stalling {
    left: usize,
}

impl Read for Stalling {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            std::thread::sleep(Duration::from_secs(120));
            return Err(std::io::Error::other("stalled on purpose"));
        }
        let n = buf.len().min(self.left);
        buf[..n].fill(0x42);
        self.left -= n;
        Ok(n)
    }
}

#[test]
fn sigkill_mid_upload_keeps_every_confirmed_report_and_nothing_half_written() {
    let root = tempfile::tempdir().unwrap();
    let root = root.path();
    let desk = make_desk(&root.join("keys"), DESK);
    let drop = Running::start(root, 1);

    let mut confirmed = Vec::new();
    for i in 0..3 {
        let reporter = client();
        take_code(&drop, &reporter);
        let files = vec![(format!("file-{i}.bin"), vec![i as u8; 50_000 + i])];
        let message = format!("confirmed {i}");
        let (status, path, _) = submit(&drop, &reporter, &message, "", &files);
        assert_eq!((status, path.as_str()), (200, "/sent"));
        confirmed.push((message.into_bytes(), files));
    }

    // Two uploads in flight, stalled in the middle of their files.
    let mut in_flight = Vec::new();
    for _ in 0..2 {
        let reporter = client();
        take_code(&drop, &reporter);
        let (_, _, form) = super::binary::text(reporter.get(drop.url("/submit")).send().unwrap());
        let csrf = csrf_of(&form);
        let url = drop.url("/submit");
        in_flight.push(std::thread::spawn(move || {
            let part = reqwest::blocking::multipart::Part::reader(Stalling { left: 2 << 20 })
                .file_name("in-flight.bin");
            let form = reqwest::blocking::multipart::Form::new()
                .text("csrf", csrf)
                .text("desk", DESK)
                .text("message", "never confirmed")
                .part("files", part);
            let _ = reporter.post(url).multipart(form).send();
        }));
    }
    let tmp = root.join("data/tmp");
    let deadline = Instant::now() + Duration::from_secs(30);
    while files_under(&tmp).len() < 2
        || files_under(&tmp)
            .iter()
            .any(|f| f.metadata().map(|m| m.len()).unwrap_or(0) < 1 << 20)
    {
        assert!(Instant::now() < deadline, "uploads did not get going");
        std::thread::sleep(Duration::from_millis(50));
    }
    drop.crash();

    let drop = Running::start(root, 2);
    assert!(
        drop.stderr_text().contains("2 unfinished upload(s)"),
        "{}",
        drop.stderr_text()
    );
    assert!(files_under(&tmp).is_empty(), "no temporary file survives");
    assert_eq!(files_under(&root.join("data/envelopes")).len(), 3);

    let bundle = root.join("after-crash.tar");
    let (status, out, err) = export(root, &bundle, &[]);
    assert_eq!(status, 0, "{out}{err}");
    let mut opened = open_bundle(&bundle, &desk);
    opened.sort_by(|a, b| a.message.cmp(&b.message));
    assert_eq!(opened.len(), 3);
    for (got, (sent_message, sent_files)) in opened.iter().zip(&confirmed) {
        assert_eq!(&got.message, sent_message);
        assert_eq!(&got.attachments, sent_files);
    }
    drop.stop();
    // The stalled clients' threads are left to end with the test binary.
    drop_handles(in_flight);
}

/// Logs in with `code` from a fresh browser; returns the mailbox page.
fn mailbox_page(drop: &Running, code: &str) -> String {
    let browser = client();
    let (_, _, login) = super::binary::text(browser.get(drop.url("/login")).send().unwrap());
    let (status, path, html) = super::binary::text(
        browser
            .post(drop.url("/login"))
            .form(&[("csrf", csrf_of(&login)), ("code", code.to_string())])
            .send()
            .unwrap(),
    );
    assert_eq!((status, path.as_str()), (200, "/mailbox"), "{html}");
    html
}

#[test]
fn confirmed_messages_stay_in_their_mailbox_after_sigkill() {
    let root = tempfile::tempdir().unwrap();
    let root = root.path();
    make_desk(&root.join("keys"), DESK);
    let drop = Running::start(root, 1);
    // Reporter A sends three messages (1, 2 and 3 files), reporter B one; each is confirmed.
    let mut codes = Vec::new();
    for messages in [3usize, 1] {
        let reporter = client();
        let code = take_code(&drop, &reporter);
        for n in 1..=messages {
            let files: Vec<_> = (0..n)
                .map(|i| (format!("f{i}.bin"), vec![7u8; 1000 * n]))
                .collect();
            let (status, path, _) = submit(&drop, &reporter, "sent", "", &files);
            assert_eq!((status, path.as_str()), (200, "/sent"));
        }
        codes.push((code, messages));
    }
    // Killed at once after the last confirmation: nothing is left to a later write.
    drop.crash();

    let drop = Running::start(root, 2);
    for (code, messages) in &codes {
        let html = mailbox_page(&drop, code);
        assert_eq!(html.matches("<tr><td>").count(), *messages, "{html}");
        for n in 1..=*messages {
            assert!(html.contains(&format!("<td>{n}</td>")), "{n} files: {html}");
        }
    }
    drop.stop();
}

fn drop_handles(handles: Vec<std::thread::JoinHandle<()>>) {
    handles.into_iter().for_each(std::mem::drop);
}
