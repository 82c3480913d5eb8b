//! `amana-drop`: the server a reporter reaches, and the operator's export and import
//! commands.
//!
//! Exit codes: 0 success, 1 nothing to export, 2 error (a refused reply bundle included).

mod cli;

use std::process::ExitCode;

use amana::drop_config::DropConfig;
use amana::drop_key::Created;
use clap::Parser;

use cli::{Cli, Command, Location};

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Errors only, and never request details: no addresses, agents, paths or times.
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("AMANA_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("error")),
        )
        .without_time()
        .with_target(false)
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => return fail(&format!("cannot start: {e}")),
    };
    let result = match cli.command {
        Command::Serve(args) => runtime.block_on(serve(args)),
        Command::Export(args) => runtime.block_on(export(args)),
        Command::Import(args) => runtime.block_on(import(args)),
        #[cfg(feature = "onion")]
        Command::OnionAddress(args) => onion_address(args),
    };
    match result {
        Ok(code) => code,
        Err(message) => fail(&message),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("amana-drop: {message}");
    ExitCode::from(2)
}

fn load_config(location: &Location) -> Result<DropConfig, String> {
    let mut config = match &location.config {
        Some(path) => DropConfig::load(path).map_err(|e| e.to_string())?,
        None => DropConfig::default(),
    };
    if let Some(data) = &location.data {
        config.data = data.clone();
    }
    if let Some(keys) = &location.keys {
        config.keys = keys.clone();
    }
    Ok(config)
}

async fn serve(args: cli::ServeArgs) -> Result<ExitCode, String> {
    let mut config = load_config(&args.location)?;
    if let Some(listen) = args.listen {
        config.listen = listen;
    }
    if args.insecure_kdf_for_tests {
        config.kdf.insecure_for_tests = true;
    }
    // Refuse the demo desk on a public address before binding anything.
    let desks = amana::intake::load_desks(&config).map_err(|e| e.to_string())?;
    if desks
        .iter()
        .any(|d| d.public.name == amana::drop_config::DEMO_DESK)
        && !config.listen.ip().is_loopback()
    {
        return Err(amana::intake::LaunchError::DemoNotLoopback(config.listen).to_string());
    }
    #[cfg(feature = "onion")]
    let onion = onion_options(&args, &desks, &mut config)?;
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
    config.listen = listener.local_addr().map_err(|e| e.to_string())?;
    let header_timeout = std::time::Duration::from_secs(config.limits.header_timeout_secs);
    let max_connections = config.limits.max_connections;
    let launched = amana::intake::launch(config).map_err(|e| e.to_string())?;
    if launched.created == Created::New {
        println!(
            "New drop signing key and install salt created in {}.\n\
             Back up that folder now: losing the salt cuts every reporter off from their mailbox.\n\
             Drop fingerprint (the reviewer will ask you to confirm it): {}",
            launched.state.config().secrets_dir().display(),
            launched.secrets.fingerprint()
        );
    }
    if launched.demo {
        eprintln!("{}", DEMO_WARNING);
    }
    if launched.state.config().kdf.insecure_for_tests {
        eprintln!("WARNING: insecure key derivation for tests: receipt codes are easy to guess.");
    }
    report_reconcile(&launched.reconciled);
    let admin = amana::export::admin::listen(
        launched.state.store().clone(),
        launched.secrets.clone(),
        std::sync::Arc::new(launched.state.desk_publics()),
    )
    .map_err(|e| format!("cannot open the admin socket: {e}"))?;
    println!(
        "Amana drop listening on http://{}",
        launched.state.config().listen
    );
    let sweeper = launched.state.spawn_session_sweeper();
    let router = amana::intake::app(launched.state.clone());
    let shutdown = launched.state.shutdown().clone();
    let grace = std::time::Duration::from_secs(launched.state.config().limits.shutdown_grace_secs);
    let signals = tokio::spawn(stop_on_signals(shutdown.clone(), grace));
    let local = amana::intake::serve(
        listener,
        router.clone(),
        header_timeout,
        max_connections,
        shutdown,
    );
    // With --onion, the same router on the onion service too; a signal stops both.
    #[cfg(feature = "onion")]
    let result = match onion {
        Some(options) => tokio::select! {
            served = local => served.map_err(|e| e.to_string()),
            served = amana::onion::serve_onion(router, options) => served.map_err(|e| e.to_string()),
        },
        None => local.await.map_err(|e| e.to_string()),
    };
    #[cfg(not(feature = "onion"))]
    let result = local.await.map_err(|e| e.to_string());
    drop(admin);
    sweeper.abort();
    signals.abort();
    result?;
    launched
        .state
        .store()
        .flush()
        .await
        .map_err(|e| format!("flushing the records: {e}"))?;
    println!("Amana drop stopped.");
    Ok(ExitCode::SUCCESS)
}

