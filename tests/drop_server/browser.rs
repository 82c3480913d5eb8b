//! The reporter's pages in headless Chromium with JavaScript off, in English, French and
//! Arabic: the whole path (take a code, submit a report with two attachments, log out, log
//! back in, the desk answers, log back in and read the reply and its status), the error
//! pages a reporter can meet, axe-core's WCAG 2.1 A and AA rules on every page, each page's
//! weight (at most 16 KiB in at most two requests, nothing from elsewhere) and a screenshot
//! of each.
//!
//! Runs `node tests/browser/walk.mjs` against the real `amana-drop` binary on loopback with
//! the demo desk, and plays the desk with the real binaries when the walk asks: export while
//! serving, `amana-review open` and `reply` with the demo desk's published secret, import.
//! A second drop that holds no sessions shows the "busy" page. `tests/setup-system.sh`
//! installs Chromium and the pinned npm packages.
//! With `AMANA_UPDATE_DOCS=1` the screenshots go to `docs/screenshots/` and the weights into
//! `docs/performance.md`; otherwise into a temporary folder.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::binary::{export, Running, BIN};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const BEGIN: &str = "<!-- page-weights: begin -->";
const END: &str = "<!-- page-weights: end -->";

/// Replaces the page-weights section of `docs/performance.md` (or appends it).
fn write_weights(table: &str) {
    let path = repo().join("docs/performance.md");
    let doc = std::fs::read_to_string(&path).unwrap_or_default();
    let section = format!(
        "{BEGIN}\n## Page weights (reporter's pages)\n\nMeasured by `tests/drop_server/browser.rs` \
         in headless Chromium: the page and its stylesheet, headers included, uncompressed. \
         Every page must stay at or under 16 KiB in at most two requests, with nothing loaded \
         from another address.\n\n{table}{END}"
    );
    let doc = match (doc.find(BEGIN), doc.find(END)) {
        (Some(b), Some(e)) if b < e => format!("{}{section}{}", &doc[..b], &doc[e + END.len()..]),
        _ => format!("{}\n\n{section}\n", doc.trim_end()),
    };
    std::fs::write(path, doc).unwrap();
}

/// The desk's side of the walk, with the real binaries: `amana-drop export` (through the
/// serving drop's admin socket), `amana-review open` and `reply` with the demo desk's secret,
/// and `amana-drop import`.
struct Desk {
    root: PathBuf,
    fingerprint: String,
    bundles: u32,
}

/// What the walk asks the desk to answer: the report's text, and the reply.
#[derive(serde::Deserialize)]
struct Answer {
    lang: String,
    marker: String,
    status: String,
    text: String,
    reason: Option<String>,
    referred_to: Option<String>,
}

fn run(command: &mut Command) -> String {
    let output = command.stdin(Stdio::null()).output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{command:?}: {text}");
    text
}

impl Desk {
    fn review(&self, command: &str, first: &Path) -> Command {
        let (key, pass) = crate::support::demo_secret_paths();
        let mut review = Command::new(env!("CARGO_BIN_EXE_amana-review"));
        review
            .env("AMANA_LANG", "en")
            .arg(command)
            .arg(first)
            .arg("--identity")
            .arg(key)
            .arg("--passphrase-file")
            .arg(pass)
            .arg("--state")
            .arg(self.root.join("review-state"));
        review
    }

    /// The case whose report says `marker`; it must hold the report's two attachments.
    fn case_of(&self, marker: &str) -> String {
        for case in std::fs::read_dir(self.root.join("cases"))
            .unwrap()
            .flatten()
        {
            for message in std::fs::read_dir(case.path())
                .into_iter()
                .flatten()
                .flatten()
            {
                let text = std::fs::read_to_string(message.path().join("message.txt"));
                if text.is_ok_and(|t| t == marker) {
                    let files = std::fs::read_dir(message.path().join("attachments")).unwrap();
                    assert_eq!(files.count(), 2, "{}", message.path().display());
                    return case.file_name().to_string_lossy().into_owned();
                }
            }
        }
        panic!("no case says {marker:?}");
    }

    fn answer(&mut self, answer: &Answer) {
        self.bundles += 1;
        let bundle = self.root.join(format!("bundle-{}.tar", self.bundles));
        let (status, out, err) = export(&self.root, &bundle, &[]);
        assert_eq!(status, 0, "export: {out}{err}");
        let cases = self.root.join("cases");
        run(self
            .review("open", &bundle)
            .arg("--out")
            .arg(&cases)
            .arg("--trust-drop")
            .arg(&self.fingerprint));
        let case = self.case_of(&answer.marker);
        let replies = self.root.join("replies.tar");
        let mut reply = self.review("reply", Path::new(&case));
        reply
            .args(["--message", &answer.text, "--status", &answer.status])
            .arg("--out")
            .arg(&replies);
        if let Some(reason) = &answer.reason {
            reply.args(["--reason", reason]);
        }
        if let Some(body) = &answer.referred_to {
            reply.args(["--referred-to", body]);
        }
        run(&mut reply);
        let imported = run(Command::new(BIN)
            .env("AMANA_LANG", "en")
            .arg("import")
            .arg("--data")
            .arg(self.root.join("data"))
            .arg("--keys")
            .arg(self.root.join("keys"))
            .arg(&replies));
        assert!(
            imported.contains("1 new reply"),
            "import for {}: {imported}",
            answer.lang
        );
    }
}

