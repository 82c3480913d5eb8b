//! Serving connections, and letting them finish when the drop stops. The local listener
//! ([`serve`]) and the onion service (`crate::onion`) use the same two steps:
//! [`serve_connection`] for each connection, [`drain`] for all of them at the end.

use std::time::Duration;

use axum::Router;
use tokio::task::JoinSet;

use super::Shutdown;

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
    let slots = std::sync::Arc::new(tokio::sync::Semaphore::new(max_connections.max(1)));
    let mut connections = JoinSet::new();
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
        let router = router.clone();
        let shutdown = shutdown.clone();
        connections.spawn(async move {
            serve_connection(stream, router, header_timeout, &shutdown).await;
            drop(slot);
        });
    }
    drop(listener);
    drain(connections, &shutdown).await;
    Ok(())
}

/// Serves HTTP/1 on one connection, with a header-read timeout. When the drop starts
/// stopping, the connection is closed once its current request is answered (at once if
/// idle).
pub async fn serve_connection<I>(
    io: I,
    router: Router,
    header_timeout: Duration,
    shutdown: &Shutdown,
) where
    I: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::service::TowerToHyperService;

    let connection = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout)
        .serve_connection(TokioIo::new(io), TowerToHyperService::new(router));
    tokio::pin!(connection);
    tokio::select! {
        _ = connection.as_mut() => {}
        () = shutdown.stopping() => {
            connection.as_mut().graceful_shutdown();
            let _ = connection.await;
        }
    }
}

/// Waits for `connections` (each running [`serve_connection`]) to end once the drop is
/// stopping: all of them, or, once uploads are cut off, at most [`CUT_OFF_WAIT`] more;
/// what is still open then is dropped.
pub async fn drain(mut connections: JoinSet<()>, shutdown: &Shutdown) {
    tokio::select! {
        () = async { while connections.join_next().await.is_some() {} } => {}
        () = shutdown.cutting_off() => {}
    }
    if !connections.is_empty() {
        let drained = async { while connections.join_next().await.is_some() {} };
        let _ = tokio::time::timeout(CUT_OFF_WAIT, drained).await;
        connections.shutdown().await;
    }
}
