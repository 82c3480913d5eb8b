//! The page templates (askama escapes everything interpolated into them).

use askama::Template;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use super::i18n::Tr;

/// A desk as listed to reporters.
#[derive(Debug, Clone)]
pub struct DeskView {
    /// Its name (also the form value).
    pub name: String,
    /// Its description in the page's language (may be empty).
    pub description: String,
}

/// The home page.
#[derive(Template)]
#[template(path = "home.html", config = "src/intake/askama.toml")]
pub struct HomePage {
    /// Translator.
    pub tr: Tr,
    /// Desks.
    pub desks: Vec<DeskView>,
}

/// The "your code first" page.
#[derive(Template)]
#[template(path = "code.html", config = "src/intake/askama.toml")]
pub struct CodePage {
    /// Translator.
    pub tr: Tr,
    /// The code, spelled as chosen.
    pub code: zeroize::Zeroizing<String>,
    /// Whether it is spelled in words.
    pub words: bool,
}

/// The submission form (first report or follow-up).
#[derive(Template)]
#[template(path = "submit.html", config = "src/intake/askama.toml")]
pub struct SubmitPage {
    /// Translator.
    pub tr: Tr,
    /// Heading key.
    pub title_key: &'static str,
    /// Session token.
    pub csrf: String,
    /// Desks.
    pub desks: Vec<DeskView>,
    /// Longest message.
    pub max_message_chars: usize,
    /// Longest contact field.
    pub max_contact_chars: usize,
    /// "At most N files, S in total."
    pub limits_hint: String,
}

/// The confirmation page, shown only once a submission is durable.
#[derive(Template)]
#[template(path = "sent.html", config = "src/intake/askama.toml")]
pub struct SentPage {
    /// Translator.
    pub tr: Tr,
    /// Session token (log-out form).
    pub csrf: String,
}

/// The follow-up login form.
#[derive(Template)]
#[template(path = "login.html", config = "src/intake/askama.toml")]
pub struct LoginPage {
    /// Translator.
    pub tr: Tr,
    /// Session token.
    pub csrf: String,
}

/// One row of the mailbox's summary.
#[derive(Debug, Clone)]
pub struct SentRow {
    /// Day.
    pub day: String,
    /// Desk.
    pub desk: String,
    /// Number of files.
    pub files: u32,
    /// Total size of the files, formatted.
    pub size: String,
}

/// One reply, opened in memory for this response only.
#[derive(Debug, Clone)]
pub struct ReplyRow {
    /// Its id (16 hex digits), for the delete form.
    pub id: String,
    /// The day it was written.
    pub day: String,
    /// What the desk wrote.
    pub text: String,
    /// The status it set, translated.
    pub status: Option<String>,
    /// Why.
    pub reason: Option<String>,
    /// The body the case was referred to.
    pub referred_to: Option<String>,
}

/// The mailbox.
#[derive(Template)]
#[template(path = "mailbox.html", config = "src/intake/askama.toml")]
pub struct MailboxPage {
    /// Translator.
    pub tr: Tr,
    /// Session token.
    pub csrf: String,
    /// Case status, translated.
    pub status: String,
    /// The reason given with the case's status.
    pub status_reason: Option<String>,
    /// The body the case was referred to.
    pub status_referred_to: Option<String>,
    /// Replies, newest first.
    pub replies: Vec<ReplyRow>,
    /// Whether a reply was just deleted.
    pub deleted: bool,
    /// What was sent, newest first.
    pub rows: Vec<SentRow>,
}

/// An error page.
#[derive(Template)]
#[template(path = "error.html", config = "src/intake/askama.toml")]
pub struct ErrorPage {
    /// Translator.
    pub tr: Tr,
    /// Heading.
    pub title: String,
    /// Explanation and what to do.
    pub message: String,
    /// Where "go back" leads.
    pub back: &'static str,
}

/// The style sheet (same origin, so the CSP's `style-src 'self'` allows it).
pub const STYLE_CSS: &str = include_str!("templates/style.css");

/// Renders a template as an HTML response with `status`.
pub fn render<T: Template>(status: StatusCode, page: &T) -> Response {
    match page.render() {
        Ok(html) => (
            status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            html,
        )
            .into_response(),
        Err(_) => {
            tracing::error!("a page failed to render");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
