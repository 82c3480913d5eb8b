//! `amana-review`: the offline reviewer. Builds without any network stack:
//! `cargo build --release --no-default-features --bin amana-review`.
#![forbid(unsafe_code)]

mod cli;
mod reply;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use age::secrecy::SecretString;
use amana::desk::{DeskError, DeskSecret};
use amana::review::{self, exit, terminal_safe, ReviewError};
use clap::Parser;
use zeroize::Zeroizing;

use cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", e.message);
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
            message: e.to_string(),
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
                (None, Some(f)) => std::fs::read_to_string(&f)
                    .map_err(|e| failure(format!("{}: {e}", f.display())))?,
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

fn ask_passphrase(prompt: &str) -> std::io::Result<SecretString> {
    if !std::io::stdin().is_terminal() {
        return Err(std::io::Error::other(
            "no terminal to ask for the passphrase: use --passphrase-file",
        ));
    }
    rpassword::prompt_password(prompt).map(SecretString::from)
}

fn keygen(desk: &str, out: &Path, passphrase_file: Option<&Path>) -> Result<i32, Failure> {
    let secret = DeskSecret::generate(desk)?;
    let key_path = out.join(format!("{desk}.key"));
    let pub_path = out.join(format!("{desk}.pub"));
    for p in [&key_path, &pub_path] {
        if p.exists() {
            return Err(failure(format!(
                "{} already exists; refusing to overwrite a key",
                p.display()
            )));
        }
    }
    let passphrase = match passphrase_file {
        Some(f) => read_passphrase_file(f).map_err(|e| failure(format!("{}: {e}", f.display())))?,
        None => {
            let a = ask_passphrase("Passphrase for the new desk key: ")
                .map_err(|e| failure(e.to_string()))?;
            let b =
                ask_passphrase("Repeat the passphrase: ").map_err(|e| failure(e.to_string()))?;
            use age::secrecy::ExposeSecret;
            if a.expose_secret() != b.expose_secret() {
                return Err(failure("the passphrases differ"));
            }
            a
        }
    };
    {
        use age::secrecy::ExposeSecret;
        if passphrase.expose_secret().chars().count() < 8 {
            return Err(failure(
                "the passphrase is too short (at least 8 characters; use a long one)",
            ));
        }
    }
    amana::util::create_private_dir(out).map_err(|e| failure(format!("{}: {e}", out.display())))?;
    let mut encrypted = Vec::new();
    secret
        .write_encrypted(&mut encrypted, passphrase)
        .map_err(|e| failure(e.to_string()))?;
    let write = |p: &Path, bytes: &[u8]| {
        amana::util::write_durably(p, bytes).map_err(|e| Failure {
            message: format!("{}: {e}", p.display()),
            code: exit::OUTPUT,
        })
    };
    write(&key_path, &encrypted)?;
    let public = secret.to_public();
    write(&pub_path, public.to_text().as_bytes())?;
    println!("Desk {desk}:");
    println!(
        "  secret key file: {} (keep it on this machine; back it up)",
        key_path.display()
    );
    println!(
        "  public file:     {} (copy it into the drop's keys folder)",
        pub_path.display()
    );
    for id in public.key_ids() {
        println!("  recipient key id: {id}");
    }
    if let Some(id) = public.signing_key_id() {
        println!("  signing key id:   {id}");
    }
    Ok(exit::OK)
}

/// Unlocks an identity file, asking for its passphrase only if it has one.
pub(crate) fn unlock(
    identity: &Path,
    passphrase_file: Option<&Path>,
) -> Result<DeskSecret, Failure> {
    Ok(DeskSecret::load(identity, || match passphrase_file {
        Some(f) => read_passphrase_file(f),
        None => ask_passphrase(&format!("Passphrase for {}: ", identity.display())),
    })?)
}

struct TerminalPrompt;

