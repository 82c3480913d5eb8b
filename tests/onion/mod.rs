//! The embedded onion service, proven on a private Tor network (feature `onion`).
//!
//! `testnet.sh` builds a fresh Tor network on 127.0.0.1 (3 authorities, 5 relays, a stock
//! C-tor client), serves the drop over arti's onion service, fetches the home page and
//! submits a report through the `.onion` address, and opens the export with `amana-review`.
//! It runs inside a loopback-only network namespace (`unshare -n`), so no address outside
//! 127.0.0.0/8 can be reached whatever the configuration says; it also scans sockets and logs.
//!
//! Needs root (for the namespace) and Debian's `tor` (tests/setup-system.sh installs it): a
//! machine without them fails this test rather than skipping it.

use std::path::PathBuf;
use std::process::Command;

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/onion/testnet.sh");
const DROP: &str = env!("CARGO_BIN_EXE_amana-drop");
const REVIEW: &str = env!("CARGO_BIN_EXE_amana-review");

/// A fresh work directory, kept when the test fails (it holds every log).
fn work_dir() -> PathBuf {
    let dir = tempfile::Builder::new()
        .prefix("amana-onion-")
        .tempdir()
        .unwrap();
    dir.keep()
}

#[test]
fn a_stock_tor_client_submits_a_report_through_the_onion_service() {
    let work = work_dir();
    let output = Command::new("timeout")
        .env("AMANA_LANG", "en")
        .args([
            "--kill-after=30",
            "600",
            "unshare",
            "--net",
            "--",
            "bash",
            SCRIPT,
        ])
        .env("ONION_WORK", work.join("net"))
        .env("AMANA_DROP", DROP)
        .env("AMANA_REVIEW", REVIEW)
        .env(
            "DROP_CMD",
            format!("{DROP} serve --onion --listen 127.0.0.1:0 --insecure-kdf-for-tests"),
        )
        .output()
        .expect("run unshare (util-linux) as root");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    eprintln!("{stderr}");
    assert!(
        output.status.success(),
        "the onion harness failed ({}); logs in {}",
        output.status,
        work.display()
    );
    let timings = stdout
        .lines()
        .find(|l| l.starts_with("ONION_TIMINGS "))
        .expect("the harness prints its timings");
    if let Ok(file) = std::env::var("ONION_TIMINGS_FILE") {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(file)
            .unwrap();
        writeln!(f, "{timings}").unwrap();
    }
    let _ = std::fs::remove_dir_all(&work);
}

