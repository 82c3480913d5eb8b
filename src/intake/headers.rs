//! Middleware every response passes through, error pages included.

use axum::body::Body;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::PageError;
use super::lang::Lang;
use super::AppState;

/// The headers set on every response, each with its reason.
const SECURITY_HEADERS: &[(&str, &str)] = &[
    // No scripts at all, styles and images from this origin only, forms post only here,
    // never framed, no <base> tricks.
    (
        "content-security-policy",
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; \
         frame-ancestors 'none'; base-uri 'none'",
    ),
    // Pages may show a receipt code or a reporter's mailbox: no cache keeps them.
    ("cache-control", "no-store"),
    // A link out never tells the other site where the reporter came from.
    ("referrer-policy", "no-referrer"),
    // Older browsers that ignore frame-ancestors.
    ("x-frame-options", "DENY"),
    // A response is only ever what its Content-Type says.
    ("x-content-type-options", "nosniff"),
    // No other window keeps a handle on ours, and no other site embeds our resources.
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
];

/// Adds the security headers to every response and strips any `Server` header.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        headers.insert(*name, HeaderValue::from_static(value));
    }
    headers.remove(header::SERVER);
    headers.remove(header::ETAG);
    response
}

/// Refuses every POST that does not come from this site's own pages: the browser must say
/// `Sec-Fetch-Site: same-origin`, or, if it sends no fetch metadata, an `Origin` that is one
/// of the drop's own addresses.
pub async fn same_origin_posts(
    State(state): State<AppState>,
    request: Request<Body>,
    next: Next,
) -> Response {
    if request.method() != Method::POST || is_same_origin(&state, request.headers()) {
        return next.run(request).await;
    }
    // Refused in the reader's language, like every other error page.
    let (mut parts, _body) = request.into_parts();
    let Ok(Lang(tr)) = Lang::from_request_parts(&mut parts, &state).await;
    PageError::Forbidden.in_lang(&tr).into_response()
}

fn is_same_origin(state: &AppState, headers: &axum::http::HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return site.as_bytes() == b"same-origin";
    }
    match headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) {
        Some(origin) => state.origins().iter().any(|o| o == origin),
        None => false,
    }
}
