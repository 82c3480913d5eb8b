//! `reply` and `cases`: answering reporters and following deadlines.

use std::path::{Path, PathBuf};

use amana::desk::DeskSecret;
use amana::reply::{seal_reply, ReplyBundle, ReplyContent, Status, MAX_REPLY_CHARS};
use amana::review::{self, exit, terminal_safe, Due, Regime, Register, RegisterReply};

use crate::{failure, Failure};

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
        return Err(failure(format!(
            "a reply has at most {MAX_REPLY_CHARS} characters"
        )));
    }
    match status {
        Some(Status::Closed) | Some(Status::Referred) if reason.is_none() => {
            return Err(failure(
                "closing or referring a case needs --reason (the reporter sees it)",
            ));
        }
        Some(Status::Referred) if referred_to.is_none() => {
            return Err(failure("referring a case needs --referred-to BODY"));
        }
        _ => {}
    }
    let Some(signing_key) = secret.signing_key.clone() else {
        return Err(failure(
            "this identity has no signing key: replies are signed with the desk key made by `amana-review keygen`",
        ));
    };
    let desk = secret
        .desk
        .clone()
        .ok_or_else(|| failure("this identity names no desk"))?;
    let mut register = Register::load(&state_dir, &secret)?;
    let record = register
        .cases
        .get(&case)
        .ok_or_else(|| {
            failure(format!(
                "no case {case} in the register: open its bundle first"
            ))
        })?
        .clone();
    let recipient: age::x25519::Recipient = record
        .reply_recipient
        .parse()
        .map_err(|_| failure("the case's reply key is malformed"))?;
    let public = secret.to_public();
    let key_id = public.signing_key_id().expect("has a signing key");

    let mut bundle = if out.exists() {
        let file =
            std::fs::File::open(&out).map_err(|e| failure(format!("{}: {e}", out.display())))?;
        ReplyBundle::read_verified(file, std::slice::from_ref(&public), &record.drop).map_err(
            |e| {
                failure(format!(
                    "{}: {e} (write replies for another drop or desk to another file)",
                    out.display()
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
    let sealed = seal_reply(&content, &recipient).map_err(|e| failure(e.to_string()))?;
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
        .map_err(|e| failure(e.to_string()))?;
    amana::util::write_durably(&out, &bytes).map_err(|e| Failure {
        message: format!("{}: {e}", out.display()),
        code: exit::OUTPUT,
    })?;
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
        "Reply {} (number {}) to case {case} added to {}; {} repl(ies) in the bundle, {} envelope(s) acknowledged.",
        content.reply_id,
        content.sequence,
        out.display(),
        bundle.manifest.replies.len(),
        bundle.manifest.acknowledged.len()
    );
    println!(
        "Carry it to the drop and run: amana-drop import {}",
        out.display()
    );
    Ok(exit::OK)
}

fn show_due(d: Due) -> String {
    match d {
        Due::Met(day) => format!("done {day}"),
        Due::Due(day) => format!("due {day}"),
        Due::Overdue(day) => format!("OVERDUE since {day}"),
        Due::NotApplicable => "-".into(),
    }
}

pub fn cases(
    secret: &DeskSecret,
    state_dir: &Path,
    regime: &str,
    today: Option<&str>,
) -> Result<i32, Failure> {
    let regime = Regime::by_name(regime).ok_or_else(|| {
        failure(format!(
            "unknown regime {regime:?}: use eu or per-referral-60"
        ))
    })?;
    let today = match today {
        Some(d) => amana::util::parse_day(d).ok_or_else(|| failure("--today takes YYYY-MM-DD"))?,
        None => time::OffsetDateTime::now_utc().date(),
    };
    let register = Register::load(state_dir, secret)?;
    if register.cases.is_empty() {
        println!("No cases in the register yet.");
        return Ok(exit::OK);
    }
    println!(
        "{:<17} {:<16} {:<10} {:<10} {:>4} {:>7}  {:<24} FEEDBACK",
        "CASE", "DESK", "ARRIVED", "STATUS", "MSGS", "REPLIES", "ACKNOWLEDGMENT"
    );
    let mut overdue = 0;
    for (id, case) in &register.cases {
        let (ack, feedback) = review::deadlines(case, &regime, today);
        overdue += [ack, feedback]
            .iter()
            .filter(|d| matches!(d, Due::Overdue(_)))
            .count();
        println!(
            "{:<17} {:<16} {:<10} {:<10} {:>4} {:>7}  {:<24} {}",
            id,
            terminal_safe(&case.desk),
            case.arrived,
            case.status.as_str(),
            case.messages.len(),
            case.replies.len(),
            show_due(ack),
            show_due(feedback)
        );
    }
    if overdue > 0 {
        println!("{overdue} deadline(s) overdue.");
    }
    Ok(exit::OK)
}
