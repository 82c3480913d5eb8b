//! Putting a drop together from its configuration: desks, secrets, storage, state.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use super::{AppState, DeskEntry, KdfGate};
use crate::desk::{DeskError, DeskPublic};
use crate::drop_config::{ConfigError, DropConfig, DEMO_DESK};
use crate::drop_key::{Created, DropSecrets};
use crate::store::{reconcile, ReconcileReport, Store, StoreError};

/// Why the drop cannot start.
#[derive(Debug, thiserror::Error)]
pub enum LaunchError {
    /// The configuration is invalid.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A desk's public file cannot be read or is not a desk's public file.
    #[error("desk key file {path}: {source}")]
    Desk {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        source: DeskError,
    },
    /// The keys folder cannot be listed.
    #[error("the keys folder {path}: {source}")]
    KeysFolder {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A desk's public file names another desk than the configuration does.
    #[error("desk key file {path}: the file is for desk `{in_file}`, the configuration says `{configured}`")]
    DeskMismatch {
        /// The file.
        path: PathBuf,
        /// The desk the file is for.
        in_file: String,
        /// The desk the configuration names.
        configured: String,
    },
    /// No desk at all.
    #[error("no desk: put a desk's NAME.pub file in {0} or list desks in the configuration")]
    NoDesks(PathBuf),
    /// The demo desk on a public address.
    #[error(
        "the demo desk's secret key is public: the drop refuses to run it on {0}. \
         Listen on 127.0.0.1, or replace keys/demo.pub with your own desk keys"
    )]
    DemoNotLoopback(std::net::SocketAddr),
    /// The drop's secrets could not be loaded or created.
    #[error("the drop's secrets in {path}: {source}")]
    Secrets {
        /// Their folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The data folder could not be opened.
    #[error("the data folder: {0}")]
    Store(#[from] StoreError),
}

/// A drop ready to serve.
pub struct Launched {
    /// The handlers' state.
    pub state: AppState,
    /// The drop's secrets (the signing key is needed by export).
    pub secrets: Arc<DropSecrets>,
    /// Whether the secrets were created now (print the fingerprint, back them up).
    pub created: Created,
    /// Whether the demo desk is in use.
    pub demo: bool,
    /// What start-up reconciliation did.
    pub reconciled: ReconcileReport,
}

/// Loads the desks named by the configuration, or every `NAME.pub` in the keys folder.
pub fn load_desks(config: &DropConfig) -> Result<Vec<DeskEntry>, LaunchError> {
    let load = |path: &Path| {
        DeskPublic::load(path).map_err(|source| LaunchError::Desk {
            path: path.to_owned(),
            source,
        })
    };
    let mut desks = Vec::new();
    if config.desks.is_empty() {
        let entries =
            std::fs::read_dir(&config.keys).map_err(|source| LaunchError::KeysFolder {
                path: config.keys.clone(),
                source,
            })?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "pub") && p.is_file())
            .collect();
        paths.sort();
        for path in paths {
            desks.push(DeskEntry {
                public: load(&path)?,
                description: Default::default(),
            });
        }
    } else {
        for desk in &config.desks {
            let path = config.keys.join(&desk.public_key);
            let public = load(&path)?;
            if public.name != desk.name {
                return Err(LaunchError::DeskMismatch {
                    path,
                    in_file: public.name,
                    configured: desk.name.clone(),
                });
            }
            desks.push(DeskEntry {
                public,
                description: desk.description.clone(),
            });
        }
    }
    if desks.is_empty() {
        return Err(LaunchError::NoDesks(config.keys.clone()));
    }
    Ok(desks)
}

/// Loads everything, reconciles the data folder, and builds the state.
pub fn launch(config: DropConfig) -> Result<Launched, LaunchError> {
    let params = config.kdf.params()?;
    let desks = load_desks(&config)?;
    let demo = desks.iter().any(|d| d.public.name == DEMO_DESK);
    if demo && !config.listen.ip().is_loopback() {
        return Err(LaunchError::DemoNotLoopback(config.listen));
    }
    let secrets_dir = config.secrets_dir();
    let (secrets, created) =
        DropSecrets::load_or_create(&secrets_dir).map_err(|source| LaunchError::Secrets {
            path: secrets_dir,
            source,
        })?;
    let store = Arc::new(Store::open(&config.data)?);
    let reconciled = reconcile(&store)?;
    let kdf = KdfGate::new(
        params,
        secrets.install_salt.clone(),
        config.kdf.permits_per_kind(params),
        config.kdf.max_queue,
        Duration::from_secs(config.kdf.queue_timeout_secs),
    );
    let state = AppState::new(config, store, desks, kdf);
    Ok(Launched {
        state,
        secrets: Arc::new(secrets),
        created,
        demo,
        reconciled,
    })
}
