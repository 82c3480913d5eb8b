//! The drop under load: `cargo bench --bench drop_load`.
//!
//! One run measures, on this machine and in the same minute (the machines are shared and
//! noisy, so only ratios within one run mean anything):
//!
//! 1. the age crate's raw sealing speed on the upload's data (in memory, to a sink), and the
//!    Go `age` CLI's beside it; then the fair references for a durable upload: the age crate
//!    sealing to a file on the drop's disk that is then fsync'd (a durable upload is bounded
//!    by the disk), and the drop's own sealing path (`EnvelopeWriter` and the drop's file
//!    output) fed from memory, no HTTP, into a fsync'd file;
//! 2. a whole upload over loopback HTTP into the real `amana-drop` binary, until the
//!    confirmation (sealed, fsync'd, recorded, flushed), with the drop's resident memory
//!    sampled throughout;
//! 3. new reports per second from 16 concurrent clients, and what bounds it;
//! 4. 200 concurrent follow-up logins: the drop's peak memory against its Argon2 budget, and
//!    the latency of a new report during the flood against idle.
//!
//! `AMANA_BENCH_UPLOAD_MIB` sets the upload size (default 1024). Results are printed and
//! written into `docs/performance.md` between the `drop-load` markers.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const MIB: u64 = 1 << 20;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rss_kib(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Samples a process's resident memory until stopped; returns the peak in KiB.
struct Sampler {
    stop: Arc<AtomicBool>,
    peak: Arc<AtomicU64>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Sampler {
    fn start(pid: u32) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let peak = Arc::new(AtomicU64::new(0));
        let (s, p) = (stop.clone(), peak.clone());
        let thread = std::thread::spawn(move || {
            while !s.load(Ordering::Relaxed) {
                p.fetch_max(rss_kib(pid, "VmRSS:"), Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(20));
            }
        });
        Sampler {
            stop,
            peak,
            thread: Some(thread),
        }
    }

    fn finish(mut self) -> u64 {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.take().unwrap().join().unwrap();
        self.peak.load(Ordering::Relaxed)
    }
}

struct Drop_ {
    child: Child,
    base: String,
    _dir: tempfile::TempDir,
}

impl Drop for Drop_ {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start_drop(config: &str) -> Drop_ {
    let dir = tempfile::tempdir().unwrap();
    let keys = dir.path().join("keys");
    std::fs::create_dir(&keys).unwrap();
    std::fs::copy(root().join("keys/demo.pub"), keys.join("demo.pub")).unwrap();
    let port = free_port();
    let config_path = dir.path().join("drop.toml");
    std::fs::write(&config_path, config).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_amana-drop"))
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .arg("--config")
        .arg(&config_path)
        .arg("--data")
        .arg(dir.path().join("data"))
        .arg("--keys")
        .arg(&keys)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start amana-drop");
    let base = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "the drop did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Drop_ {
        child,
        base,
        _dir: dir,
    }
}

fn client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(3600))
        .default_headers({
            let mut h = reqwest::header::HeaderMap::new();
            h.insert("sec-fetch-site", "same-origin".parse().unwrap());
            h
        })
        .build()
        .unwrap()
}

fn csrf_of(html: &str) -> String {
    let at = html.find("name=\"csrf\" value=\"").expect("a csrf field") + 19;
    html[at..].split('"').next().unwrap().to_string()
}

/// Takes a code and returns the submit form's token.
fn take_code(c: &reqwest::blocking::Client, base: &str) -> Result<String, String> {
    let r = c
        .post(format!("{base}/code"))
        .send()
        .map_err(|e| e.to_string())?;
    if r.status() != 303 {
        return Err(format!("code: {}", r.status()));
    }
    let html = c
        .get(format!("{base}/submit"))
        .send()
        .and_then(|r| r.text())
        .map_err(|e| e.to_string())?;
    Ok(csrf_of(&html))
}

