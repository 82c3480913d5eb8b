//! Everything that can go wrong with a request, each with a translated page and a status.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::i18n::Tr;
use super::pages::{render, ErrorPage};

/// A request's failure, shown to the reporter as a page.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PageError {
    /// No such page.
    NotFound,
    /// A POST from another origin, or a bad session token.
    Forbidden,
    /// No session, or it expired.
    SessionEnded,
    /// No key-derivation permit in time.
    Busy,
    /// The body is larger than allowed (limit in bytes).
    TooLarge(u64),
    /// More files than allowed (limit).
    TooManyFiles(usize),
    /// A text field is too long.
    FieldTooLong,
    /// The message is too long (limit in characters).
    MessageTooLong(usize),
    /// A file came before the desk was chosen.
    FileBeforeDesk,
    /// No or an unknown desk.
    UnknownDesk,
    /// Neither a message nor a file.
    EmptyReport,
    /// The body stalled or was too slow.
    Timeout,
    /// The disk is below its reserve.
    DiskFull,
    /// The mailbox is over quota.
    Quota,
    /// The code is malformed.
    CodeFormat,
    /// No mailbox answers to the code.
    CodeUnknown,
    /// The request is malformed.
    BadRequest,
    /// A server fault.
    Internal,
}

impl PageError {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            PageError::NotFound => StatusCode::NOT_FOUND,
            PageError::Forbidden => StatusCode::FORBIDDEN,
            PageError::SessionEnded => StatusCode::UNAUTHORIZED,
            PageError::Busy | PageError::DiskFull => StatusCode::SERVICE_UNAVAILABLE,
            PageError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            PageError::TooManyFiles(_)
            | PageError::FieldTooLong
            | PageError::MessageTooLong(_)
            | PageError::FileBeforeDesk
            | PageError::UnknownDesk
            | PageError::EmptyReport
            | PageError::BadRequest
            | PageError::CodeFormat => StatusCode::BAD_REQUEST,
            PageError::Timeout => StatusCode::REQUEST_TIMEOUT,
            PageError::Quota => StatusCode::TOO_MANY_REQUESTS,
            PageError::CodeUnknown => StatusCode::UNAUTHORIZED,
            PageError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The translated page.
    pub fn page(&self, tr: &Tr) -> ErrorPage {
        let (title, message, back) = match self {
            PageError::NotFound => ("error-not-found-title", tr.t("error-not-found"), "/"),
            PageError::Forbidden => ("error-forbidden-title", tr.t("error-forbidden"), "/"),
            PageError::SessionEnded => ("error-session-title", tr.t("error-session"), "/login"),
            PageError::Busy => ("error-busy-title", tr.t("error-busy"), "/"),
            PageError::TooLarge(n) => (
                "error-too-large-title",
                tr.ts("error-too-large", "size", &tr.size(*n)),
                "/submit",
            ),
            PageError::TooManyFiles(n) => (
                "error-too-many-files-title",
                tr.tn("error-too-many-files", "files", *n as u64),
                "/submit",
            ),
            PageError::FieldTooLong => ("error-field-title", tr.t("error-field"), "/submit"),
            PageError::MessageTooLong(n) => (
                "error-message-long-title",
                tr.tn("error-message-long", "chars", *n as u64),
                "/submit",
            ),
            PageError::FileBeforeDesk => ("error-order-title", tr.t("error-order"), "/submit"),
            PageError::UnknownDesk => ("error-desk-title", tr.t("error-desk"), "/submit"),
            PageError::EmptyReport => ("error-empty-title", tr.t("error-empty"), "/submit"),
            PageError::Timeout => ("error-timeout-title", tr.t("error-timeout"), "/submit"),
            PageError::DiskFull => ("error-disk-title", tr.t("error-disk"), "/"),
            PageError::Quota => ("error-quota-title", tr.t("error-quota"), "/mailbox"),
            PageError::CodeFormat => ("error-code-title", tr.t("error-code-format"), "/login"),
            PageError::CodeUnknown => ("error-code-title", tr.t("error-code-unknown"), "/login"),
            PageError::BadRequest => ("error-bad-request-title", tr.t("error-bad-request"), "/"),
            PageError::Internal => ("error-internal-title", tr.t("error-internal"), "/"),
        };
        ErrorPage {
            tr: tr.clone(),
            title: tr.t(title),
            message,
            back,
        }
    }

    /// This error in the reporter's language.
    pub fn in_lang(self, tr: &Tr) -> Failure {
        Failure {
            error: self,
            tr: tr.clone(),
        }
    }
}

/// A [`PageError`] with the language to show it in.
#[derive(Debug, Clone)]
pub struct Failure {
    /// What went wrong.
    pub error: PageError,
    /// In which language to say it.
    pub tr: Tr,
}

impl From<PageError> for Failure {
    fn from(error: PageError) -> Self {
        Failure {
            error,
            tr: Tr::new(None, "en"),
        }
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        render(self.error.status(), &self.error.page(&self.tr))
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        Failure::from(self).into_response()
    }
}
