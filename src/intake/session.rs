//! Sessions, held in memory only: a random id in a cookie, a token for the forms, and, once
//! a code is issued or entered, that code's mailbox keys.
//!
//! Nothing about a session is written to disk. The keys are wiped when the session ends:
//! on log-out, after inactivity, or when the drop stops.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::http::HeaderMap;
use rand::RngCore;

use crate::credential::{MailboxKeys, ReceiptCode};

/// The session cookie's name.
pub const COOKIE: &str = "amana_session";

/// One reporter's session.
pub struct Session {
    /// Token every form in this session carries (compared in constant time).
    pub csrf: String,
    /// Last request; the session ends `idle` after it.
    last_seen: Instant,
    /// A freshly issued code, kept so the code page can show it in either spelling until
    /// the first message is sent.
    pub code: Option<ReceiptCode>,
    /// The mailbox keys, once a code was issued or entered.
    pub keys: Option<Arc<MailboxKeys>>,
}

/// All live sessions.
pub struct Sessions {
    map: Mutex<HashMap<String, Session>>,
    idle: Duration,
    max: usize,
}

/// The cookie that carries the login form's token before any session exists.
pub const LOGIN_COOKIE: &str = "amana_login";

/// Random 32 bytes in hex.
pub fn random_token() -> String {
    let mut b = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

impl Sessions {
    /// An empty store; sessions end after `idle`, at most `max` live at once.
    pub fn new(idle: Duration, max: usize) -> Self {
        Sessions {
            map: Mutex::new(HashMap::new()),
            idle,
            max,
        }
    }

    /// Starts a session; `None` when the store is full even after dropping expired ones.
    pub fn create(
        &self,
        code: Option<ReceiptCode>,
        keys: Option<Arc<MailboxKeys>>,
    ) -> Option<String> {
        let mut map = self.map.lock().expect("session lock");
        if map.len() >= self.max {
            let idle = self.idle;
            map.retain(|_, s| s.last_seen.elapsed() < idle);
            if map.len() >= self.max {
                return None;
            }
        }
        let id = random_token();
        map.insert(
            id.clone(),
            Session {
                csrf: random_token(),
                last_seen: Instant::now(),
                code,
                keys,
            },
        );
        Some(id)
    }

    /// Runs `f` on a live session and marks it active; `None` when it does not exist or has
    /// expired (an expired session is removed, wiping its keys).
    pub fn with<R>(&self, id: &str, f: impl FnOnce(&mut Session) -> R) -> Option<R> {
        let mut map = self.map.lock().expect("session lock");
        let expired = map.get(id)?.last_seen.elapsed() >= self.idle;
        if expired {
            map.remove(id);
            return None;
        }
        let session = map.get_mut(id)?;
        session.last_seen = Instant::now();
        Some(f(session))
    }

    /// Ends a session.
    pub fn remove(&self, id: &str) {
        self.map.lock().expect("session lock").remove(id);
    }

    /// Number of live sessions (expired ones included until swept).
    pub fn len(&self) -> usize {
        self.map.lock().expect("session lock").len()
    }

    /// Whether no session is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Drops expired sessions.
    pub fn sweep(&self) {
        let idle = self.idle;
        self.map
            .lock()
            .expect("session lock")
            .retain(|_, s| s.last_seen.elapsed() < idle);
    }
}

/// A 64-hex-digit token from the request's cookie `name`.
fn token_cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_string())
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The session id from the request's cookies.
pub fn session_id(headers: &HeaderMap) -> Option<String> {
    token_cookie(headers, COOKIE)
}

/// The login form's token from its cookie (double submit: another site can neither read
/// nor set it, so it cannot forge a login that puts the reporter into its own mailbox).
/// Keeping it in a cookie rather than a session means showing the login form costs the
/// drop no memory.
pub fn login_token(headers: &HeaderMap) -> Option<String> {
    token_cookie(headers, LOGIN_COOKIE)
}

/// The `Set-Cookie` value carrying the login form's token.
pub fn login_cookie(token: &str) -> String {
    cookie::Cookie::build((LOGIN_COOKIE, token))
        .path("/login")
        .http_only(true)
        .same_site(cookie::SameSite::Strict)
        .build()
        .to_string()
}

/// The `Set-Cookie` value that removes the login token.
pub fn clear_login_cookie() -> String {
    cookie::Cookie::build((LOGIN_COOKIE, ""))
        .path("/login")
        .http_only(true)
        .same_site(cookie::SameSite::Strict)
        .max_age(cookie::time::Duration::ZERO)
        .build()
        .to_string()
}

/// The `Set-Cookie` value that starts a session: not readable by scripts, never sent by
/// other sites, gone when the browser closes.
pub fn set_cookie(id: &str) -> String {
    cookie::Cookie::build((COOKIE, id))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Strict)
        .build()
        .to_string()
}

/// The `Set-Cookie` value that ends the session in the browser.
pub fn clear_cookie() -> String {
    cookie::Cookie::build((COOKIE, ""))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Strict)
        .max_age(cookie::time::Duration::ZERO)
        .build()
        .to_string()
}

/// Constant-time comparison of a form token with the session's.
pub fn token_matches(expected: &str, given: &str) -> bool {
    use subtle::ConstantTimeEq;
    expected.len() == given.len() && bool::from(expected.as_bytes().ct_eq(given.as_bytes()))
}