/// Runs the walk; answers its desk requests on its standard input.
fn node_walk(base: &str, busy: &str, out: &Path, desk: &mut Desk) {
    let browser = repo().join("tests/browser");
    assert!(
        browser.join("node_modules/playwright-core").is_dir()
            && browser.join("node_modules/axe-core").is_dir(),
        "tests/browser/node_modules is missing: run tests/setup-system.sh (npm ci)"
    );
    assert!(
        Path::new("/usr/bin/chromium").exists(),
        "/usr/bin/chromium is missing: run tests/setup-system.sh"
    );
    let stderr = desk.root.join("walk-stderr.log");
    let mut child = Command::new("node")
        .arg(browser.join("walk.mjs"))
        .args([base, busy])
        .arg(out)
        .current_dir(&browser)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&stderr).unwrap())
        .spawn()
        .expect("node runs");
    let mut input = child.stdin.take().unwrap();
    let mut stdout = String::new();
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        println!("{line}");
        if let Some(request) = line.strip_prefix("desk ") {
            desk.answer(&serde_json::from_str(request).unwrap());
            writeln!(input, "answered").unwrap();
        }
        stdout.push_str(&line);
        stdout.push('\n');
    }
    let status = child.wait().unwrap();
    let stderr = std::fs::read_to_string(stderr).unwrap_or_default();
    assert!(
        status.success(),
        "the browser walk failed:\n{stdout}\n{stderr}"
    );
}

/// A drop over `root` with the demo desk; `config` is its configuration file, if any.
fn demo_drop(root: &Path, config: Option<&str>) -> Running {
    std::fs::create_dir_all(root.join("keys")).unwrap();
    std::fs::copy(repo().join("keys/demo.pub"), root.join("keys/demo.pub")).unwrap();
    let Some(config) = config else {
        return Running::start(root, 0);
    };
    let file = root.join("drop.toml");
    std::fs::write(&file, config).unwrap();
    Running::start_with(root, 0, &["--config", file.to_str().unwrap()])
}

#[test]
fn every_page_in_every_language_with_javascript_off_is_accessible_light_and_works() {
    let root = tempfile::tempdir().unwrap();
    let drop = demo_drop(root.path(), None);
    let fingerprint = std::fs::read_to_string(&drop.stdout)
        .unwrap()
        .lines()
        .find_map(|l| {
            l.split_once("confirm it): ")
                .map(|(_, fp)| fp.trim().to_string())
        })
        .expect("the fingerprint is printed at first start");
    // A second drop with room for no session: taking a code there answers "busy".
    let busy_root = tempfile::tempdir().unwrap();
    let busy = demo_drop(busy_root.path(), Some("[limits]\nmax_sessions = 0\n"));
    let update = std::env::var_os("AMANA_UPDATE_DOCS").is_some();
    let out = if update {
        repo().join("docs/screenshots")
    } else {
        root.path().join("screenshots")
    };
    let mut desk = Desk {
        root: root.path().to_owned(),
        fingerprint,
        bundles: 0,
    };
    node_walk(&drop.base, &busy.base, &out, &mut desk);
    assert_eq!(desk.bundles, 3, "the desk answered every language");
    let weights: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("weights.json")).unwrap()).unwrap();
    let pages = weights.as_object().unwrap();
    for page in PAGES {
        assert!(pages.contains_key(*page), "{page} was not walked");
        for lang in ["en", "fr", "ar"] {
            let png = out.join(format!("{page}-{lang}.png"));
            assert!(png.is_file(), "{} was not saved", png.display());
        }
    }
    if update {
        let table = std::fs::read_to_string(out.join("weights.md")).unwrap();
        write_weights(&table);
        std::fs::remove_file(out.join("weights.md")).unwrap();
        std::fs::remove_file(out.join("weights.json")).unwrap();
    }
    busy.stop();
    drop.stop();
}

/// Every page the walk must visit in every language.
const PAGES: &[&str] = &[
    "home",
    "code",
    "submit",
    "sent",
    "login",
    "mailbox",
    "mailbox-reply",
    "error-not-found",
    "error-session",
    "error-code-format",
    "error-code-unknown",
    "error-forbidden",
    "error-empty",
    "error-too-many-files",
    "error-busy",
];
