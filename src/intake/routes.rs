//! The page handlers, in the order a reporter meets them.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Form, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use zeroize::Zeroizing;

use super::error::{Failure, PageError};
use super::i18n::Tr;
use super::kdf_gate::Purpose;
use super::lang::Lang;
use super::pages::{self, render};
use super::session::{self, session_id, token_matches};
use super::{upload, AppState};
use crate::credential::{MailboxKeys, ReceiptCode};
use crate::envelope::{Kind, MAX_CONTACT_CHARS, MAX_MESSAGE_CHARS};
use crate::mailbox::{Mailbox, MailboxState, SentSummary};
use crate::reply::{open_reply, ReplyContent, Status};
use crate::store::REPLY_ID_LEN;

/// Query parameters of the code page.
#[derive(Debug, Default, Deserialize)]
pub struct CodeQuery {
    /// Spelling of the code on the code page: `words` or `digits`.
    #[serde(rename = "as")]
    spelling: Option<String>,
}

/// A form carrying only the session token.
#[derive(Deserialize)]
pub struct TokenForm {
    csrf: String,
}

/// The form that deletes one reply.
#[derive(Deserialize)]
pub struct DeleteReplyForm {
    csrf: String,
    /// The reply's id (16 hex digits).
    reply: String,
}

/// Query parameters of the mailbox page.
#[derive(Debug, Default, Deserialize)]
pub struct MailboxQuery {
    /// Set after a reply was deleted, to say so.
    deleted: Option<String>,
}

/// The follow-up login form.
#[derive(Deserialize)]
pub struct LoginForm {
    csrf: String,
    code: String,
}

type PageResult = Result<Response, Failure>;

fn query(q: Result<Query<CodeQuery>, QueryRejection>) -> CodeQuery {
    q.map(|Query(q)| q).unwrap_or_default()
}

fn see_other(to: &'static str, cookie: Option<String>) -> Response {
    let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response();
    if let Some(cookie) = cookie.and_then(|c| c.parse().ok()) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

/// The session's token and keys, or "session ended".
fn session_keys(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<(String, String, Arc<MailboxKeys>), PageError> {
    let id = session_id(headers).ok_or(PageError::SessionEnded)?;
    let (csrf, keys) = state
        .sessions()
        .with(&id, |s| (s.csrf.clone(), s.keys.clone()))
        .ok_or(PageError::SessionEnded)?;
    Ok((id, csrf, keys.ok_or(PageError::SessionEnded)?))
}

/// The session's mailbox: its record and its sent notes.
fn load_mailbox(state: &AppState, keys: &MailboxKeys) -> Result<Mailbox, PageError> {
    let store = state.store();
    let record = store.mailbox_state(&keys.lookup_id).map_err(internal)?;
    Mailbox::load(keys, record.as_deref(), |tag| store.sent_note(tag)).map_err(internal)
}

/// A mailbox's replies, opened in memory with the session's reply key, newest first.
/// The plaintext lives only as long as the response.
fn open_replies(
    state: &AppState,
    keys: &MailboxKeys,
) -> Result<Vec<([u8; REPLY_ID_LEN], ReplyContent)>, PageError> {
    let mut replies = Vec::new();
    for (id, stored) in state
        .store()
        .replies_of(&keys.lookup_id)
        .map_err(internal)?
    {
        match open_reply(&stored.sealed, &keys.reply_identity) {
            Ok(content) => replies.push((id, content)),
            // Signed by the desk, yet not for this key: never shown, left for the operator.
            Err(e) => tracing::error!("a stored reply does not open: {e}"),
        }
    }
    replies.sort_by(|(_, a), (_, b)| (b.sequence, &b.day).cmp(&(a.sequence, &a.day)));
    Ok(replies)
}

fn status_key(status: Status) -> &'static str {
    match status {
        Status::Received => "status-received",
        Status::InReview => "status-in-review",
        Status::Referred => "status-referred",
        Status::Closed => "status-closed",
    }
}

fn internal(error: impl std::fmt::Display) -> PageError {
    tracing::error!("{error}");
    PageError::Internal
}

/// `GET /`: what this drop is, its desks, how to stay safe.
pub async fn home(State(state): State<AppState>, Lang(tr): Lang) -> Response {
    let desks = state.desk_views(&tr);
    render(StatusCode::OK, &pages::HomePage { tr, desks })
}

/// `GET /style.css`.
pub async fn style() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        pages::STYLE_CSS,
    )
        .into_response()
}

