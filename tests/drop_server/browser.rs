//! The reporter's pages in headless Chromium with JavaScript off, in English, French and
//! Arabic: the whole path (take a code, submit a report with two attachments, log out, log
//! back in, mailbox), axe-core's WCAG 2.1 A and AA rules on every page, each page's weight
//! (at most 16 KiB in at most two requests, nothing from elsewhere) and a screenshot of each.
//!
//! Runs `node tests/browser/walk.mjs` against the real `amana-drop` binary on loopback with
//! the demo desk. `tests/setup-system.sh` installs Chromium and the pinned npm packages.
//! With `AMANA_UPDATE_DOCS=1` the screenshots go to `docs/screenshots/` and the weights into
//! `docs/performance.md`; otherwise into a temporary folder.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::binary::Running;

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

fn node_walk(base: &str, out: &Path) {
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
    let output = Command::new("node")
        .arg(browser.join("walk.mjs"))
        .arg(base)
        .arg(out)
        .current_dir(&browser)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "the browser walk failed:\n{stdout}\n{stderr}"
    );
}

#[test]
fn every_page_in_every_language_with_javascript_off_is_accessible_light_and_works() {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(root.path().join("keys")).unwrap();
    std::fs::copy(
        repo().join("keys/demo.pub"),
        root.path().join("keys/demo.pub"),
    )
    .unwrap();
    let drop = Running::start(root.path(), 0);
    let update = std::env::var_os("AMANA_UPDATE_DOCS").is_some();
    let out = if update {
        repo().join("docs/screenshots")
    } else {
        root.path().join("screenshots")
    };
    node_walk(&drop.base, &out);
    for page in [
        "home", "code", "submit", "sent", "login", "mailbox", "error",
    ] {
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
    drop.stop();
}
