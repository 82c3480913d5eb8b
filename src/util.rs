//! Small helpers shared by several stages: days, hex, durable file writes.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

/// Today's date (UTC) as `YYYY-MM-DD`. Amana stores days, never times of day.
pub fn today() -> String {
    day_of(time::OffsetDateTime::now_utc())
}

/// Formats the day part of a timestamp as `YYYY-MM-DD`.
pub fn day_of(t: time::OffsetDateTime) -> String {
    format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day())
}

/// Parses `YYYY-MM-DD` into a date, or `None` when malformed.
pub fn parse_day(s: &str) -> Option<time::Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s, &format).ok()
}

/// Seconds since the Unix epoch at the start (00:00 UTC) of a `YYYY-MM-DD` day.
pub fn day_start_unix(day: &str) -> Option<u64> {
    let date = parse_day(day)?;
    let ts = date.midnight().assume_utc().unix_timestamp();
    u64::try_from(ts).ok()
}

/// Writes `bytes` to `path` durably: a temporary file in the same folder, fsync, rename,
/// fsync of the folder. Readers see the old file or the new one, never half of one.
pub fn write_durably(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".amana-tmp-")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir)
}

/// Fsyncs a directory so that a rename inside it survives a crash.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Creates a directory (and parents) readable only by its owner where the platform allows.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// A writer that counts and hashes (SHA-256) what passes through it.
pub struct HashingWriter<W> {
    inner: W,
    hasher: sha2::Sha256,
    written: u64,
}

impl<W: Write> HashingWriter<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        use sha2::Digest;
        HashingWriter {
            inner,
            hasher: sha2::Sha256::new(),
            written: 0,
        }
    }

    /// Bytes written so far.
    pub fn written(&self) -> u64 {
        self.written
    }

    /// Returns the inner writer, the byte count and the SHA-256 of everything written.
    pub fn finish(self) -> (W, u64, [u8; 32]) {
        use sha2::Digest;
        (self.inner, self.written, self.hasher.finalize().into())
    }
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        use sha2::Digest;
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// A reader that counts and hashes (SHA-256) what passes through it.
pub struct HashingReader<R> {
    inner: R,
    hasher: sha2::Sha256,
    read: u64,
}

impl<R: io::Read> HashingReader<R> {
    /// Wraps `inner`.
    pub fn new(inner: R) -> Self {
        use sha2::Digest;
        HashingReader {
            inner,
            hasher: sha2::Sha256::new(),
            read: 0,
        }
    }

    /// Bytes read so far.
    pub fn read_count(&self) -> u64 {
        self.read
    }

    /// Returns the byte count and the SHA-256 of everything read.
    pub fn finish(self) -> (u64, [u8; 32]) {
        use sha2::Digest;
        (self.read, self.hasher.finalize().into())
    }
}

impl<R: io::Read> io::Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        use sha2::Digest;
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.read += n as u64;
        Ok(n)
    }
}

/// SHA-256 of `parts` concatenated.
pub fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}