/// `POST /code`: issues a new code and starts a session holding its keys. Nothing is stored.
pub async fn issue_code(
    State(state): State<AppState>,
    Lang(tr): Lang,
    headers: HeaderMap,
) -> PageResult {
    let code = ReceiptCode::generate();
    let keys = state
        .kdf()
        .derive(Purpose::Issue, code.clone())
        .await
        .map_err(|_| PageError::Busy.in_lang(&tr))?;
    if let Some(old) = session_id(&headers) {
        state.sessions().remove(&old);
    }
    let id = state
        .sessions()
        .create(Some(code), Some(Arc::new(keys)))
        .ok_or_else(|| PageError::Busy.in_lang(&tr))?;
    Ok(see_other("/code", Some(session::set_cookie(&id))))
}

/// `GET /code`: shows the freshly issued code, in words or digits.
pub async fn show_code(
    State(state): State<AppState>,
    Lang(tr): Lang,
    headers: HeaderMap,
    q: Result<Query<CodeQuery>, QueryRejection>,
) -> PageResult {
    let q = query(q);
    // The word list is English: Arabic readers get digits unless they ask for words.
    let words = match q.spelling.as_deref() {
        Some("digits") => false,
        Some("words") => true,
        _ => tr.code() != "ar",
    };
    let id = session_id(&headers).ok_or_else(|| PageError::SessionEnded.in_lang(&tr))?;
    let code = state
        .sessions()
        .with(&id, |s| {
            s.code
                .as_ref()
                .map(|c| if words { c.to_words() } else { c.to_digits() })
        })
        .flatten()
        .ok_or_else(|| PageError::SessionEnded.in_lang(&tr))?;
    Ok(render(StatusCode::OK, &pages::CodePage { tr, code, words }))
}

/// `GET /submit`: the form (first report, or another message under the same code).
pub async fn submit_form(
    State(state): State<AppState>,
    Lang(tr): Lang,
    headers: HeaderMap,
) -> PageResult {
    let (_, csrf, keys) = session_keys(&state, &headers).map_err(|e| e.in_lang(&tr))?;
    let sent = load_mailbox(&state, &keys).map_err(|e| e.in_lang(&tr))?;
    let limits = &state.config().limits;
    let desks = state.desk_views(&tr);
    let page = pages::SubmitPage {
        limits_hint: limits_hint(&tr, limits.max_files, limits.max_body_bytes),
        tr,
        title_key: if sent.has_sent() {
            "follow-up-title"
        } else {
            "submit-title"
        },
        csrf,
        desks,
        max_message_chars: MAX_MESSAGE_CHARS,
        max_contact_chars: MAX_CONTACT_CHARS,
    };
    Ok(render(StatusCode::OK, &page))
}

fn limits_hint(tr: &Tr, files: usize, bytes: u64) -> String {
    tr.args(
        "submit-limits",
        vec![
            ("files", (files as u64).into()),
            ("size", tr.size(bytes).into()),
        ],
    )
}

/// `POST /submit`: streams the report into an envelope, makes it durable, and only then
/// sends the reporter to the confirmation.
pub async fn submit(
    State(state): State<AppState>,
    Lang(tr): Lang,
    headers: HeaderMap,
    body: Body,
) -> PageResult {
    let fail = |e: PageError| e.in_lang(&tr);
    // A stopping drop lets the uploads in flight finish but starts no new one.
    if state.shutdown().is_stopping() {
        return Err(fail(PageError::Busy));
    }
    let (id, csrf, keys) = session_keys(&state, &headers).map_err(fail)?;
    let limits = &state.config().limits;
    let free = state.store().free_space().map_err(|e| fail(internal(e)))?;
    if free < limits.disk_reserve_bytes {
        return Err(fail(PageError::DiskFull));
    }
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limits.max_body_bytes) {
        return Err(fail(PageError::TooLarge(limits.max_body_bytes)));
    }
    let before = load_mailbox(&state, &keys).map_err(fail)?;
    before
        .check_quota(limits.mailbox_max_messages, limits.mailbox_max_bytes)
        .map_err(|_| fail(PageError::Quota))?;
    let kind = if before.has_sent() {
        Kind::FollowUp
    } else {
        Kind::Report
    };
    let accepted = upload::receive(&state, &headers, body, &csrf, &keys, kind)
        .await
        .map_err(fail)?;
    let placed = accepted.placed;
    let summary = SentSummary {
        day: accepted.day.clone(),
        kind,
        desk: placed.sealed.desk.clone(),
        attachments: accepted.files,
        attachment_bytes: accepted.file_bytes,
        sealed_bytes: placed.sealed.size,
    };
    let (max_messages, max_bytes) = (limits.mailbox_max_messages, limits.mailbox_max_bytes);
    // Read again under the commit lock: another session of the same code may have sent
    // something meanwhile (it took the next note's tag, and counts toward the quota).
    let committed = state
        .store()
        .commit(&placed.sealed, &accepted.day, |store| {
            let record = store.mailbox_state(&keys.lookup_id)?;
            let mailbox = Mailbox::load(&keys, record.as_deref(), |tag| store.sent_note(tag))?;
            if mailbox.check_quota(max_messages, max_bytes).is_err() {
                return Ok(None);
            }
            Ok(Some(mailbox.next_note(&keys, &summary)))
        })
        .await;
    if let Err(error) = committed {
        // Never recorded: the reporter is not told it arrived, so it must not stay.
        let _ = std::fs::remove_file(&placed.path);
        return Err(fail(match error {
            crate::store::StoreError::Refused => PageError::Quota,
            other => internal(other),
        }));
    }
    // The code has been shown and used: it is no longer kept in the session.
    state.sessions().with(&id, |s| s.code = None);
    Ok(see_other("/sent", None))
}

