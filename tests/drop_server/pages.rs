//! The reporter's path, page by page, through the router without a socket.

use amana::envelope::{ATTACHMENT_DIR, CONTACT_ENTRY, MESSAGE_ENTRY};
use axum::body::Body;
use axum::http::{header, StatusCode};

use super::support::*;

const SECURITY_HEADERS: &[(&str, &str)] = &[
    (
        "content-security-policy",
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ),
    ("cache-control", "no-store"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
    ("x-content-type-options", "nosniff"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
];

pub fn assert_security_headers(headers: &axum::http::HeaderMap) {
    for (name, value) in SECURITY_HEADERS {
        assert_eq!(
            headers.get(*name).map(|v| v.to_str().unwrap()),
            Some(*value),
            "{name}"
        );
    }
    assert!(headers.get(header::SERVER).is_none());
}

#[tokio::test]
async fn home_lists_desks_safety_advice_and_no_scripts() {
    let drop = TestDrop::new();
    let (status, headers, html) = drop.send(get("/", None)).await;
    assert_eq!(status, StatusCode::OK);
    assert_security_headers(&headers);
    assert!(html.contains("<html lang=\"en\" dir=\"ltr\">"));
    assert!(html.contains(DESK));
    assert!(html.contains("Tor Browser"));
    assert!(html.contains("action=\"/code\""));
    assert!(html.contains("href=\"/login\""));
    assert!(!html.contains("<script"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no external resources"
    );
    assert!(
        headers.get(header::SET_COOKIE).is_none(),
        "no session before a code"
    );
}

#[tokio::test]
async fn style_sheet_is_same_origin_css() {
    let drop = TestDrop::new();
    let (status, headers, css) = drop.send(get("/style.css", None)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "text/css; charset=utf-8");
    assert_security_headers(&headers);
    assert!(css.contains("#receipt-code") || css.contains(".code"));
}

#[tokio::test]
async fn unknown_page_is_a_404_page_with_headers() {
    let drop = TestDrop::new();
    let (status, headers, html) = drop.send(get("/nope", None)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_security_headers(&headers);
    assert!(html.contains("Page not found"));
}

#[tokio::test]
async fn code_comes_first_with_a_strict_cookie_and_nothing_stored() {
    let drop = TestDrop::new();
    let (status, headers, _) = drop
        .send(post("/code", None).body(Body::empty()).unwrap())
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/code");
    let set = headers[header::SET_COOKIE].to_str().unwrap();
    assert!(set.contains("HttpOnly"), "{set}");
    assert!(set.contains("SameSite=Strict"), "{set}");
    let cookie = session_cookie(&headers);

    let (status, headers, html) = drop.send(get("/code", Some(&cookie))).await;
    assert_eq!(status, StatusCode::OK);
    assert_security_headers(&headers);
    let words = receipt_code(&html);
    assert_eq!(words.split(' ').count(), 7, "{words}");
    assert!(html.contains("Write it"));
    let (_, _, html) = drop.send(get("/code?as=digits", Some(&cookie))).await;
    let digits = receipt_code(&html);
    assert_eq!(digits.len(), 34, "{digits}");
    assert_eq!(
        amana::credential::ReceiptCode::parse(&words).unwrap(),
        amana::credential::ReceiptCode::parse(&digits).unwrap()
    );
    assert!(drop.envelope_files().is_empty());
    let records = drop.launched.state.store().records().unwrap();
    assert!(records.is_empty());
}

#[tokio::test]
async fn submit_form_puts_the_desk_before_the_files() {
    let drop = TestDrop::new();
    let (cookie, _) = drop.take_code().await;
    let (status, headers, html) = drop.send(get("/submit", Some(&cookie))).await;
    assert_eq!(status, StatusCode::OK);
    assert_security_headers(&headers);
    let desk = html.find("name=\"desk\"").unwrap();
    let files = html.find("name=\"files\"").unwrap();
    assert!(desk < html.find("name=\"message\"").unwrap());
    assert!(desk < files);
    assert!(html.contains("multiple"));
    assert!(html.contains("enctype=\"multipart/form-data\""));
    assert!(html.contains("maxlength=\"100000\""));
}

#[tokio::test]
async fn report_is_sealed_confirmed_and_summarised_never_shown() {
    let drop = TestDrop::new();
    let (cookie, html) = drop.take_code().await;
    let code = receipt_code(&html);
    let csrf = drop.token("/submit", &cookie).await;
    let big: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    let body = Multipart::new()
        .text("csrf", &csrf)
        .text("desk", DESK)
        .text("message", "The mayor's office <b>rigged</b> the tender.")
        .text("contact", "signal: +216 00 000 000")
        .file("files", "tender.pdf", b"%PDF-1.4 fake")
        .file("files", "ledger.bin", &big)
        .file("files", "", b"");
    let (status, headers, _) = drop.submit(&cookie, body).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/sent");
    let (status, _, html) = drop.send(get("/sent", Some(&cookie))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("arrived"));

    let files = drop.envelope_files();
    assert_eq!(files.len(), 1);
    let name = files[0].file_name().unwrap().to_str().unwrap().to_string();
    assert!(amana::envelope::valid_envelope_id(
        name.strip_suffix(".age").unwrap()
    ));
    let entries = open_envelope(&files[0], &drop.desk);
    assert_eq!(
        entries[MESSAGE_ENTRY],
        b"The mayor's office <b>rigged</b> the tender."
    );
    assert_eq!(entries[CONTACT_ENTRY], b"signal: +216 00 000 000");
    assert_eq!(
        entries[&format!("{ATTACHMENT_DIR}001-tender.pdf")],
        b"%PDF-1.4 fake"
    );
    assert_eq!(entries[&format!("{ATTACHMENT_DIR}002-ledger.bin")], big);
    assert!(drop.data().join("tmp").read_dir().unwrap().next().is_none());

    // The code page is gone once the code has been used.
    let (status, _, _) = drop.send(get("/code", Some(&cookie))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // Follow up with the code: a summary, never the contents.
    let cookie = drop.login(&code).await.unwrap();
    let (status, headers, html) = drop.send(get("/mailbox", Some(&cookie))).await;
    assert_eq!(status, StatusCode::OK);
    assert_security_headers(&headers);
    assert!(html.contains(&amana::util::today()));
    assert!(html.contains(DESK));
    assert!(html.contains("<td>2</td>"), "two files: {html}");
    assert!(!html.contains("rigged") && !html.contains("tender.pdf") && !html.contains("216"));

    // Another message to the same case.
    let csrf = drop.token("/submit", &cookie).await;
    let (_, _, form) = drop.send(get("/submit", Some(&cookie))).await;
    assert!(form.contains("Send another message"));
    let (status, _, _) = drop
        .submit(
            &cookie,
            Multipart::report(&csrf, "More: the minutes.", &[("minutes.txt", b"minutes")]),
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, _, html) = drop.send(get("/mailbox", Some(&cookie))).await;
    assert_eq!(html.matches("<tr><td>").count(), 2, "{html}");
    let mut kinds = Vec::new();
    for f in drop.envelope_files() {
        let entries = open_envelope(&f, &drop.desk);
        let meta: amana::envelope::EnvelopeMeta =
            serde_json::from_slice(&entries["amana.json"]).unwrap();
        kinds.push((meta.kind, meta.mailbox.clone()));
    }
    assert_eq!(kinds.len(), 2);
    assert_eq!(
        kinds[0].1, kinds[1].1,
        "one case: the same mailbox reference"
    );
    assert!(kinds.iter().any(|k| k.0 == amana::envelope::Kind::FollowUp));
}

#[tokio::test]
async fn a_report_without_files_is_accepted() {
    let drop = TestDrop::new();
    let (cookie, _) = drop.take_code().await;
    let csrf = drop.token("/submit", &cookie).await;
    let (status, _, _) = drop
        .submit(
            &cookie,
            Multipart::report(&csrf, "Just words.", &[]).file("files", "", b""),
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let files = drop.envelope_files();
    assert_eq!(
        open_envelope(&files[0], &drop.desk)[MESSAGE_ENTRY],
        b"Just words."
    );
}

#[tokio::test]
async fn logging_out_ends_the_session() {
    let drop = TestDrop::new();
    let (cookie, _) = drop.take_code().await;
    let csrf = drop.token("/submit", &cookie).await;
    let (status, headers, _) = drop
        .send(
            post("/logout", Some(&cookie))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(format!("csrf={csrf}")))
                .unwrap(),
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    let (status, headers, html) = drop.send(get("/submit", Some(&cookie))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_security_headers(&headers);
    assert!(html.contains("session has ended"));
}

#[tokio::test]
async fn logout_without_the_token_is_refused() {
    let drop = TestDrop::new();
    let (cookie, _) = drop.take_code().await;
    let (status, _, _) = drop
        .send(
            post("/logout", Some(&cookie))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(format!("csrf={}", "0".repeat(64))))
                .unwrap(),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = drop.send(get("/submit", Some(&cookie))).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the session survives a forged log-out"
    );
}

#[tokio::test]
async fn sessions_end_after_inactivity() {
    let drop = TestDrop::with(|c| c.limits.session_idle_minutes = 0);
    let (_, headers, _) = drop
        .send(post("/code", None).body(Body::empty()).unwrap())
        .await;
    let cookie = session_cookie(&headers);
    let (status, _, html) = drop.send(get("/code", Some(&cookie))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(html.contains("inactivity"));
}

#[tokio::test]
async fn follow_up_with_a_wrong_or_malformed_code() {
    let drop = TestDrop::new();
    let (status, html) = drop.login("not a code").await.unwrap_err();
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("seven words or 28 digits"));
    let unknown = amana::credential::ReceiptCode::generate();
    let (status, html) = drop.login(&unknown.to_digits()).await.unwrap_err();
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(html.contains("Nothing has arrived under this code"));
}

#[tokio::test]
async fn login_needs_the_login_pages_token() {
    let drop = TestDrop::new();
    let code = amana::credential::ReceiptCode::generate();
    let form = |csrf: &str| format!("csrf={csrf}&code={}", url_encode(&code.to_digits()));
    // No cookie at all: a forged cross-site login has no token to match.
    let (status, _, _) = drop
        .send(
            post("/login", None)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(form(&"a".repeat(64))))
                .unwrap(),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, headers, html) = drop.send(get("/login", None)).await;
    assert!(headers
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap()
        .contains("HttpOnly"));
    let cookie = cookie_named(&headers, "amana_login");
    assert!(
        drop.launched.state.sessions().is_empty(),
        "the login form holds no session"
    );
    let (status, _, _) = drop
        .send(
            post("/login", Some(&cookie))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(form(&"a".repeat(64))))
                .unwrap(),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = drop
        .send(
            post("/login", Some(&cookie))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(form(&csrf_of(&html))))
                .unwrap(),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "the right token reaches the code check"
    );
}

#[tokio::test]
async fn posts_from_other_sites_are_refused() {
    let drop = TestDrop::new();
    for (name, value) in [
        ("sec-fetch-site", "cross-site"),
        ("sec-fetch-site", "same-site"),
    ] {
        let request = axum::http::Request::post("/code")
            .header(name, value)
            .body(Body::empty())
            .unwrap();
        let (status, headers, html) = drop.send(request).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_security_headers(&headers);
        assert!(html.contains("Request refused"));
    }
    let request = axum::http::Request::post("/code")
        .header(header::ORIGIN, "http://evil.example")
        .header(header::COOKIE, "amana_lang=fr")
        .body(Body::empty())
        .unwrap();
    let (status, _, html) = drop.send(request).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(html.contains("Demande refusée"), "in the reader's language");
    let request = axum::http::Request::post("/code")
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        drop.send(request).await.0,
        StatusCode::FORBIDDEN,
        "no origin at all"
    );
    let request = axum::http::Request::post("/code")
        .header(header::ORIGIN, "http://127.0.0.1:8080")
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        drop.send(request).await.0,
        StatusCode::SEE_OTHER,
        "our own origin"
    );
}

#[tokio::test]
async fn a_full_drop_answers_busy() {
    let drop = TestDrop::with(|c| c.limits.max_sessions = 0);
    let (status, headers, html) = drop
        .send(post("/code", None).body(Body::empty()).unwrap())
        .await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_security_headers(&headers);
    assert!(html.contains("try again in a minute"));
}

#[tokio::test]
async fn language_is_picked_by_link_and_remembered() {
    let drop = TestDrop::new();
    let (_, _, html) = drop.send(get("/", None)).await;
    assert!(html.contains("href=\"?l=fr\"") && html.contains("href=\"?l=ar\""));
    let (status, headers, html) = drop.send(get("/?l=ar", None)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"), "{html}");
    let cookie = cookie_named(&headers, "amana_lang");
    assert_eq!(cookie, "amana_lang=ar");
    let (_, _, html) = drop.send(get("/login", Some(&cookie))).await;
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"));
    let (status, _, html) = drop.send(get("/nowhere?l=fr", None)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        html.contains("<html lang=\"fr\""),
        "the not-found page speaks the reader's language"
    );
    let (_, _, html) = drop.send(get("/?l=fr", None)).await;
    assert!(html.contains("Signaler un abus"));
    let (_, headers, html) = drop.send(get("/?l=xx", None)).await;
    assert!(html.contains("<html lang=\"en\""));
    assert!(headers.get(header::SET_COOKIE).is_none());
}

/// The `lang` of the page at `uri` with these request headers.
async fn page_lang(drop: &TestDrop, uri: &str, headers: &[(&str, &str)]) -> String {
    let mut request = axum::http::Request::get(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let (status, _, html) = drop.send(request.body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let start = html.find("<html lang=\"").expect("a lang attribute") + 12;
    html[start..start + html[start..].find('"').unwrap()].to_string()
}

#[tokio::test]
async fn language_order_is_choice_then_configured_default_then_accept_language_then_english() {
    // Tor Browser announces en-US whatever its reader's language.
    let tor = ("accept-language", "en-US,en;q=0.5");
    let french_browser = ("accept-language", "fr-FR,fr;q=0.9,en;q=0.8");
    let cookie = ("cookie", "amana_lang=fr");

    let configured = TestDrop::with(|c| c.default_language = Some("ar".into()));
    assert_eq!(page_lang(&configured, "/?l=en", &[cookie, tor]).await, "en");
    assert_eq!(page_lang(&configured, "/", &[cookie, tor]).await, "fr");
    assert_eq!(page_lang(&configured, "/", &[tor]).await, "ar");
    assert_eq!(page_lang(&configured, "/", &[french_browser]).await, "ar");
    assert_eq!(page_lang(&configured, "/login", &[]).await, "ar");

    let unset = TestDrop::new();
    assert_eq!(
        page_lang(&unset, "/?l=ar", &[cookie, french_browser]).await,
        "ar"
    );
    assert_eq!(page_lang(&unset, "/", &[cookie, tor]).await, "fr");
    assert_eq!(page_lang(&unset, "/", &[french_browser]).await, "fr");
    assert_eq!(
        page_lang(
            &unset,
            "/",
            &[("accept-language", "de, ar;q=0.4, fr;q=0.2")]
        )
        .await,
        "ar"
    );
    assert_eq!(page_lang(&unset, "/", &[tor]).await, "en");
    assert_eq!(
        page_lang(&unset, "/", &[("accept-language", "de-DE")]).await,
        "en"
    );
    assert_eq!(page_lang(&unset, "/", &[]).await, "en");
}

#[test]
fn every_translation_has_every_english_key() {
    fn keys(text: &str) -> std::collections::BTreeSet<String> {
        text.lines()
            .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim().to_string()))
            .filter(|k| !k.starts_with('#') && !k.is_empty())
            .collect()
    }
    let en = keys(include_str!("../../src/intake/i18n/en/drop.ftl"));
    for (lang, text) in [
        ("fr", include_str!("../../src/intake/i18n/fr/drop.ftl")),
        ("ar", include_str!("../../src/intake/i18n/ar/drop.ftl")),
    ] {
        let other = keys(text);
        let missing: Vec<_> = en.difference(&other).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
    }
}

#[tokio::test]
async fn configured_desks_show_their_description_in_the_readers_language() {
    let drop = TestDrop::with(|c| {
        let desk: amana::drop_config::DeskConfig = toml::from_str(&format!(
            "name = \"{DESK}\"\npublic_key = \"{DESK}.pub\"\n\
             [description]\nen = \"Bribery and embezzlement\"\nfr = \"Corruption et détournements\"\n"
        ))
        .unwrap();
        c.desks = vec![desk];
    });
    let (_, _, html) = drop.send(get("/", None)).await;
    assert!(html.contains("Bribery and embezzlement"));
    let (_, _, html) = drop.send(get("/?l=fr", None)).await;
    assert!(html.contains("Corruption et détournements"));
    let (_, _, html) = drop.send(get("/?l=ar", None)).await;
    assert!(
        html.contains("Bribery and embezzlement"),
        "falls back to the default language"
    );
}

#[test]
fn a_configured_desk_whose_file_names_another_desk_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    make_desk(&dir.path().join("keys"), "other");
    let mut config = test_config(dir.path());
    config.desks =
        vec![toml::from_str(&format!("name = \"{DESK}\"\npublic_key = \"other.pub\"\n")).unwrap()];
    let err = amana::intake::launch(config).err().expect("refused");
    assert!(
        err.to_string().contains("the file is for desk `other`"),
        "{err}"
    );
    let mut config = test_config(dir.path());
    config.keys = dir.path().join("empty");
    std::fs::create_dir_all(&config.keys).unwrap();
    let err = amana::intake::launch(config).err().expect("refused");
    assert!(err.to_string().contains("no desk"), "{err}");
}

#[tokio::test]
async fn arabic_readers_get_their_code_in_digits_unless_they_ask_for_words() {
    let drop = TestDrop::new();
    let (cookie, _) = drop.take_code().await;
    let (status, _, html) = drop.send(get("/code?l=ar", Some(&cookie))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("dir=\"rtl\""), "the page is in Arabic");
    let shown = receipt_code(&html);
    assert_eq!(shown.len(), 34, "28 digits in groups of four: {shown}");
    let (_, _, html) = drop.send(get("/code?l=ar&as=words", Some(&cookie))).await;
    assert_eq!(receipt_code(&html).split(' ').count(), 7);
}
