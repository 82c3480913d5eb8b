//! `amana-drop`: the server a reporter reaches, and the operator's export and import
//! commands.
//!
//! Exit codes: 0 success, 1 nothing to export, 2 error (a refused reply bundle included).
//! Every message for the operator is in Arabic, French or English (see `i18n`).

mod cli;
mod i18n;
mod messages;
#[cfg(feature = "onion")]
mod onion;
mod problems;

use std::process::ExitCode;

use amana::drop_config::DropConfig;
use amana::drop_key::Created;
use clap::Parser;

use cli::{Cli, Command, Location};
use i18n::{t, verbatim};
use messages::{io_error, launch_error, path_error, store_error};

fn main() -> ExitCode {
    let cli = Cli::parse();
    i18n::set(i18n::choose(cli.lang));
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
        Err(e) => return fail(&t!("cannot-start", reason = verbatim(io_error(&e)))),
    };
    let result = match cli.command {
        Command::Serve(args) => runtime.block_on(serve(args)),
        Command::Export(args) => runtime.block_on(export(args)),
        Command::Import(args) => runtime.block_on(import(args)),
        #[cfg(feature = "onion")]
        Command::OnionAddress(args) => onion::onion_address(args),
    };
    match result {
        Ok(code) => code,
        Err(message) => fail(&message),
    }
}

/// Prints an already translated error; exit code 2.
fn fail(message: &str) -> ExitCode {
    eprintln!("{}", t!("error", message = verbatim(message)));
    ExitCode::from(2)
}

fn load_config(location: &Location) -> Result<DropConfig, String> {
    let mut config = match &location.config {
        Some(path) => DropConfig::load(path).map_err(|e| messages::config_error(&e))?,
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
    let desks = amana::intake::load_desks(&config).map_err(|e| launch_error(&e, &config.data))?;
    if desks
        .iter()
        .any(|d| d.public.name == amana::drop_config::DEMO_DESK)
        && !config.listen.ip().is_loopback()
    {
        let refused = amana::intake::LaunchError::DemoNotLoopback(config.listen);
        return Err(launch_error(&refused, &config.data));
    }
    #[cfg(feature = "onion")]
    let onion = onion::onion_options(&args, &desks, &mut config)?;
    let cannot_listen = |addr: std::net::SocketAddr, e: std::io::Error| {
        t!(
            "cannot-listen",
            addr = addr.to_string(),
            reason = verbatim(io_error(&e))
        )
    };
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| cannot_listen(config.listen, e))?;
    config.listen = listener
        .local_addr()
        .map_err(|e| cannot_listen(config.listen, e))?;
    let header_timeout = std::time::Duration::from_secs(config.limits.header_timeout_secs);
    let max_connections = config.limits.max_connections;
    let data = config.data.clone();
    let launched = amana::intake::launch(config).map_err(|e| launch_error(&e, &data))?;
    if launched.created == Created::New {
        let path = launched.state.config().secrets_dir();
        println!("{}", t!("new-secrets", path = &path));
        let fingerprint = launched.secrets.fingerprint();
        println!(
            "{}",
            t!("new-fingerprint", fingerprint = verbatim(fingerprint))
        );
    }
    if launched.demo {
        eprintln!("{}", i18n::framed(&t!("demo-warning")));
    }
    if launched.state.config().kdf.insecure_for_tests {
        eprintln!("{}", t!("insecure-kdf"));
    }
    report_reconcile(&launched.reconciled);
    let admin = amana::export::admin::listen(
        launched.state.store().clone(),
        launched.secrets.clone(),
        std::sync::Arc::new(launched.state.desk_publics()),
    )
    .map_err(|e| t!("admin-socket", reason = verbatim(io_error(&e))))?;
    let url = format!("http://{}", launched.state.config().listen);
    println!("{}", t!("listening", url = verbatim(url)));
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
        shutdown.clone(),
    );
    let served = |e: std::io::Error| t!("serve-failed", reason = verbatim(io_error(&e)));
    // With --onion, the same router on the onion service too. A signal stops both, and both
    // let their uploads in flight finish; a failing onion service stops the local port too.
    #[cfg(feature = "onion")]
    let result = match onion {
        Some(mut options) => {
            options.shutdown = shutdown.clone();
            let onion_served = async {
                let result = amana::onion::serve_onion(router, options).await;
                if result.is_err() {
                    shutdown.stop();
                }
                result
            };
            let (local, onion_served) = tokio::join!(local, onion_served);
            onion_served
                .map_err(|e| onion::onion_error(&e))
                .and(local.map_err(served))
        }
        None => local.await.map_err(served),
    };
    #[cfg(not(feature = "onion"))]
    let result = local.await.map_err(served);
    drop(admin);
    sweeper.abort();
    signals.abort();
    result?;
    launched
        .state
        .store()
        .flush()
        .await
        .map_err(|e| t!("flush-failed", reason = verbatim(store_error(&e))))?;
    println!("{}", t!("stopped"));
    Ok(ExitCode::SUCCESS)
}

