//! The reporter's language, in this order:
//!
//! 1. the reporter's own choice: `?l=xx` on any page (a picker that needs no JavaScript),
//!    then the cookie that remembers it;
//! 2. the drop's configured `default_language`, when the operator set one;
//! 3. the browser's `Accept-Language`;
//! 4. English.
//!
//! The configured default comes before `Accept-Language` on purpose: Tor Browser announces
//! `en-US` whatever its reader's language, so a drop set to Arabic must not be overruled by it.

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

/// The first offered language in an `Accept-Language` header, by quality (ties in the order
/// given); only the primary subtag counts (`fr-TN` is `fr`).
fn from_accept_language(headers: &HeaderMap) -> Option<&'static str> {
    let mut ranked: Vec<(f32, &'static str)> = headers
        .get_all(header::ACCEPT_LANGUAGE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|item| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim();
            let primary = tag.split('-').next()?.to_ascii_lowercase();
            let quality = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            let code = LANGUAGES
                .iter()
                .find(|(code, _)| *code == primary)
                .map(|(code, _)| *code)?;
            (quality > 0.0).then_some((quality, code))
        })
        .collect();
    // Stable: equal qualities keep the browser's order.
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked.first().map(|(_, code)| *code)
}

/// The language for a request: see the module's documentation for the order.
fn resolve(parts: &Parts, configured: Option<&str>) -> Option<&'static str> {
    let offered = |c: &str| LANGUAGES.iter().find(|(l, _)| *l == c).map(|(l, _)| *l);
    from_query(&parts.uri)
        .or_else(|| from_cookie(&parts.headers))
        .or_else(|| configured.and_then(offered))
        .or_else(|| from_accept_language(&parts.headers))
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
        let asked = resolve(parts, state.config().default_language.as_deref());
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(uri: &str, headers: &[(&str, &str)]) -> Parts {
        let mut request = axum::http::Request::get(uri);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.body(()).unwrap().into_parts().0
    }

    #[test]
    fn accept_language_is_ranked_by_quality_and_primary_subtag() {
        let pick = |v: &str| from_accept_language(&parts("/", &[("accept-language", v)]).headers);
        assert_eq!(pick("fr-TN,fr;q=0.9,en;q=0.8"), Some("fr"));
        assert_eq!(pick("de, en;q=0.3, ar;q=0.7"), Some("ar"));
        assert_eq!(pick("AR-tn"), Some("ar"));
        assert_eq!(pick("en;q=0.5, fr;q=0.5"), Some("en"));
        assert_eq!(pick("ar;q=0, fr;q=0.1"), Some("fr"));
        assert_eq!(pick("de, *"), None);
        assert_eq!(pick("fr;q=x"), None);
        assert_eq!(from_accept_language(&parts("/", &[]).headers), None);
    }

    #[test]
    fn choice_then_configuration_then_browser() {
        let all = [("cookie", "amana_lang=ar"), ("accept-language", "en-US,en")];
        assert_eq!(resolve(&parts("/?l=fr", &all), Some("en")), Some("fr"));
        assert_eq!(resolve(&parts("/", &all), Some("fr")), Some("ar"));
        let browser = [("accept-language", "en-US,en;q=0.5")];
        assert_eq!(resolve(&parts("/", &browser), Some("ar")), Some("ar"));
        assert_eq!(resolve(&parts("/", &browser), Some("xx")), Some("en"));
        assert_eq!(resolve(&parts("/", &browser), None), Some("en"));
        assert_eq!(resolve(&parts("/", &[]), None), None);
    }
}
