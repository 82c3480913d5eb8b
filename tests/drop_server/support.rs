//! Shared helpers: a drop in temporary folders, requests, multipart bodies, envelopes.

use std::io::Read;
use std::path::{Path, PathBuf};

use amana::desk::DeskSecret;
use amana::drop_config::DropConfig;
use amana::intake::{app, launch, Launched};
use axum::body::Body;
use axum::http::{header, Request, Response, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// A drop in temporary folders, with one desk whose secret the test holds.
pub struct TestDrop {
    pub dir: tempfile::TempDir,
    pub desk: DeskSecret,
    pub launched: Launched,
}

pub const DESK: &str = "anti-corruption";

/// Writes a desk's public file into `keys` and returns its secret.
pub fn make_desk(keys: &Path, name: &str) -> DeskSecret {
    std::fs::create_dir_all(keys).unwrap();
    let desk = DeskSecret::generate(name).unwrap();
    std::fs::write(keys.join(format!("{name}.pub")), desk.to_public().to_text()).unwrap();
    desk
}

/// Test configuration: cheap key derivation (TEST ONLY), folders under `root`.
pub fn test_config(root: &Path) -> DropConfig {
    let mut config = DropConfig::parse("[kdf]\ninsecure_for_tests = true\n").unwrap();
    config.data = root.join("data");
    config.keys = root.join("keys");
    config
}

impl TestDrop {
    pub fn new() -> Self {
        Self::with(|_| {})
    }

    pub fn with(adjust: impl FnOnce(&mut DropConfig)) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let desk = make_desk(&dir.path().join("keys"), DESK);
        let mut config = test_config(dir.path());
        adjust(&mut config);
        let launched = launch(config).unwrap();
        TestDrop {
            dir,
            desk,
            launched,
        }
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub async fn send(
        &self,
        request: Request<Body>,
    ) -> (StatusCode, axum::http::HeaderMap, String) {
        let response = app(self.launched.state.clone())
            .oneshot(request)
            .await
            .unwrap();
        read(response).await
    }

    /// Takes a code: returns the session cookie and the code page's HTML.
    pub async fn take_code(&self) -> (String, String) {
        let (status, headers, _) = self
            .send(post("/code", None).body(Body::empty()).unwrap())
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let cookie = session_cookie(&headers);
        let (status, _, html) = self.send(get("/code", Some(&cookie))).await;
        assert_eq!(status, StatusCode::OK);
        (cookie, html)
    }

    /// The form token of the page at `uri`.
    pub async fn token(&self, uri: &str, cookie: &str) -> String {
        let (status, _, html) = self.send(get(uri, Some(cookie))).await;
        assert_eq!(status, StatusCode::OK, "{html}");
        csrf_of(&html)
    }

    /// Submits `body` as the session `cookie`.
    pub async fn submit(
        &self,
        cookie: &str,
        body: Multipart,
    ) -> (StatusCode, axum::http::HeaderMap, String) {
        let (content_type, bytes) = body.build();
        let request = post("/submit", Some(cookie))
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(bytes))
            .unwrap();
        self.send(request).await
    }

    /// Logs in with a code; returns the new session cookie, or the error page.
    pub async fn login(&self, code: &str) -> Result<String, (StatusCode, String)> {
        let (_, headers, html) = self.send(get("/login", None)).await;
        let cookie = cookie_named(&headers, "amana_login");
        let body = format!("csrf={}&code={}", csrf_of(&html), url_encode(code));
        let (status, headers, html) = self
            .send(
                post("/login", Some(&cookie))
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(Body::from(body))
                    .unwrap(),
            )
            .await;
        if status == StatusCode::SEE_OTHER {
            Ok(session_cookie(&headers))
        } else {
            Err((status, html))
        }
    }

    pub fn envelope_files(&self) -> Vec<PathBuf> {
        files_under(&self.data().join("envelopes"))
    }
}

pub fn url_encode(s: &str) -> String {
    s.replace(' ', "+")
}

pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