/// What start-up reconciliation did, when it did anything.
fn report_reconcile(report: &amana::store::ReconcileReport) {
    if report.temp_files_deleted + report.orphan_envelopes_deleted > 0 {
        eprintln!(
            "{}",
            t!(
                "cleanup",
                uploads = report.temp_files_deleted,
                envelopes = report.orphan_envelopes_deleted
            )
        );
    }
    if !report.missing_envelopes.is_empty() {
        eprintln!(
            "{}",
            t!(
                "missing-envelopes",
                count = report.missing_envelopes.len(),
                ids = verbatim(report.missing_envelopes.join(", "))
            )
        );
    }
}

/// The first SIGTERM or SIGINT stops the drop: no new connections or uploads, those in flight
/// may finish. The grace period's end, or a second signal, cuts off what is still arriving.
async fn stop_on_signals(shutdown: amana::intake::Shutdown, grace: std::time::Duration) {
    next_signal().await;
    eprintln!("{}", t!("stopping", seconds = grace.as_secs()));
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
        return Err(t!("no-data-folder", path = &config.data));
    }
    let data = config.data.clone();
    tokio::task::spawn_blocking(move || amana::export::admin::ask(&data, &request))
        .await
        .map_err(|e| {
            let stopped = t!(
                "ask-stopped",
                detail = amana::review::terminal_safe(&e.to_string())
            );
            t!("cannot-reach", reason = verbatim(stopped))
        })?
        .map_err(|e| messages::ask_error(&e))
}

/// The drop's secrets and its store, opened directly: for when no drop is running.
fn open_stopped(
    config: &DropConfig,
) -> Result<(amana::drop_key::DropSecrets, amana::store::Store), String> {
    let dir = config.secrets_dir();
    let secrets = amana::drop_key::DropSecrets::load(&dir).map_err(|e| {
        let launch = amana::intake::LaunchError::Secrets {
            path: dir.clone(),
            source: e,
        };
        launch_error(&launch, &config.data)
    })?;
    let store = amana::store::Store::open(&config.data).map_err(|e| {
        t!(
            "data-folder-in-use",
            path = &config.data,
            reason = verbatim(store_error(&e))
        )
    })?;
    Ok((secrets, store))
}

/// Exports through the running drop's admin socket, or, when no drop is running on the data
/// folder, by opening it directly.
async fn export(args: cli::ExportArgs) -> Result<ExitCode, String> {
    use amana::export::admin::{AdminReply, AdminRequest};
    use amana::export::ExportError;
    let config = load_config(&args.location)?;
    let out = std::path::absolute(&args.out).map_err(|e| path_error(&args.out, &e))?;
    let request = amana::export::ExportRequest {
        out,
        desk: args.desk,
        all: args.all,
    };
    let reply = match ask_running(&config, AdminRequest::Export(request.clone())).await? {
        Some(reply) => reply,
        None => {
            let (secrets, store) = open_stopped(&config)?;
            match amana::export::export(&store, &secrets.signing_key, &request).await {
                Ok(summary) => AdminReply::Exported(summary),
                Err(ExportError::Nothing) => AdminReply::Nothing,
                Err(e) => return Err(messages::export_error(&e)),
            }
        }
    };
    match reply {
        AdminReply::Exported(summary) => {
            let count = summary.envelopes;
            println!("{}", t!("exported", count = count, path = &request.out));
            for (desk, sequence) in &summary.sequences {
                let desk = amana::review::terminal_safe(desk);
                println!("{}", t!("exported-desk", desk = desk, number = *sequence));
            }
            Ok(ExitCode::SUCCESS)
        }
        AdminReply::Nothing => {
            println!("{}", t!("nothing-to-export", option = "--all"));
            Ok(ExitCode::from(1))
        }
        other => Err(failed(other)),
    }
}

/// The running drop's refusal, worded here from the facts it answered.
fn failed(reply: amana::export::admin::AdminReply) -> String {
    match reply {
        amana::export::admin::AdminReply::Failed(failure) => messages::admin_failure(&failure),
        _ => t!("running-drop-unexpected"),
    }
}

/// Imports a reply bundle through the running drop's admin socket, or, when no drop is
/// running on the data folder, by opening it directly.
async fn import(args: cli::ImportArgs) -> Result<ExitCode, String> {
    use amana::export::admin::{AdminReply, AdminRequest};
    use amana::export::import::ImportRequest;
    let config = load_config(&args.location)?;
    let file = std::path::absolute(&args.replies).map_err(|e| path_error(&args.replies, &e))?;
    let request = ImportRequest { file };
    let reply = match ask_running(&config, AdminRequest::Import(request.clone())).await? {
        Some(reply) => reply,
        None => {
            let desks: Vec<_> = amana::intake::load_desks(&config)
                .map_err(|e| launch_error(&e, &config.data))?
                .into_iter()
                .map(|d| d.public)
                .collect();
            let (secrets, store) = open_stopped(&config)?;
            amana::export::import::import(&store, &secrets, &desks, &request)
                .await
                .map(AdminReply::Imported)
                .map_err(|e| messages::import_error(&e))?
        }
    };
    match reply {
        AdminReply::Imported(summary) => {
            println!(
                "{}",
                t!(
                    "imported",
                    path = &request.file,
                    added = summary.added,
                    seen = summary.already_seen,
                    deleted = summary.envelopes_deleted
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        other => Err(failed(other)),
    }
}
