//! `cargo bench --bench throughput`: how fast Amana seals and opens one large attachment,
//! against the age crate's own raw throughput measured in the same run, and how much memory
//! sealing and opening hold.
//!
//! Every figure is the median of three runs over the same random data, read from a
//! page-cached file in a temporary folder on disk. Throughput is the attachment's size
//! divided by the wall time, in MB/s (10⁶ bytes per second). The measurements are
//! interleaved (one round of every measurement, three rounds) so that a burst of load on a
//! shared machine spreads over all of them instead of hitting one.
//!
//! - `AMANA_BENCH_MIB` sets the data size in MiB (default 1024). Only a full-size run
//!   rewrites its section of `docs/performance.md`, unless `AMANA_BENCH_DOC=1` is set.
//! - Peak memory is measured in child processes (this binary re-run with `--child …`), which
//!   report `VmHWM` from `/proc/self/status`, at 64 MiB and at the full size.
//!
//! The Go `age` CLI is measured too when it is on `PATH`.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use age::secrecy::ExposeSecret;
use amana::desk::{DeskPublic, DeskSecret};
use amana::envelope::{Channel, Kind};
use amana::review::{open_bundle, OpenOptions};
use amana::seal::{EnvelopeWriter, Header, Sealed};
use rand::{RngCore, SeedableRng};

const MIB: u64 = 1024 * 1024;
/// Block size the input file is read in, for every Rust path alike.
const READ_BLOCK: usize = 1 << 20;
const RUNS: usize = 3;
/// The smaller size that peak memory is compared at.
const SMALL_MIB: u64 = 64;
const MEMORY_LIMIT_KIB: u64 = 32 * 1024;
/// How much the peak may grow from 64 MiB to the full size and still count as flat.
const FLAT_TOLERANCE_KIB: u64 = 2 * 1024;
const TARGET: f64 = 0.80;
const SECTION: &str = "## Sealing and opening (issue: envelopes)";
/// A memory-backed folder, to measure opening without the disk.
const MEMORY_DIR: &str = "/dev/shm";

fn main() {
    // `cargo bench` passes `--bench`; a harness-less bench ignores it.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if args.first().map(String::as_str) == Some("--child") {
        child(&args[1..]);
        return;
    }
    let mib: u64 = std::env::var("AMANA_BENCH_MIB")
        .ok()
        .map(|v| v.parse().expect("AMANA_BENCH_MIB is a number of MiB"))
        .unwrap_or(1024);
    run(mib);
}

/// Files and keys shared by every measurement.
struct Setup {
    dir: tempfile::TempDir,
    len: u64,
    input: PathBuf,
    identity: age::x25519::Identity,
    identity_file: PathBuf,
    desk: DeskPublic,
    secret: DeskSecret,
    raw_age: PathBuf,
    bundle: PathBuf,
    small_bundle: PathBuf,
    drop_key: ed25519_dalek::SigningKey,
}

fn desk_of(identity: &age::x25519::Identity) -> (DeskPublic, DeskSecret) {
    let public = DeskPublic::parse(
        &format!("# amana-desk: bench\n{}\n", identity.to_public()),
        "bench",
    )
    .expect("a fresh recipient is a desk");
    let secret = DeskSecret::parse_identity_text(&format!(
        "# amana-desk: bench\n{}\n",
        identity.to_string().expose_secret()
    ))
    .expect("a fresh identity parses");
    (public, secret)
}

