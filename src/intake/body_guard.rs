//! Time limits for request bodies. A 2 GiB upload over Tor takes a long time, so there is
//! no overall deadline; instead a body may not stall for longer than the idle timeout, and
//! after a grace period its average rate must stay above a minimum, so that a trickling
//! client cannot hold a connection, a sealing thread and a temporary file for ever.
//!
//! A stopping drop also ends the bodies still arriving once its grace period is over
//! ([`CutOff`]), so that their uploads are abandoned like any other failed upload.

use std::time::{Duration, Instant};

use bytes::Bytes;
use futures_util::{Stream, StreamExt};

/// The body stopped or became too slow.
#[derive(Debug, thiserror::Error)]
#[error("the request body stalled or was too slow")]
pub struct BodyTooSlow;

/// The drop is stopping and its grace period for uploads is over.
#[derive(Debug, thiserror::Error)]
#[error("the drop is stopping")]
pub struct CutOff;

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

/// Wraps a body stream so that it ends with [`BodyTooSlow`] when a limit is crossed, or
/// with [`CutOff`] when `shutdown` cuts uploads off.
pub fn guard<S, E>(
    body: S,
    limits: BodyTimeouts,
    shutdown: super::Shutdown,
) -> impl Stream<Item = Result<Bytes, Box<dyn std::error::Error + Send + Sync>>>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let start = Instant::now();
    futures_util::stream::unfold(
        (body, 0u64, false, shutdown),
        move |(mut body, mut received, failed, shutdown)| async move {
            if failed {
                return None;
            }
            let waited = tokio::select! {
                biased;
                () = shutdown.cutting_off() => return Some((Err(CutOff.into()), (body, received, true, shutdown))),
                waited = tokio::time::timeout(limits.idle, body.next()) => waited,
            };
            let next = match waited {
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
                (item, (body, received, failed, shutdown))
            })
        },
    )
}

/// Whether an error from the multipart parser came from [`BodyTooSlow`].
pub fn is_too_slow(error: &(dyn std::error::Error + 'static)) -> bool {
    caused_by::<BodyTooSlow>(error)
}

/// Whether an error from the multipart parser came from [`CutOff`].
pub fn is_cut_off(error: &(dyn std::error::Error + 'static)) -> bool {
    caused_by::<CutOff>(error)
}

/// Whether `error` or one of its sources is a `T`.
pub fn caused_by<T: std::error::Error + 'static>(
    error: &(dyn std::error::Error + 'static),
) -> bool {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = current {
        if e.is::<T>() {
            return true;
        }
        current = e.source();
    }
    false
}
