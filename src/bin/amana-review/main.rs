//! `amana-review`: the offline reviewer. Builds without any network stack:
//! `cargo build --release --no-default-features --bin amana-review`.
#![forbid(unsafe_code)]

mod cli;
mod i18n;
mod messages;
mod problems;
mod reply;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use age::secrecy::SecretString;
use amana::desk::{DeskError, DeskSecret};
use amana::envelope::{Channel, Kind};
use amana::review::{self, exit, terminal_safe, ReviewError};
use clap::Parser;
use zeroize::Zeroizing;

use cli::{Cli, Command};
use i18n::{t, verbatim, Column};
use messages::path_error;

fn main() -> ExitCode {
    let cli = Cli::parse();
    i18n::set(i18n::choose(cli.lang));
    let code = match run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{}", t!("error", message = verbatim(e.message)));
            e.code
        }
    };
    ExitCode::from(code as u8)
}

pub(crate) struct Failure {
    pub(crate) message: String,
    pub(crate) code: i32,
}

impl From<ReviewError> for Failure {
    fn from(e: ReviewError) -> Self {
        Failure {
            code: e.exit_code(),
            message: messages::review_error(&e),
        }
    }
}

impl From<DeskError> for Failure {
    fn from(e: DeskError) -> Self {
        ReviewError::Identity(e).into()
    }
}

pub(crate) fn failure(message: impl Into<String>) -> Failure {
    Failure {
        message: message.into(),
        code: exit::ERROR,
    }
}

fn run(command: Command) -> Result<i32, Failure> {
    match command {
        Command::Keygen {
            desk,
            out,
            passphrase_file,
        } => keygen(&desk, &out, passphrase_file.as_deref()),
        Command::Open {
            bundle,
            identity,
            out,
            passphrase_file,
            trust_drop,
            state,
        } => open(
            &bundle,
            &identity,
            &out,
            passphrase_file.as_deref(),
            trust_drop,
            state,
        ),
        Command::Reply {
            case,
            identity,
            message,
            message_file,
            status,
            reason,
            referred_to,
            out,
            passphrase_file,
            state,
        } => {
            let text = match (message, message_file) {
                (Some(t), _) => t,
                (None, Some(f)) => {
                    std::fs::read_to_string(&f).map_err(|e| failure(path_error(f.display(), &e)))?
                }
                (None, None) => unreachable!("clap requires one"),
            };
            reply::reply(reply::ReplyArgs {
                case,
                text,
                status,
                reason,
                referred_to,
                out,
                secret: unlock(&identity, passphrase_file.as_deref())?,
                state_dir: state.unwrap_or_else(default_state_dir),
            })
        }
        Command::Cases {
            identity,
            regime,
            today,
            passphrase_file,
            state,
        } => reply::cases(
            &unlock(&identity, passphrase_file.as_deref())?,
            &state.unwrap_or_else(default_state_dir),
            &regime,
            today.as_deref(),
        ),
        Command::List { dir } => list(&dir),
        Command::Show { case, dir } => show(&case, &dir),
    }
}

fn read_passphrase_file(path: &Path) -> std::io::Result<SecretString> {
    let text = Zeroizing::new(std::fs::read_to_string(path)?);
    let line = text.lines().next().unwrap_or_default();
    Ok(SecretString::from(line.to_string()))
}

/// Asks for a passphrase on the terminal after `prompt` (a translated line ending in `:`).
fn ask_passphrase(prompt: &str) -> std::io::Result<SecretString> {
    if !std::io::stdin().is_terminal() {
        return Err(std::io::Error::other(messages::NoTerminal));
    }
    rpassword::prompt_password(format!("{prompt} ")).map(SecretString::from)
}

fn keygen(desk: &str, out: &Path, passphrase_file: Option<&Path>) -> Result<i32, Failure> {
    let secret = DeskSecret::generate(desk)?;
    let key_path = out.join(format!("{desk}.key"));
    let pub_path = out.join(format!("{desk}.pub"));
    for p in [&key_path, &pub_path] {
        if p.exists() {
            return Err(failure(t!("key-exists", path = p)));
        }
    }
    let passphrase = match passphrase_file {
        Some(f) => read_passphrase_file(f).map_err(|e| failure(path_error(f.display(), &e)))?,
        None => {
            let ask = |prompt: String| {
                ask_passphrase(&prompt).map_err(|e| failure(messages::io_error(&e)))
            };
            let a = ask(t!("passphrase-new"))?;
            let b = ask(t!("passphrase-repeat"))?;
            use age::secrecy::ExposeSecret;
            if a.expose_secret() != b.expose_secret() {
                return Err(failure(t!("passphrases-differ")));
            }
            a
        }
    };
    {
        use age::secrecy::ExposeSecret;
        if passphrase.expose_secret().chars().count() < 8 {
            return Err(failure(t!("passphrase-too-short")));
        }
    }
    amana::util::create_private_dir(out).map_err(|e| failure(path_error(out.display(), &e)))?;
    let mut encrypted = Vec::new();
    secret
        .write_encrypted(&mut encrypted, passphrase)
        .map_err(|e| failure(t!("internal-error", detail = e.to_string())))?;
    write_output(&key_path, &encrypted)?;
    let public = secret.to_public();
    write_output(&pub_path, public.to_text().as_bytes())?;
    println!("{}", t!("keygen-desk", desk = desk));
    println!("  {}", t!("keygen-secret-file", path = &key_path));
    println!("  {}", t!("keygen-public-file", path = &pub_path));
    for id in public.key_ids() {
        println!("  {}", t!("keygen-recipient-id", id = id));
    }
    if let Some(id) = public.signing_key_id() {
        println!("  {}", t!("keygen-signing-id", id = id));
    }
    Ok(exit::OK)
}