fn prepare(mib: u64) -> Setup {
    let dir = tempfile::Builder::new()
        .prefix("amana-bench-")
        .tempdir()
        .expect("temporary folder");
    let len = mib * MIB;
    let input = dir.path().join("data.bin");
    let mut rng = rand::rngs::StdRng::seed_from_u64(0x61_6d61_6e61);
    let mut out = File::create(&input).unwrap();
    let mut block = vec![0u8; READ_BLOCK];
    let mut left = len;
    while left > 0 {
        let n = left.min(block.len() as u64) as usize;
        rng.fill_bytes(&mut block[..n]);
        out.write_all(&block[..n]).unwrap();
        left -= n as u64;
    }
    drop(out);

    let identity = age::x25519::Identity::generate();
    let identity_file = dir.path().join("identity.txt");
    std::fs::write(
        &identity_file,
        format!("{}\n", identity.to_string().expose_secret()),
    )
    .unwrap();
    let (desk, secret) = desk_of(&identity);

    let raw_age = dir.path().join("raw.age");
    let w = BufWriter::with_capacity(READ_BLOCK, File::create(&raw_age).unwrap());
    age_seal(&input, len, &identity.to_public(), w);

    let store = dir.path().join("store");
    std::fs::create_dir(&store).unwrap();
    let drop_key = ed25519_dalek::SigningKey::from_bytes(&[7; 32]);
    let (envelope, sealed) = seal_to_store(&store, &input, len, &desk);
    let bundle = dir.path().join("bundle.tar");
    write_bundle(&bundle, &drop_key, &envelope, &sealed);
    let small = len.min(SMALL_MIB * MIB);
    let (small_envelope, small_sealed) = seal_to_store(&store, &input, small, &desk);
    let small_bundle = dir.path().join("bundle-small.tar");
    write_bundle(&small_bundle, &drop_key, &small_envelope, &small_sealed);
    std::fs::remove_file(&small_envelope).unwrap();

    Setup {
        dir,
        len,
        input,
        identity,
        identity_file,
        desk,
        secret,
        raw_age,
        bundle,
        small_bundle,
        drop_key,
    }
}

/// Copies the first `len` bytes of `input` into `w` in [`READ_BLOCK`] blocks.
fn feed(input: &Path, len: u64, w: &mut dyn Write) {
    let mut f = File::open(input).unwrap().take(len);
    let mut block = vec![0u8; READ_BLOCK];
    loop {
        let n = f.read(&mut block).unwrap();
        if n == 0 {
            break;
        }
        w.write_all(&block[..n]).unwrap();
    }
}

/// Drains `r` into `w` through a 256 KiB buffer (as the reviewer copies).
fn drain(r: &mut dyn Read, w: &mut dyn Write) -> u64 {
    let mut buf = vec![0u8; 256 * 1024];
    let mut total = 0;
    loop {
        let n = r.read(&mut buf).unwrap();
        if n == 0 {
            return total;
        }
        w.write_all(&buf[..n]).unwrap();
        total += n as u64;
    }
}

fn age_seal<W: Write>(input: &Path, len: u64, to: &age::x25519::Recipient, out: W) -> W {
    let encryptor = age::Encryptor::with_recipients(std::iter::once(to as &dyn age::Recipient))
        .expect("one recipient");
    let mut w = encryptor.wrap_output(out).unwrap();
    feed(input, len, &mut w);
    w.finish().unwrap()
}

fn age_open(file: &Path, identity: &age::x25519::Identity, out: &mut dyn Write) -> u64 {
    let input = io::BufReader::with_capacity(256 * 1024, File::open(file).unwrap());
    let decryptor = age::Decryptor::new_buffered(input).unwrap();
    let mut r = decryptor
        .decrypt(std::iter::once(identity as &dyn age::Identity))
        .unwrap();
    drain(&mut r, out)
}

fn header() -> Header {
    Header {
        kind: Kind::Report,
        channel: Channel::Web,
        day: "2026-11-30".into(),
        mailbox: "ab".repeat(32),
        reply_recipient: age::x25519::Identity::generate().to_public().to_string(),
    }
}

fn amana_seal<W: Write>(input: &Path, len: u64, desk: &DeskPublic, out: W) -> (W, Sealed) {
    let mut w = EnvelopeWriter::new(out, desk, header()).unwrap();
    w.write_message("A benchmark report with one large attachment.")
        .unwrap();
    w.begin_attachment("evidence.bin", "application/octet-stream")
        .unwrap();
    feed(input, len, &mut w);
    w.end_attachment().unwrap();
    w.finish().unwrap()
}

fn seal_to_store(store: &Path, input: &Path, len: u64, desk: &DeskPublic) -> (PathBuf, Sealed) {
    let tmp = store.join(".sealing");
    let out = BufWriter::with_capacity(READ_BLOCK, File::create(&tmp).unwrap());
    let (out, sealed) = amana_seal(input, len, desk, out);
    out.into_inner().unwrap().sync_all().unwrap();
    let path = store.join(format!("{}.age", sealed.id));
    std::fs::rename(&tmp, &path).unwrap();
    (path, sealed)
}

