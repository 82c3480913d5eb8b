//! `reply` and `cases`: answering reporters and following deadlines.

use std::path::{Path, PathBuf};

use amana::desk::DeskSecret;
use amana::reply::{seal_reply, ReplyBundle, ReplyContent, Status, MAX_REPLY_CHARS};
use amana::review::{self, exit, terminal_safe, Due, Regime, Register, RegisterReply};

use crate::i18n::{t, verbatim, Column, Table};
use crate::messages::{path_error, reply_error};
use crate::{failure, write_output, Failure};

/// What `reply` needs.
pub struct ReplyArgs {
    pub case: String,
    pub text: String,
    pub status: Option<Status>,
    pub reason: Option<String>,
    pub referred_to: Option<String>,
    pub out: PathBuf,
    pub secret: DeskSecret,
    pub state_dir: PathBuf,
}

fn new_reply_id() -> String {
    amana::envelope::new_envelope_id()
}

pub fn reply(args: ReplyArgs) -> Result<i32, Failure> {
    let ReplyArgs {
        case,
        text,
        status,
        reason,
        referred_to,
        out,
        secret,
        state_dir,
    } = args;
    if text.chars().count() > MAX_REPLY_CHARS {
        return Err(failure(t!("reply-too-long", max = MAX_REPLY_CHARS)));
    }
    match status {
        Some(Status::Closed) | Some(Status::Referred) if reason.is_none() => {
            return Err(failure(t!("reply-needs-reason", option = "--reason")));
        }
        Some(Status::Referred) if referred_to.is_none() => {
            return Err(failure(t!(
                "reply-needs-referred-to",
                option = "--referred-to BODY"
            )));
        }
        _ => {}
    }
    let Some(signing_key) = secret.signing_key.clone() else {
        return Err(failure(t!(
            "reply-no-signing-key",
            tool = "amana-review keygen"
        )));
    };
    let desk = secret
        .desk
        .clone()
        .ok_or_else(|| failure(t!("reply-no-desk")))?;
    let mut register = Register::load(&state_dir, &secret)?;
    let record = register
        .cases
        .get(&case)
        .ok_or_else(|| failure(t!("reply-no-case", case = &case)))?
        .clone();
    let recipient: age::x25519::Recipient = record
        .reply_recipient
        .parse()
        .map_err(|_| failure(t!("reply-bad-recipient")))?;
    let public = secret.to_public();
    let key_id = public.signing_key_id().expect("has a signing key");

    let mut bundle = if out.exists() {
        let file = std::fs::File::open(&out).map_err(|e| failure(path_error(out.display(), &e)))?;
        ReplyBundle::read_verified(file, std::slice::from_ref(&public), &record.drop).map_err(
            |e| {
                failure(t!(
                    "reply-other-bundle",
                    path = &out,
                    reason = verbatim(reply_error(&e))
                ))
            },
        )?
    } else {
        ReplyBundle::new(&record.drop, &desk, &key_id)
    };
    let content = ReplyContent {
        reply_id: new_reply_id(),
        case: case.clone(),
        sequence: record.next_sequence(),
        day: amana::util::today(),
        text,
        status,
        reason,
        referred_to,
    };
    let internal =
        |e: &dyn std::fmt::Display| failure(t!("internal-error", detail = e.to_string()));
    let sealed = seal_reply(&content, &recipient).map_err(|e| internal(&e))?;
    bundle.push(
        &record.mailbox,
        &case,
        &content.reply_id,
        content.sequence,
        sealed,
    );
    bundle.manifest.acknowledged = register
        .opened
        .get(&record.drop)
        .map(|ids| ids.iter().cloned().collect())
        .unwrap_or_default();
    let mut bytes = Vec::new();
    bundle
        .write(&mut bytes, &signing_key)
        .map_err(|e| internal(&e))?;
    write_output(&out, &bytes)?;
    register.record_reply(
        &case,
        RegisterReply {
            reply_id: content.reply_id.clone(),
            day: content.day.clone(),
            sequence: content.sequence,
            text: content.text.clone(),
            status: content.status,
            reason: content.reason.clone(),
            referred_to: content.referred_to.clone(),
        },
    );
    register.save(&secret)?;
    println!(
        "{}",
        t!(
            "reply-added",
            id = &content.reply_id,
            number = content.sequence,
            case = &case,
            path = &out,
            replies = bundle.manifest.replies.len(),
            acknowledged = bundle.manifest.acknowledged.len()
        )
    );
    println!(
        "{}",
        t!(
            "reply-carry",
            command = verbatim(format!("amana-drop import {}", out.display()))
        )
    );
    Ok(exit::OK)
}