fn submit(
    c: &reqwest::blocking::Client,
    base: &str,
    csrf: &str,
    file: reqwest::blocking::multipart::Part,
) -> Result<(), String> {
    let form = reqwest::blocking::multipart::Form::new()
        .text("csrf", csrf.to_string())
        .text("desk", "demo")
        .text("message", "benchmark report")
        .part("files", file);
    let r = c
        .post(format!("{base}/submit"))
        .multipart(form)
        .send()
        .map_err(|e| e.to_string())?;
    if r.status() == 303 {
        Ok(())
    } else {
        Err(format!("submit: {}", r.status()))
    }
}

/// A reporter with reqwest's async client: takes a code, returns the client and the submit
/// form's token.
async fn async_code(base: &str) -> (reqwest::Client, String) {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("sec-fetch-site", "same-origin".parse().unwrap());
    let c = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .build()
        .unwrap();
    let r = c.post(format!("{base}/code")).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let html = c
        .get(format!("{base}/submit"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    (c, csrf_of(&html))
}

/// Uploads the file at `path` (`len` bytes) in 1 MiB pieces as one attachment.
async fn async_upload(
    c: &reqwest::Client,
    base: &str,
    csrf: &str,
    path: &Path,
    len: u64,
) -> Result<(), String> {
    let file = tokio::fs::File::open(path)
        .await
        .map_err(|e| e.to_string())?;
    let stream = tokio_util::io::ReaderStream::with_capacity(file, 1 << 20);
    let part =
        reqwest::multipart::Part::stream_with_length(reqwest::Body::wrap_stream(stream), len)
            .file_name("upload.bin")
            .mime_str("application/octet-stream")
            .unwrap();
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf.to_string())
        .text("desk", "demo")
        .text("message", "benchmark report")
        .part("files", part);
    let r = c
        .post(format!("{base}/submit"))
        .multipart(form)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if r.status() == 303 {
        Ok(())
    } else {
        Err(format!("submit: {}", r.status()))
    }
}

fn small_report(base: &str) -> Result<Duration, String> {
    let t = Instant::now();
    let c = client();
    let csrf = take_code(&c, base)?;
    let part =
        reqwest::blocking::multipart::Part::bytes(vec![7u8; 10 * 1024]).file_name("note.txt");
    submit(&c, base, &csrf, part)?;
    Ok(t.elapsed())
}

fn mbps(bytes: u64, d: Duration) -> f64 {
    bytes as f64 / MIB as f64 / d.as_secs_f64()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn write_data(path: &Path, bytes: u64) {
    use rand::RngCore;
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut buf = vec![0u8; MIB as usize];
    for _ in 0..bytes / MIB {
        rand::rngs::OsRng.fill_bytes(&mut buf);
        f.write_all(&buf).unwrap();
    }
    f.flush().unwrap();
}

fn age_raw(path: &Path, recipient: &age::x25519::Recipient) -> f64 {
    let mut runs = Vec::new();
    for _ in 0..3 {
        let mut input = std::fs::File::open(path).unwrap();
        let len = input.metadata().unwrap().len();
        let t = Instant::now();
        let enc =
            age::Encryptor::with_recipients(std::iter::once(recipient as &dyn age::Recipient))
                .unwrap();
        let mut w = enc.wrap_output(std::io::sink()).unwrap();
        copy_in_pieces(&mut input, &mut w, 64 * 1024);
        w.finish().unwrap();
        runs.push(mbps(len, t.elapsed()));
    }
    median(runs)
}

/// A way to seal the input file into an output file (to be fsync'd by the caller).
type SealToFile<'a> = &'a dyn Fn(std::fs::File, std::fs::File) -> std::fs::File;

/// Each of `variants` sealing `input` into a new file in `dir` that is then fsync'd, three
/// rounds interleaved so that a change in the disk's speed touches all alike; the median of
/// each, in MiB/s. The file is deleted after each run.
fn to_durable_files(input: &Path, dir: &Path, variants: &[SealToFile]) -> Vec<f64> {
    let len = std::fs::metadata(input).unwrap().len();
    let mut runs = vec![Vec::new(); variants.len()];
    for _ in 0..3 {
        for (seal, runs) in variants.iter().zip(&mut runs) {
            let out_path = dir.join("reference.age");
            let t = Instant::now();
            let out = seal(
                std::fs::File::open(input).unwrap(),
                std::fs::File::create(&out_path).unwrap(),
            );
            out.sync_all().unwrap();
            runs.push(mbps(len, t.elapsed()));
            std::fs::remove_file(&out_path).unwrap();
        }
    }
    runs.into_iter().map(median).collect()
}

/// The age crate sealing `input` into `out`.
fn age_seal<W: Write>(mut input: std::fs::File, out: W, recipient: &age::x25519::Recipient) -> W {
    let enc =
        age::Encryptor::with_recipients(std::iter::once(recipient as &dyn age::Recipient)).unwrap();
    let mut w = enc.wrap_output(out).unwrap();
    copy_in_pieces(&mut input, &mut w, 256 * 1024);
    w.finish().unwrap()
}

/// The drop's sealing path without HTTP: one attachment read from memory (the page cache)
/// in 256 KiB pieces into an `EnvelopeWriter` over the drop's envelope file output.
fn drop_seal(
    mut input: std::fs::File,
    out: std::fs::File,
    desk: &amana::desk::DeskPublic,
) -> std::fs::File {
    let header = amana::seal::Header {
        kind: amana::envelope::Kind::Report,
        channel: amana::envelope::Channel::Web,
        day: amana::util::today(),
        mailbox: "00".repeat(32),
        reply_recipient: desk.recipients[0].recipient.to_string(),
    };
    let output = amana::store::EnvelopeOutput::new(out);
    let mut w = amana::seal::EnvelopeWriter::new(output, desk, header).unwrap();
    w.begin_attachment("upload.bin", "application/octet-stream")
        .unwrap();
    copy_in_pieces(&mut input, &mut w, 256 * 1024);
    w.end_attachment().unwrap();
    w.write_message("benchmark report").unwrap();
    let (output, _) = w.finish().unwrap();
    output.into_file().unwrap()
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// Copies `input` to `out` in writes of up to `piece` bytes.
fn copy_in_pieces(input: &mut impl Read, out: &mut impl Write, piece: usize) {
    let mut buf = vec![0u8; piece];
    loop {
        let n = input.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        out.write_all(&buf[..n]).unwrap();
    }
}

fn go_age(path: &Path, recipient: &str) -> Option<f64> {
    let len = std::fs::metadata(path).ok()?.len();
    let mut runs = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let ok = Command::new("age")
            .args(["-r", recipient, "-o", "/dev/null"])
            .arg(path)
            .status()
            .ok()?
            .success();
        if !ok {
            return None;
        }
        runs.push(mbps(len, t.elapsed()));
    }
    Some(median(runs))
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing useful either.
    let mib: u64 = std::env::var("AMANA_BENCH_UPLOAD_MIB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1024);
    let bytes = mib * MIB;
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("upload.bin");
    write_data(&data, bytes);
    let desk = amana::desk::DeskPublic::load(&root().join("keys/demo.pub")).unwrap();
    let recipient = desk.recipients[0].recipient.clone();
    let mut out = String::new();
    let mut line = |s: String| {
        println!("{s}");
        out.push_str(&s);
        out.push('\n');
    };

    let load_before = load_average();
    // 1. Raw sealing speeds, and the durable references on the same disk as the drop's data.
    let raw = age_raw(&data, &recipient);
    let go = go_age(&data, &recipient.to_string());
    let durable = to_durable_files(
        &data,
        work.path(),
        &[
            &|input, out| {
                age_seal(
                    input,
                    std::io::BufWriter::with_capacity(256 * 1024, out),
                    &recipient,
                )
                .into_inner()
                .unwrap()
            },
            &|input, out| {
                age_seal(input, amana::store::EnvelopeOutput::new(out), &recipient)
                    .into_file()
                    .unwrap()
            },
            &|input, out| drop_seal(input, out, &desk),
        ],
    );
    let (age_file, age_output, sealer_file) = (durable[0], durable[1], durable[2]);

    // 2. Three large uploads over loopback HTTP (median), each a new reporter.
    let drop_ = start_drop("");
    let pid = drop_.child.id();
    // The client is reqwest's async one sending the file in 1 MiB pieces: the blocking
    // client sends a reader in 8 KiB pieces, and would measure itself rather than the drop.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    // Codes first: their key derivation's memory is bounded separately (its budget).
    let reporters: Vec<_> = (0..3)
        .map(|_| rt.block_on(async_code(&drop_.base)))
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let idle_rss = rss_kib(pid, "VmRSS:");
    let sampler = Sampler::start(pid);
    let mut uploads = Vec::new();
    for (c, csrf) in reporters {
        let t = Instant::now();
        rt.block_on(async_upload(&c, &drop_.base, &csrf, &data, bytes))
            .expect("the upload is confirmed");
        uploads.push(mbps(bytes, t.elapsed()));
    }
    let upload_runs = uploads
        .iter()
        .map(|u| format!("{u:.0}"))
        .collect::<Vec<_>>()
        .join(", ");
    let upload = median(uploads);
    let peak_rss = sampler.finish();
    drop(drop_);
    let load_after = load_average();

    line(format!(
        "| machine | {} cores, {} |",
        num_cpus(),
        cpu_model()
    ));
    line(format!(
        "| load average (1, 5, 15 min) | {load_before} before the references, {load_after} after the uploads |"
    ));
    line(format!("| upload size | {mib} MiB |"));
    line(format!(
        "| age crate, raw sealing to a sink (median of 3) | {raw:.0} MiB/s |"
    ));
    match go {
        Some(g) => line(format!(
            "| Go `age` CLI, sealing to /dev/null (median of 3) | {g:.0} MiB/s |"
        )),
        None => line("| Go `age` CLI | not installed |".into()),
    }
    line(format!(
        "| age crate, sealing to a file on the drop's disk (256 KiB writes), then fsync (median of 3) | {age_file:.0} MiB/s |"
    ));
    line(format!(
        "| age crate, sealing into the drop's envelope file output (writeback started every 8 MiB), then fsync (median of 3) | {age_output:.0} MiB/s |"
    ));
    line(format!(
        "| the drop's sealing path from memory, no HTTP (`EnvelopeWriter` → the drop's envelope file output), then fsync (median of 3) | {sealer_file:.0} MiB/s |"
    ));
    let ratio = upload / raw;
    line(format!(
        "| upload over loopback HTTP into `amana-drop` (reqwest's async client, 1 MiB pieces), until confirmed durable (median of 3: {upload_runs}) | {upload:.0} MiB/s = **{:.0}%** of raw age (target ≥ 70%: {}); **{:.0}%** of age to a fsync'd file; {:.0}% of the drop's sealing path from memory |",
        ratio * 100.0,
        if ratio >= 0.7 { "met" } else { "NOT met" },
        upload / age_file * 100.0,
        upload / sealer_file * 100.0,
    ));
    let growth = peak_rss.saturating_sub(idle_rss) / 1024;
    line(format!(
        "| drop memory during the upload | idle {} MiB, peak {} MiB: grew {growth} MiB (target < 32 MiB: {}) |",
        idle_rss / 1024,
        peak_rss / 1024,
        if growth < 32 { "met" } else { "NOT met" }
    ));

    // 3. 16 concurrent clients sending small reports, with the default Argon2 cost.
    let drop_ = start_drop("");
    let base = drop_.base.clone();
    let idle_latency = small_report(&base).expect("a report");
    let per_client = 4;
    let t = Instant::now();
    let handles: Vec<_> = (0..16)
        .map(|_| {
            let base = base.clone();
            std::thread::spawn(move || {
                (0..per_client)
                    .map(|_| small_report(&base).is_ok() as u32)
                    .sum::<u32>()
            })
        })
        .collect();
    let ok: u32 = handles.into_iter().map(|h| h.join().unwrap()).sum();
    let rate = f64::from(ok) / t.elapsed().as_secs_f64();
    let argon = argon_ms();
    line(format!(
        "| new reports per second, 16 concurrent clients ({ok} of {} accepted) | {rate:.1}/s |",
        16 * per_client
    ));
    line(format!(
        "| one Argon2id derivation (64 MiB, t=3, p=4) on this machine | {argon:.0} ms, so with the default 2 issuing permits the bound is about {:.1} codes/s |",
        2000.0 / argon
    ));

    // 4. 200 concurrent follow-up logins while new reports keep coming.
    let idle_rss = rss_kib(drop_.child.id(), "VmRSS:");
    let sampler = Sampler::start(drop_.child.id());
    let flood: Vec<_> = (0..200)
        .map(|i| {
            let base = base.clone();
            std::thread::spawn(move || {
                let c = client();
                let html = c.get(format!("{base}/login")).send().and_then(|r| r.text());
                let Ok(html) = html else { return 0u16 };
                let code = amana::credential::ReceiptCode::from_value(i as u128 + 1).unwrap();
                c.post(format!("{base}/login"))
                    .form(&[
                        ("csrf", csrf_of(&html)),
                        ("code", code.to_digits().to_string()),
                    ])
                    .send()
                    .map(|r| r.status().as_u16())
                    .unwrap_or(0)
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    let during = small_report(&base);
    let statuses: Vec<u16> = flood.into_iter().map(|h| h.join().unwrap()).collect();
    let peak = sampler.finish();
    let busy = statuses.iter().filter(|s| **s == 503).count();
    let answered = statuses.iter().filter(|s| **s != 0).count();
    line(format!(
        "| 200 concurrent follow-up logins | all answered: {answered}/200 ({busy} \"busy, try again\"); drop memory idle {} MiB, peak {} MiB |",
        idle_rss / 1024,
        peak / 1024
    ));
    line(format!(
        "| latency of a new report (code + submit), idle → during the login flood | {:.2} s → {} |",
        idle_latency.as_secs_f64(),
        match during {
            Ok(d) => format!("{:.2} s (accepted)", d.as_secs_f64()),
            Err(e) => format!("REFUSED ({e})"),
        }
    ));
    drop(drop_);

    record(&out);
}

fn argon_ms() -> f64 {
    use amana::credential::{KdfParams, MailboxKeys, ReceiptCode};
    let code = ReceiptCode::generate();
    let mut runs = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let _ = MailboxKeys::derive(&code, &[0; 32], KdfParams::RFC9106_SECOND);
        runs.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    median(runs)
}

fn num_cpus() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into())
}

/// Replaces the section between the markers in docs/performance.md (or appends it).
fn record(table: &str) {
    let path = root().join("docs/performance.md");
    let begin = "<!-- drop-load: begin -->";
    let end = "<!-- drop-load: end -->";
    let day = amana::util::today();
    let section = format!(
        "{begin}\n## The drop under load\n\nMeasured by `cargo bench --bench drop_load` on {day}. \
         Ratios compare figures taken in the same run; the machine is shared, so \
         the load average says how busy it was. Analysis: the next section.\n\n| what | result |\n|---|---|\n{table}{end}"
    );
    let old = std::fs::read_to_string(&path).unwrap_or_else(|_| "# Performance\n".into());
    let new = match (old.find(begin), old.find(end)) {
        (Some(b), Some(e)) if b < e => format!("{}{section}{}", &old[..b], &old[e + end.len()..]),
        _ => format!("{}\n{section}\n", old.trim_end()),
    };
    std::fs::write(&path, new).unwrap();
}
