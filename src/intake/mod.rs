//! The drop's web intake: the pages a reporter sees, from the home page to the confirmation
//! and the follow-up mailbox. Plain server-rendered HTML, no JavaScript, nothing loaded from
//! elsewhere.
//!
//! [`app`] builds the router (tests call it without a socket); [`serve`] runs it on a
//! listener with the header-read timeout that `axum::serve` does not offer.

mod body_guard;
mod connections;
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

use axum::middleware;
use axum::routing::get;
use axum::Router;

pub use connections::{drain, serve, serve_connection};
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