fn write_bundle(out: &Path, key: &ed25519_dalek::SigningKey, envelope: &Path, sealed: &Sealed) {
    let item = amana::bundle::ExportItem {
        path: envelope.to_path_buf(),
        desk: sealed.desk.clone(),
        key_ids: sealed.key_ids.clone(),
        size: sealed.size,
    };
    let seq = std::collections::BTreeMap::from([(sealed.desk.clone(), 1)]);
    let file = BufWriter::with_capacity(READ_BLOCK, File::create(out).unwrap());
    amana::bundle::write_bundle(file, key, &seq, &[item]).unwrap();
}

/// The whole reviewer path: `open_bundle` on a one-envelope bundle.
fn amana_open_bundle(
    bundle: &Path,
    secret: &DeskSecret,
    key: &ed25519_dalek::VerifyingKey,
    work: &Path,
) {
    let options = OpenOptions {
        out_dir: work.join("cases"),
        state_dir: work.join("state"),
        trust_fingerprint: Some(amana::drop_key::fingerprint(key)),
        prompt: None,
    };
    let report = open_bundle(File::open(bundle).unwrap(), secret, &options).unwrap();
    assert_eq!(report.opened.len(), 1, "the envelope opened");
}

fn go_age() -> Option<String> {
    let out = Command::new("age").arg("--version").output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn go_run(args: &[&str]) {
    let status = Command::new("age")
        .args(args)
        .stdout(Stdio::null())
        .status()
        .expect("age runs");
    assert!(status.success(), "age {args:?} failed");
}

/// A scratch folder for one run, emptied afterwards (outside the timing): in memory
/// (`/dev/shm`) for the measurements whose key ends in `_memory`, else on disk.
fn scratch(s: &Setup, key: &str) -> tempfile::TempDir {
    let base = if key.ends_with("_memory") {
        Path::new(MEMORY_DIR)
    } else {
        s.dir.path()
    };
    tempfile::Builder::new()
        .prefix("run-")
        .tempdir_in(base)
        .unwrap()
}

struct Measure {
    key: &'static str,
    what: &'static str,
    output: &'static str,
    /// Throughput of each run, MB/s.
    runs: Vec<f64>,
    /// CPU seconds (user + system, every thread and waited-for child) of each run.
    cpu: Vec<f64>,
}

fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

impl Measure {
    fn median(&self) -> f64 {
        median(&self.runs)
    }
}

/// CPU time used so far by this process and its waited-for children, in clock ticks.
fn cpu_ticks() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest)
        .unwrap_or_default();
    // Fields 14-17 of proc(5): utime, stime, cutime, cstime (after the name: 11-14).
    after_name
        .split_whitespace()
        .skip(11)
        .take(4)
        .filter_map(|f| f.parse::<u64>().ok())
        .sum()
}

/// The one-minute load average.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

fn clock_ticks_per_second() -> f64 {
    command_line("getconf", &["CLK_TCK"])
        .and_then(|t| t.trim().parse().ok())
        .unwrap_or(100.0)
}

type Job<'a> = Box<dyn Fn(&Path) + 'a>;

