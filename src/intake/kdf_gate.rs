//! Argon2 behind permits: each derivation holds tens of MiB, so the number running at once
//! is bounded by a memory budget, with separate permits for issuing new codes and for
//! follow-up logins so that a login flood cannot stop new reports. Waiting is bounded too:
//! past the queue length or the timeout the reporter gets a "busy, try again" page instead
//! of the drop growing its memory.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;
use zeroize::Zeroizing;

use crate::credential::{KdfParams, MailboxKeys, ReceiptCode, INSTALL_SALT_LEN};

/// Which pool of permits a derivation draws from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Issuing a new code (the start of a new report).
    Issue,
    /// A follow-up login with an existing code.
    Login,
}

/// No permit in time: the reporter should try again in a minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy;

struct Pool {
    permits: Arc<Semaphore>,
    waiting: AtomicUsize,
}

/// The two pools and the derivation's inputs.
pub struct KdfGate {
    issue: Pool,
    login: Pool,
    max_queue: usize,
    timeout: Duration,
    params: KdfParams,
    salt: Arc<Zeroizing<[u8; INSTALL_SALT_LEN]>>,
}

impl KdfGate {
    /// `permits` derivations of each purpose may run at once; `max_queue` may wait, each at
    /// most `timeout`.
    pub fn new(
        params: KdfParams,
        salt: Zeroizing<[u8; INSTALL_SALT_LEN]>,
        permits: usize,
        max_queue: usize,
        timeout: Duration,
    ) -> Self {
        let pool = || Pool {
            permits: Arc::new(Semaphore::new(permits)),
            waiting: AtomicUsize::new(0),
        };
        KdfGate {
            issue: pool(),
            login: pool(),
            max_queue,
            timeout,
            params,
            salt: Arc::new(salt),
        }
    }

    /// Permits free right now for `purpose`.
    pub fn available(&self, purpose: Purpose) -> usize {
        match purpose {
            Purpose::Issue => self.issue.permits.available_permits(),
            Purpose::Login => self.login.permits.available_permits(),
        }
    }

    /// Derives a code's mailbox keys on a blocking thread once a permit is free.
    pub async fn derive(&self, purpose: Purpose, code: ReceiptCode) -> Result<MailboxKeys, Busy> {
        let pool = match purpose {
            Purpose::Issue => &self.issue,
            Purpose::Login => &self.login,
        };
        let permit = match pool.permits.clone().try_acquire_owned() {
            Ok(permit) => permit,
            Err(_) => {
                if pool.waiting.fetch_add(1, Ordering::SeqCst) >= self.max_queue {
                    pool.waiting.fetch_sub(1, Ordering::SeqCst);
                    return Err(Busy);
                }
                let acquired =
                    tokio::time::timeout(self.timeout, pool.permits.clone().acquire_owned()).await;
                pool.waiting.fetch_sub(1, Ordering::SeqCst);
                match acquired {
                    Ok(Ok(permit)) => permit,
                    _ => return Err(Busy),
                }
            }
        };
        let salt = self.salt.clone();
        let params = self.params;
        tokio::task::spawn_blocking(move || {
            let keys = MailboxKeys::derive(&code, &salt[..], params);
            drop(permit);
            keys
        })
        .await
        .map_err(|_| Busy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_login_flood_does_not_block_new_codes() {
        // Real cost, so that the first login holds its permit while the others arrive.
        let gate = Arc::new(KdfGate::new(
            KdfParams::RFC9106_SECOND,
            Zeroizing::new([3u8; INSTALL_SALT_LEN]),
            1,
            0,
            Duration::from_secs(5),
        ));
        let holder = {
            let gate = gate.clone();
            tokio::spawn(async move { gate.derive(Purpose::Login, ReceiptCode::generate()).await })
        };
        while gate.available(Purpose::Login) > 0 {
            tokio::task::yield_now().await;
        }
        assert_eq!(
            gate.derive(Purpose::Login, ReceiptCode::generate())
                .await
                .err(),
            Some(Busy),
            "no queue: a second login is told to come back"
        );
        assert!(gate
            .derive(Purpose::Issue, ReceiptCode::generate())
            .await
            .is_ok());
        assert!(holder.await.unwrap().is_ok());
    }
}
