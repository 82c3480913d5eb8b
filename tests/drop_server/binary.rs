//! The real `amana-drop` binary on a loopback port: a reporter's whole path over HTTP,
//! export while serving and while stopped, and the canary markers that must never reach
//! the disk or the log in the clear.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::support::*;

pub const BIN: &str = env!("CARGO_BIN_EXE_amana-drop");

/// A running drop, its folders and its output files.
pub struct Running {
    pub child: Child,
    pub base: String,
    pub stdout: PathBuf,
    pub stderr: PathBuf,
}

impl Running {
    /// Starts the binary on 127.0.0.1 (a port the system picks) over `root/data`,
    /// `root/keys`, with `root/tmp` as its TMPDIR. `run` numbers the output files.
    pub fn start(root: &Path, run: u32) -> Running {
        Self::start_with(root, run, &[])
    }

    /// As [`Running::start`], with more arguments.
    pub fn start_with(root: &Path, run: u32, extra: &[&str]) -> Running {
        std::fs::create_dir_all(root.join("tmp")).unwrap();
        let stdout = root.join(format!("stdout-{run}.log"));
        let stderr = root.join(format!("stderr-{run}.log"));
        let child = Command::new(BIN)
            .env("AMANA_LANG", "en")
            .args([
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--insecure-kdf-for-tests",
            ])
            .arg("--data")
            .arg(root.join("data"))
            .arg("--keys")
            .arg(root.join("keys"))
            .args(extra)
            .env("TMPDIR", root.join("tmp"))
            .env_remove("AMANA_LOG")
            .stdout(std::fs::File::create(&stdout).unwrap())
            .stderr(std::fs::File::create(&stderr).unwrap())
            .spawn()
            .unwrap();
        // Owned by `Running` at once, so that a failed start still kills and reaps it.
        let mut running = Running {
            child,
            base: String::new(),
            stdout,
            stderr,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let text = std::fs::read_to_string(&running.stdout).unwrap_or_default();
            if let Some(pos) = text.find("listening on http://") {
                running.base = text[pos + 13..].lines().next().unwrap().trim().to_string();
                return running;
            }
            assert!(
                Instant::now() < deadline,
                "the drop did not start: {}",
                running.stderr_text()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Stops the drop with SIGTERM and waits for it.
    pub fn stop(mut self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let _ = self.child.wait();
    }

    /// Sends SIGTERM without waiting.
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits for the drop to exit, at most `limit`.
    pub fn wait_exit(&mut self, limit: Duration) -> std::process::ExitStatus {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "the drop did not exit");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Kills the drop with SIGKILL, as a crash would.
    pub fn crash(mut self) {
        self.child.kill().unwrap();
        let _ = self.child.wait();
    }

    pub fn stderr_text(&self) -> String {
        std::fs::read_to_string(&self.stderr).unwrap_or_default()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A browser-like client: cookies kept, every request marked same-origin as a browser
/// marks a form post from the page itself.
pub fn client() -> reqwest::blocking::Client {
    client_builder().build().unwrap()
}

/// As [`client`], to be adjusted.
pub fn client_builder() -> reqwest::blocking::ClientBuilder {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("sec-fetch-site", "same-origin".parse().unwrap());
    reqwest::blocking::Client::builder()
        .cookie_store(true)
        .default_headers(headers)
        .timeout(Duration::from_secs(60))
}

pub fn text(response: reqwest::blocking::Response) -> (u16, String, String) {
    let status = response.status().as_u16();
    let path = response.url().path().to_string();
    (status, path, response.text().unwrap())
}

/// Takes a code with `client`; returns the code.
pub fn take_code(drop: &Running, client: &reqwest::blocking::Client) -> String {
    let (status, path, html) = text(client.post(drop.url("/code")).send().unwrap());
    assert_eq!((status, path.as_str()), (200, "/code"), "{html}");
    receipt_code(&html)
}

/// A submission with `files`, over real multipart.
pub fn submit(
    drop: &Running,
    client: &reqwest::blocking::Client,
    message: &str,
    contact: &str,
    files: &[(String, Vec<u8>)],
) -> (u16, String, String) {
    let (_, _, form) = text(client.get(drop.url("/submit")).send().unwrap());
    let mut multipart = reqwest::blocking::multipart::Form::new()
        .text("csrf", csrf_of(&form))
        .text("desk", DESK)
        .text("message", message.to_string())
        .text("contact", contact.to_string());
    for (name, content) in files {
        multipart = multipart.part(
            "files",
            reqwest::blocking::multipart::Part::bytes(content.clone()).file_name(name.clone()),
        );
    }
    text(
        client
            .post(drop.url("/submit"))
            .multipart(multipart)
            .send()
            .unwrap(),
    )
}

/// Logs in with `code` as `client`; returns the mailbox page.
pub fn log_in(drop: &Running, client: &reqwest::blocking::Client, code: &str) -> String {
    let (_, _, login) = text(client.get(drop.url("/login")).send().unwrap());
    let (status, path, html) = text(
        client
            .post(drop.url("/login"))
            .form(&[("csrf", csrf_of(&login)), ("code", code.to_string())])
            .send()
            .unwrap(),
    );
    assert_eq!((status, path.as_str()), (200, "/mailbox"), "{html}");
    html
}

pub fn export(root: &Path, out: &Path, extra: &[&str]) -> (i32, String, String) {
    let output = Command::new(BIN)
        .env("AMANA_LANG", "en")
        .args(["export", "--data"])
        .arg(root.join("data"))
        .arg("--keys")
        .arg(root.join("keys"))
        .arg("--out")
        .arg(out)
        .args(extra)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// One opened envelope.
#[derive(Debug, PartialEq, Eq)]
pub struct Opened {
    pub message: Vec<u8>,
    pub contact: Vec<u8>,
    /// (original name, content), in the order sent.
    pub attachments: Vec<(String, Vec<u8>)>,
}

/// Every envelope of a bundle, opened.
pub fn open_bundle(path: &Path, desk: &amana::desk::DeskSecret) -> Vec<Opened> {
    bundle_entries(path)
        .into_iter()
        .filter(|(n, _)| n.starts_with("envelopes/"))
        .map(|(_, bytes)| {
            let entries = open_envelope_bytes(&bytes, desk);
            let meta: amana::envelope::EnvelopeMeta =
                serde_json::from_slice(&entries["amana.json"]).unwrap();
            let attachments = meta
                .attachments
                .iter()
                .map(|a| (a.name.clone().unwrap(), entries[&a.entry].clone()))
                .collect();
            Opened {
                message: entries["message.txt"].clone(),
                contact: entries.get("contact.txt").cloned().unwrap_or_default(),
                attachments,
            }
        })
        .collect()
}

fn random_bytes(n: usize) -> Vec<u8> {
    use rand::RngCore;
    let mut v = vec![0u8; n];
    rand::rngs::OsRng.fill_bytes(&mut v);
    v
}

const MARKERS: [&str; 4] = [
    "CANARY-MESSAGE-8f2b1c",
    "CANARY-CONTACT-3d9e7a",
    "CANARY-FILENAME-51c0de",
    "CANARY-CONTENT-a7e4f9",
];

#[test]
fn reporter_path_export_and_canaries_over_real_http() {
    let root = tempfile::tempdir().unwrap();
    let root = root.path();
    let desk = make_desk(&root.join("keys"), DESK);
    let drop = Running::start(root, 1);
    let stdout = std::fs::read_to_string(&drop.stdout).unwrap();
    assert!(
        stdout.contains("Drop fingerprint"),
        "first start prints the fingerprint: {stdout}"
    );
    assert!(root.join("keys/drop/install.salt").exists());

    // Response headers as a browser sees them.
    let home = client().get(drop.url("/")).send().unwrap();
    assert!(home.headers().get("server").is_none());
    assert_eq!(home.headers()["cache-control"], "no-store");

    // A report with several attachments, markers everywhere.
    let reporter = client();
    let code = take_code(&drop, &reporter);
    let mut content = random_bytes(3 << 20);
    content.extend_from_slice(MARKERS[3].as_bytes());
    let files = vec![
        (format!("{}.pdf", MARKERS[2]), content),
        ("empty.txt".to_string(), Vec::new()),
        (
            "notes.txt".to_string(),
            format!("notes {}", MARKERS[3]).into_bytes(),
        ),
    ];
    let message = format!("Report: {}", MARKERS[0]);
    let (status, path, html) = submit(&drop, &reporter, &message, MARKERS[1], &files);
    assert_eq!((status, path.as_str()), (200, "/sent"), "{html}");

    // Follow up from a fresh browser with the code.
    let later = client();
    let html = log_in(&drop, &later, &code);
    assert!(html.contains("<td>3</td>"), "three files listed: {html}");
    for marker in MARKERS {
        assert!(!html.contains(marker), "the mailbox never shows contents");
    }
    let second = vec![("more.bin".to_string(), random_bytes(100_000))];
    let (status, path, _) = submit(&drop, &later, "A second message.", "", &second);
    assert_eq!((status, path.as_str()), (200, "/sent"));

    // Export while serving (through the admin socket, which only the drop's user may open).
    use std::os::unix::fs::PermissionsExt;
    let socket = std::fs::metadata(root.join("data/admin.sock")).unwrap();
    assert_eq!(socket.permissions().mode() & 0o777, 0o600);
    let bundle = root.join("bundle-1.tar");
    let (code_1, out, err) = export(root, &bundle, &[]);
    assert_eq!(code_1, 0, "{out}{err}");
    let mut opened = open_bundle(&bundle, &desk);
    opened.sort_by(|a, b| a.message.cmp(&b.message));
    assert_eq!(opened.len(), 2);
    assert_eq!(opened[0].message, b"A second message.");
    assert_eq!(opened[0].attachments, second);
    assert_eq!(opened[1].message, message.as_bytes());
    assert_eq!(opened[1].contact, MARKERS[1].as_bytes());
    assert_eq!(
        opened[1].attachments, files,
        "every byte of every attachment"
    );
    assert_eq!(
        export(root, &root.join("bundle-2.tar"), &[]).0,
        1,
        "nothing new"
    );

    // Canaries: nowhere on disk in the clear, nor in the log, nor in TMPDIR.
    drop.stop();
    assert!(
        !root.join("data/admin.sock").exists(),
        "the socket goes with the drop"
    );
    for marker in MARKERS {
        for dir in [root.join("data"), root.join("tmp"), root.join("keys")] {
            assert!(
                find_marker(&dir, marker.as_bytes()).is_empty(),
                "{marker} found under {}",
                dir.display()
            );
        }
        for log in ["stdout-1.log", "stderr-1.log"] {
            let text = std::fs::read_to_string(root.join(log)).unwrap();
            assert!(!text.contains(marker), "{marker} in {log}");
        }
    }
    let log = std::fs::read_to_string(root.join("stderr-1.log")).unwrap();
    assert!(!log.contains("127.0.0.1"), "no addresses in the log: {log}");

    // Export while stopped (opening the data folder directly): everything again.
    let bundle = root.join("bundle-all.tar");
    let (status, out, err) = export(root, &bundle, &["--all"]);
    assert_eq!(status, 0, "{out}{err}");
    assert_eq!(open_bundle(&bundle, &desk).len(), 2);

    // A mistyped data folder is an error, not an empty export.
    let (status, _, err) = export(&root.join("typo"), &root.join("x.tar"), &[]);
    assert_eq!(status, 2);
    assert!(err.contains("no data folder"), "{err}");
    assert!(!root.join("typo").exists());
}

#[test]
fn demo_desk_is_refused_on_a_public_address_and_warned_about_on_loopback() {
    let root = tempfile::tempdir().unwrap();
    make_desk(&root.path().join("keys"), amana::drop_config::DEMO_DESK);
    let output = Command::new(BIN)
        .env("AMANA_LANG", "en")
        .args(["serve", "--listen", "0.0.0.0:0", "--data"])
        .arg(root.path().join("data"))
        .arg("--keys")
        .arg(root.path().join("keys"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("demo desk"), "{err}");
    assert!(
        !root.path().join("data").exists(),
        "refused before touching anything"
    );

    let drop = Running::start(root.path(), 1);
    assert!(drop.stderr_text().contains("DEMO MODE"));
    drop.stop();
}

#[test]
fn a_configuration_with_an_unknown_key_is_refused_clearly() {
    let root = tempfile::tempdir().unwrap();
    let config = root.path().join("drop.toml");
    std::fs::write(
        &config,
        "listen = \"127.0.0.1:0\"\n[limits]\nmax_file = 3\n",
    )
    .unwrap();
    let output = Command::new(BIN)
        .env("AMANA_LANG", "en")
        .args(["serve", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("max_file") && err.contains("drop.toml"),
        "{err}"
    );
}

#[test]
fn a_client_that_never_finishes_its_headers_is_dropped() {
    use std::io::{Read, Write};
    let root = tempfile::tempdir().unwrap();
    make_desk(&root.path().join("keys"), DESK);
    let config = root.path().join("drop.toml");
    std::fs::write(&config, "[limits]\nheader_timeout_secs = 1\n").unwrap();
    let drop = Running::start_with(root.path(), 1, &["--config", config.to_str().unwrap()]);
    let address = drop.base.trim_start_matches("http://").to_string();
    let mut stream = std::net::TcpStream::connect(&address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let started = Instant::now();
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: drop\r\n")
        .unwrap();
    let mut buf = [0u8; 1024];
    let closed = match stream.read(&mut buf) {
        Ok(n) => n == 0 || String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 408"),
        Err(e) => e.kind() == std::io::ErrorKind::ConnectionReset,
    };
    assert!(closed, "the connection is closed");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    // A well-behaved client is still served.
    assert_eq!(home_status(&drop), 200);
    drop.stop();
}

#[test]
fn connections_beyond_the_limit_wait_their_turn() {
    let root = tempfile::tempdir().unwrap();
    make_desk(&root.path().join("keys"), DESK);
    let config = root.path().join("drop.toml");
    std::fs::write(&config, "[limits]\nmax_connections = 1\n").unwrap();
    let drop = Running::start_with(root.path(), 1, &["--config", config.to_str().unwrap()]);
    let address = drop.base.trim_start_matches("http://").to_string();
    let hog = std::net::TcpStream::connect(&address).unwrap();
    let impatient = reqwest::blocking::Client::builder()
        .timeout(Duration::from_millis(1500))
        .build()
        .unwrap();
    assert!(
        impatient.get(drop.url("/")).send().is_err(),
        "the only slot is taken"
    );
    // Its queued connection would otherwise be served next and kept alive, holding the slot
    // until the header timeout.
    std::mem::drop(impatient);
    drop_stream(hog);
    assert_eq!(home_status(&drop), 200);
    drop.stop();
}

/// The status of the home page for a well-behaved client.
fn home_status(drop: &Running) -> u16 {
    client()
        .get(drop.url("/"))
        .send()
        .unwrap()
        .status()
        .as_u16()
}

fn drop_stream(stream: std::net::TcpStream) {
    stream.shutdown(std::net::Shutdown::Both).unwrap();
}

/// The path of a file of this repository.
fn repo_file(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Every file under `dir`, by content, with its path relative to `dir`.
fn contents_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = files_under(dir)
        .into_iter()
        .map(|p| {
            let name = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_report_to_the_demo_desk_opens_with_amana_review_byte_for_byte() {
    let root = tempfile::tempdir().unwrap();
    let root = root.path();
    std::fs::create_dir_all(root.join("keys")).unwrap();
    std::fs::copy(repo_file("keys/demo.pub"), root.join("keys/demo.pub")).unwrap();
    let drop = Running::start(root, 1);
    let stdout = std::fs::read_to_string(&drop.stdout).unwrap();
    let fingerprint = stdout
        .lines()
        .find_map(|l| {
            l.split_once("confirm it): ")
                .map(|(_, fp)| fp.trim().to_string())
        })
        .expect("the fingerprint is printed at first start");

    let reporter = client();
    let code = take_code(&drop, &reporter);
    let first = vec![
        ("minutes.pdf".to_string(), random_bytes(1 << 20)),
        ("photo.jpg".to_string(), random_bytes(200_000)),
    ];
    // The form's desk select has only the demo desk here.
    let (_, _, form) = text(reporter.get(drop.url("/submit")).send().unwrap());
    assert!(form.contains("value=\"demo\""));
    let send = |client: &reqwest::blocking::Client, message: &str, files: &[(String, Vec<u8>)]| {
        let (_, _, form) = text(client.get(drop.url("/submit")).send().unwrap());
        let mut multipart = reqwest::blocking::multipart::Form::new()
            .text("csrf", csrf_of(&form))
            .text("desk", "demo")
            .text("message", message.to_string());
        for (name, content) in files {
            multipart = multipart.part(
                "files",
                reqwest::blocking::multipart::Part::bytes(content.clone()).file_name(name.clone()),
            );
        }
        let (status, path, _) = text(
            client
                .post(drop.url("/submit"))
                .multipart(multipart)
                .send()
                .unwrap(),
        );
        assert_eq!((status, path.as_str()), (200, "/sent"));
    };
    send(&reporter, "First report.", &first);
    let later = client();
    let (_, _, login) = text(later.get(drop.url("/login")).send().unwrap());
    let (status, _, _) = text(
        later
            .post(drop.url("/login"))
            .form(&[("csrf", csrf_of(&login)), ("code", code)])
            .send()
            .unwrap(),
    );
    assert_eq!(status, 200);
    let second = vec![("more.txt".to_string(), b"more evidence".to_vec())];
    send(&later, "Second message.", &second);

    let bundle = root.join("bundle.tar");
    let (status, out, err) = export(root, &bundle, &[]);
    assert_eq!(status, 0, "{out}{err}");
    drop.stop();

    let opened = root.join("opened");
    let review = Command::new(env!("CARGO_BIN_EXE_amana-review"))
        .arg("open")
        .arg(&bundle)
        .arg("--identity")
        .arg(repo_file("tests/data/demo-desk.key"))
        .arg("--passphrase-file")
        .arg(repo_file("tests/data/demo-desk.passphrase"))
        .arg("--out")
        .arg(&opened)
        .arg("--trust-drop")
        .arg(&fingerprint)
        .arg("--state")
        .arg(root.join("review-state"))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        review.status.success(),
        "{}{}",
        String::from_utf8_lossy(&review.stdout),
        String::from_utf8_lossy(&review.stderr)
    );
    // One case (one code), two messages, every byte as sent.
    let cases: Vec<_> = std::fs::read_dir(&opened)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .collect();
    assert_eq!(cases.len(), 1);
    let mut messages: Vec<_> = std::fs::read_dir(cases[0].path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    messages.sort();
    assert_eq!(messages.len(), 2);
    let mut seen = Vec::new();
    for message in &messages {
        let text = std::fs::read(message.join("message.txt")).unwrap();
        let mut attachments: Vec<Vec<u8>> = contents_under(&message.join("attachments"))
            .into_iter()
            .map(|(_, c)| c)
            .collect();
        attachments.sort();
        seen.push((text, attachments));
    }
    seen.sort();
    let mut expect_first: Vec<Vec<u8>> = first.iter().map(|(_, c)| c.clone()).collect();
    expect_first.sort();
    assert_eq!(seen[0], (b"First report.".to_vec(), expect_first));
    assert_eq!(
        seen[1],
        (b"Second message.".to_vec(), vec![b"more evidence".to_vec()])
    );
}
