//! The drop as a Tor onion service, hosted in-process by arti (feature `onion`).
//!
//! [`serve_onion`] bootstraps an embedded arti client, launches a v3 onion service and serves
//! the drop's router on its port 80; [`onion_address`] reads the address from the state
//! directory without touching the network.
//!
//! arti keeps its state, directory cache and keystore in a directory of their own (see
//! [`default_state_dir`]), separate from the report data: the onion identity key decides the
//! address, so it must survive restarts and be backed up and protected on its own, and the
//! data folder can then be wiped or moved without changing the address.
//!
//! Proof-of-work DoS defence and full vanguards are on. Both are experimental in arti 0.47
//! (outside its semver promises), as are its onion services as a whole: SECURITY.md says what
//! that means and when to prefer the C-tor mode.

mod config;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use arti_client::{BootstrapBehavior, ErrorKind, HasKind, TorClient};
use futures_util::StreamExt;
use safelog::DisplayRedacted;
use tor_cell::relaycell::msg::Connected;
use tor_hsservice::{OnionServiceConfig, StreamRequest};
use tor_proto::stream::IncomingStreamRequest;

pub use config::{load_arti_config, DEFAULT_ARTI_SETTINGS};

/// The nickname of the drop's service in arti's keystore and state.
///
/// Fixed, so that `onion-address` and `serve --onion` always find the same key.
pub const NICKNAME: &str = "amana-drop";

/// The only port the service answers on: plain HTTP, as Tor already authenticates and
/// encrypts the connection end to end.
pub const HTTP_PORT: u16 = 80;

/// How long the onion service stays up after its last stream ended during a stop, so that
/// the cells of the last answers leave the circuits before they are closed.
const LINGER: Duration = Duration::from_secs(2);

/// Where arti's state and keystore go when no `--onion-state` is given: beside the desk keys,
/// never inside the report data folder.
pub fn default_state_dir(keys_dir: &Path) -> PathBuf {
    keys_dir.join("onion")
}

/// What the onion service reports while it starts and runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OnionEvent {
    /// Bootstrap progress (arti's own summary, e.g. "60%: connecting…").
    Bootstrap(String),
    /// arti reached the Tor network.
    Bootstrapped,
    /// The service's address, `….onion`.
    Address(String),
    /// The service's state changed (e.g. `Bootstrapping`, `Running`), with arti's current
    /// problem if any.
    Status {
        /// arti's state name.
        state: String,
        /// What arti says is wrong, if anything.
        problem: Option<String>,
    },
}

/// A callback that receives [`OnionEvent`]s.
pub type Progress = Arc<dyn Fn(&OnionEvent) + Send + Sync>;

/// How to run the onion service.
#[derive(Clone)]
#[non_exhaustive]
pub struct OnionOptions {
    /// arti's state, cache and keystore directory (created 0700 if missing).
    pub state_dir: PathBuf,
    /// A standard arti TOML configuration file; `None` uses arti's defaults (the public Tor
    /// network) with [`DEFAULT_ARTI_SETTINGS`].
    pub arti_config: Option<PathBuf>,
    /// How long a connection may take to send its request headers.
    pub header_timeout: Duration,
    /// How long to wait for the Tor network before giving up with
    /// [`OnionError::NoNetwork`].
    pub bootstrap_timeout: Duration,
    /// How many streams are served at once (like the local port's connection bound); a
    /// stream beyond that has its circuit closed, so a flood costs the attacker circuits.
    pub max_streams: usize,
    /// Receives progress; by default printed on standard output.
    pub progress: Progress,
    /// When to stop: no new streams once the drop is stopping, streams in flight drained as
    /// on the local port ([`crate::intake::drain`]). By default, never.
    pub shutdown: crate::intake::Shutdown,
}

impl OnionOptions {
    /// Options with the given state directory and defaults for everything else.
    pub fn new(state_dir: impl Into<PathBuf>) -> Self {
        OnionOptions {
            state_dir: state_dir.into(),
            arti_config: None,
            header_timeout: Duration::from_secs(30),
            bootstrap_timeout: Duration::from_secs(300),
            max_streams: 256,
            progress: Arc::new(print_event),
            shutdown: crate::intake::Shutdown::default(),
        }
    }
}