/// Writes an output file durably; a failure is an output error (exit code 7).
pub(crate) fn write_output(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    amana::util::write_durably(path, bytes).map_err(|e| Failure {
        message: path_error(path.display(), &e),
        code: exit::OUTPUT,
    })
}

/// Unlocks an identity file, asking for its passphrase only if it has one.
pub(crate) fn unlock(
    identity: &Path,
    passphrase_file: Option<&Path>,
) -> Result<DeskSecret, Failure> {
    Ok(DeskSecret::load(identity, || match passphrase_file {
        Some(f) => read_passphrase_file(f),
        None => ask_passphrase(&t!("passphrase-for", path = identity)),
    })?)
}

struct TerminalPrompt;

impl review::TrustPrompt for TerminalPrompt {
    fn confirm(&self, fingerprint: &str) -> bool {
        if !std::io::stdin().is_terminal() {
            return false;
        }
        eprintln!("{}", t!("trust-new-drop"));
        eprintln!("{}\n\n    {fingerprint}\n", t!("trust-fingerprint-is"));
        eprint!("{} ", t!("trust-compare"));
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        if std::io::stdin().read_line(&mut answer).is_err() {
            return false;
        }
        // "yes" is understood in every language, as well as the word the question asks for.
        let answer = answer.trim().to_lowercase();
        answer == "yes" || answer == t!("trust-yes").to_lowercase()
    }
}

fn default_state_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("XDG_DATA_HOME") {
        return PathBuf::from(d).join("amana-review");
    }
    match std::env::var_os("HOME") {
        Some(h) => PathBuf::from(h).join(".local/share/amana-review"),
        None => PathBuf::from(".amana-review"),
    }
}

