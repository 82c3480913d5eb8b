//! The reporter's language: `?l=xx` on any page (a picker that needs no JavaScript), kept in
//! a cookie so that the following pages stay in it; otherwise the drop's default.

use axum::extract::{FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Uri};
use axum::middleware::Next;
use axum::response::Response;

use super::i18n::{Tr, LANGUAGES};
use super::AppState;

/// The language cookie's name.
pub const LANG_COOKIE: &str = "amana_lang";

#[derive(serde::Deserialize)]
struct LangQuery {
    l: Option<String>,
}

/// The language a request asks for in its query (`l=`), if it is offered.
fn from_query(uri: &Uri) -> Option<&'static str> {
    let Query(query) = Query::<LangQuery>::try_from_uri(uri).ok()?;
    let asked = query.l?;
    LANGUAGES
        .iter()
        .find(|(code, _)| *code == asked)
        .map(|(code, _)| *code)
}

fn from_cookie(headers: &HeaderMap) -> Option<&'static str> {
    let value = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == LANG_COOKIE)?
        .value()
        .to_string();
    LANGUAGES
        .iter()
        .find(|(code, _)| *code == value)
        .map(|(code, _)| *code)
}

/// The translator for a request.
#[derive(Debug, Clone)]
pub struct Lang(pub Tr);

impl FromRequestParts<AppState> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let asked = from_query(&parts.uri).or_else(|| from_cookie(&parts.headers));
        Ok(Lang(state.tr(asked)))
    }
}

/// Remembers a language chosen with `?l=` in a cookie.
pub async fn remember_language(request: Request, next: Next) -> Response {
    let chosen = from_query(request.uri());
    let mut response = next.run(request).await;
    if let Some(code) = chosen {
        let cookie = cookie::Cookie::build((LANG_COOKIE, code))
            .path("/")
            .http_only(true)
            .same_site(cookie::SameSite::Strict)
            .build()
            .to_string();
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}