fn run(mib: u64) {
    eprintln!("preparing {mib} MiB of random data, an age file, an envelope and bundles…");
    let s = prepare(mib);
    let go = go_age();
    let recipient = s.identity.to_public();
    let recipient_text = recipient.to_string();
    let input = s.input.to_str().unwrap().to_string();
    let raw_age = s.raw_age.to_str().unwrap().to_string();
    let identity_file = s.identity_file.to_str().unwrap().to_string();
    let verifying = s.drop_key.verifying_key();

    let mut jobs: Vec<(Measure, Job<'_>)> = vec![
        (
            measure("age_seal", "age crate, seal (sync `Encryptor`)", "`io::sink()`"),
            Box::new(|_| {
                age_seal(&s.input, s.len, &recipient, io::sink());
            }),
        ),
        (
            measure("amana_seal", "Amana, seal (`EnvelopeWriter`, one attachment)", "`io::sink()`"),
            Box::new(|_| {
                amana_seal(&s.input, s.len, &s.desk, io::sink());
            }),
        ),
        (
            measure("age_open", "age crate, open (`Decryptor`)", "`io::sink()`"),
            Box::new(|_| {
                age_open(&s.raw_age, &s.identity, &mut io::sink());
            }),
        ),
        (
            measure("age_open_file", "age crate, open (`Decryptor`)", "a file (no fsync)"),
            Box::new(|work| {
                let mut out = File::create(work.join("plain")).unwrap();
                age_open(&s.raw_age, &s.identity, &mut out);
            }),
        ),
        (
            measure("age_open_sync", "age crate, open (`Decryptor`)", "a file, fsync'd"),
            Box::new(|work| {
                let mut out = File::create(work.join("plain")).unwrap();
                age_open(&s.raw_age, &s.identity, &mut out);
                out.sync_all().unwrap();
            }),
        ),
        (
            measure(
                "age_open_memory",
                "age crate, open (`Decryptor`)",
                "a file in `/dev/shm` (memory), fsync'd",
            ),
            Box::new(|work| {
                let mut out = File::create(work.join("plain")).unwrap();
                age_open(&s.raw_age, &s.identity, &mut out);
                out.sync_all().unwrap();
            }),
        ),
        (
            measure(
                "amana_open_memory",
                "Amana, open: `open_bundle` on a one-envelope bundle",
                "a case folder in `/dev/shm` (memory), fsync'd",
            ),
            Box::new(|work| amana_open_bundle(&s.bundle, &s.secret, &verifying, work)),
        ),
        (
            measure(
                "amana_open_bundle",
                "Amana, open: `open_bundle` on a one-envelope bundle (signature, SHA-256 of the envelope, decrypt, extract, fsync)",
                "a case folder, fsync'd",
            ),
            Box::new(|work| amana_open_bundle(&s.bundle, &s.secret, &verifying, work)),
        ),
    ];
    if go.is_some() {
        jobs.push((
            measure("go_seal", "Go `age -r`", "`/dev/null`"),
            Box::new(|_| go_run(&["-r", &recipient_text, &input])),
        ));
        jobs.push((
            measure("go_open", "Go `age -d -i`", "`/dev/null`"),
            Box::new(|_| go_run(&["-d", "-i", &identity_file, &raw_age])),
        ));
    }

    // For profiling: `AMANA_BENCH_ONLY=<key>` runs that measurement alone and writes nothing.
    let only = std::env::var("AMANA_BENCH_ONLY").ok();
    if let Some(key) = &only {
        jobs.retain(|(m, _)| m.key == key.as_str());
        assert!(!jobs.is_empty(), "no measurement is called {key}");
    }
    let tck = clock_ticks_per_second();
    let load_before = load_average();
    for round in 1..=RUNS {
        for (m, job) in jobs.iter_mut() {
            let work = scratch(&s, m.key);
            // What an earlier run left dirty is written out first, outside the timing, so
            // that no run pays for another's writeback.
            let _ = Command::new("sync").status();
            let ticks = cpu_ticks();
            let start = Instant::now();
            job(work.path());
            let secs = start.elapsed().as_secs_f64();
            let cpu = (cpu_ticks() - ticks) as f64 / tck;
            let rate = s.len as f64 / secs / 1e6;
            eprintln!(
                "round {round}: {:<18} {rate:>8.0} MB/s  {secs:>6.2} s wall  {cpu:>6.2} s CPU",
                m.key
            );
            m.runs.push(rate);
            m.cpu.push(cpu);
        }
    }
    if only.is_some() {
        return;
    }
    let measures: Vec<Measure> = jobs.into_iter().map(|(m, _)| m).collect();
    let load = (load_before, load_average());

    eprintln!("measuring peak memory in child processes…");
    let small = s.len.min(SMALL_MIB * MIB);
    let memory = [
        (
            "seal (`EnvelopeWriter` → `io::sink()`)",
            child_hwm(&["seal", &input, &small.to_string(), &identity_file]),
            child_hwm(&["seal", &input, &s.len.to_string(), &identity_file]),
        ),
        (
            "open (`open_bundle`, fsync'd case folder)",
            child_hwm(&["open", s.small_bundle.to_str().unwrap(), &identity_file]),
            child_hwm(&["open", s.bundle.to_str().unwrap(), &identity_file]),
        ),
    ];

    let report = render(&s, mib, go.as_deref(), &measures, &memory, load);
    println!("{report}");
    let write_doc = mib == 1024 || std::env::var_os("AMANA_BENCH_DOC").is_some();
    if write_doc {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/performance.md");
        write_section(&path, &report);
        eprintln!("wrote {}", path.display());
    } else {
        eprintln!(
            "docs/performance.md not written (not a 1024 MiB run; AMANA_BENCH_DOC=1 forces it)"
        );
    }
}

