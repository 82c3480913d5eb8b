//! `serve --onion` and `onion-address`, with their messages in the operator's language.

use std::process::ExitCode;
use std::sync::Arc;

use amana::drop_config::DropConfig;
use amana::onion::{OnionError, OnionEvent, OnionOptions};
use amana::review::terminal_safe;

use crate::i18n::{t, verbatim};

/// With `--onion`: refuses the demo desk, makes sure the onion key exists, and lists the
/// onion address among the drop's own origins (the same-origin check on form posts).
pub fn onion_options(
    args: &crate::cli::ServeArgs,
    desks: &[amana::intake::DeskEntry],
    config: &mut DropConfig,
) -> Result<Option<OnionOptions>, String> {
    if !args.onion {
        return Ok(None);
    }
    if desks
        .iter()
        .any(|d| d.public.name == amana::drop_config::DEMO_DESK)
    {
        return Err(t!(
            "onion-demo",
            option = "--onion",
            command = "amana-review keygen"
        ));
    }
    let state_dir = args
        .onion_state
        .clone()
        .unwrap_or_else(|| amana::onion::default_state_dir(&config.keys));
    let mut options = OnionOptions::new(state_dir);
    options.arti_config = args.arti_config.clone();
    options.header_timeout = std::time::Duration::from_secs(config.limits.header_timeout_secs);
    options.max_streams = config.limits.max_connections;
    options.progress = Arc::new(print_event);
    let address =
        amana::onion::ensure_onion_address(&options.state_dir).map_err(|e| onion_error(&e))?;
    config.public_origins.push(format!("http://{address}"));
    Ok(Some(options))
}

/// `onion-address`: reads (or with `--create`, makes) the onion key, never connects.
pub fn onion_address(args: crate::cli::OnionAddressArgs) -> Result<ExitCode, String> {
    let config = crate::load_config(&args.location)?;
    let state_dir = args
        .onion_state
        .unwrap_or_else(|| amana::onion::default_state_dir(&config.keys));
    let address = if args.create {
        amana::onion::ensure_onion_address(&state_dir)
    } else {
        amana::onion::onion_address(&state_dir)
    }
    .map_err(|e| onion_error(&e))?;
    println!("{address}");
    Ok(ExitCode::SUCCESS)
}

/// One line per event on standard output; the address stays copyable.
fn print_event(event: &OnionEvent) {
    let line = match event {
        OnionEvent::Bootstrap(status) => t!("tor-bootstrap", status = terminal_safe(status)),
        OnionEvent::Bootstrapped => t!("tor-bootstrapped"),
        OnionEvent::Address(address) => t!(
            "onion-address",
            url = verbatim(format!("http://{address}/"))
        ),
        OnionEvent::Status { state, problem } => match problem {
            Some(problem) => t!(
                "onion-status-problem",
                state = terminal_safe(state),
                problem = terminal_safe(problem)
            ),
            None => t!("onion-status", state = terminal_safe(state)),
        },
    };
    println!("{line}");
}

/// Why the onion service cannot start or stopped.
pub fn onion_error(e: &OnionError) -> String {
    match e {
        OnionError::Config {
            path: Some(path),
            message,
        } => t!(
            "onion-config-file",
            path = path,
            detail = terminal_safe(message)
        ),
        OnionError::Config {
            path: None,
            message,
        } => t!("onion-config", detail = terminal_safe(message)),
        OnionError::StateDir { path, message } => t!(
            "onion-state-dir",
            path = path,
            detail = terminal_safe(message)
        ),
        OnionError::Locked(path) => t!(
            "onion-locked",
            path = path,
            command = verbatim(format!("fuser -v {}/amana-onion.lock", path.display()))
        ),
        OnionError::NoNetwork { secs, status } => t!(
            "onion-no-network",
            seconds = *secs,
            status = terminal_safe(status)
        ),
        OnionError::NoAddress(path) => t!(
            "onion-no-address",
            path = path,
            command = verbatim("amana-drop onion-address --create")
        ),
        OnionError::Arti(detail) => t!("onion-arti", detail = terminal_safe(detail)),
        OnionError::Stopped(detail) => t!("onion-stopped", detail = terminal_safe(detail)),
    }
}
