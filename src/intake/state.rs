//! What every request handler shares.

use std::sync::Arc;
use std::time::Duration;

use super::i18n::Tr;
use super::kdf_gate::KdfGate;
use super::pages::DeskView;
use super::session::Sessions;
use crate::desk::DeskPublic;
use crate::drop_config::DropConfig;
use crate::store::Store;

/// A desk with its descriptions.
#[derive(Clone)]
pub struct DeskEntry {
    /// Its public keys.
    pub public: DeskPublic,
    /// What it handles, per language.
    pub description: std::collections::BTreeMap<String, String>,
}

/// How a stopping drop tells its connections and uploads: first `stopping` (no new
/// connections or uploads; those in flight go on), then, once the grace period is over,
/// `cut_off` (request bodies still arriving end with an error, so their uploads are
/// abandoned and leave nothing behind).
#[derive(Clone, Default)]
pub struct Shutdown {
    stopping: tokio_util::sync::CancellationToken,
    cut_off: tokio_util::sync::CancellationToken,
}

impl Shutdown {
    /// Stops taking new connections and uploads.
    pub fn stop(&self) {
        self.stopping.cancel();
    }

    /// Cuts off the uploads still in flight (and stops, if not yet stopped).
    pub fn cut_off(&self) {
        self.stopping.cancel();
        self.cut_off.cancel();
    }

    /// Whether the drop is stopping.
    pub fn is_stopping(&self) -> bool {
        self.stopping.is_cancelled()
    }

    /// Completes when the drop starts stopping.
    pub async fn stopping(&self) {
        self.stopping.cancelled().await
    }

    /// Completes when uploads in flight are cut off.
    pub async fn cutting_off(&self) {
        self.cut_off.cancelled().await
    }
}

struct Inner {
    config: DropConfig,
    store: Arc<Store>,
    desks: Vec<DeskEntry>,
    kdf: KdfGate,
    sessions: Sessions,
    origins: Vec<String>,
    shutdown: Shutdown,
}

/// The shared state: configuration, storage, desks, key derivation and sessions.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

impl AppState {
    /// Assembles the state. `kdf` carries the install salt and cost.
    pub fn new(config: DropConfig, store: Arc<Store>, desks: Vec<DeskEntry>, kdf: KdfGate) -> Self {
        let mut origins = vec![format!("http://{}", config.listen)];
        if config.listen.ip().is_loopback() {
            origins.push(format!("http://localhost:{}", config.listen.port()));
        }
        origins.extend(config.public_origins.iter().cloned());
        let sessions = Sessions::new(
            Duration::from_secs(config.limits.session_idle_minutes * 60),
            config.limits.max_sessions,
        );
        AppState(Arc::new(Inner {
            config,
            store,
            desks,
            kdf,
            sessions,
            origins,
            shutdown: Shutdown::default(),
        }))
    }

    /// The configuration.
    pub fn config(&self) -> &DropConfig {
        &self.0.config
    }

    /// The store.
    pub fn store(&self) -> &Arc<Store> {
        &self.0.store
    }

    /// The key-derivation gate.
    pub fn kdf(&self) -> &KdfGate {
        &self.0.kdf
    }

    /// The sessions.
    pub fn sessions(&self) -> &Sessions {
        &self.0.sessions
    }

    /// The drop's stop signal.
    pub fn shutdown(&self) -> &Shutdown {
        &self.0.shutdown
    }

    /// Wipes expired sessions (and the keys they hold) every minute, instead of waiting for
    /// their next request that may never come.
    pub fn spawn_session_sweeper(&self) -> tokio::task::JoinHandle<()> {
        let state = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                state.sessions().sweep();
            }
        })
    }

    /// Origins a POST may name.
    pub fn origins(&self) -> &[String] {
        &self.0.origins
    }

    /// The desk called `name`.
    pub fn desk(&self, name: &str) -> Option<&DeskPublic> {
        self.0
            .desks
            .iter()
            .map(|d| &d.public)
            .find(|d| d.name == name)
    }

    /// Every desk's public file (reply bundles are verified against their signing keys).
    pub fn desk_publics(&self) -> Vec<DeskPublic> {
        self.0.desks.iter().map(|d| d.public.clone()).collect()
    }

    /// The desks as shown in `tr`'s language (falling back to the default language).
    pub fn desk_views(&self, tr: &Tr) -> Vec<DeskView> {
        self.0
            .desks
            .iter()
            .map(|d| DeskView {
                name: d.public.name.clone(),
                description: d
                    .description
                    .get(tr.code())
                    .or_else(|| d.description.get(self.default_language()))
                    .cloned()
                    .unwrap_or_default(),
            })
            .collect()
    }

    /// The configured default language, or English.
    fn default_language(&self) -> &str {
        self.0.config.default_language.as_deref().unwrap_or("en")
    }

    /// The translator for a request asking for `lang`.
    pub fn tr(&self, lang: Option<&str>) -> Tr {
        Tr::new(lang, self.default_language())
    }
}