/// With `--onion`: refuses the demo desk, makes sure the onion key exists, and lists the
/// onion address among the drop's own origins (the same-origin check on form posts).
#[cfg(feature = "onion")]
fn onion_options(
    args: &cli::ServeArgs,
    desks: &[amana::intake::DeskEntry],
    config: &mut DropConfig,
) -> Result<Option<amana::onion::OnionOptions>, String> {
    if !args.onion {
        return Ok(None);
    }
    if desks
        .iter()
        .any(|d| d.public.name == amana::drop_config::DEMO_DESK)
    {
        return Err(
            "--onion refuses the demo desk: its secret key is public, so anyone could \
                    read what reporters send. Put your own desks' NAME.pub files in the keys \
                    folder (amana-review keygen)"
                .into(),
        );
    }
    let state_dir = args
        .onion_state
        .clone()
        .unwrap_or_else(|| amana::onion::default_state_dir(&config.keys));
    let mut options = amana::onion::OnionOptions::new(state_dir);
    options.arti_config = args.arti_config.clone();
    options.header_timeout = std::time::Duration::from_secs(config.limits.header_timeout_secs);
    options.max_streams = config.limits.max_connections;
    let address =
        amana::onion::ensure_onion_address(&options.state_dir).map_err(|e| e.to_string())?;
    config.public_origins.push(format!("http://{address}"));
    Ok(Some(options))
}

/// `onion-address`: reads (or with `--create`, makes) the onion key, never connects.
#[cfg(feature = "onion")]
fn onion_address(args: cli::OnionAddressArgs) -> Result<ExitCode, String> {
    let config = load_config(&args.location)?;
    let state_dir = args
        .onion_state
        .unwrap_or_else(|| amana::onion::default_state_dir(&config.keys));
    let address = if args.create {
        amana::onion::ensure_onion_address(&state_dir)
    } else {
        amana::onion::onion_address(&state_dir)
    }
    .map_err(|e| e.to_string())?;
    println!("{address}");
    Ok(ExitCode::SUCCESS)
}

const DEMO_WARNING: &str = "\
########################################################################
#  DEMO MODE: reports are sealed to the DEMO desk, whose secret key is  #
#  published with Amana. Anyone can read them. Never give this address  #
#  to a real reporter. Put your own desk keys in the keys folder.       #
########################################################################";

fn report_reconcile(report: &amana::store::ReconcileReport) {
    if report.temp_files_deleted + report.orphan_envelopes_deleted > 0 {
        eprintln!(
            "Start-up clean-up: {} unfinished upload(s) and {} unrecorded envelope(s) deleted.",
            report.temp_files_deleted, report.orphan_envelopes_deleted
        );
    }
    if !report.missing_envelopes.is_empty() {
        eprintln!(
            "WARNING: {} recorded envelope(s) are missing from the data folder; restore them \
             from the backup: {}",
            report.missing_envelopes.len(),
            report.missing_envelopes.join(", ")
        );
    }
}

/// The first SIGTERM or SIGINT stops the drop: no new connections or uploads, those in flight
/// may finish. The grace period's end, or a second signal, cuts off what is still arriving.
async fn stop_on_signals(shutdown: amana::intake::Shutdown, grace: std::time::Duration) {
    next_signal().await;
    eprintln!(
        "Stopping: no new connections or uploads; uploads in flight have {} s to finish \
         (a second signal cuts them off now).",
        grace.as_secs()
    );
    shutdown.stop();
    tokio::select! {
        () = tokio::time::sleep(grace) => {}
        () = next_signal() => {}
    }
    shutdown.cut_off();
}

