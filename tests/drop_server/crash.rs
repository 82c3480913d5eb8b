//! The drop's end: SIGKILL while uploads are in flight (after a restart every confirmed
//! submission is there, in its exports and its mailbox, and no half-written envelope or
//! temporary file remains), and SIGTERM (uploads in flight finish within the grace period,
//! or are cut off and leave nothing; the drop exits 0).

use std::io::Read;
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::binary::{
    client, client_builder, export, log_in, open_bundle, submit, take_code, Running,
};
use super::support::*;

/// A file body of bytes 0x42: `head` of them, then a wait until `gate` opens (or its sender
/// is dropped), then `tail` more.
struct Gated {
    head: usize,
    gate: Option<mpsc::Receiver<()>>,
    tail: usize,
}

impl Gated {
    /// A body that sends `head` bytes and stalls until the returned sender says go.
    fn new(head: usize, tail: usize) -> (Self, mpsc::Sender<()>) {
        let (go, gate) = mpsc::channel();
        let body = Gated {
            head,
            gate: Some(gate),
            tail,
        };
        (body, go)
    }
}

impl Read for Gated {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.head == 0 {
            if let Some(gate) = self.gate.take() {
                let _ = gate.recv();
            }
            std::mem::swap(&mut self.head, &mut self.tail);
        }
        let n = buf.len().min(self.head);
        buf[..n].fill(0x42);
        self.head -= n;
        Ok(n)
    }
}

/// Starts an upload of `body` as a fresh reporter; the thread returns the status and the
/// `Location` of the answer, or the client's error.
fn upload_in_flight(
    drop: &Running,
    body: Gated,
) -> std::thread::JoinHandle<Result<(u16, String), String>> {
    let reporter = client_builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    // Not following redirects: once the drop stops, the confirmation page is not fetched.
    let code = reporter.post(drop.url("/code")).send().unwrap();
    assert_eq!(code.status().as_u16(), 303);
    let (_, _, form) = super::binary::text(reporter.get(drop.url("/submit")).send().unwrap());
    let csrf = csrf_of(&form);
    let url = drop.url("/submit");
    std::thread::spawn(move || {
        let part = reqwest::blocking::multipart::Part::reader(body).file_name("in-flight.bin");
        let form = reqwest::blocking::multipart::Form::new()
            .text("csrf", csrf)
            .text("desk", DESK)
            .text("message", "in flight")
            .part("files", part);
        let answer = reporter.post(url).multipart(form).send();
        answer.map_err(|e| e.to_string()).map(|r| {
            let location = r
                .headers()
                .get("location")
                .map(|l| l.to_str().unwrap().to_string())
                .unwrap_or_default();
            (r.status().as_u16(), location)
        })
    })
}

/// Waits until `count` uploads have each sealed at least 1 MiB into `tmp`.
fn wait_for_uploads(tmp: &Path, count: usize) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while files_under(tmp).len() < count
        || files_under(tmp)
            .iter()
            .any(|f| f.metadata().map(|m| m.len()).unwrap_or(0) < 1 << 20)
    {
        assert!(Instant::now() < deadline, "uploads did not get going");
        std::thread::sleep(Duration::from_millis(50));
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
        let (body, go) = Gated::new(2 << 20, 0);
        in_flight.push((upload_in_flight(&drop, body), go));
    }
    let tmp = root.join("data/tmp");
    wait_for_uploads(&tmp, 2);
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
    // The stalled clients end with an error: their drop is gone.
    for (upload, go) in in_flight {
        std::mem::drop(go);
        assert!(upload.join().unwrap().is_err());
    }
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
        let html = log_in(&drop, &client(), code);
        assert_eq!(html.matches("<tr><td>").count(), *messages, "{html}");
        for n in 1..=*messages {
            assert!(html.contains(&format!("<td>{n}</td>")), "{n} files: {html}");
        }
    }
    drop.stop();
}

#[test]
fn sigterm_lets_an_upload_in_flight_finish_then_exits_0() {
    let root = tempfile::tempdir().unwrap();
    let root = root.path();
    let desk = make_desk(&root.join("keys"), DESK);
    let mut drop = Running::start(root, 1);
    let (body, go) = Gated::new(2 << 20, 1 << 20);
    let upload = upload_in_flight(&drop, body);
    wait_for_uploads(&root.join("data/tmp"), 1);

    drop.terminate();
    // New connections are refused at once.
    let address = drop.base.trim_start_matches("http://").to_string();
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(&address).is_ok() {
        assert!(Instant::now() < deadline, "still accepting connections");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        drop.child.try_wait().unwrap().is_none(),
        "still running for the upload in flight"
    );
    // The upload finishes and is confirmed.
    go.send(()).unwrap();
    assert_eq!(upload.join().unwrap(), Ok((303, "/sent".to_string())));
    let status = drop.wait_exit(Duration::from_secs(30));
    assert_eq!(status.code(), Some(0), "{}", drop.stderr_text());
    let stdout = std::fs::read_to_string(&drop.stdout).unwrap();
    assert!(stdout.contains("Amana drop stopped."), "{stdout}");
    assert!(files_under(&root.join("data/tmp")).is_empty());

    let bundle = root.join("after-stop.tar");
    let (status, out, err) = export(root, &bundle, &[]);
    assert_eq!(status, 0, "{out}{err}");
    let opened = open_bundle(&bundle, &desk);
    assert_eq!(opened.len(), 1);
    assert_eq!(opened[0].message, b"in flight");
    assert_eq!(
        opened[0].attachments,
        vec![("in-flight.bin".to_string(), vec![0x42; 3 << 20])]
    );
}

#[test]
fn sigterm_cuts_off_an_upload_past_the_grace_period_leaving_nothing() {
    let root = tempfile::tempdir().unwrap();
    let root = root.path();
    make_desk(&root.join("keys"), DESK);
    let config = root.join("drop.toml");
    std::fs::write(&config, "[limits]\nshutdown_grace_secs = 1\n").unwrap();
    let mut drop = Running::start_with(root, 1, &["--config", config.to_str().unwrap()]);
    let (body, go) = Gated::new(2 << 20, 1 << 20);
    let upload = upload_in_flight(&drop, body);
    wait_for_uploads(&root.join("data/tmp"), 1);

    let stopped = Instant::now();
    drop.terminate();
    let status = drop.wait_exit(Duration::from_secs(30));
    assert_eq!(status.code(), Some(0), "{}", drop.stderr_text());
    assert!(
        stopped.elapsed() < Duration::from_secs(15),
        "{:?}",
        stopped.elapsed()
    );
    assert!(drop.stderr_text().contains("Stopping"));
    // The client was told to come back later, or lost its connection: never confirmed.
    std::mem::drop(go);
    let answer = upload.join().unwrap();
    assert!(matches!(answer, Ok((503, _)) | Err(_)), "{answer:?}");
    assert!(files_under(&root.join("data/tmp")).is_empty());
    assert!(files_under(&root.join("data/envelopes")).is_empty());
    let (status, out, err) = export(root, &root.join("nothing.tar"), &[]);
    assert_eq!(status, 1, "nothing to export: {out}{err}");
}