fn measure(key: &'static str, what: &'static str, output: &'static str) -> Measure {
    Measure {
        key,
        what,
        output,
        runs: Vec::new(),
        cpu: Vec::new(),
    }
}

fn find<'a>(measures: &'a [Measure], key: &str) -> Option<&'a Measure> {
    measures.iter().find(|m| m.key == key)
}

fn command_line(cmd: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(cmd).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn render(
    s: &Setup,
    mib: u64,
    go: Option<&str>,
    measures: &[Measure],
    memory: &[(&str, u64, u64)],
    load: (String, String),
) -> String {
    let nproc = command_line("nproc", &[]).unwrap_or_default();
    let model = command_line("lscpu", &[])
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("Model name:").map(|m| m.trim().to_string()))
        .unwrap_or_else(|| "unknown".into());
    let now = time::OffsetDateTime::now_utc();
    let date = format!(
        "{} {:02}:{:02} UTC",
        amana::util::day_of(now),
        now.hour(),
        now.minute()
    );
    let rustc = command_line("rustc", &["--version"]).unwrap_or_default();

    let mut o = String::new();
    let _ = writeln!(o, "{SECTION}\n");
    let _ = writeln!(
        o,
        "Written by `cargo bench --bench throughput`. Machine: {} CPUs ({model}), {date}, {}; \
         load average {} before and {} after the timed runs. Data: {mib} MiB of random bytes \
         in a page-cached file in a temporary folder on disk. Each figure is the median of \
         {RUNS} interleaved runs; MB/s = 10⁶ bytes of attachment per second of wall time; CPU \
         is user + system time of every thread (and of the `age` process), per GiB.\n",
        nproc.trim(),
        rustc.trim(),
        load.0,
        load.1
    );
    let _ = writeln!(
        o,
        "| what | output | MB/s (median) | runs | CPU s/GiB (median) |"
    );
    let _ = writeln!(o, "|---|---|---:|---|---:|");
    for m in measures {
        let runs: Vec<String> = m.runs.iter().map(|r| format!("{r:.0}")).collect();
        let what = if m.key.starts_with("go_") {
            format!("{} ({})", m.what, go.unwrap_or("?"))
        } else {
            m.what.to_string()
        };
        let cpu_per_gib = median(&m.cpu) * (1u64 << 30) as f64 / s.len as f64;
        let _ = writeln!(
            o,
            "| {what} | {} | {:.0} | {} | {cpu_per_gib:.2} |",
            m.output,
            m.median(),
            runs.join(", ")
        );
    }
    if go.is_none() {
        let _ = writeln!(o, "\nThe Go `age` CLI was not installed: no figure for it.");
    }

    let _ = writeln!(o, "\n| ratio | value | target | result |");
    let _ = writeln!(o, "|---|---:|---:|---|");
    let ratios = [
        (
            "sealing: Amana / age crate, both to `io::sink()`",
            "amana_seal",
            "age_seal",
            true,
        ),
        (
            "opening, on disk: Amana `open_bundle` to a case folder / age crate to a file, both fsync'd",
            "amana_open_bundle",
            "age_open_sync",
            true,
        ),
        (
            "opening, in memory: Amana `open_bundle` to a case folder in `/dev/shm` / age crate to a file in `/dev/shm`",
            "amana_open_memory",
            "age_open_memory",
            true,
        ),
        (
            "opening, in memory: Amana `open_bundle` to a case folder in `/dev/shm` / age crate to `io::sink()` (raw)",
            "amana_open_memory",
            "age_open",
            true,
        ),
        (
            "opening: Amana `open_bundle` to disk / age crate to `io::sink()` (raw; the disk bounds the first)",
            "amana_open_bundle",
            "age_open",
            false,
        ),
        (
            "sealing: age crate / Go `age`",
            "age_seal",
            "go_seal",
            false,
        ),
        (
            "opening: age crate / Go `age`",
            "age_open",
            "go_open",
            false,
        ),
    ];
    for (label, a, b, targeted) in ratios {
        let (Some(a), Some(b)) = (find(measures, a), find(measures, b)) else {
            continue;
        };
        let r = a.median() / b.median();
        let (target, result) = if targeted {
            (
                format!("≥ {:.0}%", TARGET * 100.0),
                if r >= TARGET { "pass" } else { "**fail**" }.to_string(),
            )
        } else {
            ("—".into(), "for reference".into())
        };
        let _ = writeln!(o, "| {label} | {:.0}% | {target} | {result} |", r * 100.0);
    }

    let _ = writeln!(
        o,
        "\nPeak memory (`VmHWM` of a child process doing only that, whole process):\n"
    );
    let _ = writeln!(
        o,
        "| process | {} MiB | {mib} MiB | flat (≤ {} MiB growth) | under {} MiB |",
        (s.len.min(SMALL_MIB * MIB)) / MIB,
        FLAT_TOLERANCE_KIB / 1024,
        MEMORY_LIMIT_KIB / 1024
    );
    let _ = writeln!(o, "|---|---:|---:|---|---|");
    for (what, small, large) in memory {
        let flat = large.saturating_sub(*small) <= FLAT_TOLERANCE_KIB;
        let under = small.max(large) < &MEMORY_LIMIT_KIB;
        let _ = writeln!(
            o,
            "| {what} | {:.1} MiB | {:.1} MiB | {} | {} |",
            *small as f64 / 1024.0,
            *large as f64 / 1024.0,
            if flat { "pass" } else { "**fail**" },
            if under { "pass" } else { "**fail**" }
        );
    }
    o
}