/// `GET /sent`: the confirmation.
pub async fn sent(State(state): State<AppState>, Lang(tr): Lang, headers: HeaderMap) -> PageResult {
    let (_, csrf, _) = session_keys(&state, &headers).map_err(|e| e.in_lang(&tr))?;
    Ok(render(StatusCode::OK, &pages::SentPage { tr, csrf }))
}

/// `GET /login`: the follow-up form. Its token (the session's, or a fresh one in a cookie)
/// means another site cannot log a reporter into a mailbox of its choosing.
pub async fn login_form(
    State(state): State<AppState>,
    Lang(tr): Lang,
    headers: HeaderMap,
) -> Response {
    let existing =
        session_id(&headers).and_then(|id| state.sessions().with(&id, |s| s.csrf.clone()));
    let (cookie, csrf) = match existing {
        Some(csrf) => (None, csrf),
        None => {
            let token = session::random_token();
            (Some(session::login_cookie(&token)), token)
        }
    };
    let mut response = render(StatusCode::OK, &pages::LoginPage { tr, csrf });
    if let Some(cookie) = cookie.and_then(|c| c.parse().ok()) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

/// `POST /login`: derives the code's keys and, if its mailbox exists, opens a fresh
/// session on it.
pub async fn login(
    State(state): State<AppState>,
    Lang(tr): Lang,
    headers: HeaderMap,
    form: Result<Form<LoginForm>, FormRejection>,
) -> PageResult {
    let fail = |e: PageError| e.in_lang(&tr);
    let Form(form) = form.map_err(|_| fail(PageError::BadRequest))?;
    let typed = Zeroizing::new(form.code);
    let old = session_id(&headers);
    let expected = old
        .as_ref()
        .and_then(|id| state.sessions().with(id, |s| s.csrf.clone()))
        .or_else(|| session::login_token(&headers))
        .ok_or_else(|| fail(PageError::Forbidden))?;
    if !token_matches(&expected, &form.csrf) {
        return Err(fail(PageError::Forbidden));
    }
    let code = ReceiptCode::parse(&typed).map_err(|_| fail(PageError::CodeFormat))?;
    drop(typed);
    let keys = state
        .kdf()
        .derive(Purpose::Login, code)
        .await
        .map_err(|_| fail(PageError::Busy))?;
    if !load_mailbox(&state, &keys).map_err(fail)?.exists() {
        return Err(fail(PageError::CodeUnknown));
    }
    // A new session id on login, so that a planted cookie never becomes a logged-in one.
    if let Some(old) = old {
        state.sessions().remove(&old);
    }
    let id = state
        .sessions()
        .create(None, Some(Arc::new(keys)))
        .ok_or_else(|| fail(PageError::Busy))?;
    let mut response = see_other("/mailbox", Some(session::set_cookie(&id)));
    if let Ok(clear) = session::clear_login_cookie().parse() {
        response.headers_mut().append(header::SET_COOKIE, clear);
    }
    Ok(response)
}

/// `GET /mailbox`: status, replies and a summary of what was sent (never its contents).
pub async fn mailbox(
    State(state): State<AppState>,
    Lang(tr): Lang,
    headers: HeaderMap,
    q: Result<Query<MailboxQuery>, QueryRejection>,
) -> PageResult {
    let deleted = q.is_ok_and(|Query(q)| q.deleted.is_some());
    let (_, csrf, keys) = session_keys(&state, &headers).map_err(|e| e.in_lang(&tr))?;
    let mut mailbox = load_mailbox(&state, &keys).map_err(|e| e.in_lang(&tr))?;
    let replies = open_replies(&state, &keys).map_err(|e| e.in_lang(&tr))?;
    // The newest status among the replies, in memory only: the record is written when a
    // reply is deleted, never merely because the reporter looked.
    mailbox.state.fold_status(replies.iter().map(|(_, r)| r));
    let (status, status_reason, status_referred_to) = match &mailbox.state.case_status {
        Some(kept) => (
            tr.t(status_key(kept.status)),
            kept.reason.clone(),
            kept.referred_to.clone(),
        ),
        // A reply without a status still acknowledges the report.
        None if !replies.is_empty() => (tr.t("status-received"), None, None),
        None if mailbox.has_sent() => (tr.t("mailbox-status-received"), None, None),
        None => (tr.t("mailbox-status-empty"), None, None),
    };
    let reply_rows = replies
        .into_iter()
        .map(|(id, r)| pages::ReplyRow {
            id: hex::encode(id),
            day: r.day,
            text: r.text,
            status: r.status.map(|s| tr.t(status_key(s))),
            reason: r.reason,
            referred_to: r.referred_to,
        })
        .collect();
    let rows = mailbox
        .newest_first()
        .map(|s| pages::SentRow {
            day: s.day.clone(),
            desk: s.desk.clone(),
            files: s.attachments,
            size: tr.size(s.attachment_bytes),
        })
        .collect();
    Ok(render(
        StatusCode::OK,
        &pages::MailboxPage {
            tr,
            csrf,
            status,
            status_reason,
            status_referred_to,
            replies: reply_rows,
            deleted,
            rows,
        },
    ))
}

/// `POST /reply/delete`: deletes one of the session's mailbox's replies (only its own: the
/// key is the session's `lookup_id`). The newest status among the replies is kept in the
/// mailbox's record in the same transaction, so it outlives the reply that set it.
pub async fn delete_reply(
    State(state): State<AppState>,
    Lang(tr): Lang,
    headers: HeaderMap,
    form: Result<Form<DeleteReplyForm>, FormRejection>,
) -> PageResult {
    let fail = |e: PageError| e.in_lang(&tr);
    let Form(form) = form.map_err(|_| fail(PageError::BadRequest))?;
    let (_, csrf, keys) = session_keys(&state, &headers).map_err(fail)?;
    if !token_matches(&csrf, &form.csrf) {
        return Err(fail(PageError::Forbidden));
    }
    let mut id = [0u8; REPLY_ID_LEN];
    hex::decode_to_slice(&form.reply, &mut id).map_err(|_| fail(PageError::BadRequest))?;
    let replies = open_replies(&state, &keys).map_err(fail)?;
    state
        .store()
        .delete_reply(&keys.lookup_id, &id, |old| {
            let mut current = MailboxState::open(&keys, old).ok()?;
            current
                .fold_status(replies.iter().map(|(_, r)| r))
                .then(|| current.seal(&keys))
        })
        .await
        .map_err(|e| fail(internal(e)))?;
    Ok(see_other("/mailbox?deleted=1", None))
}

/// `POST /logout`: ends the session and wipes its keys.
pub async fn logout(
    State(state): State<AppState>,
    Lang(tr): Lang,
    headers: HeaderMap,
    form: Result<Form<TokenForm>, FormRejection>,
) -> PageResult {
    let Form(form) = form.map_err(|_| PageError::BadRequest.in_lang(&tr))?;
    let id = session_id(&headers).ok_or_else(|| PageError::SessionEnded.in_lang(&tr))?;
    let expected = state
        .sessions()
        .with(&id, |s| s.csrf.clone())
        .ok_or_else(|| PageError::SessionEnded.in_lang(&tr))?;
    if !token_matches(&expected, &form.csrf) {
        return Err(PageError::Forbidden.in_lang(&tr));
    }
    state.sessions().remove(&id);
    Ok(see_other("/", Some(session::clear_cookie())))
}

/// Any other address.
pub async fn not_found(Lang(tr): Lang) -> Response {
    Failure {
        error: PageError::NotFound,
        tr,
    }
    .into_response()
}