fn open(
    bundle: &Path,
    identity: &Path,
    out: &Path,
    passphrase_file: Option<&Path>,
    trust_drop: Option<String>,
    state: Option<PathBuf>,
) -> Result<i32, Failure> {
    let file =
        std::fs::File::open(bundle).map_err(|e| failure(path_error(bundle.display(), &e)))?;
    let total = file.metadata().map(|m| m.len()).unwrap_or(0);
    let secret = unlock(identity, passphrase_file)?;
    let progress = indicatif::ProgressBar::new(total);
    if !std::io::stderr().is_terminal() {
        progress.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    progress.set_style(progress_style());
    let prompt = TerminalPrompt;
    let state_dir = state.unwrap_or_else(default_state_dir);
    let options = review::OpenOptions {
        out_dir: out.to_path_buf(),
        state_dir: state_dir.clone(),
        trust_fingerprint: trust_drop,
        prompt: Some(&prompt),
    };
    let result = review::open_bundle(progress.wrap_read(file), &secret, &options);
    progress.finish_and_clear();
    let report = result?;
    let mut register = review::Register::load(&state_dir, &secret)?;
    for meta in report
        .opened
        .iter()
        .map(|m| &m.meta)
        .chain(&report.already_present_meta)
    {
        register.record_message(meta, &report.drop_fingerprint);
    }
    register.save(&secret)?;
    println!(
        "{}",
        t!(
            "open-signed-by",
            fingerprint = verbatim(&report.drop_fingerprint)
        )
    );
    println!(
        "{}",
        t!(
            "open-counts",
            listed = report.listed,
            opened = report.opened.len(),
            before = report.already_present.len(),
            other = report.other_desks.len()
        )
    );
    for m in &report.opened {
        println!(
            "  {}",
            t!(
                "open-case",
                case = &m.case,
                dir = &m.dir,
                attachments = m.attachments
            )
        );
    }
    let mut other: std::collections::BTreeMap<&str, usize> = Default::default();
    for (desk, _) in &report.other_desks {
        *other.entry(desk).or_default() += 1;
    }
    for (desk, count) in other {
        println!(
            "  {}",
            t!("open-other-desk", desk = terminal_safe(desk), count = count)
        );
    }
    for (desk, first, last) in &report.missing_bundles {
        println!(
            "{}",
            t!(
                "open-missing-bundles",
                first = *first,
                last = *last,
                desk = terminal_safe(desk)
            )
        );
    }
    for (desk, file) in &report.unknown_key {
        println!(
            "{}",
            t!(
                "open-unknown-key",
                file = terminal_safe(file),
                desk = terminal_safe(desk)
            )
        );
    }
    if report.exit_code() == exit::WRONG_KEY {
        println!("{}", t!("open-wrong-key"));
    }
    Ok(report.exit_code())
}

fn list(dir: &Path) -> Result<i32, Failure> {
    let cases = review::list_cases(dir).map_err(|e| failure(path_error(dir.display(), &e)))?;
    if cases.is_empty() {
        println!("{}", t!("list-empty", dir = dir));
        return Ok(exit::OK);
    }
    let table = i18n::Table::new(vec![
        Column::new(t!("col-case"), Some(18), false, ""),
        Column::new(t!("col-desk"), Some(20), false, " "),
        Column::new(t!("col-messages"), Some(8), true, " "),
        Column::new(t!("col-first"), Some(10), false, "  "),
        Column::new(t!("col-latest"), Some(10), false, "  "),
    ]);
    println!("{}", table.header());
    for c in cases {
        let first = c.messages.first().expect("non-empty");
        let last = c.messages.last().expect("non-empty");
        println!(
            "{}",
            table.row(&[
                c.case.clone(),
                terminal_safe(&first.meta.desk),
                c.messages.len().to_string(),
                first.meta.day.clone(),
                last.meta.day.clone(),
            ])
        );
    }
    Ok(exit::OK)
}

fn show(case: &str, dir: &Path) -> Result<i32, Failure> {
    let case_failure = |reason: String| {
        failure(t!(
            "show-case-error",
            case = case,
            reason = verbatim(reason)
        ))
    };
    // The library says the same, in English only.
    if case.is_empty() || !case.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(case_failure(t!(
            "show-bad-case-id",
            command = "amana-review list"
        )));
    }
    let summary = review::read_case(dir, case).map_err(|e| case_failure(messages::io_error(&e)))?;
    println!(
        "{}",
        t!(
            "show-case",
            case = &summary.case,
            count = summary.messages.len()
        )
    );
    for m in &summary.messages {
        let meta = &m.meta;
        let kind = match meta.kind {
            Kind::Report => t!("kind-report"),
            Kind::FollowUp => t!("kind-follow-up"),
        };
        let channel = match meta.channel {
            Channel::Web => t!("channel-web"),
            Channel::Phone => t!("channel-phone"),
            Channel::Counter => t!("channel-counter"),
            Channel::Post => t!("channel-post"),
        };
        println!();
        println!(
            "{}",
            t!(
                "show-envelope",
                day = &meta.day,
                kind = verbatim(kind),
                desk = terminal_safe(&meta.desk),
                channel = verbatim(channel),
                id = &meta.id
            )
        );
        println!("  {}", t!("show-folder", dir = &m.dir));
        println!(
            "  {}",
            t!(
                "show-message",
                size = meta.message.size,
                sha256 = &meta.message.sha256
            )
        );
        if meta.contact.is_some() {
            println!("  {}", t!("show-contact"));
        }
        for (item, saved) in meta.attachments.iter().zip(&m.saved_attachments) {
            println!(
                "  {}",
                t!(
                    "show-attachment",
                    name = terminal_safe(saved),
                    size = item.size,
                    media_type = terminal_safe(item.media_type.as_deref().unwrap_or("?")),
                    sha256 = &item.sha256
                )
            );
            let original = item.name.as_deref().unwrap_or("");
            if original != saved {
                println!("    {}", t!("show-sent-as", name = terminal_safe(original)));
            }
        }
    }
    Ok(exit::OK)
}

/// The progress bar of `open`: indicatif's own units in English, translated ones otherwise.
fn progress_style() -> indicatif::ProgressStyle {
    let style = indicatif::ProgressStyle::with_template(match i18n::tr().lang() {
        i18n::Lang::En => "{bar:40} {bytes}/{total_bytes} {eta}",
        // Shorter: translated units are longer, and the line must fit 80 columns.
        _ => "{bar:30} {done}/{total} {left}",
    })
    .expect("valid template");
    let size = |bytes: u64| {
        let mut value = bytes as f64;
        let mut unit = 0;
        while value >= 1024.0 && unit < 4 {
            value /= 1024.0;
            unit += 1;
        }
        let n = if unit == 0 {
            format!("{value:.0}")
        } else {
            format!("{value:.2}").replace('.', &t!("progress-decimal-mark"))
        };
        let units = ["b", "kib", "mib", "gib", "tib"];
        t!("progress-size", n = n, unit = verbatim(units[unit]))
    };
    style
        .with_key(
            "done",
            move |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = w.write_str(&size(s.pos()));
            },
        )
        .with_key(
            "total",
            move |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = w.write_str(&size(s.len().unwrap_or(0)));
            },
        )
        .with_key(
            "left",
            |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let secs = s.eta().as_secs();
                let (n, unit) = match secs {
                    s if s < 90 => (s, "s"),
                    s if s < 90 * 60 => ((s + 30) / 60, "m"),
                    s => ((s + 1800) / 3600, "h"),
                };
                let _ = w.write_str(&t!("progress-left", n = n, unit = verbatim(unit)));
            },
        )
}