/// Replaces this benchmark's section of `path` (from its heading to the next `## ` heading),
/// creating the file when needed.
fn write_section(path: &Path, section: &str) {
    let old = std::fs::read_to_string(path).unwrap_or_else(|_| {
        "# Performance\n\nMeasured figures. A section written by a benchmark says so: rerun the \
         benchmark rather than editing its numbers.\n\n"
            .into()
    });
    let new = match old.find(SECTION) {
        Some(start) => {
            let rest = &old[start + SECTION.len()..];
            let end = rest
                .find("\n## ")
                .map(|i| start + SECTION.len() + i + 1)
                .unwrap_or(old.len());
            format!("{}{section}\n{}", &old[..start], &old[end..])
        }
        None => format!(
            "{}\n{section}",
            old.trim_end_matches('\n').to_string() + "\n"
        ),
    };
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, new).unwrap();
}

/// Runs this binary as `--child ARGS` and returns the peak resident memory it reports.
fn child_hwm(args: &[&str]) -> u64 {
    let exe = std::env::current_exe().unwrap();
    let out = Command::new(exe)
        .arg("--child")
        .args(args)
        .stderr(Stdio::inherit())
        .output()
        .expect("the child runs");
    assert!(out.status.success(), "child {args:?} failed");
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines()
        .find_map(|l| {
            l.strip_prefix("VmHWM_KIB ")
                .and_then(|v| v.trim().parse().ok())
        })
        .expect("the child reports VmHWM")
}

/// `--child seal INPUT LEN IDENTITY`, `--child age-seal INPUT LEN IDENTITY` (for profiling)
/// or `--child open BUNDLE IDENTITY`: does one thing and prints its peak resident memory.
fn child(args: &[String]) {
    let identity_text = std::fs::read_to_string(args.last().expect("an identity file")).unwrap();
    let identity: age::x25519::Identity = identity_text.trim().parse().unwrap();
    let (desk, secret) = desk_of(&identity);
    match args[0].as_str() {
        "seal" => {
            let len: u64 = args[2].parse().unwrap();
            amana_seal(Path::new(&args[1]), len, &desk, io::sink());
        }
        "age-seal" => {
            let len: u64 = args[2].parse().unwrap();
            age_seal(Path::new(&args[1]), len, &identity.to_public(), io::sink());
        }
        "open" => {
            let work = tempfile::tempdir_in(Path::new(&args[1]).parent().unwrap()).unwrap();
            let key = ed25519_dalek::SigningKey::from_bytes(&[7; 32]).verifying_key();
            amana_open_bundle(Path::new(&args[1]), &secret, &key, work.path());
        }
        other => panic!("unknown child mode {other}"),
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let hwm = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .expect("VmHWM in /proc/self/status");
    println!("VmHWM_KIB {hwm}");
}
