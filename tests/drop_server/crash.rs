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

fn drop_handles(handles: Vec<std::thread::JoinHandle<()>>) {
    handles.into_iter().for_each(std::mem::drop);
}