pub async fn read(response: Response<Body>) -> (StatusCode, axum::http::HeaderMap, String) {
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

pub fn get(uri: &str, cookie: Option<&str>) -> Request<Body> {
    let mut b = Request::get(uri);
    if let Some(c) = cookie {
        b = b.header(header::COOKIE, c);
    }
    b.body(Body::empty()).unwrap()
}

/// A POST as a browser sends it from the drop's own page.
pub fn post(uri: &str, cookie: Option<&str>) -> axum::http::request::Builder {
    let mut b = Request::post(uri).header("sec-fetch-site", "same-origin");
    if let Some(c) = cookie {
        b = b.header(header::COOKIE, c);
    }
    b
}

/// `name=value` of the session cookie set by a response.
pub fn session_cookie(headers: &axum::http::HeaderMap) -> String {
    cookie_named(headers, "amana_session")
}

/// `name=value` of the cookie `name` set by a response.
pub fn cookie_named(headers: &axum::http::HeaderMap, name: &str) -> String {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
        .find(|c| c.starts_with(&format!("{name}=")))
        .unwrap_or_else(|| panic!("a {name} cookie"))
}

/// The value of the hidden `csrf` input of a page.
pub fn csrf_of(html: &str) -> String {
    let start = html.find("name=\"csrf\" value=\"").expect("a form token") + 19;
    html[start..start + 64].to_string()
}

/// The text of the element `id="receipt-code"`.
pub fn receipt_code(html: &str) -> String {
    let start = html.find("id=\"receipt-code\">").expect("the code element") + 18;
    let end = start + html[start..].find('<').unwrap();
    html[start..end].to_string()
}

/// A multipart/form-data body, built in field order.
#[derive(Default, Clone)]
pub struct Multipart {
    parts: Vec<(String, Option<String>, Vec<u8>)>,
}

impl Multipart {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn text(mut self, name: &str, value: &str) -> Self {
        self.parts
            .push((name.into(), None, value.as_bytes().to_vec()));
        self
    }

    pub fn file(mut self, name: &str, file_name: &str, content: &[u8]) -> Self {
        self.parts
            .push((name.into(), Some(file_name.into()), content.to_vec()));
        self
    }

    /// A complete report: token, desk, message, then files.
    pub fn report(csrf: &str, message: &str, files: &[(&str, &[u8])]) -> Self {
        let mut m = Multipart::new()
            .text("csrf", csrf)
            .text("desk", DESK)
            .text("message", message)
            .text("contact", "");
        for (name, content) in files {
            m = m.file("files", name, content);
        }
        m
    }

    pub fn build(&self) -> (String, Vec<u8>) {
        let boundary = "----amana-test-boundary-7d1f";
        let mut body = Vec::new();
        for (name, file, content) in &self.parts {
            body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            match file {
                Some(f) => body.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\n\
                         Content-Type: application/octet-stream\r\n\r\n"
                    )
                    .as_bytes(),
                ),
                None => body.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
                ),
            }
            body.extend_from_slice(content);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        (format!("multipart/form-data; boundary={boundary}"), body)
    }
}

/// An opened envelope: every ZIP entry by name.
pub fn open_envelope(
    path: &Path,
    desk: &DeskSecret,
) -> std::collections::BTreeMap<String, Vec<u8>> {
    let bytes = std::fs::read(path).unwrap();
    open_envelope_bytes(&bytes, desk)
}

pub fn open_envelope_bytes(
    bytes: &[u8],
    desk: &DeskSecret,
) -> std::collections::BTreeMap<String, Vec<u8>> {
    let decryptor = age::Decryptor::new(bytes).unwrap();
    let identities: Vec<&dyn age::Identity> = desk
        .identities
        .iter()
        .map(|i| i as &dyn age::Identity)
        .collect();
    let mut plain = Vec::new();
    decryptor
        .decrypt(identities.into_iter())
        .unwrap()
        .read_to_end(&mut plain)
        .unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(plain)).unwrap();
    let mut out = std::collections::BTreeMap::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).unwrap();
        out.insert(entry.name().to_string(), content);
    }
    out
}

/// The entries of a tar bundle, by name.
pub fn bundle_entries(path: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut archive = tar::Archive::new(std::fs::File::open(path).unwrap());
    archive
        .entries()
        .unwrap()
        .map(|e| {
            let mut e = e.unwrap();
            let name = e.path().unwrap().to_string_lossy().into_owned();
            let mut content = Vec::new();
            e.read_to_end(&mut content).unwrap();
            (name, content)
        })
        .collect()
}

/// Whether `needle` occurs anywhere in the files under `dir`.
pub fn find_marker(dir: &Path, needle: &[u8]) -> Vec<PathBuf> {
    files_under(dir)
        .into_iter()
        .filter(|p| {
            std::fs::read(p)
                .map(|b| b.windows(needle.len()).any(|w| w == needle))
                .unwrap_or(false)
        })
        .collect()
}