/// Runs the test `name` of this binary again inside a loopback-only network namespace.
fn in_namespace(name: &str) {
    let output = Command::new("timeout")
        .env("AMANA_LANG", "en")
        .args(["--kill-after=10", "120", "unshare", "--net", "--"])
        .arg(std::env::current_exe().unwrap())
        .args([
            "--exact",
            name,
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("AMANA_ONION_IN_NAMESPACE", "1")
        .output()
        .expect("run unshare (util-linux) as root");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stdout.contains("1 passed"),
        "{name} in a namespace: {}\n{stdout}\n{stderr}",
        output.status
    );
}

#[test]
fn clear_errors_for_no_network_a_bad_state_dir_and_a_held_lock() {
    in_namespace("onion::errors_in_namespace");
}

/// An arti configuration whose only directory cache is a closed port on 127.0.0.1.
const NO_NETWORK: &str = r#"
[tor_network]
authorities = { v3idents = ["0000000000000000000000000000000000000000"], uploads = [["127.0.0.1:9"]], downloads = [["127.0.0.1:9"]], votes = [["127.0.0.1:9"]] }
fallback_caches = [
  { rsa_identity = "0000000000000000000000000000000000000000", ed_identity = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", orports = ["127.0.0.1:9"] },
]
[path_rules]
reachable_addrs = ["127.0.0.0/8:*"]
"#;

#[test]
#[ignore = "run in a loopback-only namespace by clear_errors_for_no_network_…"]
fn errors_in_namespace() {
    use amana::onion::{onion_address, serve_onion, OnionError, OnionOptions};
    use std::os::unix::fs::PermissionsExt;
    use std::time::Duration;
    // arti only ever runs in the namespace the outer test made.
    if std::env::var_os("AMANA_ONION_IN_NAMESPACE").is_none() {
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let config = root.path().join("arti.toml");
    std::fs::write(&config, NO_NETWORK).unwrap();
    let options = |state: PathBuf| {
        let mut o = OnionOptions::new(state);
        o.arti_config = Some(config.clone());
        o.bootstrap_timeout = Duration::from_secs(4);
        o
    };
    let runtime = tokio::runtime::Runtime::new().unwrap();

    // No Tor network: a clear error after the bootstrap timeout, not a hang.
    let state = root.path().join("onion");
    let err = runtime
        .block_on(serve_onion(axum::Router::new(), options(state.clone())))
        .unwrap_err();
    assert!(matches!(err, OnionError::NoNetwork { .. }), "{err}");
    assert!(err.to_string().contains("could not reach the Tor network"));

    // Bootstrap failed before launch, so no key was made: no address yet.
    let err = onion_address(&state).unwrap_err();
    assert!(matches!(err, OnionError::NoAddress(_)), "{err}");
    // Creating it offline works, and reading it back gives the same address.
    let address = amana::onion::ensure_onion_address(&state).unwrap();
    assert!(
        address.ends_with(".onion") && address.len() == 62,
        "{address}"
    );
    assert_eq!(onion_address(&state).unwrap(), address);

    // A held lock: a second drop on the same state directory is refused at once.
    let held = runtime.spawn(serve_onion(axum::Router::new(), {
        let mut o = options(state.clone());
        o.bootstrap_timeout = Duration::from_secs(30);
        o
    }));
    std::thread::sleep(Duration::from_millis(500));
    let err = runtime
        .block_on(serve_onion(axum::Router::new(), options(state.clone())))
        .unwrap_err();
    assert!(matches!(err, OnionError::Locked(_)), "{err}");
    held.abort();
    let _ = runtime.block_on(held);
    // Released with its holder: no stale lock.
    assert_eq!(onion_address(&state).unwrap(), address);
    let err = runtime
        .block_on(serve_onion(axum::Router::new(), options(state.clone())))
        .unwrap_err();
    assert!(matches!(err, OnionError::NoNetwork { .. }), "{err}");

    // A state directory that is a file, or that anyone may write to.
    let file = root.path().join("not-a-dir");
    std::fs::write(&file, b"").unwrap();
    let err = runtime
        .block_on(serve_onion(axum::Router::new(), options(file)))
        .unwrap_err();
    assert!(matches!(err, OnionError::StateDir { .. }), "{err}");
    let open = root.path().join("open");
    std::fs::create_dir(&open).unwrap();
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o777)).unwrap();
    let err = runtime
        .block_on(serve_onion(axum::Router::new(), options(open)))
        .unwrap_err();
    assert!(matches!(err, OnionError::StateDir { .. }), "{err}");

    // A missing configuration file.
    let mut missing = options(root.path().join("onion2"));
    missing.arti_config = Some(root.path().join("nope.toml"));
    let err = runtime
        .block_on(serve_onion(axum::Router::new(), missing))
        .unwrap_err();
    assert!(matches!(err, OnionError::Config { .. }), "{err}");
}

/// `amana-drop` (in a loopback-only namespace): `--onion` refuses the demo desk before arti
/// starts, and `onion-address` reads or creates the address without connecting.
#[test]
fn the_cli_refuses_the_demo_desk_and_shows_the_address_offline() {
    let root = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let output = Command::new("unshare")
            .env("AMANA_LANG", "en")
            .args(["--net", "--", DROP])
            .args(args)
            .output()
            .expect("run unshare (util-linux) as root");
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).trim().to_string(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let keys = root.path().join("keys");
    std::fs::create_dir_all(&keys).unwrap();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/keys/demo.pub"),
        keys.join("demo.pub"),
    )
    .unwrap();
    let keys = keys.to_str().unwrap();
    let data = root.path().join("data");
    let data = data.to_str().unwrap();
    let (code, _, err) = run(&[
        "serve",
        "--onion",
        "--listen",
        "127.0.0.1:0",
        "--keys",
        keys,
        "--data",
        data,
    ]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--onion refuses the demo desk"), "{err}");
    assert!(!root.path().join("keys/onion").exists(), "nothing created");

    let state = root.path().join("onion");
    let state = state.to_str().unwrap();
    let (code, _, err) = run(&["onion-address", "--onion-state", state]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("no onion service key"), "{err}");
    let (code, created, err) = run(&["onion-address", "--onion-state", state, "--create"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        created.ends_with(".onion") && created.len() == 62,
        "{created}"
    );
    let (code, shown, err) = run(&["onion-address", "--onion-state", state]);
    assert_eq!((code, shown), (Some(0), created), "{err}");
}