impl std::fmt::Debug for OnionOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OnionOptions")
            .field("state_dir", &self.state_dir)
            .field("arti_config", &self.arti_config)
            .field("header_timeout", &self.header_timeout)
            .field("bootstrap_timeout", &self.bootstrap_timeout)
            .field("max_streams", &self.max_streams)
            .finish_non_exhaustive()
    }
}

/// The default progress printer: one line per event on standard output, so an operator
/// (or a test harness) can follow start-up and copy the address.
pub fn print_event(event: &OnionEvent) {
    match event {
        OnionEvent::Bootstrap(status) => println!("Tor bootstrap: {status}"),
        OnionEvent::Bootstrapped => println!("Tor bootstrap: done"),
        OnionEvent::Address(address) => println!("Onion service address: http://{address}/"),
        OnionEvent::Status { state, problem } => match problem {
            Some(problem) => println!("Onion service status: {state} ({problem})"),
            None => println!("Onion service status: {state}"),
        },
    }
}

/// Why the onion service cannot start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum OnionError {
    /// The arti configuration file is missing or invalid.
    #[error("the arti configuration{}: {message}", path.as_ref().map(|p| format!(" {}", p.display())).unwrap_or_default())]
    Config {
        /// The file, if one was given.
        path: Option<PathBuf>,
        /// What is wrong.
        message: String,
    },
    /// The state directory cannot be created, read or trusted.
    #[error(
        "the onion state directory {path}: {message}. It must be a directory owned by this \
         user and not writable (for the keystore: not readable) by anyone else (chmod 700)"
    )]
    StateDir {
        /// The directory.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// Another process holds the state directory's lock.
    #[error(
        "the onion state directory {0} is in use by another process (another amana-drop or \
         arti). Stop that process first. The lock (amana-onion.lock) is released when its \
         holder exits, so a crashed process leaves no stale lock: if this persists, look for a \
         process still running with `fuser -v {0}/amana-onion.lock`"
    )]
    Locked(PathBuf),
    /// The Tor network could not be reached in time.
    #[error(
        "could not reach the Tor network within {secs} s (last status: {status}). Check that \
         this machine can reach the Tor network (network, firewall, proxy), or for a private \
         network the arti configuration's `authorities` and `fallback_caches`"
    )]
    NoNetwork {
        /// How long we waited.
        secs: u64,
        /// arti's last bootstrap status.
        status: String,
    },
    /// No onion key exists yet in the state directory.
    #[error(
        "no onion service key in {0} yet: start `amana-drop serve --onion` once (or run \
         `amana-drop onion-address --create`) to create it"
    )]
    NoAddress(PathBuf),
    /// Any other failure reported by arti.
    #[error("arti: {0}")]
    Arti(String),
    /// The service stopped accepting connections.
    #[error("the onion service stopped: {0}")]
    Stopped(String),
}

/// Maps an arti error to the error an operator can act on.
fn classify(error: &arti_client::Error, state_dir: &Path) -> OnionError {
    let message = error.to_string();
    match error.kind() {
        ErrorKind::LocalResourceAlreadyInUse => OnionError::Locked(state_dir.to_owned()),
        ErrorKind::FsPermissions
        | ErrorKind::PersistentStateAccessFailed
        | ErrorKind::PersistentStateCorrupted
        | ErrorKind::CacheAccessFailed
        | ErrorKind::CacheCorrupted
        | ErrorKind::KeystoreAccessFailed
        | ErrorKind::KeystoreCorrupted => OnionError::StateDir {
            path: state_dir.to_owned(),
            message,
        },
        ErrorKind::InvalidConfig => OnionError::Config {
            path: None,
            message,
        },
        _ => OnionError::Arti(message),
    }
}

