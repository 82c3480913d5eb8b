//! arti's configuration for the drop: a standard arti TOML file, layered between our safer
//! defaults and the storage locations we force.
//!
//! Layers, lowest priority first:
//! 1. [`DEFAULT_ARTI_SETTINGS`]: what the drop changes from arti's own defaults;
//! 2. the operator's file (`--arti-config`), parsed by arti's own loader (tor-config), so any
//!    key arti documents works and an operator can reuse an `arti.toml`;
//! 3. `storage.state_dir` and `storage.cache_dir`, always under the onion state directory, so
//!    that the onion key never lands in arti's per-user default directories by accident.

use std::path::Path;

use arti_client::config::{ConfigurationSource, ConfigurationSources};
use arti_client::TorClientConfig;
use tor_config::sources::MustRead;

use super::OnionError;

/// What the drop sets differently from arti's defaults, as arti TOML; the operator's file
/// overrides it.
///
/// Full vanguards: arti's default is "lite", which protects clients; a long-lived service
/// that adversaries can make build circuits at will is the case full vanguards are for
/// (guard discovery attacks).
pub const DEFAULT_ARTI_SETTINGS: &str = "\
[vanguards]
mode = \"full\"
";

/// Loads arti's configuration: our defaults, then `file` if given, with storage forced under
/// `state_dir`.
pub fn load_arti_config(
    file: Option<&Path>,
    state_dir: &Path,
) -> Result<TorClientConfig, OnionError> {
    let config_error = |message: String| OnionError::Config {
        path: file.map(Path::to_path_buf),
        message,
    };
    let mut sources = ConfigurationSources::new_empty();
    sources.push_source(
        ConfigurationSource::from_verbatim(DEFAULT_ARTI_SETTINGS.to_owned()),
        MustRead::MustRead,
    );
    if let Some(file) = file {
        if !file.is_file() {
            return Err(config_error("no such file".into()));
        }
        sources.push_source(ConfigurationSource::from_path(file), MustRead::MustRead);
    }
    let state_dir = std::path::absolute(state_dir).map_err(|e| OnionError::StateDir {
        path: state_dir.to_owned(),
        message: e.to_string(),
    })?;
    for (key, path) in [
        ("storage.state_dir", state_dir.clone()),
        ("storage.cache_dir", state_dir.join("cache")),
    ] {
        let path = path.to_str().ok_or_else(|| OnionError::StateDir {
            path: state_dir.clone(),
            message: "the path is not valid UTF-8".into(),
        })?;
        // arti expands `${…}` in paths: a literal `$` would be misread.
        if path.contains('$') {
            return Err(OnionError::StateDir {
                path: state_dir.clone(),
                message: "the path must not contain `$`".into(),
            });
        }
        sources.push_option(format!("{key}={}", toml::Value::String(path.to_owned())));
    }
    let tree = sources.load().map_err(|e| config_error(e.to_string()))?;
    tor_config::load::resolve::<TorClientConfig>(&tree).map_err(|e| config_error(e.to_string()))
}

/// Creates `dir` (and its parents) readable by its owner only, if it does not exist yet.
///
/// An existing directory is left as it is: arti checks its permissions and refuses a
/// directory others can write to, and that refusal is clearer than a silent chmod.
pub(super) fn create_private_dir(dir: &Path) -> Result<(), OnionError> {
    use std::os::unix::fs::DirBuilderExt;
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| OnionError::StateDir {
            path: dir.to_owned(),
            message: e.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_is_forced_under_the_state_dir() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("arti.toml");
        std::fs::write(
            &file,
            "[storage]\nstate_dir = \"/elsewhere\"\n[vanguards]\nmode = \"lite\"\n",
        )
        .unwrap();
        let state = dir.path().join("onion");
        let config = load_arti_config(Some(&file), &state).unwrap();
        let debug = format!("{config:?}");
        assert!(debug.contains(&format!("{}", state.display())), "{debug}");
        assert!(!debug.contains("/elsewhere"), "{debug}");
    }

    #[test]
    fn a_missing_file_is_a_config_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = load_arti_config(Some(&dir.path().join("nope.toml")), dir.path()).unwrap_err();
        assert!(matches!(err, OnionError::Config { .. }), "{err}");
    }

    #[test]
    fn a_malformed_file_is_a_config_error() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("arti.toml");
        std::fs::write(&file, "[tor_network\nfallback_caches = 3").unwrap();
        let err = load_arti_config(Some(&file), dir.path()).unwrap_err();
        assert!(matches!(err, OnionError::Config { .. }), "{err}");
    }
}
