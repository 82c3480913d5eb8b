//! Time limits for request bodies. A 2 GiB upload over Tor takes a long time, so there is
//! no overall deadline; instead a body may not stall for longer than the idle timeout, and
//! after a grace period its average rate must stay above a minimum, so that a trickling
//! client cannot hold a connection, a sealing thread and a temporary file for ever.

use std::time::{Duration, Instant};

use bytes::Bytes;
use futures_util::{Stream, StreamExt};

/// The body stopped or became too slow.
#[derive(Debug, thiserror::Error)]
#[error("the request body stalled or was too slow")]
pub struct BodyTooSlow;

/// The time limits.
#[derive(Debug, Clone, Copy)]
pub struct BodyTimeouts {
    /// Longest wait for the next chunk.
    pub idle: Duration,
    /// Slowest average rate, bytes per second.
    pub min_rate: u64,
    /// When the rate starts to count.
    pub grace: Duration,
}

/// Wraps a body stream so that it ends with [`BodyTooSlow`] when a limit is crossed.
pub fn guard<S, E>(
    body: S,
    limits: BodyTimeouts,
) -> impl Stream<Item = Result<Bytes, Box<dyn std::error::Error + Send + Sync>>>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let start = Instant::now();
    futures_util::stream::unfold(
        (body, 0u64, false),
        move |(mut body, mut received, failed)| async move {
            if failed {
                return None;
            }
            let next = match tokio::time::timeout(limits.idle, body.next()).await {
                Err(_) => Some(Err(BodyTooSlow.into())),
                Ok(None) => None,
                Ok(Some(Err(e))) => Some(Err(e.into())),
                Ok(Some(Ok(chunk))) => {
                    received += chunk.len() as u64;
                    let elapsed = start.elapsed();
                    let floor = limits.min_rate.saturating_mul(elapsed.as_secs());
                    if elapsed > limits.grace && received < floor {
                        Some(Err(BodyTooSlow.into()))
                    } else {
                        Some(Ok(chunk))
                    }
                }
            };
            next.map(|item| {
                let failed = item.is_err();
                (item, (body, received, failed))
            })
        },
    )
}

/// Whether an error from the multipart parser came from [`BodyTooSlow`].
pub fn is_too_slow(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = current {
        if e.is::<BodyTooSlow>() {
            return true;
        }
        current = e.source();
    }
    false
}