impl review::TrustPrompt for TerminalPrompt {
    fn confirm(&self, fingerprint: &str) -> bool {
        if !std::io::stdin().is_terminal() {
            return false;
        }
        eprintln!("This bundle was signed by a drop this machine has not seen before.");
        eprintln!("Its fingerprint is:\n\n    {fingerprint}\n");
        eprintln!("Compare it, character by character, with the fingerprint the drop printed");
        eprint!("at its first start. Type \"yes\" to trust this drop from now on: ");
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer).is_ok() && answer.trim().eq_ignore_ascii_case("yes")
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
        std::fs::File::open(bundle).map_err(|e| failure(format!("{}: {e}", bundle.display())))?;
    let total = file.metadata().map(|m| m.len()).unwrap_or(0);
    let secret = unlock(identity, passphrase_file)?;
    let progress = indicatif::ProgressBar::new(total);
    if !std::io::stderr().is_terminal() {
        progress.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    progress.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {eta}")
            .expect("valid template"),
    );
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
    println!("Bundle signed by drop {}", report.drop_fingerprint);
    println!(
        "{} envelope(s) listed; {} opened now; {} already opened before; {} for other desks.",
        report.listed,
        report.opened.len(),
        report.already_present.len(),
        report.other_desks.len()
    );
    for m in &report.opened {
        println!(
            "  case {}  {}  ({} attachment(s))",
            m.case,
            m.dir.display(),
            m.attachments
        );
    }
    let mut other: std::collections::BTreeMap<&str, usize> = Default::default();
    for (desk, _) in &report.other_desks {
        *other.entry(desk).or_default() += 1;
    }
    for (desk, count) in other {
        println!(
            "  for desk {}: {count} envelope(s), left sealed",
            terminal_safe(desk)
        );
    }
    for (desk, first, last) in &report.missing_bundles {
        println!(
            "WARNING: bundles {first} to {last} of desk {desk} never reached this machine \
             (withheld or lost): ask the drop's operator."
        );
    }
    for (desk, file) in &report.unknown_key {
        println!(
            "ALARM: {file} is for desk {desk} but sealed to keys this desk does not hold. \
             The drop's key file may have been swapped: stop using the drop and check its keys folder."
        );
    }
    if report.exit_code() == exit::WRONG_KEY {
        println!("This identity opens none of the envelopes in this bundle.");
    }
    Ok(report.exit_code())
}

fn list(dir: &Path) -> Result<i32, Failure> {
    let cases = review::list_cases(dir).map_err(|e| failure(format!("{}: {e}", dir.display())))?;
    if cases.is_empty() {
        println!("No cases in {}.", dir.display());
        return Ok(exit::OK);
    }
    println!(
        "{:<18} {:<20} {:>8}  {:<10}  {:<10}",
        "CASE", "DESK", "MESSAGES", "FIRST", "LATEST"
    );
    for c in cases {
        let first = c.messages.first().expect("non-empty");
        let last = c.messages.last().expect("non-empty");
        println!(
            "{:<18} {:<20} {:>8}  {:<10}  {:<10}",
            c.case,
            terminal_safe(&first.meta.desk),
            c.messages.len(),
            first.meta.day,
            last.meta.day
        );
    }
    Ok(exit::OK)
}

fn show(case: &str, dir: &Path) -> Result<i32, Failure> {
    let summary = review::read_case(dir, case).map_err(|e| failure(format!("case {case}: {e}")))?;
    println!(
        "Case {}: {} message(s)",
        summary.case,
        summary.messages.len()
    );
    for m in &summary.messages {
        let meta = &m.meta;
        println!();
        println!(
            "{}  {:?}  desk {}  via {:?}  envelope {}",
            meta.day, meta.kind, meta.desk, meta.channel, meta.id
        );
        println!("  folder: {}", m.dir.display());
        println!(
            "  message: {} bytes, sha256 {}",
            meta.message.size, meta.message.sha256
        );
        if meta.contact.is_some() {
            println!("  contact details: given (contact.txt)");
        }
        for (item, saved) in meta.attachments.iter().zip(&m.saved_attachments) {
            println!(
                "  attachment {}: {} bytes, {}, sha256 {}",
                terminal_safe(saved),
                item.size,
                terminal_safe(item.media_type.as_deref().unwrap_or("?")),
                item.sha256
            );
            let original = item.name.as_deref().unwrap_or("");
            if original != saved {
                println!("    (sent as \"{}\")", terminal_safe(original));
            }
        }
    }
    Ok(exit::OK)
}