/// rustls needs a process-wide crypto provider; arti does not pick one. ring is already in
/// the dependency tree and builds without a C toolchain beyond cc.
fn install_crypto_provider() {
    // Err means one is installed already (a second call, or the host application): fine.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// The onion service's configuration: proof-of-work defence on (it only asks clients for
/// work when the service is under load), arti's defaults otherwise.
fn service_config() -> Result<OnionServiceConfig, OnionError> {
    let nickname = NICKNAME
        .parse()
        .map_err(|e| OnionError::Arti(format!("nickname: {e}")))?;
    let mut builder = OnionServiceConfig::builder();
    builder.nickname(nickname).enable_pow(true);
    builder.build().map_err(|e| OnionError::Config {
        path: None,
        message: e.to_string(),
    })
}

/// Takes the state directory's lock for as long as the returned file lives.
///
/// arti locks its state too, but a second arti merely falls back to read-only state and only
/// fails late, at launch; an explicit lock of our own gives a clear error at once. It is an
/// advisory `flock`: the kernel releases it when its holder exits, so a crash never leaves a
/// stale lock behind.
fn lock_state_dir(state_dir: &Path) -> Result<std::fs::File, OnionError> {
    let path = state_dir.join("amana-onion.lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| OnionError::StateDir {
            path: state_dir.to_owned(),
            message: format!("cannot open {}: {e}", path.display()),
        })?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(OnionError::Locked(state_dir.to_owned())),
        Err(std::fs::TryLockError::Error(e)) => Err(OnionError::StateDir {
            path: state_dir.to_owned(),
            message: format!("cannot lock {}: {e}", path.display()),
        }),
    }
}

/// Opens the onion service's key store without any network activity.
fn offline_service(
    state_dir: &Path,
) -> Result<(tor_hsservice::OnionService, arti_client::TorClientConfig), OnionError> {
    if !state_dir.is_dir() {
        return Err(OnionError::NoAddress(state_dir.to_owned()));
    }
    let config = load_arti_config(None, state_dir)?;
    // arti's runtime handle comes from the current tokio runtime: give the synchronous
    // callers (the `onion-address` command) a small one for the duration.
    let local_runtime = match tokio::runtime::Handle::try_current() {
        Ok(_) => None,
        Err(_) => Some(
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| OnionError::Arti(format!("cannot start a runtime: {e}")))?,
        ),
    };
    let _entered = local_runtime.as_ref().map(|rt| rt.enter());
    let inert = TorClient::builder()
        .config(config.clone())
        .create_inert()
        .map_err(|e| classify(&e, state_dir))?;
    let service = inert
        .create_onion_service(&config, service_config()?)
        .map_err(|e| classify(&e, state_dir))?;
    Ok((service, config))
}

/// The `.onion` address stored in `state_dir`, read without connecting to anything.
pub fn onion_address(state_dir: &Path) -> Result<String, OnionError> {
    let (service, _config) = offline_service(state_dir)?;
    match service.onion_address() {
        Some(id) => Ok(id.display_unredacted().to_string()),
        None => Err(OnionError::NoAddress(state_dir.to_owned())),
    }
}

/// The `.onion` address stored in `state_dir`, creating the state directory and the
/// service's identity key first if needed, without connecting to anything.
///
/// Lets an operator publish (and a drop list among its own origins) the address before the
/// service first starts.
pub fn ensure_onion_address(state_dir: &Path) -> Result<String, OnionError> {
    config::create_private_dir(state_dir)?;
    let _lock = lock_state_dir(state_dir)?;
    let (service, _config) = offline_service(state_dir)?;
    let id = service
        .generate_identity_key(tor_keymgr::KeystoreSelector::Primary)
        .map_err(|e| OnionError::StateDir {
            path: state_dir.to_owned(),
            message: e.to_string(),
        })?;
    let address = id.display_unredacted().to_string();
    Ok(address)
}

