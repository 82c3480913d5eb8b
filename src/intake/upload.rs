//! The submission: a multipart body streamed field by field into a sealing thread.
//!
//! The form puts the token and the desk before the files; a body that sends a file first is
//! refused, because the envelope (sealed to the desk's keys) must exist before a single
//! byte of a file arrives. Text fields are read into bounded buffers; file contents go
//! chunk by chunk into the sealer and nowhere else.

use axum::body::Body;
use axum::http::{header, HeaderMap};
use multer::{Constraints, Multipart, SizeLimit};
use zeroize::Zeroizing;

use super::body_guard::{self, BodyTimeouts};
use super::error::PageError;
use super::sealer::{Placed, Sealer};
use super::session::token_matches;
use super::AppState;
use crate::credential::MailboxKeys;
use crate::desk::DeskPublic;
use crate::envelope::{Channel, Kind, MAX_CONTACT_CHARS, MAX_MESSAGE_CHARS};
use crate::seal::{Header, SealError};

/// What an accepted submission was, for the mailbox summary.
pub struct Accepted {
    /// The placed envelope.
    pub placed: Placed,
    /// Number of files.
    pub files: u32,
    /// Total bytes of the files.
    pub file_bytes: u64,
    /// The day written into the envelope.
    pub day: String,
}

/// Reads a submission and seals it. Nothing is committed here: the caller records it.
pub async fn receive(
    state: &AppState,
    headers: &HeaderMap,
    body: Body,
    csrf: &str,
    keys: &MailboxKeys,
    kind: Kind,
) -> Result<Accepted, PageError> {
    let limits = &state.config().limits;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .ok_or(PageError::BadRequest)?;
    let boundary = multer::parse_boundary(content_type).map_err(|_| PageError::BadRequest)?;
    let stream = body_guard::guard(
        body.into_data_stream(),
        BodyTimeouts {
            idle: std::time::Duration::from_secs(limits.body_idle_timeout_secs),
            min_rate: limits.min_body_rate_bytes_per_sec,
            grace: std::time::Duration::from_secs(limits.min_rate_grace_secs),
        },
        state.shutdown().clone(),
    );
    let constraints =
        Constraints::new().size_limit(SizeLimit::new().whole_stream(limits.max_body_bytes));
    let multipart = Multipart::with_constraints(stream, boundary, constraints);
    let mut sealer = None;
    let day = crate::util::today();
    let result = read_fields(state, multipart, csrf, keys, kind, &day, &mut sealer).await;
    match result {
        Ok((message, contact, desk, files, file_bytes)) => {
            let sealer = match sealer {
                Some(s) => s,
                None => start_sealer(state, &desk, keys, kind, &day),
            };
            let placed = sealer.finish(message, contact).await.map_err(seal_error)?;
            Ok(Accepted {
                placed,
                files,
                file_bytes,
                day,
            })
        }
        Err(error) => {
            if let Some(sealer) = sealer {
                sealer.abort().await;
            }
            Err(error)
        }
    }
}

type Fields = (
    Zeroizing<String>,
    Option<Zeroizing<String>>,
    DeskPublic,
    u32,
    u64,
);