async fn next_signal() {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = match signal(SignalKind::terminate()) {
        Ok(s) => s,
        Err(_) => return std::future::pending().await,
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
}

/// Asks the drop running on the configured data folder; `Ok(None)` when none is running
/// (sled lets one process open the folder, so a running drop does the work itself).
async fn ask_running(
    config: &DropConfig,
    request: amana::export::admin::AdminRequest,
) -> Result<Option<amana::export::admin::AdminReply>, String> {
    if !config.data.is_dir() {
        return Err(format!(
            "no data folder at {} (give the drop's --data or --config)",
            config.data.display()
        ));
    }
    let data = config.data.clone();
    tokio::task::spawn_blocking(move || amana::export::admin::ask(&data, &request))
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| format!("cannot reach the running drop: {e}"))
}

/// The drop's secrets and its store, opened directly: for when no drop is running.
fn open_stopped(
    config: &DropConfig,
) -> Result<(amana::drop_key::DropSecrets, amana::store::Store), String> {
    let secrets = amana::drop_key::DropSecrets::load(&config.secrets_dir()).map_err(|e| {
        format!(
            "the drop's secrets in {}: {e}",
            config.secrets_dir().display()
        )
    })?;
    let store = amana::store::Store::open(&config.data).map_err(|e| {
        format!(
            "{e}\n(is a drop running on {} without its admin socket?)",
            config.data.display()
        )
    })?;
    Ok((secrets, store))
}

/// Exports through the running drop's admin socket, or, when no drop is running on the data
/// folder, by opening it directly.
async fn export(args: cli::ExportArgs) -> Result<ExitCode, String> {
    use amana::export::admin::{self, AdminReply, AdminRequest};
    let config = load_config(&args.location)?;
    let out = std::path::absolute(&args.out).map_err(|e| e.to_string())?;
    let request = amana::export::ExportRequest {
        out,
        desk: args.desk,
        all: args.all,
    };
    let reply = match ask_running(&config, AdminRequest::Export(request.clone())).await? {
        Some(reply) => reply,
        None => {
            let (secrets, store) = open_stopped(&config)?;
            admin::reply_of(amana::export::export(&store, &secrets.signing_key, &request).await)
        }
    };
    match reply {
        AdminReply::Exported(summary) => {
            println!(
                "Wrote {} envelope(s) to {}.",
                summary.envelopes,
                request.out.display()
            );
            for (desk, sequence) in &summary.sequences {
                println!("  desk {desk}: bundle number {sequence}");
            }
            Ok(ExitCode::SUCCESS)
        }
        AdminReply::Nothing => {
            println!(
                "Nothing to export: every envelope has been exported (use --all to export again)."
            );
            Ok(ExitCode::from(1))
        }
        other => Err(failed(other)),
    }
}

fn failed(reply: amana::export::admin::AdminReply) -> String {
    match reply {
        amana::export::admin::AdminReply::Failed(message) => message,
        _ => "the drop answered something unexpected".into(),
    }
}

/// Imports a reply bundle through the running drop's admin socket, or, when no drop is
/// running on the data folder, by opening it directly.
async fn import(args: cli::ImportArgs) -> Result<ExitCode, String> {
    use amana::export::admin::{self, AdminReply, AdminRequest};
    use amana::export::import::ImportRequest;
    let config = load_config(&args.location)?;
    let file = std::path::absolute(&args.replies).map_err(|e| e.to_string())?;
    let request = ImportRequest { file };
    let reply = match ask_running(&config, AdminRequest::Import(request.clone())).await? {
        Some(reply) => reply,
        None => {
            let desks: Vec<_> = amana::intake::load_desks(&config)
                .map_err(|e| e.to_string())?
                .into_iter()
                .map(|d| d.public)
                .collect();
            let (secrets, store) = open_stopped(&config)?;
            admin::import_reply_of(
                amana::export::import::import(&store, &secrets, &desks, &request).await,
            )
        }
    };
    match reply {
        AdminReply::Imported(summary) => {
            println!(
                "Imported {}: {} new repl{}, {} already seen (left as they are), {} acknowledged \
                 envelope(s) deleted.",
                request.file.display(),
                summary.added,
                if summary.added == 1 { "y" } else { "ies" },
                summary.already_seen,
                summary.envelopes_deleted
            );
            Ok(ExitCode::SUCCESS)
        }
        other => Err(failed(other)),
    }
}