/// Bootstraps arti, launches the onion service and serves `router` on its port 80 until the
/// service fails (an error) or `options.shutdown` says stop: then no new stream is taken, the
/// streams being served finish as on the local port, and this returns `Ok(())`.
///
/// Bootstrap progress, the address and status changes go to `options.progress`.
pub async fn serve_onion(router: axum::Router, options: OnionOptions) -> Result<(), OnionError> {
    install_crypto_provider();
    let state_dir = options.state_dir.clone();
    config::create_private_dir(&state_dir)?;
    let _lock = lock_state_dir(&state_dir)?;
    let config = load_arti_config(options.arti_config.as_deref(), &state_dir)?;

    let client = TorClient::builder()
        .config(config)
        .bootstrap_behavior(BootstrapBehavior::Manual)
        .create_unbootstrapped_async()
        .await
        .map_err(|e| classify(&e, &state_dir))?;
    // Bootstrap within the configured time, reporting progress: one line per whole 10 %,
    // plus every stall, as arti emits many small updates.
    let mut events = client.bootstrap_events();
    let progress = options.progress.clone();
    let reporter = tokio::spawn(async move {
        // The first item is the state before bootstrap starts ("waiting to be told to
        // bootstrap"): not progress.
        let _ = events.next().await;
        let mut last_percent = None;
        while let Some(status) = events.next().await {
            let percent = (status.as_frac() * 10.0).floor() as u32;
            if last_percent != Some(percent) || status.blocked().is_some() {
                progress(&OnionEvent::Bootstrap(status.to_string()));
                last_percent = Some(percent);
            }
        }
    });
    let bootstrap = tokio::time::timeout(options.bootstrap_timeout, client.bootstrap());
    let outcome = tokio::select! {
        outcome = bootstrap => outcome,
        // Stopped before the network was reached: nothing is being served yet.
        () = options.shutdown.stopping() => {
            reporter.abort();
            return Ok(());
        }
    };
    reporter.abort();
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(e)) => return Err(classify(&e, &state_dir)),
        Err(_elapsed) => {
            return Err(OnionError::NoNetwork {
                secs: options.bootstrap_timeout.as_secs(),
                status: client.bootstrap_status().to_string(),
            })
        }
    }
    (options.progress)(&OnionEvent::Bootstrapped);

    let (service, rend_requests) = client
        .launch_onion_service(service_config()?)
        .map_err(|e| classify(&e, &state_dir))?
        .ok_or_else(|| OnionError::Arti("the onion service is disabled".into()))?;
    let address = service
        .onion_address()
        .ok_or_else(|| OnionError::NoAddress(state_dir.clone()))?;
    (options.progress)(&OnionEvent::Address(
        address.display_unredacted().to_string(),
    ));

    // Status changes, deduplicated: the state flaps in a fast network and arti republishes
    // often, so only report when something an operator would care about changes.
    let mut statuses = service.status_events();
    let progress = options.progress.clone();
    let watcher = tokio::spawn(async move {
        let mut last = None;
        while let Some(status) = statuses.next().await {
            let state = format!("{:?}", status.state());
            let problem = status.current_problem().map(|p| format!("{p:?}"));
            let now = (state, problem);
            if last.as_ref() != Some(&now) {
                progress(&OnionEvent::Status {
                    state: now.0.clone(),
                    problem: now.1.clone(),
                });
                last = Some(now);
            }
        }
    });

    let permits = Arc::new(tokio::sync::Semaphore::new(options.max_streams));
    let shutdown = options.shutdown.clone();
    let mut connections = tokio::task::JoinSet::new();
    let mut streams = std::pin::pin!(tor_hsservice::handle_rend_requests(rend_requests));
    let ended = loop {
        while connections.try_join_next().is_some() {}
        let request = tokio::select! {
            request = streams.next() => request,
            () = shutdown.stopping() => break None,
        };
        let Some(request) = request else {
            break Some(OnionError::Stopped(
                "arti closed the stream of incoming connections".into(),
            ));
        };
        let Ok(permit) = permits.clone().try_acquire_owned() else {
            let _ = request.shutdown_circuit();
            continue;
        };
        let router = router.clone();
        let header_timeout = options.header_timeout;
        let shutdown = shutdown.clone();
        connections.spawn(async move {
            serve_stream(request, router, header_timeout, &shutdown).await;
            drop(permit);
        });
    };
    watcher.abort();
    // New streams are no longer taken; those being served finish as on the local port.
    if ended.is_some() {
        shutdown.stop();
    }
    let served_while_stopping = !connections.is_empty();
    crate::intake::drain(connections, &shutdown).await;
    // A stream's last bytes (the answer to an upload that finished during the stop) are
    // queued in arti's circuit reactor when its connection ends; give them a moment to
    // leave before the client and its circuits are dropped.
    if served_while_stopping {
        tokio::time::sleep(LINGER).await;
    }
    drop(service);
    match ended {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// Accepts one stream if it is for port 80 and serves HTTP/1 on it; anything else closes the
/// circuit, as C tor does for a port it does not serve.
async fn serve_stream(
    request: StreamRequest,
    router: axum::Router,
    header_timeout: Duration,
    shutdown: &crate::intake::Shutdown,
) {
    let wanted = matches!(request.request(), IncomingStreamRequest::Begin(begin) if begin.port() == HTTP_PORT);
    if !wanted {
        let _ = request.shutdown_circuit();
        return;
    }
    let stream = match request.accept(Connected::new_empty()).await {
        Ok(stream) => stream,
        // The client went away during the handshake: nothing to serve.
        Err(_) => return,
    };
    crate::intake::serve_connection(stream, router, header_timeout, shutdown).await;
}
