//! The drop's web intake: the pages a reporter sees, from the home page to the confirmation
//! and the follow-up mailbox. Plain server-rendered HTML, no JavaScript, nothing loaded from
//! elsewhere.
//!
//! [`app`] builds the router (tests call it without a socket); [`serve`] runs it on a
//! listener with the header-read timeout that `axum::serve` does not offer.

mod body_guard;
mod error;
mod headers;
pub mod i18n;
mod kdf_gate;
mod lang;
mod launch;
mod pages;
mod routes;
mod sealer;
mod session;
mod state;
mod upload;

use std::time::Duration;

use axum::middleware;
use axum::routing::get;
use axum::Router;

pub use error::PageError;
pub use kdf_gate::{Busy, KdfGate, Purpose};
pub use launch::{launch, load_desks, LaunchError, Launched};
pub use session::{Sessions, COOKIE};
pub use state::{AppState, DeskEntry, Shutdown};

/// Largest login or log-out form body, in bytes.
pub const SMALL_FORM_LIMIT: usize = 16 * 1024;

/// The router with every page and the security middleware.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/", get(routes::home))
        .route("/style.css", get(routes::style))
        .route("/code", get(routes::show_code).post(routes::issue_code))
        .route("/submit", get(routes::submit_form).post(routes::submit))
        .route("/sent", get(routes::sent))
        .route("/login", get(routes::login_form).post(routes::login))
        .route("/mailbox", get(routes::mailbox))
        .route("/reply/delete", axum::routing::post(routes::delete_reply))
        .route("/logout", axum::routing::post(routes::logout))
        .fallback(routes::not_found)
        // The small forms (login, log-out) are read whole: keep them small. The submission
        // streams its body and is bounded by the multipart parser, with its own error page.
        .layer(axum::extract::DefaultBodyLimit::max(SMALL_FORM_LIMIT))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            headers::same_origin_posts,
        ))
        .layer(middleware::from_fn(lang::remember_language))
        .layer(middleware::from_fn(headers::security_headers))
        .with_state(state)
}

/// Longest wait, once uploads are cut off, for their handlers to throw their envelopes away
/// and answer; connections still open after it are dropped.
const CUT_OFF_WAIT: Duration = Duration::from_secs(10);

/// Serves `router` on `listener` until `shutdown` says stop, then drains.
///
/// Each connection is served by hyper's HTTP/1 server with a header-read timeout, so a
/// client that opens connections and never finishes its headers is dropped. At most
/// `max_connections` are served at once; past that, new ones wait in the kernel's backlog
/// instead of each costing the drop a task and its buffers.
///
/// When the drop starts stopping, the listener is closed (new connections are refused),
/// idle connections are closed and busy ones close after their current request; this
/// returns once every connection has ended, or, once uploads are cut off, after at most
/// [`CUT_OFF_WAIT`] more.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    header_timeout: Duration,
    max_connections: usize,
    shutdown: Shutdown,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::service::TowerToHyperService;

    let slots = std::sync::Arc::new(tokio::sync::Semaphore::new(max_connections.max(1)));
    let mut connections = tokio::task::JoinSet::new();
    loop {
        while connections.try_join_next().is_some() {}
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot.map_err(std::io::Error::other)?,
            () = shutdown.stopping() => break,
        };
        let (stream, _peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                // Out of file descriptors and the like: wait a little instead of spinning.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = shutdown.stopping() => break,
        };
        let service = TowerToHyperService::new(router.clone());
        let shutdown = shutdown.clone();
        connections.spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .serve_connection(TokioIo::new(stream), service);
            tokio::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {}
                () = shutdown.stopping() => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
            drop(slot);
        });
    }
    drop(listener);
    tokio::select! {
        () = async { while connections.join_next().await.is_some() {} } => {}
        () = shutdown.cutting_off() => {}
    }
    if !connections.is_empty() {
        let drained = async { while connections.join_next().await.is_some() {} };
        let _ = tokio::time::timeout(CUT_OFF_WAIT, drained).await;
        connections.shutdown().await;
    }
    Ok(())
}