fn show_due(d: Due) -> String {
    match d {
        Due::Met(day) => t!("due-met", day = day.to_string()),
        Due::Due(day) => t!("due-due", day = day.to_string()),
        Due::Overdue(day) => t!("due-overdue", day = day.to_string()),
        Due::NotApplicable => t!("due-none"),
    }
}

fn show_status(status: Status) -> String {
    match status {
        Status::Received => t!("status-received"),
        Status::InReview => t!("status-in-review"),
        Status::Referred => t!("status-referred"),
        Status::Closed => t!("status-closed"),
    }
}

pub fn cases(
    secret: &DeskSecret,
    state_dir: &Path,
    regime: &str,
    today: Option<&str>,
) -> Result<i32, Failure> {
    let regime = Regime::by_name(regime).ok_or_else(|| {
        failure(t!(
            "cases-unknown-regime",
            regime = format!("{regime:?}"),
            first = "eu",
            second = "per-referral-60"
        ))
    })?;
    let today = match today {
        Some(d) => amana::util::parse_day(d)
            .ok_or_else(|| failure(t!("cases-bad-today", option = "--today")))?,
        None => time::OffsetDateTime::now_utc().date(),
    };
    let register = Register::load(state_dir, secret)?;
    if register.cases.is_empty() {
        println!("{}", t!("cases-empty"));
        return Ok(exit::OK);
    }
    // Translated statuses and deadlines may be longer than the English ones.
    let sample = time::macros::date!(2026 - 12 - 31);
    let widest = |cells: &[String], at_least: usize| {
        cells
            .iter()
            .map(|c| crate::i18n::width(c))
            .fold(at_least, usize::max)
    };
    let statuses = [
        Status::Received,
        Status::InReview,
        Status::Referred,
        Status::Closed,
    ];
    let dues = [Due::Met(sample), Due::Due(sample), Due::Overdue(sample)];
    let table = Table::new(vec![
        Column::new(t!("col-case"), Some(17), false, ""),
        Column::new(t!("col-desk"), Some(16), false, " "),
        Column::new(t!("col-arrived"), Some(10), false, " "),
        Column::new(
            t!("col-status"),
            Some(widest(&statuses.map(show_status), 10)),
            false,
            " ",
        ),
        Column::new(t!("col-msgs"), Some(4), true, " "),
        Column::new(t!("col-replies"), Some(7), true, " "),
        Column::new(
            t!("col-acknowledgment"),
            Some(widest(&dues.map(show_due), 24)),
            false,
            "  ",
        ),
        Column::new(t!("col-feedback"), None, false, " "),
    ]);
    println!("{}", table.header());
    let mut overdue = 0;
    for (id, case) in &register.cases {
        let (ack, feedback) = review::deadlines(case, &regime, today);
        overdue += [ack, feedback]
            .iter()
            .filter(|d| matches!(d, Due::Overdue(_)))
            .count();
        println!(
            "{}",
            table.row(&[
                id.clone(),
                terminal_safe(&case.desk),
                case.arrived.to_string(),
                show_status(case.status),
                case.messages.len().to_string(),
                case.replies.len().to_string(),
                show_due(ack),
                show_due(feedback),
            ])
        );
    }
    if overdue > 0 {
        println!("{}", t!("cases-overdue", count = overdue));
    }
    Ok(exit::OK)
}