/// Reads every field, streaming files into `sealer` (started at the first file).
async fn read_fields(
    state: &AppState,
    mut multipart: Multipart<'_>,
    csrf: &str,
    keys: &MailboxKeys,
    kind: Kind,
    day: &str,
    sealer: &mut Option<Sealer>,
) -> Result<Fields, PageError> {
    let limits = &state.config().limits;
    let mut token_ok = false;
    let mut desk: Option<DeskPublic> = None;
    let mut message = Zeroizing::new(String::new());
    let mut contact: Option<Zeroizing<String>> = None;
    let mut files = 0u32;
    let mut file_bytes = 0u64;

    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| multipart_error(&e, limits.max_body_bytes))?
    {
        let name = field.name().unwrap_or_default().to_string();
        if let Some(file_name) = field.file_name().map(str::to_string) {
            if name != "files" {
                return Err(PageError::BadRequest);
            }
            if !token_ok {
                return Err(PageError::Forbidden);
            }
            let desk = desk.as_ref().ok_or(PageError::FileBeforeDesk)?;
            let first = field
                .chunk()
                .await
                .map_err(|e| multipart_error(&e, limits.max_body_bytes))?;
            // A browser sends one empty, unnamed part when no file was chosen.
            let Some(first) = first
                .filter(|c| !c.is_empty())
                .or_else(|| (!file_name.is_empty()).then(bytes::Bytes::new))
            else {
                continue;
            };
            files += 1;
            if files as usize > limits.max_files {
                return Err(PageError::TooManyFiles(limits.max_files));
            }
            let media_type = field
                .content_type()
                .map(|m| m.essence_str().to_string())
                .unwrap_or_else(|| "application/octet-stream".into());
            let sealer = sealer.get_or_insert_with(|| start_sealer(state, desk, keys, kind, day));
            sealer
                .begin(&file_name, &media_type)
                .await
                .map_err(seal_error)?;
            file_bytes += first.len() as u64;
            if !first.is_empty() {
                sealer.chunk(first).await.map_err(seal_error)?;
            }
            while let Some(chunk) = field
                .chunk()
                .await
                .map_err(|e| multipart_error(&e, limits.max_body_bytes))?
            {
                file_bytes += chunk.len() as u64;
                sealer.chunk(chunk).await.map_err(seal_error)?;
            }
            sealer.end().await.map_err(seal_error)?;
            continue;
        }
        let text = read_text(&mut field, limits.max_field_bytes, limits.max_body_bytes).await?;
        match name.as_str() {
            "csrf" => token_ok = token_matches(csrf, &text),
            "desk" => {
                if !token_ok {
                    return Err(PageError::Forbidden);
                }
                desk = Some(state.desk(&text).ok_or(PageError::UnknownDesk)?.clone());
            }
            "message" => {
                if text.chars().count() > MAX_MESSAGE_CHARS {
                    return Err(PageError::MessageTooLong(MAX_MESSAGE_CHARS));
                }
                message = text;
            }
            "contact" => {
                if text.chars().count() > MAX_CONTACT_CHARS {
                    return Err(PageError::FieldTooLong);
                }
                contact = Some(text);
            }
            _ => return Err(PageError::BadRequest),
        }
    }
    if !token_ok {
        return Err(PageError::Forbidden);
    }
    let desk = desk.ok_or(PageError::UnknownDesk)?;
    if files == 0 && message.trim().is_empty() {
        return Err(PageError::EmptyReport);
    }
    Ok((message, contact, desk, files, file_bytes))
}

fn start_sealer(
    state: &AppState,
    desk: &DeskPublic,
    keys: &MailboxKeys,
    kind: Kind,
    day: &str,
) -> Sealer {
    let header = Header {
        kind,
        channel: Channel::Web,
        day: day.to_string(),
        mailbox: keys.mailbox_ref(),
        reply_recipient: keys.reply_recipient().to_string(),
    };
    Sealer::start(state.store().clone(), desk.clone(), header)
}

/// Reads a text field into a buffer that is wiped when dropped, refusing it past `max`
/// bytes.
async fn read_text(
    field: &mut multer::Field<'_>,
    max: usize,
    max_body: u64,
) -> Result<Zeroizing<String>, PageError> {
    let mut buf = Zeroizing::new(Vec::with_capacity(max.min(64 * 1024)));
    while let Some(chunk) = field
        .chunk()
        .await
        .map_err(|e| multipart_error(&e, max_body))?
    {
        if buf.len() + chunk.len() > max {
            return Err(PageError::FieldTooLong);
        }
        buf.extend_from_slice(&chunk);
    }
    let text = std::str::from_utf8(&buf).map_err(|_| PageError::BadRequest)?;
    Ok(Zeroizing::new(text.to_string()))
}

fn multipart_error(error: &multer::Error, max_body: u64) -> PageError {
    match error {
        multer::Error::StreamSizeExceeded { .. } | multer::Error::FieldSizeExceeded { .. } => {
            PageError::TooLarge(max_body)
        }
        multer::Error::StreamReadFailed(inner) if body_guard::is_too_slow(inner.as_ref()) => {
            PageError::Timeout
        }
        // The drop is stopping and the grace period is over: "try again in a minute".
        multer::Error::StreamReadFailed(inner) if body_guard::is_cut_off(inner.as_ref()) => {
            PageError::Busy
        }
        multer::Error::StreamReadFailed(inner)
            if body_guard::caused_by::<http_body_util::LengthLimitError>(inner.as_ref()) =>
        {
            PageError::TooLarge(max_body)
        }
        _ => PageError::BadRequest,
    }
}

fn seal_error(error: SealError) -> PageError {
    match error {
        SealError::MessageTooLong => PageError::MessageTooLong(MAX_MESSAGE_CHARS),
        SealError::ContactTooLong => PageError::FieldTooLong,
        _ => {
            tracing::error!("sealing failed: {error}");
            PageError::Internal
        }
    }
}
